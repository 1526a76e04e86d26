package chat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.support.TestNodes;
import com.sun.jna.Platform;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hashes run on a pool of their own with at most hashConcurrency threads, at idle CPU priority unless
 * told otherwise, and answer on the caller's context; PHC strings are salted and checked.
 */
@ExtendWith(VertxExtension.class)
class HasherTest {

  private static final int SCHED_OTHER = 0;
  private static final int SCHED_IDLE = 5;

  @Test
  void aStormOfHashesRunsOnAtMostTheConfiguredThreads(Vertx vertx) {
    String pool = "chat-hash-test-" + java.util.UUID.randomUUID();
    Hasher hasher = new Hasher(vertx, pool, 2, true, new PasswordHash(1024, 1, 1));
    List<Future<String>> hashes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      hashes.add(hasher.hash("password-" + i));
    }
    TestNodes.await(Future.all(hashes));
    Set<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith(pool)).collect(Collectors.toSet());
    assertTrue(threads.size() >= 1 && threads.size() <= 2, threads.toString());
    for (int i = 0; i < 12; i++) {
      String phc = hashes.get(i).result();
      assertTrue(phc.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), phc);
      assertTrue(PasswordHash.verify(phc, "password-" + i));
      assertFalse(PasswordHash.verify(phc, "password-" + (i + 1)));
    }
    assertEquals(true, TestNodes.awaitResult(hasher.verify(hashes.get(0).result(), "password-0")));
    TestNodes.await(hasher.close());
  }

  /** Linux's scheduling policy of each thread named {@code prefix}*, from /proc (field 41 of stat). */
  private static List<Integer> policies(String prefix) throws IOException {
    List<Integer> policies = new ArrayList<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        if (Files.readString(task.resolve("comm")).strip().startsWith(prefix)) {
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          policies.add(Integer.parseInt(fields[41 - 3]));
        }
      }
    }
    return policies;
  }

  @Test
  void idleHashingThreadsRunInSchedIdleAndNormalOnesDoNot(Vertx vertx) throws IOException {
    assumeTrue(Platform.isLinux(), "SCHED_IDLE is Linux's");
    // Thread names in /proc are cut at 15 characters: these prefixes fit.
    Hasher idle = new Hasher(vertx, "hashidle", 2, true, new PasswordHash(64, 1, 1));
    Hasher normal = new Hasher(vertx, "hashnorm", 2, false, new PasswordHash(64, 1, 1));
    List<Future<String>> hashes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      hashes.add(idle.hash("password-" + i));
      hashes.add(normal.hash("password-" + i));
    }
    TestNodes.await(Future.all(hashes));
    List<Integer> idlePolicies = policies("hashidle-");
    List<Integer> normalPolicies = policies("hashnorm-");
    assertFalse(idlePolicies.isEmpty());
    assertFalse(normalPolicies.isEmpty());
    assertTrue(idlePolicies.stream().allMatch(p -> p == SCHED_IDLE), idlePolicies.toString());
    assertTrue(normalPolicies.stream().allMatch(p -> p == SCHED_OTHER), normalPolicies.toString());
    TestNodes.await(idle.close());
    TestNodes.await(normal.close());
  }

  @Test
  void resultsComeBackOnTheCallersContext(Vertx vertx) {
    Hasher hasher = new Hasher(vertx, "hashctx", 1, true, new PasswordHash(64, 1, 1));
    Context context = vertx.getOrCreateContext();
    Promise<Boolean> sameContext = Promise.promise();
    context.runOnContext(v -> hasher.hash("password").onComplete(r -> sameContext.complete(r.succeeded() && Vertx.currentContext() == context)));
    assertEquals(true, TestNodes.awaitResult(sameContext.future()));
    TestNodes.await(hasher.close());
  }

  /** Made by Bouncy Castle's Argon2id, an independent implementation (this server's before it used the C one). */
  @Test
  void hashesMadeByAnotherImplementationVerify() {
    String owasp = "$argon2id$v=19$m=19456,t=2,p=1$zHbXGGeKPPDG5Qdly4bFUw$LOrOcLfytT6yFXtrDMuUPXQgHn4lM/02wRIn5m/SBaM";
    String small = "$argon2id$v=19$m=64,t=1,p=1$iakd4iFYUISUq8Z4CaleFQ$wcsMOrGVMhN/4vqtd2aehooEtfiY8hX/6VVB1fq1yhY";
    assertTrue(PasswordHash.verify(owasp, "correct horse battery staple"));
    assertFalse(PasswordHash.verify(owasp, "correct horse battery stapler"));
    assertTrue(PasswordHash.verify(small, "tr0ub4dor&3"));
    assertFalse(PasswordHash.verify(small, "tr0ub4dor&4"));
  }

  @Test
  void saltsDifferAndOnlyCurrentParametersAreCurrent() {
    PasswordHash owasp = new PasswordHash(PasswordHash.OWASP_MEMORY_KIB, PasswordHash.OWASP_ITERATIONS, 1);
    String a = owasp.hash("same-password");
    String b = owasp.hash("same-password");
    assertFalse(a.equals(b), "salted");
    assertTrue(owasp.current(a));
    assertFalse(owasp.current(new PasswordHash(64, 1, 1).hash("same-password")));
    assertFalse(PasswordHash.verify("$2a$10$not-argon", "same-password"));
  }
}
