package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A script whose name is refused stops there, instead of sending its first message as a name. */
@ExtendWith(VertxExtension.class)
class RefusedNameTest {

  @Test
  void aTakenNameStopsTheScriptBeforeItsNextLine(Vertx vertx) throws Exception {
    FakeChatServer fake = FakeChatServer.start(vertx).await();
    fake.taken = Set.of("sam");
    PipedClient.Result run = PipedClient.run(vertx, "sam\nhello\nquit\n", "--port", "" + fake.port());
    assertEquals(3, run.code(), run::transcript);
    assertEquals(List.of("Enter your username:", "Username 'sam' is already taken."), run.out(), run::transcript);
    assertEquals(List.of(LoginDialogue.nameRefused("sam")), run.err(), run::transcript);
    assertEquals("The server refused the name 'sam' and input is not a terminal: stopping without sending the rest of it.",
        LoginDialogue.nameRefused("sam"));
    fake.closed(0).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("sam"), fake.received);
  }

  @Test
  void onTheRealServerTheFirstMessageIsNotTakenForAName(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    try (LineClient sam = LineClient.login(node.port(), "sam")) {
      PipedClient.Result run = PipedClient.run(vertx, "sam\nhello\nquit\n", "--host", "127.0.0.1", "--port", "" + node.port());
      assertEquals(3, run.code(), run::transcript);
      assertEquals(List.of(Lines.PROMPT, Lines.nameTaken("sam")), run.out(), run::transcript);
      // Had "hello" been sent as a name, sam would hear it join before this answer.
      sam.send("/users");
      sam.expect("Online users (1): sam");
    } finally {
      TestNodes.await(node.shutdown());
    }
  }

  @Test
  void anInvalidNameStopsTheScriptToo(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    try {
      PipedClient.Result run = PipedClient.run(vertx, "no spaces\nhello\n", "--host", "127.0.0.1", "--port", "" + node.port());
      assertEquals(3, run.code(), run::transcript);
      assertEquals(2, run.out().size(), run::transcript);
      assertEquals(Lines.PROMPT, run.out().get(0));
      assertEquals(ServerLine.Kind.REFUSED, ServerLine.parse(run.out().get(1)).kind(), run::transcript);
      assertEquals(List.of(LoginDialogue.nameRefused("no spaces")), run.err());
    } finally {
      TestNodes.await(node.shutdown());
    }
  }

  @Test
  void anAcceptedNameLetsTheRestThrough(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    try (LineClient tom = LineClient.login(node.port(), "tom")) {
      PipedClient.Result run = PipedClient.run(vertx, "\nsam\nhello\n", "--host", "127.0.0.1", "--port", "" + node.port());
      assertEquals(0, run.code(), run::transcript);
      assertEquals(List.of(Lines.PROMPT, Lines.welcome("sam"), Lines.goodbye("sam")), run.out(), run::transcript);
      tom.expect(Lines.joined("sam"));
      tom.expect(Lines.message("sam", "hello"));
    } finally {
      TestNodes.await(node.shutdown());
    }
  }
}
