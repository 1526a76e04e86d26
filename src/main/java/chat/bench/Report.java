package chat.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The outcome of one bench run, printed as a text table or as one JSON object. */
final class Report {

  BenchOptions options;
  int loggedIn;
  int loginFailures;
  String firstFailure;
  double loginMillis;
  double quietMillis;
  boolean quiet;

  long sent;
  long measuredSent;
  double sendSeconds;
  long skipped;
  long writeErrors;
  long unflushedSenders;
  double maxSendLagMillis;

  /** How late the pacer wrote each measured line against its schedule. */
  Histogram sendLateness = new Histogram(DeliveryStats.HIGHEST_NANOS, 3);

  long expected;
  DeliveryStats deliveries;
  int disconnects;

  long rssBefore = -1;
  long rssAfterLogin = -1;
  long rssEnd = -1;
  double benchCpuPercent = -1;
  double serverCpuPercent = -1;

  boolean sending() {
    return options.senders() > 0;
  }

  long lost() {
    return Math.max(0, expected - deliveries.delivered());
  }

  double lossPercent() {
    return expected == 0 ? 0 : 100.0 * lost() / expected;
  }

  double sendRate() {
    return sendSeconds <= 0 ? 0 : measuredSent / sendSeconds;
  }

  double deliveryRate() {
    return deliveries.receivedInWindow() / options.duration();
  }

  /** Resident memory the server gained per logged-in connection, in KiB, or -1 if unknown. */
  double rssPerConnectionKiB() {
    return rssBefore < 0 || rssAfterLogin < 0 || loggedIn == 0 ? -1 : (double) (rssAfterLogin - rssBefore) / loggedIn;
  }

  double latencyMillis(double percentile) {
    return millis(deliveries.latency(), percentile);
  }

