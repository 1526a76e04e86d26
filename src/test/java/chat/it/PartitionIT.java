package chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.protocol.Lines;
import chat.support.AdminClient;
import chat.support.ClusterNodes;
import chat.support.Iptables;
import chat.support.JarProcess;
import chat.support.LineClient;
import chat.support.WsClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A real partition without freezing: node C listens on 127.0.0.2 and iptables drops everything
 * between 127.0.0.1 and 127.0.0.2 on loopback (its users still reach it on 127.0.0.1). The majority
 * side goes on, the minority side ends its sessions and refuses logins, and after the partition
 * heals the cluster is one chat again. Skipped without root and iptables.
 */
class PartitionIT {

  private static final int DETECTION_MILLIS = 40_000;
  private static final int REJOIN_SECONDS = 45;
  private static final List<List<String>> CUT = List.of(
      List.of("INPUT", "-i", "lo", "-s", "127.0.0.2", "-d", "127.0.0.1", "-j", "DROP"),
      List.of("INPUT", "-i", "lo", "-s", "127.0.0.1", "-d", "127.0.0.2", "-j", "DROP"));

  @Test
  void theMajorityGoesOnTheMinorityStopsAndTheHealedClusterIsOneChat() throws Exception {
    String iptables = Iptables.find();
    assumeTrue(iptables != null, "needs root and a working iptables");
    String config = JarProcess.config("\"floodRate\": 0, \"accounts\": {\"enabled\": false}").toString();
    String cluster = ClusterNodes.uniqueName();
    Map<String, String> onFirst = Map.of("CHAT_CONFIG", config, "CHAT_CLUSTER_NAME", cluster,
        "CHAT_CLUSTER_CONFIG", hazelcastFile(true).toString());
    // 127.0.0.2 is loopback too but no interface lists it, so Hazelcast (and Vert.x's event bus) is told outright.
    Map<String, String> onSecond = Map.of("CHAT_CONFIG", config, "CHAT_CLUSTER_NAME", cluster,
        "CHAT_CLUSTER_CONFIG", hazelcastFile(false).toString(),
        "JAVA_TOOL_OPTIONS", "-Dhazelcast.local.localAddress=127.0.0.2");
    // One after the other: nodes started at the same moment may form two clusters that merge later.
    Vertx vertx = Vertx.vertx();
    try (JarProcess a = JarProcess.start(onFirst, "--cluster");
         JarProcess b = JarProcess.startAfter(a, onFirst, "--cluster");
         JarProcess c = JarProcess.startAfter(b, onSecond, "--cluster")) {
      int portA = a.port();
      int portB = b.port();
      int portC = c.port();
      LineClient alice = patient(LineClient.login(portA, "Alice"));
      LineClient bert = patient(LineClient.login(portB, "Bert"));
      alice.expect("Bert has joined the chat.");
      LineClient cleo = patient(LineClient.login(portC, "Cleo"));
      alice.expect("Cleo has joined the chat.");
      bert.expect("Cleo has joined the chat.");
      WsClient wren = WsClient.login(vertx, c.webPort(), "Wren"); // a browser's WebSocket on the same node
      for (LineClient other : new LineClient[] {alice, bert, cleo}) {
        other.expect("Wren has joined the chat.");
      }

      boolean cut = false;
      try {
        for (List<String> rule : CUT) {
          Iptables.run(iptables, "-I", rule);
        }
        cut = true;
        // The majority side: Cleo and Wren are gone, their names are free, the chat goes on.
        for (LineClient majority : new LineClient[] {alice, bert}) {
          assertEquals(Set.of("Cleo has disconnected.", "Wren has disconnected."), Set.of(majority.readLine(), majority.readLine()));
        }
        // The minority side: its users are told and disconnected, whatever the transport; nobody can log in there.
        cleo.expect(Lines.CUT_OFF);
        cleo.expectClosed();
        AdminClient adminC = new AdminClient(c.adminPort());
        AdminClient.Reply notReady = adminC.get("/ready");
        assertEquals(503, notReady.status(), notReady.body());
        assertTrue(notReady.body().contains("majority"), notReady.body());
        wren.expect(Lines.CUT_OFF);
        wren.expectClosed();
        try (LineClient refused = patient(LineClient.connect(portC))) {
          refused.expect(Lines.PROMPT);
          refused.send("Cleo");
          refused.expect(Lines.CUT_OFF_LOGIN);
          refused.expectClosed();
        }
        LineClient newCleo = patient(LineClient.login(portB, "Cleo"));
        alice.expect("Cleo has joined the chat.");
        bert.expect("Cleo has joined the chat.");
        alice.send("the majority goes on");
        bert.expect("Alice: the majority goes on");
        newCleo.expect("Alice: the majority goes on");

        for (List<String> rule : CUT) {
          Iptables.run(iptables, "-D", rule);
        }
        cut = false;
        c.awaitLine(l -> l.contains("Back in the cluster"), REJOIN_SECONDS);
        assertEquals(200, adminC.get("/ready").status());

        LineClient cyd = patient(LineClient.login(portC, "Cyd"));
        for (LineClient other : new LineClient[] {alice, bert, newCleo}) {
          other.expect("Cyd has joined the chat.");
        }
        for (LineClient user : new LineClient[] {alice, bert, newCleo, cyd}) {
          user.send("/users");
          user.expect("Online users (4): Alice, Bert, Cleo, Cyd");
        }
        cyd.send("hello from the healed side");
        for (LineClient other : new LineClient[] {alice, bert, newCleo}) {
          other.expect("Cyd: hello from the healed side");
        }
        newCleo.send("/pm Cyd hi");
        newCleo.expect("[Private to Cyd]: hi");
        cyd.expect("[Private from Cleo]: hi");
        alice.send("one chat again");
        cyd.expect("Alice: one chat again");
        for (LineClient user : new LineClient[] {alice, bert, newCleo, cyd}) {
          user.close();
        }
      } finally {
        if (cut) {
          for (List<String> rule : CUT) {
            Iptables.run(iptables, "-D", rule);
          }
        }
      }
    } finally {
      WsClient.await(vertx.close());
    }
  }

  /** The shipped Hazelcast file with both loopback addresses as members, with or without its interface setting. */
  private static Path hazelcastFile(boolean interfaces) throws IOException {
    String xml = Files.readString(Path.of("conf/cluster.xml"))
        .replace("<member>127.0.0.1</member>", "<member>127.0.0.1</member><member>127.0.0.2</member>")
        .replace("<interfaces enabled=\"true\">", "<interfaces enabled=\"" + interfaces + "\">");
    Path file = Files.createTempFile("cluster", ".xml");
    file.toFile().deleteOnExit();
    Files.writeString(file, xml);
    return file;
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
