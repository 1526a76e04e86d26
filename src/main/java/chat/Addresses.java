package chat;

import chat.protocol.Names;

/** Every event-bus address the chat uses, defined once. */
public final class Addresses {

  /**
   * Cluster-wide: public lines as fan-out records after the name of the node they come from (see
   * {@link #broadcast}), consumed once per node by its registry; the node they come from has
   * already fanned them out.
   */
  public static final String BROADCAST = "chat.broadcast";
  /** Cluster-wide: joins and departures, consumed once per node by its registry. */
  public static final String PRESENCE = "chat.presence";
  /** Node-local requests to the registry: claim, join, leave, pm, users. */
  public static final String REGISTRY = "chat.registry";

  private static final String USER_PREFIX = "chat.user.";
  private static final String FANOUT_PREFIX = "chat.fanout.";

  private Addresses() {
  }

  /** The per-user address, keyed by the case-folded name so lookups ignore case. */
  public static String user(String name) {
    return USER_PREFIX + Names.key(name);
  }

  /** Node-local address every server verticle consumes to deliver one line to its own sockets. */
  public static String fanout(String nodeId) {
    return FANOUT_PREFIX + nodeId;
  }

  /** A {@link #BROADCAST} body: the origin node's id on a line of its own, then fan-out records. */
  public static String broadcast(String nodeId, String records) {
    return nodeId + '\n' + records;
  }

  /** The node a {@link #BROADCAST} body comes from. */
  public static String broadcastOrigin(String body) {
    int end = body.indexOf('\n');
    return end < 0 ? "" : body.substring(0, end);
  }

  /** The fan-out records of a {@link #BROADCAST} body. */
  public static String broadcastRecords(String body) {
    return body.substring(body.indexOf('\n') + 1);
  }

  /**
   * Fan-out messages are strings of records, two newline-ended fields each: the case-folded name
   * that must not get the line (empty for none) and the line. One message carries every record an
   * event loop produced in one iteration, so a busy loop pays the event-bus hop once for many
   * lines. Strings, because local delivery copies a JsonObject for every consumer; names and lines
   * never contain a newline.
   */
  public static StringBuilder appendRecord(StringBuilder body, String first, String second) {
    return body.append(first).append('\n').append(second).append('\n');
  }

  /** The records of a body, in order; an incomplete record at the end is ignored. */
  public static void forEachRecord(String body, RecordHandler handler) {
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

  /** One record: the first field is {@code body[start, firstEnd)}, the second {@code body(firstEnd, secondEnd)}. */
  @FunctionalInterface
  public interface RecordHandler {
    void record(String body, int start, int firstEnd, int secondEnd);
  }
}
