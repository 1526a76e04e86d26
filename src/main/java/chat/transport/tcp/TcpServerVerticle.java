package chat.transport.tcp;

import chat.Addresses;
import chat.ChatConfig;
import chat.fanout.FanOut;
import chat.fanout.FlushPacer;
import chat.fanout.LoopHooks;
import chat.fanout.PublicLines;
import chat.protocol.Lines;
import chat.registry.RegistryRequests;
import chat.session.Session;
import chat.session.SessionHost;
import chat.transport.ConnectionLimiter;
import chat.transport.RefusalLog;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The chat's TCP listeners (plain and TLS) on one event loop: accepts connections, gives each a
 * {@link Session} over a {@link TcpTransport}, and runs this loop's share of the fan-out. Deployed
 * once per event loop; it never writes to a socket that another instance owns.
 */
public final class TcpServerVerticle extends VerticleBase {

  private final ChatConfig config;
  private final String nodeId;
  private final ConnectionLimiter limiter;
  private final RefusalLog refusals;
  private final Set<Session> sessions = new HashSet<>();
  private final List<NetServer> servers = new ArrayList<>();
  private FanOut fanOut;
  private FlushPacer pacer;
  private SessionHost host;
  private boolean stopping;

  public TcpServerVerticle(ChatConfig config, String nodeId, ConnectionLimiter limiter, RefusalLog refusals) {
    this.config = config;
    this.nodeId = nodeId;
    this.limiter = limiter;
    this.refusals = refusals;
  }

  @Override
  public Future<?> start() {
    LoopHooks hooks = new LoopHooks(context);
    pacer = new FlushPacer(hooks, TimeUnit.MICROSECONDS.toNanos(config.maxCoalesceMicros));
    fanOut = new FanOut();
    PublicLines publicLines = new PublicLines(vertx.eventBus(), nodeId, vertx.isClustered(), hooks);
    host = new SessionHost(config, vertx, new RegistryRequests(vertx.eventBus()), publicLines, fanOut);
    var fanout = vertx.eventBus().<String>localConsumer(Addresses.fanout(nodeId), m -> fanOut.records(m.body()));
    List<Future<?>> ready = new ArrayList<>();
    ready.add(fanout.completion());
    ready.add(listen(baseOptions(), config.port, -1));
    if (config.tlsEnabled) {
      NetServerOptions tls = baseOptions().setSsl(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertPath).setKeyPath(config.tlsKeyPath));
      ready.add(listen(tls, config.tlsPort, -2));
    }
    return Future.all(ready);
  }

  /** Says goodbye to every client, logged in or not, before the sockets close. */
  @Override
  public Future<?> stop() {
    stopping = true;
    List<Future<?>> closing = new ArrayList<>();
    for (Session session : new ArrayList<>(sessions)) {
      closing.add(session.shutdown());
    }
    return Future.join(closing).transform(v -> {
      List<Future<?>> closed = new ArrayList<>();
      servers.forEach(s -> closed.add(s.close()));
      return Future.join(closed);
    }).onComplete(r -> fanOut.close());
  }

  public int actualPort(boolean tls) {
    return servers.get(tls ? 1 : 0).actualPort();
  }

  private NetServerOptions baseOptions() {
    return new NetServerOptions().setHost(config.host).setTcpNoDelay(true).setTcpKeepAlive(true)
        .setAcceptBacklog(4096).setReuseAddress(true);
  }

  private Future<NetServer> listen(NetServerOptions options, int port, int sharedRandomPort) {
    NetServer server = vertx.createNetServer(options).connectHandler(this::accept);
    servers.add(server);
    // Port 0 asks for a random port; a negative one makes every instance share the same random port.
    return server.listen(port == 0 ? sharedRandomPort : port, config.host);
  }

  private void accept(NetSocket socket) {
    String address = socket.remoteAddress().hostAddress();
    if (stopping) {
      refuse(socket, Lines.SHUTDOWN);
      return;
    }
    ConnectionLimiter.Admission admission = limiter.acquire(address);
    if (admission != ConnectionLimiter.Admission.OK) {
      String line = admission == ConnectionLimiter.Admission.SERVER_FULL ? Lines.SERVER_FULL : Lines.TOO_MANY_FROM_ADDRESS;
      refusals.refused(address, line);
      refuse(socket, line);
      return;
    }
    KeepAlive.tune(socket, config.deadPeerSeconds);
    TcpTransport transport = new TcpTransport(vertx, socket, address, pacer, config.maxSendQueueBytes);
    Session session = new Session(host, transport);
    sessions.add(session);
    transport.start(session, config.maxLineBytes, () -> {
      sessions.remove(session);
      limiter.release(address);
    });
  }

  /** One line to a connection that never gets a session, then close. */
  private static void refuse(NetSocket socket, String line) {
    socket.write(line + "\n").onComplete(r -> socket.close());
  }
}
