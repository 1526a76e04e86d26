package chat.ops;

import chat.Addresses;
import chat.UserMessages;
import chat.ChatConfig;
import chat.protocol.FanoutRecords;
import chat.protocol.Lines;
import chat.protocol.Text;
import chat.registry.RegistryProtocol;
import chat.registry.Membership;
import chat.registry.RegistryRequests;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' commands under {@code /admin}: list the users with their node and address, kick a
 * user, broadcast a notice. Each request needs {@code Authorization: Bearer <CHAT_ADMIN_TOKEN>};
 * without a token configured the commands are off.
 */
final class AdminCommands {

  private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);
  static final String OFF = "Admin commands are off: start the server with CHAT_ADMIN_TOKEN set to turn them on.";
  private static final DeliveryOptions ASK_NODE = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;
  private final ChatConfig config;
  private final Membership membership;
  private final ChatMetrics metrics;
  private final byte[] token;
  private final RegistryRequests registry;

  AdminCommands(Vertx vertx, ChatConfig config, Membership membership, ChatMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.membership = membership;
    this.metrics = metrics;
    boolean on = config.adminToken != null && !config.adminToken.isEmpty();
    this.token = on ? config.adminToken.getBytes(StandardCharsets.UTF_8) : null;
    this.registry = new RegistryRequests(vertx.eventBus());
  }

  boolean on() {
    return token != null;
  }

  void mount(Router router) {
    router.route("/admin/*").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::authorize);
    router.get("/admin/users").handler(this::users);
    router.post("/admin/kick").handler(this::kick);
    router.post("/admin/notice").handler(this::notice);
  }

  private void authorize(RoutingContext ctx) {
    String who = ctx.request().method() + " " + ctx.request().path() + " from " + ctx.request().remoteAddress().hostAddress();
    if (token == null) {
      log.warn("Refused admin request {}: the commands are off (CHAT_ADMIN_TOKEN is not set)", who);
      json(ctx, 403, new JsonObject().put("error", OFF));
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      String why = given == null ? "no bearer token" : "wrong token";
      log.warn("Refused admin request {}: {}", who, why);
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"chat-admin\"");
      json(ctx, 401, new JsonObject().put("error", "Unauthorized: " + why + "."));
      return;
    }
    log.info("Admin request {}", who);
    ctx.next();
  }

  /** Everyone online on every node, sorted by name, with the address and transport their node reports. */
  private void users(RoutingContext ctx) {
    registry.directory().compose(directory -> {
      Set<String> nodes = new LinkedHashSet<>();
      directory.forEach(u -> nodes.add(((JsonObject) u).getString(RegistryProtocol.NODE)));
      Map<String, JsonObject> sessions = new HashMap<>();
      List<Future<?>> asked = new ArrayList<>();
      for (String node : nodes) {
        asked.add(vertx.eventBus().<JsonArray>request(Addresses.sessions(node), new JsonObject(), ASK_NODE)
            .onSuccess(m -> m.body().forEach(s -> sessions.put(((JsonObject) s).getString("name"), (JsonObject) s)))
            .onFailure(e -> log.warn("Node {} did not list its sessions: {}", node, e.getMessage())));
      }
      return Future.join(asked).transform(r -> Future.succeededFuture(list(directory, sessions)));
    }).onSuccess(users -> json(ctx, 200, new JsonObject().put("count", users.size()).put("users", users)))
        .onFailure(e -> json(ctx, 500, new JsonObject().put("error", e.getMessage())));
  }

  private static JsonArray list(JsonArray directory, Map<String, JsonObject> sessions) {
    List<JsonObject> users = new ArrayList<>();
    directory.forEach(u -> {
      JsonObject entry = (JsonObject) u;
      String name = entry.getString(RegistryProtocol.NAME);
      JsonObject session = sessions.getOrDefault(name, new JsonObject());
      users.add(new JsonObject().put("name", name).put("node", entry.getString(RegistryProtocol.NODE))
          .put("address", session.getString("address")).put("transport", session.getString("transport")));
    });
    users.sort(Comparator.comparing(u -> u.getString("name"), String.CASE_INSENSITIVE_ORDER));
    return new JsonArray(new ArrayList<>(users));
  }

  /** {@code {"name": "Sam", "reason": "..."}}: Sam's session, on any node, gets the kick line and closes. */
  private void kick(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String name = body == null ? null : body.getValue("name") instanceof String s ? s.strip() : null;
    Object reasonValue = body == null ? null : body.getValue("reason");
    if (name == null || name.isEmpty() || (reasonValue != null && !(reasonValue instanceof String))) {
      json(ctx, 400, new JsonObject().put("error", "Expected a JSON object {\"name\": \"...\", \"reason\": \"...\"}."));
      return;
    }
    String reason = reasonValue == null ? "" : Text.clean((String) reasonValue).strip();
    if (ByteBufUtil.utf8Bytes(reason) > config.maxLineBytes / 2) {
      json(ctx, 400, new JsonObject().put("error", "The reason is too long (max " + config.maxLineBytes / 2 + " bytes)."));
      return;
    }
    registry.locate(name).onSuccess(user -> {
      if (user == null) {
        json(ctx, 404, new JsonObject().put("error", Lines.notOnline(name)));
        return;
      }
      String spelled = user.getString(RegistryProtocol.NAME);
      String line = Lines.kicked(reason);
      vertx.eventBus().send(Addresses.user(spelled), UserMessages.lastLine(line));
      metrics.adminKicks.increment();
      log.info("An operator kicked {} (node {}): {}", spelled, user.getString(RegistryProtocol.NODE), line);
      json(ctx, 200, new JsonObject().put("kicked", spelled).put("node", user.getString(RegistryProtocol.NODE)).put("line", line));
    }).onFailure(e -> json(ctx, 500, new JsonObject().put("error", e.getMessage())));
  }

  /** {@code {"text": "..."}}: every user on every node gets {@code Server notice: ...}. */
  private void notice(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String text = body == null ? null : body.getValue("text") instanceof String s ? Text.clean(s).strip() : null;
    if (text == null || text.isEmpty()) {
      json(ctx, 400, new JsonObject().put("error", "Expected a JSON object {\"text\": \"...\"} with some text."));
      return;
    }
    if (text.contains("\n") || ByteBufUtil.utf8Bytes(text) > config.maxLineBytes) {
      json(ctx, 400, new JsonObject().put("error", "The text must be one line of at most " + config.maxLineBytes + " bytes."));
      return;
    }
    String line = Lines.notice(text);
    String records = FanoutRecords.of("", line);
    vertx.eventBus().publish(Addresses.fanout(membership.nodeId()), records, Addresses.LOCAL);
    if (vertx.isClustered()) {
      vertx.eventBus().publish(Addresses.BROADCAST, FanoutRecords.broadcast(membership.nodeId(), membership.incarnation(), records));
    }
    metrics.notices.increment();
    log.info("An operator sent a notice: {}", line);
    json(ctx, 200, new JsonObject().put("sent", line));
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encodePrettily() + "\n");
  }
}
