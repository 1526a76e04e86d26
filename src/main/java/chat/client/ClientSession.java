package chat.client;

import chat.protocol.Command;
import chat.protocol.Text;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: frames and shows the server's lines, sends the user's, and tells how it ended.
 * Every method runs on the connection's context.
 */
final class ClientSession {

  /** How a connection ended. */
  enum Ending { QUIT, LOST, SERVER_ENDED, NAME_REFUSED, NO_PLAIN_ANSWER, BROKEN }

  static final int MAX_LINE_BYTES = 64 * 1024;
  static final String DISCONNECTED = "Disconnected from server.";

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

  private final Vertx vertx;
  private final NetSocket socket;
  private final Console console;
  private final ClientTimings timings;
  private final String address;
  private final boolean checkPlain;
  private final Promise<Ending> ended = Promise.promise();
  private final LoginDialogue login;
  private boolean heard;
  private boolean quitting;
  private boolean overlong;
  private boolean serverEnded;
  private long firstLineTimer = -1;
  private long graceTimer = -1;

  /**
   * @param checkPlain whether a silent server, or one that closes before saying anything, means the
   *     port speaks TLS: true for the first plain-text connection of a run
   * @param autoLogin the name to answer the prompt with, when reconnecting; null to let the user type it
   */
  ClientSession(Vertx vertx, NetSocket socket, Console console, ClientTimings timings, String address,
      boolean checkPlain, String autoLogin) {
    this.vertx = vertx;
    this.socket = socket;
    this.console = console;
    this.timings = timings;
    this.address = address;
    this.checkPlain = checkPlain;
    this.login = new LoginDialogue(console, line -> socket.write(line + "\n"), socket::close, autoLogin);
  }

  static String noPlainAnswer(String address) {
    return "No answer in plain text from " + address + "; if it is a TLS port, try --tls.";
  }

  /** Starts the session; completes once the connection is closed. */
  Future<Ending> run() {
    RecordParser lines = RecordParser.newDelimited("\n").maxRecordSize(MAX_LINE_BYTES);
    lines.handler(this::received);
    lines.exceptionHandler(e -> overlong());
    socket.handler(lines);
    socket.exceptionHandler(e -> LOG.debug("Connection error", e));
    socket.closeHandler(v -> closed());
    if (checkPlain) {
      // A TLS server says nothing until it gets a ClientHello.
      firstLineTimer = vertx.setTimer(timings.firstLineMs(), id -> socket.close());
    }
    return ended.future();
  }

  /** The name the server welcomed, or null before that. */
  String name() {
    return login.name();
  }

  /**
   * Sends a typed line. Completes when the next may be sent: once written, and for a script's
   * name once the server accepted it; fails when the session is over or the name was refused.
   */
  Future<Void> send(String line) {
    if (ended.future().isComplete()) {
      return Future.failedFuture("not connected");
    }
    boolean script = !console.interactive();
    if (!script && line.isBlank()) {
      return Future.succeededFuture();
    }
    if (login.loggingInAgain()) {
      // Sent now, the line would reach the server before the name and be taken for it.
      console.status("Not sent while logging in again: " + line);
      return Future.succeededFuture();
    }
    Future<Void> written = socket.write(line + "\n");
    if (login.name() == null) {
      return login.sent(line, written);
    }
    if (!script) {
      String clean = Text.clean(line);
      if (!clean.isBlank()) {
        Command command = Command.parse(clean);
        if (command.kind() == Command.Kind.MESSAGE) {
          console.sentPublic(command.text());
        }
      }
    }
    return written;
  }

  void quit(String line) {
    if (ended.future().isComplete()) {
      return;
    }
    // Set before writing: the server may close before the write completes.
    quitting = true;
    socket.write(line + "\n");
    graceTimer = vertx.setTimer(timings.quitGraceMs(), id -> {
      LOG.debug("No close from the server after quit; closing");
      socket.close();
    });
  }

  private void received(Buffer record) {
    // The parser only checks an unfinished record, so a long line that arrives whole gets here.
    if (record.length() > MAX_LINE_BYTES) {
      overlong();
      return;
    }
    if (overlong || login.refused()) {
      return;
    }
    if (!heard) {
      heard = true;
      vertx.cancelTimer(firstLineTimer);
    }
    String raw = record.toString(StandardCharsets.UTF_8);
    if (raw.endsWith("\r")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    ServerLine line = ServerLine.parse(raw);
    if (login.name() == null && login.received(line)) {
      return;
    }
    if (line.kind() == ServerLine.Kind.SHUTDOWN || line.kind() == ServerLine.Kind.KICKED) {
      serverEnded = true;
    }
    console.show(line);
  }

  private void overlong() {
    if (!overlong) {
      overlong = true;
      console.error("The server sent a line longer than " + MAX_LINE_BYTES + " bytes; disconnecting.");
      socket.close();
    }
  }

  private void closed() {
    vertx.cancelTimer(firstLineTimer);
    vertx.cancelTimer(graceTimer);
    if (login.name() != null) {
      console.loggedIn(null);
    }
    Ending ending;
    if (checkPlain && !heard) {
      console.error(noPlainAnswer(address));
      ending = Ending.NO_PLAIN_ANSWER;
    } else if (login.refused()) {
      ending = Ending.NAME_REFUSED;
    } else if (quitting) {
      ending = Ending.QUIT;
    } else {
      console.status(DISCONNECTED);
      ending = overlong ? Ending.BROKEN : serverEnded ? Ending.SERVER_ENDED : Ending.LOST;
    }
    login.closed();
    ended.complete(ending);
  }
}
