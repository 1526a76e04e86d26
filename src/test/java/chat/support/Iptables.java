package chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Rules on the loopback interface for tests that cut connections; needs root and iptables (.ci/run installs it). */
public final class Iptables {

  private Iptables() {
  }

  /** The iptables binary that works here, or null (not root, not installed). */
  public static String find() throws InterruptedException {
    for (String candidate : new String[] {"/usr/sbin/iptables", "/usr/sbin/iptables-legacy", "/sbin/iptables"}) {
      if (new File(candidate).canExecute() && exitCode(candidate, "-L", "INPUT", "-n") == 0) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs {@code iptables action rule...}, e.g. {@code -I} or {@code -D}, failing the test if it fails. */
  public static void run(String iptables, String action, List<String> rule) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of(iptables, action));
    command.addAll(rule);
    assertEquals(0, exitCode(command.toArray(String[]::new)), "iptables " + action + " " + rule + " failed");
  }

  private static int exitCode(String... command) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
