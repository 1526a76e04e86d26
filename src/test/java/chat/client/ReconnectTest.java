package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console client at a terminal against the scripted fake: a dropped connection is made again
 * and logged in under the same name; a quit, a shutdown or a kick is not.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ReconnectTest {

  private static final ClientTimings QUICK = new ClientTimings(5_000, 5_000, 50, 200);

  private final VirtualScreen screen = new VirtualScreen();
  private FakeChatServer fake;
  private TerminalConsole console;
  private Future<Integer> exit;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    fake = FakeChatServer.start(vertx).await();
    console = new TerminalConsole(screen.terminal(), new LineStyle(false, true, Clock.systemUTC()), null);
    exit = ChatClient.start(vertx, ClientOptions.parse("--port", "" + fake.port()), console, QUICK);
    screen.expect("Enter your username:", "> ");
    screen.type("sam\r");
    screen.expect("Enter your username:", "Welcome, sam!", "Online users (1): sam", "sam> ");
  }

  @AfterEach
  void stop() {
    console.close();
    screen.close();
  }

  private String address() {
    return "localhost:" + fake.port();
  }

  // The fake's commands (drop, kick, flooded) are public lines as far as the client knows, so they show as sent.

  @Test
  void aDroppedConnectionIsMadeAgainUnderTheSameName() throws Exception {
    screen.type("drop\r");
    screen.expectEnd("sam: drop",
        "Disconnected from server.",
        "Reconnecting to " + address() + " in 50 ms.",
        "Connected to " + address() + "; logging in again as sam.",
        "Welcome, sam!",
        "Online users (1): sam",
        "sam> ");
    screen.type("still here\r");
    screen.expectEnd("sam: still here", "sam: still here", "sam> ");
    assertEquals(List.of("sam", "/users", "drop", "sam", "/users", "still here"), fake.received);
    screen.type("quit\r");
    assertEquals(0, exit.await(15, TimeUnit.SECONDS));
  }

  @Test
  void whatIsTypedBeforeTheNameIsBackIsNotSent() throws Exception {
    Promise<Void> prompt = Promise.promise();
    fake.promptWhen = prompt.future();
    screen.type("drop\r");
    screen.expectEnd("Connected to " + address() + "; logging in again as sam.", "> ");
    screen.type("too early\r");
    screen.expectEnd("Not sent while logging in again: too early", "> ");
    prompt.complete();
    screen.expectEnd("Not sent while logging in again: too early", "Welcome, sam!", "Online users (1): sam", "sam> ");
    assertEquals(List.of("sam", "/users", "drop", "sam", "/users"), fake.received);
    screen.type("quit\r");
    assertEquals(0, exit.await(15, TimeUnit.SECONDS));
  }

  @Test
  void whileTheServerIsGoneItKeepsTryingAndSaysSo() throws Exception {
    fake.close().await(10, TimeUnit.SECONDS);
    // Attempts go on every 50, 100, then 200 ms at most, each failure said on a line of its own.
    screen.await(lines -> lines.stream().anyMatch(line -> line.endsWith("; trying again in 200 ms.")), "failed attempts");
    List<String> lines = screen.lines();
    int lost = lines.indexOf("Disconnected from server.");
    assertEquals("Reconnecting to " + address() + " in 50 ms.", lines.get(lost + 1), lines::toString);
    String refused = lines.get(lost + 2);
    assertTrue(refused.startsWith("Cannot connect to " + address() + ": ") && refused.endsWith("; trying again in 100 ms."),
        lines::toString);
    screen.type("hello\r");
    screen.await(now -> now.contains("Not connected; not sent: hello"), "the line not sent");
    // The prompt no longer names a user.
    screen.expectEnd("> ");
    screen.type("quit\r");
    assertEquals(1, exit.await(15, TimeUnit.SECONDS));
    assertEquals(1, fake.accepted());
  }

  @Test
  void aShutdownIsNotReconnected() throws Exception {
    screen.type("kick\r");
    assertEquals(1, exit.await(15, TimeUnit.SECONDS));
    console.close();
    screen.expectEnd("sam: kick", "Server is shutting down. Goodbye!", "Disconnected from server.");
    assertEquals(1, fake.accepted());
  }

  @Test
  void aKickForFloodingIsNotReconnected() throws Exception {
    screen.type("flooded\r");
    assertEquals(1, exit.await(15, TimeUnit.SECONDS));
    console.close();
    screen.expectEnd("sam: flooded", "Disconnected: flooding.", "Disconnected from server.");
    assertEquals(1, fake.accepted());
  }

  @Test
  void quitIsNotReconnected() throws Exception {
    screen.type("quit\r");
    assertEquals(0, exit.await(15, TimeUnit.SECONDS));
    screen.expectEnd("Online users (1): sam", "Goodbye, sam!");
    assertEquals(1, fake.accepted());
  }
}
