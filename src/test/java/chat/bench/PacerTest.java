package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The send schedule (a linear ramp over the first half of the warm-up, then the full rate) and the rehearsal. */
class PacerTest {

  private static final double INTERVAL = 1e9 / 10_000; // 10k msg/s: 100 µs apart
  private static final long RAMP = 1_000_000_000L; // 1 s

  @Test
  void withoutARampMessagesAreEvenlySpacedFromTheStart() {
    assertEquals(0, Pacer.offset(0, INTERVAL, 0));
    assertEquals(100_000, Pacer.offset(1, INTERVAL, 0));
    assertEquals(1_000_000_000, Pacer.offset(10_000, INTERVAL, 0));
  }

  @Test
  void theRampSendsHalfTheFullRateWorthAndEndsOnTime() {
    // Over a 1 s ramp to 10k msg/s, 5,000 messages are due; the 5,000th at the end of the ramp.
    assertEquals(RAMP, Pacer.offset(5_000, INTERVAL, RAMP));
    assertEquals(RAMP / 2, Pacer.offset(1_250, INTERVAL, RAMP)); // a quarter of them by half-time
    // After the ramp, the full rate: 10,000 more messages in the next second.
    assertEquals(2 * RAMP, Pacer.offset(15_000, INTERVAL, RAMP));
    assertEquals(100_000, Pacer.offset(15_001, INTERVAL, RAMP) - Pacer.offset(15_000, INTERVAL, RAMP));
  }

  @Test
  void dueTimesNeverGoBackAndGapsOnlyShrinkUntilTheFullRate() {
    long previous = Pacer.offset(0, INTERVAL, RAMP);
    long previousGap = Long.MAX_VALUE - 1;
    for (long k = 1; k < 20_000; k++) {
      long due = Pacer.offset(k, INTERVAL, RAMP);
      long gap = due - previous;
      assertTrue(gap >= 0, "message " + k + " is due before message " + (k - 1));
      assertTrue(gap <= previousGap + 1, "the rate dropped at message " + k);
      assertTrue(gap >= INTERVAL - 1, "faster than the full rate at message " + k);
      previous = due;
      previousGap = gap;
    }
  }

  @Test
  void theRehearsalTopsUpOnlyAWarmUpTooShortForTheJit() {
    assertEquals(10_000 - 3_750, Pacer.rehearsalLines(BenchOptions.parse("--rate", "1000", "--warmup", "5")));
    assertEquals(10_000, Pacer.rehearsalLines(BenchOptions.parse("--rate", "1000", "--warmup", "0")));
    assertEquals(0, Pacer.rehearsalLines(BenchOptions.parse("--rate", "96000", "--warmup", "5")));
  }

  @Test
  void aRehearsalSendsEveryLineAndAProbeEachIntoTheSinkAndMeasuresNothing() throws IOException {
    BenchOptions o = BenchOptions.parse("--clients", "3", "--senders", "2", "--rate", "1000");
    try (Loopback loopback = Loopback.open(); Selector selector = Selector.open()) {
      Pacer rehearsal = Pacer.rehearsal(o, loopback.writer, System.nanoTime(), TimeUnit.SECONDS.toNanos(5));
      rehearsal.rehearse(50);
      assertEquals(50, rehearsal.sent);
      assertEquals(0, rehearsal.measuredSent);
      assertEquals(0, rehearsal.lateness.histogram().getTotalCount());

      loopback.reader.channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer in = ByteBuffer.allocate(64 << 10);
      int newlines = 0;
      while (newlines < 100) {
        selector.select();
        selector.selectedKeys().clear();
        in.clear();
        loopback.reader.channel.read(in);
        for (int i = 0; i < in.position(); i++) {
          newlines += in.get(i) == '\n' ? 1 : 0;
        }
      }
      assertEquals(100, newlines);
    }
  }
}
