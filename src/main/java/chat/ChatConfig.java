package chat;

import chat.account.AccountSettings;
import chat.store.StoreSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The server's settings, read from a JSON object with a default for every key. */
public final class ChatConfig {

  public final String host;
  public final int port;
  public final int instances;
  public final boolean logMessages;
  public final int maxLineBytes;
  public final int loginTimeoutSeconds;
  public final int deadPeerSeconds;
  public final int floodBurst;
  public final double floodRate;
  public final int floodKickSeconds;
  public final int maxSendQueueBytes;
  public final int maxCoalesceMicros;
  public final int maxConnections;
  public final int maxConnectionsPerAddress;
  public final Set<String> connectionLimitExempt;
  public final boolean tlsEnabled;
  public final int tlsPort;
  public final String tlsCertPath;
  public final String tlsKeyPath;
  public final boolean httpEnabled;
  public final int httpPort;
  /** Used only with TLS enabled: the same page and WebSocket endpoint over HTTPS and WSS. */
  public final int httpsPort;
  /** Origins whose pages may open a WebSocket; empty: only the server's own. */
  public final Set<String> allowedOrigins;
  public final AccountSettings accounts;
  public final StoreSettings store;
  public final boolean metricsEnabled;
  /** Vert.x's per-message event-bus meters: off by default, they cost a meter lookup on every message. */
  public final boolean metricsEventBus;
  /** The admin listener: {@code /metrics}, {@code /health}, {@code /ready} and the operator commands. */
  public final boolean adminEnabled;
  public final String adminHost;
  public final int adminPort;
  /** The operators' bearer token, normally from CHAT_ADMIN_TOKEN; null or empty: the commands are off. */
  public final String adminToken;

  /** Every key the configuration file may have; {@code tls} holds {@link #TLS_KEYS}. */
  public static final Set<String> KEYS = Set.of("host", "port", "instances", "logMessages", "maxLineBytes",
      "loginTimeoutSeconds", "deadPeerSeconds", "floodBurst", "floodRate", "floodKickSeconds", "maxSendQueueBytes",
      "maxCoalesceMicros", "maxConnections", "maxConnectionsPerAddress", "connectionLimitExempt", "tls", "http", "https",
      "metrics", "admin", "accounts", "store");
  public static final Set<String> TLS_KEYS = Set.of("enabled", "port", "certPath", "keyPath");
  public static final Set<String> HTTP_KEYS = Set.of("enabled", "port", "allowedOrigins");
  public static final Set<String> HTTPS_KEYS = Set.of("port");
  public static final Set<String> METRICS_KEYS = Set.of("enabled", "eventBus");
  public static final Set<String> ADMIN_KEYS = Set.of("enabled", "host", "port", "token");
  /** The TLS port is the plain port plus this, unless set: 6555 beside 5555, clear of a second node on 5556. */
  public static final int TLS_PORT_OFFSET = 1000;

  /** Keys of the file that are not settings (misspelled, or from another version), as {@code tls.x} inside tls. */
  public final List<String> unknownKeys;

