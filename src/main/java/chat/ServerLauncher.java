package chat;

import chat.cluster.MergeAwareClusterManager;
import chat.ops.ChatMetrics;
import chat.registry.Membership;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a chat node from the command line: config file, environment overrides, optional cluster. */
final class ServerLauncher {

  private static final Logger log = LoggerFactory.getLogger(ServerLauncher.class);
  static final String DEFAULT_CONFIG = "conf/config.json";
  static final String DEFAULT_CLUSTER_CONFIG = "conf/cluster.xml";

  private ServerLauncher() {
  }

  static void run(String[] args) {
    ServerArgs options;
    ChatConfig config;
    try {
      options = ServerArgs.parse(args);
      if (options.help()) {
        System.out.println(ServerArgs.USAGE);
        return;
      }
      String file = options.configFile() != null ? options.configFile() : System.getenv("CHAT_CONFIG");
      config = ChatConfig.from(load(file, System.getenv(), options));
    } catch (IOException | RuntimeException e) {
      fail(e instanceof IOException || e instanceof io.vertx.core.json.DecodeException
          ? "Cannot read the configuration: " + e.getMessage() : e.getMessage());
      return;
    }
    if (!config.unknownKeys.isEmpty()) {
      log.warn("Ignoring unknown settings {}; the known ones are {}, inside tls {}, inside http {}, inside https {},"
          + " inside metrics {}, inside admin {}, inside accounts {}, inside store {}", config.unknownKeys,
          new java.util.TreeSet<>(ChatConfig.KEYS),
          new java.util.TreeSet<>(ChatConfig.TLS_KEYS), new java.util.TreeSet<>(ChatConfig.HTTP_KEYS), ChatConfig.HTTPS_KEYS,
          ChatConfig.METRICS_KEYS, new java.util.TreeSet<>(ChatConfig.ADMIN_KEYS),
          new java.util.TreeSet<>(chat.account.AccountSettings.KEYS), new java.util.TreeSet<>(chat.store.StoreSettings.KEYS));
    }
    boolean cluster = options.cluster();
    String problem = ChatNode.accountsProblem(config, cluster);
    if (problem != null) {
      fail(problem);
      return;
    }
    if (config.accounts.enabled) {
      log.info("Accounts on: {}, {}, Argon2id {} on at most {} hashing threads at {} CPU priority", config.store.describe(),
          config.accounts.guests ? "unregistered names log in as guests" : "guests off: a new name is registered at login",
          config.accounts.hash.parameters(), config.accounts.hashConcurrency, config.accounts.hashIdle ? "idle" : "normal");
    } else {
      log.info("Accounts are off: any free name logs in, without a password");
    }
    ChatMetrics metrics = ChatMetrics.create(config);
    Future<Vertx> vertx = cluster ? clustered(config, metrics)
        : Future.succeededFuture(metrics.vertxBuilder(vertxOptions(config)).build());
    Future<ChatNode> node = vertx.compose(v -> ChatNode.deploy(v, config, membership(v), metrics));
    try {
      node.await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("The chat server did not start: {}", e.getMessage());
      if (vertx.succeeded()) {
        vertx.result().close();
      }
      System.exit(1);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx.result(), node.result()), "chat-shutdown"));
  }

  /** The config file (when there is one) with CHAT_PORT, CHAT_HOST and CHAT_TLS_PORT, then --port and --host, laid over it. */
  static JsonObject load(String file, Map<String, String> env, ServerArgs args) throws IOException {
    JsonObject json = new JsonObject();
    if (file != null) {
      json = new JsonObject(Files.readString(Path.of(file)));
    } else if (Files.isRegularFile(Path.of(DEFAULT_CONFIG))) {
      json = new JsonObject(Files.readString(Path.of(DEFAULT_CONFIG)));
    }
    if (env.get("CHAT_PORT") != null) {
      json.put("port", ServerArgs.port("CHAT_PORT", env.get("CHAT_PORT")));
    }
    if (env.get("CHAT_HOST") != null) {
      json.put("host", env.get("CHAT_HOST").trim());
    }
    if (env.get("CHAT_TLS_PORT") != null) {
      JsonObject tls = json.getJsonObject("tls", new JsonObject());
      json.put("tls", tls.put("port", ServerArgs.port("CHAT_TLS_PORT", env.get("CHAT_TLS_PORT"))));
    }
    if (env.get("CHAT_HTTP_PORT") != null) {
      JsonObject http = json.getJsonObject("http", new JsonObject());
      json.put("http", http.put("port", ServerArgs.port("CHAT_HTTP_PORT", env.get("CHAT_HTTP_PORT"))));
    }
    for (String[] v : new String[][] {{"CHAT_STORE_URL", "url"}, {"CHAT_STORE_USER", "user"}, {"CHAT_STORE_PASSWORD", "password"}}) {
      if (env.get(v[0]) != null) {
        json.put("store", json.getJsonObject("store", new JsonObject()).put(v[1], env.get(v[0])));
      }
    }
    if (env.get("CHAT_ACCOUNTS") != null) {
      String on = env.get("CHAT_ACCOUNTS").trim().toLowerCase(java.util.Locale.ROOT);
      if (!on.equals("true") && !on.equals("false")) {
        throw new IllegalArgumentException("CHAT_ACCOUNTS must be true or false, not '" + env.get("CHAT_ACCOUNTS") + "'");
      }
      json.put("accounts", json.getJsonObject("accounts", new JsonObject()).put("enabled", Boolean.parseBoolean(on)));
    }
    if (env.get("CHAT_ADMIN_PORT") != null) {
      JsonObject admin = json.getJsonObject("admin", new JsonObject());
      json.put("admin", admin.put("port", ServerArgs.port("CHAT_ADMIN_PORT", env.get("CHAT_ADMIN_PORT"))));
    }
    if (env.get("CHAT_ADMIN_TOKEN") != null) {
      JsonObject admin = json.getJsonObject("admin", new JsonObject());
      json.put("admin", admin.put("token", env.get("CHAT_ADMIN_TOKEN")));
    }
    if (args.port() != null) {
      json.put("port", args.port());
    }
    if (args.host() != null) {
      json.put("host", args.host());
    }
    return json;
  }

  /**
   * One event loop per server verticle, not Vert.x's default of two per core: the registry then
   * shares a loop with a server verticle instead of being a third thread on the path of every
   * private line and login (at pm 20k msg/s that halved the wake-ups between threads).
   */
  private static VertxOptions vertxOptions(ChatConfig config) {
    return new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(config.instances);
  }

  private static Future<Vertx> clustered(ChatConfig config, ChatMetrics metrics) {
    String file = System.getenv().getOrDefault("CHAT_CLUSTER_CONFIG", DEFAULT_CLUSTER_CONFIG);
    try {
      MergeAwareClusterManager manager = new MergeAwareClusterManager(ClusterConfig.load(Path.of(file), System.getenv()));
      return metrics.vertxBuilder(vertxOptions(config)).withClusterManager(manager).buildClustered();
    } catch (IOException e) {
      return Future.failedFuture("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Membership membership(Vertx vertx) {
    var manager = ((io.vertx.core.internal.VertxInternal) vertx).clusterManager();
    return manager instanceof MergeAwareClusterManager hazelcast ? Membership.cluster(hazelcast) : Membership.standalone();
  }

  /** Runs on SIGTERM or Ctrl-C: goodbye to every client, then leave the cluster and exit. */
  private static void stop(Vertx vertx, ChatNode node) {
    log.info("Shutting down");
    try {
      node.shutdown().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Shutdown did not finish cleanly: {}", e.toString());
    }
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
      context.stop(); // flushes the asynchronous appenders
    }
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(2);
  }
}
