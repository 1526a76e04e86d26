package chat.account;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.Accounts;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failed passwords are limited per address and per name; a guesser's limit does not hold up the owner. */
@ExtendWith(VertxExtension.class)
class ThrottleTest {

  private static final Pattern WAIT = Pattern.compile("Too many failed passwords: try again in ([1-9][0-9]?) s\\.");

  private ChatNode node;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    // Flood control off: the guessers type faster than a person.
    node = TestNodes.start(vertx, new JsonObject().put("floodRate", 0).put("accounts", new JsonObject().put("failuresPerName", 8)));
    port = node.port();
    Accounts.register(port, "Sam", "sams-password").close();
    Accounts.register(port, "Ann", "anns-password").close();
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
  }

  @Test
  void fiveFailuresFromAnAddressMakeItWaitWhateverTheNameButNotTheOwner() {
    try (LineClient guesser = LineClient.connectFrom("127.0.0.2", "127.0.0.1", port)) {
      guesser.expect(Lines.PROMPT);
      for (int i = 0; i < 5; i++) {
        guess(guesser, "Sam", "guess-" + i);
        guesser.expect(Lines.wrongPassword("Sam"));
        guesser.expect(Lines.PROMPT);
      }
      guess(guesser, "Sam", "sams-password");
      assertWait(guesser.readLine());
      guesser.expect(Lines.PROMPT);
      guess(guesser, "Ann", "anns-password");
      assertWait(guesser.readLine());
      guesser.expect(Lines.PROMPT);
      // The owner, from another address, logs in at once.
      Accounts.login(LineClient.connectFrom("127.0.0.3", "127.0.0.1", port), "Sam", "sams-password").close();
    }
  }

  @Test
  void aNameGuessedFromManyAddressesWaitsFromAllOfThem() {
    for (int a = 2; a < 6; a++) {
      try (LineClient guesser = LineClient.connectFrom("127.0.0." + a, "127.0.0.1", port)) {
        guesser.expect(Lines.PROMPT);
        for (int i = 0; i < 2; i++) {
          guess(guesser, "Ann", "guess-" + a + "-" + i);
          guesser.expect(Lines.wrongPassword("Ann"));
          guesser.expect(Lines.PROMPT);
        }
      }
    }
    try (LineClient owner = LineClient.connectFrom("127.0.0.9", "127.0.0.1", port)) {
      owner.expect(Lines.PROMPT);
      guess(owner, "Ann", "anns-password");
      assertWait(owner.readLine());
      owner.expect(Lines.PROMPT);
      // Other names are not held up.
      guess(owner, "Sam", "sams-password");
      owner.expect(Lines.welcome("Sam"));
    }
  }

  private static void guess(LineClient client, String name, String password) {
    client.send(name);
    client.expect(Lines.passwordFor(name));
    client.send(password);
  }

  private static void assertWait(String line) {
    assertTrue(WAIT.matcher(line).matches(), line);
  }
}
