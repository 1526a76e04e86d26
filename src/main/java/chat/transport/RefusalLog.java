package chat.transport;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused connections without flooding the log under a storm of them: the first refusal of
 * an interval gets its own WARN line, later ones of the interval are counted by reason and summed
 * up in one line when {@link #summarize} is called (once per interval). Shared by every transport
 * of a node, so its methods are synchronized; refusals are rare next to everything else.
 */
public final class RefusalLog {

  private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

  private final Map<String, Integer> counted = new TreeMap<>();
  private boolean loggedThisInterval;

  public synchronized void refused(String address, String reason) {
    if (!loggedThisInterval) {
      loggedThisInterval = true;
      log.warn("Refused a connection from {}: {}", address, reason);
    } else {
      counted.merge(reason, 1, Integer::sum);
    }
  }

  /** Ends the interval: one line for the refusals not logged one by one, if there were any. */
  public synchronized void summarize(long intervalSeconds) {
    if (!counted.isEmpty()) {
      int total = counted.values().stream().mapToInt(Integer::intValue).sum();
      log.warn("Refused {} more connections in the last {} s: {}", total, intervalSeconds, counted);
      counted.clear();
    }
    loggedThisInterval = false;
  }
}
