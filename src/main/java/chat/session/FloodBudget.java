package chat.session;

/** A token bucket for one connection's lines: {@code burst} lines at once, refilled at {@code rate} per second. */
final class FloodBudget {

  private final double burst;
  private final double ratePerNano;
  private double tokens;
  private long refilledAt;

  FloodBudget(int burst, double ratePerSecond, long now) {
    this.burst = burst;
    this.ratePerNano = ratePerSecond / 1e9;
    this.tokens = burst;
    this.refilledAt = now;
  }

  /** Takes a token and returns 0, or, when there is none, returns how many nanoseconds until there is. */
  long take(long now) {
    tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano));
  }
}
