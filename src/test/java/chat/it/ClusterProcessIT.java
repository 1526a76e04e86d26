package chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.support.ClusterNodes;
import chat.support.JarProcess;
import chat.support.LineClient;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Three fat-jar nodes in a cluster: one is killed, one is stopped, the last keeps serving. */
class ClusterProcessIT {

  @Test
  void survivorsCleanUpAfterADeadNodeAndAStoppedOne() {
    Map<String, String> env = Map.of(
        "CHAT_CONFIG", JarProcess.config("\"floodRate\": 0").toString(), "CHAT_ACCOUNTS", "false",
        "CHAT_CLUSTER_NAME", ClusterNodes.uniqueName());
    // One after the other: nodes started at the same moment may form two clusters, and the smaller
    // one's users would be disconnected when they merge.
    try (JarProcess a = JarProcess.start(env, "--cluster");
         JarProcess b = JarProcess.startAfter(a, env, "--cluster");
         JarProcess c = JarProcess.startAfter(b, env, "--cluster")) {
      int portA = a.port();
      int portB = b.port();
      int portC = c.port();
      for (JarProcess node : new JarProcess[] {a, b, c}) {
        // Hazelcast's warning that its CP subsystem (which the chat does not use) runs unsafe is silenced.
        assertEquals(java.util.List.of(), node.seen().stream().filter(l -> l.contains("UNSAFE")).toList());
      }
      LineClient ann = LineClient.login(portA, "Ann");
      LineClient ben = LineClient.login(portB, "Ben");
      ann.expect("Ben has joined the chat.");
      LineClient cid = LineClient.login(portC, "Cid");
      ann.expect("Cid has joined the chat.");
      ben.expect("Cid has joined the chat.");
      LineClient cat = LineClient.login(portC, "Cat");
      ann.expect("Cat has joined the chat.");
      ben.expect("Cat has joined the chat.");
      cid.expect("Cat has joined the chat.");

      c.process().destroyForcibly(); // kill -9: node C says nothing to anyone
      Set<String> gone = Set.of("Cid has disconnected.", "Cat has disconnected.");
      for (LineClient survivor : new LineClient[] {ann, ben}) {
        assertEquals(gone, Set.of(survivor.readLine(), survivor.readLine()));
        survivor.send("/users");
        survivor.expect("Online users (2): Ann, Ben");
      }
      LineClient cidAgain = LineClient.login(portA, "cid");
      ann.expect("cid has joined the chat.");
      ben.expect("cid has joined the chat.");

      b.process().destroy(); // SIGTERM
      ben.expect("Server is shutting down. Goodbye!");
      ben.expectClosed();
      ann.expect("Ben has disconnected.");
      cidAgain.expect("Ben has disconnected.");
      assertEquals(143, b.waitFor(30));

      ann.send("still here");
      cidAgain.expect("Ann: still here");
      cidAgain.send("/users");
      cidAgain.expect("Online users (2): Ann, cid");
      ann.close();
      cidAgain.close();
    }
  }
}
