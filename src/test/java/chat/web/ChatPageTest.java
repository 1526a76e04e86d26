package chat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The web page in a real browser against an in-process server, beside plain TCP users. */
@ExtendWith(VertxExtension.class)
class ChatPageTest {

  private static final Logger log = LoggerFactory.getLogger(ChatPageTest.class);

  private static ChromeDriver first;
  private static ChromeDriver second;

  private ChatNode node;
  private ChatPage ann;
  private ChatPage bea;

  @BeforeAll
  static void browsers() {
    if (Browser.installed()) {
      first = Browser.start();
      second = Browser.start();
    }
  }

  @AfterAll
  static void quit() {
    for (ChromeDriver driver : new ChromeDriver[] {first, second}) {
      if (driver != null) {
        driver.quit();
      }
    }
  }

  @BeforeEach
  void start(Vertx vertx) {
    Browser.assumeInstalled(); // here rather than in @BeforeAll, so that every test is reported as skipped, with the reason
    node = TestNodes.start(vertx, http(0));
    ann = new ChatPage(first).viewport(Browser.DESKTOP);
    bea = new ChatPage(second).viewport(Browser.DESKTOP);
  }

  @AfterEach
  void stop() {
    if (node == null) {
      return;
    }
    List<String> errors = new ArrayList<>(ann.scriptErrors());
    errors.addAll(bea.scriptErrors());
    first.get("about:blank"); // closes the page's socket before the server goes
    second.get("about:blank");
    TestNodes.await(node.shutdown());
    assertEquals(List.of(), errors, "the page logged errors");
  }

  private static JsonObject http(int port) {
    return new JsonObject().put("http", new JsonObject().put("enabled", true).put("port", port));
  }

  @Test
  void twoBrowserUsersAndATcpUserChatWithExactLines() {
    try (LineClient tom = LineClient.login(node.port(), "Tom")) {
      ann.open(node.httpPort()).login("Ann");
      log.info("Ann's first chat line was painted {} ms after she pressed Enter on the name form", ann.loginMillis());
      tom.expect("Ann has joined the chat.");
      bea.open(node.httpPort()).login("Bea");
      tom.expect("Bea has joined the chat.");
      ann.waitForLine("notice", "Bea has joined the chat.");

      ann.say("Hello from Ann");
      tom.expect("Ann: Hello from Ann");
      bea.waitFor("public", "Ann", "Hello from Ann");
      ann.waitFor("own", "Ann", "Hello from Ann");

      bea.say("//etc/hosts is broken");
      tom.expect("Bea: /etc/hosts is broken");
      ann.waitFor("public", "Bea", "/etc/hosts is broken");
      bea.waitFor("own", "Bea", "/etc/hosts is broken");

      tom.send("Hi both: from a terminal");
      ann.waitFor("public", "Tom", "Hi both: from a terminal");
      bea.waitFor("public", "Tom", "Hi both: from a terminal");

      tom.send("/pm ann psst");
      tom.expect("[Private to Ann]: psst");
      ann.waitFor("private-in", "Tom", "psst");
      ann.say("/pm Tom back at you");
      tom.expect("[Private from Ann]: back at you");
      ann.waitFor("private-out", "Tom", "back at you");
      assertTrue(bea.entries().stream().noneMatch(e -> e.text().contains("psst") || e.text().contains("back at you")),
          "Bea saw a private line: " + bea.entries());
    }
  }

  @Test
  void aPrivateMessageShowsAsPrivateOnBothSides() {
    ann.open(node.httpPort()).login("Ann");
    bea.open(node.httpPort()).login("Bea");
    ann.waitForUsers("Ann", "Bea");
    ann.driver().findElement(By.cssSelector("#users li[data-name='Bea'] button")).click();
    assertEquals("/pm Bea ", ann.input().getDomProperty("value"));
    ann.say("just between us");

    ChatPage.Entry sent = ann.waitFor("private-out", "Bea", "just between us");
    ChatPage.Entry received = bea.waitFor("private-in", "Ann", "just between us");
    assertTrue(sent.has("private") && sent.has("message"), sent.toString());
    assertTrue(received.has("private") && received.has("message"), received.toString());
    assertTrue(ann.entries().stream().noneMatch(e -> e.kind().equals("own")), "a /pm was shown as a public line");
  }

