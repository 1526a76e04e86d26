package chat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop sender: message k is due at a fixed time from sender k mod S, whatever the server
 * does. The rate ramps up linearly over the first half of the warm-up and stays at the full rate
 * from there on, so that neither a JVM server nor this tool meets the full rate before its JIT has
 * compiled anything (cold, this tool fell seconds behind reading at the top rates and servers
 * with a send-queue limit cut it off). The measured window is always at the full rate.
 */
final class Pacer implements Runnable {

  /** Calls of the sending code before the measured window that let the JIT compile it at its top tier. */
  static final int WARM_LINES = 10_000;
  /** How often writes the sockets did not take are retried after the last message. */
  private static final long DRAIN_STEP = 200_000;

  private final BenchClient[] clients;
  private final int senders;
  private final int size;
  private final byte[][] pmPrefix;
  private final boolean[] targetReady;
  private final long recipients;
  private final long epoch;
  private final long start;
  private final long measureFrom;
  private final long end;
  private final long drainNanos;
  private final double interval;
  private final long rampNanos;
  private final byte[] line;
  private final boolean[] broken;
  private final boolean[] dirty;
  private final int[] dirtyList;
  private int dirtyCount;
  private final BenchClient probe;
  private final long probeEvery;
  private final byte[] probePrefix = (Loopback.NAME + ": ").getBytes(StandardCharsets.UTF_8);
  private boolean probeDirty;
  /** The next message to send, and until when the writes left after the last one may take. */
  private long k;
  private long drainUntil;
  final SendLateness lateness;

  long sent;
  long measuredSent;
  long skipped;
  long expected;
  long writeErrors;
  long unflushedSenders;
  long maxLagNanos;
  long finishedAt;

  /**
   * Times are nanos past {@code epoch}; sending runs from {@code start} to {@code end}. {@code probe}, if not null,
   * is the writing end of a {@link Loopback} that gets a copy of every {@link Loopback#every}th message.
   */
  Pacer(BenchOptions o, BenchClient[] clients, BenchClient probe, long epoch, long start, long measureFrom, long end,
      long drainNanos) {
    this.clients = clients;
    this.probe = probe;
    this.probeEvery = Loopback.every(o.rate());
    this.senders = o.senders();
    this.size = o.size();
    this.epoch = epoch;
    this.start = start;
    this.measureFrom = measureFrom;
    this.lateness = new SendLateness(measureFrom);
    this.end = end;
    this.drainNanos = drainNanos;
    this.interval = 1e9 / o.rate();
    this.rampNanos = (measureFrom - start) / 2;
    this.broken = new boolean[senders];
    this.dirty = new boolean[senders];
    this.dirtyList = new int[senders];
    long ready = 0;
    for (BenchClient c : clients) {
      ready += ready(c) ? 1 : 0;
    }
    this.recipients = Math.max(0, ready - 1);
    int maxPrefix = 0;
    if (o.privateMessages()) {
      pmPrefix = new byte[senders][];
      targetReady = new boolean[senders];
      for (int s = 0; s < senders; s++) {
        int target = o.privateTarget(s);
        pmPrefix[s] = ("/pm " + o.name(target) + " ").getBytes(StandardCharsets.UTF_8);
        targetReady[s] = ready(clients[target]);
        maxPrefix = Math.max(maxPrefix, pmPrefix[s].length);
      }
    } else {
      pmPrefix = null;
      targetReady = null;
    }
    maxPrefix = Math.max(maxPrefix, probePrefix.length);
    this.line = new byte[maxPrefix + Math.max(size, Payload.MIN_SIZE) + 1];
  }

