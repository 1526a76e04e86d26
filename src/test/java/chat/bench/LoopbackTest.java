package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generator's connection to itself: what the pacer writes into it comes out at the reading end. */
class LoopbackTest {

  @Test
  void whatTheWriterFlushesTheReaderReceives() throws IOException {
    byte[] line = "loopback: ~0.0.5 abc\n".getBytes(StandardCharsets.UTF_8);
    try (Loopback loopback = Loopback.open(); Selector selector = Selector.open()) {
      assertEquals(BenchClient.READY, loopback.writer.state);
      assertEquals(BenchClient.READY, loopback.reader.state);
      assertEquals(Loopback.INDEX, loopback.reader.index);
      assertTrue(loopback.writer.enqueue(line, line.length));
      assertTrue(loopback.writer.flush());

      loopback.reader.channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer in = ByteBuffer.allocate(line.length);
      while (in.hasRemaining()) {
        selector.select();
        selector.selectedKeys().clear();
        loopback.reader.channel.read(in);
      }
      assertEquals(new String(line, StandardCharsets.UTF_8), new String(in.array(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void probesStayAtMostAThousandASecond() {
    assertEquals(1, Loopback.every(10));
    assertEquals(1, Loopback.every(1_000));
    assertEquals(2, Loopback.every(1_001));
    assertEquals(96, Loopback.every(96_000));
    assertEquals(120, Loopback.every(120_000));
  }
}
