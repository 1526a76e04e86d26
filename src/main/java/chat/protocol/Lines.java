package chat.protocol;

import java.util.ArrayList;
import java.util.List;

/** The exact lines the server sends; tests and the README quote them. */
public final class Lines {

  public static final String PROMPT = "Enter your username:";
  private static final String COMMANDS = " Commands: /pm <user> <message>, /users, /help, quit";
  /** The answer to {@code /help}: the welcome's commands and the account ones. */
  public static final String INSTRUCTIONS =
      "Type a message to send it to everyone (start it with // to send a line beginning with /)."
          + " Commands: /pm <user> <message>, /users, /register <password>, /password <old> <new>, /help, quit";
  /** The most bytes of names one {@code /users} line carries; longer lists take several lines. */
  public static final int USERS_LINE_BYTES = 1000;
  public static final String PM_USAGE = "Usage: /pm <username> <message>";
  public static final String PM_SELF = "You cannot send a private message to yourself.";
  public static final String SHUTDOWN = "Server is shutting down. Goodbye!";
  public static final String GOODBYE_ANONYMOUS = "Goodbye!";
  public static final String LOGIN_TIMEOUT = "Login timed out.";
  public static final String FLOOD_KICK = "Disconnected: flooding.";
  public static final String TOO_MANY_FROM_ADDRESS = "Too many connections from your address.";
  public static final String SERVER_FULL = "Server is full.";
  public static final String SERVER_BUSY = "Server is busy, please try again.";
  public static final String CONFIRM_PASSWORD = "Type the password again:";
  public static final String PASSWORDS_DIFFER = "The passwords do not match.";
  public static final String PASSWORD_RULES = "A password has 8-256 bytes and no spaces.";
  public static final String STORE_DOWN = "Cannot verify your password right now (the account store is unreachable); try again in a moment.";
  public static final String TLS_REQUIRED = "Passwords are only accepted over TLS on this server: connect to its TLS port.";
  public static final String NOT_REGISTERED = "You are a guest: /register <password> makes your name an account first.";
  public static final String PASSWORD_CHANGED = "Password changed.";
  public static final String REGISTER_USAGE = "Usage: /register <password>";
  public static final String PASSWORD_USAGE = "Usage: /password <old> <new>";
  public static final String ACCOUNTS_OFF = "Accounts are off on this server.";
  /** The last line of a session whose account has just logged in on another connection. */
  public static final String TAKEN_OVER = "You logged in from another connection; this one is closed.";
  /** The last line to each user of a node that lost contact with the majority of its cluster. */
  public static final String CUT_OFF = "This server lost contact with the rest of the chat, so you have been disconnected. Please reconnect.";
  /** The last line to a login refused while the node is cut off from the majority of its cluster, or catching up after it. */
  public static final String CUT_OFF_LOGIN = "This server has lost contact with the rest of the chat. Please try again in a moment.";
  public static final String BINARY_FRAME = "Binary frames are not read: send each line as a text frame.";

  private Lines() {
  }

  public static String invalidName(String reason) {
    return "Invalid username: " + reason;
  }

  public static String nameTaken(String name) {
    return "Username '" + name + "' is already taken.";
  }

  /** After a registered name: the next line is its password. */
  public static String passwordFor(String name) {
    return "Password for " + name + ":";
  }

  /** After a new name when guests are off: the next two lines are the password for its new account. */
  public static String choosePassword(String name) {
    return "'" + name + "' is not registered yet: choose a password for it (8-256 bytes, no spaces):";
  }

  public static String wrongPassword(String name) {
    return "Wrong password for " + name + ".";
  }

  public static String tooManyFailures(long seconds) {
    return "Too many failed passwords: try again in " + seconds + " s.";
  }

  public static String cannotCheckName(String name) {
    return "Cannot check whether '" + name + "' is registered right now (the account store is unreachable); try again in a moment.";
  }

  public static String registered(String name) {
    return "'" + name + "' is now registered: log in with this password from now on.";
  }

  public static String alreadyRegistered(String name) {
    return "'" + name + "' is registered already; /password <old> <new> changes its password.";
  }

  public static String welcome(String name) {
    return "Welcome, " + name + "! Type a message to send it to everyone." + COMMANDS;
  }

  public static String joined(String name) {
    return name + " has joined the chat.";
  }

  public static String disconnected(String name) {
    return name + " has disconnected.";
  }

  public static String message(String from, String text) {
    return from + ": " + text;
  }

  public static String privateFrom(String from, String text) {
    return "[Private from " + from + "]: " + text;
  }

  public static String privateTo(String to, String text) {
    return "[Private to " + to + "]: " + text;
  }

  public static String notOnline(String name) {
    return "User '" + name + "' is not online.";
  }

  /**
   * The answer to {@code /users}: {@code Online users (3): Eliya, Sam, Tom}, or, when the names take
   * more than {@link #USERS_LINE_BYTES}, several lines {@code Online users (2100, part 1 of 5): ...},
   * so that no line grows with the number of users and a script can tell where the list ends.
   */
  public static List<String> users(List<String> sortedNames) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (String name : sortedNames) {
      if (part.length() > 0 && part.length() + 2 + name.length() > USERS_LINE_BYTES) {
        parts.add(part.toString());
        part.setLength(0);
      }
      part.append(part.length() > 0 ? ", " : "").append(name);
    }
    parts.add(part.toString());
    int count = sortedNames.size();
    if (parts.size() == 1) {
      return List.of("Online users (" + count + "): " + parts.get(0));
    }
    List<String> lines = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      lines.add("Online users (" + count + ", part " + (i + 1) + " of " + parts.size() + "): " + parts.get(i));
    }
    return lines;
  }

  public static String unknownCommand(String word) {
    return "Unknown command: " + word + ". Type /help for help.";
  }

  public static String goodbye(String name) {
    return "Goodbye, " + name + "!";
  }

  /** Said once when a user's lines start to wait for the flood budget. */
  public static String slowed(double linesPerSecond) {
    String rate = java.math.BigDecimal.valueOf(linesPerSecond).stripTrailingZeros().toPlainString();
    return "You are sending too fast: your lines are delayed to " + rate + " per second.";
  }

  /** How every line that ends a session by an operator's kick starts. */
  public static final String KICKED_PREFIX = "Disconnected by an operator";

  /** The last line of a user an operator kicks, with the operator's reason when there is one. */
  public static String kicked(String reason) {
    return reason == null || reason.isBlank() ? KICKED_PREFIX + "." : KICKED_PREFIX + ": " + reason;
  }

  /** An operator's notice to everyone on every node. */
  public static String notice(String text) {
    return "Server notice: " + text;
  }

  public static String tooLong(int maxBytes) {
    return "Message too long (max " + maxBytes + " bytes).";
  }
}
