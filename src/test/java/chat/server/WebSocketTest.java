package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.LineClient;
import chat.support.TestNodes;
import chat.support.WsClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WebSocket transport without a browser: the same protocol, limits and rules as TCP, one line per frame. */
@ExtendWith(VertxExtension.class)
class WebSocketTest {

  private ChatNode node;

  private int start(Vertx vertx, JsonObject overrides) {
    node = TestNodes.start(vertx, overrides);
    return node.httpPort();
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
  }

  @Test
  void everyRowOfTheProtocolTableOverAWebSocket(Vertx vertx) {
    int port = start(vertx, new JsonObject().put("floodBurst", 50)); // more lines than the default burst
    try (LineClient tom = LineClient.login(node.port(), "Tom"); WsClient sam = WsClient.connect(vertx, port)) {
      sam.expect(Lines.PROMPT);
      sam.send("bad name!");
      sam.expect("Invalid username: use only letters, digits, '_' or '-'.");
      sam.expect(Lines.PROMPT);
      sam.send("tom");
      sam.expect("Username 'tom' is already taken.");
      sam.expect(Lines.PROMPT);
      sam.send("Sam");
      sam.expect(Lines.welcome("Sam"));
      tom.expect("Sam has joined the chat.");
      sam.send("Hello everyone!");
      tom.expect("Sam: Hello everyone!");
      tom.send("Hi Sam");
      sam.expect("Tom: Hi Sam");
      sam.send("/pm tom psst");
      sam.expect("[Private to Tom]: psst");
      tom.expect("[Private from Sam]: psst");
      tom.send("/pm Sam back");
      tom.expect("[Private to Sam]: back");
      sam.expect("[Private from Tom]: back");
      sam.send("/pm Bob hi");
      sam.expect("User 'Bob' is not online.");
      sam.send("/pm Tom");
      sam.expect(Lines.PM_USAGE);
      sam.send("/pm Sam hi");
      sam.expect(Lines.PM_SELF);
      sam.send("/users");
      sam.expect("Online users (2): Sam, Tom");
      sam.send("/help");
      sam.expect(Lines.INSTRUCTIONS);
      sam.send("/anything-else");
      sam.expect("Unknown command: /anything-else. Type /help for help.");
      sam.send("quit");
      sam.expect("Goodbye, Sam!");
      sam.expectClosed();
      tom.expect("Sam has disconnected.");
    }
  }

  @Test
  void framesAreHeldToTheLineRules(Vertx vertx) {
    int port = start(vertx, new JsonObject());
    try (LineClient tom = LineClient.login(node.port(), "Tom"); WsClient sam = WsClient.login(vertx, port, "Sam")) {
      tom.expect("Sam has joined the chat.");
      sam.send("x".repeat(2049));
      sam.expect(Lines.tooLong(2048));
      sam.send("y".repeat(2048));
      tom.expect("Sam: " + "y".repeat(2048));
      sam.sendBinary(new byte[] {1, 2, 3});
      sam.expect(Lines.BINARY_FRAME);
      sam.send("one\ntwo\r\nthree");
      tom.expect("Sam: one");
      tom.expect("Sam: two");
      tom.expect("Sam: three");
      sam.send("col\u001b[31mour");
      tom.expect("Sam: col[31mour");
    }
    try (LineClient tom = LineClient.login(node.port(), "Tom2"); WsClient gone = WsClient.login(vertx, port, "Gone")) {
      tom.readUntil("Gone has joined the chat."::equals); // Tom2 may first hear of Tom's and Sam's departures
      gone.close(); // the browser tab closes
      tom.expect("Gone has disconnected.");
    }
  }

  @Test
  void anotherSitesPageIsRefusedAndConfiguredOriginsAreLetIn(Vertx vertx) {
    int port = start(vertx, new JsonObject().put("http", new JsonObject().put("port", 0)
        .put("allowedOrigins", new JsonArray().add("https://chat.example"))));
    Throwable refused = vertx.createWebSocketClient()
        .connect(new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
            .addHeader("Origin", "https://evil.example"))
        .transform(r -> io.vertx.core.Future.succeededFuture(r.cause())).await();
    assertTrue(refused instanceof UpgradeRejectedException, String.valueOf(refused));
    assertEquals(403, ((UpgradeRejectedException) refused).getStatus());
    try (WsClient good = WsClient.await(WsClient.open(vertx, port, "https://chat.example", new WebSocketClientOptions()))) {
      good.expect(Lines.PROMPT);
    }
  }

  @Test
  void theServersOwnPageIsItsOriginByDefault(Vertx vertx) {
    int port = start(vertx, new JsonObject());
    Throwable refused = WsClient.open(vertx, port, "http://evil.example", new WebSocketClientOptions())
        .transform(r -> io.vertx.core.Future.succeededFuture(r.cause())).await();
    assertTrue(refused instanceof UpgradeRejectedException, String.valueOf(refused));
    try (WsClient own = WsClient.await(WsClient.open(vertx, port, "http://127.0.0.1:" + port, new WebSocketClientOptions()));
         WsClient script = WsClient.await(WsClient.open(vertx, port, null, new WebSocketClientOptions()))) {
      own.expect(Lines.PROMPT);
      script.expect(Lines.PROMPT); // not a browser: no Origin, as with TCP
    }
  }

  @Test
  void wssUsesTheSameCertificateAsTheTlsListener(Vertx vertx) throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    try {
      start(vertx, new JsonObject().put("tls", new JsonObject().put("enabled", true).put("port", 0)
          .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath())));
      int port = node.httpsPort();
      WebSocketClientOptions options = new WebSocketClientOptions().setSsl(true).setVerifyHost(false)
          .setTrustOptions(new PemTrustOptions().addCertPath(certificate.certificatePath()));
      try (LineClient tom = LineClient.login(node.port(), "Tom");
           WsClient sam = WsClient.await(WsClient.open(vertx, port, "https://127.0.0.1:" + port, options))) {
        sam.expect(Lines.PROMPT);
        sam.send("Sam");
        sam.expect(Lines.welcome("Sam"));
        tom.expect("Sam has joined the chat.");
        sam.send("over wss");
        tom.expect("Sam: over wss");
      }
    } finally {
      certificate.delete();
    }
  }

  @Test
  void capsTimeoutsAndShutdownAreTheSameAsOverTcp(Vertx vertx) {
    int port = start(vertx, new JsonObject().put("maxConnections", 2).put("loginTimeoutSeconds", 1));
    try (WsClient a = WsClient.login(vertx, port, "A"); WsClient idle = WsClient.connect(vertx, port);
         WsClient third = WsClient.connect(vertx, port)) {
      idle.expect(Lines.PROMPT);
      third.expect(Lines.SERVER_FULL);
      third.expectClosed();
      idle.expect(Lines.LOGIN_TIMEOUT);
      idle.expectClosed();
      TestNodes.await(node.shutdown().timeout(30, TimeUnit.SECONDS));
      a.expect(Lines.SHUTDOWN);
      a.expectClosed();
    }
    node = TestNodes.start(vertx, new JsonObject()); // for the shutdown after the test
  }
}
