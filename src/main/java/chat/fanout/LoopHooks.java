package chat.fanout;

import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop hooks that flushing needs beyond Vert.x's public API: run a task once the loop has
 * handled everything it has at hand (the end of the current iteration), or after a delay shorter
 * than Vert.x timers' millisecond. The only use of Vert.x internals for scheduling.
 */
public final class LoopHooks {

  private final ContextInternal context;
  private final SingleThreadEventLoop loop;

  public LoopHooks(Context context) {
    this.context = (ContextInternal) context;
    EventLoop netty = this.context.nettyEventLoop();
    this.loop = netty instanceof SingleThreadEventLoop single ? single : null;
  }

  /** A task that runs {@code body} as this context, for {@link #atIterationEnd} and {@link #after}. */
  public Runnable task(Runnable body) {
    return () -> context.dispatch(body);
  }

  /** Runs {@code task} once the event loop has run every I/O event and task already queued on it. */
  public void atIterationEnd(Runnable task) {
    if (loop != null) {
      loop.executeAfterEventLoopIteration(task);
    } else {
      context.runOnContext(v -> task.run()); // not a Netty loop of the usual kind: plain task order
    }
  }

  /** Runs {@code task} on the event loop after {@code nanos}. */
  public void after(long nanos, Runnable task) {
    if (loop != null) {
      loop.schedule(task, nanos, TimeUnit.NANOSECONDS);
    } else {
      context.owner().setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)), id -> task.run());
    }
  }
}
