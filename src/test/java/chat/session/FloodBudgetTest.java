package chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The token bucket on a simulated clock: exact answers, no waiting. */
class FloodBudgetTest {

  private static final long MS = 1_000_000L;

  @Test
  void aBurstPassesThenEachLineWaitsForItsToken() {
    FloodBudget budget = new FloodBudget(3, 2, 0);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, budget.take(0));
    }
    assertEquals(500 * MS, budget.take(0), "the next token comes after 1/rate");
    assertEquals(100 * MS, budget.take(400 * MS));
    assertEquals(0, budget.take(500 * MS));
    assertEquals(500 * MS, budget.take(500 * MS));
  }

  @Test
  void aQuietSpellRefillsTheBurstButNoMore() {
    FloodBudget budget = new FloodBudget(2, 5, 0);
    budget.take(0);
    budget.take(0);
    assertEquals(0, budget.take(10_000 * MS));
    assertEquals(0, budget.take(10_000 * MS));
    assertEquals(200 * MS, budget.take(10_000 * MS));
  }
}
