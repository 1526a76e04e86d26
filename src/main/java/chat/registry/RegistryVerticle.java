package chat.registry;

import static chat.registry.RegistryProtocol.BAD_REQUEST;
import static chat.registry.RegistryProtocol.CLAIM;
import static chat.registry.RegistryProtocol.DIRECTORY;
import static chat.registry.RegistryProtocol.LOCATE;
import static chat.registry.RegistryProtocol.FAILED;
import static chat.registry.RegistryProtocol.INCARNATION;
import static chat.registry.RegistryProtocol.JOIN;
import static chat.registry.RegistryProtocol.LEAVE;
import static chat.registry.RegistryProtocol.LEAVING;
import static chat.registry.RegistryProtocol.NAME;
import static chat.registry.RegistryProtocol.NODE;
import static chat.registry.RegistryProtocol.OP;
import static chat.registry.RegistryProtocol.QUIESCE;
import static chat.registry.RegistryProtocol.TAKEN;
import static chat.registry.RegistryProtocol.TEXT;
import static chat.registry.RegistryProtocol.TO;
import static chat.registry.RegistryProtocol.TYPE;
import static chat.registry.RegistryProtocol.UNAVAILABLE;
import static chat.registry.RegistryProtocol.USERS;
import static chat.registry.RegistryProtocol.entry;

import chat.Addresses;
import chat.UserMessages;
import chat.protocol.FanoutRecords;
import chat.protocol.Lines;
import chat.protocol.Names;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows who is online on every node and routes between them. One instance per node, so its state
 * needs no locks. Names are claimed in a cluster-wide map whose entries carry the owning node.
 * Public lines from this node's users go from their event loop to this node's fan-out directly;
 * those from other nodes cross the cluster once per node and are fanned out here. A node cut off
 * from the majority of its cluster (see {@link Standing}) disconnects its users and hands out no
 * names until it is back and has read who is online again. Lines and presence are dropped unless
 * they come from a member in its current incarnation, so a node declared gone cannot speak, not
 * even late, for users announced as left.
 */
public final class RegistryVerticle extends VerticleBase implements Standing.Actions {

  private static final Logger log = LoggerFactory.getLogger(RegistryVerticle.class);
  static final String NAMES_MAP = "chat.names";
  private static final long RESYNC_RETRY_MILLIS = 1000;

  private final Membership membership;
  private final String nodeId;
  private final Directory directory;
  private List<JsonObject> early = new ArrayList<>();
  private AsyncMap<String, JsonObject> names;
  private EventBus bus;
  private Standing standing;
  private boolean quiet;

  public RegistryVerticle(Membership membership) {
    this.membership = membership;
    this.nodeId = membership.nodeId();
    this.directory = new Directory(nodeId);
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    RegistryProtocol.registerCodecs(bus);
    UserMessages.registerOn(bus);
    return vertx.sharedData().<String, JsonObject>getAsyncMap(NAMES_MAP)
        .compose(map -> {
          names = map;
          standing = new Standing(membership, context, this);
          var presence = bus.<JsonObject>consumer(Addresses.PRESENCE, m -> onPresence(m.body()));
          var broadcast = bus.<String>consumer(Addresses.BROADCAST, m -> onBroadcast(m.body()));
          var requests = bus.localConsumer(Addresses.REGISTRY, this::onRequest);
          var nodeMessages = bus.<JsonObject>consumer(Addresses.node(nodeId), this::onNodeMessage);
          return Future.all(List.of(presence.completion(), broadcast.completion(), requests.completion(), nodeMessages.completion()));
        })
        .compose(v -> names.entries())
        .onSuccess(this::loadSnapshot);
  }

  /** A node stopping on purpose says goodbye for its users instead of leaving it to the survivors. */
  @Override
  public Future<?> stop() {
    return standing == null ? Future.succeededFuture() : standing.sayLeaving(bus, nodeId).transform(v -> releaseNames());
  }

  private Future<?> releaseNames() {
    List<Future<?>> removals = new ArrayList<>();
    for (String name : directory.localNames()) {
      removals.add(names.removeIfPresent(Names.key(name), entry(name, nodeId))
          .onComplete(r -> bus.publish(Addresses.PRESENCE, RegistryProtocol.presence(LEAVE, name, nodeId, membership.incarnation()))));
    }
    directory.clearLocal();
    return Future.join(removals);
  }