  @Test
  void aTakenOrInvalidNameShowsTheServersMessageInTheForm() {
    try (LineClient sam = LineClient.login(node.port(), "Sam")) {
      ann.open(node.httpPort());
      ann.join("sam");
      ann.waitForLoginError("Username 'sam' is already taken.");
      ann.join("bad name!");
      ann.waitForLoginError("Invalid username: use only letters, digits, '_' or '-'.");
      ann.screenshot(Path.of("target", "screenshots", "login-refused.png"));
      ann.login("Sammy");
      sam.expect("Sammy has joined the chat.");
      assertTrue(ann.driver().findElement(By.id("login")).getDomAttribute("hidden") != null, "the form is still shown");
    }
  }

  @Test
  void aRegisteredNameAsksForItsPasswordInAPasswordField() {
    chat.support.Accounts.register(node.port(), "Sam", "sams-password").close();
    try (LineClient tom = LineClient.login(node.port(), "Tom")) {
      ann.open(node.httpPort());
      ann.join("Sam");
      WebElement field = ann.waitForPassword("Password for Sam:");
      assertEquals("password", field.getDomAttribute("type"));
      ann.enterPassword("wrong-password");
      ann.waitForLoginError("Wrong password for Sam.");
      ann.join("Sam");
      ann.waitForPassword("Password for Sam:");
      ann.screenshot(Path.of("target", "screenshots", "password.png"));
      ann.enterPassword("sams-password");
      ann.waitForChat("Sam");
      tom.expect("Sam has joined the chat.");
      assertEquals("", ann.driver().findElement(By.id("password")).getDomProperty("value"));
      String stored = String.valueOf(ann.script("return JSON.stringify(localStorage)"));
      assertTrue(!stored.contains("password"), stored);
    }
  }

  @Test
  void theUserListFollowsJoinsAndLeaves() {
    try (LineClient tom = LineClient.login(node.port(), "Tom")) {
      ann.open(node.httpPort()).login("Ann");
      ann.waitForUsers("Ann", "Tom"); // from the /users answer
      assertEquals("2", ann.driver().findElement(By.id("user-count")).getText());
      try (LineClient zed = LineClient.login(node.port(), "zed")) {
        ann.waitForLine("notice", "zed has joined the chat.");
        ann.waitForUsers("Ann", "Tom", "zed");
        bea.open(node.httpPort()).login("Bea");
        ann.waitForUsers("Ann", "Bea", "Tom", "zed");
        bea.waitForUsers("Ann", "Bea", "Tom", "zed");
        tom.send("quit");
        tom.readUntil("Goodbye, Tom!"::equals);
        ann.waitForLine("notice", "Tom has disconnected.");
        ann.waitForUsers("Ann", "Bea", "zed");
        bea.waitForUsers("Ann", "Bea", "zed");
      }
      ann.waitForUsers("Ann", "Bea");
      ann.say("/users");
      ann.waitForLine("info", "Online users (2): Ann, Bea");
      ann.waitForUsers("Ann", "Bea");
    }
  }

  @Test
  void aUsersAnswerInPartsFillsTheWholeList() {
    List<LineClient> crowd = new ArrayList<>();
    List<String> expected = new ArrayList<>(List.of("Ann"));
    try {
      for (int i = 0; i < 60; i++) {
        String name = String.format("u%02d", i) + "x".repeat(29); // 60 names of 32 characters: three /users lines
        crowd.add(LineClient.login(node.port(), name));
        expected.add(name);
      }
      ann.open(node.httpPort()).login("Ann");
      ann.waitForUsers(expected.toArray(String[]::new));
      ann.say("/users");
      ann.until("the three parts of the answer", d -> ann.entries().stream()
          .filter(e -> e.has("info") && e.text().startsWith("Online users (61, part ")).count() == 3);
      assertEquals("61", ann.driver().findElement(By.id("user-count")).getText());
    } finally {
      crowd.forEach(LineClient::close);
    }
  }

