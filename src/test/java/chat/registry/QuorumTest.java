package chat.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which side of a split may go on: a strict majority of the nodes counted, where a goodbye uncounts a node. */
class QuorumTest {

  @Test
  void twoOfThreeGoOnAndTheLoneNodeDoesNot() {
    Quorum majority = new Quorum(Set.of("a", "b", "c"));
    assertTrue(majority.left("c", Set.of("a", "b")));
    Quorum minority = new Quorum(Set.of("a", "b", "c"));
    assertFalse(minority.left("a", Set.of("c")));
    assertFalse(minority.left("b", Set.of("c")));
  }

  @Test
  void aNodeThatSaidGoodbyeIsNoLongerCounted() {
    Quorum quorum = new Quorum(Set.of("a", "b", "c"));
    assertTrue(quorum.left("c", Set.of("a", "b"))); // c vanished: a and b write it off
    quorum.leaving("b");
    assertTrue(quorum.left("b", Set.of("a")), "the last node of an orderly shrinking cluster goes on");
  }

  @Test
  void aVanishedNodeOfTwoLeavesTheOtherWithoutAMajority() {
    Quorum quorum = new Quorum(Set.of("a", "b"));
    assertFalse(quorum.left("b", Set.of("a")));
    quorum.joined("c");
    assertTrue(quorum.isMajority(Set.of("a", "c")), "a new node makes two of three");
  }

  @Test
  void neitherHalfOfFourGoesOn() {
    Quorum left = new Quorum(Set.of("a", "b", "c", "d"));
    assertFalse(left.left("c", Set.of("a", "b")), "a split into two pairs at once");
  }

  @Test
  void aCutOffNodeIsWholeAgainWhenTheOthersAreBack() {
    Quorum quorum = new Quorum(Set.of("a", "b", "c"));
    assertFalse(quorum.left("a", Set.of("c")));
    assertFalse(quorum.left("b", Set.of("c")));
    quorum.joined("a");
    quorum.joined("b");
    assertTrue(quorum.isMajority(Set.of("a", "b", "c")));
  }
}
