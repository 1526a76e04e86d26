package chat.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A graceful close with a deadline: a peer that never reads would hold the writing of what is
 * queued, and with it the close, open forever, so after a grace period the connection is dropped.
 */
public final class GracefulClose {

  static final long GRACE_MILLIS = 5_000;

  private GracefulClose() {
  }

  /** {@code closing}, with {@code abort} run if it has not completed within the grace period. */
  public static Future<Void> within(Vertx vertx, Future<Void> closing, Runnable abort) {
    long timer = vertx.setTimer(GRACE_MILLIS, id -> abort.run());
    return closing.onComplete(r -> vertx.cancelTimer(timer));
  }
}
