package chat.server;

import chat.ChatNode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.support.Iptables;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A peer that vanishes without closing: its packets are dropped with an iptables rule on the
 * loopback interface (the "cable pull"), so only TCP keepalive can tell. Needs root and iptables,
 * which .ci/run installs; elsewhere the test is skipped.
 */
class DeadPeerTest {

  @Test
  void aVanishedPeerIsDroppedWhileAnIdleOneStays() throws Exception {
    String iptables = Iptables.find();
    assumeTrue(iptables != null, "needs root and a working iptables");
    // The native transport, as ./run.sh uses: it also bounds unacknowledged data (TCP_USER_TIMEOUT).
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    assumeTrue(vertx.isNativeTransportEnabled(), "needs Netty's epoll transport");
    ChatNode node = TestNodes.start(vertx, new JsonObject().put("deadPeerSeconds", 6));
    try (LineClient idle = LineClient.login(node.port(), "Idle"); LineClient ghost = LineClient.login(node.port(), "Ghost")) {
      idle.expect("Ghost has joined the chat.");
      String port = String.valueOf(ghost.socket().getLocalPort());
      List<String> rule = List.of("INPUT", "-i", "lo", "-p", "tcp", "--sport", port, "-j", "DROP");
      Iptables.run(iptables, "-I", rule);
      try {
        // Nothing is sent to either; the server's keepalive probes find that Ghost no longer answers.
        idle.expect("Ghost has disconnected.");
      } finally {
        Iptables.run(iptables, "-D", rule);
      }
      idle.send("/users");
      idle.expect("Online users (1): Idle");
    } finally {
      TestNodes.await(node.shutdown());
      TestNodes.await(vertx.close());
    }
  }
}
