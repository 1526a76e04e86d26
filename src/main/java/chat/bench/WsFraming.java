package chat.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of a WebSocket (RFC 6455) for one generator connection: the upgrade request,
 * masked text frames out, and frames in turned back into protocol lines, so the rest of the
 * generator handles a WebSocket client exactly as a TCP one.
 */
final class WsFraming {

  private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_RESPONSE_HEADER = 8 << 10;
  private static final int FIN = 0x80;
  private static final int TEXT = 0x1;
  private static final int CONTINUATION = 0x0;
  private static final int MASKED = 0x80;

  private final byte[] response = new byte[MAX_RESPONSE_HEADER];
  private int responseLen;
  private boolean upgraded;
  /** The frame header being read, then the payload bytes still due and whether they end a line. */
  private final byte[] header = new byte[14];
  private int headerLen;
  private long payloadLeft = -1;
  private boolean lineFrame;
  private boolean lastFragment;
  private int mask = ThreadLocalRandom.current().nextInt();

  /** The HTTP request that asks {@code host:port} to upgrade {@code path} to a WebSocket. */
  static byte[] upgradeRequest(String host, int port, String path) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET " + path + " HTTP/1.1\r\n"
        + "Host: " + host + ":" + port + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    return request.getBytes(StandardCharsets.US_ASCII);
  }

  /** Bytes of a masked text frame carrying {@code len} bytes of {@code src}. */
  static int frameSize(int len) {
    return len + 6 + (len < 126 ? 0 : len < 65536 ? 2 : 8);
  }

  /**
   * Writes {@code src[0, len)} into {@code dst} as one masked text frame; returns false, writing
   * nothing, when {@code dst} lacks room. A new mask for every frame, as a browser does.
   */
  boolean frame(byte[] src, int len, ByteBuffer dst) {
    if (dst.remaining() < frameSize(len)) {
      return false;
    }
    dst.put((byte) (FIN | TEXT));
    if (len < 126) {
      dst.put((byte) (MASKED | len));
    } else if (len < 65536) {
      dst.put((byte) (MASKED | 126)).putShort((short) len);
    } else {
      dst.put((byte) (MASKED | 127)).putLong(len);
    }
    int m = mask;
    mask = m * 1103515245 + 12345;
    dst.putInt(m);
    for (int i = 0; i < len; i++) {
      dst.put((byte) (src[i] ^ (m >>> (24 - 8 * (i & 3)))));
    }
    return true;
  }

  /** Whether the server has answered the upgrade request with 101. */
  boolean upgraded() {
    return upgraded;
  }

  /**
   * Turns what the server sent into protocol lines in {@code lines}: the payload of each text
   * message followed by '\n'. Control frames are skipped. Throws when the upgrade is refused.
   * {@code lines} must have room for all of {@code in}: frames only ever shrink.
   */
  void received(ByteBuffer in, ByteBuffer lines) throws IOException {
    if (!upgraded && !readResponse(in)) {
      return;
    }
    while (in.hasRemaining()) {
      if (payloadLeft < 0) {
        header[headerLen++] = in.get();
        if (!parseHeader()) {
          continue;
        }
      }
      int n = (int) Math.min(payloadLeft, in.remaining());
      if (lineFrame) {
        int limit = in.limit();
        in.limit(in.position() + n);
        lines.put(in);
        in.limit(limit);
      } else {
        in.position(in.position() + n);
      }
      payloadLeft -= n;
      if (payloadLeft == 0) {
        if (lineFrame && lastFragment) {
          lines.put((byte) '\n');
        }
        payloadLeft = -1;
      }
    }
  }

  /** True once {@link #header} holds a whole frame header, which it then consumes. */
  private boolean parseHeader() throws IOException {
    if (headerLen < 2) {
      return false;
    }
    int len7 = header[1] & 0x7F;
    int need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((header[1] & MASKED) != 0 ? 4 : 0);
    if (headerLen < need) {
      return false;
    }
    if ((header[1] & MASKED) != 0) {
      throw new IOException("the server sent a masked frame");
    }
    long len = len7;
    if (len7 == 126) {
      len = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    } else if (len7 == 127) {
      len = ByteBuffer.wrap(header, 2, 8).getLong();
    }
    int opcode = header[0] & 0x0F;
    lineFrame = opcode == TEXT || opcode == CONTINUATION;
    lastFragment = (header[0] & FIN) != 0;
    headerLen = 0;
    payloadLeft = len;
    if (len == 0 && lineFrame && lastFragment) {
      payloadLeft = -1;
    }
    return len > 0;
  }

  private boolean readResponse(ByteBuffer in) throws IOException {
    while (in.hasRemaining()) {
      if (responseLen == response.length) {
        throw new IOException("websocket upgrade: response header too long");
      }
      response[responseLen++] = in.get();
      if (responseLen == HTTP.length && Inbox.indexOf(response, 0, responseLen, HTTP) != 0) {
        throw new IOException("websocket upgrade: the server does not speak HTTP");
      }
      if (responseLen >= 4 && Inbox.indexOf(response, responseLen - 4, responseLen, HEADER_END) >= 0) {
        String status = new String(response, 0, Math.max(0, indexOfCr()), StandardCharsets.US_ASCII);
        if (!status.startsWith("HTTP/1.1 101")) {
          throw new IOException("websocket upgrade refused: " + status);
        }
        upgraded = true;
        return true;
      }
    }
    return false;
  }

  private int indexOfCr() {
    for (int i = 0; i < responseLen; i++) {
      if (response[i] == '\r') {
        return i;
      }
    }
    return responseLen;
  }
}
