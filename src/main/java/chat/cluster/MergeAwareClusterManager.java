package chat.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vertx-hazelcast's cluster manager, and what it misses when this node merges back after a split.
 * The event bus keeps, per address, which nodes subscribe to it, and hears of changes only through
 * the subscription map's entry events. The split removed the other nodes' subscriptions on this
 * side; the merge brings the majority's map back without an event for them, so the event bus would
 * go on publishing to this node alone. After a merge this node reads every address its event bus
 * routes to again, from the merged cluster, and only then tells {@link #onMerged} listeners.
 */
public final class MergeAwareClusterManager extends HazelcastClusterManager {

  private static final Logger log = LoggerFactory.getLogger(MergeAwareClusterManager.class);
  /** vertx-hazelcast's subscription map. */
  static final String SUBSCRIPTIONS = "__vertx.subs";

  /** This node's own subscriptions: vertx-hazelcast puts them back after a merge, but in its own time. */
  private final Map<String, Set<RegistrationInfo>> own = new ConcurrentHashMap<>();
  private final List<Runnable> mergedListeners = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private RegistrationListener routes;

  public MergeAwareClusterManager(Config config) {
    super(config);
  }

  /** Runs {@code listener}, on any thread, each time this node has merged back and its routes are read again. */
  public void onMerged(Runnable listener) {
    mergedListeners.add(listener);
  }

  @Override
  public void init(Vertx vertx) {
    this.vertx = vertx;
    super.init(vertx);
  }

  @Override
  public void registrationListener(RegistrationListener listener) {
    this.routes = listener;
    super.registrationListener(listener);
  }

  @Override
  public void addRegistration(String address, RegistrationInfo registration, Completable<Void> promise) {
    if (!registration.localOnly()) {
      own.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet()).add(registration);
    }
    super.addRegistration(address, registration, promise);
  }

  @Override
  public void removeRegistration(String address, RegistrationInfo registration, Completable<Void> promise) {
    own.computeIfPresent(address, (a, registrations) -> {
      registrations.remove(registration);
      return registrations.isEmpty() ? null : registrations;
    });
    super.removeRegistration(address, registration, promise);
  }

  @Override
  public synchronized void stateChanged(LifecycleEvent event) {
    super.stateChanged(event);
    if (event.getState() == LifecycleState.MERGED && isActive()) {
      vertx.getOrCreateContext().runOnContext(v -> reroute().onComplete(r -> {
        if (r.failed()) {
          log.warn("Merged back, but could not read the event-bus routes again ({})", r.cause().toString());
        } else {
          log.info("Merged back into the cluster: read again who subscribes to the {} addresses this node sends to", r.result());
        }
        mergedListeners.forEach(Runnable::run);
      }));
    }
  }

  /** Returns how many addresses were read again. */
  private Future<Integer> reroute() {
    return vertx.executeBlocking(() -> new TreeSet<>(getHazelcastInstance().<String, Object>getMultiMap(SUBSCRIPTIONS).keySet()), false)
        .compose(addresses -> {
          addresses.addAll(own.keySet());
          List<Future<?>> reads = new ArrayList<>();
          for (String address : addresses) {
            if (routes.wantsUpdatesFor(address)) {
              reads.add(reread(address));
            }
          }
          return Future.all(reads).map(all -> reads.size());
        });
  }

  private Future<?> reread(String address) {
    Promise<List<RegistrationInfo>> found = Promise.promise();
    getRegistrations(address, found);
    return found.future().onSuccess(registrations -> {
      List<RegistrationInfo> all = new ArrayList<>(registrations);
      own.getOrDefault(address, Set.of()).stream().filter(r -> !all.contains(r)).forEach(all::add);
      routes.registrationsUpdated(new RegistrationUpdateEvent(address, all));
    });
  }
}
