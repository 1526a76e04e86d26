package chat.account;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs password hashes on {@code accounts.hashConcurrency} threads of its own, never on an event
 * loop: a login storm queues there instead of taking memory (19 MiB a hash), and the worker pool
 * stays free for the store. With {@code accounts.hashPriority: "idle"} the threads also give way to
 * every other thread for the CPU ({@link IdlePriority}), so on a busy machine logins slow down
 * instead of the chat. Results are handed back on the caller's context.
 */
final class Hasher {

  private static final Logger log = LoggerFactory.getLogger(Hasher.class);

  static final String POOL = "chat-hash";

  private final Vertx vertx;
  private final ExecutorService threads;
  private final PasswordHash hash;

  Hasher(Vertx vertx, int concurrency, boolean idle, PasswordHash hash) {
    this(vertx, POOL, concurrency, idle, hash);
  }

  Hasher(Vertx vertx, String pool, int concurrency, boolean idle, PasswordHash hash) {
    this.vertx = vertx;
    this.threads = Executors.newFixedThreadPool(concurrency, threadFactory(pool, idle));
    this.hash = hash;
  }

  Future<String> hash(String password) {
    return run(() -> hash.hash(password));
  }

  Future<Boolean> verify(String phc, String password) {
    return run(() -> PasswordHash.verify(phc, password));
  }

  boolean current(String phc) {
    return hash.current(phc);
  }

  /** Takes no more hashes; those queued still finish. */
  Future<Void> close() {
    threads.shutdown();
    return Future.succeededFuture();
  }

  private <T> Future<T> run(Callable<T> work) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      threads.execute(() -> {
        try {
          T result = work.call();
          caller.runOnContext(v -> promise.complete(result));
        } catch (Throwable e) {
          caller.runOnContext(v -> promise.fail(e));
        }
      });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(e);
    }
    return promise.future();
  }

  private static ThreadFactory threadFactory(String pool, boolean idle) {
    AtomicInteger count = new AtomicInteger();
    AtomicBoolean warned = new AtomicBoolean();
    return task -> {
      Thread thread = new Thread(() -> {
        if (idle) {
          String failure = IdlePriority.lowerCurrentThread();
          if (failure != null && warned.compareAndSet(false, true)) {
            log.warn("Password hashing runs at normal CPU priority: {}", failure);
          }
        }
        task.run();
      }, pool + "-" + count.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }
}
