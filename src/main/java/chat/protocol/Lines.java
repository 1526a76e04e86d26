package chat.protocol;

import java.util.List;

/** The exact lines the server sends; tests and the README quote them. */
public final class Lines {

  public static final String PROMPT = "Enter your username:";
  public static final String INSTRUCTIONS =
      "Type a message to send it to everyone. Commands: /pm <user> <message>, /users, /help, quit";
  public static final String PM_USAGE = "Usage: /pm <username> <message>";
  public static final String PM_SELF = "You cannot send a private message to yourself.";
  public static final String SHUTDOWN = "Server is shutting down. Goodbye!";
  public static final String GOODBYE_ANONYMOUS = "Goodbye!";
  public static final String LOGIN_TIMEOUT = "Login timed out.";
  public static final String FLOOD_KICK = "Disconnected: flooding.";
  public static final String TOO_MANY_FROM_ADDRESS = "Too many connections from your address.";
  public static final String SERVER_FULL = "Server is full.";
  public static final String SERVER_BUSY = "Server is busy, please try again.";

  private Lines() {
  }

  public static String invalidName(String reason) {
    return "Invalid username: " + reason;
  }

  public static String nameTaken(String name) {
    return "Username '" + name + "' is already taken.";
  }

  public static String welcome(String name) {
    return "Welcome, " + name + "! " + INSTRUCTIONS;
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

  public static String users(List<String> sortedNames) {
    return "Online users (" + sortedNames.size() + "): " + String.join(", ", sortedNames);
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

  public static String tooLong(int maxBytes) {
    return "Message too long (max " + maxBytes + " bytes).";
  }
}
