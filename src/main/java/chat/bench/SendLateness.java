package chat.bench;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * How long after its due time the pacer's write of each measured line returned: the generator's own
 * share of every latency it reports, which no server can make smaller.
 */
final class SendLateness {

  private final Histogram histogram = new Histogram(DeliveryStats.HIGHEST_NANOS, 3);
  private long[] due = new long[64];
  private int count;

  /** A measured line due at {@code nanos} was queued and is about to be written. */
  void queued(long nanos) {
    if (count == due.length) {
      due = Arrays.copyOf(due, count * 2);
    }
    due[count++] = nanos;
  }

  /** Every line queued since the last call was handed to its socket by {@code nanos}. */
  void written(long nanos) {
    for (int i = 0; i < count; i++) {
      histogram.recordValue(Math.max(0, Math.min(DeliveryStats.HIGHEST_NANOS, nanos - due[i])));
    }
    count = 0;
  }

  Histogram histogram() {
    return histogram;
  }
}
