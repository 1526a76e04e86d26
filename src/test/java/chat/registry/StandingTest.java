package chat.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node's standing through splits and merges, driven by membership events as the registry gets them. */
class StandingTest {

  private final Vertx vertx = Vertx.vertx();
  /** Each node of the fake cluster with its incarnation. */
  private final Map<String, String> cluster = new HashMap<>(Map.of("a", "a1", "b", "b1", "c", "c1"));
  private final List<String> done = new ArrayList<>();
  private final Standing standing = new Standing(membership(), vertx.getOrCreateContext(), new Standing.Actions() {
    @Override
    public void nodeLeft(String node, boolean whole) {
      done.add("left " + node + (whole ? "" : " (cut off)"));
    }

    @Override
    public void cutOff(String why) {
      done.add("cut off: " + why);
    }

    @Override
    public void rejoined(int round) {
      done.add("rejoined " + round);
    }
  });

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void theMajorityAnnouncesTheLostNodeAndStaysWhole() {
    assertTrue(standing.isCurrent("c", "c1"));
    cluster.remove("c");
    standing.nodeLeft("c");
    assertEquals(List.of("left c"), done);
    assertTrue(standing.whole());
    assertFalse(standing.isCurrent("c", "c1"), "lines from c are dropped now");
    cluster.put("c", "c2"); // merged back under a new identity
    standing.nodeJoined("c");
    assertTrue(standing.isCurrent("c", "c2"));
    assertFalse(standing.isCurrent("c", "c1"), "what c sent before it was declared gone is dropped, even late");
    assertEquals(List.of("left c"), done);
  }

  @Test
  void aNodeLeftAloneIsCutOffUntilItHasMergedAndResynchronised() {
    cluster.keySet().retainAll(Set.of("a"));
    standing.nodeLeft("b");
    standing.nodeLeft("c");
    assertEquals(List.of("cut off: 1 of 3 nodes on this side", "left b (cut off)", "left c (cut off)"), done);
    assertFalse(standing.whole());
    standing.merging(); // already cut off: its users were told once
    cluster.putAll(Map.of("a", "a2", "b", "b1", "c", "c1"));
    standing.nodeJoined("b"); // while merging: the merge's data is not in yet
    assertEquals(3, done.size());
    standing.merged();
    assertEquals("rejoined 1", done.get(3));
    assertFalse(standing.whole(), "no logins before the registry has read the names again");
    standing.resynced(1);
    assertTrue(standing.whole());
  }

  @Test
  void aMergeAloneCutsTheNodeOffAndAStaleResyncDoesNotReopenIt() {
    standing.merging();
    assertEquals(List.of("cut off: it was removed from the cluster and is merging back"), done);
    standing.merged();
    assertEquals("rejoined 1", done.get(1));
    cluster.keySet().retainAll(Set.of("a"));
    standing.nodeLeft("b"); // lost the majority again while catching up
    standing.nodeLeft("c");
    standing.resynced(1);
    assertFalse(standing.whole());
    cluster.putAll(Map.of("b", "b1", "c", "c1"));
    standing.nodeJoined("b");
    assertEquals("rejoined 2", done.get(done.size() - 1));
    standing.resynced(2);
    assertTrue(standing.whole());
  }

  @Test
  void aNodeThatSaidGoodbyeDoesNotCount() {
    standing.leaving("b");
    cluster.remove("b");
    standing.nodeLeft("b");
    standing.leaving("c");
    cluster.remove("c");
    standing.nodeLeft("c");
    assertEquals(List.of("left b", "left c"), done);
    assertTrue(standing.whole());
  }

  private Membership membership() {
    return new Membership() {
      @Override
      public String nodeId() {
        return "a";
      }

      @Override
      public String incarnation() {
        return cluster.get("a");
      }

      @Override
      public boolean joined() {
        return cluster.containsKey("a");
      }

      @Override
      public Map<String, String> members() {
        return Map.copyOf(cluster);
      }

      @Override
      public void listen(Listener listener) {
      }
    };
  }
}
