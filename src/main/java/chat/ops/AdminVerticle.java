package chat.ops;

import chat.ChatConfig;
import chat.registry.Membership;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener, on {@code admin.host} (loopback by default) and {@code admin.port}:
 * {@code /metrics} for Prometheus, {@code /health} and {@code /ready} for orchestrators, and the
 * operators' commands under {@code /admin} (see {@link AdminCommands}).
 */
public final class AdminVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AdminVerticle.class);

  private final ChatConfig config;
  private final Membership membership;
  private final ChatMetrics metrics;
  private final NodeChecks checks;
  private HttpServer server;

  public AdminVerticle(ChatConfig config, Membership membership, ChatMetrics metrics, NodeChecks checks) {
    this.config = config;
    this.membership = membership;
    this.metrics = metrics;
    this.checks = checks;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    if (metrics.enabled()) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.prometheus()));
    } else {
      router.get("/metrics").handler(ctx -> AdminCommands.json(ctx, 404,
          new JsonObject().put("error", "Metrics are off (metrics.enabled is false).")));
    }
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(checks.health()));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(checks.ready()));
    AdminCommands commands = new AdminCommands(vertx, config, membership, metrics);
    commands.mount(router);
    if (!commands.on()) {
      log.info(AdminCommands.OFF);
    }
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.adminHost).setReuseAddress(true))
        .requestHandler(router);
    return server.listen(config.adminPort, config.adminHost);
  }

  public int port() {
    return server == null ? -1 : server.actualPort();
  }
}
