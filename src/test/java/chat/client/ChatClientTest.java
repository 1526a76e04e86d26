package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against a scripted fake server over real sockets: scripts, quitting, lost connections, TLS. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ChatClientTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void pipedScriptLogsInChatsAndQuits(Vertx vertx, VertxTestContext test) {
    FakeChatServer.start(vertx)
        .compose(server -> client(vertx, input("sam\nhello there\nquit\n"), "--port", "" + server.port())
            .onComplete(test.succeeding(code -> test.verify(() -> {
              assertEquals(0, code, this::transcript);
              assertEquals(List.of("sam", "hello there", "quit"), server.received);
              assertEquals(List.of("Enter your username:", "Welcome, sam!", "sam: hello there", "Goodbye, sam!"),
                  lines(out));
              assertEquals("", text(err));
              test.completeNow();
            }))));
  }

  @Test
  void slashQuitAlsoLeaves(Vertx vertx, VertxTestContext test) {
    FakeChatServer.start(vertx)
        .compose(server -> client(vertx, input("sam\n/quit\nnever sent\n"), "--port", "" + server.port())
            .onComplete(test.succeeding(code -> test.verify(() -> {
              assertEquals(0, code, this::transcript);
              assertEquals(List.of("sam", "/quit"), server.received);
              assertEquals(List.of("Enter your username:", "Welcome, sam!", "Goodbye, sam!"), lines(out));
              test.completeNow();
            }))));
  }

  @Test
  void endOfInputWithoutQuitSendsQuit(Vertx vertx, VertxTestContext test) {
    FakeChatServer.start(vertx)
        .compose(server -> client(vertx, input("sam\nhello\n"), "--port", "" + server.port())
            .onComplete(test.succeeding(code -> test.verify(() -> {
              assertEquals(0, code, this::transcript);
              assertEquals(List.of("sam", "hello", "quit"), server.received);
              assertEquals("Goodbye, sam!", last(lines(out)));
              test.completeNow();
            }))));
  }

  @Test
  void serverClosingFirstIsALostConnection(Vertx vertx, VertxTestContext test) throws IOException {
    // A pipe that stays open: the server, not the end of input, ends this session.
    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(typing);
    typing.write("sam\nkick\n".getBytes(StandardCharsets.UTF_8));
    typing.flush();
    FakeChatServer.start(vertx)
        .compose(server -> client(vertx, in, "--port", "" + server.port())
            .onComplete(test.succeeding(code -> test.verify(() -> {
              typing.close();
              assertEquals(1, code, this::transcript);
              assertEquals(List.of("sam", "kick"), server.received);
              assertEquals(List.of("Enter your username:", "Welcome, sam!", "Server is shutting down. Goodbye!",
                  "Disconnected from server."), lines(out));
              test.completeNow();
            }))));
  }

  @Test
  void anOverlongServerLineDisconnects(Vertx vertx, VertxTestContext test) throws IOException {
    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(typing);
    typing.write("sam\nflood\n".getBytes(StandardCharsets.UTF_8));
    typing.flush();
    FakeChatServer.start(vertx)
        .compose(server -> client(vertx, in, "--port", "" + server.port())
            .onComplete(test.succeeding(code -> test.verify(() -> {
              typing.close();
              assertEquals(1, code, this::transcript);
              assertEquals(List.of("Enter your username:", "Welcome, sam!", "Disconnected from server."), lines(out));
              assertEquals(List.of("The server sent a line longer than 65536 bytes; disconnecting."), lines(err));
              test.completeNow();
            }))));
  }

  @Test
  void refusedConnectionSaysSoAndFails(Vertx vertx, VertxTestContext test) throws IOException {
    // A bound socket that never listens holds the port: nothing else can listen on it, and the
    // kernel never picks it as a client's own port, so a connection to it cannot self-connect.
    java.net.Socket reserved = new java.net.Socket();
    reserved.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
    int port = reserved.getLocalPort();
    client(vertx, input("sam\n"), "--port", "" + port)
        .onComplete(r -> closeQuietly(reserved))
        .onComplete(test.succeeding(code -> test.verify(() -> {
          assertEquals(1, code, this::transcript);
          assertEquals(List.of(), lines(out));
          List<String> errors = lines(err);
          assertEquals(1, errors.size(), errors::toString);
          assertTrue(errors.get(0).startsWith("Cannot connect to localhost:" + port + ": "), errors::toString);
          test.completeNow();
        })));
  }

  private static void closeQuietly(java.net.Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to release
    }
  }

  @Test
  void tlsWithTrustedCertificate(Vertx vertx, VertxTestContext test) {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    FakeChatServer.start(vertx, tlsServer(cert))
        .compose(server -> client(vertx, input("sam\nquit\n"),
                "--port", "" + server.port(), "--tls", "--trust", cert.certificatePath())
            .onComplete(test.succeeding(code -> test.verify(() -> {
              assertEquals(0, code, this::transcript);
              assertEquals(List.of("sam", "quit"), server.received);
              assertEquals(List.of("Enter your username:", "Welcome, sam!", "Goodbye, sam!"), lines(out));
              assertEquals("", text(err));
              test.completeNow();
            }))));
  }

  @Test
  void tlsInsecureConnectsWithAWarning(Vertx vertx, VertxTestContext test) {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    FakeChatServer.start(vertx, tlsServer(cert))
        .compose(server -> client(vertx, input("sam\nquit\n"), "--port", "" + server.port(), "--tls", "--insecure")
            .onComplete(test.succeeding(code -> test.verify(() -> {
              assertEquals(0, code, this::transcript);
              assertEquals("Goodbye, sam!", last(lines(out)));
              assertEquals(List.of(ChatClient.INSECURE_WARNING), lines(err));
              test.completeNow();
            }))));
  }

  @Test
  void tlsRejectsAnUntrustedCertificate(Vertx vertx, VertxTestContext test) {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    FakeChatServer.start(vertx, tlsServer(cert))
        .compose(server -> client(vertx, input("sam\nquit\n"), "--port", "" + server.port(), "--tls")
            .onComplete(test.succeeding(code -> test.verify(() -> {
              assertCannotConnect(code);
              assertEquals(List.of(), server.received);
              test.completeNow();
            }))));
  }

  @Test
  void tlsVerifiesTheHostName(Vertx vertx, VertxTestContext test) {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    FakeChatServer.start(vertx, tlsServer(cert))
        .compose(server -> client(vertx, input("sam\nquit\n"),
                "--host", "127.0.0.1", "--port", "" + server.port(), "--trust", cert.certificatePath())
            .onComplete(test.succeeding(code -> test.verify(() -> {
              assertCannotConnect(code);
              test.completeNow();
            }))));
  }

  @Test
  void tlsToAPlainServerFailsCleanly(Vertx vertx, VertxTestContext test) {
    FakeChatServer.start(vertx)
        .compose(server -> client(vertx, input("sam\nquit\n"), "--port", "" + server.port(), "--tls", "--insecure")
            .onComplete(test.succeeding(code -> test.verify(() -> {
              assertCannotConnect(code);
              test.completeNow();
            }))));
  }

  @Test
  void badOptionsExitWithUsage() {
    assertEquals(2, ChatClient.run(new String[] {"--bogus"}));
    assertEquals(2, ChatClient.run(new String[] {"--port", "http"}));
  }

  private Future<Integer> client(Vertx vertx, InputStream in, String... args) {
    return ChatClient.start(vertx, ClientOptions.parse(args), in, print(out), print(err));
  }

  private void assertCannotConnect(int code) {
    assertEquals(1, code, this::transcript);
    assertEquals(List.of(), lines(out));
    List<String> errors = lines(err);
    assertEquals(1, errors.stream().filter(line -> line.startsWith("Cannot connect to ")).count(), errors::toString);
  }

  private String transcript() {
    return "out:\n" + text(out) + "err:\n" + text(err);
  }

  private static NetServerOptions tlsServer(SelfSignedCertificate cert) {
    return new NetServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions());
  }

  private static InputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static List<String> lines(ByteArrayOutputStream bytes) {
    return text(bytes).lines().toList();
  }

  private static String last(List<String> lines) {
    return lines.isEmpty() ? null : lines.get(lines.size() - 1);
  }
}
