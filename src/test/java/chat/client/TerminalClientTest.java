package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The console client at a terminal, against a real server: what the screen shows, and what the others get. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TerminalClientTest {

  private static final Clock NOON = Clock.fixed(Instant.parse("2025-01-01T12:34:00Z"), ZoneOffset.UTC);
  private static final LineStyle UNTIMED = new LineStyle(false, true, NOON);

  private final VirtualScreen screen = new VirtualScreen();
  private Vertx vertx;
  private ChatNode node;
  private TerminalConsole console;
  private Future<Integer> exit;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    node = TestNodes.start(vertx, new JsonObject());
  }

  @AfterEach
  void stop() {
    if (console != null) {
      console.close();
    }
    screen.close();
    TestNodes.await(node.shutdown());
  }

  private void client(VirtualScreen on, LineStyle style, Path history) {
    console = new TerminalConsole(on.terminal(), style, history);
    exit = ChatClient.start(vertx, ClientOptions.parse("--host", "127.0.0.1", "--port", "" + node.port()), console);
  }

  /** Logs in as sam with {@code online} (sorted) already there, up to the waiting prompt. */
  private void loginAsSam(String online) {
    client(screen, UNTIMED, null);
    screen.expect(Lines.PROMPT, "> ");
    screen.type("sam\r");
    screen.expect(Lines.PROMPT, Lines.welcome("sam"), online, "sam> ");
  }

  private void quit() throws Exception {
    screen.type("quit\r");
    assertEquals(0, exit.await(15, TimeUnit.SECONDS));
  }

  @Test
  void thePromptNamesYouAndYourLinesShowAsTheOthersSeeThem() throws Exception {
    try (LineClient tom = LineClient.login(node.port(), "tom")) {
      client(screen, new LineStyle(true, true, NOON), null);
      screen.expect("12:34 " + Lines.PROMPT, "> ");
      screen.type("sam\r");
      screen.expect("12:34 " + Lines.PROMPT, "12:34 " + Lines.welcome("sam"), "12:34 Online users (2): sam, tom", "sam> ");
      tom.expect(Lines.joined("sam"));
      screen.type("hello everyone\r");
      tom.expect("sam: hello everyone");
      screen.expectEnd("12:34 Online users (2): sam, tom", "12:34 sam: hello everyone", "sam> ");
      screen.type("//etc is a directory\r");
      tom.expect("sam: /etc is a directory");
      screen.expectEnd("12:34 sam: hello everyone", "12:34 sam: /etc is a directory", "sam> ");
      screen.type("/pm tom psst\r");
      tom.expect(Lines.privateFrom("sam", "psst"));
      screen.expectEnd("12:34 sam: /etc is a directory", "12:34 " + Lines.privateTo("tom", "psst"), "sam> ");
      quit();
      screen.expectEnd("12:34 " + Lines.privateTo("tom", "psst"), "12:34 " + Lines.goodbye("sam"));
    }
  }

  @Test
  void aPasteEndingWithEnterIsSentLineByLine() throws Exception {
    try (LineClient tom = LineClient.login(node.port(), "tom")) {
      loginAsSam("Online users (2): sam, tom");
      screen.paste("one\rtwo\rthree\r");
      tom.expect(Lines.joined("sam"));
      tom.expect("sam: one");
      tom.expect("sam: two");
      tom.expect("sam: three");
      screen.expectEnd("Online users (2): sam, tom", "sam: one", "sam: two", "sam: three", "sam> ");
      // Without a final Enter the paste waits to be edited; Enter then sends each line.
      screen.paste("four\rfive");
      screen.expectEnd("sam: three", "sam> four", "> five");
      screen.type("\r");
      tom.expect("sam: four");
      tom.expect("sam: five");
      screen.expectEnd("sam: three", "sam: four", "sam: five", "sam> ");
      quit();
    }
  }

  @Test
  void tabCompletesCommandsAndWhoIsOnline() throws Exception {
    try (LineClient tom = LineClient.login(node.port(), "tom"); LineClient tina = LineClient.login(node.port(), "tina")) {
      loginAsSam("Online users (3): sam, tina, tom");
      screen.type("/pm TO\t");
      screen.expectEnd("sam> /pm tom ");
      screen.type("psst\r");
      tom.readUntil(line -> line.equals(Lines.privateFrom("sam", "psst")));
      // The answer is drawn above the input line first: typing while it is drawn would race the redraw.
      screen.expectEnd(Lines.privateTo("tom", "psst"), "sam> ");
      screen.type("/us\t");
      screen.expectEnd("sam> /users ");
      screen.type(VirtualScreen.KILL_LINE);
      try (LineClient zed = LineClient.login(node.port(), "zed")) {
        screen.expectEnd(Lines.joined("zed"), "sam> ");
        screen.type("ze\t");
        screen.expectEnd("sam> zed: ");
        screen.type(VirtualScreen.KILL_LINE);
      }
      screen.expectEnd(Lines.disconnected("zed"), "sam> ");
      screen.type("ze\t");
      screen.expectEnd(Lines.disconnected("zed"), "sam> ze");
      screen.type(VirtualScreen.KILL_LINE + "qu\t");
      screen.expectEnd("sam> quit ");
      screen.type("\r");
      assertEquals(0, exit.await(15, TimeUnit.SECONDS));
    }
  }

  @Test
  void privateLinesAndMentionsAreColouredAndRing() throws Exception {
    try (LineClient tom = LineClient.login(node.port(), "tom")) {
      loginAsSam("Online users (2): sam, tom");
      int bells = screen.bells();
      tom.send("/pm sam psst");
      tom.readUntil(line -> line.equals(Lines.privateTo("sam", "psst")));
      screen.expectEnd(Lines.privateFrom("tom", "psst"), "sam> ");
      assertTrue(screen.coloured(Lines.privateFrom("tom", "psst")));
      assertEquals(bells + 1, screen.bells());
      tom.send("hey SAM, look");
      screen.expectEnd("tom: hey SAM, look", "sam> ");
      assertTrue(screen.coloured("tom: hey SAM, look"));
      assertEquals(bells + 2, screen.bells());
      tom.send("samuel is someone else");
      screen.expectEnd("tom: samuel is someone else", "sam> ");
      assertFalse(screen.coloured("tom: samuel is someone else"));
      assertEquals(bells + 2, screen.bells());
      quit();
    }
  }

  @Test
  void withoutColourTheBellStillRings() throws Exception {
    try (LineClient tom = LineClient.login(node.port(), "tom")) {
      client(screen, new LineStyle(false, false, NOON), null);
      screen.expect(Lines.PROMPT, "> ");
      screen.type("sam\r");
      screen.expectEnd("Online users (2): sam, tom", "sam> ");
      int bells = screen.bells();
      tom.send("/pm sam psst");
      screen.expectEnd(Lines.privateFrom("tom", "psst"), "sam> ");
      assertFalse(screen.coloured(Lines.privateFrom("tom", "psst")));
      assertEquals(bells + 1, screen.bells());
      quit();
    }
  }

  @Test
  void aTakenNameIsAskedForAgain() throws Exception {
    try (LineClient sam = LineClient.login(node.port(), "sam")) {
      client(screen, UNTIMED, null);
      screen.expect(Lines.PROMPT, "> ");
      screen.type("sam\r");
      screen.expect(Lines.PROMPT, Lines.nameTaken("sam"), Lines.PROMPT, "> ");
      screen.type("sam2\r");
      screen.expectEnd(Lines.welcome("sam2"), "Online users (2): sam, sam2", "sam2> ");
      quit();
    }
  }

  @Test
  void historyIsKeptAcrossRuns(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history");
    client(screen, UNTIMED, history);
    screen.expect(Lines.PROMPT, "> ");
    screen.type("sam\r");
    screen.expectEnd("Online users (1): sam", "sam> ");
    screen.type("first line\r");
    screen.expectEnd("sam: first line", "sam> ");
    quit();
    console.close();
    assertTrue(Files.readString(history).contains("first line"));

    try (VirtualScreen again = new VirtualScreen()) {
      client(again, UNTIMED, history);
      again.expect(Lines.PROMPT, "> ");
      again.type(VirtualScreen.UP);
      again.expect(Lines.PROMPT, "> quit");
      again.type(VirtualScreen.UP);
      again.expect(Lines.PROMPT, "> first line");
      again.type(VirtualScreen.UP);
      again.expect(Lines.PROMPT, "> sam");
      again.type("\r");
      again.expectEnd(Lines.welcome("sam"), "Online users (1): sam", "sam> ");
      again.type("quit\r");
      assertEquals(0, exit.await(15, TimeUnit.SECONDS));
    }
  }

  @Test
  void aPasswordPromptThatArrivesBeforeTheNextReadStillMasksThatRead() throws Exception {
    console = new TerminalConsole(screen.terminal(), UNTIMED, null);
    // The prompt came while the reader was still handing over the name line: no read is under way.
    console.secretNext();
    CompletableFuture<String> secret = CompletableFuture.supplyAsync(console::readLine);
    screen.expect("> "); // the read has begun: keys typed before it would be the terminal's echo
    screen.type("sams-password");
    screen.expect("> " + "*".repeat("sams-password".length()));
    screen.type("\r");
    assertEquals("sams-password", secret.get(15, TimeUnit.SECONDS));
    CompletableFuture<String> plain = CompletableFuture.supplyAsync(console::readLine);
    screen.expect("> ");
    screen.type("hello");
    screen.expect("> hello");
    screen.type("\r");
    assertEquals("hello", plain.get(15, TimeUnit.SECONDS));
  }

  @Test
  void aPasswordIsMaskedAndNeverShownSentAsALineOrKept(@TempDir Path dir) throws Exception {
    chat.support.Accounts.register(node.port(), "sam", "sams-password").close();
    Path history = dir.resolve("history");
    client(screen, UNTIMED, history);
    screen.expect(Lines.PROMPT, "> ");
    screen.type("sam\r");
    screen.expect(Lines.PROMPT, Lines.passwordFor("sam"), "> ");
    screen.type("sams-password");
    screen.expect(Lines.PROMPT, Lines.passwordFor("sam"), "> " + "*".repeat("sams-password".length()));
    screen.type("\r");
    screen.expect(Lines.PROMPT, Lines.passwordFor("sam"), Lines.welcome("sam"), "Online users (1): sam", "sam> ");
    screen.type("/password sams-password sams-new-password\r");
    screen.expectEnd(Lines.PASSWORD_CHANGED, "sam> ");
    quit();
    console.close();
    String kept = Files.readString(history);
    assertFalse(kept.contains("sams-"), kept);
    assertTrue(kept.contains("quit"), kept);
  }
}
