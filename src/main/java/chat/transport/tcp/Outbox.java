package chat.transport.tcp;

import chat.fanout.FanOut;
import chat.fanout.FlushMark;
import chat.fanout.FlushPacer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What waits to be written to one socket until its event loop's next flush (see {@link FlushPacer}),
 * handed to Netty as one buffer, or a few written with one {@code writev}, so a burst of deliveries
 * costs one system call.
 *
 * <p>While a socket gets every line of the loop's shared fan-out batch from some point on, its
 * output is just that run of the batch, written as a zero-copy slice that holds a reference to it.
 * Only a socket whose stream departs from the batch (it is the sender of a line, or gets a line of
 * its own in between) gathers a buffer of its own.
 */
final class Outbox implements FlushPacer.Flushable {

  private static final int CHUNK = 256;

  private final ChannelHandlerContext channel;
  private final long maxQueued;
  /** This socket's own buffer, or null; never both it and {@link #run}. */
  private ByteBuf pending;
  /** The shared batch this socket is reading a run of, {@code [runStart, runEnd)}, retained; or null. */
  private ByteBuf run;
  private int runStart;
  private int runEnd;
  /** Bytes handed to Netty since the last flush, not flushed yet. */
  private long written;
  private final FlushMark mark;
  private boolean sealed;
  /** Called when a flush finds the peer not reading. */
  private final Runnable stalled;

  Outbox(ChannelHandlerContext channel, FlushPacer pacer, long maxQueued, Runnable stalled) {
    this.channel = channel;
    this.mark = new FlushMark(pacer, this);
    this.maxQueued = maxQueued;
    this.stalled = stalled;
  }

  /** One of the socket's own lines: it goes out at the end of this iteration. */
  void line(String line) {
    if (sealed) {
      return;
    }
    if (run != null) {
      keepRun();
    }
    if (pending == null) {
      pending = FanOut.ALLOC.directBuffer(Math.max(CHUNK, line.length() + 1));
    }
    pending.writeCharSequence(line, StandardCharsets.UTF_8);
    pending.writeByte('\n');
    mark.output(true);
  }

  /** Bytes {@code [from, to)} of {@code batch}, whole lines, are for this socket too. */
  void shared(ByteBuf batch, int from, int to) {
    if (sealed) {
      return;
    }
    if (run != null && run != batch) {
      handOver(); // a new batch: the old run goes to Netty as it is, to be written with the rest
    } else if (run != null && runEnd != from) {
      keepRun(); // not contiguous: this socket's stream departs from the batch
    }
    if (pending != null) {
      pending.writeBytes(batch, from, to - from);
    } else if (run == null) {
      run = batch.retain();
      runStart = from;
      runEnd = to;
    } else {
      runEnd = to;
    }
    mark.output(false);
  }

  /**
   * Writes and flushes what is queued. A peer whose unsent output from earlier flushes is over
   * {@code maxQueued} bytes is not reading: {@code stalled} runs instead.
   */
  @Override
  public void flush() {
    mark.flushed();
    if (run != null) {
      handOver();
    }
    ByteBuf out = pending;
    pending = null;
    long handed = written;
    written = 0;
    if (out != null && !out.isReadable()) {
      out.release();
      out = null;
    }
    if (out == null && handed == 0) {
      return;
    }
    ChannelOutboundBuffer buffer = channel.channel().unsafe().outboundBuffer();
    if (buffer != null && buffer.totalPendingWriteBytes() - handed > maxQueued) {
      if (out != null) {
        out.release();
      }
      stalled.run();
      return;
    }
    if (out != null) {
      channel.write(out, channel.voidPromise());
    }
    channel.flush();
  }

  /** Nothing more is accepted; what is already queued can still be flushed. */
  void seal() {
    sealed = true;
  }

  /** Drops what is queued and accepts nothing more. */
  void discard() {
    sealed = true;
    written = 0;
    if (run != null) {
      run.release();
      run = null;
    }
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  /** The run goes to Netty as a slice sharing the batch's reference this socket holds. */
  private void handOver() {
    channel.write(run.slice(runStart, runEnd - runStart), channel.voidPromise());
    written += runEnd - runStart;
    run = null;
  }

  /** Continues this socket's output in a buffer of its own, starting with a copy of its run. */
  private void keepRun() {
    int length = runEnd - runStart;
    ByteBuf own = FanOut.ALLOC.directBuffer(Math.max(CHUNK, 2 * length));
    own.writeBytes(run, runStart, length);
    run.release();
    run = null;
    pending = own;
  }

}