  /** Who is online, from the name map: entries of nodes that are gone, or our own without a user, are stale. */
  private void loadSnapshot(Map<String, JsonObject> snapshot) {
    directory.keepLocalOnly();
    snapshot.forEach((key, value) -> {
      String owner = value.getString(NODE);
      if (owner.equals(nodeId) ? directory.isLocal(key) : standing.isMember(owner)) {
        directory.joinedThere(key, value.getString(NAME), owner);
      } else {
        names.removeIfPresent(key, value);
      }
    });
    List<JsonObject> buffered = early;
    early = null;
    buffered.forEach(this::onPresence);
    log.debug("Registry {} started with {} users online in the cluster", nodeId, directory.size());
  }

  private void onRequest(Message<Object> request) {
    if (request.body() instanceof RegistryProtocol.PrivateRequest line) {
      privateMessage(line);
      return;
    }
    if (!(request.body() instanceof JsonObject body)) {
      request.fail(BAD_REQUEST, "Not a registry request");
      return;
    }
    String name = body.getString(NAME);
    String op = body.getString(OP, "");
    if (!standing.whole() && (op.equals(CLAIM) || op.equals(JOIN))) {
      request.fail(UNAVAILABLE, Lines.CUT_OFF_LOGIN);
      return;
    }
    switch (op) {
      case CLAIM -> claim(request, name);
      case JOIN -> join(request, name);
      case LEAVE -> leave(request, name);
      case USERS -> request.reply(usersLine());
      case DIRECTORY -> request.reply(directory());
      case LOCATE -> {
        Directory.Online user = name == null ? null : directory.get(Names.key(name));
        request.reply(user == null ? null : entry(user.name(), user.node()));
      }
      case QUIESCE -> {
        quiet = true;
        request.reply(null);
      }
      default -> request.fail(BAD_REQUEST, "Unknown registry operation");
    }
  }

  private void claim(Message<?> request, String name) {
    names.putIfAbsent(Names.key(name), entry(name, nodeId)).onComplete(r -> {
      if (r.failed()) {
        request.fail(FAILED, r.cause().getMessage());
      } else if (r.result() != null) {
        request.fail(TAKEN, Lines.nameTaken(name));
      } else {
        request.reply(null);
      }
    });
  }

  private void join(Message<?> request, String name) {
    String key = Names.key(name);
    directory.joinedHere(key, name);
    fanout(Lines.joined(name), key);
    bus.publish(Addresses.PRESENCE, RegistryProtocol.presence(JOIN, name, nodeId, membership.incarnation()));
    log.info("{} has joined.", name);
    request.reply(null);
  }

  private void leave(Message<?> request, String name) {
    String key = Names.key(name);
    if (directory.leftHere(key)) {
      fanout(Lines.disconnected(name), key);
      log.info("{} has disconnected.", name);
    }
    names.removeIfPresent(key, entry(name, nodeId)).onComplete(r -> {
      bus.publish(Addresses.PRESENCE, RegistryProtocol.presence(LEAVE, name, nodeId, membership.incarnation()));
      request.reply(null);
    });
  }

  /** Sends the line to the addressee, wherever they are, then answers the sender (a user on this node). */
  private void privateMessage(RegistryProtocol.PrivateRequest request) {
    String answer = deliverPrivate(request.from(), request.to(), request.text());
    bus.send(request.answerTo(), new UserMessages.Answer(answer), Addresses.LOCAL);
  }

  /** The sender's answer: its echo of the line, or why it went nowhere. */
  private String deliverPrivate(String from, String to, String text) {
    Directory.Online addressee = directory.get(Names.key(to));
    if (addressee == null) {
      return Lines.notOnline(to);
    }
    String line = Lines.privateFrom(from, text);
    if (addressee.node().equals(nodeId)) {
      bus.send(addressee.address(), line, Addresses.LOCAL);
    } else {
      bus.send(Addresses.node(addressee.node()), RegistryProtocol.privateLine(addressee.name(), line, nodeId, membership.incarnation()));
    }
    return Lines.privateTo(addressee.name(), text);
  }

