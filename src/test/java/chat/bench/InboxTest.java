package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the reading side books for each kind of line: deliveries, foreign lines and loopback probes. */
class InboxTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** 3 clients, sender 0; everything scheduled from 0 on is measured. */
  private final DeliveryStats stats = new DeliveryStats(3, 1, 0);
  private final Inbox inbox = new Inbox(stats, new LoginGate(3, 3), new byte[][] {"b0".getBytes()});

  private static BenchClient ready(int index, String name) throws IOException {
    BenchClient c = new BenchClient(index, name, SocketChannel.open());
    c.state = BenchClient.READY;
    return c;
  }

  private static ByteBuffer line(String author, long dueNanos) {
    byte[] b = new byte[200];
    byte[] prefix = (author + ": ").getBytes(StandardCharsets.UTF_8);
    System.arraycopy(prefix, 0, b, 0, prefix.length);
    int end = Payload.encode(b, prefix.length, 0, 0, dueNanos, 64);
    b[end++] = '\n';
    return ByteBuffer.wrap(b, 0, end);
  }

  @Test
  void aDeliveryIsBookedWithItsLatency() throws IOException {
    BenchClient receiver = ready(1, "b1");
    inbox.received(receiver, line("b0", 10 * MS), 12 * MS);
    receiver.close();
    assertEquals(1, stats.delivered());
    assertEquals(2 * MS, stats.latency().getMaxValue(), 2 * MS / 1000.0);
    assertEquals(0, stats.loopback().getTotalCount());
  }

  @Test
  void aLoopbackProbeIsBookedAsTheFloorAndNotAsADelivery() throws IOException {
    BenchClient reader = ready(Loopback.INDEX, Loopback.NAME);
    inbox.received(reader, line(Loopback.NAME, 10 * MS), 11 * MS);
    reader.close();
    assertEquals(0, stats.delivered());
    assertEquals(0, stats.foreignLines());
    assertEquals(1, stats.loopback().getTotalCount());
    assertEquals(MS, stats.loopback().getMaxValue(), MS / 1000.0);
  }

  @Test
  void aLoopbackLineOnAClientConnectionIsForeign() throws IOException {
    BenchClient receiver = ready(1, "b1");
    inbox.received(receiver, line(Loopback.NAME, 10 * MS), 11 * MS);
    receiver.close();
    assertEquals(0, stats.delivered());
    assertEquals(1, stats.foreignLines());
    assertEquals(0, stats.loopback().getTotalCount());
  }
}
