package chat.cluster;

import chat.protocol.Lines;
import chat.support.Accounts;
import chat.support.ClusterNodes;
import chat.support.LineClient;
import chat.support.Postgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three clustered nodes sharing one PostgreSQL database: an account registered on one works on all, and takes over across nodes. */
class PgClusterTest {

  private static final String CLUSTER = ClusterNodes.uniqueName();
  private static ClusterNodes.Node a;
  private static ClusterNodes.Node b;
  private static ClusterNodes.Node c;

  @BeforeAll
  static void startCluster() {
    Vertx setup = Vertx.vertx();
    JsonObject store = Postgres.shared().newStore(setup);
    setup.close();
    JsonObject overrides = new JsonObject().put("store", store);
    a = ClusterNodes.start(CLUSTER, overrides);
    b = ClusterNodes.start(CLUSTER, overrides);
    c = ClusterNodes.start(CLUSTER, overrides);
    ClusterNodes.awaitMembers(a, b, c);
  }

  @AfterAll
  static void stopCluster() {
    c.stop();
    b.stop();
    a.stop();
  }

  @Test
  void registerOnOneNodeLogInOnAnotherAndTakeOverAcrossNodes() {
    try (LineClient eve = LineClient.login(b.port(), "Eve");
         LineClient first = Accounts.register(a.port(), "Sam", "sams-password")) {
      eve.readUntil(Lines.joined("Sam")::equals);
      try (LineClient guest = LineClient.connect(b.port())) {
        guest.expect(Lines.PROMPT);
        Accounts.wrongPassword(guest, "sam", "Sam", "not-sams-password");
      }
      try (LineClient second = Accounts.login(c.port(), "Sam", "sams-password")) {
        first.readUntil(Lines.TAKEN_OVER::equals);
        first.expectClosed();
        eve.expect(Lines.disconnected("Sam"));
        eve.expect(Lines.joined("Sam"));
        eve.send("/pm Sam on node c?");
        second.expect(Lines.privateFrom("Eve", "on node c?"));
      }
    }
  }
}
