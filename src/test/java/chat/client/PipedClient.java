package chat.client;

import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The client run as a script: input from a string or a pipe, stdout and stderr kept as lines. */
final class PipedClient {

  /** How a run ended and what it printed. */
  record Result(int code, List<String> out, List<String> err) {
    String transcript() {
      return "exit " + code + "\nout:\n" + String.join("\n", out) + "\nerr:\n" + String.join("\n", err);
    }
  }

  private PipedClient() {
  }

  static Result run(Vertx vertx, String input, String... args) {
    return run(vertx, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), ClientTimings.DEFAULT, args);
  }

  /** Runs the client to its end from a thread that is not an event loop. */
  static Result run(Vertx vertx, InputStream in, ClientTimings timings, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PlainConsole console = new PlainConsole(in, print(out), print(err));
    try {
      int code = ChatClient.start(vertx, ClientOptions.parse(args), console, timings).await(30, TimeUnit.SECONDS);
      return new Result(code, lines(out), lines(err));
    } catch (Exception e) {
      throw new AssertionError("the client did not end; out:\n" + lines(out) + "\nerr:\n" + lines(err), e);
    } finally {
      console.close();
    }
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static List<String> lines(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