  private ChatConfig(JsonObject c) {
    JsonObject tls = c.getJsonObject("tls", new JsonObject());
    JsonObject http = c.getJsonObject("http", new JsonObject());
    JsonObject https = c.getJsonObject("https", new JsonObject());
    JsonObject accountsJson = c.getJsonObject("accounts", new JsonObject());
    JsonObject storeJson = c.getJsonObject("store", new JsonObject());
    JsonObject metrics = c.getJsonObject("metrics", new JsonObject());
    JsonObject admin = c.getJsonObject("admin", new JsonObject());
    host = c.getString("host", "0.0.0.0");
    port = c.getInteger("port", 5555);
    int configured = c.getInteger("instances", 0);
    instances = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    logMessages = c.getBoolean("logMessages", true);
    maxLineBytes = c.getInteger("maxLineBytes", 2048);
    loginTimeoutSeconds = c.getInteger("loginTimeoutSeconds", 60);
    deadPeerSeconds = c.getInteger("deadPeerSeconds", 300);
    floodBurst = c.getInteger("floodBurst", 10);
    floodRate = c.getDouble("floodRate", 5.0);
    floodKickSeconds = c.getInteger("floodKickSeconds", 30);
    maxSendQueueBytes = c.getInteger("maxSendQueueBytes", 1024 * 1024);
    maxCoalesceMicros = c.getInteger("maxCoalesceMicros", 5000);
    maxConnections = c.getInteger("maxConnections", 10000);
    maxConnectionsPerAddress = c.getInteger("maxConnectionsPerAddress", 20);
    JsonArray exempt = c.getJsonArray("connectionLimitExempt", new JsonArray(List.of("127.0.0.1", "::1")));
    Set<String> set = new HashSet<>();
    exempt.forEach(a -> set.add(String.valueOf(a)));
    connectionLimitExempt = Set.copyOf(set);
    tlsEnabled = tls.getBoolean("enabled", false);
    tlsPort = tls.getInteger("port", port == 0 ? 0 : port + TLS_PORT_OFFSET);
    tlsCertPath = tls.getString("certPath", "conf/chat-cert.pem");
    tlsKeyPath = tls.getString("keyPath", "conf/chat-key.pem");
    httpEnabled = http.getBoolean("enabled", true);
    httpPort = http.getInteger("port", 8080);
    httpsPort = https.getInteger("port", 8443);
    Set<String> origins = new HashSet<>();
    http.getJsonArray("allowedOrigins", new JsonArray()).forEach(o -> origins.add(String.valueOf(o)));
    allowedOrigins = Set.copyOf(origins);
    accounts = AccountSettings.from(accountsJson);
    store = StoreSettings.from(storeJson);
    metricsEnabled = metrics.getBoolean("enabled", true);
    metricsEventBus = metrics.getBoolean("eventBus", false);
    adminEnabled = admin.getBoolean("enabled", true);
    adminHost = admin.getString("host", "127.0.0.1");
    adminPort = admin.getInteger("port", 9090);
    adminToken = admin.getString("token");
    List<String> unknown = new ArrayList<>();
    c.fieldNames().stream().filter(k -> !KEYS.contains(k)).sorted().forEach(unknown::add);
    tls.fieldNames().stream().filter(k -> !TLS_KEYS.contains(k)).sorted().forEach(k -> unknown.add("tls." + k));
    http.fieldNames().stream().filter(k -> !HTTP_KEYS.contains(k)).sorted().forEach(k -> unknown.add("http." + k));
    https.fieldNames().stream().filter(k -> !HTTPS_KEYS.contains(k)).sorted().forEach(k -> unknown.add("https." + k));
    accountsJson.fieldNames().stream().filter(k -> !AccountSettings.KEYS.contains(k)).sorted().forEach(k -> unknown.add("accounts." + k));
    storeJson.fieldNames().stream().filter(k -> !StoreSettings.KEYS.contains(k)).sorted().forEach(k -> unknown.add("store." + k));
    metrics.fieldNames().stream().filter(k -> !METRICS_KEYS.contains(k)).sorted().forEach(k -> unknown.add("metrics." + k));
    admin.fieldNames().stream().filter(k -> !ADMIN_KEYS.contains(k)).sorted().forEach(k -> unknown.add("admin." + k));
    unknownKeys = List.copyOf(unknown);
    check();
  }

  public static ChatConfig from(JsonObject json) {
    return new ChatConfig(json == null ? new JsonObject() : json);
  }

  private void check() {
    require(port >= 0 && port <= 65535, "port must be 0-65535");
    require(tlsPort >= 0 && tlsPort <= 65535, "tls.port must be 0-65535");
    require(httpPort >= 0 && httpPort <= 65535 && httpsPort >= 0 && httpsPort <= 65535, "http.port and https.port must be 0-65535");
    require(adminPort >= 0 && adminPort <= 65535, "admin.port must be 0-65535");
    require(maxLineBytes >= 64, "maxLineBytes must be at least 64");
    require(loginTimeoutSeconds > 0, "loginTimeoutSeconds must be positive");
    require(deadPeerSeconds >= 5, "deadPeerSeconds must be at least 5");
    require(floodBurst >= 1 && floodRate >= 0, "floodBurst must be >= 1 and floodRate >= 0");
    require(floodKickSeconds > 0, "floodKickSeconds must be positive");
    require(maxSendQueueBytes >= 4096, "maxSendQueueBytes must be at least 4096");
    require(maxCoalesceMicros >= 0 && maxCoalesceMicros <= 100_000, "maxCoalesceMicros must be 0-100000");
    require(maxConnections > 0 && maxConnectionsPerAddress > 0, "connection limits must be positive");
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("Bad configuration: " + what);
    }
  }
}
