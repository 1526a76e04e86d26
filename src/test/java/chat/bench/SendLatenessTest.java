package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The pacer's own lateness: each measured line counts from its due time to the write that carried it. */
class SendLatenessTest {

  /** Lines due from 100 ns on are measured. */
  private final SendLateness lateness = new SendLateness(100);

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
    for (int i = 100; i < 1_100; i++) {
      lateness.queued(i);
    }
    lateness.written(1_100);
    assertEquals(1_000, lateness.histogram().getTotalCount());
    assertEquals(1, lateness.histogram().getMinValue());
    assertEquals(1_000, lateness.histogram().getMaxValue());
  }

  @Test
  void warmUpLinesAreNotMeasured() {
    lateness.queued(50);
    lateness.queued(99);
    lateness.queued(100);
    lateness.written(300);
    assertEquals(1, lateness.histogram().getTotalCount());
    assertEquals(200, lateness.histogram().getMaxValue());
  }
}
