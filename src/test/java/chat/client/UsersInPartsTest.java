package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Completion knows everyone from a long /users answer that comes in parts. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class UsersInPartsTest {

  @Test
  void namesFromEveryPartComplete(Vertx vertx) throws Exception {
    FakeChatServer fake = FakeChatServer.start(vertx).await();
    fake.users = name -> List.of("Online users (4, part 1 of 2): alice, bob", "Online users (4, part 2 of 2): carol, " + name);
    try (VirtualScreen screen = new VirtualScreen();
        TerminalConsole console = new TerminalConsole(screen.terminal(), new LineStyle(false, true, Clock.systemUTC()), null)) {
      Future<Integer> exit = ChatClient.start(vertx, ClientOptions.parse("--port", "" + fake.port()), console);
      screen.expect("Enter your username:", "> ");
      screen.type("sam\r");
      screen.expectEnd("Online users (4, part 1 of 2): alice, bob", "Online users (4, part 2 of 2): carol, sam", "sam> ");
      screen.type("hi a\t");
      screen.expectEnd("sam> hi alice ");
      screen.type(VirtualScreen.KILL_LINE + "/pm c\t");
      screen.expectEnd("sam> /pm carol ");
      screen.type(VirtualScreen.KILL_LINE + "b\t");
      screen.expectEnd("sam> bob: ");
      screen.type(VirtualScreen.KILL_LINE + "quit\r");
      assertEquals(0, exit.await(15, TimeUnit.SECONDS));
    }
  }
}
