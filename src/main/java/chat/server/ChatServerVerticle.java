package chat.server;

import chat.Addresses;
import chat.ChatConfig;
import chat.protocol.Lines;
import chat.registry.RegistryRequests;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
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
import java.util.concurrent.TimeUnit;
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
  /**
   * Up to this much fanned-out output per flush shares one buffer; beyond, a new batch starts. Its
   * capacity is fixed so that it never moves under the slices already handed out.
   */
  private static final int BATCH_BYTES = 32 * 1024;

  private final Map<String, Connection> online = new HashMap<>();
  /** The same users as {@link #online}, for iterating; each knows its slot. */
  private final List<Connection> onlineList = new ArrayList<>();
  /** The lines fanned out on this event loop since the last flush, or null. */
  private ByteBuf batch;
  private final List<Connection> dirty = new ArrayList<>();
  private final List<NetServer> servers = new ArrayList<>();
  private final long coalesceNanos;
  private RegistryRequests registry;
  private SingleThreadEventLoop eventLoop;
  private Runnable flushTask;
  private boolean flushScheduled;
  private long lastFlush;
  private boolean stopping;

  public ChatServerVerticle(ChatConfig config, String nodeId, ConnectionLimiter limiter) {
    this.config = config;
    this.nodeId = nodeId;
    this.limiter = limiter;
    this.coalesceNanos = TimeUnit.MICROSECONDS.toNanos(config.writeCoalesceMicros);
  }

  @Override
  public Future<?> start() {
    ContextInternal ctx = (ContextInternal) context;
    EventLoop loop = ctx.nettyEventLoop();
    if (loop instanceof SingleThreadEventLoop single) {
      eventLoop = single;
    }
    // Run on the event loop by Netty, so entered as this verticle's context for what they may do.
    flushTask = () -> ctx.dispatch(v -> flushAll());
    Runnable publishTask = () -> ctx.dispatch(v -> registry.flushBroadcasts());
    registry = new RegistryRequests(vertx.eventBus(), () -> atIterationEnd(publishTask));
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

  /**
   * Appends each line of a fan-out message to this event loop's batch, encoded once, and offers it
   * to every logged-in user here but its sender. Most sockets just extend their run of the batch,
   * so a line costs next to nothing per recipient.
   */
  private void fanout(String records) {
    Addresses.forEachRecord(records, this::fanoutLine);
  }

  private void fanoutLine(String body, int exceptStart, int lineStart, int lineEnd) {
    int start = lineStart + 1;
    int room = ByteBufUtil.utf8MaxBytes(lineEnd - start) + 1;
    if (batch != null && batch.maxWritableBytes() < room) {
      retireBatch();
    }
    if (batch == null) {
      batch = Outbox.ALLOC.directBuffer(BATCH_BYTES, Math.max(BATCH_BYTES, room));
    }
    int at = batch.writerIndex();
    ByteBufUtil.writeUtf8(batch, body, start, lineEnd);
    batch.writeByte('\n');
    Connection skip = lineStart > exceptStart ? online.get(body.substring(exceptStart, lineStart)) : null;
    if (skip != null) {
      skip.skip(at);
    }
    for (int i = 0; i < onlineList.size(); i++) {
      Connection connection = onlineList.get(i);
      if (connection != skip) {
        connection.deliver(batch, at);
      }
    }
  }

  /** Every socket reading a run of the batch hands its slice of it to Netty, so the batch can be let go. */
  private void retireBatch() {
    int end = batch.writerIndex();
    for (int i = 0; i < dirty.size(); i++) {
      dirty.get(i).retire(end);
    }
    batch.release();
    batch = null;
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
    connection.slot = onlineList.size();
    onlineList.add(connection);
  }

  void offline(Connection connection) {
    if (connection.name() != null && online.remove(connection.key(), connection)) {
      Connection last = onlineList.remove(onlineList.size() - 1);
      if (last != connection) {
        onlineList.set(connection.slot, last);
        last.slot = connection.slot;
      }
    }
  }

  void closed(Connection connection, String address) {
    if (connections.remove(connection)) {
      limiter.release(address);
    }
  }

  /**
   * Queues a flush of {@code connection}. Flushes happen once per event-loop iteration, after every
   * task already queued (so a busy loop writes many lines per system call), and at most once per
   * {@code writeCoalesceMicros}: a loop that flushed a moment ago waits out the rest of that
   * interval, gathering more lines, instead of waking up for every single one.
   */
  void dirty(Connection connection) {
    dirty.add(connection);
    if (flushScheduled) {
      return;
    }
    flushScheduled = true;
    long wait = lastFlush + coalesceNanos - System.nanoTime();
    if (wait > 0 && eventLoop != null) {
      eventLoop.schedule(flushTask, wait, TimeUnit.NANOSECONDS);
    } else {
      atIterationEnd(flushTask);
    }
  }

  /** Runs {@code task} once the event loop has run every task already queued on it. */
  private void atIterationEnd(Runnable task) {
    if (eventLoop != null) {
      eventLoop.executeAfterEventLoopIteration(task);
    } else {
      context.runOnContext(v -> task.run()); // not a Netty loop of the usual kind: plain task order
    }
  }

  private void flushAll() {
    flushScheduled = false;
    lastFlush = System.nanoTime();
    for (int i = 0; i < dirty.size(); i++) {
      dirty.get(i).flush();
    }
    dirty.clear();
    // Every socket that read a run of the batch now holds its own slice of it.
    if (batch != null) {
      batch.release();
      batch = null;
    }
  }
}
