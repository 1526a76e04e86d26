package chat.registry;

import chat.Addresses;
import chat.LocalCodec;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/** The registry's wire format, defined once: request operations and fields, presence events, name-map entries. */
public final class RegistryProtocol {

  /** Failure code: the name is claimed by someone else. */
  public static final int TAKEN = 409;
  /** Failure code: this node is cut off from the majority of its cluster, or catching up after it. */
  public static final int UNAVAILABLE = 503;
  static final int BAD_REQUEST = 400;
  static final int FAILED = 500;

  private static final String REQUEST_CODEC = "chat.registry-request";
  /**
   * How requests reach the node's registry: locally, without the copy the default JSON codec makes
   * of every object it delivers (see {@link LocalCodec}); requests are never touched after sending.
   */
  static final DeliveryOptions REQUEST = new DeliveryOptions(Addresses.LOCAL).setCodecName(REQUEST_CODEC);

  static final String OP = "op";
  static final String CLAIM = "claim";
  static final String JOIN = "join";
  static final String LEAVE = "leave";
  static final String USERS = "users";
  static final String QUIESCE = "quiesce";
  /** Everyone online on every node: a JSON array of {@link #entry}s. */
  static final String DIRECTORY = "directory";
  /** One user's {@link #entry}, or null when not online. */
  static final String LOCATE = "locate";
  /** To every other node's registry from one that is stopping on purpose: do not count me any more. */
  static final String LEAVING = "leaving";

  public static final String NAME = "name";
  static final String TO = "to";
  static final String TEXT = "text";
  /** Presence events: {@link #TYPE} is {@link #JOIN} or {@link #LEAVE}, with {@link #NAME} and {@link #NODE}. */
  static final String TYPE = "type";
  public static final String NODE = "node";
  /** The sending node's incarnation (see {@link Membership#incarnation}), on presence events and private lines. */
  static final String INCARNATION = "incarnation";

  /**
   * A private message, the one request a chatting user makes all the time: a record rather than a
   * JSON object, for what the object's map allocates. {@code answerTo} is the sender's per-user address.
   */
  record PrivateRequest(String from, String answerTo, String to, String text) {
  }

  private RegistryProtocol() {
  }

  /** Makes requests sendable on {@code bus}; they stay for its lifetime, so a second call does nothing. */
  static void registerCodecs(EventBus bus) {
    LocalCodec.registerNamed(bus, REQUEST_CODEC);
    LocalCodec.registerFor(bus, PrivateRequest.class);
  }

  static JsonObject request(String op) {
    return new JsonObject().put(OP, op);
  }

  static JsonObject presence(String type, String name, String node, String incarnation) {
    return new JsonObject().put(TYPE, type).put(NAME, name).put(NODE, node).put(INCARNATION, incarnation);
  }

  /** A private line for a user on another node, sent to that node's registry from {@code node}. */
  static JsonObject privateLine(String to, String line, String node, String incarnation) {
    return new JsonObject().put(TO, to).put(TEXT, line).put(NODE, node).put(INCARNATION, incarnation);
  }

  /** The notice a node stopping on purpose sends to the others before it leaves. */
  static JsonObject leaving(String node) {
    return new JsonObject().put(TYPE, LEAVING).put(NODE, node);
  }

  /** The value of a claimed name in the cluster-wide map: the name as spelled and its node. */
  static JsonObject entry(String name, String node) {
    return new JsonObject().put(NAME, name).put(NODE, node);
  }
}
