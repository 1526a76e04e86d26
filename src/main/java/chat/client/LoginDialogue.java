package chat.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Consumer;

/**
 * The client's side of the login: answers the prompt itself when logging in again, knows the name
 * once the server welcomed it, and stops a script whose name was refused, before its next line.
 */
final class LoginDialogue {

  private final Console console;
  private final Consumer<String> send;
  private final Runnable stop;
  private String autoLogin;
  private String name;
  private String tried;
  private Promise<Void> answer;
  private boolean refused;
  /** The server asked for a password: the next line sent is one, never kept or named. */
  private boolean secret;

  /**
   * @param send writes one line to the server
   * @param stop ends the connection
   * @param autoLogin the name to answer the prompt with, or null to let the user type one
   */
  LoginDialogue(Console console, Consumer<String> send, Runnable stop, String autoLogin) {
    this.console = console;
    this.send = send;
    this.stop = stop;
    this.autoLogin = autoLogin;
  }

  static String nameRefused(String name) {
    return "The server refused the name " + (name == null ? "" : "'" + name + "' ")
        + "and input is not a terminal: stopping without sending the rest of it.";
  }

  /** The name the server welcomed, or null before that. */
  String name() {
    return name;
  }

  boolean refused() {
    return refused;
  }

  /** True from connecting again until the server answered the name sent for the user. */
  boolean loggingInAgain() {
    return autoLogin != null;
  }

  /** The user's line went out before the welcome: for a script, the next may follow once the server answered it. */
  Future<Void> sent(String line, Future<Void> written) {
    if (line.isBlank()) {
      return written;
    }
    if (secret) {
      secret = false;
    } else {
      tried = line.strip();
    }
    if (console.interactive()) {
      return written;
    }
    Promise<Void> answered = Promise.promise();
    answer = answered;
    return written.compose(v -> answered.future());
  }

  /** A server line before the welcome; true when it was dealt with here, and is not to be shown as it is. */
  boolean received(ServerLine line) {
    switch (line.kind()) {
      case WELCOME -> {
        name = line.who();
        autoLogin = null;
        console.loggedIn(name);
        console.show(line);
        if (console.interactive()) {
          // Learn who is online, for completion; the answer is shown like any other.
          send.accept("/users");
        }
        if (answer != null) {
          answer.tryComplete();
        }
        return true;
      }
      case SECRET_PROMPT -> {
        // Logging in again stops at a password: the user types it, it is never kept.
        secret = true;
        autoLogin = null;
        console.secretNext();
        console.show(line);
        if (answer != null) {
          answer.tryComplete();
        }
        return true;
      }
      case PROMPT -> {
        if (autoLogin == null) {
          return false;
        }
        tried = autoLogin;
        send.accept(autoLogin);
        return true;
      }
      case REFUSED -> {
        return refusedName(line);
      }
      default -> {
        return false;
      }
    }
  }

  /** The connection is gone: a script waiting for the answer to its name waits no more. */
  void closed() {
    if (answer != null) {
      answer.tryFail("the connection closed before the name was answered");
    }
  }

  private boolean refusedName(ServerLine line) {
    if (!console.interactive()) {
      console.show(line);
      refused = true;
      console.error(nameRefused(tried));
      stop.run();
      return true;
    }
    if (autoLogin != null) {
      console.show(line);
      console.status("Could not log in again as " + autoLogin + "; type a name to log in.");
      autoLogin = null;
      return true;
    }
    return false;
  }
}
