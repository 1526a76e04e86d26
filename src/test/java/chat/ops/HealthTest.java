package chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.registry.Membership;
import chat.support.AdminClient;
import chat.support.TestNodes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /health} and {@code /ready}: JSON with 200 or 503, and what makes them flip. */
@ExtendWith(VertxExtension.class)
class HealthTest {

  @Test
  void aStartedNodeIsAliveAndReady(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    AdminClient admin = new AdminClient(node.adminPort());
    AdminClient.Reply health = admin.get("/health");
    assertEquals(200, health.status());
    assertEquals("UP", health.json().getString("status"));
    JsonObject loops = health.json().getJsonArray("checks").getJsonObject(0);
    assertEquals("event-loops", loops.getString("id"));
    assertEquals(5, loops.getJsonObject("data").getInteger("loops")); // the registry's and four server verticles'
    AdminClient.Reply ready = admin.get("/ready");
    assertEquals(200, ready.status());
    assertEquals("listening", ready.json().getJsonArray("checks").getJsonObject(0).getString("id"));
  }

  @Test
  void aReadinessCheckAddedLaterFlipsReady(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    AdminClient admin = new AdminClient(node.adminPort());
    AtomicBoolean reachable = new AtomicBoolean(true);
    node.addReadiness("store", () -> reachable.get() ? Future.succeededFuture() : Future.failedFuture("connection refused"));
    assertEquals(200, admin.get("/ready").status());
    reachable.set(false);
    AdminClient.Reply down = admin.get("/ready");
    assertEquals(503, down.status());
    assertEquals("DOWN", down.json().getString("status"));
    JsonObject store = down.check("store");
    assertEquals("DOWN", store.getString("status"));
    assertEquals("connection refused", store.getJsonObject("data").getString("error"));
    assertEquals(200, admin.get("/health").status()); // alive all the same: a restart would not bring the store back
    reachable.set(true);
    assertEquals(200, admin.get("/ready").status());
  }

  @Test
  void aCheckThatNeverAnswersIsDownWithinTheBound(Vertx vertx) {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    node.addReadiness("store", () -> Promise.promise().future());
    AdminClient.Reply down = new AdminClient(node.adminPort()).get("/ready");
    assertEquals(503, down.status());
    assertEquals("no answer within 1000 ms", down.check("store").getJsonObject("data").getString("error"));
  }

  @Test
  void aBlockedEventLoopIsNotAlive(Vertx vertx) throws Exception {
    Context a = loop(vertx);
    Context b = loop(vertx);
    Context probe = loop(vertx);
    for (int tries = 0; thread(probe).equals(thread(b)) || thread(probe).equals(thread(a)); tries++) {
      assertTrue(tries < 16, "no third event loop");
      probe = loop(vertx);
    }
    assertNotEquals(thread(a), thread(b));
    NodeChecks checks = new NodeChecks(vertx, 200, List.of(a, b), Membership.standalone(), () -> true);
    assertEquals(true, status(probe, checks).getUp());
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    b.runOnContext(v -> {
      blocked.countDown();
      try {
        release.await(20, TimeUnit.SECONDS); // what a stuck handler does to its loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    blocked.await();
    CheckResult stuck = status(probe, checks);
    release.countDown();
    assertEquals(false, stuck.getUp());
    JsonObject data = stuck.getChecks().get(0).getData();
    assertEquals(new JsonArray().add(1), data.getJsonArray("silent"));
    assertEquals(true, status(probe, checks).getUp());
  }

  private static CheckResult status(Context on, NodeChecks checks) throws Exception {
    Promise<CheckResult> result = Promise.promise();
    on.runOnContext(v -> checks.health().checkStatus().onComplete(result));
    return result.future().await(20, TimeUnit.SECONDS);
  }

  /** A context on the next event loop (a plain thread's getOrCreateContext keeps giving the same one). */
  private static Context loop(Vertx vertx) {
    return ((VertxInternal) vertx).createEventLoopContext();
  }

  private static Thread thread(Context context) throws Exception {
    Promise<Thread> thread = Promise.promise();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.future().await(20, TimeUnit.SECONDS);
  }
}
