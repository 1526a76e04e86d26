package chat.server;

import chat.Addresses;
import chat.ChatNode;
import chat.UserMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.protocol.Lines;
import chat.support.LineClient;
import chat.support.LogCapture;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The numbered protocol items of the seed, each asserted line by line over real sockets. */
@ExtendWith(VertxExtension.class)
class ProtocolTest {

  private ChatNode node;
  private int port;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    node = TestNodes.start(vertx, new JsonObject());
    port = node.port();
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
  }

  @Test
  void promptsForAUsernameOnConnect() {
    try (LineClient client = LineClient.connect(port)) {
      client.expect("Enter your username:");
    }
  }

  @Test
  void badNamesGetAReasonAndThePromptAgain() {
    try (LineClient client = LineClient.connect(port)) {
      client.expect(Lines.PROMPT);
      client.send("bad name!");
      client.expect("Invalid username: use only letters, digits, '_' or '-'.");
      client.expect(Lines.PROMPT);
      client.send("x".repeat(33));
      client.expect("Invalid username: it must be 1 to 32 characters long.");
      client.expect(Lines.PROMPT);
      client.send("x".repeat(32));
      client.expect(Lines.welcome("x".repeat(32)));
    }
  }

  @Test
  void takenNamesIgnoreCaseAndTheConnectionStays() {
    try (LineClient sam = LineClient.login(port, "Sam"); LineClient other = LineClient.connect(port)) {
      other.expect(Lines.PROMPT);
      other.send("sAM");
      other.expect("Username 'sAM' is already taken.");
      other.expect(Lines.PROMPT);
      other.send("Eliya");
      other.expect(Lines.welcome("Eliya"));
      sam.expect("Eliya has joined the chat.");
    }
  }

  @Test
  void welcomeAndJoinAnnouncement() {
    try (LogCapture log = new LogCapture("chat.registry.RegistryVerticle");
         LineClient eliya = LineClient.login(port, "Eliya")) {
      log.expect("Eliya has joined.");
      try (LineClient sam = LineClient.connect(port)) {
        sam.expect("Enter your username:");
        sam.send("Sam");
        sam.expect("Welcome, Sam! Type a message to send it to everyone. Commands: /pm <user> <message>, /users, /help, quit");
        eliya.expect("Sam has joined the chat.");
        log.expect("Sam has joined.");
      }
    }
  }

  @Test
  void aPlainLineGoesToEveryoneElseButNotBackToTheSender() {
    try (LogCapture log = new LogCapture("chat.messages");
         LineClient sam = LineClient.login(port, "Sam");
         LineClient eliya = LineClient.login(port, "Eliya");
         LineClient tom = LineClient.login(port, "Tom")) {
      sam.send("Hello everyone!");
      eliya.expect("Tom has joined the chat.");
      eliya.expect("Sam: Hello everyone!");
      tom.expect("Sam: Hello everyone!");
      log.expect("Message from Sam: Hello everyone!");
      // The users reply travels after the broadcast through the registry: an echo would come first.
      sam.send("/users");
      sam.expect("Eliya has joined the chat.");
      sam.expect("Tom has joined the chat.");
      sam.expect("Online users (3): Eliya, Sam, Tom");
    }
  }

  /**
   * The registry counts a user online from the moment it announces the join, so a private line
   * sent as soon as the announcement arrives must reach the newcomer, whether it lands before or
   * after the welcome line; several newcomers, on both event loops.
   */
  @Test
  void aPrivateLineSentTheMomentAJoinIsAnnouncedReachesTheNewcomer() {
    try (LineClient sam = LineClient.login(port, "Sam")) {
      for (int i = 0; i < 6; i++) {
        String name = "New" + i;
        try (LineClient newcomer = LineClient.connect(port)) {
          newcomer.expect(Lines.PROMPT);
          newcomer.send(name);
          sam.expect(name + " has joined the chat.");
          sam.send("/pm " + name + " welcome aboard");
          sam.expect("[Private to " + name + "]: welcome aboard");
          List<String> firstTwo = new ArrayList<>(List.of(newcomer.readLine(), newcomer.readLine()));
          firstTwo.sort(null);
          assertEquals(List.of(Lines.welcome(name), "[Private from Sam]: welcome aboard"), firstTwo); // sorted
        }
        sam.expect(name + " has disconnected.");
      }
    }
  }

  @Test
  void privateMessagesReachOnlyTheAddresseeAndMatchNamesIgnoringCase() {
    try (LineClient sam = LineClient.login(port, "Sam");
         LineClient eliya = LineClient.login(port, "Eliya");
         LineClient tom = LineClient.login(port, "Tom")) {
      eliya.send("/pm sam Hi Sam, how are you?");
      sam.expect("Eliya has joined the chat.");
      sam.expect("Tom has joined the chat.");
      sam.expect("[Private from Eliya]: Hi Sam, how are you?");
      eliya.expect("Tom has joined the chat.");
      eliya.expect("[Private to Sam]: Hi Sam, how are you?");
      tom.send("/users");
      tom.expect("Online users (3): Eliya, Sam, Tom");
    }
  }

  @Test
  void privateMessageErrorsGoToTheSenderOnly() {
    try (LineClient sam = LineClient.login(port, "Sam"); LineClient eliya = LineClient.login(port, "Eliya")) {
      sam.expect("Eliya has joined the chat.");
      eliya.send("/pm Bob hello");
      eliya.expect("User 'Bob' is not online.");
      eliya.send("/pm Sam");
      eliya.expect("Usage: /pm <username> <message>");
      eliya.send("/pm");
      eliya.expect("Usage: /pm <username> <message>");
      eliya.send("/pm eliya talking to myself");
      eliya.expect("You cannot send a private message to yourself.");
      eliya.send("done");
      sam.expect("Eliya: done");
    }
  }

  @Test
  void usersAreListedSortedIgnoringCase() {
    try (LineClient tom = LineClient.login(port, "tom");
         LineClient sam = LineClient.login(port, "Sam");
         LineClient eliya = LineClient.login(port, "Eliya")) {
      eliya.send("/users");
      eliya.expect("Online users (3): Eliya, Sam, tom");
    }
  }

  @Test
  void helpAndUnknownCommandsAreAnsweredAndNeverBroadcast() {
    try (LineClient sam = LineClient.login(port, "Sam"); LineClient eliya = LineClient.login(port, "Eliya")) {
      sam.expect("Eliya has joined the chat.");
      eliya.send("/help");
      eliya.expect(Lines.INSTRUCTIONS);
      eliya.send("/word");
      eliya.expect("Unknown command: /word. Type /help for help.");
      eliya.send("after");
      sam.expect("Eliya: after");
    }
  }

  @Test
  void quitSaysGoodbyeClosesAndFreesTheNameAtOnce() {
    try (LogCapture log = new LogCapture("chat.registry.RegistryVerticle");
         LineClient eliya = LineClient.login(port, "Eliya")) {
      for (String quit : new String[] {"quit", "/quit"}) {
        try (LineClient sam = LineClient.login(port, "Sam")) {
          eliya.expect("Sam has joined the chat.");
          sam.send(quit);
          sam.expect("Goodbye, Sam!");
          sam.expectClosed();
        }
        eliya.expect("Sam has disconnected.");
        log.expect("Sam has disconnected.");
      }
      try (LineClient again = LineClient.login(port, "sam")) {
        eliya.expect("sam has joined the chat.");
      }
    }
  }

  @Test
  void aDroppedConnectionIsTreatedLikeQuit() {
    try (LineClient eliya = LineClient.login(port, "Eliya")) {
      LineClient sam = LineClient.login(port, "Sam");
      eliya.expect("Sam has joined the chat.");
      sam.close();
      eliya.expect("Sam has disconnected.");
      try (LineClient again = LineClient.login(port, "Sam")) {
        eliya.expect("Sam has joined the chat.");
      }
    }
  }

  @Test
  void aMessageOfNoKnownKindAtAUsersAddressIsDroppedAndTheUserChatsOn() {
    try (LogCapture log = new LogCapture("chat.session.Login");
        LineClient eliya = LineClient.login(port, "Eliya"); LineClient sam = LineClient.login(port, "Sam")) {
      eliya.expect("Sam has joined the chat.");
      vertx.eventBus().send(Addresses.user("Sam"), 42);
      vertx.eventBus().send(Addresses.user("Sam"), new JsonObject().put("lastLine", 7));
      log.expect("Dropped a message for Sam that is no user message");
      log.expect("Dropped a message for Sam that is no user message");
      eliya.send("/pm Sam still there?");
      sam.expect("[Private from Eliya]: still there?");
      eliya.expect("[Private to Sam]: still there?");
    }
  }

  @Test
  void aLastLineSentToAUsersAddressIsWrittenThenTheUserLeaves() {
    try (LineClient eliya = LineClient.login(port, "Eliya"); LineClient sam = LineClient.login(port, "Sam")) {
      eliya.expect("Sam has joined the chat.");
      vertx.eventBus().send(Addresses.user("SAM"), UserMessages.lastLine("You were disconnected: testing."));
      sam.expect("You were disconnected: testing.");
      sam.expectClosed();
      eliya.expect("Sam has disconnected.");
      try (LineClient again = LineClient.login(port, "Sam")) {
        eliya.expect("Sam has joined the chat.");
      }
    }
  }

  @Test
  void emptyLinesAreIgnoredAndCarriageReturnsStripped() {
    try (LineClient sam = LineClient.login(port, "Sam"); LineClient eliya = LineClient.login(port, "Eliya")) {
      sam.expect("Eliya has joined the chat.");
      eliya.sendRaw("\n\r\n   \nHello\r\n/users\r\n".getBytes(StandardCharsets.UTF_8));
      sam.expect("Eliya: Hello");
      eliya.expect("Online users (2): Eliya, Sam");
    }
  }

  @Test
  void pipelinedLinesAreHandledInOrder() {
    try (LineClient sam = LineClient.login(port, "Sam"); LineClient eliya = LineClient.connect(port)) {
      eliya.sendRaw("Eliya\none\n/pm Sam two\nthree\n/users\nquit\n".getBytes(StandardCharsets.UTF_8));
      eliya.expect(Lines.PROMPT);
      eliya.expect(Lines.welcome("Eliya"));
      eliya.expect("[Private to Sam]: two");
      eliya.expect("Online users (2): Eliya, Sam");
      eliya.expect("Goodbye, Eliya!");
      eliya.expectClosed();
      sam.expect("Eliya has joined the chat.");
      sam.expect("Eliya: one");
      sam.expect("[Private from Eliya]: two");
      sam.expect("Eliya: three");
      sam.expect("Eliya has disconnected.");
    }
  }

  @Test
  void repliesToPipelinedCommandsOfEveryKindComeInTheOrderSent() {
    try (LineClient eliya = LineClient.login(port, "Eliya"); LineClient sam = LineClient.connect(port)) {
      // Ten lines: within the flood burst, so none waits for the budget.
      sam.sendRaw("sam\n/pm sam x\n/pm bob hi\n/help\n/xyz\n/pm Eliya one\nhello\n/users\n/pm\nquit\n"
          .getBytes(StandardCharsets.UTF_8));
      sam.expect(Lines.PROMPT);
      sam.expect(Lines.welcome("sam"));
      sam.expect("You cannot send a private message to yourself.");
      sam.expect("User 'bob' is not online.");
      sam.expect(Lines.INSTRUCTIONS);
      sam.expect("Unknown command: /xyz. Type /help for help.");
      sam.expect("[Private to Eliya]: one");
      sam.expect("Online users (2): Eliya, sam");
      sam.expect("Usage: /pm <username> <message>");
      sam.expect("Goodbye, sam!");
      sam.expectClosed();
      eliya.expect("sam has joined the chat.");
      eliya.expect("[Private from sam]: one");
      eliya.expect("sam: hello");
      eliya.expect("sam has disconnected.");
    }
  }

  @Test
  void aClientThatStopsSendingGetsItsRepliesAndThenLeaves() throws Exception {
    try (LineClient sam = LineClient.login(port, "Sam"); LineClient eliya = LineClient.login(port, "Eliya")) {
      sam.expect("Eliya has joined the chat.");
      eliya.sendRaw("one\n/help\n/word\n".getBytes(StandardCharsets.UTF_8));
      eliya.socket().shutdownOutput(); // like nc -N at the end of its input
      eliya.expect(Lines.INSTRUCTIONS);
      eliya.expect("Unknown command: /word. Type /help for help.");
      eliya.expectClosed();
      sam.expect("Eliya: one");
      sam.expect("Eliya has disconnected.");
    }
    try (LineClient early = LineClient.connect(port)) {
      early.sendRaw("Early\n/users\n".getBytes(StandardCharsets.UTF_8));
      early.socket().shutdownOutput(); // input ends while the login is still in flight
      early.expect(Lines.PROMPT);
      early.expect(Lines.welcome("Early"));
      // Sam's departure may still be on its way: announced before the answer, or not yet seen at all.
      String users = early.readLine();
      if (users.equals("Sam has disconnected.")) {
        early.expect("Online users (1): Early"); // the registry announced it before answering
      } else {
        assertTrue(users.equals("Online users (1): Early") || users.equals("Online users (2): Early, Sam"), users);
      }
      early.expectClosed();
    }
  }

  @Test
  void shutdownTellsEveryClientLoggedInOrNot() {
    LineClient sam = LineClient.login(port, "Sam");
    LineClient anonymous = LineClient.connect(port);
    anonymous.expect(Lines.PROMPT);
    TestNodes.await(node.shutdown());
    sam.expect("Server is shutting down. Goodbye!");
    sam.expectClosed();
    anonymous.expect("Server is shutting down. Goodbye!");
    anonymous.expectClosed();
    assertTrue(node.openConnections() == 0, "connections left open: " + node.openConnections());
  }
}
