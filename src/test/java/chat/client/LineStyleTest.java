package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.protocol.Lines;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/** What a terminal line looks like: time, colour for lines meant for you, nothing the server could smuggle in. */
class LineStyleTest {

  private static final Clock NOON = Clock.fixed(Instant.parse("2025-01-01T12:05:00Z"), ZoneOffset.UTC);
  private final LineStyle style = new LineStyle(true, true, NOON);

  private static ServerLine line(String raw) {
    return ServerLine.parse(raw);
  }

  @Test
  void everyLineHasItsTime() {
    assertEquals(new AttributedString("12:05 Tom: hi"), style.server(line("Tom: hi"), "Sam"));
    assertEquals(new AttributedString("12:05 Sam: hello"), style.own("Sam", "hello"));
    assertEquals(new AttributedString("12:05 Disconnected from server."), style.notice("Disconnected from server."));
    assertEquals(new AttributedString("Tom: hi"), new LineStyle(false, true, NOON).server(line("Tom: hi"), "Sam"));
  }

  @Test
  void privateLinesAndMentionsAreForYou() {
    assertTrue(LineStyle.forYou(line(Lines.privateFrom("Tom", "psst")), "Sam"));
    assertTrue(LineStyle.forYou(line("Tom: hey sam, look"), "Sam"));
    assertTrue(LineStyle.forYou(line("Tom: @Sam!"), "Sam"));
    assertFalse(LineStyle.forYou(line("Tom: samuel"), "Sam"));
    assertFalse(LineStyle.forYou(line("Tom: sam_2"), "Sam"));
    assertFalse(LineStyle.forYou(line("Sam: I am sam"), "Sam"));
    assertFalse(LineStyle.forYou(line(Lines.privateTo("Tom", "sam")), "Sam"));
    assertFalse(LineStyle.forYou(line(Lines.joined("Sam")), "Sam"));
    assertFalse(LineStyle.forYou(line("Tom: sam"), null));
  }

  @Test
  void linesForYouAreColouredWhenColourIsOn() {
    assertEquals(new AttributedString("12:05 [Private from Tom]: psst", LineStyle.PRIVATE),
        style.server(line(Lines.privateFrom("Tom", "psst")), "Sam"));
    assertEquals(new AttributedString("12:05 Tom: hi Sam", LineStyle.MENTION), style.server(line("Tom: hi Sam"), "Sam"));
    assertEquals(new AttributedString("12:05 Tom: hi Sam", AttributedStyle.DEFAULT),
        new LineStyle(true, false, NOON).server(line("Tom: hi Sam"), "Sam"));
  }

  @Test
  void colourNeedsAColourTerminalAndNoNoColor() {
    assertTrue(LineStyle.colourWanted(Map.of(), 256));
    assertTrue(LineStyle.colourWanted(Map.of("NO_COLOR", ""), 8));
    assertFalse(LineStyle.colourWanted(Map.of("NO_COLOR", "1"), 256));
    assertFalse(LineStyle.colourWanted(Map.of(), 0));
  }

  @Test
  void controlCharactersFromTheServerAreNotShown() {
    assertEquals(new AttributedString("12:05 Tom: [31mred"), style.server(line("Tom: \u001b[31mred"), "Sam"));
  }
}
