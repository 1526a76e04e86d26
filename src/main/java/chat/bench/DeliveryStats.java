package chat.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One I/O thread's delivery bookkeeping: latency histogram, duplicates and reordering per receiver and sender.
 * Whether a message counts as measured is worked out without a branch, and warm-up messages go through the same
 * code into histograms that are thrown away: a branch first taken when measuring starts would make the JIT
 * deoptimise this loop at that very moment, and its stall would show up in the measurement.
 */
final class DeliveryStats {

  static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** What one receiver has seen from one sender; a bitmap of sequences so a duplicate is never taken for reordering. */
  private static final class Pair {
    long[] seen;
    long highest = -1;

    Pair(int words) {
      seen = new long[words];
    }

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

  private static final int MIN_WORDS = 16;
  /** Bitmaps start at most this big (64 KiB), so a long run at a huge rate grows them instead of reserving GiBs. */
  private static final int MAX_WORDS = 1 << 13;

  private final int senders;
  private final int words;
  private volatile long measureFrom;
  private volatile long measureTo = Long.MAX_VALUE;
  private final Pair[][] pairs;
  /** Index 0 takes the warm-up, index 1 the measured messages. */
  private final Histogram[] latency = {new Histogram(HIGHEST_NANOS, 3), new Histogram(HIGHEST_NANOS, 3)};
  private final Histogram[] loopback = {new Histogram(HIGHEST_NANOS, 3), new Histogram(HIGHEST_NANOS, 3)};
  private long delivered;
  private long measured;
  private long inWindow;
  private long duplicates;
  private long reordered;
  private long foreign;
  private volatile long published;

  /** Latency is recorded only for messages scheduled at or after {@code measureFrom} nanos past the epoch. */
  DeliveryStats(int clients, int senders, long measureFrom) {
    this(clients, senders, measureFrom, 0);
  }

  /**
   * As above, sized for about {@code sequences} messages per sender, so that the sequence bitmaps need not grow
   * (and the JIT see a new path) in the middle of a run.
   */
  DeliveryStats(int clients, int senders, long measureFrom, long sequences) {
    this.senders = senders;
    this.measureFrom = measureFrom;
    this.pairs = new Pair[clients][];
    this.words = (int) Math.max(MIN_WORDS, Math.min(MAX_WORDS, (sequences >>> 6) + 1));
  }

  /** 1 if {@code from <= nanos < to}, else 0, without a branch (see above). */
  static int inside(long nanos, long from, long to) {
    return (int) (((from - 1 - nanos) & (nanos - to)) >>> 63);
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
      pair = row[sender] = new Pair(words);
    }
    if (!pair.firstTime((int) seq)) {
      duplicates++;
      return;
    }
    delivered++;
    long from = measureFrom;
    inWindow += inside(receivedNanos, from, measureTo);
    if (seq < pair.highest) {
      reordered++;
    } else {
      pair.highest = seq;
    }
    int m = inside(sentNanos, from, Long.MAX_VALUE);
    measured += m;
    latency[m].recordValue(clamp(receivedNanos - sentNanos));
  }

  /** Books a probe that went through the generator's own {@link Loopback}, with the same window as deliveries. */
  void loopback(long sentNanos, long receivedNanos) {
    loopback[inside(sentNanos, measureFrom, Long.MAX_VALUE)].recordValue(clamp(receivedNanos - sentNanos));
  }

  static long clamp(long nanos) {
    return Math.max(0, Math.min(HIGHEST_NANOS, nanos));
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
    latency[1].add(other.latency[1]);
    loopback[1].add(other.loopback[1]);
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
    return latency[1];
  }

  /** Latency of the loopback probes: the floor under every latency in {@link #latency()}. */
  Histogram loopback() {
    return loopback[1];
  }
}
