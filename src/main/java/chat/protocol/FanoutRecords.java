package chat.protocol;

/**
 * The wire format of public lines on the event bus. A fan-out message is a string of records, two
 * newline-ended fields each: the case-folded name that must not get the line (empty for none) and
 * the line. One message carries every record an event loop produced in one iteration, so a busy
 * loop pays the event-bus hop once for many lines. Strings, because local delivery copies a
 * JsonObject for every consumer; names and lines never contain a newline. A cluster broadcast is
 * the same records after a line naming the node they come from and its incarnation.
 */
public final class FanoutRecords {

  private FanoutRecords() {
  }

  public static StringBuilder append(StringBuilder body, String exceptKey, String line) {
    return body.append(exceptKey).append('\n').append(line).append('\n');
  }

  /** One record, for a line that only its sender does not get. */
  public static String of(String exceptKey, String line) {
    return append(new StringBuilder(), exceptKey, line).toString();
  }

  /** The records of a body, in order; an incomplete record at the end is ignored. */
  public static void forEach(String body, Handler handler) {
    int at = 0;
    while (at < body.length()) {
      int firstEnd = body.indexOf('\n', at);
      int secondEnd = firstEnd < 0 ? -1 : body.indexOf('\n', firstEnd + 1);
      if (secondEnd < 0) {
        return;
      }
      handler.record(body, at, firstEnd, secondEnd);
      at = secondEnd + 1;
    }
  }

  /**
   * A cluster broadcast body: the origin node's id and its incarnation (which changes when the node
   * rejoins after a split) on a line of their own, then the records.
   */
  public static String broadcast(String nodeId, String incarnation, String records) {
    return nodeId + ' ' + incarnation + '\n' + records;
  }

  /** The node a broadcast body comes from. */
  public static String origin(String broadcast) {
    int end = broadcast.indexOf(' ');
    return end < 0 ? "" : broadcast.substring(0, end);
  }

  /** The incarnation of the node a broadcast body comes from, when it was sent. */
  public static String incarnation(String broadcast) {
    int start = broadcast.indexOf(' ');
    int end = broadcast.indexOf('\n');
    return start < 0 || end < start ? "" : broadcast.substring(start + 1, end);
  }

  /** The records of a broadcast body. */
  public static String records(String broadcast) {
    return broadcast.substring(broadcast.indexOf('\n') + 1);
  }

  /** One record: the except-key is {@code body[start, firstEnd)}, the line {@code body(firstEnd, secondEnd)}. */
  @FunctionalInterface
  public interface Handler {
    void record(String body, int start, int firstEnd, int secondEnd);
  }
}
