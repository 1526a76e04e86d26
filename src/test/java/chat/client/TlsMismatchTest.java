package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.ChatNode;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plain text to a TLS port, or TLS to a plain one: the client says which, and fails. */
@ExtendWith(VertxExtension.class)
class TlsMismatchTest {

  private static final ClientTimings QUICK = new ClientTimings(200, 5_000, 1_000, 30_000);

  @Test
  void plainTextThatATlsPortClosesOn(Vertx vertx) throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    FakeChatServer fake = FakeChatServer.start(vertx, tlsServer(cert)).await();
    // Five bytes or more make a TLS record header the server can reject; "sam\n" would wait for more.
    PipedClient.Result run = PipedClient.run(vertx, "samuel\nquit\n", "--port", "" + fake.port());
    assertEquals(1, run.code(), run::transcript);
    assertEquals(List.of(), run.out(), run::transcript);
    assertEquals(List.of("No answer in plain text from localhost:" + fake.port() + "; if it is a TLS port, try --tls."),
        run.err(), run::transcript);
  }

  @Test
  void aPortThatSaysNothingIsTakenForTls(Vertx vertx) throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    FakeChatServer fake = FakeChatServer.start(vertx, tlsServer(cert)).await();
    // Nothing is typed: the server's silence alone gives it away.
    try (PipedOutputStream typing = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(typing)) {
      PipedClient.Result run = PipedClient.run(vertx, in, QUICK, "--port", "" + fake.port());
      assertEquals(1, run.code(), run::transcript);
      assertEquals(List.of(), run.out(), run::transcript);
      assertEquals(List.of(ClientSession.noPlainAnswer("localhost:" + fake.port())), run.err(), run::transcript);
    }
  }

  @Test
  void plainTextToTheRealServersTlsPort(Vertx vertx) {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    ChatNode node = TestNodes.start(vertx, new JsonObject().put("tls", new JsonObject().put("enabled", true).put("port", 0)
        .put("certPath", cert.certificatePath()).put("keyPath", cert.privateKeyPath())));
    try {
      PipedClient.Result run = PipedClient.run(vertx, "samuel\nhello\nquit\n", "--port", "" + node.tlsPort());
      assertEquals(1, run.code(), run::transcript);
      assertEquals(List.of(), run.out(), run::transcript);
      assertEquals(List.of(ClientSession.noPlainAnswer("localhost:" + node.tlsPort())), run.err(), run::transcript);
    } finally {
      TestNodes.await(node.shutdown());
    }
  }

  @Test
  void tlsToAPlainPort(Vertx vertx) throws Exception {
    FakeChatServer fake = FakeChatServer.start(vertx).await();
    PipedClient.Result run = PipedClient.run(vertx, "sam\nquit\n", "--port", "" + fake.port(), "--tls");
    assertEquals(1, run.code(), run::transcript);
    assertEquals(List.of(), run.out(), run::transcript);
    assertEquals(List.of("Cannot connect to localhost:" + fake.port() + ": the server there does not speak TLS; try without --tls."),
        run.err(), run::transcript);
  }

  @Test
  void tlsToTheRealServersPlainPort(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    try {
      PipedClient.Result run = PipedClient.run(vertx, "sam\nquit\n", "--port", "" + node.port(), "--insecure");
      assertEquals(1, run.code(), run::transcript);
      assertEquals(List.of(ChatClient.INSECURE_WARNING,
          "Cannot connect to localhost:" + node.port() + ": " + ChatClient.NOT_TLS), run.err(), run::transcript);
    } finally {
      TestNodes.await(node.shutdown());
    }
  }

  private static NetServerOptions tlsServer(SelfSignedCertificate cert) {
    return new NetServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions());
  }
}
