package chat.client;

import chat.protocol.Text;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** How the terminal shows a line: the time in front, and colour for the lines meant for you. */
final class LineStyle {

  static final AttributedStyle PRIVATE = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
  static final AttributedStyle MENTION = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm ");

  private final boolean timestamps;
  private final boolean colour;
  private final Clock clock;

  LineStyle(boolean timestamps, boolean colour, Clock clock) {
    this.timestamps = timestamps;
    this.colour = colour;
    this.clock = clock;
  }

  /** Colour unless the terminal has fewer than 8 colours or {@code NO_COLOR} is set (https://no-color.org). */
  static boolean colourWanted(Map<String, String> env, int terminalColours) {
    String noColour = env.get("NO_COLOR");
    return (noColour == null || noColour.isEmpty()) && terminalColours >= 8;
  }

  /** True for a private line to you and for someone else's public line that names you. */
  static boolean forYou(ServerLine line, String me) {
    return switch (line.kind()) {
      case PRIVATE_FROM -> true;
      case PUBLIC -> me != null && !line.who().equalsIgnoreCase(me) && mentions(line.text(), me);
      default -> false;
    };
  }

  static boolean mentions(String text, String name) {
    // Names are letters, digits, '_' and '-': a mention is the name not glued to more of those.
    return Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-])", Pattern.CASE_INSENSITIVE)
        .matcher(text).find();
  }

  AttributedString server(ServerLine line, String me) {
    AttributedStyle style = AttributedStyle.DEFAULT;
    if (colour && forYou(line, me)) {
      style = line.kind() == ServerLine.Kind.PRIVATE_FROM ? PRIVATE : MENTION;
    }
    return stamped(line.raw(), style);
  }

  /** One of your public lines, as the others see it. */
  AttributedString own(String me, String text) {
    return stamped(me + ": " + text, AttributedStyle.DEFAULT);
  }

  /** A line of the client's own: a problem or what it is doing. */
  AttributedString notice(String text) {
    return stamped(text, AttributedStyle.DEFAULT);
  }

  private AttributedString stamped(String text, AttributedStyle style) {
    // The server removes control characters from what users send; this guards against any other server.
    String shown = Text.clean(text);
    return new AttributedString(timestamps ? LocalTime.now(clock).format(TIME) + shown : shown, style);
  }
}
