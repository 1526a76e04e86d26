package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.Accounts;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A script logs in to an account: name, then password once asked; a wrong password stops it like a refused name. */
@ExtendWith(VertxExtension.class)
class PasswordScriptTest {

  @Test
  void aScriptSendsThePasswordWhenAskedAndStopsAtAWrongOne(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    try (LineClient tom = LineClient.login(node.port(), "tom")) {
      Accounts.register(node.port(), "sam", "sams-password").close();
      tom.expect(Lines.joined("sam"));
      tom.expect(Lines.disconnected("sam"));
      PipedClient.Result ok = PipedClient.run(vertx, "sam\nsams-password\nhello\n", "--host", "127.0.0.1", "--port", "" + node.port());
      assertEquals(0, ok.code(), ok::transcript);
      assertEquals(List.of(Lines.PROMPT, Lines.passwordFor("sam"), Lines.welcome("sam"), Lines.goodbye("sam")), ok.out(), ok::transcript);
      tom.expect(Lines.joined("sam"));
      tom.expect(Lines.message("sam", "hello"));

      PipedClient.Result wrong = PipedClient.run(vertx, "sam\nnot-the-password\nhello\n", "--host", "127.0.0.1", "--port", "" + node.port());
      assertEquals(3, wrong.code(), wrong::transcript);
      assertEquals(List.of(Lines.PROMPT, Lines.passwordFor("sam"), Lines.wrongPassword("sam")), wrong.out(), wrong::transcript);
      assertEquals(List.of(LoginDialogue.nameRefused("sam")), wrong.err(), wrong::transcript);
    } finally {
      TestNodes.await(node.shutdown());
    }
  }
}
