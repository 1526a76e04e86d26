package chat.server;

import chat.ChatNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.Addresses;
import chat.support.LineClient;
import chat.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hostile and high-churn traffic: the server keeps serving, loses nothing and leaks nothing. */
@ExtendWith(VertxExtension.class)
class RobustnessTest {

  private static final byte[][] NASTY = {
      {0}, {(byte) 0xff, (byte) 0xfe}, {(byte) 0xc3}, {'\r'}, {0x1b, '[', '2', 'J'}, {0x1b, ']', '0', ';'},
      {(byte) 0xc2, (byte) 0x9b}, {0x7f}, "/pm ".getBytes(StandardCharsets.UTF_8), "/users".getBytes(StandardCharsets.UTF_8),
      "quit".getBytes(StandardCharsets.UTF_8), {'\n'}, {'\n'}, "Fuzz".getBytes(StandardCharsets.UTF_8)};

  @Test
  void fiftyFuzzersDoNotDisturbTwoUsersChatting(Vertx vertx) throws Exception {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    int port = node.port();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    AtomicBoolean stop = new AtomicBoolean();
    try (LineClient a = LineClient.login(port, "A"); LineClient b = LineClient.login(port, "B")) {
      a.expect("B has joined the chat.");
      long before = usedHeapAfterGc();
      List<java.util.concurrent.Future<?>> fuzzers = new ArrayList<>();
      for (int f = 0; f < 50; f++) {
        long seed = f;
        fuzzers.add(pool.submit(() -> fuzz(port, seed, stop)));
      }
      Set<String> seenOnline = new HashSet<>(Set.of("B"));
      for (int i = 0; i < 10; i++) {
        a.send("from A " + i);
        b.readUntil(("A: from A " + i)::equals);
        b.send("from B " + i);
        String expected = "B: from B " + i;
        while (!readTracking(a, seenOnline).equals(expected)) {
          // other lines: the fuzzers' joins, departures and messages
        }
      }
      stop.set(true);
      for (var fuzzer : fuzzers) {
        fuzzer.get(60, TimeUnit.SECONDS);
      }
      // Every fuzzer that got a name is announced gone to A (a leaked session would never be).
      while (!seenOnline.equals(Set.of("B"))) {
        readTracking(a, seenOnline);
      }
      long growth = usedHeapAfterGc() - before;
      assertTrue(growth < 64 << 20, "heap grew by " + growth + " bytes");
      // A fuzzer's input is handled even after it closed, so one may still log in (and then leave)
      // after A saw every earlier fuzzer go: ask until only the three remain; a leaked session never goes.
      try (LineClient later = LineClient.login(port, "Later")) {
        String expected = "Online users (3): A, B, Later";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String users;
        do {
          later.send("/users");
          users = later.readUntil(l -> l.startsWith("Online users ("));
        } while (!users.equals(expected) && System.nanoTime() < deadline);
        assertEquals(expected, users);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
      TestNodes.await(node.shutdown());
    }
  }

  private static final Pattern PRESENCE = Pattern.compile("([^\\s:]+) has (joined the chat|disconnected)\\.");

  /** Reads A's next line, keeping track of who A has been told is online. */
  private static String readTracking(LineClient client, Set<String> online) {
    String line = client.readLine();
    if (line == null) {
      throw new AssertionError("connection closed");
    }
    Matcher presence = PRESENCE.matcher(line);
    if (presence.matches()) {
      if (presence.group(2).startsWith("joined")) {
        online.add(presence.group(1));
      } else {
        online.remove(presence.group(1));
      }
    }
    return line;
  }

  /** One hostile client: random bytes and nasty fragments, some huge lines, reconnecting when cut off. */
  private static void fuzz(int port, long seed, AtomicBoolean stop) {
    Random random = new Random(seed);
    int rounds = 0;
    while (!stop.get() && rounds++ < 20) {
      try (LineClient client = LineClient.connect(port)) {
        for (int i = 0; i < 100 && !stop.get(); i++) {
          int kind = random.nextInt(20);
          if (kind == 0) {
            byte[] huge = new byte[2049 + random.nextInt(8_000)];
            random.nextBytes(huge);
            client.sendRaw(huge);
          } else if (kind < 10) {
            byte[] noise = new byte[1 + random.nextInt(64)];
            random.nextBytes(noise);
            client.sendRaw(noise);
          } else {
            client.sendRaw(NASTY[random.nextInt(NASTY.length)]);
          }
        }
      } catch (RuntimeException cutOff) {
        // the server closed us (flooding, a bad line count, quit): connect again
      }
    }
  }

  @Test
  void thousandsOfLoginsAndDeparturesLeaveNothingBehind(Vertx vertx) throws Exception {
    ChatNode node = TestNodes.start(vertx, new JsonObject());
    int port = node.port();
    int cycles = 2000;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (LineClient watcher = LineClient.login(port, "Watcher")) {
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < cycles; i++) {
        int n = i;
        runs.add(pool.submit(() -> {
          try (LineClient client = LineClient.login(port, "churn" + n)) {
            if (n % 2 == 0) {
              client.send("quit");
              client.readUntil(("Goodbye, churn" + n + "!")::equals); // others' joins may come first
              client.expectClosed();
            } // odd ones just drop the connection
          }
        }));
      }
      for (var run : runs) {
        run.get(120, TimeUnit.SECONDS);
      }
      // Every departure is announced; once the watcher has read them all, the registry is settled.
      int departures = 0;
      while (departures < cycles) {
        if (watcher.readLine().matches("churn\\d+ has disconnected\\.")) {
          departures++;
        }
      }
      watcher.send("/users");
      watcher.expect("Online users (1): Watcher");
      assertEquals(1, node.openConnections());
      for (int i = 0; i < cycles; i++) {
        Future<io.vertx.core.eventbus.Message<Object>> probe = vertx.eventBus().request(Addresses.user("churn" + i), "anyone there?");
        Throwable failure = probe.transform(r -> Future.succeededFuture(r.cause())).await(10, TimeUnit.SECONDS);
        assertTrue(failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS,
            "a consumer is still registered for churn" + i);
      }
      try (LineClient reuse = LineClient.login(port, "churn7")) {
        watcher.expect("churn7 has joined the chat.");
      }
    } finally {
      pool.shutdownNow();
      TestNodes.await(node.shutdown());
    }
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
