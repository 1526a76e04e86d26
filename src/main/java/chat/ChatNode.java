package chat;

import chat.account.Accounts;
import chat.ops.AdminVerticle;
import chat.ops.ChatMetrics;
import chat.ops.NodeChecks;
import chat.ops.SessionDirectory;
import chat.registry.Membership;
import chat.store.Stores;
import chat.registry.RegistryRequests;
import chat.registry.RegistryVerticle;
import chat.transport.ConnectionLimiter;
import chat.transport.RefusalLog;
import chat.transport.ServerVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat node on a Vert.x instance: its registry, its server verticles and its admin listener,
 * started and stopped in order.
 */
public final class ChatNode {

  private static final Logger log = LoggerFactory.getLogger(ChatNode.class);

  private final Vertx vertx;
  private final ChatConfig config;
  private final List<ServerVerticle> servers = new CopyOnWriteArrayList<>();
  private final ConnectionLimiter limiter;
  private final RefusalLog refusals = new RefusalLog();
  private final ChatMetrics metrics;
  private NodeChecks checks;
  private AdminVerticle admin;
  private volatile boolean listening;
  private long refusalTimer = -1;
  private String registryDeployment;
  private String serverDeployment;
  private Accounts accounts;
  private final List<String> opsDeployments = new CopyOnWriteArrayList<>();

  private ChatNode(Vertx vertx, ChatConfig config, ChatMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.metrics = metrics;
    this.limiter = new ConnectionLimiter(config.maxConnections, config.maxConnectionsPerAddress, config.connectionLimitExempt);
  }

  private static final long REFUSAL_SUMMARY_SECONDS = 10;

  /**
   * Deploys the registry, then one server verticle per configured instance, then the directory of
   * sessions and the admin listener. {@code metrics} should be the ones {@code vertx} was built with
   * (see {@link ChatMetrics#vertxBuilder}) for Vert.x's own metrics to be scraped with the chat's.
   */
  public static Future<ChatNode> deploy(Vertx vertx, ChatConfig config, Membership membership, ChatMetrics metrics) {
    ChatNode node = new ChatNode(vertx, config, metrics);
    String nodeId = membership.nodeId();
    String problem = accountsProblem(config, vertx.isClustered());
    if (problem != null) {
      return Future.failedFuture(problem);
    }
    Future<Accounts> accounts = !config.accounts.enabled ? Future.succeededFuture()
        : Stores.open(vertx, config.store).map(store -> new Accounts(vertx, config.accounts, store, metrics.accountMeters()))
            .recover(e -> Future.failedFuture("cannot open the account store (" + config.store.describe() + "): " + e.getMessage()));
    RegistryVerticle registry = new RegistryVerticle(membership);
    return accounts.compose(a -> {
      node.accounts = a;
      return vertx.deployVerticle(registry);
    })
        .compose(id -> {
          node.registryDeployment = id;
          return vertx.deployVerticle(() -> {
            ServerVerticle server = new ServerVerticle(config, nodeId, membership::incarnation, node.limiter, node.refusals,
                metrics, node.accounts);
            node.servers.add(server);
            return server;
          }, new DeploymentOptions().setInstances(config.instances));
        })
        .compose(id -> {
          node.serverDeployment = id;
          return vertx.deployVerticle(new SessionDirectory(nodeId, node.servers));
        })
        .compose(id -> {
          node.opsDeployments.add(id);
          List<Context> loops = new ArrayList<>(List.of(registry.loop()));
          node.servers.forEach(server -> loops.add(server.loop()));
          node.checks = new NodeChecks(vertx, NodeChecks.DEFAULT_BOUND_MILLIS, loops, membership, () -> node.listening);
          if (vertx.isClustered()) {
            node.checks.addReadiness("majority", registry::withMajority);
          }
          if (node.accounts != null) {
            node.checks.addReadiness("accounts", () -> node.accounts.store().ping());
          }
          if (!config.adminEnabled) {
            return Future.succeededFuture("");
          }
          node.admin = new AdminVerticle(config, membership, metrics, node.checks);
          return vertx.deployVerticle(node.admin);
        })
        .map(id -> {
          if (!id.isEmpty()) {
            node.opsDeployments.add(id);
          }
          node.listening = true;
          node.refusalTimer = vertx.setPeriodic(REFUSAL_SUMMARY_SECONDS * 1000,
              t -> node.refusals.summarize(REFUSAL_SUMMARY_SECONDS));
          String tls = config.tlsEnabled ? ", TLS on " + config.host + ":" + node.tlsPort() : "";
          String web = !config.httpEnabled ? "" : ", web page on http://" + config.host + ":" + node.httpPort() + "/"
              + (config.tlsEnabled ? " and https://" + config.host + ":" + node.httpsPort() + "/" : "");
          String ops = !config.adminEnabled ? "" : ", admin on http://" + config.adminHost + ":" + node.adminPort() + "/";
          log.info("Chat server listening on {}:{}{}{}{} ({} server verticles, {} transport)", config.host, node.port(), tls, web,
              ops, config.instances, vertx.isNativeTransportEnabled() ? "epoll" : "NIO");
          return node;
        })
        .recover(failure -> node.accounts == null ? Future.failedFuture(failure)
            : node.accounts.close().transform(r -> Future.failedFuture(failure)));
  }

