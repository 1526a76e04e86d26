package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private static Report report(String... args) {
    Report r = new Report();
    r.options = BenchOptions.parse(args);
    r.deliveries = new DeliveryStats(r.options.clients(), r.options.senders(), 0);
    return r;
  }

  @Test
  void jsonCarriesTheNumbers() {
    Report r = report("--clients", "3", "--senders", "1", "--rate", "10", "--duration", "2");
    r.loggedIn = 3;
    r.loginMillis = 12.3456;
    r.quiet = true;
    r.sent = 20;
    r.measuredSent = 20;
    r.sendSeconds = 2;
    r.expected = 40;
    for (int seq = 0; seq < 19; seq++) {
      r.deliveries.record(1, 0, seq, 0, 2 * MS);
      r.deliveries.record(2, 0, seq, 0, 4 * MS);
    }
    r.deliveries.record(2, 0, 3, 0, 4 * MS);
    r.rssBefore = 1000;
    r.rssAfterLogin = 1300;
    r.rssEnd = 1400;
    r.firstFailure = "said \"no\"";
    r.deliveries.loopback(1000 * MS, 1001 * MS);
    r.sendLateness.recordValue(MS / 2);

    JsonObject j = new JsonObject(r.json());
    assertEquals("broadcast", j.getString("mode"));
    assertEquals(1, j.getInteger("ioThreads"));
    assertEquals(12.346, j.getDouble("loginMs"));
    assertEquals(10.0, j.getDouble("sendRate"));
    assertEquals(38, j.getLong("delivered"));
    assertEquals(2, j.getLong("lost"));
    assertEquals(5.0, j.getDouble("lossPct"));
    assertEquals(1, j.getLong("duplicates"));
    assertEquals(19.0, j.getDouble("deliveriesPerSec"));
    assertEquals(38, j.getJsonObject("latencyMs").getLong("samples"));
    assertEquals(4.0, j.getJsonObject("latencyMs").getDouble("max"), 0.01);
    assertEquals(1.0, j.getJsonObject("floorMs").getDouble("p99"), 0.01);
    assertEquals(1, j.getJsonObject("floorMs").getLong("samples"));
    assertEquals(0.5, j.getJsonObject("sendLateMs").getDouble("max"), 0.01);
    assertEquals(100.0, j.getDouble("rssPerConnKiB"));
    assertEquals("said \"no\"", j.getString("firstFailure"));
    assertFalse(j.containsKey("benchCpuPct"));
  }

  @Test
  void loginOnlyReportHasNoDeliveryFields() {
    Report r = report("--clients", "10", "--senders", "0");
    r.loggedIn = 10;
    JsonObject j = new JsonObject(r.json());
    assertFalse(j.containsKey("delivered"));
    assertFalse(j.containsKey("latencyMs"));
    assertFalse(j.containsKey("floorMs"));
    String text = r.text();
    assertTrue(text.contains("10/10"), text);
    assertFalse(text.contains("latency"), text);
  }

  @Test
  void textNamesEveryMeasurement() {
    Report r = report("--private", "--clients", "4", "--senders", "4");
    r.benchCpuPercent = 50;
    r.rssBefore = 1024;
    r.rssAfterLogin = 2048;
    r.rssEnd = 2048;
    String text = r.text();
    String[] labels = {"private", "login", "send", "delivery", "order", "latency ms", "floor ms", "send late ms",
        "server RSS", "cpu"};
    for (String label : labels) {
      assertTrue(text.contains(label), label + " missing in\n" + text);
    }
  }
}
