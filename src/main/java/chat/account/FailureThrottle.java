package chat.account;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Failed passwords in the last minute, per address and per name, shared by a node's event loops. An
 * address over its limit waits, whatever name it tries; a name over its (higher) limit waits from
 * every address. One guesser hits its address's limit long before the name's, so it cannot lock the
 * owner out; only many addresses together can, and then only for the rest of the minute.
 */
final class FailureThrottle {

  static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
  /** Keys kept at most; past that, keys with no failure in the window are forgotten. */
  private static final int MAX_KEYS = 100_000;

  private final int perAddress;
  private final int perName;
  private final Map<String, ArrayDeque<Long>> byAddress = new HashMap<>();
  private final Map<String, ArrayDeque<Long>> byName = new HashMap<>();

  FailureThrottle(int perAddress, int perName) {
    this.perAddress = perAddress;
    this.perName = perName;
  }

  /** Seconds to wait before another password may be tried for {@code name} from {@code address}; 0 when it may now. */
  synchronized long waitSeconds(String name, String address, long now) {
    long wait = Math.max(wait(byAddress, address, perAddress, now), wait(byName, name, perName, now));
    return wait == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
  }

  synchronized void failed(String name, String address, long now) {
    add(byAddress, address, perAddress, now);
    add(byName, name, perName, now);
  }

  private static long wait(Map<String, ArrayDeque<Long>> map, String key, int limit, long now) {
    ArrayDeque<Long> times = map.get(key);
    if (times == null) {
      return 0;
    }
    expire(times, now);
    if (times.isEmpty()) {
      map.remove(key);
      return 0;
    }
    return times.size() < limit ? 0 : times.peekFirst() + WINDOW_NANOS - now;
  }

  private static void add(Map<String, ArrayDeque<Long>> map, String key, int limit, long now) {
    if (map.size() >= MAX_KEYS) {
      map.values().removeIf(times -> {
        expire(times, now);
        return times.isEmpty();
      });
    }
    ArrayDeque<Long> times = map.computeIfAbsent(key, k -> new ArrayDeque<>());
    times.addLast(now);
    if (times.size() > limit) { // only the oldest of the last `limit` failures decides the wait
      times.removeFirst();
    }
  }

  private static void expire(ArrayDeque<Long> times, long now) {
    while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_NANOS) {
      times.removeFirst();
    }
  }
}
