package chat.server;

/**
 * A token bucket for one user's lines: {@code burst} lines at once, refilled at {@code rate} per
 * second. It also tells when a user has kept flooding for too long: a flood streak goes on while
 * refusals come less than a second apart, even if the odd line gets through on a fresh token.
 */
final class FloodGate {

  /** What to do with one line. */
  enum Verdict { PASS, REFUSE, KICK }

  private static final long STREAK_GAP_NANOS = 1_000_000_000L;

  private final double burst;
  private final double ratePerNano;
  private final long kickAfterNanos;
  private double tokens;
  private long refilledAt;
  private long streakStart;
  private long lastRefusal = Long.MIN_VALUE;

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
      return Verdict.PASS;
    }
    if (lastRefusal == Long.MIN_VALUE || now - lastRefusal > STREAK_GAP_NANOS) {
      streakStart = now;
    }
    lastRefusal = now;
    return now - streakStart >= kickAfterNanos ? Verdict.KICK : Verdict.REFUSE;
  }
}
