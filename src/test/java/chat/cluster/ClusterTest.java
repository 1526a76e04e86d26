package chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.protocol.Lines;
import chat.support.ClusterNodes;
import chat.support.LineClient;
import chat.support.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three clustered nodes in one JVM form one chat: clients on different nodes talk as if on one server. */
class ClusterTest {

  private static final String CLUSTER = ClusterNodes.uniqueName();
  private static ClusterNodes.Node a;
  private static ClusterNodes.Node b;

  @BeforeAll
  static void startCluster() {
    a = ClusterNodes.start(CLUSTER);
    b = ClusterNodes.start(CLUSTER);
  }

  /** Waits until both nodes have seen every departure of the last test, so tests do not hear each other. */
  @AfterEach
  void settle() {
    for (ClusterNodes.Node node : new ClusterNodes.Node[] {a, b}) {
      try (LineClient probe = LineClient.login(node.port(), "Probe")) {
        String users;
        int asked = 0;
        do {
          probe.send("/users");
          users = probe.readUntil(l -> l.startsWith("Online users ("));
          assertTrue(++asked < 1000, "departures never reached the node: " + users);
        } while (!users.equals("Online users (1): Probe"));
        probe.send("quit");
        probe.readUntil("Goodbye, Probe!"::equals);
      }
    }
  }

  @AfterAll
  static void stopCluster() {
    b.stop();
    a.stop();
  }

  @Test
  void broadcastsJoinsAndDeparturesCrossNodesExactlyOnceAndInOrder() {
    try (LineClient sam = LineClient.login(a.port(), "Sam"); LineClient eliya = LineClient.login(b.port(), "Eliya")) {
      sam.expect("Eliya has joined the chat.");
      try (LineClient tom = LineClient.login(a.port(), "Tom")) {
        eliya.expect("Tom has joined the chat.");
        sam.expect("Tom has joined the chat.");
        for (int i = 0; i < 50; i++) {
          sam.send("line " + i);
        }
        for (int i = 0; i < 50; i++) {
          eliya.expect("Sam: line " + i);
          tom.expect("Sam: line " + i);
        }
        eliya.send("Hello from B");
        sam.expect("Eliya: Hello from B");
        tom.expect("Eliya: Hello from B");
        // Nothing came back to the senders: the next line each sees is the reply to /users.
        sam.send("/users");
        sam.expect("Online users (3): Eliya, Sam, Tom");
        eliya.send("/users");
        eliya.expect("Online users (3): Eliya, Sam, Tom");
      }
      sam.expect("Tom has disconnected.");
      eliya.expect("Tom has disconnected.");
    }
  }

  @Test
  void privateMessagesReachUsersOnOtherNodes() {
    try (LineClient ana = LineClient.login(a.port(), "Ana"); LineClient bo = LineClient.login(b.port(), "Bo")) {
      ana.expect("Bo has joined the chat.");
      ana.send("/pm bo Hi Bo, how are you?");
      // Bo may first hear of Ana's join: it reached Bo's node after Bo logged in.
      assertEquals("[Private from Ana]: Hi Bo, how are you?", bo.readUntil(l -> !l.equals("Ana has joined the chat.")));
      ana.expect("[Private to Bo]: Hi Bo, how are you?");
      bo.send("/pm Nobody hello");
      bo.expect("User 'Nobody' is not online.");
    }
  }

  @Test
  void repliesToPipelinedCommandsComeInTheOrderSentWhereverTheAddresseeIs() {
    try (LineClient ana = LineClient.login(a.port(), "Ana"); LineClient bo = LineClient.login(b.port(), "Bo")) {
      ana.expect("Bo has joined the chat.");
      ana.sendRaw(("/pm bo one\n/help\n/pm Nobody x\n/xyz\n/pm ana me\nhello\n/pm Bo two\n/users\n/pm\nquit\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      ana.expect("[Private to Bo]: one");
      ana.expect(chat.protocol.Lines.INSTRUCTIONS);
      ana.expect("User 'Nobody' is not online.");
      ana.expect("Unknown command: /xyz. Type /help for help.");
      ana.expect("You cannot send a private message to yourself.");
      ana.expect("[Private to Bo]: two");
      ana.expect("Online users (2): Ana, Bo");
      ana.expect("Usage: /pm <username> <message>");
      ana.expect("Goodbye, Ana!");
      ana.expectClosed();
      // Bo may first hear of Ana's join: it reached Bo's node after Bo logged in.
      assertEquals("[Private from Ana]: one", bo.readUntil(l -> !l.equals("Ana has joined the chat.")));
      bo.expect("Ana: hello");
      bo.expect("[Private from Ana]: two");
      bo.expect("Ana has disconnected.");
    }
  }

  @Test
  void aWebSocketUserOnOneNodeChatsWithTcpUsersOnTheOthers() {
    try (WsClient web = WsClient.login(a.vertx(), a.httpPort(), "Web"); LineClient nc = LineClient.login(b.port(), "Nc")) {
      web.expect("Nc has joined the chat.");
      try (LineClient console = LineClient.login(a.port(), "Console")) {
        web.expect("Console has joined the chat.");
        nc.expect("Console has joined the chat.");
        web.send("hello from the browser");
        // Nc may first hear of Web's join: it reached Nc's node after Nc logged in.
        assertEquals("Web: hello from the browser", nc.readUntil(l -> !l.equals("Web has joined the chat.")));
        console.expect("Web: hello from the browser");
        nc.send("/pm web psst");
        nc.expect("[Private to Web]: psst");
        web.expect("[Private from Nc]: psst");
        web.send("/pm Nc back");
        web.expect("[Private to Nc]: back");
        nc.expect("[Private from Web]: back");
        console.send("from the console");
        web.expect("Console: from the console");
        nc.expect("Console: from the console");
        web.send("/users");
        web.expect("Online users (3): Console, Nc, Web");
      }
      web.expect("Console has disconnected.");
      nc.expect("Console has disconnected.");
      web.send("quit");
      web.expect("Goodbye, Web!");
      nc.expect("Web has disconnected.");
    }
  }

  @Test
  void whenTwoNodesGetTheSameNewNameAtOnceExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String name = "Race" + round;
        LineClient onA = LineClient.connect(a.port());
        LineClient onB = LineClient.connect(b.port());
        onA.expect(Lines.PROMPT);
        onB.expect(Lines.PROMPT);
        Future<String> first = pool.submit(() -> {
          onA.send(name);
          return onA.readLine();
        });
        Future<String> second = pool.submit(() -> {
          onB.send(name);
          return onB.readLine();
        });
        List<String> replies = new ArrayList<>(List.of(first.get(), second.get()));
        replies.sort(null);
        assertEquals(List.of(Lines.nameTaken(name), Lines.welcome(name)), replies, "round " + round);
        onA.close();
        onB.close();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNodeThatJoinsLaterSeesEveryoneAndIsSeen() {
    try (LineClient early = LineClient.login(a.port(), "Early")) {
      ClusterNodes.Node c = ClusterNodes.start(CLUSTER);
      try (LineClient late = LineClient.login(c.port(), "Late")) {
        early.expect("Late has joined the chat.");
        late.send("/users");
        late.expect("Online users (2): Early, Late");
        early.send("welcome, late node");
        late.expect("Early: welcome, late node");
      } finally {
        c.stop();
      }
      early.expect("Late has disconnected.");
      early.send("/users");
      early.expect("Online users (1): Early");
    }
  }
}
