package chat;

import chat.protocol.Names;

/** Every event-bus address the chat uses, defined once. */
public final class Addresses {

  /** Cluster-wide: a public line from any node, consumed once per node by its registry. */
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

  /**
   * A fan-out message: the case-folded name that must not get the line (empty for none), a newline,
   * then the line. A string, because local delivery copies a JsonObject for every consumer and this
   * goes to every event loop for every public line; names and lines never contain a newline.
   */
  public static String fanoutBody(String exceptKey, String line) {
    return exceptKey + '\n' + line;
  }

  /** Where the line starts in a fan-out body; the excluded name is everything before it, less the newline. */
  public static int fanoutLineStart(String body) {
    return body.indexOf('\n') + 1;
  }
}
