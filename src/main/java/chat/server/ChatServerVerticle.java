package chat.server;

import chat.Addresses;
import chat.ChatConfig;
import chat.protocol.Lines;
import chat.registry.RegistryRequests;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket I/O on one event loop: accepts connections (plain and TLS), hands each to a
 * {@link Connection}, and writes fanned-out lines to its own logged-in users. Deployed once per
 * event loop; it never writes to a socket that another instance owns.
 */
public final class ChatServerVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ChatServerVerticle.class);

  private final ChatConfig config;
  private final String nodeId;
  private final ConnectionLimiter limiter;
  private final Set<Connection> connections = new HashSet<>();
  private final Map<String, Connection> online = new HashMap<>();
  private final List<Connection> dirty = new ArrayList<>();
  private final List<NetServer> servers = new ArrayList<>();
  private RegistryRequests registry;
  private boolean flushScheduled;
  private boolean stopping;

  public ChatServerVerticle(ChatConfig config, String nodeId, ConnectionLimiter limiter) {
    this.config = config;
    this.nodeId = nodeId;
    this.limiter = limiter;
  }

  @Override
  public Future<?> start() {
    registry = new RegistryRequests(vertx.eventBus());
    var fanout = vertx.eventBus().<String>localConsumer(Addresses.fanout(nodeId), m -> fanout(m.body()));
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
    for (Connection c : new ArrayList<>(connections)) {
      closing.add(c.shutdown());
    }
    return Future.join(closing).transform(v -> {
      List<Future<?>> closed = new ArrayList<>();
      servers.forEach(s -> closed.add(s.close()));
      return Future.join(closed);
    });
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
      log.warn("Refused a connection from {}: {}", address, line);
      refuse(socket, line);
      return;
    }
    KeepAlive.tune(socket, config.deadPeerSeconds);
    Connection connection = new Connection(this, socket, address);
    connections.add(connection);
    connection.start();
  }

  /** One line to a connection that never becomes a {@link Connection}, then close. */
  private static void refuse(NetSocket socket, String line) {
    socket.write(line + "\n").onComplete(r -> socket.close());
  }

  private void fanout(String body) {
    int start = Addresses.fanoutLineStart(body);
    String except = body.substring(0, start - 1);
    // Encoded once, straight into the buffer every recipient on this event loop shares.
    ByteBuf line = ByteBufAllocator.DEFAULT.directBuffer(ByteBufUtil.utf8MaxBytes(body.length() - start) + 1);
    ByteBufUtil.writeUtf8(line, body, start, body.length());
    line.writeByte('\n');
    try {
      online.forEach((key, connection) -> {
        if (!key.equals(except)) {
          connection.deliver(line);
        }
      });
    } finally {
      line.release();
    }
  }

  ChatConfig chatConfig() {
    return config;
  }

  Vertx vertx() {
    return vertx;
  }

  RegistryRequests registry() {
    return registry;
  }

  void online(Connection connection) {
    online.put(connection.key(), connection);
  }

  void offline(Connection connection) {
    if (connection.name() != null) {
      online.remove(connection.key(), connection);
    }
  }

  void closed(Connection connection, String address) {
    if (connections.remove(connection)) {
      limiter.release(address);
    }
  }

  /** Queues a flush of {@code connection} after everything already waiting on this event loop. */
  void dirty(Connection connection) {
    dirty.add(connection);
    if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(v -> flushAll());
    }
  }

  private void flushAll() {
    flushScheduled = false;
    for (int i = 0; i < dirty.size(); i++) {
      dirty.get(i).flush();
    }
    dirty.clear();
  }
}
