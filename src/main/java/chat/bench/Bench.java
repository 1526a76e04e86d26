package chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Load generator for any server speaking the chat line protocol: logs in N clients, then measures delivery. */
public final class Bench {

  private static final Logger LOG = LoggerFactory.getLogger(Bench.class);
  private static final int LOGIN_CONCURRENCY = 256;
  private static final long LOGIN_TIMEOUT = TimeUnit.SECONDS.toNanos(60);
  private static final long QUIET = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long MAX_QUIET_WAIT = TimeUnit.SECONDS.toNanos(30);
  private static final long DRAIN = TimeUnit.SECONDS.toNanos(5);
  /** Files the JVM itself needs besides the client sockets: jars, selectors, /proc reads. */
  private static final int SPARE_FILES = 100;

  private final BenchOptions options;
  private final long epoch = System.nanoTime();
  private final ServerProbe server;
  private final BenchClient[] clients;
  private final IoLoop[] loops;
  private final Thread[] threads;
  private final LoginGate logins;
  private final AtomicInteger disconnects = new AtomicInteger();
  private final Report report = new Report();

  private Bench(BenchOptions options) throws IOException {
    this.options = options;
    this.server = options.serverPid() > 0 ? new ServerProbe(options.serverPid()) : null;
    this.clients = new BenchClient[options.clients()];
    this.logins = new LoginGate(options.clients(), LOGIN_CONCURRENCY);
    byte[][] senderNames = new byte[options.senders()][];
    for (int s = 0; s < senderNames.length; s++) {
      senderNames[s] = options.name(s).getBytes(StandardCharsets.UTF_8);
    }
    this.loops = new IoLoop[options.ioThreads()];
    this.threads = new Thread[loops.length];
    long sequences = options.senders() == 0 ? 0
        : (long) Math.ceil(options.rate() / options.senders() * (options.warmup() + options.duration()));
    for (int i = 0; i < loops.length; i++) {
      DeliveryStats stats = new DeliveryStats(options.clients(), options.senders(), Long.MAX_VALUE, sequences);
      loops[i] = new IoLoop(stats, logins, disconnects, senderNames, epoch);
      threads[i] = new Thread(loops[i], "bench-io-" + i);
    }
    report.options = options;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the bench with command-line {@code args}; returns the process exit code (2 for bad arguments). */
  public static int run(String[] args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println("try 'bench --help'");
      return 2;
    }
    if (options.help()) {
      System.out.println(BenchOptions.USAGE);
      return 0;
    }
    long files = ServerProbe.ownOpenFileLimit();
    if (files > 0 && files < options.clients() + SPARE_FILES) {
      System.err.println("bench: " + options.clients() + " clients need more than the open file limit of " + files
          + "; raise it with ulimit -n");
      return 1;
    }
    if (options.serverPid() > 0 && new ServerProbe(options.serverPid()).rssKiB() < 0) {
      System.err.println("bench: cannot read /proc/" + options.serverPid() + "/status");
      return 2;
    }
    try {
      return new Bench(options).execute();
    } catch (IOException e) {
      System.err.println("bench: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private int execute() throws IOException, InterruptedException {
    report.rssBefore = rss();
    warmUpCpuProbes();
    for (Thread t : threads) {
      t.setDaemon(true);
      t.start();
    }
    try {
      login();
      if (report.loggedIn == 0) {
        System.err.println("bench: no client could log in: " + report.firstFailure);
        return 1;
      }
      awaitQuiet();
      report.rssAfterLogin = rss();
      if (options.senders() > 0) {
        send();
      } else {
        long cpu0 = ServerProbe.ownCpuNanos();
        long serverCpu0 = server == null ? -1 : server.cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(seconds(options.duration())));
        cpuUsage(cpu0, serverCpu0, System.nanoTime() - t0);
      }
      report.rssEnd = rss();
    } finally {
      for (IoLoop loop : loops) {
        loop.stop();
      }
      for (Thread t : threads) {
        t.join(5_000);
      }
      for (BenchClient c : clients) {
        if (c != null) {
          c.close();
        }
      }
    }
    DeliveryStats all = loops[0].stats();
    for (int i = 1; i < loops.length; i++) {
      all.add(loops[i].stats());
    }
    report.deliveries = all;
    report.disconnects = disconnects.get();
    System.out.print(options.json() ? report.json() + "\n" : report.text());
    return 0;
  }

  private void login() throws IOException, InterruptedException {
    List<InetSocketAddress> addresses = options.ports().stream()
        .map(p -> new InetSocketAddress(options.host(), p)).toList();
    long start = System.nanoTime();
    long deadline = start + LOGIN_TIMEOUT;
    for (int i = 0; i < clients.length; i++) {
      if (!logins.acquire(deadline - System.nanoTime())) {
        break;
      }
      BenchClient c = null;
      try {
        c = new BenchClient(i, options.name(i), options.webSocket() ? new WsFraming() : null);
        clients[i] = c;
        c.channel.connect(addresses.get(i % addresses.size()));
      } catch (IOException e) {
        if (c != null) {
          c.close();
        }
        logins.failed("connect: " + e.getMessage());
        continue;
      }
      loops[i % loops.length].add(c);
    }
    boolean all = logins.await(deadline - System.nanoTime());
    report.loggedIn = logins.loggedIn();
    report.loginFailures = clients.length - report.loggedIn;
    report.firstFailure = all ? logins.firstFailure() : "timed out after 60 s; first: " + logins.firstFailure();
    report.loginMillis = (Math.max(logins.lastLoginNanos(), start) - start) / 1e6;
    if (report.loginFailures > 0) {
      LOG.warn("{} of {} logins failed; first failure: {}", report.loginFailures, clients.length, report.firstFailure);
    }
  }

  /** Lets join announcements and other login chatter die down so they do not pollute the measurement. */
  private void awaitQuiet() throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      long last = start;
      for (IoLoop loop : loops) {
        last = Math.max(last, loop.lastReadNanos());
      }
      if (now - last >= QUIET || now - start >= MAX_QUIET_WAIT) {
        report.quiet = now - last >= QUIET;
        report.quietMillis = (now - start) / 1e6;
        return;
      }
      Thread.sleep(20);
    }
  }

  private void send() throws IOException, InterruptedException {
    try (Loopback loopback = Loopback.open()) {
      loops[0].add(loopback.reader);
      Pacer.rehearsal(options, loopback.writer, epoch, DRAIN).rehearse(Pacer.rehearsalLines(options));
      // whole microseconds, as payloads carry them: a message due at measureFrom must read as measured
      long start = wholeMicros(System.nanoTime() - epoch + TimeUnit.MILLISECONDS.toNanos(20));
      long measureFrom = wholeMicros(start + seconds(options.warmup()));
      long end = wholeMicros(measureFrom + seconds(options.duration()));
      for (IoLoop loop : loops) {
        loop.stats().measure(measureFrom, end);
      }
      Pacer pacer = new Pacer(options, clients, loopback.writer, epoch, start, measureFrom, end, DRAIN);
      CountDownLatch paced;
      Thread thread = null;
      if (options.spin()) {
        paced = loops[0].pace(pacer);
      } else {
        paced = new CountDownLatch(0);
        thread = new Thread(pacer, "bench-pacer");
        thread.setDaemon(true);
        thread.start();
      }
      sleepUntil(measureFrom);
      long cpu0 = ServerProbe.ownCpuNanos();
      long serverCpu0 = server == null ? -1 : server.cpuNanos();
      sleepUntil(end);
      cpuUsage(cpu0, serverCpu0, end - measureFrom);
      paced.await();
      if (thread != null) {
        thread.join();
      }
      long drainEnd = System.nanoTime() + DRAIN;
      while (delivered() < pacer.expected && System.nanoTime() < drainEnd) {
        Thread.sleep(10);
      }
      report(pacer, measureFrom, end);
    }
  }

  private void report(Pacer pacer, long measureFrom, long end) {
    report.sent = pacer.sent;
    report.measuredSent = pacer.measuredSent;
    report.sendSeconds = Math.max(pacer.finishedAt, end) / 1e9 - measureFrom / 1e9;
    report.skipped = pacer.skipped;
    report.writeErrors = pacer.writeErrors;
    report.unflushedSenders = pacer.unflushedSenders;
    report.maxSendLagMillis = pacer.maxLagNanos / 1e6;
    report.expected = pacer.expected;
    report.sendLateness = pacer.lateness.histogram();
  }

  private long delivered() {
    long sum = 0;
    for (IoLoop loop : loops) {
      sum += loop.stats().published();
    }
    return sum;
  }

  private void cpuUsage(long cpu0, long serverCpu0, long wallNanos) {
    long cpu1 = ServerProbe.ownCpuNanos();
    if (cpu0 >= 0 && cpu1 >= 0) {
      report.benchCpuPercent = 100.0 * (cpu1 - cpu0) / wallNanos;
    }
    if (server != null && serverCpu0 >= 0) {
      report.serverCpuPercent = 100.0 * (server.cpuNanos() - serverCpu0) / wallNanos;
    }
  }

  private void sleepUntil(long nanosAfterEpoch) throws InterruptedException {
    long wait;
    while ((wait = nanosAfterEpoch - (System.nanoTime() - epoch)) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
    }
  }

  /**
   * Reads the CPU times once and throws them away: the first reading loads JMX and compiles the parsing, which
   * would otherwise compete with the I/O threads just as the measured window opens.
   */
  private void warmUpCpuProbes() {
    ServerProbe.ownCpuNanos();
    if (server != null) {
      server.cpuNanos();
    }
  }

  private long rss() {
    return server == null ? -1 : server.rssKiB();
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }

  private static long wholeMicros(long nanos) {
    return (nanos + 999) / 1000 * 1000;
  }
}
