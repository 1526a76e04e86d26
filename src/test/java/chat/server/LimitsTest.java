package chat.server;

import chat.ChatNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.protocol.Lines;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each limit, the exact line its offender gets, and that everyone else keeps chatting. */
@ExtendWith(VertxExtension.class)
class LimitsTest {

  private ChatNode node;
  private Vertx vertx;

  private int start(Vertx vertx, JsonObject overrides) {
    this.vertx = vertx;
    node = TestNodes.start(vertx, overrides);
    return node.port();
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
  }

  /** Two well-behaved users who check that chat still works in both directions. */
  private static void stillChatting(LineClient a, LineClient b, String tag) {
    a.send("ping " + tag);
    b.readUntil(("A: ping " + tag)::equals);
    b.send("pong " + tag);
    a.readUntil(("B: pong " + tag)::equals);
  }

  @Test
  void aLongLineIsRejectedWholeAndTheConnectionStays(Vertx vertx) {
    int port = start(vertx, new JsonObject());
    try (LineClient a = LineClient.login(port, "A"); LineClient b = LineClient.login(port, "B")) {
      a.expect("B has joined the chat.");
      b.send("x".repeat(2049));
      b.expect("Message too long (max 2048 bytes).");
      b.send("y".repeat(2048));
      a.expect("B: " + "y".repeat(2048));
      // Multi-byte characters count as bytes: 1025 two-byte letters are 2050 bytes.
      b.send("é".repeat(1025));
      b.expect("Message too long (max 2048 bytes).");
      stillChatting(a, b, "after long lines");
    }
  }

  @Test
  void aPeerStreamingWithoutNewlinesCostsBoundedMemory(Vertx vertx) {
    int port = start(vertx, new JsonObject());
    try (LineClient a = LineClient.login(port, "A"); LineClient b = LineClient.login(port, "B")) {
      a.expect("B has joined the chat.");
      long before = usedHeapAfterGc();
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'z');
      for (int i = 0; i < 256; i++) { // 256 MiB without a newline
        b.sendRaw(chunk);
      }
      b.expect("Message too long (max 2048 bytes).");
      b.sendRaw("\nback to normal\n".getBytes(StandardCharsets.UTF_8));
      a.expect("B: back to normal");
      long growth = usedHeapAfterGc() - before;
      assertTrue(growth < 32 << 20, "heap grew by " + growth + " bytes");
      stillChatting(a, b, "after the stream");
    }
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersAndControlCharactersAreRemoved(Vertx vertx) {
    int port = start(vertx, new JsonObject());
    try (LineClient a = LineClient.login(port, "A"); LineClient b = LineClient.connect(port)) {
      b.expect(Lines.PROMPT);
      b.sendRaw("B\u0007ob\n".getBytes(StandardCharsets.UTF_8));
      b.expect(Lines.welcome("Bob"));
      a.expect("Bob has joined the chat.");
      byte[] hostile = concat("hi \u001b[31mred\u001b[0m\u0000 \u009b2J tab\there ".getBytes(StandardCharsets.UTF_8),
          new byte[] {(byte) 0xff, (byte) 0xc3, '!', 0x7f, '\r', '\n'});
      b.sendRaw(hostile);
      a.expect("Bob: hi [31mred[0m 2J tab\there \uFFFD\uFFFD!");
      b.sendRaw("\u0001\u0002\u001b\n".getBytes(StandardCharsets.UTF_8)); // nothing left: ignored like an empty line
      b.send("/users");
      b.expect("Online users (2): A, Bob");
      stillChatting(a, LineClient.login(port, "B"), "after control characters");
    }
  }

  @Test
  void aClientThatDoesNotLogInInTimeIsClosed(Vertx vertx) {
    int port = start(vertx, new JsonObject().put("loginTimeoutSeconds", 1));
    try (LineClient a = LineClient.login(port, "A"); LineClient idle = LineClient.connect(port)) {
      idle.expect(Lines.PROMPT);
      idle.send("not a valid name");
      idle.readUntil(Lines.PROMPT::equals);
      idle.expect("Login timed out.");
      idle.expectClosed();
      a.send("/users"); // logged-in users have no deadline
      a.expect("Online users (1): A");
    }
  }

  @Test
  void aClientThatStopsReadingIsCutOffAndOthersGetEverything(Vertx vertx) throws Exception {
    int port = start(vertx, new JsonObject().put("floodRate", 0).put("maxSendQueueBytes", 64 * 1024));
    try (LineClient a = LineClient.login(port, "A"); LineClient b = LineClient.login(port, "B");
         LineClient slow = LineClient.connect(port, 8192)) {
      slow.expect(Lines.PROMPT);
      slow.send("Slow");
      slow.expect(Lines.welcome("Slow"));
      a.readUntil("Slow has joined the chat."::equals);
      b.readUntil("Slow has joined the chat."::equals);
      long before = usedHeapAfterGc();
      String payload = "p".repeat(1000);
      int lines = 20_000; // 20 MB to Slow: far past its 64 KiB queue and the socket buffers (8 KiB + up to 4 MiB)
      Thread reader = new Thread(() -> {
        for (int i = 0; i < lines; i++) {
          b.readUntil(l -> l.startsWith("A: "));
        }
      });
      reader.start();
      for (int i = 0; i < lines; i++) {
        a.send(payload);
      }
      a.readUntil("Slow has disconnected."::equals);
      assertEquals(1.0, node.metrics().sendQueueCutoffs("tcp").count());
      reader.join(LineClient.WAIT_MILLIS * 4L);
      assertTrue(!reader.isAlive(), "B did not get every line");
      long growth = usedHeapAfterGc() - before;
      assertTrue(growth < 32 << 20, "heap grew by " + growth + " bytes");
      stillChatting(a, b, "after the slow consumer");
    }
  }

  @Test
  void connectionsAreLimitedPerAddressAndInTotal(Vertx vertx) {
    int port = start(vertx, new JsonObject().put("maxConnectionsPerAddress", 3).put("maxConnections", 4)
        .put("connectionLimitExempt", new JsonArray()));
    List<LineClient> clients = new ArrayList<>();
    try {
      LineClient a = LineClient.login(port, "A");
      LineClient b = LineClient.login(port, "B");
      LineClient third = LineClient.connect(port);
      third.expect(Lines.PROMPT); // accepted before the fourth arrives
      clients.addAll(List.of(a, b, third));
      try (LineClient fourth = LineClient.connect(port)) {
        fourth.expect("Too many connections from your address.");
        fourth.expectClosed();
      }
      stillChatting(a, b, "at the per-address limit");
      clients.remove(2).close();
      // A slot is free again once the server has seen the close.
      LineClient again = null;
      for (int tries = 0; again == null; tries++) {
        LineClient candidate = LineClient.connect(port);
        String first = candidate.readLine();
        if (Lines.PROMPT.equals(first)) {
          again = candidate;
        } else {
          assertEquals("Too many connections from your address.", first);
          candidate.close();
          assertTrue(tries < 1000, "the slot never came back");
        }
      }
      clients.add(again);
    } finally {
      clients.forEach(LineClient::close);
    }
  }

  @Test
  void aFullServerSaysSo(Vertx vertx) {
    int port = start(vertx, new JsonObject().put("maxConnections", 2));
    try (LineClient a = LineClient.login(port, "A"); LineClient b = LineClient.login(port, "B");
         LineClient third = LineClient.connect(port)) {
      third.expect("Server is full.");
      third.expectClosed();
      stillChatting(a, b, "when full");
    }
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
