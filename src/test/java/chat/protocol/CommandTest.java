package chat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.protocol.Command.Kind;
import org.junit.jupiter.api.Test;

/** How a logged-in user's line is read: the command word in any case, its arguments, the usage cases. */
class CommandTest {

  private static void assertParsed(String line, Kind kind, String target, String text) {
    Command command = Command.parse(line);
    assertEquals(kind, command.kind(), line);
    assertEquals(target, command.target(), line);
    assertEquals(text, command.text(), line);
  }

  @Test
  void aPrivateMessageHasItsTargetAndItsTextWithInnerSpacesKept() {
    assertParsed("/pm bob hi there", Kind.PRIVATE, "bob", "hi there");
    assertParsed("  /PM \t bob \t  hi  there  ", Kind.PRIVATE, "bob", "hi  there");
    assertParsed("/Pm bob x", Kind.PRIVATE, "bob", "x");
  }

  @Test
  void aPrivateMessageWithoutTargetOrTextIsTheUsageCase() {
    assertParsed("/pm", Kind.PM_USAGE, null, null);
    assertParsed("/pm   ", Kind.PM_USAGE, null, null);
    assertParsed("/pm bob", Kind.PM_USAGE, null, null);
    assertParsed("/pm bob    ", Kind.PM_USAGE, null, null);
  }

  @Test
  void commandWordsMatchInAnyCaseAndOnlyWhole() {
    assertParsed("/USERS", Kind.USERS, null, null);
    assertParsed("/help me", Kind.HELP, null, null);
    assertParsed("/Quit", Kind.QUIT, null, null);
    assertParsed("QUIT", Kind.QUIT, null, null);
    assertParsed("/pmx bob hi", Kind.UNKNOWN, "/pmx", null);
    assertParsed("/user", Kind.UNKNOWN, "/user", null);
    assertParsed("/p", Kind.UNKNOWN, "/p", null);
  }

  @Test
  void onlyAsciiLettersFoldCase() {
    // The Kelvin sign lower-cases to 'k' and the long s upper-cases to 'S'; neither is a command letter.
    assertParsed("/u\u017Fers", Kind.UNKNOWN, "/u\u017Fers", null);
    assertParsed("/h\u00C9lp", Kind.UNKNOWN, "/h\u00C9lp", null);
  }

  @Test
  void aLineNotStartingWithASlashOrStartingWithTwoIsPublic() {
    assertParsed(" hello  there", Kind.MESSAGE, null, " hello  there");
    assertParsed("//pm is a command", Kind.MESSAGE, null, "/pm is a command");
  }

  @Test
  void accountCommandsTakeTheirWords() {
    assertParsed("/register secret", Kind.REGISTER, null, "secret");
    assertParsed("/register two words", Kind.REGISTER, null, null);
    assertParsed("/password old new", Kind.PASSWORD, "old", "new");
    assertParsed("/password old", Kind.PASSWORD, null, null);
  }
}