  /** One event loop's public lines of one iteration, from another node: fanned out here together, in order. */
  private void onBroadcast(String body) {
    String origin = FanoutRecords.origin(body);
    if (!origin.equals(nodeId) && standing.isCurrent(origin, FanoutRecords.incarnation(body))) {
      publishFanout(FanoutRecords.records(body)); // our own node's went to its fan-out directly
    }
  }

  private void onPresence(JsonObject event) {
    if (early != null) {
      early.add(event);
      return;
    }
    String node = event.getString(NODE);
    if (node.equals(nodeId) || !standing.isCurrent(node, event.getString(INCARNATION))) {
      return; // our own users are announced when they join and leave
    }
    String name = event.getString(NAME);
    String key = Names.key(name);
    if (JOIN.equals(event.getString(TYPE))) {
      if (directory.joinedThere(key, name, node)) {
        fanout(Lines.joined(name), key);
      }
    } else if (directory.leftThere(key, name, node)) {
      fanout(Lines.disconnected(name), key);
    }
  }

  /** A private line for one of our users, or another node's notice that it is stopping. */
  private void onNodeMessage(Message<JsonObject> message) {
    JsonObject body = message.body();
    if (LEAVING.equals(body.getString(TYPE))) {
      standing.leaving(body.getString(NODE));
      message.reply(null);
    } else if (standing.isCurrent(body.getString(NODE, ""), body.getString(INCARNATION))) {
      bus.send(Addresses.user(body.getString(TO)), body.getString(TEXT), Addresses.LOCAL);
    }
  }

  /** Every survivor announces the dead node's users to its own users and clears their claims. */
  @Override
  public void nodeLeft(String node, boolean whole) {
    Map<String, Directory.Online> gone = directory.removeNode(node);
    gone.forEach((key, user) -> {
      fanout(Lines.disconnected(user.name()), key);
      names.removeIfPresent(key, entry(user.name(), node));
    });
    if (whole) {
      log.info("Node {} left the cluster; {} of its users disconnected", node, gone.size());
    }
  }

  @Override
  public void cutOff(String why) {
    List<String> here = directory.localNames();
    here.forEach(name -> bus.send(Addresses.user(name), UserMessages.lastLine(Lines.CUT_OFF), Addresses.LOCAL));
    log.warn("Cut off from the majority of the cluster ({}): disconnecting its {} users here; logins are refused until it is back",
        why, here.size());
  }

  /** Reads who is online again, buffering presence meanwhile, and opens for logins once it has. */
  @Override
  public void rejoined(int round) {
    if (early == null) {
      early = new ArrayList<>();
    }
    names.entries().onComplete(r -> {
      if (r.failed()) {
        log.warn("Could not read the names after rejoining the cluster ({}); trying again", r.cause().toString());
        vertx.setTimer(RESYNC_RETRY_MILLIS, t -> rejoined(round));
        return;
      }
      loadSnapshot(r.result());
      standing.resynced(round);
      if (standing.whole()) {
        log.info("Back in the cluster with {} nodes: registry resynchronised, {} users online; logins accepted again",
            standing.members().size(), directory.size());
      }
    });
  }

  private JsonArray directory() {
    JsonArray all = new JsonArray();
    directory.all().forEach(user -> all.add(entry(user.name(), user.node())));
    return all;
  }

  /**
   * Succeeds while this node is with the majority of its cluster and in step with it, so logins are
   * taken; fails while it is cut off or catching up (the readiness check of a clustered node).
   */
  public Future<Void> withMajority() {
    Promise<Void> answer = Promise.promise();
    context.runOnContext(v -> {
      if (standing.whole()) {
        answer.complete();
      } else {
        answer.fail("cut off from the majority of the cluster, or catching up with it");
      }
    });
    return answer.future();
  }

  /** The context this registry runs on. */
  public Context loop() {
    return context;
  }

  private String usersLine() {
    return String.join("\n", Lines.users(directory.sortedNames()));
  }

  private void fanout(String line, String exceptKey) {
    publishFanout(FanoutRecords.of(exceptKey, line));
  }

  private void publishFanout(String records) {
    if (quiet || !standing.whole() || records.isEmpty()) {
      return;
    }
    bus.publish(Addresses.fanout(nodeId), records, Addresses.LOCAL);
  }
}
