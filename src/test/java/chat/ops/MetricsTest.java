package chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatConfig;
import chat.ChatNode;
import chat.protocol.Lines;
import chat.registry.Membership;
import chat.support.Accounts;
import chat.support.AdminClient;
import chat.support.LineClient;
import chat.support.TestNodes;
import chat.support.WsClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} scraped over HTTP after a scripted conversation: the chat's counters by name and value, and Vert.x's own. */
class MetricsTest {

  private Vertx vertx;
  private ChatNode node;

  private AdminClient start(JsonObject overrides) throws Exception {
    ChatConfig config = ChatConfig.from(TestNodes.config(overrides));
    ChatMetrics metrics = ChatMetrics.create(config);
    vertx = metrics.vertxBuilder(new VertxOptions()).build();
    node = ChatNode.deploy(vertx, config, Membership.standalone(), metrics).await(30, TimeUnit.SECONDS);
    return new AdminClient(node.adminPort());
  }

  @AfterEach
  void stop() throws Exception {
    node.shutdown().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aConversationShowsInTheCounters() throws Exception {
    AdminClient admin = start(new JsonObject().put("connectionLimitExempt", new JsonArray()).put("maxConnectionsPerAddress", 4)
        .put("floodBurst", 3).put("floodRate", 20));
    try (LineClient sam = LineClient.connect(node.port()); LineClient tom = LineClient.login(node.port(), "Tom");
         LineClient eve = LineClient.connect(node.port())) {
      sam.expect(Lines.PROMPT);
      sam.send("bad name!");
      sam.readUntil(l -> l.startsWith("Invalid username: "));
      sam.send("Sam");
      sam.readUntil(Lines.welcome("Sam")::equals);
      eve.expect(Lines.PROMPT);
      eve.send("sam");
      eve.expect(Lines.nameTaken("sam"));
      eve.send("Eve");
      eve.readUntil(Lines.welcome("Eve")::equals);
      tom.readUntil("Eve has joined the chat."::equals);
      try (WsClient wes = WsClient.login(vertx, node.httpPort(), "Wes"); LineClient refused = LineClient.connect(node.port())) {
        refused.expect(Lines.TOO_MANY_FROM_ADDRESS);
        sam.readUntil("Wes has joined the chat."::equals);
        tom.readUntil("Wes has joined the chat."::equals);
        eve.readUntil("Wes has joined the chat."::equals);
        for (int i = 1; i <= 5; i++) {
          sam.send("line " + i);
        }
        sam.send("/pm Tom psst");
        sam.readUntil(Lines.slowed(20)::equals);
        sam.readUntil(Lines.privateTo("Tom", "psst")::equals);
        for (int i = 1; i <= 5; i++) {
          String line = "Sam: line " + i;
          tom.readUntil(line::equals);
          eve.readUntil(line::equals);
          wes.readUntil(line::equals);
        }
        tom.readUntil(Lines.privateFrom("Sam", "psst")::equals);

        AdminClient.Reply scrape = admin.get("/metrics");
        assertEquals(200, scrape.status());
        String text = scrape.body();
        assertEquals(4.0, value(text, "chat_logins_total"));
        assertEquals(1.0, value(text, "chat_login_failures_total{reason=\"name_invalid\"}"));
        assertEquals(1.0, value(text, "chat_login_failures_total{reason=\"name_taken\"}"));
        assertEquals(5.0, value(text, "chat_lines_total{kind=\"public\"}"));
        assertEquals(1.0, value(text, "chat_lines_total{kind=\"private\"}"));
        assertEquals(3.0, value(text, "chat_users_online{transport=\"tcp\"}"));
        assertEquals(1.0, value(text, "chat_users_online{transport=\"ws\"}"));
        assertEquals(0.0, value(text, "chat_users_online{transport=\"tls\"}"));
        assertEquals(1.0, value(text, "chat_connections_refused_total{cause=\"address_full\"}"));
        assertEquals(0.0, value(text, "chat_connections_refused_total{cause=\"server_full\"}"));
        assertEquals(1.0, value(text, "chat_flood_holds_total"));
        assertEquals(0.0, value(text, "chat_flood_kicks_total"));
        // Joins: Tom's reached Sam, Eve's Sam and Tom, Wes's three; then five lines to three users each.
        assertEquals(1 + 2 + 3 + 15, value(text, "chat_fanout_deliveries_total"));
        assertTrue(value(text, "chat_fanout_batches_total") >= 4);
        assertFalse(text.contains("\nvertx_eventbus_"), "the event-bus meters are on although metrics.eventBus is not set");
        assertTrue(text.contains("\nvertx_net_server_active_connections"), "Vert.x's connection metrics are missing");
        // One series per pool: without the pool labels the second pool's meters were dropped as duplicates.
        assertTrue(text.contains("\nvertx_pool_in_use{pool_name=\"vert.x-worker-thread\",pool_type=\"worker\"}"), "the worker pool's metrics are missing");
        assertTrue(text.contains("\nvertx_pool_in_use{pool_name=\"vert.x-internal-blocking\",pool_type=\"worker\"}"), "the internal pool's metrics are missing");
        assertFalse(text.contains("address=\""), "a label per address: " + text.lines().filter(l -> l.contains("address=\"")).findFirst());
        assertFalse(text.contains("remote=\""), "a label per remote address");
      }
      sam.readUntil("Wes has disconnected."::equals);
      assertEquals(0.0, value(admin.get("/metrics").body(), "chat_users_online{transport=\"ws\"}"));
    }
  }

  @Test
  void refusedPasswordsAndStoreQueriesAreCounted() throws Exception {
    AdminClient admin = start(new JsonObject().put("accounts", new JsonObject().put("failuresPerAddress", 1)));
    try (LineClient sam = Accounts.register(node.port(), "Sam", "correct-horse")) {
      sam.send("quit");
      sam.expect(Lines.goodbye("Sam"));
    }
    try (LineClient guess = LineClient.connect(node.port())) {
      guess.expect(Lines.PROMPT);
      Accounts.wrongPassword(guess, "Sam", "Sam", "wrong-horse");
      guess.send("Sam");
      guess.expect(Lines.passwordFor("Sam"));
      guess.send("correct-horse");
      guess.readUntil(l -> l.startsWith("Too many failed passwords"));
    }
    String text = admin.get("/metrics").body();
    assertEquals(1.0, value(text, "chat_login_failures_total{reason=\"wrong_password\"}"));
    assertEquals(1.0, value(text, "chat_login_failures_total{reason=\"throttled\"}"));
    // Sam looked up at the first login (a guest), registered, then looked up at both later logins.
    assertEquals(4.0, value(text, "chat_store_queries_seconds_count"));
    assertEquals(0.0, value(text, "chat_store_failures_total"));
  }

  @Test
  void floodKicksAreCounted() throws Exception {
    AdminClient admin = start(new JsonObject().put("floodBurst", 2).put("floodRate", 20).put("floodKickSeconds", 1));
    try (LineClient flo = LineClient.login(node.port(), "Flo")) {
      for (int i = 0; i < 200; i++) {
        flo.send("spam " + i);
      }
      flo.readUntil(Lines.FLOOD_KICK::equals);
      flo.expectClosed();
      String text = admin.get("/metrics").body();
      assertEquals(1.0, value(text, "chat_flood_kicks_total"));
      assertEquals(1.0, value(text, "chat_flood_holds_total"));
    }
  }

  @Test
  void metricsOffAnswer404AndHealthStillWorks() throws Exception {
    AdminClient admin = start(new JsonObject().put("metrics", new JsonObject().put("enabled", false)));
    AdminClient.Reply metrics = admin.get("/metrics");
    assertEquals(404, metrics.status());
    assertEquals("Metrics are off (metrics.enabled is false).", metrics.json().getString("error"));
    assertEquals(200, admin.get("/health").status());
  }

  @Test
  void eventBusMetersWhenAskedFor() throws Exception {
    AdminClient admin = start(new JsonObject().put("metrics", new JsonObject().put("eventBus", true)));
    try (LineClient sam = LineClient.login(node.port(), "Sam"); LineClient tom = LineClient.login(node.port(), "Tom")) {
      sam.send("/pm Tom psst");
      tom.readUntil(Lines.privateFrom("Sam", "psst")::equals);
      String text = admin.get("/metrics").body();
      assertTrue(text.contains("\nvertx_eventbus_handlers"), "no event-bus meters with metrics.eventBus true");
      assertTrue(value(text, "vertx_eventbus_delivered_total{side=\"local\"}") > 0);
      assertFalse(text.contains("address=\""), "a label per address");
    }
  }

  /** The value of the sample named exactly {@code sample} (name and labels as Prometheus prints them). */
  private static double value(String text, String sample) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
    assertTrue(m.find(), "no sample " + sample + " in:\n" + text.lines().filter(l -> l.startsWith("chat_")).toList());
    return Double.parseDouble(m.group(1));
  }
}
