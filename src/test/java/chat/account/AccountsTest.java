package chat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.Accounts;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registering, logging in with a password, changing it, and taking over an older session, on the embedded store. */
@ExtendWith(VertxExtension.class)
public class AccountsTest {

  /** The store section for a new, empty database; PgAccountsTest runs every test on PostgreSQL. */
  protected JsonObject newStore(Vertx vertx) {
    return new JsonObject().put("path", TestNodes.freshStorePath());
  }


  private ChatNode node;
  private int port;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    node = TestNodes.start(vertx, new JsonObject().put("store", newStore(vertx)));
    port = node.port();
  }

  /** Replaces the node: two nodes on one Vert.x instance would share its port 0 listeners. */
  private void restart(JsonObject overrides) {
    TestNodes.await(node.shutdown());
    node = TestNodes.start(vertx, overrides.copy().put("store", newStore(vertx)));
    port = node.port();
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
  }

  @Test
  void aGuestRegistersItsNameAndThenNeedsThePassword() {
    try (LineClient sam = Accounts.register(port, "Sam", "correct-horse")) {
      sam.send("quit");
      sam.expect(Lines.goodbye("Sam"));
    }
    try (LineClient guess = LineClient.connect(port)) {
      guess.expect(Lines.PROMPT);
      Accounts.wrongPassword(guess, "sam", "Sam", "wrong-horse");
      guess.send("Sam");
      guess.expect(Lines.passwordFor("Sam"));
      guess.send("correct-horse");
      guess.expect(Lines.welcome("Sam"));
      guess.send("/register another-one");
      guess.expect(Lines.alreadyRegistered("Sam"));
    }
  }

  @Test
  void guestsStillLogInAndRegisterNeedsAGoodPassword() {
    try (LineClient tom = LineClient.login(port, "Tom")) {
      tom.send("/register");
      tom.expect(Lines.REGISTER_USAGE);
      tom.send("/register short");
      tom.expect(Lines.PASSWORD_RULES);
      tom.send("/register " + "x".repeat(257));
      tom.expect(Lines.PASSWORD_RULES);
      tom.send("/password abcdefgh ijklmnop");
      tom.expect(Lines.NOT_REGISTERED);
      tom.send("/register " + "x".repeat(256));
      tom.expect(Lines.registered("Tom"));
    }
  }

  @Test
  void passwordChangesTakeEffectAtTheNextLogin() {
    try (LineClient ann = Accounts.register(port, "Ann", "first-password")) {
      ann.send("/password");
      ann.expect(Lines.PASSWORD_USAGE);
      ann.send("/password not-the-password second-password");
      ann.expect(Lines.wrongPassword("Ann"));
      ann.send("/password first-password 2short");
      ann.expect(Lines.PASSWORD_RULES);
      ann.send("/password first-password second-password");
      ann.expect(Lines.PASSWORD_CHANGED);
    }
    try (LineClient again = LineClient.connect(port)) {
      again.expect(Lines.PROMPT);
      again.send("Ann");
      again.expect(Lines.passwordFor("Ann"));
      again.send("first-password");
      again.expect(Lines.wrongPassword("Ann"));
      Accounts.login(again, "Ann", "second-password");
      again.send("/password second-password third-password");
      again.expect(Lines.PASSWORD_CHANGED);
    }
  }

  @Test
  void theRightPasswordClosesTheOlderSessionAndTakesOver() {
    try (LineClient eve = LineClient.login(port, "Eve");
         LineClient old = Accounts.register(port, "Sam", "sams-password")) {
      eve.expect(Lines.joined("Sam"));
      try (LineClient fresh = Accounts.login(port, "Sam", "sams-password")) {
        old.expect(Lines.TAKEN_OVER);
        old.expectClosed();
        eve.expect(Lines.disconnected("Sam"));
        eve.expect(Lines.joined("Sam"));
        eve.send("/pm Sam still you?");
        fresh.expect(Lines.privateFrom("Eve", "still you?"));
      }
    }
  }

  @Test
  void quitAtThePasswordPromptSaysGoodbye() {
    Accounts.register(port, "Sam", "sams-password").close();
    try (LineClient sam = LineClient.connect(port)) {
      sam.expect(Lines.PROMPT);
      sam.send("Sam");
      sam.expect(Lines.passwordFor("Sam"));
      sam.send("quit");
      sam.expect(Lines.GOODBYE_ANONYMOUS);
      sam.expectClosed();
    }
  }

  @Test
  void aWrongPasswordNeverTakesOver() {
    try (LineClient old = Accounts.register(port, "Sam", "sams-password");
         LineClient other = LineClient.connect(port)) {
      other.expect(Lines.PROMPT);
      Accounts.wrongPassword(other, "Sam", "Sam", "not-sams-password");
      old.send("/users");
      old.expect("Online users (1): Sam");
    }
  }

  @Test
  void withGuestsOffANewNameIsRegisteredAtLogin() {
    restart(new JsonObject().put("accounts", new JsonObject().put("guests", false)));
    int closedPort = port;
    try (LineClient bob = LineClient.connect(closedPort)) {
      bob.expect(Lines.PROMPT);
      bob.send("Bob");
      bob.expect(Lines.choosePassword("Bob"));
      bob.send("bobs-password");
      bob.expect(Lines.CONFIRM_PASSWORD);
      bob.send("bobs-passwort");
      bob.expect(Lines.PASSWORDS_DIFFER);
      bob.expect(Lines.PROMPT);
      bob.send("Bob");
      bob.expect(Lines.choosePassword("Bob"));
      bob.send("short");
      bob.expect(Lines.PASSWORD_RULES);
      bob.expect(Lines.PROMPT);
      bob.send("Bob");
      bob.expect(Lines.choosePassword("Bob"));
      bob.send("bobs-password");
      bob.expect(Lines.CONFIRM_PASSWORD);
      bob.send("bobs-password");
      bob.expect(Lines.welcome("Bob"));
      bob.send("/register bobs-password");
      bob.expect(Lines.alreadyRegistered("Bob"));
    }
    Accounts.login(closedPort, "Bob", "bobs-password").close();
  }

  @Test
  void accountsOffMeansNoPasswordsAtAll() {
    restart(new JsonObject().put("accounts", new JsonObject().put("enabled", false)));
    try (LineClient sam = LineClient.login(port, "Sam")) {
      sam.send("/register sams-password");
      sam.expect(Lines.ACCOUNTS_OFF);
      sam.send("/password sams-password other-password");
      sam.expect(Lines.ACCOUNTS_OFF);
    }
    assertEquals(null, node.accounts());
  }

  @Test
  void hashesAreArgon2idWithOwaspParameters() throws Exception {
    Accounts.register(port, "Kim", "kims-password").close();
    String hash = node.accounts().store().find("kim").toCompletionStage().toCompletableFuture().get().hash();
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertTrue(PasswordHash.verify(hash, "kims-password"));
  }
}
