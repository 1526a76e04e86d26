package chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.support.Accounts;
import chat.support.JarProcess;
import chat.support.TestNodes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fat jar's embedded account store survives a kill -9; a clustered node refuses to start on it. */
class AccountsProcessIT {

  @Test
  void anAccountRegisteredJustBeforeAKillMinusNineIsStillThere() {
    String store = TestNodes.freshStorePath();
    String config = JarProcess.config("\"store\": {\"path\": \"" + store + "\"}").toString();
    try (JarProcess server = JarProcess.start(Map.of("CHAT_CONFIG", config))) {
      int port = server.awaitListening(60);
      Accounts.register(port, "Sam", "sams-password").close();
      server.process().destroyForcibly();
      assertEquals(137, server.waitFor(30));
    }
    try (JarProcess again = JarProcess.start(Map.of("CHAT_CONFIG", config))) {
      Accounts.login(again.awaitListening(60), "Sam", "sams-password").close();
    }
  }

  @Test
  void aClusteredNodeWithAccountsOnAnEmbeddedStoreRefusesToStart() {
    try (JarProcess node = JarProcess.start(Map.of("CHAT_CONFIG", JarProcess.config("").toString()), "--cluster")) {
      String line = node.awaitLine(l -> l.contains("needs a PostgreSQL account store"), 60);
      assertTrue(line.startsWith("A clustered node with accounts on needs a PostgreSQL account store"), line);
      assertEquals(2, node.waitFor(30));
    }
  }
}
