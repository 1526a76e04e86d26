package chat.registry;

import static chat.registry.RegistryProtocol.CLAIM;
import static chat.registry.RegistryProtocol.DIRECTORY;
import static chat.registry.RegistryProtocol.LOCATE;
import static chat.registry.RegistryProtocol.JOIN;
import static chat.registry.RegistryProtocol.LEAVE;
import static chat.registry.RegistryProtocol.NAME;
import static chat.registry.RegistryProtocol.QUIESCE;
import static chat.registry.RegistryProtocol.USERS;
import static chat.registry.RegistryProtocol.request;

import chat.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageProducer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a session asks of its node's registry. The registry handles requests one at a time in the
 * order they arrive, so the answers to one caller's requests come back in the order it asked.
 */
public final class RegistryRequests {

  private final EventBus bus;
  private final MessageProducer<RegistryProtocol.PrivateRequest> privateLines;

  public RegistryRequests(EventBus bus) {
    this.bus = bus;
    this.privateLines = bus.sender(Addresses.REGISTRY, Addresses.LOCAL);
  }

  /** Reserves a name cluster-wide; fails with {@link RegistryProtocol#TAKEN} when someone has it. */
  public Future<Void> claim(String name) {
    return ask(request(CLAIM).put(NAME, name)).mapEmpty();
  }

  /** Marks a claimed name online (its per-user address is registered) and announces it. */
  public Future<Void> join(String name) {
    return ask(request(JOIN).put(NAME, name)).mapEmpty();
  }

  /** Takes a user offline (announcing it if it was online) and frees the name. */
  public Future<Void> leave(String name) {
    return ask(request(LEAVE).put(NAME, name)).mapEmpty();
  }

  /**
   * Sends a private message. The registry answers at {@code answerTo}, the sender's per-user
   * address, with a {@link chat.UserMessages.Answer}: {@code [Private to X]: ...} or the error line,
   * after the addressee's line is on its way; no reply handler and no timer per message. Fails only
   * when the registry could not be handed the request.
   */
  public Future<Void> privateMessage(String from, String answerTo, String to, String text) {
    return privateLines.write(new RegistryProtocol.PrivateRequest(from, answerTo, to, text));
  }

  /** The {@code Online users (n): ...} answer for everyone on every node: one line or, for a long list, several, newline-separated. */
  public Future<String> users() {
    return this.<String>ask(request(USERS)).map(Message::body);
  }

  /** Everyone online on every node, each as {@code {name, node}}. */
  public Future<JsonArray> directory() {
    return this.<JsonArray>ask(request(DIRECTORY)).map(Message::body);
  }

  /** Where a user is online, as {@code {name, node}} with the name as spelled at login; null when not online. */
  public Future<JsonObject> locate(String name) {
    return this.<JsonObject>ask(request(LOCATE).put(NAME, name)).map(Message::body);
  }

  /** The node is stopping: its own clients are being told so, announcements to them would go nowhere. */
  public Future<Void> quiesce() {
    return ask(request(QUIESCE)).mapEmpty();
  }

  private <T> Future<Message<T>> ask(JsonObject request) {
    return bus.request(Addresses.REGISTRY, request, RegistryProtocol.REQUEST);
  }
}
