package chat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hashes run on a pool of their own with at most hashConcurrency threads; PHC strings are salted and checked. */
@ExtendWith(VertxExtension.class)
class HasherTest {

  @Test
  void aStormOfHashesRunsOnAtMostTheConfiguredThreads(Vertx vertx) {
    String pool = "chat-hash-test-" + java.util.UUID.randomUUID();
    Hasher hasher = new Hasher(vertx, pool, 2, new PasswordHash(1024, 1, 1));
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
