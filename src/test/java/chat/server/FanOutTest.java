package chat.server;

import chat.ChatNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
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

  /**
   * Bursts far bigger than one shared fan-out batch, from two senders on one event loop with a long
   * write-coalescing window, so batches fill up and are retired mid-flush, and each sender gets far
   * enough ahead of the fan-out to have its socket paused and resumed; meanwhile a receiver and a
   * sender each get a line of their own. Every client must still see each sender's lines complete,
   * in order, once, and never its own.
   */
  @Test
  void burstsBiggerThanABatchArriveWholeInOrderAndNotAtTheirSender(Vertx vertx) throws Exception {
    ChatNode node = TestNodes.start(vertx,
        new JsonObject().put("instances", 1).put("floodRate", 0).put("writeCoalesceMicros", 20_000));
    int lines = 1000;
    String padding = "x".repeat(200);
    List<LineClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    String[] names = {"alice", "bob", "carol", "dave"};
    try {
      for (String name : names) {
        clients.add(LineClient.login(node.port(), name));
      }
      for (int i = 0; i < clients.size(); i++) {
        for (int j = i + 1; j < clients.size(); j++) {
          clients.get(i).expect(chat.protocol.Lines.joined(names[j]));
        }
      }
      StringBuilder alice = new StringBuilder();
      StringBuilder bob = new StringBuilder();
      for (int n = 0; n < lines; n++) {
        alice.append("a ").append(n).append(' ').append(padding).append('\n');
        bob.append("b ").append(n).append(' ').append(padding).append('\n');
        if (n == lines / 2) {
          alice.append("/users\n");
        }
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int i = 0; i < clients.size(); i++) {
        LineClient client = clients.get(i);
        String me = names[i];
        readers.add(pool.submit(() -> {
          expectBursts(client, me, lines);
          return null;
        }));
      }
      clients.get(2).send("/users"); // carol, mid-burst, gets a line of her own
      clients.get(0).sendRaw(alice.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      clients.get(1).sendRaw(bob.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (Future<?> reader : readers) {
        reader.get();
      }
    } finally {
      clients.forEach(LineClient::close);
      pool.shutdownNow();
      TestNodes.await(node.shutdown());
    }
  }

  /** Public lines take a shorter way than private ones; neither may overtake the other. */
  @Test
  void publicAndPrivateLinesFromOneSenderArriveInTheOrderSent(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject().put("floodRate", 0));
    try (LineClient sam = LineClient.login(node.port(), "Sam"); LineClient eliya = LineClient.login(node.port(), "Eliya")) {
      sam.expect("Eliya has joined the chat.");
      StringBuilder burst = new StringBuilder();
      // More private lines in a row than may be unanswered at once: reading pauses and resumes.
      for (int i = 0; i < 300; i++) {
        burst.append("/pm Sam q").append(i).append('\n');
      }
      burst.append("after the private lines\n");
      eliya.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 300; i++) {
        sam.expect("[Private from Eliya]: q" + i);
        eliya.expect("[Private to Sam]: q" + i);
      }
      sam.expect("Eliya: after the private lines");
      burst.setLength(0);
      for (int i = 0; i < 200; i++) {
        burst.append("/pm Sam p").append(i).append("\nm").append(i).append('\n');
      }
      eliya.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 200; i++) {
        sam.expect("[Private from Eliya]: p" + i);
        sam.expect("Eliya: m" + i);
        eliya.expect("[Private to Sam]: p" + i);
      }
    } finally {
      TestNodes.await(node.shutdown());
    }
  }

  /** Reads until every other sender's burst is complete; checks order, no duplicates, no own lines. */
  private static void expectBursts(LineClient client, String me, int lines) {
    int nextA = me.equals("alice") ? lines : 0;
    int nextB = me.equals("bob") ? lines : 0;
    int users = 0;
    int expectedUsers = me.equals("alice") || me.equals("carol") ? 1 : 0;
    while (nextA < lines || nextB < lines || users < expectedUsers) {
      String line;
      try {
        line = client.readLine();
      } catch (AssertionError e) {
        throw new AssertionError(me + ": stuck after alice " + nextA + ", bob " + nextB + ", /users " + users, e);
      }
      if (line == null) {
        throw new AssertionError(me + ": closed early");
      }
      if (line.startsWith("Online users (4): ")) {
        users++;
      } else if (line.startsWith("alice: a ")) {
        assertEquals(nextA++, number(line), me + ": alice's lines out of order");
      } else if (line.startsWith("bob: b ")) {
        assertEquals(nextB++, number(line), me + ": bob's lines out of order");
      } else {
        throw new AssertionError(me + ": unexpected line " + line);
      }
    }
    assertEquals(expectedUsers, users, me + ": /users replies");
  }

  private static int number(String line) {
    String[] parts = line.split(" ", 4);
    return Integer.parseInt(parts[2]);
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
