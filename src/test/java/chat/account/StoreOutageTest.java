package chat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.Accounts;
import chat.support.AdminClient;
import chat.support.LineClient;
import chat.support.LogCapture;
import chat.support.Postgres;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL server stops mid-test: chat goes on, guests still log in, account operations say
 * so, one WARN, {@code /ready} says the store is down (the node stays alive), and it all recovers
 * when it is back.
 */
@ExtendWith(VertxExtension.class)
class StoreOutageTest {

  @Test
  void chatGoesOnAccountsWaitAndEverythingRecovers(Vertx vertx) {
    try (Postgres pg = Postgres.start()) {
      ChatNode node = TestNodes.start(vertx, new JsonObject().put("store", pg.newStore(vertx)));
      int port = node.port();
      AdminClient admin = new AdminClient(node.adminPort());
      assertEquals(200, admin.get("/ready").status());
      Accounts.register(port, "Sam", "sams-password").close();
      try (LogCapture log = new LogCapture(chat.account.Accounts.class.getName());
           LineClient tom = LineClient.login(port, "Tom");
           LineClient ann = Accounts.register(port, "Ann", "anns-password")) {
        tom.expect(Lines.joined("Ann"));
        pg.pause();

        ann.send("/password anns-password anns-new-password");
        ann.expect(Lines.STORE_DOWN);
        log.expectStartingWith("The account store is unreachable (");
        AdminClient.Reply notReady = admin.getUntil("/ready", r -> r.status() == 503);
        assertEquals("DOWN", notReady.check("accounts").getString("status"));
        assertEquals(200, admin.get("/health").status());
        try (LineClient sam = LineClient.connect(port)) {
          sam.expect(Lines.PROMPT);
          for (int i = 0; i < 3; i++) {
            sam.send("Sam");
            sam.expect(Lines.STORE_DOWN);
            sam.expect(Lines.PROMPT);
          }
          // A name the node does not know to be registered is a guest's, store or not.
          try (LineClient gus = LineClient.login(port, "Gus")) {
            tom.expect(Lines.joined("Gus"));
            ann.expect(Lines.joined("Gus"));
            gus.send("hello from a guest");
            tom.expect(Lines.message("Gus", "hello from a guest"));
            ann.expect(Lines.message("Gus", "hello from a guest"));
            gus.send("/register guss-password");
            gus.expect(Lines.STORE_DOWN);
          }
          tom.expect(Lines.disconnected("Gus"));
          ann.expect(Lines.disconnected("Gus"));
          tom.send("still chatting");
          ann.expect(Lines.message("Tom", "still chatting"));
          ann.send("/pm Tom me too");
          ann.expect(Lines.privateTo("Tom", "me too"));
          tom.expect(Lines.privateFrom("Ann", "me too"));
          log.expectNothingMore();

          pg.resume();
          sam.send("Sam");
          sam.expect(Lines.passwordFor("Sam"));
          sam.send("sams-password");
          sam.expect(Lines.welcome("Sam"));
          log.expect("The account store answers again");
          AdminClient.Reply ready = admin.getUntil("/ready", r -> r.status() == 200);
          assertEquals("UP", ready.check("accounts").getString("status"));
          ann.expect(Lines.joined("Sam"));
          ann.send("/password anns-password anns-new-password");
          ann.expect(Lines.PASSWORD_CHANGED);
        }
      }
      TestNodes.await(node.shutdown());
    }
  }
}
