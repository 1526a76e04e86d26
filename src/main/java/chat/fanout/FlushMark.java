package chat.fanout;

/** Whether one socket is already queued with its loop's {@link FlushPacer}, so it is queued at most once per flush. */
public final class FlushMark {

  private final FlushPacer pacer;
  private final FlushPacer.Flushable target;
  private boolean queued;
  private boolean urgent;

  public FlushMark(FlushPacer pacer, FlushPacer.Flushable target) {
    this.pacer = pacer;
    this.target = target;
  }

  /** {@code target} has new output; {@code own}: a line of its own, which goes out at the end of this iteration. */
  public void output(boolean own) {
    if (!queued) {
      queued = true;
      pacer.queue(target);
    }
    if (own && !urgent) {
      urgent = true;
      pacer.urgent(target);
    }
  }

  /** {@code target} is being flushed: new output queues it again. */
  public void flushed() {
    queued = false;
    urgent = false;
  }
}
