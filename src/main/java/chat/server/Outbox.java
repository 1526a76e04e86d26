package chat.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What waits to be written to one socket until its event loop's next flush, handed to Netty as one
 * buffer (or, when a full batch was retired in between, a few slices written with one {@code writev})
 * so a burst of deliveries costs one system call.
 *
 * <p>Fanned-out lines are encoded once per event loop into a shared batch (see
 * {@link ChatServerVerticle}).
 * While a socket gets every line of that batch from some point on, its output is just that run of
 * the batch, written as a zero-copy slice. Only a socket whose stream departs from the batch (it is
 * the sender of a line, or gets a line of its own in between) gathers a buffer of its own.
 */
final class Outbox {

  private static final int CHUNK = 256;
  /**
   * Netty's pooled allocator: the default adaptive one builds a NIO view on every small write, which
   * showed up as a fifth of the fan-out time in profiles.
   */
  static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

  private final ChannelHandlerContext channel;
  private final Flusher flusher;
  private final long maxQueued;
  /** This socket's own buffer, or null. */
  private ByteBuf pending;
  /** The shared batch this socket is reading a run of, {@code [runStart, runEnd)}; or null. */
  private ByteBuf run;
  private int runStart;
  private int runEnd;
  /** Bytes of retired batches handed to Netty since the last flush, not flushed yet. */
  private long written;
  /** A flush of this socket is queued. */
  private boolean dirty;
  /** A flush of this socket at the end of this event-loop iteration is queued. */
  private boolean urgent;
  private boolean sealed;

  /** Asks the event loop to flush this socket. */
  interface Flusher {
    /** The first output since the last flush: flush at the fan-out's pace. */
    void dirty();

    /** A line of this socket's own (a reply, a private line): flush soon, without the fan-out's wait. */
    void urgent();
  }

  Outbox(ChannelHandlerContext channel, long maxQueued, Flusher flusher) {
    this.channel = channel;
    this.maxQueued = maxQueued;
    this.flusher = flusher;
  }

  void line(String line) {
    ByteBuf out = own(line.length() + 1);
    if (out != null) {
      out.writeCharSequence(line, StandardCharsets.UTF_8);
      out.writeByte('\n');
    }
  }

  /** Bytes {@code [from, to)} of {@code batch}, whole lines, are for this socket too. */
  void shared(ByteBuf batch, int from, int to) {
    if (sealed) {
      return;
    }
    if (run != null && (run != batch || runEnd != from)) {
      keepRun(); // not contiguous with the run: this socket's stream departs from the batch
    }
    if (pending != null) {
      pending.writeBytes(batch, from, to - from);
    } else if (run == null) {
      run = batch;
      runStart = from;
      runEnd = to;
      markDirty(false);
    } else {
      runEnd = to;
    }
  }

  /**
   * The batch is full and a new one starts: this socket's run of it goes to Netty as it is, to be
   * written with the rest at the next flush. Copying it instead made every later line a copy per
   * socket, just when the server was busiest.
   */
  void retire() {
    if (run != null) {
      channel.write(run.retainedSlice(runStart, runEnd - runStart), channel.voidPromise());
      written += runEnd - runStart;
      run = null;
    }
  }

  /**
   * Writes and flushes what is queued; false when what earlier flushes left unsent is over
   * {@code maxQueued} bytes: the peer is not reading.
   */
  boolean flush() {
    ByteBuf out = pending;
    if (out == null && run != null) {
      out = run.retainedSlice(runStart, runEnd - runStart);
    }
    pending = null;
    run = null;
    dirty = false;
    urgent = false;
    if (out != null && !out.isReadable()) {
      out.release();
      out = null;
    }
    long retired = written;
    written = 0;
    if (out == null && retired == 0) {
      return true;
    }
    ChannelOutboundBuffer queue = channel.channel().unsafe().outboundBuffer();
    if (queue != null && queue.totalPendingWriteBytes() - retired > maxQueued) {
      if (out != null) {
        out.release();
      }
      return false;
    }
    if (out != null) {
      channel.write(out, channel.voidPromise());
    }
    channel.flush();
    return true;
  }

  /** Nothing more is accepted; what is already queued can still be flushed. */
  void seal() {
    sealed = true;
  }

  boolean sealed() {
    return sealed;
  }

  /** Drops what is queued and accepts nothing more. */
  void discard() {
    sealed = true;
    run = null;
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  private ByteBuf own(int hint) {
    if (sealed) {
      return null;
    }
    if (run != null) {
      keepRun();
    }
    if (pending == null) {
      pending = ALLOC.directBuffer(Math.max(CHUNK, hint));
    }
    markDirty(true);
    return pending;
  }

  /** Continues this socket's output in a buffer of its own, starting with a copy of its run. */
  private void keepRun() {
    int length = runEnd - runStart;
    ByteBuf own = ALLOC.directBuffer(Math.max(CHUNK, 2 * length));
    own.writeBytes(run, runStart, length);
    run = null;
    pending = own;
  }

  private void markDirty(boolean now) {
    if (!dirty) {
      dirty = true;
      flusher.dirty();
    }
    if (now && !urgent) {
      urgent = true;
      flusher.urgent();
    }
  }
}
