package chat;

import chat.protocol.Names;
import io.vertx.core.eventbus.DeliveryOptions;

/** Every event-bus address the chat uses, defined once, and how node-local ones are reached. */
public final class Addresses {

  /**
   * Cluster-wide: public lines (see {@link chat.protocol.FanoutRecords#broadcast}), consumed once
   * per node by its registry; the node they come from has already fanned them out.
   */
  public static final String BROADCAST = "chat.broadcast";
  /** Cluster-wide: joins and departures, consumed once per node by its registry. */
  public static final String PRESENCE = "chat.presence";
  /** Node-local requests to the registry (see {@link chat.registry.RegistryProtocol}). */
  public static final String REGISTRY = "chat.registry";
  /** For sends and publishes to node-local addresses: they never cross the cluster. */
  public static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private static final String USER_PREFIX = "chat.user.";
  private static final String NODE_PREFIX = "chat.node.";
  private static final String FANOUT_PREFIX = "chat.fanout.";
  private static final String SESSIONS_PREFIX = "chat.sessions.";

  private Addresses() {
  }

  /** The per-user address, keyed by the case-folded name so lookups ignore case; what it carries: {@link UserMessages}. */
  public static String user(String name) {
    return USER_PREFIX + Names.key(name);
  }

  /**
   * Cluster-wide, consumed by that node's registry: private lines for its users from other nodes,
   * so that they pass the same registry as the sender's earlier public lines and cannot overtake them.
   */
  public static String node(String nodeId) {
    return NODE_PREFIX + nodeId;
  }

  /**
   * Cluster-wide, consumed by that node's {@link chat.ops.SessionDirectory}: a request for its
   * logged-in users with their remote addresses, for the operators' user list.
   */
  public static String sessions(String nodeId) {
    return SESSIONS_PREFIX + nodeId;
  }

  /** Node-local, consumed once per event loop: fan-out records for that loop's users. */
  public static String fanout(String nodeId) {
    return FANOUT_PREFIX + nodeId;
  }
}
