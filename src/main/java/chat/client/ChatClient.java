package chat.client;

import io.netty.handler.ssl.NotSslRecordException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Console chat client: connects over TCP (optionally TLS), shows the server's lines and sends the user's.
 *
 * <p>Exit codes: 0 when the user quit ({@code quit} or {@code /quit}, or input ended) and the server
 * closed the connection; 1 when the connection was refused or lost without the user quitting, or
 * the port speaks TLS and the client did not (or the other way round); 2 for bad options; 3 when
 * input is not a terminal and the server refused the name.
 */
public final class ChatClient {

  static final String INSECURE_WARNING =
      "Warning: --insecure accepts any server certificate; use --trust <cert.pem> instead.";
  static final String NOT_TLS = "the server there does not speak TLS; try without --tls.";
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private ChatClient() {
  }

  /** Runs the client for {@code client ARGS} on the process's console and returns the exit code. */
  public static int run(String[] args) {
    ClientOptions options;
    try {
      options = ClientOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(ClientOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      System.out.println(ClientOptions.USAGE);
      return 0;
    }
    Vertx vertx = Vertx.vertx();
    try (Console console = openConsole(options)) {
      return start(vertx, options, console).await();
    } catch (IOException e) {
      System.err.println("Cannot open the terminal: " + e.getMessage());
      return 1;
    } finally {
      vertx.close().await();
    }
  }

  /** Runs a session over plain streams, as with piped input; completes with the exit code. */
  public static Future<Integer> start(Vertx vertx, ClientOptions options, InputStream in, PrintStream out,
      PrintStream err) {
    Console console = new PlainConsole(in, out, err);
    return start(vertx, options, console).eventually(() -> {
      console.close();
      return Future.succeededFuture();
    });
  }

  /** Connects and runs the client on {@code console}; completes with the exit code, never fails. */
  public static Future<Integer> start(Vertx vertx, ClientOptions options, Console console) {
    return start(vertx, options, console, ClientTimings.DEFAULT);
  }

  static Future<Integer> start(Vertx vertx, ClientOptions options, Console console, ClientTimings timings) {
    if (options.insecure()) {
      console.error(INSECURE_WARNING);
    }
    return new ClientRun(vertx, options, console, timings).start();
  }

  static NetClientOptions netOptions(ClientOptions options) {
    NetClientOptions net = new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS);
    if (!options.tls()) {
      return net;
    }
    net.setSsl(true).setSslHandshakeTimeout(CONNECT_TIMEOUT_MS).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    if (options.insecure()) {
      // An empty algorithm switches verification off; Vert.x refuses TLS when none is set.
      return net.setTrustAll(true).setHostnameVerificationAlgorithm("");
    }
    if (options.trust() != null) {
      net.setTrustOptions(new PemTrustOptions().addCertPath(options.trust()));
    }
    return net.setHostnameVerificationAlgorithm("HTTPS");
  }

  private static Console openConsole(ClientOptions options) throws IOException {
    // System.console() is non-null only when both stdin and stdout are a terminal.
    if (System.console() != null) {
      return TerminalConsole.open(options, System.getenv(),
          HistoryFile.resolve(System.getenv(), System.getProperty("user.home")));
    }
    return new PlainConsole(System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err);
  }

  /**
   * Why a connection failed, for "Cannot connect to H:P: ...": the failure's message, followed by its
   * root cause's when that says something more (TLS failures do); a plain-text answer to a TLS
   * handshake is said in words.
   */
  static String reason(Throwable failure) {
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NotSslRecordException) {
        return NOT_TLS;
      }
      root = t;
    }
    String top = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    String bottom = root.getMessage();
    return bottom == null || root == failure || top.contains(bottom) ? top : top + " (" + bottom + ")";
  }
}
