package chat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import chat.ChatNode;
import chat.protocol.Lines;
import chat.support.Accounts;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Every log line of every logger (the chat's at TRACE, the message log on), and every line other
 * users and the typist get, during all the account dialogues: none holds a password used.
 */
@ExtendWith(VertxExtension.class)
class SecretsTest {

  private static final List<String> PASSWORDS = List.of("Secret-Reg-1", "Secret-Wrong-2", "Secret-New-3", "Shrt-7",
      "Secret-Guest-Off-4", "Secret-Mismatch-5", "Secret-Old-Wrong-6");
  private static final Map<String, Level> LOUD = Map.of("chat", Level.TRACE, "io.vertx", Level.DEBUG, "ROOT", Level.DEBUG);

  private final ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();
  private final Map<String, Level> levels = new java.util.HashMap<>();
  private AppenderBase<ILoggingEvent> capture;
  private ChatNode node;

  @BeforeEach
  void start(Vertx vertx) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
          text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        logged.add(text.toString());
      }
    };
    capture.setContext(root.getLoggerContext());
    capture.start();
    root.addAppender(capture);
    LOUD.forEach((name, level) -> {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      levels.put(name, logger.getLevel());
      logger.setLevel(level);
    });
    node = TestNodes.start(vertx, new JsonObject().put("logMessages", true));
  }

  @AfterEach
  void stop() {
    TestNodes.await(node.shutdown());
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(capture);
    levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
  }

  @Test
  void noPasswordReachesALogOrAnotherUser(Vertx vertx) {
    List<String> othersSaw = new ArrayList<>();
    List<String> typistSaw = new ArrayList<>();
    int port = node.port();
    try (LineClient eve = LineClient.login(port, "Eve")) {
      try (LineClient sam = LineClient.login(port, "Sam")) {
        eve.expect(Lines.joined("Sam"));
        sam.send("/register Shrt-7");
        typistSaw.add(sam.readLine());
        sam.send("/register Secret-Reg-1");
        typistSaw.add(sam.readLine());
        sam.send("hello after registering");
        othersSaw.add(eve.readLine());
        sam.send("/password Secret-Old-Wrong-6 Secret-New-3");
        typistSaw.add(sam.readLine());
        sam.send("/password Secret-Reg-1 Secret-New-3");
        typistSaw.add(sam.readLine());
        sam.send("/pm Eve done");
        othersSaw.add(eve.readLine());
        typistSaw.add(sam.readLine());
      }
      othersSaw.add(eve.readLine());
      try (LineClient again = LineClient.connect(port)) {
        typistSaw.add(again.readLine());
        again.send("Sam");
        typistSaw.add(again.readLine());
        again.send("Secret-Wrong-2");
        typistSaw.add(again.readLine());
        typistSaw.add(again.readLine());
        again.send("Sam");
        typistSaw.add(again.readLine());
        again.send("Secret-New-3");
        typistSaw.add(again.readLine());
        othersSaw.add(eve.readLine());
        again.send("/users");
        typistSaw.add(again.readLine());
      }
      othersSaw.add(eve.readLine());
    }
    assertEquals(Lines.registered("Sam"), typistSaw.get(1));
    assertEquals(Lines.PASSWORD_CHANGED, typistSaw.get(3));
    assertEquals(Lines.welcome("Sam"), typistSaw.get(10));
    assertTrue(logged.stream().anyMatch(l -> l.contains("Message from Sam: hello after registering")), "the message log is on");
    assertTrue(logged.stream().anyMatch(l -> l.contains("Wrong password for Sam")), "failures are logged");
    for (String password : PASSWORDS) {
      for (List<String> lines : List.of(new ArrayList<>(logged), othersSaw, typistSaw)) {
        for (String line : lines) {
          assertTrue(!line.contains(password) && !line.contains(password.toLowerCase()), "'" + password + "' in: " + line);
        }
      }
    }
  }

  @Test
  void passwordsChosenAtLoginStaySecretToo(Vertx vertx) {
    TestNodes.await(node.shutdown());
    node = TestNodes.start(vertx, new JsonObject().put("accounts", new JsonObject().put("guests", false)));
    List<String> saw = new ArrayList<>();
    try (LineClient bob = LineClient.connect(node.port())) {
      saw.add(bob.readLine());
      bob.send("Bob");
      saw.add(bob.readLine());
      bob.send("Secret-Guest-Off-4");
      saw.add(bob.readLine());
      bob.send("Secret-Mismatch-5");
      saw.add(bob.readLine());
      saw.add(bob.readLine());
      bob.send("Bob");
      saw.add(bob.readLine());
      bob.send("Secret-Guest-Off-4");
      saw.add(bob.readLine());
      bob.send("Secret-Guest-Off-4");
      saw.add(bob.readLine());
    }
    assertEquals(Lines.welcome("Bob"), saw.get(7));
    for (String password : PASSWORDS) {
      for (String line : new ArrayList<>(logged)) {
        assertTrue(!line.contains(password), "'" + password + "' logged: " + line);
      }
      for (String line : saw) {
        assertTrue(!line.contains(password), "'" + password + "' shown: " + line);
      }
    }
  }
}
