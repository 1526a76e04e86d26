package chat.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ClusterConfig;
import chat.support.ClusterNodes;
import com.hazelcast.config.Config;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A member address that accepts connections but never answers, as a frozen node's kernel does,
 * must not keep a Hazelcast I/O thread busy: the links of the other members on that thread would
 * stop carrying heartbeats (issue 16: the two survivors of a frozen node split).
 */
class SilentPeerTest {

  private static final long WINDOW_MILLIS = 3000;
  private static final int ACCEPT_MILLIS = 30_000;

  @Test
  void aHandshakeTheFrozenNodeNeverAnswersWaitsWithoutSpinning() throws Exception {
    try (ServerSocket frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      frozen.setSoTimeout(ACCEPT_MILLIS);
      Config config = ClusterConfig.load(Path.of("conf/cluster.xml"), Map.of("CHAT_CLUSTER_NAME", ClusterNodes.uniqueName()));
      int port = freePort();
      var member = (ServerSocketEndpointConfig) config.getAdvancedNetworkConfig().getEndpointConfigs().get(EndpointQualifier.MEMBER);
      member.setPort(port).setPortAutoIncrement(false);
      var tcpIp = config.getAdvancedNetworkConfig().getJoin().getTcpIpConfig().setMembers(List.of("127.0.0.1:" + port));
      config.setProperty("hazelcast.merge.first.run.delay.seconds", "1").setProperty("hazelcast.merge.next.run.delay.seconds", "1");
      HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
      // Now a member of its own cluster, it looks for others there too, as a survivor does for the frozen node.
      tcpIp.addMember("127.0.0.1:" + frozen.getLocalPort());
      try (Socket connection = frozen.accept()) { // the member's connection, read by no one from here on
        long before = outputThreadsCpuNanos();
        Thread.sleep(WINDOW_MILLIS); // a measuring window, not a wait for something to happen
        long busyMillis = (outputThreadsCpuNanos() - before) / 1_000_000;
        assertTrue(busyMillis < WINDOW_MILLIS / 10, "Hazelcast's I/O output threads were busy " + busyMillis + " ms of " + WINDOW_MILLIS);
      } finally {
        hazelcast.getLifecycleService().terminate();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static long outputThreadsCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(".IO.thread-out-")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }
}