  /** Null when the accounts settings suit this node, else why it must not start: a cluster shares one database. */
  public static String accountsProblem(ChatConfig config, boolean clustered) {
    if (clustered && config.accounts.enabled && config.store.embedded()) {
      return "A clustered node with accounts on needs a PostgreSQL account store that every node shares: set store.url"
          + " (or CHAT_STORE_URL) to a postgresql:// URL, or turn accounts off (accounts.enabled false, or CHAT_ACCOUNTS=false)";
    }
    return null;
  }

  /** The node's accounts, or null when they are off. */
  public Accounts accounts() {
    return accounts;
  }

  /** A node whose chat metrics (when {@code metrics.enabled}) are scraped without Vert.x's own. */
  public static Future<ChatNode> deploy(Vertx vertx, ChatConfig config, Membership membership) {
    return deploy(vertx, config, membership, ChatMetrics.create(config));
  }

  public static Future<ChatNode> deploy(Vertx vertx, ChatConfig config) {
    return deploy(vertx, config, Membership.standalone());
  }

  /** The admin listener's port, or -1 when {@code admin.enabled} is false. */
  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  public ChatMetrics metrics() {
    return metrics;
  }

  /** {@code /ready} also requires {@code check} to succeed in time, e.g. {@code store::ping}. */
  public void addReadiness(String name, Supplier<Future<?>> check) {
    checks.addReadiness(name, check);
  }

  public int port() {
    return servers.get(0).tcpPort(false);
  }

  public int tlsPort() {
    return servers.get(0).tcpPort(true);
  }

  /** The port of the web page and its WebSocket endpoint, or -1 when {@code http.enabled} is false. */
  public int httpPort() {
    return servers.get(0).httpPort(false);
  }

  /** The HTTPS (and WSS) port, or -1 without TLS. */
  public int httpsPort() {
    return servers.get(0).httpPort(true);
  }

  public int openConnections() {
    return limiter.open();
  }

  /**
   * Tells every client goodbye and closes it, then lets the registry release this node's names
   * and announce its users' departures to the rest of the cluster.
   */
  public Future<Void> shutdown() {
    listening = false;
    vertx.cancelTimer(refusalTimer);
    Future<Void> servers = serverDeployment == null ? Future.succeededFuture()
        : new RegistryRequests(vertx.eventBus()).quiesce().eventually(() -> vertx.undeploy(serverDeployment));
    return servers.eventually(() -> Future.join(opsDeployments.stream().map(vertx::undeploy).toList()))
        .eventually(() -> registryDeployment == null ? Future.succeededFuture() : vertx.undeploy(registryDeployment))
        .eventually(() -> accounts == null ? Future.succeededFuture() : accounts.close())
        .onComplete(r -> {
          serverDeployment = null;
          registryDeployment = null;
          opsDeployments.clear();
        });
  }
}
