package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The waits between reconnection attempts. */
class BackoffTest {

  @Test
  void doublesUpToTheLongestAndStartsAgainAfterALogin() {
    Backoff backoff = new Backoff(1_000, 30_000);
    assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L),
        Stream.generate(backoff::next).limit(7).toList());
    backoff.reset();
    assertEquals(1_000, backoff.next());
  }

  @Test
  void describesWaitsInSecondsWhenWhole() {
    assertEquals("1 s", Backoff.describe(1_000));
    assertEquals("30 s", Backoff.describe(30_000));
    assertEquals("50 ms", Backoff.describe(50));
  }
}