  @Test
  void markupArrivesAsVisibleText() {
    try (LineClient tom = LineClient.login(node.port(), "Tom")) {
      ann.open(node.httpPort()).login("Ann");
      bea.open(node.httpPort()).login("Bea");
      tom.expect("Ann has joined the chat.");
      tom.expect("Bea has joined the chat.");
      tom.send("<script>alert(1)</script>");
      tom.send("<b>x</b>");
      tom.send("/pm Ann <img src=x onerror=alert(2)>");
      bea.say("<i>tilted</i> & <u>under</u>");
      tom.expect("[Private to Ann]: <img src=x onerror=alert(2)>");
      tom.expect("Bea: <i>tilted</i> & <u>under</u>");

      ann.waitFor("public", "Tom", "<script>alert(1)</script>");
      ann.waitFor("public", "Tom", "<b>x</b>");
      ann.waitFor("private-in", "Tom", "<img src=x onerror=alert(2)>");
      ann.waitFor("public", "Bea", "<i>tilted</i> & <u>under</u>");
      bea.waitFor("own", "Bea", "<i>tilted</i> & <u>under</u>");
      for (ChatPage page : List.of(ann, bea)) {
        assertEquals(0L, page.script("return document.querySelectorAll('#messages script, #messages b, #messages img,"
            + " #messages i, #messages u, body script:not([src])').length"), "an element was created from a message");
        assertThrows(NoAlertPresentException.class, () -> page.driver().switchTo().alert());
      }
      assertTrue(ann.driver().findElement(By.id("messages")).getText().contains("<script>alert(1)</script>"));
    }
  }

  @Test
  void serverErrorsShowInline() {
    ann.open(node.httpPort()).login("Ann");
    ann.say("/pm bob hi");
    ann.waitForLine("error", "User 'bob' is not online.");
    ann.say("/pm Ann hi");
    ann.waitForLine("error", "You cannot send a private message to yourself.");
    ann.say("/pm Ann");
    ann.waitForLine("error", "Usage: /pm <username> <message>");
    ann.say("/nope");
    ann.waitForLine("error", "Unknown command: /nope. Type /help for help.");
    assertTrue(ann.entries().stream().noneMatch(e -> e.has("message")), "an error was shown as a message: " + ann.entries());
  }

  @Test
  void limitsShowInline(Vertx vertx) {
    TestNodes.await(node.shutdown());
    node = TestNodes.start(vertx, http(0).put("maxLineBytes", 64).put("floodBurst", 4).put("floodRate", 2.0));
    try (LineClient tom = LineClient.login(node.port(), "Tom")) {
      ann.open(node.httpPort()).login("Ann"); // the name and the page's /users are two lines of the burst
      tom.expect("Ann has joined the chat.");
      String tooLong = "x".repeat(65);
      ann.say(tooLong);
      ann.waitForLine("error", "Message too long (max 64 bytes).");
      ChatPage.Entry dropped = ann.waitFor("own", "Ann", tooLong);
      assertTrue(ann.entries().stream().anyMatch(e -> e.is("own", "Ann", tooLong) && e.has("undelivered")),
          "the dropped line is not marked: " + dropped);
      List<String> burst = List.of("line 1", "line 2", "line 3", "line 4", "line 5", "line 6");
      ann.sayAll(burst);
      ann.waitForLine("warning", "You are sending too fast: your lines are delayed to 2 per second.");
      for (String line : burst) {
        tom.expect("Ann: " + line);
      }
    }
  }

