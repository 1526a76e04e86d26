package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The pacer's own lateness: each measured line counts from its due time to the write that carried it. */
class SendLatenessTest {

  private final SendLateness lateness = new SendLateness();

  @Test
  void eachLineOfABatchIsAsLateAsTheWriteThatEndedTheBatch() {
    lateness.queued(100);
    lateness.queued(250);
    lateness.written(1_000);
    Histogram h = lateness.histogram();
    assertEquals(2, h.getTotalCount());
    assertEquals(750, h.getMinValue());
    assertEquals(900, h.getMaxValue());
  }

  @Test
  void aWriteCountsOnlyTheLinesQueuedSinceThePreviousOne() {
    lateness.queued(100);
    lateness.written(200);
    lateness.written(5_000);
    lateness.queued(6_000);
    lateness.written(6_010);
    Histogram h = lateness.histogram();
    assertEquals(2, h.getTotalCount());
    assertEquals(10, h.getMinValue());
    assertEquals(100, h.getMaxValue());
  }

  @Test
  void aBatchLargerThanTheInitialBufferIsCountedWhole() {
    for (int i = 0; i < 1_000; i++) {
      lateness.queued(i);
    }
    lateness.written(1_000);
    assertEquals(1_000, lateness.histogram().getTotalCount());
    assertEquals(1, lateness.histogram().getMinValue());
    assertEquals(1_000, lateness.histogram().getMaxValue());
  }
}
