package chat.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The keepalive timers always fit the dead-peer budget. */
class KeepAliveTest {

  @Test
  void idlePlusProbesNeverExceedTheBudget() {
    for (int budget = 5; budget <= 3600; budget++) {
      int total = KeepAlive.idleSeconds(budget) + KeepAlive.PROBES * KeepAlive.intervalSeconds(budget);
      assertTrue(total <= budget, "budget " + budget + " gives " + total);
      if (budget >= 12) {
        assertTrue(KeepAlive.idleSeconds(budget) >= budget / 2, "probing starts too early for " + budget);
      }
    }
  }

  @Test
  void theDefaultProbesAfterTwoHundredSecondsOfSilence() {
    assertEquals(200, KeepAlive.idleSeconds(300));
    assertEquals(25, KeepAlive.intervalSeconds(300));
  }
}
