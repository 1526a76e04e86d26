package chat.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * When one event loop writes what its sockets have queued. Output goes out at the end of the
 * current iteration, after every event the loop already has at hand, so lines that arrive together
 * share one system call per socket and an idle loop adds no wait at all. Only when the loop is busy
 * do fanned-out lines wait: the next such flush starts no sooner than {@value #FLUSH_SHARE} times
 * what recent flushes took after the last one (at most {@code maxWaitNanos}), so flushing takes at
 * most about a third of the loop's time and fewer, larger writes carry the extra lines, as in a
 * single-threaded epoll server whose iterations lengthen with load. A socket's own lines (replies,
 * private lines) never wait for that.
 */
public final class FlushPacer {

  /** Something with output to write. */
  public interface Flushable {
    void flush();
  }

  static final long FLUSH_SHARE = 3;

  private final LoopHooks hooks;
  private final long maxWaitNanos;
  private final Runnable flushTask;
  private final Runnable urgentTask;
  private final List<Flushable> queued = new ArrayList<>();
  private final List<Flushable> urgent = new ArrayList<>();
  private boolean scheduled;
  private long lastFlush;
  private long gap;
  /** How long the last few flushes took, in nanoseconds. */
  private final long[] recent = new long[4];
  private int flushes;

  public FlushPacer(LoopHooks hooks, long maxWaitNanos) {
    this.hooks = hooks;
    this.maxWaitNanos = maxWaitNanos;
    this.flushTask = hooks.task(this::flushQueued);
    this.urgentTask = hooks.task(this::flushUrgent);
  }

  /** {@code target} has fanned-out output, the first since its last flush. */
  public void queue(Flushable target) {
    queued.add(target);
    if (scheduled) {
      return;
    }
    scheduled = true;
    long wait = lastFlush + gap - System.nanoTime();
    if (wait > 0) {
      hooks.after(wait, flushTask);
    } else {
      hooks.atIterationEnd(flushTask);
    }
  }

  /** {@code target} has a line of its own: it goes out at the end of this iteration. */
  public void urgent(Flushable target) {
    urgent.add(target);
    if (urgent.size() == 1) {
      hooks.atIterationEnd(urgentTask);
    }
  }

  private void flushUrgent() {
    for (int i = 0; i < urgent.size(); i++) {
      urgent.get(i).flush();
    }
    urgent.clear();
  }

  private void flushQueued() {
    scheduled = false;
    long start = System.nanoTime();
    lastFlush = start;
    for (int i = 0; i < queued.size(); i++) {
      queued.get(i).flush();
    }
    queued.clear();
    // The shortest of the last four, so one flush stretched by the OS descheduling us does not count.
    recent[flushes++ & 3] = System.nanoTime() - start;
    long took = Math.min(Math.min(recent[0], recent[1]), Math.min(recent[2], recent[3]));
    gap = Math.min(maxWaitNanos, took * FLUSH_SHARE);
  }
}
