package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.client.ServerLine.Kind;
import chat.protocol.Lines;
import org.junit.jupiter.api.Test;

/** Telling the server's lines apart, on the exact lines the server sends. */
class ServerLineTest {

  @Test
  void loginLines() {
    assertEquals(new ServerLine(Kind.PROMPT, Lines.PROMPT, null, null), ServerLine.parse(Lines.PROMPT));
    assertEquals(new ServerLine(Kind.WELCOME, Lines.welcome("Sam"), "Sam", null), ServerLine.parse(Lines.welcome("Sam")));
    assertEquals(new ServerLine(Kind.WELCOME, "Welcome, sam!", "sam", null), ServerLine.parse("Welcome, sam!"));
    assertEquals(new ServerLine(Kind.REFUSED, Lines.nameTaken("sam"), "sam", null), ServerLine.parse(Lines.nameTaken("sam")));
    String invalid = Lines.invalidName("use only letters, digits, '_' or '-'.");
    assertEquals(new ServerLine(Kind.REFUSED, invalid, null, null), ServerLine.parse(invalid));
  }

  @Test
  void presenceAndUsers() {
    assertEquals(new ServerLine(Kind.JOINED, Lines.joined("Tom"), "Tom", null), ServerLine.parse(Lines.joined("Tom")));
    assertEquals(new ServerLine(Kind.LEFT, Lines.disconnected("Tom"), "Tom", null), ServerLine.parse(Lines.disconnected("Tom")));
    assertEquals(Kind.USERS, ServerLine.parse("Online users (3): Eliya, Sam, Tom").kind());
    assertEquals(Kind.USERS, ServerLine.parse("Online users (2100, part 1 of 5): a, b").kind());
  }

  @Test
  void publicAndPrivateLines() {
    assertEquals(new ServerLine(Kind.PUBLIC, "Tom: hi: there", "Tom", "hi: there"), ServerLine.parse("Tom: hi: there"));
    assertEquals(new ServerLine(Kind.PUBLIC, "Tom: /text", "Tom", "/text"), ServerLine.parse(Lines.message("Tom", "/text")));
    assertEquals(new ServerLine(Kind.PRIVATE_FROM, Lines.privateFrom("Tom", "psst"), "Tom", "psst"),
        ServerLine.parse(Lines.privateFrom("Tom", "psst")));
    assertEquals(new ServerLine(Kind.PRIVATE_TO, Lines.privateTo("Tom", "a]: b"), "Tom", "a]: b"),
        ServerLine.parse(Lines.privateTo("Tom", "a]: b")));
  }

  @Test
  void endingsAndLinesThatOnlyLookLikeAUsersLine() {
    assertEquals(Kind.SHUTDOWN, ServerLine.parse(Lines.SHUTDOWN).kind());
    assertEquals(Kind.KICKED, ServerLine.parse(Lines.FLOOD_KICK).kind());
    assertEquals(Kind.KICKED, ServerLine.parse(Lines.kicked("spamming")).kind());
    assertEquals(Kind.KICKED, ServerLine.parse(Lines.kicked("")).kind());
    assertEquals(Kind.OTHER, ServerLine.parse(Lines.notice("Restart at 05:00")).kind());
    assertEquals(Kind.OTHER, ServerLine.parse(Lines.PM_USAGE).kind());
    assertEquals(Kind.OTHER, ServerLine.parse(Lines.unknownCommand("/x")).kind());
    assertEquals(Kind.OTHER, ServerLine.parse(Lines.notOnline("Bob")).kind());
    assertEquals(Kind.OTHER, ServerLine.parse("Tom has joined the chat. Or not.").kind());
    assertEquals(Kind.PUBLIC, ServerLine.parse("Tom: Sam has joined the chat.").kind());
  }
}
