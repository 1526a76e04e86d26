package chat.client;

/** The waits between reconnection attempts: doubling from the first up to the longest, back to the first after a login. */
final class Backoff {

  private final long firstMs;
  private final long maxMs;
  private long nextMs;

  Backoff(long firstMs, long maxMs) {
    this.firstMs = firstMs;
    this.maxMs = maxMs;
    this.nextMs = firstMs;
  }

  long next() {
    long wait = nextMs;
    nextMs = Math.min(nextMs * 2, maxMs);
    return wait;
  }

  void reset() {
    nextMs = firstMs;
  }

  /** "1 s", or "250 ms" for a wait that is not whole seconds. */
  static String describe(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
