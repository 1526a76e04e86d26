package chat.server;

import chat.ChatNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.client.ChatClient;
import chat.client.ClientOptions;
import chat.protocol.Lines;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The TLS listener beside the plain one: same protocol, checked with our client and with openssl. */
@ExtendWith(VertxExtension.class)
class TlsTest {

  private ChatNode node;
  private SelfSignedCertificate certificate;

  @BeforeEach
  void start(Vertx vertx) {
    certificate = SelfSignedCertificate.create("localhost");
    node = TestNodes.start(vertx, new JsonObject().put("tls", new JsonObject().put("enabled", true).put("port", 0)
        .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath())));
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
    certificate.delete();
  }

  @Test
  void theConsoleClientOverTlsChatsWithAPlainClient(Vertx vertx) throws Exception {
    try (LineClient plain = LineClient.login(node.port(), "Plain")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ClientOptions options = ClientOptions.parse("--host", "localhost", "--port", String.valueOf(node.tlsPort()),
          "--tls", "--trust", certificate.certificatePath());
      var input = new ByteArrayInputStream("Secure\nhello over TLS\n/pm Plain psst\nquit\n".getBytes(StandardCharsets.UTF_8));
      int exit = ChatClient.start(vertx, options, input, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream())).await(30, TimeUnit.SECONDS);
      assertEquals(0, exit);
      plain.expect("Secure has joined the chat.");
      plain.expect("Secure: hello over TLS");
      plain.expect("[Private from Secure]: psst");
      plain.expect("Secure has disconnected.");
      String printed = out.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains(Lines.welcome("Secure") + "\n"), printed);
      assertTrue(printed.contains("[Private to Plain]: psst\n"), printed);
      assertTrue(printed.contains("Goodbye, Secure!\n"), printed);
    }
  }

  @Test
  void aPlainClientOnTheTlsPortFailsCleanly() {
    try (LineClient confused = LineClient.connect(node.tlsPort())) {
      confused.send("Sam, who speaks plain text"); // more than a TLS record header, so it is judged at once
      confused.expectClosed();
    }
    try (LineClient fine = LineClient.login(node.port(), "Sam")) {
      fine.send("/users");
      fine.expect("Online users (1): Sam");
    }
  }

  @Test
  void opensslSClientIsAnIndependentPeer() throws Exception {
    assumeTrue(new File("/usr/bin/openssl").canExecute(), "openssl is not installed");
    try (LineClient plain = LineClient.login(node.port(), "Plain")) {
      Process openssl = new ProcessBuilder("openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + node.tlsPort(),
          "-CAfile", certificate.certificatePath()).redirectErrorStream(false).start();
      openssl.getOutputStream().write("Ossl\nhello from openssl\n".getBytes(StandardCharsets.UTF_8));
      openssl.getOutputStream().flush();
      plain.expect("Ossl has joined the chat.");
      plain.expect("Ossl: hello from openssl");
      plain.send("hi openssl");
      openssl.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
      openssl.getOutputStream().close();
      assertTrue(openssl.waitFor(30, TimeUnit.SECONDS), "openssl did not exit");
      String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(output.startsWith(Lines.PROMPT + "\n" + Lines.welcome("Ossl") + "\n"), output);
      assertTrue(output.contains("Goodbye, Ossl!"), output);
      plain.expect("Ossl has disconnected.");
    }
  }
}
