package chat.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Bounds how many logins are in flight and counts how they end. */
final class LoginGate {

  private final Semaphore inFlight;
  private final CountDownLatch done;
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private volatile long lastLoginNanos;

  LoginGate(int clients, int concurrency) {
    this.inFlight = new Semaphore(concurrency);
    this.done = new CountDownLatch(clients);
  }

  boolean acquire(long timeoutNanos) throws InterruptedException {
    return inFlight.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  void succeeded() {
    lastLoginNanos = System.nanoTime();
    ok.incrementAndGet();
    inFlight.release();
    done.countDown();
  }

  void failed(String reason) {
    firstFailure.compareAndSet(null, reason);
    inFlight.release();
    done.countDown();
  }

  boolean await(long timeoutNanos) throws InterruptedException {
    return done.await(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  int loggedIn() {
    return ok.get();
  }

  String firstFailure() {
    return firstFailure.get();
  }

  long lastLoginNanos() {
    return lastLoginNanos;
  }
}
