package chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.support.ClusterNodes;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.impl.clustered.DefaultNodeSelector;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import io.vertx.spi.cluster.hazelcast.impl.HazelcastRegistrationInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node merged back from a split publishes to the subscriptions the merge brought back, before it
 * says it is back, though its event bus (Vert.x's own node selector) never heard of them.
 */
class MergeAwareClusterManagerTest {

  private static final String ADDRESS = "chat.presence";
  private static final String MAJORITY = "a-node-of-the-majority";

  private final SplitOff routes = new SplitOff();
  private Vertx vertx;
  private MergeAwareClusterManager manager;

  @BeforeEach
  void join() throws Exception {
    vertx = Vertx.vertx();
    manager = new MergeAwareClusterManager(ClusterNodes.hazelcastConfig(ClusterNodes.uniqueName()));
    manager.init(vertx);
    routes.selector.init(manager);
    manager.registrationListener(routes);
    Promise<Void> joined = Promise.promise();
    manager.join(joined);
    joined.future().await(60, TimeUnit.SECONDS);
    Promise<Void> published = Promise.promise();
    manager.setNodeInfo(new NodeInfo("127.0.0.1", 1, null), published);
    published.future().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void leave() throws Exception {
    Promise<Void> left = Promise.promise();
    manager.leave(left);
    left.future().await(60, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aMergedNodeRoutesToTheMajoritysSubscriptionsBeforeItSaysItIsBack() throws Exception {
    String self = manager.getNodeId();
    Promise<Void> subscribed = Promise.promise();
    manager.addRegistration(ADDRESS, new RegistrationInfo(self, 1, false), subscribed);
    subscribed.future().await(10, TimeUnit.SECONDS);
    assertEquals(Set.of(self), publishTo(ADDRESS).get(10, TimeUnit.SECONDS));

    // As in a merge: the majority's subscription is in the map, and no event brings it to the selector.
    manager.getHazelcastInstance().getMultiMap(MergeAwareClusterManager.SUBSCRIPTIONS)
        .put(ADDRESS, new HazelcastRegistrationInfo(new RegistrationInfo(MAJORITY, 1, false)));
    routes.missed.get(10, TimeUnit.SECONDS);
    assertEquals(Set.of(self), publishTo(ADDRESS).get(10, TimeUnit.SECONDS), "Vert.x's cached route, left behind");

    CompletableFuture<Set<String>> whenBack = new CompletableFuture<>();
    manager.onMerged(() -> publishTo(ADDRESS).thenAccept(whenBack::complete));
    manager.stateChanged(new LifecycleEvent(LifecycleState.MERGED));
    assertEquals(Set.of(self, MAJORITY), whenBack.get(30, TimeUnit.SECONDS));
  }

  private CompletableFuture<Set<String>> publishTo(String address) {
    CompletableFuture<Set<String>> nodes = new CompletableFuture<>();
    routes.selector.selectForPublish(address, (found, failure) -> {
      if (failure != null) {
        nodes.completeExceptionally(failure);
      } else {
        List<String> all = new ArrayList<>();
        found.forEach(all::add);
        nodes.complete(Set.copyOf(all));
      }
    });
    return nodes;
  }

  /**
   * Vert.x's node selector, deaf to what the subscription map's events (read on vertx-hazelcast's own
   * thread) say of the majority, as after a merge; the cluster manager's reads on a context get through.
   */
  private static final class SplitOff implements RegistrationListener {
    final DefaultNodeSelector selector = new DefaultNodeSelector();
    final CompletableFuture<Void> missed = new CompletableFuture<>();

    @Override
    public void registrationsUpdated(RegistrationUpdateEvent event) {
      boolean fromMajority = event.registrations().stream().anyMatch(r -> r.nodeId().equals(MAJORITY));
      if (fromMajority && Vertx.currentContext() == null) {
        missed.complete(null);
      } else {
        selector.registrationsUpdated(event);
      }
    }

    @Override
    public void registrationsLost() {
      selector.registrationsLost();
    }

    @Override
    public boolean wantsUpdatesFor(String address) {
      return selector.wantsUpdatesFor(address);
    }
  }
}
