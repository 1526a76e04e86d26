package chat.transport;

import chat.Addresses;
import chat.ChatConfig;
import chat.fanout.FanOut;
import chat.fanout.FlushPacer;
import chat.fanout.LoopHooks;
import chat.fanout.PublicLines;
import chat.ops.ChatMetrics;
import chat.protocol.Lines;
import chat.account.Accounts;
import chat.registry.RegistryRequests;
import chat.session.Session;
import chat.session.SessionHost;
import chat.session.Transport;
import chat.transport.tcp.TcpListener;
import chat.transport.web.WebListener;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves sessions on one event loop: runs the loop's share of the fan-out and every listener that
 * accepts connections into it (TCP plain and TLS, HTTP with WebSocket plain and TLS). Deployed once
 * per event loop; it never writes to a socket that another instance owns.
 */
public final class ServerVerticle extends VerticleBase implements LoopSessions {

  private final ChatConfig config;
  private final String nodeId;
  private final Supplier<String> incarnation;
  private final ConnectionLimiter limiter;
  private final RefusalLog refusals;
  private final ChatMetrics metrics;
  private final Counter refusedFull;
  private final Counter refusedAddress;
  private final Set<Session> sessions = new HashSet<>();
  private FanOut fanOut;
  private FlushPacer pacer;
  private SessionHost host;
  private TcpListener tcp;
  private WebListener web;
  private boolean stopping;
  private final Accounts accounts;

  public ServerVerticle(ChatConfig config, String nodeId, Supplier<String> incarnation, ConnectionLimiter limiter,
      RefusalLog refusals, ChatMetrics metrics, Accounts accounts) {
    this.config = config;
    this.accounts = accounts;
    this.nodeId = nodeId;
    this.incarnation = incarnation;
    this.limiter = limiter;
    this.refusals = refusals;
    this.metrics = metrics;
    this.refusedFull = metrics.refused(ChatMetrics.SERVER_FULL);
    this.refusedAddress = metrics.refused(ChatMetrics.ADDRESS_FULL);
  }

  @Override
  public Future<?> start() {
    LoopHooks hooks = new LoopHooks(context);
    pacer = new FlushPacer(hooks, TimeUnit.MICROSECONDS.toNanos(config.maxCoalesceMicros));
    fanOut = new FanOut(metrics.fanoutBatches, metrics.fanoutDeliveries);
    PublicLines publicLines = new PublicLines(vertx.eventBus(), nodeId, incarnation, vertx.isClustered(), hooks);
    host = new SessionHost(config, vertx, new RegistryRequests(vertx.eventBus()), publicLines, fanOut, metrics, accounts);
    var fanout = vertx.eventBus().<String>localConsumer(Addresses.fanout(nodeId), m -> fanOut.records(m.body()));
    tcp = new TcpListener(this);
    web = new WebListener(this);
    List<Future<?>> ready = new ArrayList<>(List.of(fanout.completion(), tcp.listen()));
    if (config.httpEnabled) {
      ready.add(web.listen());
    }
    return Future.all(ready);
  }

  /** Says goodbye to every client, logged in or not, before the listeners close. */
  @Override
  public Future<?> stop() {
    stopping = true;
    List<Future<?>> closing = new ArrayList<>();
    for (Session session : new ArrayList<>(sessions)) {
      closing.add(session.shutdown());
    }
    return Future.join(closing)
        .transform(v -> Future.join(tcp.close(), web.close()))
        .onComplete(r -> fanOut.close());
  }

  /** The TCP port (plain or TLS) this node listens on. */
  public int tcpPort(boolean tls) {
    return tcp.port(tls);
  }

  /** The HTTP (or, with TLS, HTTPS) port, or -1 when that listener is off. */
  public int httpPort(boolean tls) {
    return web.port(tls);
  }

  /** The context this verticle's sessions run on. */
  public Context loop() {
    return context;
  }

  /** The logged-in users of this event loop, as {@code {name, address, transport}}; call it on {@link #loop}. */
  public List<io.vertx.core.json.JsonObject> onlineSessions() {
    List<io.vertx.core.json.JsonObject> online = new ArrayList<>();
    for (Session session : sessions) {
      if (session.onlineName() != null) {
        online.add(new io.vertx.core.json.JsonObject().put("name", session.onlineName())
            .put("address", session.remoteAddress()).put("transport", session.transportKind()));
      }
    }
    return online;
  }

  @Override
  public ChatMetrics metrics() {
    return metrics;
  }

  @Override
  public ChatConfig chatConfig() {
    return config;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public FlushPacer pacer() {
    return pacer;
  }

  @Override
  public String admit(String address) {
    if (stopping) {
      return Lines.SHUTDOWN;
    }
    ConnectionLimiter.Admission admission = limiter.acquire(address);
    if (admission == ConnectionLimiter.Admission.OK) {
      return null;
    }
    boolean full = admission == ConnectionLimiter.Admission.SERVER_FULL;
    (full ? refusedFull : refusedAddress).increment();
    String line = full ? Lines.SERVER_FULL : Lines.TOO_MANY_FROM_ADDRESS;
    refusals.refused(address, line);
    return line;
  }

  @Override
  public Session open(Transport transport) {
    Session session = new Session(host, transport);
    sessions.add(session);
    return session;
  }

  @Override
  public void closed(Session session, String address) {
    if (sessions.remove(session)) {
      limiter.release(address);
    }
  }
}
