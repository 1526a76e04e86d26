package chat.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** One I/O thread's delivery bookkeeping: latency histogram, duplicates and reordering per receiver and sender. */
final class DeliveryStats {

  static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** What one receiver has seen from one sender; a bitmap of sequences so a duplicate is never taken for reordering. */
  private static final class Pair {
    long[] seen = new long[16];
    long highest = -1;

    /** Marks {@code seq} seen; false if it already was. */
    boolean firstTime(int seq) {
      int word = seq >>> 6;
      if (word >= seen.length) {
        seen = Arrays.copyOf(seen, Math.max(seen.length * 2, word + 1));
      }
      long bit = 1L << seq;
      long old = seen[word];
      seen[word] = old | bit;
      return (old & bit) == 0;
    }
  }

  private final int senders;
  private volatile long measureFrom;
  private volatile long measureTo = Long.MAX_VALUE;
  private final Pair[][] pairs;
  private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
  private final Histogram loopback = new Histogram(HIGHEST_NANOS, 3);
  private long delivered;
  private long measured;
  private long inWindow;
  private long duplicates;
  private long reordered;
  private long foreign;
  private volatile long published;

  /** Latency is recorded only for messages scheduled at or after {@code measureFrom} nanos past the epoch. */
  DeliveryStats(int clients, int senders, long measureFrom) {
    this.senders = senders;
    this.measureFrom = measureFrom;
    this.pairs = new Pair[clients][];
  }

  /**
   * Books message {@code seq} of {@code sender} arriving at {@code receiver}; times are nanos past the epoch,
   * {@code sentNanos} being the scheduled send time so a stalled sender cannot hide latency.
   */
  void record(int receiver, int sender, long seq, long sentNanos, long receivedNanos) {
    if (sender < 0 || sender >= senders || sender == receiver || seq < 0 || seq >= Integer.MAX_VALUE) {
      foreign++;
      return;
    }
    Pair[] row = pairs[receiver];
    if (row == null) {
      row = pairs[receiver] = new Pair[senders];
    }
    Pair pair = row[sender];
    if (pair == null) {
      pair = row[sender] = new Pair();
    }
    if (!pair.firstTime((int) seq)) {
      duplicates++;
      return;
    }
    delivered++;
    if (receivedNanos >= measureFrom && receivedNanos < measureTo) {
      inWindow++;
    }
    if (seq < pair.highest) {
      reordered++;
    } else {
      pair.highest = seq;
    }
    if (sentNanos >= measureFrom) {
      measured++;
      latency.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, receivedNanos - sentNanos)));
    }
  }

  /** Books a probe that went through the generator's own {@link Loopback}, with the same window as deliveries. */
  void loopback(long sentNanos, long receivedNanos) {
    if (sentNanos >= measureFrom) {
      loopback.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, receivedNanos - sentNanos)));
    }
  }

  /** Sets the measured window, nanos past the epoch, once the send schedule is known. */
  void measure(long from, long to) {
    measureFrom = from;
    measureTo = to;
  }

  /** Counts a line that looked like a payload but not from one of this run's senders. */
  void foreign() {
    foreign++;
  }

  /** Makes the delivery count visible to other threads; called once per read, not per line. */
  void publish() {
    published = delivered;
  }

  long published() {
    return published;
  }

  /** Adds another thread's counts; pairs are not merged because each receiver belongs to one thread. */
  void add(DeliveryStats other) {
    delivered += other.delivered;
    measured += other.measured;
    inWindow += other.inWindow;
    duplicates += other.duplicates;
    reordered += other.reordered;
    foreign += other.foreign;
    latency.add(other.latency);
    loopback.add(other.loopback);
  }

  /** Distinct messages delivered, excluding duplicates. */
  long delivered() {
    return delivered;
  }

  /** Deliveries of messages scheduled in the measured window, i.e. latency samples. */
  long measured() {
    return measured;
  }

  /** Deliveries that arrived inside the measured window, whenever they were sent: the achieved throughput. */
  long receivedInWindow() {
    return inWindow;
  }

  long duplicates() {
    return duplicates;
  }

  /** Deliveries that arrived after a later message of the same sender at the same receiver. */
  long orderViolations() {
    return reordered;
  }

  long foreignLines() {
    return foreign;
  }

  Histogram latency() {
    return latency;
  }

  /** Latency of the loopback probes: the floor under every latency in {@link #latency()}. */
  Histogram loopback() {
    return loopback;
  }
}
