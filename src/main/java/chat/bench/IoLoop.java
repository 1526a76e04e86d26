package chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A selector thread that logs in its share of the clients, then reads and parses everything they receive.
 * Given a {@link Pacer}, it also sends, polling instead of sleeping, so that neither a timer's nor a reader's
 * wake-up nor a third thread competing for the cores delays a line ({@code --pacing spin}).
 */
final class IoLoop implements Runnable {

  private static final int READ_SIZE = 256 << 10;

  private final Selector selector;
  private final Queue<BenchClient> incoming = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuf = ByteBuffer.allocateDirect(READ_SIZE);
  /** The lines carried by WebSocket frames just read; never more bytes than the frames. */
  private final ByteBuffer wsLines = ByteBuffer.allocate(READ_SIZE);
  private final Inbox inbox;
  private final DeliveryStats stats;
  private final LoginGate logins;
  private final AtomicInteger disconnects;
  private final long epoch;
  private volatile boolean running = true;
  private volatile Pacer pacer;
  private volatile CountDownLatch paced;
  private long nextDue;
  private volatile long lastReadNanos = System.nanoTime();

  IoLoop(DeliveryStats stats, LoginGate logins, AtomicInteger disconnects, byte[][] senderNames, long epoch)
      throws IOException {
    this.selector = Selector.open();
    this.stats = stats;
    this.logins = logins;
    this.disconnects = disconnects;
    this.inbox = new Inbox(stats, logins, senderNames);
    this.epoch = epoch;
  }

  /** Takes over a client whose non-blocking connect has been started. */
  void add(BenchClient client) {
    incoming.add(client);
    selector.wakeup();
  }

  /** Sends for {@code sender} on this thread from now on; the latch opens once it has sent and drained all. */
  CountDownLatch pace(Pacer sender) {
    CountDownLatch done = new CountDownLatch(1);
    paced = done;
    nextDue = 0;
    pacer = sender;
    selector.wakeup();
    return done;
  }

  void stop() {
    running = false;
    selector.wakeup();
  }

  long lastReadNanos() {
    return lastReadNanos;
  }

  DeliveryStats stats() {
    return stats;
  }

  @Override
  public void run() {
    try {
      while (running) {
        Pacer sender = pacer;
        if (sender == null) {
          selector.select(this::ready, 100);
        } else {
          selector.selectNow(this::ready);
          pace(sender, System.nanoTime() - epoch);
        }
        for (BenchClient c; (c = incoming.poll()) != null; ) {
          register(c);
        }
        stats.publish();
      }
      selector.close();
    } catch (IOException e) {
      throw new IllegalStateException("selector failed", e);
    }
  }

  private void pace(Pacer sender, long now) {
    if (now < nextDue) {
      Thread.onSpinWait();
      return;
    }
    nextDue = sender.step(now);
    if (nextDue < 0) {
      pacer = null;
      paced.countDown();
    }
  }

  private void ready(SelectionKey key) {
    BenchClient c = (BenchClient) key.attachment();
    try {
      if (key.isConnectable()) {
        c.channel.finishConnect();
        key.interestOps(SelectionKey.OP_READ);
        connected(c);
      } else if (key.isReadable()) {
        read(c);
      }
    } catch (IOException e) {
      closed(c, key, (c.state == BenchClient.CONNECTING ? "connect: " : "") + e.getMessage());
    }
  }

  private void register(BenchClient c) {
    try {
      boolean connected = c.channel.isConnected();
      c.channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
      if (connected && c.state == BenchClient.CONNECTING) {
        connected(c);
      }
    } catch (IOException e) {
      closed(c, null, e.getMessage());
    }
  }

  private void read(BenchClient c) throws IOException {
    int n = c.channel.read(readBuf);
    if (n < 0) {
      closed(c, c.channel.keyFor(selector), "closed by server");
      return;
    }
    long now = System.nanoTime();
    lastReadNanos = now;
    readBuf.flip();
    if (c.ws == null) {
      inbox.received(c, readBuf, now - epoch);
    } else {
      c.ws.received(readBuf, wsLines);
      wsLines.flip();
      inbox.received(c, wsLines, now - epoch);
      wsLines.clear();
    }
    readBuf.clear();
  }

  private static void connected(BenchClient c) throws IOException {
    var remote = (InetSocketAddress) c.channel.getRemoteAddress();
    c.connected(remote.getHostString(), remote.getPort());
  }

  private void closed(BenchClient c, SelectionKey key, String why) {
    int state = c.state;
    if (key != null) {
      key.cancel();
    }
    c.close();
    if (state == BenchClient.READY) {
      disconnects.incrementAndGet();
    } else if (state != BenchClient.CLOSED) {
      logins.failed(c.lastLine == null ? why : why + " after '" + c.lastLine + "'");
    }
  }
}
