package chat.session;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;

/**
 * The lines a session has read and not handled yet, handed on one at a time in arrival order. A
 * line waits while its session cannot take it yet, and, over the flood budget, until the budget
 * allows it: it is delayed, never dropped. Input is paused while any line waits, so a backlog stays
 * in the peer's TCP buffers instead of the heap. A backlog that lasts {@code kickNanos} without a
 * break of {@link #BREAK_NANOS} is flooding.
 */
final class InputGate {

  /** The session behind the gate. */
  interface Owner {
    /** Whether {@code line} can be handled now. */
    boolean ready(String line);

    void handle(String line);

    void pauseInput();

    void resumeInput();

    /** A backlog starts: lines are being delayed. */
    void slowed();

    /** The backlog has lasted too long. */
    void flooded();

    /** Every line offered so far has been handled. */
    void idle();
  }

  static final long BREAK_NANOS = 1_000_000_000L;

  private final Owner owner;
  private final FloodBudget budget;
  private final long kickNanos;
  private final Vertx vertx;
  private final ArrayDeque<String> waiting = new ArrayDeque<>(2);
  private boolean paused;
  private boolean draining;
  private boolean closed;
  private long refill = -1;
  /** When the current backlog started, or -1. */
  private long backlogSince = -1;
  /** When the current backlog last ran empty, or -1 while lines wait for the budget. */
  private long emptiedAt = -1;

  /** {@code budget} null: no flood control. */
  InputGate(Owner owner, FloodBudget budget, long kickNanos, Vertx vertx) {
    this.owner = owner;
    this.budget = budget;
    this.kickNanos = kickNanos;
    this.vertx = vertx;
  }

  void offer(String line) {
    if (!closed) {
      waiting.add(line);
      drain();
    }
  }

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  /** Hands on every line that can go now; call it whenever the owner may have become ready. */
  void drain() {
    if (draining || closed) {
      return;
    }
    draining = true;
    try {
      while (!waiting.isEmpty() && !closed && refill < 0 && owner.ready(waiting.peek())) {
        if (budget != null && !admitted()) {
          break;
        }
        owner.handle(waiting.poll());
      }
      if (waiting.isEmpty() && backlogSince >= 0 && emptiedAt < 0) {
        emptiedAt = System.nanoTime();
      }
      boolean hold = !waiting.isEmpty() && !closed;
      if (hold != paused) {
        paused = hold;
        if (hold) {
          owner.pauseInput();
        } else {
          owner.resumeInput();
        }
      }
      if (waiting.isEmpty() && !closed) {
        owner.idle();
      }
    } finally {
      draining = false;
    }
  }

  /** Drops what waits and stops handing lines on. */
  void close() {
    closed = true;
    waiting.clear();
    if (refill >= 0) {
      vertx.cancelTimer(refill);
      refill = -1;
    }
  }

  private boolean admitted() {
    long now = System.nanoTime();
    long wait = budget.take(now);
    if (wait == 0) {
      return true;
    }
    if (backlogSince < 0 || (emptiedAt >= 0 && now - emptiedAt > BREAK_NANOS)) {
      backlogSince = now;
      owner.slowed();
    }
    emptiedAt = -1;
    if (now - backlogSince >= kickNanos) {
      owner.flooded();
      return false;
    }
    refill = vertx.setTimer(Math.max(1, (wait + 999_999) / 1_000_000), id -> {
      refill = -1;
      drain();
    });
    return false;
  }
}
