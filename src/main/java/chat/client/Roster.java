package chat.client;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is online as far as the server's lines tell: {@code /users} answers (whole or in parts), joins
 * and departures. Updated from the connection's thread and read by name completion on the input
 * thread, so readers get an immutable snapshot.
 */
final class Roster {

  private static final Pattern USERS =
      Pattern.compile(Pattern.quote(ServerLine.USERS_PREFIX) + "\\d+(?:, part (\\d+) of (\\d+))?\\): ?(.*)");

  private volatile NavigableSet<String> names = empty();
  private volatile String me;
  private NavigableSet<String> parts;

  /** A new login ({@code null}: logged out): forget who was online, but for oneself. */
  void reset(String name) {
    me = name;
    parts = null;
    NavigableSet<String> fresh = empty();
    if (name != null) {
      fresh.add(name);
    }
    names = fresh;
  }

  void offer(ServerLine line) {
    switch (line.kind()) {
      case JOINED -> change(line.who(), true);
      case LEFT -> change(line.who(), false);
      case USERS -> users(line.raw());
      default -> {
      }
    }
  }

  /** Everyone online but oneself, sorted ignoring case. */
  List<String> others() {
    String self = me;
    return names.stream().filter(name -> !name.equalsIgnoreCase(self)).toList();
  }

  private void change(String name, boolean online) {
    NavigableSet<String> next = copy(names);
    if (online) {
      next.add(name);
    } else {
      next.remove(name);
    }
    names = next;
  }

  private void users(String raw) {
    Matcher m = USERS.matcher(raw);
    if (!m.matches()) {
      return;
    }
    NavigableSet<String> listed = empty();
    for (String name : m.group(3).split(",")) {
      if (!name.isBlank()) {
        listed.add(name.strip());
      }
    }
    if (m.group(1) == null) {
      parts = null;
      names = listed;
      return;
    }
    int part = Integer.parseInt(m.group(1));
    int of = Integer.parseInt(m.group(2));
    if (part == 1 || parts == null) {
      parts = empty();
    }
    parts.addAll(listed);
    if (part == of) {
      names = parts;
      parts = null;
    }
  }

  private static NavigableSet<String> empty() {
    return new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  }

  private static NavigableSet<String> copy(NavigableSet<String> names) {
    NavigableSet<String> copy = empty();
    copy.addAll(names);
    return copy;
  }
}
