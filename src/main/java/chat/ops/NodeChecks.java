package chat.ops;

import chat.registry.Membership;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code /health} and {@code /ready} check. Alive: every event loop of the node runs a no-op
 * within the bound, and the cluster manager is still running (a stopped Hazelcast never comes back
 * in this process, so a restart is the cure). Ready: the listeners are open, the cluster is
 * joined, and every check added with {@link #addReadiness} (a store's ping) succeeds in time.
 */
public final class NodeChecks {

  /** How long an event loop, or a readiness check, may take to answer. */
  public static final long DEFAULT_BOUND_MILLIS = 1000;

  private final Vertx vertx;
  private final long boundMillis;
  private final HealthChecks health;
  private final HealthChecks ready;

  public NodeChecks(Vertx vertx, long boundMillis, List<Context> loops, Membership membership, BooleanSupplier listening) {
    this.vertx = vertx;
    this.boundMillis = boundMillis;
    this.health = HealthChecks.create(vertx);
    this.ready = HealthChecks.create(vertx);
    boolean clustered = vertx.isClustered();
    health.register("event-loops", 2 * boundMillis, promise -> loops(loops, promise));
    ready.register("listening", promise -> promise.complete(listening.getAsBoolean() ? Status.OK() : Status.KO()));
    if (clustered) {
      health.register("cluster", promise -> promise.complete(cluster(membership)));
      ready.register("cluster", promise -> promise.complete(cluster(membership)));
    }
  }

  /** {@code /ready} also requires {@code check} to succeed within the bound (e.g. {@code store::ping}). */
  public void addReadiness(String name, Supplier<Future<?>> check) {
    ready.register(name, 2 * boundMillis, promise -> {
      long timer = vertx.setTimer(boundMillis, t -> promise.tryComplete(Status.KO(new JsonObject()
          .put("error", "no answer within " + boundMillis + " ms"))));
      Future<?> answer;
      try {
        answer = check.get();
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      answer.onComplete(r -> {
        vertx.cancelTimer(timer);
        promise.tryComplete(r.succeeded() ? Status.OK()
            : Status.KO(new JsonObject().put("error", String.valueOf(r.cause().getMessage()))));
      });
    });
  }

  public HealthChecks health() {
    return health;
  }

  public HealthChecks ready() {
    return ready;
  }

  /** Runs a no-op on every loop; the ones that have not run it when the bound is up are named. */
  private void loops(List<Context> loops, Promise<Status> promise) {
    boolean[] answered = new boolean[loops.size()];
    int[] left = {loops.size()};
    long timer = vertx.setTimer(boundMillis, t -> {
      JsonArray silent = new JsonArray();
      for (int i = 0; i < answered.length; i++) {
        if (!answered[i]) {
          silent.add(i);
        }
      }
      promise.tryComplete(Status.KO(new JsonObject().put("loops", loops.size()).put("silent", silent)
          .put("boundMillis", boundMillis)));
    });
    Context here = vertx.getOrCreateContext();
    for (int i = 0; i < loops.size(); i++) {
      int index = i;
      loops.get(i).runOnContext(v -> here.runOnContext(x -> {
        answered[index] = true;
        if (--left[0] == 0) {
          vertx.cancelTimer(timer);
          promise.tryComplete(Status.OK(new JsonObject().put("loops", loops.size())));
        }
      }));
    }
  }

  private static Status cluster(Membership membership) {
    return membership.joined() ? Status.OK() : Status.KO(new JsonObject().put("error", "not a member of the cluster"));
  }
}
