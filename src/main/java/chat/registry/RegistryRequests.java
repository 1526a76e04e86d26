package chat.registry;

import chat.Addresses;
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
  static final String SYNC = "sync";

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final EventBus bus;

  public RegistryRequests(EventBus bus) {
    this.bus = bus;
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
   * Sends a private message. Fire-and-forget: the registry answers on the sender's own per-user
   * address ({@code [Private to X]: ...} or the error line), which spares every message a reply
   * registration and its timeout timer.
   */
  public void privateMessage(String from, String to, String text) {
    bus.send(Addresses.REGISTRY, op(PRIVATE).put("from", from).put("to", to).put("text", text), LOCAL);
  }

  /** The {@code Online users (n): ...} line for everyone on every node. */
  public Future<String> users() {
    return bus.<String>request(Addresses.REGISTRY, op(USERS), LOCAL).map(m -> m.body());
  }

  /**
   * Completes once the registry has handled everything this caller sent before, and what it sent
   * back to this caller's per-user address has been delivered (both arrive on the caller's event
   * loop in order).
   */
  public Future<Void> sync() {
    return bus.request(Addresses.REGISTRY, op(SYNC), LOCAL).mapEmpty();
  }

  /** The node is stopping: its own clients are being told so, announcements to them would go nowhere. */
  public Future<Void> quiesce() {
    return bus.request(Addresses.REGISTRY, op(QUIESCE), LOCAL).mapEmpty();
  }

  /** A public line: every node's registry gets it once and fans it out to its own users. */
  public void broadcast(String from, String text) {
    bus.publish(Addresses.BROADCAST, new JsonObject().put("from", from).put("text", text));
  }

  private static JsonObject op(String op) {
    return new JsonObject().put(OP, op);
  }
}
