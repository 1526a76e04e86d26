package chat.bench;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * How long after its due time the pacer's write of each measured line returned: the generator's own
 * share of every latency it reports, which no server can make smaller. Warm-up lines take the same path
 * into a histogram that is thrown away, for the reason given in {@link DeliveryStats}.
 */
final class SendLateness {

  private final long measureFrom;
  private final Histogram[] histograms = {
      new Histogram(DeliveryStats.HIGHEST_NANOS, 3), new Histogram(DeliveryStats.HIGHEST_NANOS, 3)};
  private long[] due = new long[64];
  private int count;

  /** Lines due at or after {@code measureFrom} are measured. */
  SendLateness(long measureFrom) {
    this.measureFrom = measureFrom;
  }

  /** A line due at {@code nanos} was queued and is about to be written. */
  void queued(long nanos) {
    if (count == due.length) {
      due = Arrays.copyOf(due, count * 2);
    }
    due[count++] = nanos;
  }

  /** Every line queued since the last call was handed to its socket by {@code nanos}. */
  void written(long nanos) {
    for (int i = 0; i < count; i++) {
      long d = due[i];
      histograms[DeliveryStats.inside(d, measureFrom, Long.MAX_VALUE)].recordValue(DeliveryStats.clamp(nanos - d));
    }
    count = 0;
  }

  /** The lateness of the measured lines. */
  Histogram histogram() {
    return histograms[1];
  }
}
