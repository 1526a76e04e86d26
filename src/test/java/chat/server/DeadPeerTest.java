package chat.server;

import chat.ChatNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer that vanishes without closing: its packets are dropped with an iptables rule on the
 * loopback interface (the "cable pull"), so only TCP keepalive can tell. Needs root and iptables,
 * which .ci/run installs; elsewhere the test is skipped.
 */
class DeadPeerTest {

  @Test
  void aVanishedPeerIsDroppedWhileAnIdleOneStays() throws Exception {
    String iptables = iptables();
    assumeTrue(iptables != null, "needs root and a working iptables");
    // The native transport, as ./run.sh uses: it also bounds unacknowledged data (TCP_USER_TIMEOUT).
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    assumeTrue(vertx.isNativeTransportEnabled(), "needs Netty's epoll transport");
    ChatNode node = TestNodes.start(vertx, new JsonObject().put("deadPeerSeconds", 6));
    try (LineClient idle = LineClient.login(node.port(), "Idle"); LineClient ghost = LineClient.login(node.port(), "Ghost")) {
      idle.expect("Ghost has joined the chat.");
      String port = String.valueOf(ghost.socket().getLocalPort());
      List<String> rule = List.of("INPUT", "-i", "lo", "-p", "tcp", "--sport", port, "-j", "DROP");
      run(iptables, "-I", rule);
      try {
        // Nothing is sent to either; the server's keepalive probes find that Ghost no longer answers.
        idle.expect("Ghost has disconnected.");
      } finally {
        run(iptables, "-D", rule);
      }
      idle.send("/users");
      idle.expect("Online users (1): Idle");
    } finally {
      TestNodes.await(node.shutdown());
      TestNodes.await(vertx.close());
    }
  }

  private static String iptables() throws InterruptedException {
    for (String candidate : new String[] {"/usr/sbin/iptables", "/usr/sbin/iptables-legacy", "/sbin/iptables"}) {
      if (new File(candidate).canExecute() && exitCode(candidate, "-L", "INPUT", "-n") == 0) {
        return candidate;
      }
    }
    return null;
  }

  private static void run(String iptables, String action, List<String> rule) throws Exception {
    List<String> command = new ArrayList<>(List.of(iptables, action));
    command.addAll(rule);
    assertEquals(0, exitCode(command.toArray(String[]::new)), "iptables " + action + " failed");
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
