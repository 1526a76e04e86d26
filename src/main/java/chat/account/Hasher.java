package chat.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Runs password hashes on a pool of {@code accounts.hashConcurrency} worker threads of its own, never
 * on an event loop: a login storm queues there instead of taking memory (19 MiB a hash) or the
 * event loops' time, and the ordinary worker pool stays free for everything else.
 */
final class Hasher {

  private final WorkerExecutor workers;
  private final PasswordHash hash;

  static final String POOL = "chat-hash";

  Hasher(Vertx vertx, int concurrency, PasswordHash hash) {
    this(vertx, POOL, concurrency, hash);
  }

  Hasher(Vertx vertx, String pool, int concurrency, PasswordHash hash) {
    this.workers = vertx.createSharedWorkerExecutor(pool, concurrency);
    this.hash = hash;
  }

  Future<String> hash(String password) {
    return workers.executeBlocking(() -> hash.hash(password), false);
  }

  Future<Boolean> verify(String phc, String password) {
    return workers.executeBlocking(() -> PasswordHash.verify(phc, password), false);
  }

  boolean current(String phc) {
    return hash.current(phc);
  }

  Future<Void> close() {
    return workers.close();
  }
}
