package chat.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One connected session: shows the server's lines as they arrive and sends the user's lines from an input thread. */
final class ClientSession {

  static final int MAX_LINE_BYTES = 64 * 1024;
  /** How long to wait for the server to close the connection after quit before closing it ourselves. */
  static final long QUIT_GRACE_MS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

  private final Vertx vertx;
  private final NetSocket socket;
  private final Console console;
  private final Promise<Integer> exit = Promise.promise();
  // Written by the input thread, read by the event loop and vice versa.
  private volatile boolean quitting;
  private volatile boolean closed;
  private volatile long graceTimer = -1;
  private boolean overlong;

  ClientSession(Vertx vertx, NetSocket socket, Console console) {
    this.vertx = vertx;
    this.socket = socket;
    this.console = console;
  }

  /** Starts the session; completes with 0 once the server closed after the user quit, 1 if it closed first. */
  Future<Integer> run() {
    RecordParser lines = RecordParser.newDelimited("\n").maxRecordSize(MAX_LINE_BYTES);
    lines.handler(this::show);
    lines.exceptionHandler(e -> overlong());
    socket.handler(lines);
    socket.exceptionHandler(e -> LOG.debug("Connection error", e));
    socket.closeHandler(v -> closed());
    Thread input = new Thread(this::pumpInput, "chat-client-input");
    // Plain stdin cannot be interrupted; a daemon thread lets the JVM exit while it is blocked reading.
    input.setDaemon(true);
    input.start();
    return exit.future();
  }

  static boolean isQuit(String line) {
    String command = line.trim();
    return command.equalsIgnoreCase("quit") || command.equalsIgnoreCase("/quit");
  }

  private void show(Buffer record) {
    // The parser only checks an unfinished record, so a long line that arrives whole gets here.
    if (record.length() > MAX_LINE_BYTES) {
      overlong();
      return;
    }
    if (overlong) {
      return;
    }
    String line = record.toString(StandardCharsets.UTF_8);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    console.println(line);
  }

  private void overlong() {
    if (!overlong) {
      overlong = true;
      console.error("The server sent a line longer than " + MAX_LINE_BYTES + " bytes; disconnecting.");
      socket.close();
    }
  }

  private void pumpInput() {
    try {
      String line;
      while (!closed && (line = console.readLine()) != null) {
        if (isQuit(line)) {
          quit(line);
          return;
        }
        // Waiting for each write keeps a large piped input from piling up in memory; this is not an event loop.
        socket.write(line + "\n").await();
      }
    } catch (Exception e) {
      if (!closed) {
        LOG.debug("Input ended", e);
      }
    }
    if (!closed) {
      // Input ended without quit (end of a script, Ctrl-D): leave the way a user would.
      quit("quit");
    }
  }

  private void quit(String line) {
    // Set before writing: the server may close before the write completes.
    quitting = true;
    socket.write(line + "\n");
    graceTimer = vertx.setTimer(QUIT_GRACE_MS, id -> {
      LOG.debug("No close from the server after quit; closing");
      socket.close();
    });
  }

  private void closed() {
    closed = true;
    vertx.cancelTimer(graceTimer);
    if (!quitting) {
      console.println("Disconnected from server.");
    }
    exit.complete(quitting ? 0 : 1);
  }
}
