package chat.transport.web;

import chat.fanout.FanOut;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * One event loop's fan-out batch as WebSocket frames, encoded once for all of the loop's WebSocket
 * users: a server's frames are not masked, so every recipient gets the same bytes, and a run of
 * lines becomes one slice to write, as over TCP, instead of a frame object, a header buffer and a
 * copy per line per recipient. The framing is RFC 6455's unmasked final text frame; Netty's
 * encoder, which the session's own lines still go through, lets a buffer of frames pass as it is.
 */
final class FrameBatch {

  private static final int FIN_TEXT = 0x81;

  /** The fan-out batch being framed, retained so that its object cannot be recycled for the next one. */
  private ByteBuf source;
  private ByteBuf frames;
  /** Start offsets of the framed lines in {@link #source} and of their frames in {@link #frames}. */
  private int[] lineStarts = new int[256];
  private int[] frameStarts = new int[256];
  private int count;
  /** The offset in {@link #source} up to which lines are framed. */
  private int framedTo;

  /** The frames for the whole lines {@code batch[from, to)}, as a retained slice; the caller releases it. */
  ByteBuf frames(ByteBuf batch, int from, int to) {
    if (batch != source || count == 0 || from < lineStarts[0]) {
      restart(batch, from);
    }
    while (framedTo < to) {
      frameLine();
    }
    int start = frameOffset(from);
    return frames.retainedSlice(start, frameOffset(to) - start);
  }

  /** Lets go of the batch and its frames; slices handed out keep their own references. */
  void close() {
    if (source != null) {
      source.release();
      frames.release();
      source = null;
      frames = null;
    }
  }

  private void restart(ByteBuf batch, int from) {
    close();
    source = batch.retain();
    // A frame's header is at most 4 bytes for a line under 64 KiB where the line has 1 for its '\n',
    // and 2 for a line under 126 bytes, at least 2 bytes with its '\n': half as much again always fits.
    int capacity = batch.capacity() + batch.capacity() / 2 + 16;
    frames = FanOut.ALLOC.directBuffer(capacity, capacity);
    count = 0;
    framedTo = from;
  }

  private void frameLine() {
    int start = framedTo;
    int end = source.indexOf(start, source.writerIndex(), (byte) '\n');
    int length = end - start;
    if (count == lineStarts.length) {
      lineStarts = Arrays.copyOf(lineStarts, count * 2);
      frameStarts = Arrays.copyOf(frameStarts, count * 2);
    }
    lineStarts[count] = start;
    frameStarts[count] = frames.writerIndex();
    count++;
    frames.writeByte(FIN_TEXT);
    if (length < 126) {
      frames.writeByte(length);
    } else if (length < 65536) {
      frames.writeByte(126).writeShort(length);
    } else {
      frames.writeByte(127).writeLong(length);
    }
    frames.writeBytes(source, start, length);
    framedTo = end + 1;
  }

  /** Where the frame of the line starting at {@code lineStart} starts, or the end for {@link #framedTo}. */
  private int frameOffset(int lineStart) {
    if (lineStart == framedTo) {
      return frames.writerIndex();
    }
    int i = Arrays.binarySearch(lineStarts, 0, count, lineStart);
    if (i < 0) {
      throw new IllegalArgumentException("not the start of a line: " + lineStart);
    }
    return frameStarts[i];
  }
}
