package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a new user meets first: the name prompt, command parsing, long answers, name attempts. */
@ExtendWith(VertxExtension.class)
class FirstContactTest {

  private ChatNode node;

  private int start(Vertx vertx, JsonObject overrides) {
    node = TestNodes.start(vertx, overrides);
    return node.port();
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
  }

  @Test
  void theNameLineIsTrimmedAndQuitMayHaveSpacesAround(Vertx vertx) {
    int port = start(vertx, new JsonObject());
    try (LineClient sam = LineClient.connect(port); LineClient leaver = LineClient.connect(port)) {
      sam.expect(Lines.PROMPT);
      sam.send("  Sam\t ");
      sam.expect(Lines.welcome("Sam"));
      sam.send("/users");
      sam.expect("Online users (1): Sam");
      leaver.expect(Lines.PROMPT);
      leaver.send("  quit ");
      leaver.expect("Goodbye!");
      leaver.expectClosed();
    }
  }

  @Test
  void aNameNeedsALetterOrDigit(Vertx vertx) {
    int port = start(vertx, new JsonObject());
    try (LineClient client = LineClient.connect(port)) {
      client.expect(Lines.PROMPT);
      for (String name : List.of("-", "_", "--__")) {
        client.send(name);
        client.expect("Invalid username: it needs at least one letter or digit.");
        client.expect(Lines.PROMPT);
      }
      client.send("_x-");
      client.expect(Lines.welcome("_x-"));
    }
  }

  @Test
  void aDoubleSlashSendsALineThatStartsWithASlashAndTabsSeparateCommandWords(Vertx vertx) {
    int port = start(vertx, new JsonObject());
    try (LineClient sam = LineClient.login(port, "Sam"); LineClient eliya = LineClient.login(port, "Eliya")) {
      sam.expect("Eliya has joined the chat.");
      sam.send("//etc/hosts is broken");
      eliya.expect("Sam: /etc/hosts is broken");
      sam.send("/pm\tEliya\thi there");
      sam.expect("[Private to Eliya]: hi there");
      eliya.expect("[Private from Sam]: hi there");
      sam.send("/help");
      sam.expect(Lines.INSTRUCTIONS);
      assertTrue(Lines.INSTRUCTIONS.contains("//"), Lines.INSTRUCTIONS);
    }
  }

  @Test
  void aLongUserListComesInPartsThatSayWhereTheListEnds(Vertx vertx) {
    int port = start(vertx, new JsonObject().put("floodRate", 0));
    List<LineClient> clients = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      for (int i = 0; i < 70; i++) {
        String name = String.format("user%02d", i) + "x".repeat(26); // 32 characters
        names.add(name);
        clients.add(LineClient.login(port, name));
      }
      LineClient asker = clients.get(0);
      asker.send("/users");
      List<String> listed = new ArrayList<>();
      Pattern part = Pattern.compile("Online users \\(70, part (\\d+) of (\\d+)\\): (.*)");
      int parts = -1;
      for (int k = 1; parts < 0 || k <= parts; k++) {
        String line = asker.readUntil(l -> l.startsWith("Online users ("));
        assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= Lines.USERS_LINE_BYTES + 40, line);
        Matcher m = part.matcher(line);
        assertTrue(m.matches(), line);
        assertEquals(k, Integer.parseInt(m.group(1)));
        parts = Integer.parseInt(m.group(2));
        listed.addAll(List.of(m.group(3).split(", ")));
      }
      assertEquals(3, parts);
      assertEquals(names, listed);
    } finally {
      clients.forEach(LineClient::close);
    }
  }

  @Test
  void nameAttemptsCountAgainstTheFloodBudgetAndEachIsAnswered(Vertx vertx) {
    int port = start(vertx, new JsonObject().put("floodBurst", 5).put("floodRate", 50));
    try (LineClient sam = LineClient.login(port, "Sam"); LineClient guesser = LineClient.connect(port)) {
      guesser.expect(Lines.PROMPT);
      guesser.sendRaw("sam\n".repeat(20).getBytes(StandardCharsets.UTF_8));
      List<String> answers = new ArrayList<>();
      while (answers.stream().filter("Username 'sam' is already taken."::equals).count() < 20) {
        String line = guesser.readLine();
        if (!line.equals(Lines.PROMPT)) {
          answers.add(line);
        }
      }
      assertEquals(1, answers.stream().filter(Lines.slowed(50)::equals).count(), answers.toString());
      try (LineClient fresh = LineClient.login(port, "Fresh")) {
        sam.expect("Fresh has joined the chat.");
      }
    }
  }
}
