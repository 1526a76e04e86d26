package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The token bucket on a simulated clock: no waiting, exact verdicts. */
class FloodGateTest {

  private static final long MS = 1_000_000L;

  @Test
  void aBurstPassesThenLinesAreRefusedUntilTokensRefill() {
    FloodGate gate = new FloodGate(3, 2, 10, 0);
    for (int i = 0; i < 3; i++) {
      assertEquals(FloodGate.Verdict.PASS, gate.check(0));
    }
    assertEquals(FloodGate.Verdict.REFUSE, gate.check(0));
    assertEquals(FloodGate.Verdict.REFUSE, gate.check(400 * MS));
    assertEquals(FloodGate.Verdict.PASS, gate.check(500 * MS));
    assertEquals(FloodGate.Verdict.REFUSE, gate.check(600 * MS));
  }

  @Test
  void aSteadyFlooderIsKickedEvenThoughSomeLinesGetThrough() {
    FloodGate gate = new FloodGate(1, 5, 10, 0);
    FloodGate.Verdict last = null;
    long t = 0;
    for (; t <= 12_000 * MS && last != FloodGate.Verdict.KICK; t += 10 * MS) {
      last = gate.check(t); // 100 lines per second against a budget of 5
    }
    assertEquals(FloodGate.Verdict.KICK, last);
    assertEquals(10_000 * MS, t - 10 * MS, 20 * MS);
  }

  @Test
  void aUserWhoPausesStartsAFreshStreak() {
    FloodGate gate = new FloodGate(1, 1, 2, 0);
    gate.check(0);
    assertEquals(FloodGate.Verdict.REFUSE, gate.check(100 * MS));
    assertEquals(FloodGate.Verdict.REFUSE, gate.check(900 * MS));
    // A quiet spell of over a second: the earlier refusals no longer count.
    assertEquals(FloodGate.Verdict.PASS, gate.check(2_500 * MS));
    assertEquals(FloodGate.Verdict.REFUSE, gate.check(2_600 * MS));
    assertEquals(FloodGate.Verdict.REFUSE, gate.check(3_400 * MS));
  }
}
