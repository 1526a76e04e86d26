package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.protocol.Lines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is online, learnt from /users answers (whole or in parts), joins and departures. */
class RosterTest {

  private final Roster roster = new Roster();

  private void offer(String line) {
    roster.offer(ServerLine.parse(line));
  }

  @Test
  void aOneLineAnswerListsEveryoneButYou() {
    roster.reset("Sam");
    assertEquals(List.of(), roster.others());
    offer("Online users (3): eliya, Sam, Tom");
    assertEquals(List.of("eliya", "Tom"), roster.others());
  }

  @Test
  void joinsAndDeparturesChangeIt() {
    roster.reset("Sam");
    offer("Online users (2): Sam, Tom");
    offer(Lines.joined("Zed"));
    offer(Lines.disconnected("Tom"));
    offer(Lines.message("Ann", "has joined the chat."));
    assertEquals(List.of("Zed"), roster.others());
  }

  @Test
  void aLongAnswerInPartsReplacesTheListOnceComplete() {
    roster.reset("Sam");
    offer("Online users (2): Old, Sam");
    offer("Online users (5, part 1 of 2): a, b, Sam");
    assertEquals(List.of("Old"), roster.others());
    offer("Online users (5, part 2 of 2): c, d");
    assertEquals(List.of("a", "b", "c", "d"), roster.others());
  }

  @Test
  void aNewPartOneStartsAgain() {
    roster.reset("Sam");
    offer("Online users (4, part 1 of 2): a, b");
    offer("Online users (3, part 1 of 2): x");
    offer("Online users (3, part 2 of 2): y");
    assertEquals(List.of("x", "y"), roster.others());
  }

  @Test
  void aNewLoginForgetsEveryone() {
    roster.reset("Sam");
    offer("Online users (2): Sam, Tom");
    roster.reset(null);
    assertEquals(List.of(), roster.others());
  }
}
