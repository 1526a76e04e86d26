package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.ChatNode;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generator against a real chat node, over TCP and over WebSocket: every line arrives, in order. */
@ExtendWith(VertxExtension.class)
class BenchAgainstServerTest {

  private ChatNode node;

  @BeforeEach
  void start(Vertx vertx) {
    node = TestNodes.start(vertx, new JsonObject().put("floodRate", 0));
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
  }

  @Test
  void roomOverTcp() {
    JsonObject report = bench("--port", String.valueOf(node.port()));
    assertEquals("tcp", report.getString("transport"));
    assertAllDelivered(report, 19);
  }

  @Test
  void roomOverTcpWithTheIoThreadSending() {
    JsonObject report = bench("--port", String.valueOf(node.port()), "--pacing", "spin");
    assertEquals("spin", report.getString("pacing"));
    assertAllDelivered(report, 19);
  }

  @Test
  void roomOverWebSocket() {
    JsonObject report = bench("--transport", "ws", "--port", String.valueOf(node.httpPort()));
    assertEquals("ws", report.getString("transport"));
    assertAllDelivered(report, 19);
  }

  @Test
  void privateMessagesOverWebSocket() {
    JsonObject report = bench("--transport", "ws", "--port", String.valueOf(node.httpPort()), "--private");
    assertEquals("private", report.getString("mode"));
    assertAllDelivered(report, 1);
  }

  @Test
  void aRefusedUpgradeIsALoginFailure() {
    // the TCP port does not speak HTTP: the chat's prompt is no upgrade response, and no client logs in
    assertEquals(1, Bench.run(new String[] {"--transport", "ws", "--port", String.valueOf(node.port()),
        "--clients", "2", "--senders", "1", "--duration", "0.2", "--warmup", "0"}));
  }

  private static void assertAllDelivered(JsonObject report, int recipientsPerLine) {
    assertEquals(20, report.getInteger("loggedIn"));
    long sent = report.getLong("sent");
    assertEquals(sent * recipientsPerLine, report.getLong("expected"));
    assertEquals(report.getLong("expected"), report.getLong("delivered"));
    assertEquals(0, report.getLong("lost"));
    assertEquals(0, report.getLong("orderViolations"));
    assertEquals(0, report.getLong("duplicates"));
    assertEquals(0, report.getLong("disconnects"));
  }

  private static JsonObject bench(String... target) {
    List<String> args = new ArrayList<>(List.of(target));
    args.addAll(List.of("--clients", "20", "--senders", "5", "--rate", "200", "--duration", "1", "--warmup", "0.5",
        "--json", "--name-prefix", "w"));
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      code = Bench.run(args.toArray(String[]::new));
    } finally {
      System.setOut(stdout);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    // log lines share stdout; the report is its one JSON line
    return new JsonObject(text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
  }
}
