package chat.protocol;

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
    int end = space < 0 ? line.length() : space;
    // The command word is compared in place: a private line, the one command sent all the time,
    // then allocates only its target and its text.
    if (isWord(line, end, "/pm")) {
      return privateMessage(line, end);
    } else if (isWord(line, end, "/quit")) {
      return new Command(Kind.QUIT, null, null);
    } else if (isWord(line, end, "/users")) {
      return new Command(Kind.USERS, null, null);
    } else if (isWord(line, end, "/help")) {
      return new Command(Kind.HELP, null, null);
    } else if (isWord(line, end, "/register")) {
      return register(space < 0 ? "" : line.substring(space + 1).strip());
    } else if (isWord(line, end, "/password")) {
      return password(space < 0 ? "" : line.substring(space + 1).strip());
    }
    return new Command(Kind.UNKNOWN, line.substring(0, end), null);
  }

  /** Whether the line's first {@code end} characters are {@code word} (lower case ASCII) in any case. */
  private static boolean isWord(String line, int end, String word) {
    if (end != word.length()) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = line.charAt(i);
      if (c != word.charAt(i) && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == word.charAt(i))) {
        return false;
      }
    }
    return true;
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

  /** {@code /pm <user> <text>}, the arguments starting at {@code from}. */
  private static Command privateMessage(String line, int from) {
    int target = skipWhitespace(line, from);
    int space = line.indexOf(' ', target);
    if (space < 0) {
      return new Command(Kind.PM_USAGE, null, null);
    }
    int text = skipWhitespace(line, space + 1);
    if (text == line.length()) {
      return new Command(Kind.PM_USAGE, null, null);
    }
    return new Command(Kind.PRIVATE, line.substring(target, space), line.substring(text));
  }

  private static int skipWhitespace(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
