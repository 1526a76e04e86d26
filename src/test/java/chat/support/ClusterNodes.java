package chat.support;

import chat.ChatConfig;
import chat.ClusterConfig;
import chat.registry.Membership;
import chat.ChatNode;
import chat.cluster.MergeAwareClusterManager;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.instance.EndpointQualifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Clustered chat nodes in this JVM, on the shipped conf/cluster.xml with a cluster name of their own. */
public final class ClusterNodes {

  /** One clustered Vert.x instance and the chat node on it. */
  public record Node(Vertx vertx, ChatNode chat) {
    public int port() {
      return chat.port();
    }

    public int adminPort() {
      return chat.adminPort();
    }

    public HazelcastClusterManager manager() {
      return (HazelcastClusterManager) ((io.vertx.core.internal.VertxInternal) vertx).clusterManager();
    }

    public int httpPort() {
      return chat.httpPort();
    }

    public Vertx vertx() {
      return vertx;
    }

    public void stop() {
      try {
        // Closed from this thread: a close chained on an event loop would complete on a dead loop.
        chat.shutdown().await(60, TimeUnit.SECONDS);
        vertx.close().await(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  private static final Map<String, Integer> BASE_PORTS = new ConcurrentHashMap<>();

  private ClusterNodes() {
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A cluster name no other test run shares, so parallel or leftover nodes never join ours. */
  public static String uniqueName() {
    return "chat-test-" + UUID.randomUUID();
  }

  /**
   * Waits until every node counts all of {@code nodes} as cluster members: a node that started while
   * others' Hazelcast members held the seed ports may form a cluster of its own and merge later.
   */
  public static void awaitMembers(Node... nodes) {
    for (Node node : nodes) {
      var manager = (HazelcastClusterManager) ((io.vertx.core.internal.VertxInternal) node.vertx()).clusterManager();
      var hazelcast = manager.getHazelcastInstance();
      CompletableFuture<Void> formed = new CompletableFuture<>();
      Runnable check = () -> {
        if (manager.getNodes().size() >= nodes.length) {
          formed.complete(null);
        }
      };
      // Checked on every change, and once after listening, so no change between the two is missed.
      UUID members = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent event) {
          check.run();
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
        }
      });
      UUID merges = hazelcast.getLifecycleService().addLifecycleListener(event -> {
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
          check.run();
        }
      });
      try {
        check.run();
        formed.get(90, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("the nodes did not form one cluster: " + manager.getNodes());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } catch (ExecutionException e) {
        throw new AssertionError(e);
      } finally {
        hazelcast.getCluster().removeMembershipListener(members);
        hazelcast.getLifecycleService().removeLifecycleListener(merges);
      }
    }
  }

  /** The shipped conf/cluster.xml, for a cluster of its own on ports of its own. */
  public static Config hazelcastConfig(String clusterName) throws IOException {
    var config = ClusterConfig.load(Path.of("conf/cluster.xml"), Map.of("CHAT_CLUSTER_NAME", clusterName));
    // Members probe only their own cluster's ports: other clusters on this host (other test runs,
    // servers on 5701-5720) would otherwise be probed first and slow the join down to a later merge.
    var member = (ServerSocketEndpointConfig) config.getAdvancedNetworkConfig().getEndpointConfigs().get(EndpointQualifier.MEMBER);
    member.setPort(BASE_PORTS.computeIfAbsent(clusterName, n -> freePort())).setPortAutoIncrement(true);
    return config;
  }

  /** A node with accounts off, as a clustered node must be without a shared database. */
  public static Node start(String clusterName) {
    return start(clusterName, new JsonObject());
  }

  /**
   * A node with {@code overrides} over the test settings (floodRate 0, random ports, and accounts
   * off unless the overrides give a shared store: a clustered node refuses the embedded one).
   */
  public static Node start(String clusterName, JsonObject overrides) {
    try {
      MergeAwareClusterManager manager = new MergeAwareClusterManager(hazelcastConfig(clusterName));
      Vertx vertx = Vertx.builder().withClusterManager(manager).buildClustered().await(60, TimeUnit.SECONDS);
      JsonObject settings = new JsonObject().put("floodRate", 0);
      if (!overrides.containsKey("store")) {
        settings.put("accounts", new JsonObject().put("enabled", false)); // no shared store: a clustered node needs accounts off
      }
      settings.mergeIn(overrides);
      ChatNode chat = ChatNode.deploy(vertx, ChatConfig.from(TestNodes.config(settings)), Membership.cluster(manager))
          .await(60, TimeUnit.SECONDS);
      return new Node(vertx, chat);
    } catch (Exception e) {
      throw new AssertionError("clustered node did not start", e);
    }
  }
}
