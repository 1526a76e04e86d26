package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchOptionsTest {

  @Test
  void defaults() {
    BenchOptions o = BenchOptions.parse();
    assertEquals("127.0.0.1", o.host());
    assertEquals(List.of(5555), o.ports());
    assertEquals(100, o.clients());
    assertEquals(10, o.senders());
    assertEquals(1000, o.rate());
    assertEquals(10, o.duration());
    assertEquals(2, o.warmup());
    assertEquals(64, o.size());
    assertFalse(o.privateMessages());
    assertEquals(-1, o.serverPid());
    assertFalse(o.json());
    assertEquals("b", o.namePrefix());
    assertEquals(1, o.ioThreads());
    assertFalse(o.help());
  }

  @Test
  void oneIoThreadUnlessManyDeliveriesAreExpected() {
    assertEquals(1, BenchOptions.parse("--clients", "100", "--rate", "10000").ioThreads());
    assertEquals(2, BenchOptions.parse("--clients", "100", "--rate", "12000").ioThreads());
    assertEquals(1, BenchOptions.parse("--clients", "1000", "--senders", "1000", "--rate", "20000", "--private")
        .ioThreads());
    assertEquals(1, BenchOptions.parse("--clients", "10000", "--senders", "0").ioThreads());
    assertEquals(2, BenchOptions.parse("--clients", "100", "--rate", "1000", "--io-threads", "2").ioThreads());
    assertEquals(2, BenchOptions.parse("--clients", "100", "--rate", "12000", "--io-threads", "auto").ioThreads());
  }

  @Test
  void everyOption() {
    BenchOptions o = BenchOptions.parse("--host", "localhost", "--port", "6000", "--clients", "1000",
        "--senders", "1000",
        "--rate", "20000", "--duration", "5", "--warmup", "0", "--size", "128", "--private", "--server-pid", "42",
        "--json", "--name-prefix", "node_2-", "--io-threads", "3");
    assertEquals("localhost", o.host());
    assertEquals(List.of(6000), o.ports());
    assertEquals(1000, o.clients());
    assertEquals(1000, o.senders());
    assertEquals(20000, o.rate());
    assertEquals(5, o.duration());
    assertEquals(0, o.warmup());
    assertEquals(128, o.size());
    assertTrue(o.privateMessages());
    assertEquals(42, o.serverPid());
    assertTrue(o.json());
    assertEquals("node_2-", o.namePrefix());
    assertEquals(3, o.ioThreads());
  }

  @Test
  void portListSpreadsOverNodes() {
    assertEquals(List.of(5571, 5572), BenchOptions.parse("--port", "5571,5572").ports());
  }

  @Test
  void equalsFormAndFractions() {
    BenchOptions o = BenchOptions.parse("--clients=7", "--senders=2", "--duration=0.5", "--rate=12.5");
    assertEquals(7, o.clients());
    assertEquals(0.5, o.duration());
    assertEquals(12.5, o.rate());
  }

  @Test
  void loginOnlyWorkload() {
    assertEquals(0, BenchOptions.parse("--clients", "10000", "--senders", "0").senders());
  }

  @Test
  void help() {
    assertTrue(BenchOptions.parse("--help").help());
    assertEquals(0, Bench.run(new String[] {"--help"}));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "--bogus", "--clients", "--clients abc", "--clients 0", "--clients -3", "--senders -1", "--rate 0",
      "--rate x", "--rate NaN", "--duration 0", "--warmup -1", "--size 10", "--size 100000", "--port 0",
      "--port 70000", "--port 5555,", "--port 5555,x", "--server-pid 0", "--name-prefix a.b", "--name-prefix a:b",
      "--io-threads 0", "--json=yes", "--clients 5 --senders 6", "--clients 1 --senders 1", "stray"})
  void badArgumentsAreRejected(String line) {
    String[] args = line.split(" ");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args));
    assertFalse(e.getMessage().isBlank());
    assertEquals(2, Bench.run(args));
  }

  @Test
  void messagesNameTheProblem() {
    assertEquals("unknown option: --bogus",
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--bogus", "1")).getMessage());
    assertEquals("missing value for --rate",
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--rate")).getMessage());
    assertEquals("--clients expects an integer, got 'many'",
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--clients", "many")).getMessage());
  }

  @Test
  void blankHostIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--host", " "));
  }

  @Test
  void tooLongNamesAreRejected() {
    String prefix = "p".repeat(30);
    assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse("--name-prefix", prefix, "--clients", "1000"));
    assertEquals(prefix + "99", BenchOptions.parse("--name-prefix", prefix, "--clients", "100").name(99));
  }

  @Test
  void privateTargetsAreDistinctAndNeverSelf() {
    for (int clients : new int[] {2, 3, 100, 1000}) {
      BenchOptions o = BenchOptions.parse("--clients", "" + clients, "--senders", "" + clients, "--private");
      Set<Integer> targets = new HashSet<>();
      for (int s = 0; s < clients; s++) {
        int t = o.privateTarget(s);
        assertNotEquals(s, t);
        assertTrue(t >= 0 && t < clients);
        targets.add(t);
      }
      assertEquals(clients, targets.size());
    }
  }
}
