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
import java.util.Arrays;
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
  /**
   * Under load a loop spends at most about a third of its time flushing: the wait after a flush is
   * at least three times what recent flushes took. Fewer, larger writes then carry the extra lines,
   * as in a single-threaded epoll server whose iterations lengthen with load.
   */
  private static final long FLUSH_SHARE = 3;
  private static final long MAX_GAP = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long URGENT_GAP = TimeUnit.MICROSECONDS.toNanos(500);

  private final Map<String, Connection> online = new HashMap<>();
  /** The same users as {@link #online}, for iterating; each knows its slot. */
  private final List<Connection> onlineList = new ArrayList<>();
  /** The lines fanned out on this event loop since the last flush, or null. */
  private ByteBuf batch;
  private final List<Connection> dirty = new ArrayList<>();
  /** Connections with lines of their own to flush soon, see {@link #urgent} (also in {@link #dirty}). */
  private final List<Connection> urgent = new ArrayList<>();
  /** The lines of the fan-out message being handled: where each starts in the batch and who sent it. */
  private final EncodedLines lines = new EncodedLines();
  /** Counts calls to {@link #deliverLines}, to mark the senders of each without a set. */
  private long deliveries;
  private final List<NetServer> servers = new ArrayList<>();
  private final long coalesceNanos;
  private RegistryRequests registry;
  private SingleThreadEventLoop eventLoop;
  private Runnable flushTask;
  private Runnable urgentTask;
  private long lastUrgentFlush;
  /** The shortest wait between two flushes of connections' own lines. */
  private final long urgentGapNanos;
  private boolean flushScheduled;
  private long lastFlush;
  /** The wait after a flush before the next one: {@link #coalesceNanos}, or longer under load. */
  private long flushGap;
  /** How long the last few flushes took, in nanoseconds. */
  private final long[] recentFlushes = new long[4];
  private int flushCount;
  private boolean stopping;

  public ChatServerVerticle(ChatConfig config, String nodeId, ConnectionLimiter limiter) {
    this.config = config;
    this.nodeId = nodeId;
    this.limiter = limiter;
    this.coalesceNanos = TimeUnit.MICROSECONDS.toNanos(config.writeCoalesceMicros);
    this.flushGap = coalesceNanos;
    // Under private-message load, flushing at every iteration kept a core busy and made the tail
    // worse (pm p99 up to 11 ms in single runs) than waiting up to half a millisecond (2.3-3.1 ms).
    this.urgentGapNanos = Math.min(coalesceNanos, URGENT_GAP);
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
    urgentTask = () -> ctx.dispatch(v -> flushUrgent());
    Runnable publishTask = () -> ctx.dispatch(v -> registry.flushBroadcasts());
    registry = new RegistryRequests(vertx.eventBus(), nodeId, vertx.isClustered(), () -> atIterationEnd(publishTask));
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
   * Appends the lines of a fan-out message to this event loop's batch, each encoded once, and
   * hands them to every logged-in user here: those who sent none of them get the whole stretch in
   * one step (most sockets just extend their run of the batch), and only the senders go line by
   * line, to leave out their own.
   */
  private void fanout(String records) {
    Addresses.forEachRecord(records, this::encodeLine);
    deliverLines();
  }

  private void encodeLine(String body, int exceptStart, int lineStart, int lineEnd) {
    int start = lineStart + 1;
    int room = ByteBufUtil.utf8MaxBytes(lineEnd - start) + 1;
    if (batch != null && batch.maxWritableBytes() < room) {
      deliverLines();
      retireBatch();
    }
    if (batch == null) {
      batch = Outbox.ALLOC.directBuffer(BATCH_BYTES, Math.max(BATCH_BYTES, room));
    }
    Connection sender = lineStart > exceptStart ? online.get(body.substring(exceptStart, lineStart)) : null;
    lines.add(batch.writerIndex(), sender);
    ByteBufUtil.writeUtf8(batch, body, start, lineEnd);
    batch.writeByte('\n');
  }

  /** Hands the lines encoded since the last call to their recipients here. */
  private void deliverLines() {
    int count = lines.count;
    if (count == 0) {
      return;
    }
    int from = lines.starts[0];
    int to = batch.writerIndex();
    long mark = ++deliveries;
    List<Connection> senders = lines.senders();
    for (int i = 0; i < senders.size(); i++) {
      senders.get(i).mark = mark;
    }
    for (int i = 0; i < onlineList.size(); i++) {
      Connection connection = onlineList.get(i);
      if (connection.mark != mark) {
        connection.deliver(batch, from, to);
      }
    }
    for (int i = 0; i < senders.size(); i++) {
      Connection sender = senders.get(i);
      for (int k = 0; k < count; k++) {
        if (lines.from[k] == sender) {
          sender.ownLineBack();
        } else {
          sender.deliver(batch, lines.starts[k], k + 1 < count ? lines.starts[k + 1] : to);
        }
      }
    }
    lines.clear();
  }

  /** Every socket reading a run of the batch hands its slice of it to Netty, so the batch can be let go. */
  private void retireBatch() {
    for (int i = 0; i < dirty.size(); i++) {
      dirty.get(i).retire();
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
   * Queues a flush of {@code connection}'s fanned-out lines. Flushes happen at the end of an
   * event-loop iteration, after every task already queued (so a busy loop writes many lines per
   * system call), and at most once per {@code writeCoalesceMicros}, or per three times what recent
   * flushes took if that is longer (up to 5 ms): a loop that flushed a moment ago waits out the rest
   * of that interval, gathering more lines, instead of writing to every socket for every line.
   * A connection's own lines wait at most 0.5 ms (see {@link #urgent}).
   */
  void dirty(Connection connection) {
    dirty.add(connection);
    if (flushScheduled) {
      return;
    }
    flushScheduled = true;
    runSpaced(flushTask, lastFlush, flushGap);
  }

  /**
   * Queues a flush of {@code connection} at the end of this event-loop iteration, at most once per
   * 0.5 ms (or {@code writeCoalesceMicros} if shorter), whatever the wait between fan-out flushes:
   * its own lines (replies, private lines) are interactive.
   */
  void urgent(Connection connection) {
    urgent.add(connection);
    if (urgent.size() == 1) {
      runSpaced(urgentTask, lastUrgentFlush, urgentGapNanos);
    }
  }

  /** Runs {@code task} at the end of this iteration, or once {@code gap} has passed since {@code last}. */
  private void runSpaced(Runnable task, long last, long gap) {
    long wait = last + gap - System.nanoTime();
    if (wait > 0 && eventLoop != null) {
      eventLoop.schedule(task, wait, TimeUnit.NANOSECONDS);
    } else {
      atIterationEnd(task);
    }
  }

  private void flushUrgent() {
    lastUrgentFlush = System.nanoTime();
    for (int i = 0; i < urgent.size(); i++) {
      urgent.get(i).flush();
    }
    urgent.clear();
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
    long start = System.nanoTime();
    lastFlush = start;
    for (int i = 0; i < dirty.size(); i++) {
      dirty.get(i).flush();
    }
    dirty.clear();
    // The shortest of the last four, so one flush stretched by the OS descheduling us does not count.
    recentFlushes[flushCount++ & 3] = System.nanoTime() - start;
    long took = Math.min(Math.min(recentFlushes[0], recentFlushes[1]), Math.min(recentFlushes[2], recentFlushes[3]));
    if (coalesceNanos > 0) {
      flushGap = Math.max(coalesceNanos, Math.min(MAX_GAP, took * FLUSH_SHARE));
    }
    // Every socket that read a run of the batch now holds its own slice of it.
    if (batch != null) {
      batch.release();
      batch = null;
    }
  }

  /** Start offsets and senders (null for none here) of the lines just encoded into the batch. */
  private static final class EncodedLines {
    int count;
    int[] starts = new int[64];
    Connection[] from = new Connection[64];
    private final List<Connection> distinct = new ArrayList<>();

    void add(int start, Connection sender) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        from = Arrays.copyOf(from, count * 2);
      }
      starts[count] = start;
      from[count++] = sender;
    }

    /** The distinct senders among the lines, in order of first appearance. */
    List<Connection> senders() {
      distinct.clear();
      for (int k = 0; k < count; k++) {
        if (from[k] != null && !distinct.contains(from[k])) {
          distinct.add(from[k]);
        }
      }
      return distinct;
    }

    void clear() {
      Arrays.fill(from, 0, count, null);
      count = 0;
    }
  }
}