  @Test
  void aShutdownShowsTheBannerAndTheTypedTextStays() {
    ann.open(node.httpPort()).login("Ann");
    ann.type("half a thought");
    TestNodes.await(node.shutdown());
    ann.waitForBanner("Server is shutting down. Goodbye!");
    ann.screenshot(Path.of("target", "screenshots", "shutdown.png"));
    assertEquals("shutdown", ann.driver().findElement(By.id("banner")).getDomAttribute("data-kind"));
    ann.input().sendKeys(Keys.ENTER);
    assertEquals("half a thought", ann.input().getDomProperty("value"));
  }

  @Test
  void reconnectsAfterAShutdownAndAsksForTheNameAgain(Vertx vertx) {
    int port = node.httpPort();
    ann.open(port).login("Ann");
    ann.say("before the restart");
    TestNodes.await(node.shutdown());
    ann.waitForBanner("Reconnecting in");
    node = TestNodes.start(vertx, http(port)); // the same page address, a new server
    ann.until("the name form again, with the last name", d -> d.findElement(By.id("name")).isDisplayed()
        && "Ann".equals(d.findElement(By.id("name")).getDomProperty("value")));
    ann.screenshot(Path.of("target", "screenshots", "rejoin.png"));
    ann.driver().findElement(By.id("name")).sendKeys(Keys.ENTER);
    ann.until("the chat again", d -> "chat".equals(ann.script("return document.body.dataset.view")));
    ann.waitForLine("notice", "Reconnected.");
    ann.waitFor("own", "Ann", "before the restart");
    try (LineClient tom = LineClient.login(node.port(), "Tom")) {
      ann.say("after the restart");
      tom.expect("Ann: after the restart");
    }
  }

  @Test
  void screenshotOfTheChatView() throws IOException {
    try (LineClient tom = LineClient.login(node.port(), "Tom"); LineClient zoe = LineClient.login(node.port(), "Zoe")) {
      ann.open(node.httpPort()).login("Ann");
      bea.open(node.httpPort()).login("Bea");
      tom.send("Morning! Is the deploy still on for 11:00?");
      ann.waitFor("public", "Tom", "Morning! Is the deploy still on for 11:00?");
      ann.say("Yes, after the review. Bea, can you check the WebSocket page on your phone?");
      bea.waitFor("public", "Ann", "Yes, after the review. Bea, can you check the WebSocket page on your phone?");
      bea.say("On it. Looks good so far, the list folds away nicely");
      tom.send("/pm Ann can we talk about the on-call rota later?");
      ann.waitFor("private-in", "Tom", "can we talk about the on-call rota later?");
      ann.say("/pm Tom sure, after lunch");
      ann.waitFor("private-out", "Tom", "sure, after lunch");
      zoe.send("quit");
      ann.waitForLine("notice", "Zoe has disconnected.");
      try (LineClient max = LineClient.login(node.port(), "Max")) {
        ann.waitForLine("notice", "Max has joined the chat.");
        ann.waitFor("public", "Bea", "On it. Looks good so far, the list folds away nicely");
        ann.say("/pm nobody hello?");
        ann.waitForLine("error", "User 'nobody' is not online.");
        ann.type("Lunch at 12:30?");
        ann.waitForUsers("Ann", "Bea", "Max", "Tom");

        Path desktop = Path.of("target", "screenshots", "chat.png");
        ann.screenshot(desktop);
        Files.write(Path.of("/work/web-screenshot.png"), Files.readAllBytes(desktop)); // for the README, outside the repo
        bea.viewport(Browser.PHONE);
        bea.screenshot(Path.of("target", "screenshots", "chat-phone.png"));
        bea.driver().findElement(By.id("users-toggle")).click();
        bea.until("the user list on a phone", d -> d.findElement(By.id("roster")).isDisplayed());
        bea.screenshot(Path.of("target", "screenshots", "chat-phone-users.png"));
        assertTrue(Files.size(desktop) > 10_000, "the screenshot is empty");

        ChromeDriver annsBrowser = (ChromeDriver) ann.driver();
        annsBrowser.executeCdpCommand("Emulation.setEmulatedMedia",
            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
          ann.screenshot(Path.of("target", "screenshots", "chat-dark.png"));
        } finally {
          annsBrowser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
      }
    }
  }
}
