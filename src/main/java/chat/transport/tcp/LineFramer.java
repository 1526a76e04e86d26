package chat.transport.tcp;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into UTF-8 lines ending in '\n' (a trailing '\r' is dropped), never holding
 * more than {@code maxLineBytes} of an unfinished line: a longer line is reported once and skipped
 * up to its newline, so a peer streaming bytes without newlines costs bounded memory.
 */
final class LineFramer {

  /** Receives what the framer finds. */
  interface Sink {
    void line(String line);

    void tooLong();
  }

  private final int maxLineBytes;
  private final Sink sink;
  private static final byte[] NONE = new byte[0];

  /** Bytes of a line still waiting for its newline; most connections never need any, so it starts empty. */
  private byte[] partial = NONE;
  private int partialLength;
  private boolean skipping;

  LineFramer(int maxLineBytes, Sink sink) {
    this.maxLineBytes = maxLineBytes;
    this.sink = sink;
  }

  void feed(Buffer chunk) {
    byte[] data = chunk.getBytes();
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        complete(data, start, i);
        start = i + 1;
      }
    }
    keep(data, start, data.length);
  }

  private void complete(byte[] data, int from, int to) {
    if (skipping) {
      skipping = false;
      partialLength = 0;
      partial = NONE;
      return;
    }
    byte[] bytes = data;
    int off = from;
    int len = to - from;
    if (partialLength > 0) {
      if (!fits(len)) {
        partialLength = 0;
        partial = NONE;
        sink.tooLong();
        return;
      }
      append(data, from, len);
      bytes = partial;
      off = 0;
      len = partialLength;
      partialLength = 0;
      partial = NONE; // held only while a line is split; idle connections keep no buffer
    }
    if (len > 0 && bytes[off + len - 1] == '\r') {
      len--;
    }
    if (len > maxLineBytes) {
      sink.tooLong();
      return;
    }
    sink.line(new String(bytes, off, len, StandardCharsets.UTF_8));
  }

  private void keep(byte[] data, int from, int to) {
    int len = to - from;
    if (skipping || len == 0) {
      return;
    }
    // One extra byte of room: it may be the '\r' of a line that is exactly at the limit.
    if (!fits(len)) {
      partialLength = 0;
      partial = NONE;
      skipping = true;
      sink.tooLong();
      return;
    }
    append(data, from, len);
  }

  private boolean fits(int more) {
    return partialLength + more <= maxLineBytes + 1;
  }

  private void append(byte[] data, int from, int len) {
    if (partialLength + len > partial.length) {
      byte[] grown = new byte[Math.min(maxLineBytes + 1, Math.max(Math.max(64, partial.length * 2), partialLength + len))];
      System.arraycopy(partial, 0, grown, 0, partialLength);
      partial = grown;
    }
    System.arraycopy(data, from, partial, partialLength, len);
    partialLength += len;
  }
}
