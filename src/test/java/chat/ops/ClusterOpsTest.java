package chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.protocol.Lines;
import chat.support.AdminClient;
import chat.support.ClusterNodes;
import chat.support.LineClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes: the operators' commands on one node reach users on the other, and a node
 * whose Hazelcast member has gone is neither ready nor alive, while the other stays both.
 */
class ClusterOpsTest {

  private static final String TOKEN = "cluster-token";

  @Test
  void commandsReachEveryNodeAndANodeOutOfTheClusterIsDown() {
    String cluster = ClusterNodes.uniqueName();
    JsonObject admin = new JsonObject().put("admin", new JsonObject().put("port", 0).put("token", TOKEN));
    ClusterNodes.Node a = ClusterNodes.start(cluster, admin);
    ClusterNodes.Node b = ClusterNodes.start(cluster, admin);
    try (LineClient tom = LineClient.login(a.port(), "Tom"); LineClient sam = LineClient.login(b.port(), "Sam")) {
      tom.readUntil("Sam has joined the chat."::equals);
      AdminClient adminA = new AdminClient(a.adminPort());
      AdminClient adminB = new AdminClient(b.adminPort());
      JsonArray users = adminA.get("/admin/users", TOKEN).json().getJsonArray("users");
      assertEquals(new JsonObject().put("name", "Sam").put("node", b.manager().getNodeId()).put("address", "127.0.0.1")
          .put("transport", "tcp"), users.getJsonObject(0));
      assertEquals(a.manager().getNodeId(), users.getJsonObject(1).getString("node"));

      assertEquals(200, adminA.post("/admin/notice", TOKEN, "{\"text\": \"Both nodes hear this\"}").status());
      sam.readUntil(Lines.notice("Both nodes hear this")::equals);
      tom.readUntil(Lines.notice("Both nodes hear this")::equals);

      assertEquals(200, adminA.post("/admin/kick", TOKEN, "{\"name\": \"Sam\", \"reason\": \"off topic\"}").status());
      sam.readUntil(Lines.kicked("off topic")::equals);
      sam.expectClosed();
      tom.readUntil("Sam has disconnected."::equals);

      assertEquals("UP", adminB.get("/ready").check("cluster").getString("status"));
      b.manager().getHazelcastInstance().getLifecycleService().terminate();
      AdminClient.Reply notReady = adminB.getUntil("/ready", r -> r.status() == 503);
      assertEquals("DOWN", notReady.check("cluster").getString("status"));
      assertEquals("UP", notReady.check("listening").getString("status"));
      AdminClient.Reply dead = adminB.get("/health");
      assertEquals(503, dead.status());
      assertEquals("DOWN", dead.check("cluster").getString("status"));
      assertEquals(200, adminA.get("/ready").status());
      assertEquals(200, adminA.get("/health").status());
    } finally {
      try {
        b.vertx().close().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // its cluster manager is gone: closing may fail, the process ends anyway
      }
      a.stop();
    }
  }
}
