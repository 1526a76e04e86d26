package chat.protocol;

import java.util.Locale;

/** One parsed line from a logged-in user: what it asks for and its arguments. */
public record Command(Kind kind, String target, String text) {

  /** What a line asks the server to do. */
  public enum Kind { MESSAGE, PRIVATE, PM_USAGE, USERS, HELP, QUIT, REGISTER, PASSWORD, UNKNOWN }

  /**
   * Parses a non-blank, already sanitised line. Commands may have spaces around them and tabs
   * between their words; messages keep their spaces. A line starting with {@code //} is the public
   * line that starts with the second slash, as IRC clients do it.
   */
  public static Command parse(String text) {
    String line = text.strip();
    if (line.equalsIgnoreCase("quit")) {
      return new Command(Kind.QUIT, null, null);
    }
    if (line.charAt(0) != '/') {
      return new Command(Kind.MESSAGE, null, text);
    }
    if (line.startsWith("//")) {
      return new Command(Kind.MESSAGE, null, text.substring(text.indexOf('/') + 1));
    }
    line = line.replace('\t', ' ');
    int space = line.indexOf(' ');
    String word = space < 0 ? line : line.substring(0, space);
    switch (word.toLowerCase(Locale.ROOT)) {
      case "/quit":
        return new Command(Kind.QUIT, null, null);
      case "/users":
        return new Command(Kind.USERS, null, null);
      case "/help":
        return new Command(Kind.HELP, null, null);
      case "/pm":
        return privateMessage(space < 0 ? "" : line.substring(space + 1));
      case "/register":
        return register(space < 0 ? "" : line.substring(space + 1).strip());
      case "/password":
        return password(space < 0 ? "" : line.substring(space + 1).strip());
      default:
        return new Command(Kind.UNKNOWN, word, null);
    }
  }

  /** {@code /register <password>}: the text is the password, or null for the usage line. */
  private static Command register(String args) {
    return new Command(Kind.REGISTER, null, args.isEmpty() || args.indexOf(' ') >= 0 ? null : args);
  }

  /** {@code /password <old> <new>}: the target is the old password and the text the new one, or both null for the usage line. */
  private static Command password(String args) {
    String[] words = args.split(" +");
    return words.length == 2 ? new Command(Kind.PASSWORD, words[0], words[1]) : new Command(Kind.PASSWORD, null, null);
  }

  @Override
  public String toString() {
    // Never the arguments: for /register and /password they are passwords.
    return "Command[" + kind + "]";
  }

  private static Command privateMessage(String rest) {
    String args = rest.stripLeading();
    int space = args.indexOf(' ');
    if (space <= 0) {
      return new Command(Kind.PM_USAGE, null, null);
    }
    String text = args.substring(space + 1).stripLeading();
    if (text.isBlank()) {
      return new Command(Kind.PM_USAGE, null, null);
    }
    return new Command(Kind.PRIVATE, args.substring(0, space), text);
  }
}