  @Override
  public void run() {
    for (long next; (next = step(System.nanoTime() - epoch)) >= 0; ) {
      long wait = next - (System.nanoTime() - epoch);
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }

  /**
   * Sends every message due by {@code now} (nanos past the epoch) and writes what the sockets take; returns when
   * the next message is due, or -1 once sending and the drain after it are over. {@link #run} sleeps in between;
   * an {@link IoLoop} that polls calls this on each turn instead.
   */
  long step(long now) {
    if (finishedAt == 0) {
      long due;
      while ((due = start + offset(k, interval, rampNanos)) <= now && due < end) {
        send(k++, due, now);
      }
      flushAll();
      lateness.written(System.nanoTime() - epoch);
      if (due < end) {
        return due;
      }
      finishedAt = Math.max(1, System.nanoTime() - epoch);
      drainUntil = finishedAt + drainNanos;
    }
    if ((dirtyCount > 0 || probeDirty) && now < drainUntil) {
      flushAll();
      return now + DRAIN_STEP;
    }
    unflushedSenders = dirtyCount;
    return -1;
  }

  /**
   * A pacer that sends everything into {@code sink}, for {@link #rehearse}; nothing it sends is measured, and what
   * reaches the loopback reader counts as warm-up.
   */
  static Pacer rehearsal(BenchOptions o, BenchClient sink, long epoch, long drainNanos) {
    BenchClient[] all = new BenchClient[o.clients()];
    Arrays.fill(all, sink);
    return new Pacer(o, all, sink, epoch, 0, Long.MAX_VALUE, Long.MAX_VALUE, drainNanos);
  }

  /**
   * Sends {@code lines} lines as fast as the sink takes them, through the same code as {@link #run}. At low rates
   * the warm-up alone calls that code too rarely for the JIT, which then compiles it, at the cost of a core for tens
   * of milliseconds, inside the measured window.
   */
  void rehearse(long lines) {
    for (long k = 0; k < lines; k++) {
      long now = System.nanoTime() - epoch;
      send(k, now, now);
      flushAll();
      lateness.written(System.nanoTime() - epoch);
    }
    drain(drainNanos);
  }

  /**
   * Lines to rehearse: what the warm-up (whose ramp sends half the full rate's worth) falls short of
   * {@link #WARM_LINES}. At higher rates the warm-up alone is enough, and rehearsing would only leave the JIT with
   * profiles shaped by loopback traffic, with which the generator needed more CPU at the top rates.
   */
  static long rehearsalLines(BenchOptions o) {
    return (long) Math.max(0, WARM_LINES - o.rate() * o.warmup() * 0.75);
  }

  private void drain(long nanos) {
    long deadline = System.nanoTime() + nanos;
    while ((dirtyCount > 0 || probeDirty) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(DRAIN_STEP);
      flushAll();
    }
  }

  /**
   * When message k is due, in nanos after the start: the rate grows linearly from 0 to 1/interval
   * over {@code ramp} nanos (k = t^2 / (2 ramp interval)), then stays (k = t / interval - ramp / 2 interval).
   */
  static long offset(long k, double interval, long ramp) {
    double rampMessages = ramp / (2 * interval);
    if (k < rampMessages) {
      return (long) Math.sqrt(2.0 * ramp * interval * k);
    }
    return (long) (ramp / 2.0 + k * interval);
  }

  private void send(long k, long due, long now) {
    int s = (int) (k % senders);
    BenchClient c = clients[s];
    if (broken[s] || !ready(c)) {
      skipped++;
      return;
    }
    int len = 0;
    if (pmPrefix != null) {
      System.arraycopy(pmPrefix[s], 0, line, 0, pmPrefix[s].length);
      len = pmPrefix[s].length;
    }
    len = Payload.encode(line, len, s, k / senders, due, size);
    line[len++] = '\n';
    if (!c.enqueue(line, len)) {
      skipped++;
      return;
    }
    sent++;
    measuredSent += DeliveryStats.inside(due, measureFrom, Long.MAX_VALUE);
    lateness.queued(due);
    expected += pmPrefix == null ? recipients : targetReady[s] ? 1 : 0;
    maxLagNanos = Math.max(maxLagNanos, now - due);
    if (!dirty[s]) {
      dirty[s] = true;
      dirtyList[dirtyCount++] = s;
    }
    if (probe != null && k % probeEvery == 0) {
      System.arraycopy(probePrefix, 0, line, 0, probePrefix.length);
      len = Payload.encode(line, probePrefix.length, 0, k / probeEvery, due, size);
      line[len++] = '\n';
      probeDirty |= probe.enqueue(line, len);
    }
  }

  private static boolean ready(BenchClient c) {
    return c != null && c.state == BenchClient.READY;
  }

  private void flushAll() {
    int kept = 0;
    for (int i = 0; i < dirtyCount; i++) {
      int s = dirtyList[i];
      boolean done;
      try {
        done = clients[s].flush();
      } catch (IOException e) {
        writeErrors++;
        broken[s] = true;
        done = true;
      }
      if (done) {
        dirty[s] = false;
      } else {
        dirtyList[kept++] = s;
      }
    }
    dirtyCount = kept;
    // after the real lines, so the probe pays for their writes as a delivery would
    if (probeDirty) {
      try {
        probeDirty = !probe.flush();
      } catch (IOException e) {
        probeDirty = false;
      }
    }
  }
}
