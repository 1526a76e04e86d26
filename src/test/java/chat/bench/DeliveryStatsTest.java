package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DeliveryStatsTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** 4 clients, senders 0 and 1; latency counts for messages scheduled from 1000 ms on. */
  private final DeliveryStats stats = new DeliveryStats(4, 2, 1000 * MS);

  private void deliver(int receiver, int sender, long seq) {
    stats.record(receiver, sender, seq, 2000 * MS, 2001 * MS);
  }

  @Test
  void inOrderDeliveriesAreClean() {
    for (int seq = 0; seq < 100; seq++) {
      deliver(2, 0, seq);
      deliver(3, 0, seq);
      deliver(0, 1, seq);
    }
    assertEquals(300, stats.delivered());
    assertEquals(0, stats.orderViolations());
    assertEquals(0, stats.duplicates());
  }

  @Test
  void aLateMessageIsOneOrderViolation() {
    for (long seq : new long[] {0, 1, 3, 4, 2, 5}) {
      deliver(2, 0, seq);
    }
    assertEquals(6, stats.delivered());
    assertEquals(1, stats.orderViolations());
    assertEquals(0, stats.duplicates());
  }

  @Test
  void duplicatesAreNotCountedAsReorderingNorAsDeliveries() {
    for (long seq : new long[] {0, 1, 1, 2, 0, 2, 2}) {
      deliver(2, 0, seq);
    }
    assertEquals(3, stats.delivered());
    assertEquals(4, stats.duplicates());
    assertEquals(0, stats.orderViolations());
  }

  @Test
  void aLateDuplicateOfALateMessageIsStillJustADuplicate() {
    for (long seq : new long[] {1, 0, 0, 2}) {
      deliver(3, 1, seq);
    }
    assertEquals(3, stats.delivered());
    assertEquals(1, stats.orderViolations());
    assertEquals(1, stats.duplicates());
  }

  @Test
  void pairsAreTrackedIndependently() {
    deliver(2, 0, 5);
    deliver(3, 0, 1);
    deliver(2, 1, 0);
    deliver(3, 0, 0);
    assertEquals(4, stats.delivered());
    assertEquals(1, stats.orderViolations());
  }

  @Test
  void lossIsWhatNeverArrived() {
    for (long seq : new long[] {0, 1, 3}) {
      deliver(2, 0, seq);
      deliver(3, 0, seq);
    }
    Report report = new Report();
    report.options = BenchOptions.parse("--clients", "4", "--senders", "2");
    report.deliveries = stats;
    report.expected = 8;
    assertEquals(2, report.lost());
    assertEquals(25.0, report.lossPercent(), 1e-9);
  }

  @Test
  void ownAndUnknownSendersAreForeign() {
    deliver(1, 1, 0);
    deliver(1, 2, 0);
    deliver(1, 0, -1);
    stats.foreign();
    assertEquals(0, stats.delivered());
    assertEquals(4, stats.foreignLines());
  }

  @Test
  void latencyIsMeasuredFromTheScheduleAndOnlyAfterWarmup() {
    stats.record(2, 0, 0, 999 * MS, 1005 * MS);
    stats.record(2, 0, 1, 1000 * MS, 1003 * MS);
    stats.record(2, 0, 2, 1001 * MS, 1001 * MS);
    assertEquals(3, stats.delivered());
    assertEquals(2, stats.measured());
    Histogram h = stats.latency();
    assertEquals(2, h.getTotalCount());
    assertEquals(0, h.getMinValue());
    assertEquals(3 * MS, h.getMaxValue(), 3 * MS / 1000.0);
  }

  @Test
  void throughputCountsWhatArrivedInsideTheWindow() {
    stats.measure(1000 * MS, 2000 * MS);
    stats.record(2, 0, 0, 900 * MS, 1001 * MS);
    stats.record(2, 0, 1, 1500 * MS, 1600 * MS);
    stats.record(2, 0, 2, 1999 * MS, 2500 * MS);
    assertEquals(2, stats.receivedInWindow());
    assertEquals(2, stats.measured());
  }

  @Test
  void percentilesComeFromTheMergedHistograms() {
    DeliveryStats other = new DeliveryStats(4, 2, 0);
    for (int ms = 1; ms <= 100; ms++) {
      DeliveryStats owner = ms % 2 == 0 ? stats : other;
      owner.record(ms % 4 == 0 ? 1 : 2, 0, ms, 1000 * MS, (1000 + ms) * MS);
    }
    stats.add(other);
    assertEquals(100, stats.delivered());
    Report report = new Report();
    report.options = BenchOptions.parse();
    report.deliveries = stats;
    assertEquals(50, report.latencyMillis(50), 0.05);
    assertEquals(90, report.latencyMillis(90), 0.1);
    assertEquals(99, report.latencyMillis(99), 0.1);
    assertEquals(100, report.latencyMillis(99.9), 0.1);
    assertEquals(100, report.latencyMillis(100), 0.1);
  }

  @Test
  void loopbackProbesCountOnlyAfterWarmupAndMerge() {
    DeliveryStats other = new DeliveryStats(4, 2, 1000 * MS);
    stats.loopback(999 * MS, 1000 * MS);
    stats.loopback(1000 * MS, 1001 * MS);
    other.loopback(2000 * MS, 2003 * MS);
    stats.add(other);
    Histogram h = stats.loopback();
    assertEquals(2, h.getTotalCount());
    assertEquals(MS, h.getMinValue(), MS / 1000.0);
    assertEquals(3 * MS, h.getMaxValue(), 3 * MS / 1000.0);
    assertEquals(0, stats.delivered());
    assertEquals(0, stats.latency().getTotalCount());
  }

  @Test
  void insideIsAHalfOpenWindow() {
    assertEquals(0, DeliveryStats.inside(9, 10, 20));
    assertEquals(1, DeliveryStats.inside(10, 10, 20));
    assertEquals(1, DeliveryStats.inside(19, 10, 20));
    assertEquals(0, DeliveryStats.inside(20, 10, 20));
    assertEquals(1, DeliveryStats.inside(Long.MAX_VALUE - 1, 0, Long.MAX_VALUE));
    assertEquals(0, DeliveryStats.inside(0, Long.MAX_VALUE, Long.MAX_VALUE));
  }

  @Test
  void sequencesBeyondTheSizingHintStillCount() {
    DeliveryStats sized = new DeliveryStats(4, 2, 0, 100);
    for (long seq : new long[] {0, 99, 100_000, 99, 5_000}) {
      sized.record(2, 0, seq, 0, MS);
    }
    assertEquals(4, sized.delivered());
    assertEquals(1, sized.duplicates());
    assertEquals(1, sized.orderViolations());
  }

  @Test
  void latencyBeyondTheHistogramRangeIsClamped() {
    stats.record(2, 0, 0, 1000 * MS, 1000 * MS + 2 * DeliveryStats.HIGHEST_NANOS);
    assertEquals(DeliveryStats.HIGHEST_NANOS, stats.latency().getMaxValue(), DeliveryStats.HIGHEST_NANOS / 1000.0);
  }
}
