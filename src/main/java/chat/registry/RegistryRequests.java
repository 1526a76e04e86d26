package chat.registry;

import chat.Addresses;
import chat.protocol.Lines;
import chat.protocol.Names;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/** What a server verticle asks of its node's registry, as event-bus messages. */
public final class RegistryRequests {

  /** Failure code: the name is claimed by someone else. */
  public static final int TAKEN = 409;

  static final String OP = "op";
  static final String CLAIM = "claim";
  static final String JOIN = "join";
  static final String LEAVE = "leave";
  static final String PRIVATE = "pm";
  static final String USERS = "users";
  static final String QUIESCE = "quiesce";

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final EventBus bus;
  private final String nodeId;
  private final String fanout;
  private final boolean clustered;
  private final Runnable scheduleFlush;
  private final StringBuilder broadcasts = new StringBuilder();

  /** For requests that never broadcast. */
  public RegistryRequests(EventBus bus) {
    this(bus, "", false, () -> {
    });
  }

  /**
   * Public lines go to {@code nodeId}'s fan-out, and to the other nodes' registries when
   * {@code clustered}. {@code scheduleFlush} is called when a public line is queued into an empty
   * batch; it must arrange for {@link #flushBroadcasts()} to run on this caller's event loop soon
   * (at the end of the current iteration).
   */
  public RegistryRequests(EventBus bus, String nodeId, boolean clustered, Runnable scheduleFlush) {
    this.bus = bus;
    this.nodeId = nodeId;
    this.fanout = Addresses.fanout(nodeId);
    this.clustered = clustered;
    this.scheduleFlush = scheduleFlush;
  }

  /** Reserves a name cluster-wide; fails with {@link #TAKEN} when someone has it. */
  public Future<Void> claim(String name) {
    return bus.request(Addresses.REGISTRY, op(CLAIM).put("name", name), LOCAL).mapEmpty();
  }

  /** Marks a claimed name online (its per-user address is registered) and announces it. */
  public Future<Void> join(String name) {
    return bus.request(Addresses.REGISTRY, op(JOIN).put("name", name), LOCAL).mapEmpty();
  }

  /** Takes a user offline (announcing it if it was online) and frees the name. */
  public Future<Void> leave(String name) {
    return bus.request(Addresses.REGISTRY, op(LEAVE).put("name", name), LOCAL).mapEmpty();
  }

  /**
   * Sends a private message; completes with the line for its sender ({@code [Private to X]: ...}
   * or the error line) once the addressee's line is on its way. A public line the sender sends next
   * must wait for that, or it could overtake the private one: public lines go to the fan-out
   * directly, not through the registry.
   */
  public Future<String> privateMessage(String from, String to, String text) {
    return bus.<String>request(Addresses.REGISTRY, op(PRIVATE).put("from", from).put("to", to).put("text", text), LOCAL)
        .map(m -> m.body());
  }

  /** The {@code Online users (n): ...} line for everyone on every node. */
  public Future<String> users() {
    return bus.<String>request(Addresses.REGISTRY, op(USERS), LOCAL).map(m -> m.body());
  }

  /** The node is stopping: its own clients are being told so, announcements to them would go nowhere. */
  public Future<Void> quiesce() {
    return bus.request(Addresses.REGISTRY, op(QUIESCE), LOCAL).mapEmpty();
  }

  /**
   * A public line. It goes straight to this node's fan-out, not through the registry: the registry
   * adds nothing to a public line but a thread hop, and that hop cost more than the fan-out itself
   * under load. Other nodes get it through their registries (see {@link Addresses#BROADCAST}).
   * Lines are queued and published together when this event loop's iteration ends (or before the
   * next request), so a busy loop pays for the event-bus hop once for many lines.
   */
  public void broadcast(String from, String text) {
    if (broadcasts.isEmpty()) {
      scheduleFlush.run();
    }
    Addresses.appendRecord(broadcasts, Names.key(from), Lines.message(from, text));
  }

  /** Publishes the public lines queued since the last flush, as one message. */
  public void flushBroadcasts() {
    if (!broadcasts.isEmpty()) {
      String records = broadcasts.toString();
      broadcasts.setLength(0);
      bus.publish(fanout, records, LOCAL);
      if (clustered) {
        bus.publish(Addresses.BROADCAST, Addresses.broadcast(nodeId, records));
      }
    }
  }

  /**
   * Every request first publishes the lines queued before it, so that what the registry announces
   * next (a departure, say) reaches every user after them.
   */
  private JsonObject op(String op) {
    flushBroadcasts();
    return new JsonObject().put(OP, op);
  }
}
