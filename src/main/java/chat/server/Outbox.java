package chat.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * What waits to be written to one socket until its event loop's next flush, handed to Netty as one
 * buffer so a burst of deliveries costs one system call.
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
  private final Runnable scheduleFlush;
  /** This socket's own buffer, or null. */
  private ByteBuf pending;
  /** The shared batch this socket is reading a run of, from {@link #runStart} to its end; or null. */
  private ByteBuf run;
  private int runStart;
  /** Runs of retired batches handed to Netty but not flushed yet. */
  private boolean written;
  /** A flush of this socket is queued. */
  private boolean dirty;
  private boolean sealed;

  /** {@code scheduleFlush} is called once per flush, when the first output arrives. */
  Outbox(ChannelHandlerContext channel, Runnable scheduleFlush) {
    this.channel = channel;
    this.scheduleFlush = scheduleFlush;
  }

  void line(String line) {
    ByteBuf out = own(line.length() + 1);
    if (out != null) {
      out.writeCharSequence(line, StandardCharsets.UTF_8);
      out.writeByte('\n');
    }
  }

  /** The line from {@code lineStart} to the end of {@code batch} (newline included) is for this socket too. */
  void shared(ByteBuf batch, int lineStart) {
    if (sealed) {
      return;
    }
    if (pending != null) {
      pending.writeBytes(batch, lineStart, batch.writerIndex() - lineStart);
    } else if (run == null) {
      run = batch;
      runStart = lineStart;
      markDirty();
    }
    // else: the run is contiguous and already ends with this line
  }

  /** The line just appended to the batch at {@code lineStart} is not for this socket (its sender). */
  void skip(int lineStart) {
    if (run != null) {
      int length = lineStart - runStart;
      ByteBuf own = ALLOC.directBuffer(Math.max(CHUNK, 2 * length));
      own.writeBytes(run, runStart, length);
      run = null;
      pending = own;
    }
  }

  /**
   * The batch is full and a new one starts: this socket's run of it, up to {@code end}, goes to
   * Netty as it is, to be written with the rest at the next flush. Copying it instead made every
   * later line a copy per socket, just when the server was busiest.
   */
  void retire(int end) {
    if (run != null) {
      channel.write(run.retainedSlice(runStart, end - runStart), channel.voidPromise());
      run = null;
      written = true;
    }
  }

  /** Writes and flushes what is queued; false, with nothing written, when the peer's send queue is full. */
  boolean flush() {
    ByteBuf out = pending;
    if (out == null && run != null) {
      out = run.retainedSlice(runStart, run.writerIndex() - runStart);
    }
    pending = null;
    run = null;
    dirty = false;
    if (out != null && !out.isReadable()) {
      out.release();
      out = null;
    }
    boolean queued = written;
    written = false;
    if (out == null && !queued) {
      return true;
    }
    if (!channel.channel().isWritable()) {
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
      skip(run.writerIndex());
    }
    if (pending == null) {
      pending = ALLOC.directBuffer(Math.max(CHUNK, hint));
      markDirty();
    }
    return pending;
  }

  private void markDirty() {
    if (!dirty) {
      dirty = true;
      scheduleFlush.run();
    }
  }
}