  static double millis(Histogram h, double percentile) {
    if (h.getTotalCount() == 0) {
      return 0;
    }
    return (percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile)) / 1e6;
  }

  String text() {
    BenchOptions o = options;
    StringBuilder b = new StringBuilder();
    String load = !sending() ? "" : String.format(Locale.ROOT, ", %d B, offered %.0f msg/s, warmup %s s, measured %s s",
        o.size(), o.rate(), num(o.warmup()), num(o.duration()));
    line(b, "target", "%s:%s  %s %s, %d clients, %d senders%s; %d I/O thread%s, %s pacing", o.host(), ports(),
        transport(), mode(), o.clients(), o.senders(), load, o.ioThreads(), o.ioThreads() == 1 ? "" : "s",
        o.spin() ? "spin" : "sleep");
    line(b, "login", "%d/%d in %.1f ms (%.0f logins/s), quiet after %.0f ms%s", loggedIn, o.clients(), loginMillis,
        loginMillis > 0 ? loggedIn * 1000 / loginMillis : 0, quietMillis, quiet ? "" : " (never quiet, gave up)");
    if (loginFailures > 0) {
      line(b, "failures", "%d logins failed, first: %s", loginFailures, firstFailure);
    }
    if (sending()) {
      line(b, "send", "%.1f msg/s achieved, %d sent, %d skipped, %d write errors, max send lag %.2f ms",
          sendRate(), sent, skipped, writeErrors, maxSendLagMillis);
      line(b, "delivery", "%.0f/s, expected %d, delivered %d, lost %d (%.3f%%)", deliveryRate(), expected,
          deliveries.delivered(), lost(), lossPercent());
      line(b, "order", "%d violations, %d duplicates, %d foreign lines, %d disconnects",
          deliveries.orderViolations(), deliveries.duplicates(), deliveries.foreignLines(), disconnects);
      percentiles(b, "latency ms", deliveries.latency(), deliveries.measured() + " samples");
      percentiles(b, "floor ms", deliveries.loopback(),
          deliveries.loopback().getTotalCount() + " loopback probes through no server");
      percentiles(b, "send late ms", sendLateness, "writes against their schedule");
    } else {
      line(b, "connections", "%d disconnects while idle", disconnects);
    }
    if (rssBefore >= 0) {
      line(b, "server RSS", "before %.1f MiB, after login %.1f MiB (%+.1f KiB/conn), end %.1f MiB",
          rssBefore / 1024.0, rssAfterLogin / 1024.0, rssPerConnectionKiB(), rssEnd / 1024.0);
    }
    if (benchCpuPercent >= 0) {
      line(b, "cpu", "bench %.0f%%%s of one core while measuring", benchCpuPercent,
          serverCpuPercent >= 0 ? String.format(Locale.ROOT, ", server %.0f%%", serverCpuPercent) : "");
    }
    return b.toString();
  }

  String json() {
    BenchOptions o = options;
    Json j = new Json()
        .put("host", o.host()).put("ports", ports()).put("transport", transport()).put("mode", mode())
        .put("clients", o.clients()).put("senders", o.senders()).put("size", o.size()).put("offeredRate", o.rate())
        .put("warmupSec", o.warmup()).put("durationSec", o.duration()).put("ioThreads", o.ioThreads()).put("pacing", o.spin() ? "spin" : "sleep")
        .put("loggedIn", loggedIn).put("loginFailures", loginFailures).put("firstFailure", firstFailure)
        .put("loginMs", round(loginMillis)).put("quietMs", round(quietMillis)).put("quiet", quiet)
        .put("disconnects", disconnects);
    if (sending()) {
      j.put("sent", sent).put("sendRate", round(sendRate())).put("skipped", skipped).put("writeErrors", writeErrors)
          .put("unflushedSenders", unflushedSenders).put("maxSendLagMs", round(maxSendLagMillis))
          .put("expected", expected).put("delivered", deliveries.delivered()).put("lost", lost())
          .put("lossPct", round(lossPercent())).put("orderViolations", deliveries.orderViolations())
          .put("duplicates", deliveries.duplicates()).put("foreignLines", deliveries.foreignLines())
          .put("deliveriesPerSec", round(deliveryRate()))
          .put("latencyMs", percentiles(deliveries.latency()))
          .put("floorMs", percentiles(deliveries.loopback()))
          .put("sendLateMs", percentiles(sendLateness));
    }
    if (rssBefore >= 0) {
      j.put("rssKiB", new Json().put("beforeLogin", rssBefore).put("afterLogin", rssAfterLogin).put("end", rssEnd))
          .put("rssPerConnKiB", round(rssPerConnectionKiB()));
    }
    if (benchCpuPercent >= 0) {
      j.put("benchCpuPct", round(benchCpuPercent));
    }
    if (serverCpuPercent >= 0) {
      j.put("serverCpuPct", round(serverCpuPercent));
    }
    return j.toString();
  }

  private static void percentiles(StringBuilder b, String label, Histogram h, String note) {
    line(b, label, "p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (%s)", millis(h, 50), millis(h, 90),
        millis(h, 99), millis(h, 99.9), millis(h, 100), note);
  }

  private static Json percentiles(Histogram h) {
    return new Json().put("p50", round(millis(h, 50))).put("p90", round(millis(h, 90))).put("p99", round(millis(h, 99)))
        .put("p999", round(millis(h, 99.9))).put("max", round(millis(h, 100)))
        .put("mean", round(h.getTotalCount() == 0 ? 0 : h.getMean() / 1e6)).put("samples", h.getTotalCount());
  }

  /** A flat, insertion-ordered JSON object; hand-written so printing a report starts no JSON library. */
  private static final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json put(String key, Object value) {
      fields.put(key, value);
      return this;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        if (b.length() > 1) {
          b.append(',');
        }
        quote(b, e.getKey()).append(':');
        Object v = e.getValue();
        if (v instanceof String s) {
          quote(b, s);
        } else {
          b.append(v);
        }
      }
      return b.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder b, String s) {
      b.append('"');
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c < 0x20) {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      return b.append('"');
    }
  }

  private String transport() {
    return options.webSocket() ? "ws" : "tcp";
  }

  private String mode() {
    return !sending() ? "login-only" : options.privateMessages() ? "private" : "broadcast";
  }

  private String ports() {
    return String.join(",", options.ports().stream().map(String::valueOf).toList());
  }

  private static void line(StringBuilder b, String label, String format, Object... args) {
    b.append(String.format(Locale.ROOT, "%-12s ", label)).append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }
}
