package chat.registry;

import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Set;
import java.util.UUID;

/** Which nodes form the chat: this one alone, or the members of a cluster. */
public interface Membership {

  String nodeId();

  /** The ids of the nodes in the cluster now, this one included (an unmodifiable set). */
  Set<String> nodes();

  /** Calls {@code listener}, on any thread, as nodes join and leave and when this node merges back after a split. */
  void listen(Listener listener);

  /** What happens to the cluster, as seen from this node. */
  interface Listener {
    void nodeJoined(String nodeId);

    /** The node left or died, or this node lost contact with it. */
    void nodeLeft(String nodeId);

    /** This node was split from the cluster and is rejoining it under a new member identity. */
    void merging();

    /** This node has rejoined the cluster after {@link #merging}; its data has been merged. */
    void merged();
  }

  /** Hands every event to {@code listener} on {@code context}, in the order they come. */
  static Listener on(io.vertx.core.Context context, Listener listener) {
    return new Listener() {
      @Override
      public void nodeJoined(String nodeId) {
        context.runOnContext(v -> listener.nodeJoined(nodeId));
      }

      @Override
      public void nodeLeft(String nodeId) {
        context.runOnContext(v -> listener.nodeLeft(nodeId));
      }

      @Override
      public void merging() {
        context.runOnContext(v -> listener.merging());
      }

      @Override
      public void merged() {
        context.runOnContext(v -> listener.merged());
      }
    };
  }

  /** A single node on its own. */
  static Membership standalone() {
    String id = UUID.randomUUID().toString();
    return new Membership() {
      @Override
      public String nodeId() {
        return id;
      }

      @Override
      public Set<String> nodes() {
        return Set.of(id);
      }

      @Override
      public void listen(Listener listener) {
      }
    };
  }

  /** The members of the cluster {@code manager} has joined. */
  static Membership cluster(HazelcastClusterManager manager) {
    return new Membership() {
      @Override
      public String nodeId() {
        return manager.getNodeId();
      }

      @Override
      public Set<String> nodes() {
        return Set.copyOf(manager.getNodes());
      }

      @Override
      public void listen(Listener listener) {
        manager.nodeListener(new NodeListener() {
          @Override
          public void nodeAdded(String nodeId) {
            listener.nodeJoined(nodeId);
          }

          @Override
          public void nodeLeft(String nodeId) {
            listener.nodeLeft(nodeId);
          }
        });
        manager.getHazelcastInstance().getLifecycleService().addLifecycleListener(event -> {
          if (event.getState() == LifecycleState.MERGING) {
            listener.merging();
          } else if (event.getState() == LifecycleState.MERGED) {
            listener.merged();
          }
        });
      }
    };
  }
}
