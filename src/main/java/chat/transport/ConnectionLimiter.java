package chat.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;


/** Counts open connections per node and per remote address, shared by every server verticle. */
public final class ConnectionLimiter {

  /** The outcome of asking for a connection slot. */
  public enum Admission { OK, SERVER_FULL, ADDRESS_FULL }

  private final int maxTotal;
  private final int maxPerAddress;
  private final Set<String> exempt;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

  public ConnectionLimiter(int maxTotal, int maxPerAddress, Set<String> exempt) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
    this.exempt = exempt;
  }

  /** Takes a slot for {@code address}; on anything but OK nothing is taken. */
  public Admission acquire(String address) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Admission.SERVER_FULL;
    }
    if (exempt.contains(address)) {
      return Admission.OK;
    }
    boolean[] taken = {false};
    perAddress.compute(address, (a, count) -> {
      int n = count == null ? 0 : count;
      if (n >= maxPerAddress) {
        return count;
      }
      taken[0] = true;
      return n + 1;
    });
    if (!taken[0]) {
      total.decrementAndGet();
      return Admission.ADDRESS_FULL;
    }
    return Admission.OK;
  }

  /** Gives back a slot taken by a successful {@link #acquire}. */
  public void release(String address) {
    total.decrementAndGet();
    if (!exempt.contains(address)) {
      perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }
  }

  public int open() {
    return total.get();
  }
}
