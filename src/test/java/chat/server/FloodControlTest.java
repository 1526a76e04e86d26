package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lines over the flood budget are delayed, never dropped; only a sustained flooder is cut off. */
@ExtendWith(VertxExtension.class)
class FloodControlTest {

  private ChatNode node;

  private int start(Vertx vertx, JsonObject overrides) {
    node = TestNodes.start(vertx, overrides);
    return node.port();
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
  }

  @Test
  void aPasteOfAHundredLinesArrivesWholeAndInOrder(Vertx vertx) throws IOException {
    // 90 lines over the burst at 50 a second take about two seconds, well within the kick time.
    int port = start(vertx, new JsonObject().put("floodBurst", 10).put("floodRate", 50).put("floodKickSeconds", 10));
    try (LineClient b = LineClient.login(port, "B"); LineClient f = LineClient.login(port, "F")) {
      b.expect("F has joined the chat.");
      StringBuilder paste = new StringBuilder();
      for (int i = 1; i <= 100; i++) {
        paste.append("paste ").append(i).append('\n');
      }
      paste.append("/users\n");
      f.sendRaw(paste.toString().getBytes(StandardCharsets.UTF_8));
      f.socket().shutdownOutput(); // as a piped client does: everything is still answered, then F leaves
      f.expect(Lines.slowed(50));
      f.expect("Online users (2): B, F");
      f.expectClosed();
      for (int i = 1; i <= 100; i++) {
        b.expect("F: paste " + i);
      }
      b.expect("F has disconnected.");
    }
  }

  @Test
  void aSustainedFlooderIsHeldInTcpThenCutOffWhileOthersKeepChatting(Vertx vertx) throws Exception {
    int port = start(vertx, new JsonObject().put("floodBurst", 5).put("floodRate", 5).put("floodKickSeconds", 3));
    try (LineClient a = LineClient.login(port, "A"); LineClient b = LineClient.login(port, "B");
         LineClient flooder = LineClient.login(port, "F")) {
      a.readUntil("F has joined the chat."::equals);
      b.readUntil("F has joined the chat."::equals);
      long before = usedHeapAfterGc();
      AtomicLong written = new AtomicLong();
      byte[] line = ("x".repeat(999) + "\n").getBytes(StandardCharsets.UTF_8);
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = flooder.socket().getOutputStream();
          for (int i = 0; i < 1_000_000; i++) { // up to 1 GB, far more than any buffer on the way
            out.write(line);
            written.addAndGet(line.length);
          }
        } catch (IOException closed) {
          // the server hung up, as it should
        }
      });
      writer.start();
      List<String> heardByB = new ArrayList<>();
      List<String> heardByA = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        a.send("ping " + i);
        heardByB.add(b.readUntil(l -> !l.startsWith("F: ")));
        b.send("pong " + i);
        heardByA.add(a.readUntil(l -> !l.startsWith("F: ")));
      }
      assertEquals(List.of("A: ping 1", "A: ping 2", "A: ping 3"), heardByB);
      assertEquals(List.of("B: pong 1", "B: pong 2", "B: pong 3"), heardByA);
      long growth = usedHeapAfterGc() - before;
      assertTrue(growth < 32 << 20, "heap grew by " + growth + " bytes while the flooder was held");

      List<String> toFlooder = new ArrayList<>();
      String last;
      while (!(last = flooder.readLine()).equals(Lines.FLOOD_KICK)) {
        toFlooder.add(last);
      }
      flooder.expectClosed();
      assertEquals(1, toFlooder.stream().filter(Lines.slowed(5)::equals).count(), toFlooder.toString());
      writer.join(LineClient.WAIT_MILLIS);
      assertTrue(written.get() < 64L << 20, "the server read " + written.get() + " bytes from a flooder it held");
      a.readUntil("F has disconnected."::equals);
      b.readUntil("F has disconnected."::equals);
      a.send("after the flood");
      b.expect("A: after the flood");
    }
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
