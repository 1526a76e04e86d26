package chat.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * What waits to be written to one socket: the lines of one event-loop turn, handed to Netty with
 * a single flush, so a burst of deliveries costs one system call. A line that is alone in its turn
 * goes out as a view of bytes shared by all its recipients; a second line gathers everything into
 * a pooled buffer of this socket's own.
 */
final class Outbox {

  private static final int CHUNK = 2048;

  private final ChannelHandlerContext channel;
  private final Runnable scheduleFlush;
  private ByteBuf pending;
  private boolean shared;
  private boolean sealed;

  /** {@code scheduleFlush} is called once per turn, when the first line arrives. */
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

  /** Queues a line encoded once for all its recipients (newline included); it is not copied when alone. */
  void shared(ByteBuf line) {
    if (sealed) {
      return;
    }
    if (pending == null) {
      pending = line.retainedDuplicate();
      shared = true;
      scheduleFlush.run();
      return;
    }
    own(line.readableBytes()).writeBytes(line, line.readerIndex(), line.readableBytes());
  }

  /** Writes and flushes what is queued; false, with nothing written, when the peer's send queue is full. */
  boolean flush() {
    ByteBuf out = pending;
    pending = null;
    shared = false;
    if (out == null) {
      return true;
    }
    if (!channel.channel().isWritable()) {
      out.release();
      return false;
    }
    channel.writeAndFlush(out, channel.voidPromise());
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
    if (pending != null) {
      pending.release();
      pending = null;
      shared = false;
    }
  }

  private ByteBuf own(int hint) {
    if (sealed) {
      return null;
    }
    if (pending == null) {
      pending = channel.alloc().directBuffer(Math.max(CHUNK, hint));
      scheduleFlush.run();
    } else if (shared) {
      ByteBuf own = channel.alloc().directBuffer(Math.max(CHUNK, pending.readableBytes() + hint));
      own.writeBytes(pending);
      pending.release();
      pending = own;
      shared = false;
    }
    return pending;
  }
}
