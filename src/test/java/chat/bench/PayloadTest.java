package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadTest {

  private final Payload.Decoded decoded = new Payload.Decoded();

  private static String encode(int sender, long seq, long nanos, int size) {
    byte[] buf = new byte[size + 64];
    int end = Payload.encode(buf, 0, sender, seq, nanos, size);
    return new String(buf, 0, end, StandardCharsets.UTF_8);
  }

  private boolean decode(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return Payload.decode(b, 0, b.length, decoded);
  }

  @Test
  void payloadIsPaddedWithLettersToTheRequestedSize() {
    String p = encode(3, 17, 123_456_789L, 64);
    assertEquals(64, p.length());
    assertTrue(p.startsWith("~3.17.123456 abc"), p);
    assertTrue(p.substring(13).chars().allMatch(Character::isLetter), p);
  }

  @Test
  void largestHeaderFitsTheMinimumSize() {
    String p = encode(9_999_999, 9_999_999_999L, 999_999_999_999_999_999L, Payload.MIN_SIZE);
    assertEquals(Payload.MIN_SIZE, p.length());
    assertTrue(decode("b9999999: " + p));
    assertEquals(999_999_999_999_999_000L, decoded.nanos);
  }

  @ParameterizedTest
  @ValueSource(ints = {40, 64, 1000, 8000})
  void broadcastLineRoundTrip(int size) {
    assertTrue(decode("b12: " + encode(12, 0, 5_000, size)));
    assertEquals(12, decoded.sender);
    assertEquals(0, decoded.seq);
    assertEquals(5_000, decoded.nanos);
    assertEquals(3, decoded.colon);
  }

  @Test
  void privateLineRoundTrip() {
    assertTrue(decode("[Private from b7]: " + encode(7, 42, 1_000_000_000L, 64)));
    assertEquals(7, decoded.sender);
    assertEquals(42, decoded.seq);
    assertEquals(1_000_000_000L, decoded.nanos);
  }

  @Test
  void timestampsTravelInMicroseconds() {
    assertTrue(decode("b1: " + encode(1, 1, 1_234_999, 40)));
    assertEquals(1_234_000, decoded.nanos);
  }

  @Test
  void decodesOnlyTheGivenSlice() {
    byte[] b = ("junk\nb1: " + encode(1, 2, 3, 40) + "\nmore").getBytes(StandardCharsets.UTF_8);
    assertTrue(Payload.decode(b, 5, 5 + 4 + 40, decoded));
    assertEquals(2, decoded.seq);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Enter your username:", "Welcome, b1! Type a message", "b3 has joined the chat.", "b3 has disconnected.",
      "b3: hello", "b3: ~", "b3: ~1", "b3: ~1.2", "b3: ~1.2.", "b3: ~x.2.3", "b3: ~1.2.3x", "b3:~1.2.3", "b3: ~1..3",
      "b3: ~12345678.1.1", "b3: ~1.12345678901.1", "b3: ~1.1.1234567890123456", "b3: ~1.2.3.4", ""})
  void otherLinesAreNotPayloads(String line) {
    assertFalse(decode(line));
  }

  @Test
  void aColonInsideTheNameDoesNotHideThePayload() {
    assertTrue(decode("[12:00] b4: ~4.1.1 abc"));
    assertEquals(4, decoded.sender);
  }

  @Test
  void authorMustBeTheSender() {
    byte[] name = "b7".getBytes(StandardCharsets.UTF_8);
    for (String line : new String[] {"b7: ~7.1.1 x", "[Private from b7]: ~7.1.1 x"}) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertTrue(Payload.decode(b, 0, b.length, decoded));
      assertTrue(Payload.sentBy(b, 0, decoded, name), line);
    }
    String[] impostors = {"b17: ~7.1.1 x", "xb7: ~7.1.1 x", "b8: ~7.1.1 x", "[Private from cb7]: ~7.1.1 x"};
    for (String line : impostors) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertTrue(Payload.decode(b, 0, b.length, decoded));
      assertFalse(Payload.sentBy(b, 0, decoded, name), line);
    }
  }
}
