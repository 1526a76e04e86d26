package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generator's WebSocket framing: what it sends is what a server unmasks, what it reads becomes lines. */
class WsFramingTest {

  private static final byte[] RESPONSE = ("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n"
      + "connection: upgrade\r\nsec-websocket-accept: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

  @Test
  void framesAreMaskedTextFramesThatUnmaskToTheLine() {
    WsFraming ws = new WsFraming();
    for (int len : new int[] {0, 5, 125, 126, 300, 65535, 65536}) {
      byte[] line = new byte[len];
      for (int i = 0; i < len; i++) {
        line[i] = (byte) ('a' + i % 26);
      }
      ByteBuffer out = ByteBuffer.allocate(WsFraming.frameSize(len));
      assertTrue(ws.frame(line, len, out));
      assertFalse(out.hasRemaining());
      out.flip();
      assertEquals(0x81, out.get() & 0xFF);
      int b1 = out.get() & 0xFF;
      assertEquals(0x80, b1 & 0x80, "client frames are masked");
      long n = b1 & 0x7F;
      if (n == 126) {
        n = out.getShort() & 0xFFFF;
      } else if (n == 127) {
        n = out.getLong();
      }
      assertEquals(len, n);
      byte[] mask = new byte[4];
      out.get(mask);
      for (int i = 0; i < len; i++) {
        assertEquals(line[i], (byte) (out.get() ^ mask[i & 3]));
      }
    }
  }

  @Test
  void aFrameThatDoesNotFitIsNotWritten() {
    ByteBuffer out = ByteBuffer.allocate(10);
    assertFalse(new WsFraming().frame(new byte[5], 5, out));
    assertEquals(0, out.position());
  }

  @Test
  void serverFramesBecomeLinesWhateverTheReadBoundaries() throws IOException {
    ByteArrayOutputStream server = new ByteArrayOutputStream();
    server.writeBytes(RESPONSE);
    server.writeBytes(frame(0x81, "Enter your username:"));
    server.writeBytes(frame(0x89, "ping")); // a control frame is skipped
    server.writeBytes(frame(0x01, "b0: first ")); // a text message in two fragments
    server.writeBytes(frame(0x80, "half"));
    String longLine = "x".repeat(400);
    server.writeBytes(frame(0x81, longLine));
    byte[] bytes = server.toByteArray();
    String expected = "Enter your username:\nb0: first half\n" + longLine + "\n";
    for (int chunk : new int[] {1, 3, 7, bytes.length}) {
      WsFraming ws = new WsFraming();
      ByteBuffer lines = ByteBuffer.allocate(bytes.length);
      for (int i = 0; i < bytes.length; i += chunk) {
        ws.received(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)), lines);
      }
      assertTrue(ws.upgraded());
      assertEquals(expected, new String(lines.array(), 0, lines.position(), StandardCharsets.UTF_8), "chunk " + chunk);
    }
  }

  @Test
  void aRefusedUpgradeFailsWithItsStatusLine() {
    byte[] refusal = "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    IOException e = assertThrows(IOException.class,
        () -> new WsFraming().received(ByteBuffer.wrap(refusal), ByteBuffer.allocate(100)));
    assertEquals("websocket upgrade refused: HTTP/1.1 403 Forbidden", e.getMessage());
  }

  @Test
  void aServerThatDoesNotSpeakHttpFailsAtOnce() {
    byte[] prompt = "Enter your username:".getBytes(StandardCharsets.US_ASCII);
    IOException e = assertThrows(IOException.class,
        () -> new WsFraming().received(ByteBuffer.wrap(prompt), ByteBuffer.allocate(100)));
    assertEquals("websocket upgrade: the server does not speak HTTP", e.getMessage());
  }

  private static byte[] frame(int first, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(payload.length + 4);
    b.put((byte) first);
    if (payload.length < 126) {
      b.put((byte) payload.length);
    } else {
      b.put((byte) 126).putShort((short) payload.length);
    }
    b.put(payload);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }
}
