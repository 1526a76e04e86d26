package chat.client;

import io.vertx.core.Future;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what the user types on a thread of its own and hands it on line by line, each once the last was taken. */
final class InputPump {

  /** Where the lines go. */
  interface Target {
    /** Takes one line; the next is read once this completes, and none is after it fails. */
    Future<Void> line(String line);

    /** The user quit with {@code line}, or input ended ({@code quit}); nothing is read after it. */
    void quit(String line);
  }

  private static final Logger LOG = LoggerFactory.getLogger(InputPump.class);

  private final Console console;
  private final Target target;
  private volatile boolean stopped;

  InputPump(Console console, Target target) {
    this.console = console;
    this.target = target;
  }

  static boolean isQuit(String line) {
    String command = line.trim();
    return command.equalsIgnoreCase("quit") || command.equalsIgnoreCase("/quit");
  }

  void start() {
    Thread input = new Thread(this::pump, "chat-client-input");
    // Plain stdin cannot be interrupted; a daemon thread lets the JVM exit while it is blocked reading.
    input.setDaemon(true);
    input.start();
  }

  /** No more lines are handed on, not even the quit at the end of input. */
  void stop() {
    stopped = true;
  }

  private void pump() {
    try {
      String typed;
      while (!stopped && (typed = console.readLine()) != null) {
        // Several lines at once are a paste: each is sent as a line of its own.
        for (String line : typed.split("\n", -1)) {
          if (stopped) {
            return;
          }
          if (isQuit(line)) {
            target.quit(line);
            return;
          }
          if (!taken(line)) {
            return;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!stopped) {
        LOG.debug("Input ended", e);
      }
    }
    if (!stopped) {
      // Input ended without quit (end of a script, Ctrl-D): leave the way a user would.
      target.quit("quit");
    }
  }

  private boolean taken(String line) {
    try {
      // Waiting keeps a large piped input from piling up in memory; this is not an event loop.
      target.line(line).await();
      return true;
    } catch (Exception e) {
      LOG.debug("Input stopped: {}", e.getMessage());
      return false;
    }
  }
}
