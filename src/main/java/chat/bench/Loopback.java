package chat.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A connection from the generator to itself through no server: the pacer writes a copy of some messages
 * into it and an I/O thread reads them like deliveries, so their latency is what the generator alone adds
 * (pacer lateness, loopback TCP, reader wake-up and parsing) under the same load as the real run.
 */
final class Loopback implements AutoCloseable {

  /** The author name on loopback lines, which no chat user can have since names are prefix + number. */
  static final String NAME = "loopback";
  /** The index of the reading end, outside the range of client indices. */
  static final int INDEX = -1;
  /** Probes per second at most, so the probe stays a small share of what the readers do at any rate. */
  static final double MAX_RATE = 1000;

  final BenchClient writer;
  final BenchClient reader;

  private Loopback(BenchClient writer, BenchClient reader) {
    this.writer = writer;
    this.reader = reader;
  }

  static Loopback open() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      SocketChannel out = SocketChannel.open(server.getLocalAddress());
      SocketChannel in;
      try {
        in = server.accept();
      } catch (IOException e) {
        out.close();
        throw e;
      }
      BenchClient writer = new BenchClient(INDEX, NAME, out);
      BenchClient reader = new BenchClient(INDEX, NAME, in);
      writer.state = BenchClient.READY;
      reader.state = BenchClient.READY;
      return new Loopback(writer, reader);
    }
  }

  /** Sends one probe in every this many messages at {@code rate} messages per second. */
  static long every(double rate) {
    return Math.max(1, (long) Math.ceil(rate / MAX_RATE));
  }

  @Override
  public void close() {
    // the reader first, or its I/O thread would read the writer's end of stream as a disconnect
    reader.close();
    writer.close();
  }
}
