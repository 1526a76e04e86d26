package chat.bench;

/** The bench message text, {@code ~SENDER.SEQ.MICROS filler}, written and parsed at byte level. */
final class Payload {

  static final byte MARK = '~';
  /** Enough for the longest header: mark, 7 + 10 + 15 digits, two dots and a space. */
  static final int MIN_SIZE = 40;
  /** Digits allowed for sender, sequence and scheduled microseconds. */
  private static final int[] MAX_DIGITS = {7, 10, 15};
  private static final byte[] FILL = "abcdefghijklmnopqrstuvwxyz".getBytes();

  /** A decoded payload; one instance is reused per reading thread. */
  static final class Decoded {
    int sender;
    long seq;
    long nanos;
    int colon;
    private final long[] fields = new long[2];
  }

  private Payload() {
  }

  /**
   * Writes the payload of message {@code seq} from {@code sender}, scheduled {@code nanos} after the bench epoch
   * (carried in microseconds, which is plenty and saves digits to parse), padded with letters to {@code size} bytes.
   * Returns the offset after the last byte written.
   */
  static int encode(byte[] dst, int off, int sender, long seq, long nanos, int size) {
    int start = off;
    dst[off++] = MARK;
    off = writeLong(dst, off, sender);
    dst[off++] = '.';
    off = writeLong(dst, off, seq);
    dst[off++] = '.';
    off = writeLong(dst, off, nanos / 1000);
    dst[off++] = ' ';
    int i = 0;
    while (off - start < size) {
      dst[off++] = FILL[i++ % FILL.length];
    }
    return off;
  }

  /**
   * Finds a payload in a received line {@code buf[from, to)} such as {@code b3: ~...} or
   * {@code [Private from b3]: ~...}: the first {@code ": ~"} starts it. Returns false for any other line.
   */
  static boolean decode(byte[] buf, int from, int to, Decoded out) {
    int i = from;
    while (true) {
      while (i < to && buf[i] != ':') {
        i++;
      }
      if (i + 3 >= to) {
        return false;
      }
      if (buf[i + 1] == ' ' && buf[i + 2] == MARK) {
        break;
      }
      i++;
    }
    int colon = i;
    long[] fields = out.fields;
    int field = 0;
    int digits = 0;
    long value = 0;
    for (i += 3; i < to; i++) {
      int d = buf[i] - '0';
      if (d >= 0 && d <= 9) {
        value = value * 10 + d;
        digits++;
      } else if (buf[i] == '.' && field < 2 && digits > 0 && digits <= MAX_DIGITS[field]) {
        fields[field++] = value;
        value = 0;
        digits = 0;
      } else {
        break;
      }
    }
    if (field != 2 || digits == 0 || digits > MAX_DIGITS[2] || (i < to && buf[i] != ' ')) {
      return false;
    }
    out.sender = (int) fields[0];
    out.seq = fields[1];
    out.nanos = value * 1000;
    out.colon = colon;
    return true;
  }

  /**
   * Whether the decoded line names {@code name} as its author, as in {@code NAME: } or {@code [Private from NAME]: };
   * catches a server attributing a message to the wrong user, and payloads of another bench run.
   */
  static boolean sentBy(byte[] buf, int from, Decoded d, byte[] name) {
    int end = d.colon > from && buf[d.colon - 1] == ']' ? d.colon - 1 : d.colon;
    int start = end - name.length;
    if (start < from || (start > from && buf[start - 1] != ' ')) {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if (buf[start + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private static int writeLong(byte[] dst, int off, long v) {
    if (v == 0) {
      dst[off] = '0';
      return off + 1;
    }
    int len = 0;
    for (long t = v; t > 0; t /= 10) {
      len++;
    }
    for (int p = off + len - 1; p >= off; p--) {
      dst[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return off + len;
  }
}
