package chat.transport;

import chat.support.LogCapture;
import org.junit.jupiter.api.Test;

/** A storm of refused connections costs one log line per interval, not one per connection. */
class RefusalLogTest {

  @Test
  void theFirstRefusalIsLoggedAndTheRestAreSummedUp() {
    RefusalLog refusals = new RefusalLog();
    try (LogCapture log = new LogCapture("chat.transport.RefusalLog")) {
      for (int i = 0; i < 500; i++) {
        refusals.refused("10.0.0." + (i % 3), i % 5 == 0 ? "Server is full." : "Too many connections from your address.");
      }
      refusals.summarize(10);
      log.expect("Refused a connection from 10.0.0.0: Server is full.");
      log.expect("Refused 499 more connections in the last 10 s: {Server is full.=99, Too many connections from your address.=400}");
      log.expectNothingMore();
      refusals.summarize(10); // a quiet interval says nothing
      refusals.refused("10.0.0.9", "Server is full.");
      log.expect("Refused a connection from 10.0.0.9: Server is full.");
    }
  }
}
