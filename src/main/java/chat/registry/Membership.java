package chat.registry;

import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeListener;
import java.util.UUID;
import java.util.function.Consumer;

/** Which nodes form the chat: this one alone, or the members of a cluster. */
public interface Membership {

  String nodeId();

  boolean isMember(String nodeId);

  /** Whether this node is (still) a member of its cluster; a node on its own always is. */
  boolean joined();

  /** Calls {@code listener}, on any thread, with the id of every node that leaves or dies. */
  void onNodeLeft(Consumer<String> listener);

  /** A single node on its own. */
  static Membership standalone() {
    String id = UUID.randomUUID().toString();
    return new Membership() {
      @Override
      public String nodeId() {
        return id;
      }

      @Override
      public boolean isMember(String nodeId) {
        return id.equals(nodeId);
      }

      @Override
      public boolean joined() {
        return true;
      }

      @Override
      public void onNodeLeft(Consumer<String> listener) {
      }
    };
  }

  /** The members of the cluster {@code manager} has joined. */
  static Membership cluster(ClusterManager manager) {
    return new Membership() {
      @Override
      public String nodeId() {
        return manager.getNodeId();
      }

      @Override
      public boolean isMember(String nodeId) {
        return manager.getNodes().contains(nodeId);
      }

      /** A cluster manager that has shut down (Hazelcast stopped) throws, or no longer lists this node. */
      @Override
      public boolean joined() {
        try {
          return manager.getNodes().contains(manager.getNodeId());
        } catch (RuntimeException e) {
          return false;
        }
      }

      @Override
      public void onNodeLeft(Consumer<String> listener) {
        manager.nodeListener(new NodeListener() {
          @Override
          public void nodeAdded(String nodeId) {
          }

          @Override
          public void nodeLeft(String nodeId) {
            listener.accept(nodeId);
          }
        });
      }
    };
  }
}
