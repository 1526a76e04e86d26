package chat.server;

/**
 * A token bucket for one user's lines: {@code burst} lines at once, refilled at {@code rate} per
 * second. It also tells when a user has been refused without a break for too long.
 */
final class FloodGate {

  /** What to do with one line. */
  enum Verdict { PASS, REFUSE, KICK }

  private final double burst;
  private final double ratePerNano;
  private final long kickAfterNanos;
  private double tokens;
  private long refilledAt;
  private long refusedSince = -1;

  FloodGate(int burst, double ratePerSecond, int kickAfterSeconds, long now) {
    this.burst = burst;
    this.ratePerNano = ratePerSecond / 1e9;
    this.kickAfterNanos = kickAfterSeconds * 1_000_000_000L;
    this.tokens = burst;
    this.refilledAt = now;
  }


  Verdict check(long now) {
    tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      refusedSince = -1;
      return Verdict.PASS;
    }
    if (refusedSince < 0) {
      refusedSince = now;
    }
    return now - refusedSince >= kickAfterNanos ? Verdict.KICK : Verdict.REFUSE;
  }
}
