package chat.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page in one browser, driven like a user does, with waits on what the page shows. */
final class ChatPage {

  /** How long a test waits for the page to show something; a deadline, never a sleep. */
  static final Duration WAIT = Duration.ofSeconds(15);

  /** One line of the message list: its classes, its data-kind, and the sender and text it shows. */
  record Entry(String classes, String kind, String sender, String text) {

    boolean is(String kind, String sender, String text) {
      return this.kind.equals(kind) && this.sender.equals(sender) && this.text.equals(text);
    }

    boolean has(String cssClass) {
      return List.of(classes.split(" ")).contains(cssClass);
    }
  }

  private static final String ENTRIES = "return [...document.querySelectorAll('#messages > li')].map(li => ({"
      + "classes: li.className, kind: li.dataset.kind || '',"
      + "sender: li.querySelector('.sender')?.textContent ?? '', text: li.querySelector('.text')?.textContent ?? ''}));";

  private final WebDriver driver;
  private final WebDriverWait wait;

  ChatPage(WebDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** Sizes the window so that the page itself gets {@code size}, whatever the browser's frame takes. */
  ChatPage viewport(Dimension size) {
    driver.manage().window().setSize(size);
    long width = ((Number) script("return window.innerWidth")).longValue();
    long height = ((Number) script("return window.innerHeight")).longValue();
    if (width != size.width || height != size.height) {
      driver.manage().window().setSize(new Dimension(2 * size.width - (int) width, 2 * size.height - (int) height));
    }
    return this;
  }

  ChatPage open(int httpPort) {
    driver.get("http://127.0.0.1:" + httpPort + "/");
    until("the name form", d -> d.findElement(By.id("name")).isDisplayed());
    return this;
  }

  /** Types a name into the form and presses Enter. */
  void join(String name) {
    WebElement field = driver.findElement(By.id("name"));
    field.clear();
    field.sendKeys(name, Keys.ENTER);
  }

  ChatPage login(String name) {
    join(name);
    until(name + " logged in", d -> d.findElement(By.id("chat")).isDisplayed()
        && !d.findElements(By.cssSelector("#users li[data-name='" + name + "']")).isEmpty()
        && "chat".equals(script("return document.body.dataset.view")));
    return this;
  }

  /** Waits for the password field the server's prompt opens, labelled with that prompt. */
  WebElement waitForPassword(String prompt) {
    return until("the password field for " + prompt, d -> {
      WebElement field = d.findElement(By.id("password"));
      return field.isDisplayed() && d.findElement(By.id("password-label")).getText().equals(prompt) ? field : null;
    });
  }

  /** Types into the password field and presses Enter. */
  void enterPassword(String password) {
    driver.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
  }

  /** Waits for the chat view of {@code name}, logged in. */
  ChatPage waitForChat(String name) {
    until(name + " logged in", d -> d.findElement(By.id("chat")).isDisplayed()
        && !d.findElements(By.cssSelector("#users li[data-name='" + name + "']")).isEmpty()
        && "chat".equals(script("return document.body.dataset.view")));
    return this;
  }

  /** Types a line into the input and presses Enter; returns once the page has sent it. */
  void say(String line) {
    type(line);
    input().sendKeys(Keys.ENTER);
    until("the input to be sent: " + line, d -> input().getDomProperty("value").isEmpty());
  }

  /** Types several lines, each followed by Enter, in one go, as fast as a paste. */
  void sayAll(List<String> lines) {
    List<CharSequence> keys = new ArrayList<>();
    lines.forEach(line -> keys.addAll(List.of(line, Keys.ENTER)));
    input().sendKeys(keys.toArray(CharSequence[]::new));
    until("the input to be sent: " + lines, d -> input().getDomProperty("value").isEmpty());
  }

  void type(String text) {
    input().sendKeys(text);
  }

  WebElement input() {
    return driver.findElement(By.id("input"));
  }

  List<Entry> entries() {
    List<?> raw = (List<?>) script(ENTRIES);
    return raw.stream().map(o -> (Map<?, ?>) o)
        .map(m -> new Entry(str(m.get("classes")), str(m.get("kind")), str(m.get("sender")), str(m.get("text"))))
        .toList();
  }

  /** Waits until the message list has this line and returns it. */
  Entry waitFor(String kind, String sender, String text) {
    return until(kind + " line " + sender + ": " + text,
        d -> entries().stream().filter(e -> e.is(kind, sender, text)).findFirst().orElse(null));
  }

  /** Waits for a line without a sender (a notice, an error, information) with this class and text. */
  Entry waitForLine(String cssClass, String text) {
    return until(cssClass + " line " + text,
        d -> entries().stream().filter(e -> e.has(cssClass) && e.text.equals(text)).findFirst().orElse(null));
  }

  List<String> users() {
    return driver.findElements(By.cssSelector("#users li")).stream().map(li -> li.getDomAttribute("data-name")).toList();
  }

  void waitForUsers(String... names) {
    List<String> wanted = List.of(names);
    until("the user list " + wanted, d -> users().equals(wanted));
  }

  String waitForLoginError(String text) {
    return until("the form to say " + text, d -> {
      WebElement error = d.findElement(By.id("login-error"));
      return error.isDisplayed() && error.getText().equals(text) ? text : null;
    });
  }

  WebElement waitForBanner(String containing) {
    return until("a banner saying " + containing, d -> {
      WebElement banner = d.findElement(By.id("banner"));
      return banner.isDisplayed() && banner.getText().contains(containing) ? banner : null;
    });
  }

  /** Milliseconds from pressing Enter on the name form to the painted chat view, as the page measured them. */
  long loginMillis() {
    return Long.parseLong(until("the login time", d -> d.findElement(By.id("chat")).getDomAttribute("data-login-ms")));
  }

  void screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the page logged as errors since the last call, apart from failed WebSocket connections,
   * which are expected while the server is away.
   */
  List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("WebSocket connection to"))
        .toList();
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  WebDriver driver() {
    return driver;
  }

  <T> T until(String what, Function<WebDriver, T> condition) {
    return wait.withMessage("waiting for " + what).until(condition);
  }

  private static String str(Object o) {
    return Objects.toString(o, "");
  }
}
