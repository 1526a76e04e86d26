package chat.registry;

import chat.cluster.MergeAwareClusterManager;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.vertx.core.spi.cluster.NodeListener;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Which nodes form the chat: this one alone, or the members of a cluster. */
public interface Membership {

  String nodeId();

  /**
   * This node's incarnation: it changes when the node rejoins the cluster after a split, so what it
   * sent before can be told from what it sends after.
   */
  String incarnation();

  /** Whether this node is (still) a member of its cluster; a node on its own always is. */
  boolean joined();

  /** The nodes in the cluster now, this one included: each id with its incarnation (an unmodifiable map). */
  Map<String, String> members();

  /** Calls {@code listener}, on any thread, as nodes join and leave and when this node merges back after a split. */
  void listen(Listener listener);

  /** What happens to the cluster, as seen from this node. */
  interface Listener {
    void nodeJoined(String nodeId);

    /** The node left or died, or this node lost contact with it. */
    void nodeLeft(String nodeId);

    /** This node was split from the cluster and is rejoining it under a new member identity. */
    void merging();

    /**
     * This node has rejoined the cluster after {@link #merging}: its data has been merged, and its
     * event bus routes to the other members' subscriptions again.
     */
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
      public String incarnation() {
        return id;
      }

      @Override
      public boolean joined() {
        return true;
      }

      @Override
      public Map<String, String> members() {
        return Map.of(id, id);
      }

      @Override
      public void listen(Listener listener) {
      }
    };
  }

  /** The member attribute vertx-hazelcast stores each node's Vert.x node id in. */
  String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  /** The members of the cluster {@code manager} has joined. */
  static Membership cluster(MergeAwareClusterManager manager) {
    return new Membership() {
      @Override
      public String nodeId() {
        return manager.getNodeId();
      }

      @Override
      public String incarnation() {
        return manager.getHazelcastInstance().getCluster().getLocalMember().getUuid().toString();
      }

      /** Hazelcast's member identity is reset when a node merges back; the Vert.x node id is not. */
      @Override
      public Map<String, String> members() {
        Map<String, String> members = new HashMap<>();
        for (Member member : manager.getHazelcastInstance().getCluster().getMembers()) {
          String nodeId = member.getAttribute(NODE_ID_ATTRIBUTE);
          if (nodeId != null) {
            members.put(nodeId, member.getUuid().toString());
          }
        }
        return Map.copyOf(members);
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
          }
        });
        manager.onMerged(listener::merged);
      }
    };
  }
}
