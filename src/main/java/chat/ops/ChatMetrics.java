package chat.ops;

import chat.ChatConfig;
import chat.account.Accounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every metric the chat exposes, defined once, in one registry with Vert.x's own. Disabled, every
 * meter is Micrometer's no-op, so the calls on the hot paths cost an empty method.
 */
public final class ChatMetrics {

  /** The transports a session can run on, as the {@code transport} label spells them. */
  public static final String TCP = "tcp";
  public static final String TLS = "tls";
  public static final String WS = "ws";
  public static final String WSS = "wss";
  /** Refusal causes, as the {@code cause} label spells them. */
  public static final String SERVER_FULL = "server_full";
  public static final String ADDRESS_FULL = "address_full";
  public static final String ORIGIN = "origin";
  /** Failed-login reasons, as the {@code reason} label spells them. */
  public static final String NAME_TAKEN = "name_taken";
  public static final String NAME_INVALID = "name_invalid";
  public static final String LOGIN_ERROR = "error";
  public static final String WRONG_PASSWORD = "wrong_password";
  /** A password attempt refused unchecked: too many failures for the name or the address. */
  public static final String THROTTLED = "throttled";

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final boolean eventBus;
  private final Map<String, AtomicInteger> online = Map.of(TCP, new AtomicInteger(), TLS, new AtomicInteger(),
      WS, new AtomicInteger(), WSS, new AtomicInteger());
  public final Counter logins;
  public final Counter publicLines;
  public final Counter privateLines;
  public final Counter fanoutBatches;
  public final Counter fanoutDeliveries;
  public final Counter floodHolds;
  public final Counter floodKicks;
  public final Counter adminKicks;
  public final Counter notices;

  private ChatMetrics(boolean enabled, boolean eventBus) {
    this.eventBus = eventBus;
    prometheus = enabled ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null;
    registry = enabled ? prometheus : new SimpleMeterRegistry();
    if (!enabled) {
      registry.config().meterFilter(MeterFilter.deny());
    }
    online.forEach((transport, count) -> Gauge.builder("chat.users.online", count, AtomicInteger::get)
        .description("Users logged in on this node").tag("transport", transport).register(registry));
    logins = counter("chat.logins", "Successful logins");
    publicLines = Counter.builder("chat.lines").description("Lines sent by users").tag("kind", "public").register(registry);
    privateLines = Counter.builder("chat.lines").description("Lines sent by users").tag("kind", "private").register(registry);
    fanoutBatches = counter("chat.fanout.batches", "Batches of lines handed to an event loop's users at once");
    fanoutDeliveries = counter("chat.fanout.deliveries", "Lines handed to users by the fan-out (counted per batch)");
    floodHolds = counter("chat.flood.holds", "Times a sender's lines started being delayed by flood control");
    floodKicks = counter("chat.flood.kicks", "Connections closed for flooding");
    adminKicks = counter("chat.admin.kicks", "Users disconnected by an operator from this node's admin listener");
    notices = counter("chat.admin.notices", "Server notices broadcast from this node's admin listener");
    for (String cause : new String[] {SERVER_FULL, ADDRESS_FULL, ORIGIN}) {
      refused(cause);
    }
    for (String reason : new String[] {NAME_TAKEN, NAME_INVALID, LOGIN_ERROR, WRONG_PASSWORD, THROTTLED}) {
      loginFailures(reason);
    }
    sendQueueCutoffs(TCP);
    sendQueueCutoffs(WS);
  }

  /** Chat metrics on (Prometheus) or off (no-op meters), with Vert.x's event-bus meters or without, as configured. */
  public static ChatMetrics create(ChatConfig config) {
    return new ChatMetrics(config.metricsEnabled, config.metricsEventBus);
  }

  public boolean enabled() {
    return prometheus != null;
  }

  /** The registry {@code /metrics} scrapes, or null when metrics are off. */
  public PrometheusMeterRegistry prometheus() {
    return prometheus;
  }

  /**
   * A Vert.x builder over {@code options} whose Vert.x metrics (connections, bytes, event bus, pools,
   * JVM) go to this registry. Labels that take a value per remote address, event-bus address
   * (there is one per user) or HTTP path are left off: they would grow without bound. The event-bus
   * domain is on only when asked for: Vert.x looks its meters up again for every message sent,
   * received and delivered, and a private line is several messages.
   */
  public VertxBuilder vertxBuilder(VertxOptions options) {
    if (!enabled()) {
      return Vertx.builder().with(options);
    }
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_SIDE, Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME));
    if (!eventBus) {
      metrics.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    }
    return Vertx.builder().with(new VertxOptions(options).setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(prometheus));
  }

  /** A user logged in over {@code transport}. */
  public void online(String transport) {
    online.get(transport).incrementAndGet();
  }

  /** A user who logged in over {@code transport} has left. */
  public void offline(String transport) {
    online.get(transport).decrementAndGet();
  }

  /** Connections refused for {@code cause}. */
  public Counter refused(String cause) {
    return Counter.builder("chat.connections.refused").description("Connections refused before a session started")
        .tag("cause", cause).register(registry);
  }

  /** Names refused at login for {@code reason}. */
  public Counter loginFailures(String reason) {
    return Counter.builder("chat.login.failures").description("Login attempts refused").tag("reason", reason).register(registry);
  }

  /** What the accounts count (see {@link Accounts.Meters}). */
  public Accounts.Meters accountMeters() {
    return new Accounts.Meters(loginFailures(WRONG_PASSWORD), loginFailures(THROTTLED),
        Timer.builder("chat.store.queries").description("Queries to the account store, answered or failed").register(registry),
        counter("chat.store.failures", "Account store queries that failed (the store was unreachable or refused)"));
  }

  /** Clients on {@code transport} disconnected because they did not read what was sent to them. */
  public Counter sendQueueCutoffs(String transport) {
    return Counter.builder("chat.send.queue.cutoffs").description("Clients disconnected for not reading (send queue full)")
        .tag("transport", transport).register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }
}
