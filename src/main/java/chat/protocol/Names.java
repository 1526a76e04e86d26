package chat.protocol;

import java.util.Locale;

/** Username rules: 1–32 ASCII letters, digits, '_' or '-', at least one letter or digit, unique ignoring case. */
public final class Names {

  public static final int MAX_LENGTH = 32;

  private Names() {
  }

  /** The case-folded form used for uniqueness, lookups and per-user addresses. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Why {@code name} is not a valid username, or {@code null} when it is. */
  public static String problem(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return "it must be 1 to " + MAX_LENGTH + " characters long.";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      if (!ok) {
        return "use only letters, digits, '_' or '-'.";
      }
    }
    if (name.chars().noneMatch(Character::isLetterOrDigit)) {
      return "it needs at least one letter or digit.";
    }
    return null;
  }
}
