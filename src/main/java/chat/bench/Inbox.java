package chat.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Turns the bytes an I/O thread receives into protocol events: name prompt, welcome and deliveries. */
final class Inbox {

  static final int MAX_LINE = 64 << 10;
  private static final byte[] PROMPT = "name:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WELCOME = "Welcome".getBytes(StandardCharsets.US_ASCII);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final DeliveryStats stats;
  private final LoginGate logins;
  private final byte[][] senderNames;
  private final Payload.Decoded decoded = new Payload.Decoded();
  private byte[] scan = new byte[512 << 10];

  Inbox(DeliveryStats stats, LoginGate logins, byte[][] senderNames) {
    this.stats = stats;
    this.logins = logins;
    this.senderNames = senderNames;
  }

  /** Handles {@code data} received by {@code c} at {@code received} nanos past the epoch. */
  void received(BenchClient c, ByteBuffer data, long received) throws IOException {
    int n = data.remaining();
    int end = c.carryLen + n;
    if (end > scan.length) {
      scan = new byte[end * 2];
    }
    byte[] b = scan;
    System.arraycopy(c.carry, 0, b, 0, c.carryLen);
    data.get(b, c.carryLen, n);
    c.carryLen = 0;
    int start = 0;
    if (c.state == BenchClient.AWAIT_PROMPT) {
      // the prompt may come without a newline, so look for its end rather than for a line
      int p = indexOf(b, 0, end, PROMPT);
      if (p < 0) {
        c.keepLine(b, Math.max(0, end - MAX_LINE), end);
        return;
      }
      sendName(c);
      start = p + PROMPT.length;
    }
    for (int nl; (nl = newline(b, start, end)) >= 0; start = nl + 1) {
      line(c, b, start, nl > start && b[nl - 1] == '\r' ? nl - 1 : nl, received);
    }
    if (end - start <= MAX_LINE) {
      c.keepLine(b, start, end);
    }
  }

  private void line(BenchClient c, byte[] b, int from, int to, long received) {
    int state = c.state;
    if (state == BenchClient.READY) {
      if (Payload.decode(b, from, to, decoded)) {
        int sender = decoded.sender;
        if (c.index == Loopback.INDEX) {
          stats.loopback(decoded.nanos, received);
          return;
        }
        if (sender == c.index) {
          return; // the sender's own copy, such as "[Private to TARGET]: ..."
        }
        if (sender < senderNames.length && Payload.sentBy(b, from, decoded, senderNames[sender])) {
          stats.record(c.index, sender, decoded.seq, decoded.nanos, received);
        } else {
          stats.foreign();
        }
      }
    } else if (state == BenchClient.AWAIT_WELCOME && to > from) {
      if (indexOf(b, from, Math.min(to, from + WELCOME.length), WELCOME) == from) {
        c.state = BenchClient.READY;
        logins.succeeded();
      } else {
        c.lastLine = new String(b, from, to - from, StandardCharsets.UTF_8);
      }
    }
  }

  private static void sendName(BenchClient c) throws IOException {
    c.writeAll(c.nameLine, "cannot send user name");
    c.state = BenchClient.AWAIT_WELCOME;
  }

  /** Index of the first '\n' in {@code b[from, to)}, or -1; tests eight bytes at a time. */
  static int newline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      long zero = (x - ONES) & ~x & HIGHS;
      if (zero != 0) {
        // the lowest flagged byte is always a real match; borrows only flag bytes above it
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(byte[] b, int from, int to, byte[] what) {
    outer:
    for (int i = from; i <= to - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
