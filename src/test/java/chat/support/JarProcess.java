package chat.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged fat jar running as a child process, with its output read line by line. */
public final class JarProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Chat server listening on [^ ]*:(\\d+)");
  private static final Pattern WEB = Pattern.compile("web page on http://[^ ]*:(\\d+)/");
  private static final Pattern ADMIN = Pattern.compile("admin on http://[^ ]*:(\\d+)/");

  private final Process process;
  private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private int port = -1;
  private String listening;

  private JarProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          output.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "jar-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static Path jar() {
    Path jar = Path.of(System.getProperty("chat.jar", "target/chat.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the tests with mvn verify");
    }
    return jar;
  }

  /** Starts {@code java -jar chat.jar args...} with extra environment variables, output merged. */
  public static JarProcess start(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      return new JarProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts another node once {@code previous} is listening (its port is then {@link #port}). */
  public static JarProcess startAfter(JarProcess previous, Map<String, String> env, String... args) {
    previous.port = previous.awaitListening(60);
    return start(env, args);
  }

  /** The port this node said it listens on, waiting for it if it has not said so yet. */
  public int port() {
    if (port < 0) {
      port = awaitListening(60);
    }
    return port;
  }

  /** The port of the web page and its WebSocket, from the "listening" line. */
  public int webPort() {
    port();
    Matcher m = WEB.matcher(listening);
    if (!m.find()) {
      throw new AssertionError("no web page in: " + listening);
    }
    return Integer.parseInt(m.group(1));
  }

  /** The port of the admin listener, from the "listening" line. */
  public int adminPort() {
    port();
    Matcher m = ADMIN.matcher(listening);
    if (!m.find()) {
      throw new AssertionError("no admin listener in: " + listening);
    }
    return Integer.parseInt(m.group(1));
  }

  /** A config file on 127.0.0.1 and random ports (web and admin too), with the given extra JSON fields. */
  public static Path config(String extraJson) {
    try {
      Path file = Files.createTempFile("chat-config", ".json");
      String extra = extraJson.isBlank() ? "" : ", " + extraJson;
      String store = "\"store\": {\"path\": \"" + TestNodes.freshStorePath() + "\"}";
      Files.writeString(file, "{\"host\": \"127.0.0.1\", \"port\": 0, \"http\": {\"port\": 0}, \"admin\": {\"port\": 0}, \"instances\": 2, "
          + store + extra + "}");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the server's "listening" log line and returns the port it names. */
  public int awaitListening(long timeoutSeconds) {
    listening = awaitLine(l -> LISTENING.matcher(l).find(), timeoutSeconds);
    Matcher m = LISTENING.matcher(listening);
    m.find();
    return Integer.parseInt(m.group(1));
  }

  /** Waits for an output line that matches, failing with everything seen if none comes in time. */
  public String awaitLine(java.util.function.Predicate<String> wanted, long timeoutSeconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    try {
      while (true) {
        String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("no such output line within " + timeoutSeconds + " s; output was:\n" + String.join("\n", seen));
        }
        seen.add(line);
        if (wanted.test(line)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every output line so far, including those no wait has read yet. */
  public List<String> allOutput() {
    for (String line; (line = output.poll()) != null; ) {
      seen.add(line);
    }
    return List.copyOf(seen);
  }

  /** Every output line a wait has read so far. */
  public List<String> seen() {
    return List.copyOf(seen);
  }

  /** Sends a signal such as STOP or CONT to the process (with kill(1): Java sends only TERM and KILL). */
  public void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public Process process() {
    return process;
  }

  /** Sends SIGTERM and waits for the process to exit; returns its exit code. */
  public int terminate(long timeoutSeconds) {
    process.destroy();
    return waitFor(timeoutSeconds);
  }

  public int waitFor(long timeoutSeconds) {
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError("process still running after " + timeoutSeconds + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
