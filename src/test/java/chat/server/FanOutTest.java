package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many clients at once: every broadcast reaches every other client exactly once. */
@ExtendWith(VertxExtension.class)
class FanOutTest {

  private static final int CLIENTS = 200;

  @Test
  void twoHundredClientsEachReceiveTheOthers199Lines(Vertx vertx) throws Exception {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<LineClient> clients = new ArrayList<>();
    try {
      List<Future<LineClient>> logins = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        String name = "user" + i;
        logins.add(pool.submit(() -> LineClient.login(node.port(), name)));
      }
      for (Future<LineClient> login : logins) {
        clients.add(login.get());
      }
      // Only once everyone is in does anyone talk, so every line has 199 recipients.
      for (int i = 0; i < CLIENTS; i++) {
        clients.get(i).send("hello from user" + i);
      }
      List<Future<Set<String>>> received = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        LineClient client = clients.get(i);
        received.add(pool.submit(() -> receive(client)));
      }
      for (int i = 0; i < CLIENTS; i++) {
        Set<String> lines = received.get(i).get();
        assertEquals(CLIENTS - 1, lines.size());
        assertTrue(!lines.contains("user" + i + ": hello from user" + i), "own line came back");
        for (int j = 0; j < CLIENTS; j++) {
          if (j != i) {
            assertTrue(lines.contains("user" + j + ": hello from user" + j), "user" + i + " missed user" + j);
          }
        }
      }
    } finally {
      clients.forEach(LineClient::close);
      pool.shutdownNow();
      TestNodes.await(node.shutdown());
    }
  }

  /** Reads 199 distinct message lines, then checks nothing else arrives before a /users reply. */
  private static Set<String> receive(LineClient client) {
    Set<String> lines = new HashSet<>();
    while (lines.size() < CLIENTS - 1) {
      String line = client.readLine();
      if (line == null) {
        throw new AssertionError("closed early");
      }
      if (line.contains(": hello from ") && !lines.add(line)) {
        throw new AssertionError("duplicate: " + line);
      }
    }
    client.send("/users");
    String line;
    while (!(line = client.readLine()).startsWith("Online users (")) {
      if (line.contains(": hello from ")) {
        throw new AssertionError("extra or duplicate line: " + line);
      }
    }
    return lines;
  }
}
