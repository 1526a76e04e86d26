package chat.client;

import chat.protocol.Lines;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line from the server, classified by what the client does with it.
 *
 * @param who the user the line names (sender, addressee, newcomer, leaver, welcomed or taken name), or null
 * @param text the message of a public or private line, or null
 */
public record ServerLine(Kind kind, String raw, String who, String text) {

  /** What a server line is. */
  public enum Kind { PROMPT, SECRET_PROMPT, WELCOME, REFUSED, JOINED, LEFT, USERS, PUBLIC, PRIVATE_FROM, PRIVATE_TO, SHUTDOWN, KICKED, OTHER }

  static final String USERS_PREFIX = "Online users (";

  private static final String NAME = "([A-Za-z0-9_-]{1,32})";
  private static final Pattern WELCOME = Pattern.compile("Welcome, " + NAME + "!(?: .*)?");
  private static final Pattern TAKEN = Pattern.compile("Username '(.*)' is already taken\\.");
  private static final Pattern JOINED = Pattern.compile(NAME + " has joined the chat\\.");
  private static final Pattern LEFT = Pattern.compile(NAME + " has disconnected\\.");
  private static final Pattern PRIVATE = Pattern.compile("\\[Private (from|to) " + NAME + "\\]: (.*)");
  private static final Pattern PUBLIC = Pattern.compile(NAME + ": (.*)");
  /** The server asks for a password: the next line typed is a secret. */
  private static final Pattern SECRET = Pattern.compile("Password for " + NAME + ":|'" + NAME
      + "' is not registered yet: choose a password for it .*|" + Pattern.quote(Lines.CONFIRM_PASSWORD));
  /** A login the password step refused; the username prompt follows. */
  private static final Pattern PASSWORD_REFUSED = Pattern.compile("Wrong password for " + NAME + "\\.|Too many failed passwords: .*|"
      + Pattern.quote(Lines.TLS_REQUIRED) + "|" + Pattern.quote(Lines.PASSWORDS_DIFFER) + "|Cannot check whether '.*");

  public static ServerLine parse(String raw) {
    if (raw.equals(Lines.PROMPT)) {
      return of(Kind.PROMPT, raw);
    }
    if (raw.equals(Lines.SHUTDOWN)) {
      return of(Kind.SHUTDOWN, raw);
    }
    // Checked before public lines: "Disconnected: flooding." and "Usage: ..." look like a user's line.
    if (raw.equals(Lines.FLOOD_KICK) || raw.startsWith(Lines.KICKED_PREFIX)) {
      return of(Kind.KICKED, raw);
    }
    if (SECRET.matcher(raw).matches()) {
      return of(Kind.SECRET_PROMPT, raw);
    }
    if (PASSWORD_REFUSED.matcher(raw).matches()) {
      return of(Kind.REFUSED, raw);
    }
    if (raw.equals(Lines.PM_USAGE)) {
      return of(Kind.OTHER, raw);
    }
    if (raw.startsWith(USERS_PREFIX)) {
      return of(Kind.USERS, raw);
    }
    if (raw.startsWith(Lines.invalidName(""))) {
      return of(Kind.REFUSED, raw);
    }
    Matcher m;
    if ((m = TAKEN.matcher(raw)).matches()) {
      return new ServerLine(Kind.REFUSED, raw, m.group(1), null);
    }
    if ((m = WELCOME.matcher(raw)).matches()) {
      return new ServerLine(Kind.WELCOME, raw, m.group(1), null);
    }
    if ((m = JOINED.matcher(raw)).matches()) {
      return new ServerLine(Kind.JOINED, raw, m.group(1), null);
    }
    if ((m = LEFT.matcher(raw)).matches()) {
      return new ServerLine(Kind.LEFT, raw, m.group(1), null);
    }
    if ((m = PRIVATE.matcher(raw)).matches()) {
      Kind kind = m.group(1).equals("from") ? Kind.PRIVATE_FROM : Kind.PRIVATE_TO;
      return new ServerLine(kind, raw, m.group(2), m.group(3));
    }
    if ((m = PUBLIC.matcher(raw)).matches()) {
      return new ServerLine(Kind.PUBLIC, raw, m.group(1), m.group(2));
    }
    return of(Kind.OTHER, raw);
  }

  private static ServerLine of(Kind kind, String raw) {
    return new ServerLine(kind, raw, null, null);
  }
}
