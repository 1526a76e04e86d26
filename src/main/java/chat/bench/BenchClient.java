package chat.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** One simulated user: its socket, login state, unfinished input line and unsent output. */
final class BenchClient {

  static final int CONNECTING = 0;
  static final int AWAIT_PROMPT = 1;
  static final int AWAIT_WELCOME = 2;
  static final int READY = 3;
  static final int CLOSED = 4;

  /** A server that is not reading gets at most this much queued before messages are skipped. */
  static final int MAX_PENDING = 8 << 20;

  final int index;
  final byte[] nameLine;
  final SocketChannel channel;
  /** The WebSocket framing of this connection, or null for a plain TCP line connection. */
  final WsFraming ws;
  volatile int state = CONNECTING;

  /** Partial input line, touched only by the client's I/O thread. */
  byte[] carry = new byte[256];
  int carryLen;
  String lastLine;

  /** Output not yet accepted by the socket, touched only by the sending thread. */
  private ByteBuffer out;

  /** A client over {@code ws} framing, or plain TCP lines when it is null. */
  BenchClient(int index, String name, WsFraming ws) throws IOException {
    this(index, name, SocketChannel.open(), ws);
  }

  /** A TCP line client on an already opened {@code channel}, connected or not. */
  BenchClient(int index, String name, SocketChannel channel) throws IOException {
    this(index, name, channel, null);
  }

  private BenchClient(int index, String name, SocketChannel channel, WsFraming ws) throws IOException {
    this.index = index;
    this.ws = ws;
    byte[] line = (name + "\n").getBytes(StandardCharsets.UTF_8);
    if (ws != null) {
      ByteBuffer framed = ByteBuffer.allocate(WsFraming.frameSize(line.length - 1));
      ws.frame(line, line.length - 1, framed);
      line = framed.array();
    }
    this.nameLine = line;
    this.channel = channel;
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
  }

  /**
   * Queues the line {@code src[0, len)}, which ends with '\n' (a WebSocket client sends it as one
   * frame without it); false if the backlog limit would be exceeded.
   */
  boolean enqueue(byte[] src, int len) {
    int size = ws == null ? len : WsFraming.frameSize(len - 1);
    if (out == null) {
      out = ByteBuffer.allocateDirect(Math.max(16 << 10, Integer.highestOneBit(size) << 1));
    }
    if (out.remaining() < size) {
      int need = out.position() + size;
      if (need > MAX_PENDING) {
        return false;
      }
      ByteBuffer bigger = ByteBuffer.allocateDirect(Math.min(MAX_PENDING, Integer.highestOneBit(need) << 1));
      out.flip();
      bigger.put(out);
      out = bigger;
    }
    if (ws == null) {
      out.put(src, 0, len);
    } else {
      ws.frame(src, len - 1, out);
    }
    return true;
  }

  /** The connect has completed: a WebSocket client asks for the upgrade; then the name prompt is due. */
  void connected(String host, int port) throws IOException {
    if (ws != null) {
      writeAll(WsFraming.upgradeRequest(host, port, "/ws"), "cannot send the websocket upgrade request");
    }
    state = AWAIT_PROMPT;
  }

  /** Writes {@code bytes} whole on the non-blocking channel, which at login always has room for them. */
  void writeAll(byte[] bytes, String failure) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    for (int tries = 0; buf.hasRemaining(); tries++) {
      if (channel.write(buf) == 0 && tries > 1000) {
        throw new IOException(failure);
      }
    }
  }

  /** Writes as much queued output as the socket takes; true when nothing is left. */
  boolean flush() throws IOException {
    if (out == null || out.position() == 0) {
      return true;
    }
    out.flip();
    channel.write(out);
    out.compact();
    return out.position() == 0;
  }

  void keepLine(byte[] buf, int from, int to) {
    int len = to - from;
    if (carryLen + len > carry.length) {
      byte[] bigger = new byte[Math.max(carry.length * 2, carryLen + len)];
      System.arraycopy(carry, 0, bigger, 0, carryLen);
      carry = bigger;
    }
    System.arraycopy(buf, from, carry, carryLen, len);
    carryLen += len;
  }

  void close() {
    state = CLOSED;
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing useful to do about a failing close at the end of a run
    }
  }
}
