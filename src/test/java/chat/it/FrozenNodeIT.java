package chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.protocol.Lines;
import chat.support.ClusterNodes;
import chat.support.JarProcess;
import chat.support.LineClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node frozen (SIGSTOP) past the heartbeat timeout is declared gone; when it resumes it must not
 * come back as a ghost: its users are told and disconnected, it catches up with the cluster before
 * it takes logins, and a name is never held twice. Three freezes in a row against one cluster.
 */
class FrozenNodeIT {

  /** Detection (8 s) plus slack for a loaded machine: a bound, not a pause. */
  private static final int DETECTION_MILLIS = 40_000;
  /** The bound for a resumed node to be back, with slack for a loaded machine. */
  private static final int REJOIN_SECONDS = 45;
  /**
   * Issue 16's three freezes in a row: each leaves the survivors a connection to the frozen node
   * that never completes, which is what split them before the advanced network (conf/cluster.xml).
   */
  private static final int ROUNDS = 3;

  @Test
  void aResumedNodeDisconnectsItsUsersAndRejoinsConsistently() {
    Map<String, String> env = Map.of(
        "CHAT_CONFIG", JarProcess.config("\"floodRate\": 0, \"http\": {\"enabled\": false}, \"accounts\": {\"enabled\": false}").toString(),
        "CHAT_CLUSTER_NAME", ClusterNodes.uniqueName());
    // One after the other: nodes started at the same moment may form two clusters that merge later.
    try (JarProcess a = JarProcess.start(env, "--cluster");
         JarProcess b = JarProcess.startAfter(a, env, "--cluster");
         JarProcess c = JarProcess.startAfter(b, env, "--cluster")) {
      int portA = a.port();
      int portC = c.port();
      LineClient alice = patient(LineClient.login(portA, "Alice"));
      LineClient carol = patient(LineClient.login(portC, "Carol"));
      alice.expect("Carol has joined the chat.");
      try {
        freezeAndResume(a, b, c, alice, carol);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + clusterLog("A", a) + clusterLog("B", b) + clusterLog("C", c), e);
      }
      assertEquals(ROUNDS, b.seen().stream().filter(l -> l.contains("Cut off from the majority")).count(), String.join("\n", b.seen()));
      alice.close();
      carol.close();
    }
  }

  private static void freezeAndResume(JarProcess a, JarProcess b, JarProcess c, LineClient alice, LineClient carol) {
    int portB = b.port();
    int portC = c.port();
    for (int round = 1; round <= ROUNDS; round++) {
      String ghost = "Bob" + round;
      LineClient oldBob = patient(LineClient.login(portB, ghost));
      alice.expect(ghost + " has joined the chat.");
      carol.expect(ghost + " has joined the chat.");

      b.signal("STOP");
      alice.expect(ghost + " has disconnected.");
      carol.expect(ghost + " has disconnected.");
      LineClient newBob = patient(LineClient.login(portC, ghost));
      alice.expect(ghost + " has joined the chat.");
      carol.expect(ghost + " has joined the chat.");
      // Typed while frozen, read when it resumes: nobody was told of a new join of this user.
      oldBob.send("a line from the ghost");
      b.signal("CONT");

      oldBob.expect(Lines.CUT_OFF);
      oldBob.expectClosed();
      b.awaitLine(l -> l.contains("Back in the cluster"), REJOIN_SECONDS);

      String probe = "Probe" + round;
      LineClient probeB = patient(LineClient.login(portB, probe));
      // The next line each gets is this join: the ghost's line reached no one.
      for (LineClient other : new LineClient[] {alice, carol, newBob}) {
        other.expect(probe + " has joined the chat.");
      }
      String everyone = "Online users (4): Alice, " + ghost + ", Carol, " + probe;
      for (LineClient user : new LineClient[] {alice, carol, newBob, probeB}) {
        user.send("/users");
        user.expect(everyone);
      }
      probeB.send("hello from the node that was frozen");
      for (LineClient other : new LineClient[] {alice, carol, newBob}) {
        other.expect(probe + ": hello from the node that was frozen");
      }
      alice.send("/pm " + probe + " welcome back");
      alice.expect("[Private to " + probe + "]: welcome back");
      probeB.expect("[Private from Alice]: welcome back");
      carol.send("and hello from C");
      probeB.expect("Carol: and hello from C");
      alice.expect("Carol: and hello from C");
      newBob.expect("Carol: and hello from C");

      probeB.send("quit");
      probeB.expect(Lines.goodbye(probe));
      for (LineClient other : new LineClient[] {alice, carol, newBob}) {
        other.expect(probe + " has disconnected.");
      }
      newBob.send("quit");
      newBob.expect(Lines.goodbye(ghost));
      alice.expect(ghost + " has disconnected.");
      carol.expect(ghost + " has disconnected.");
    }
  }

  /** What a node logged about the cluster and its standing, for a failure's message. */
  private static String clusterLog(String label, JarProcess node) {
    try {
      node.awaitLine(l -> l.contains("Cut off"), 3); // a decision just taken may not be logged yet
    } catch (AssertionError none) {
      // nothing more to wait for
    }
    StringBuilder b = new StringBuilder("--- node ").append(label).append(":\n");
    node.allOutput().stream().filter(l -> l.contains("Registry") || l.contains("Members {") || l.contains("merg")
        || l.contains("Removing") || l.contains("Cut off") || l.contains("Back in")).forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }

  private static LineClient patient(LineClient client) {
    try {
      client.socket().setSoTimeout(DETECTION_MILLIS);
    } catch (java.net.SocketException e) {
      throw new AssertionError(e);
    }
    return client;
  }
}
