package chat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.ChatNode;
import chat.support.Accounts;
import chat.support.LogCapture;
import chat.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedded store keeps accounts across a restart, is readable by its owner only, and old hashes are re-hashed. */
@ExtendWith(VertxExtension.class)
class PersistenceTest {

  @Test
  void accountsSurviveARestartAndWeakerHashesAreRedoneAtLogin(Vertx vertx) throws Exception {
    // data/ does not exist yet: the store creates it, for its owner only.
    String path = Path.of(TestNodes.freshStorePath()).resolveSibling("data").resolve("chat").toString();
    JsonObject weak = new JsonObject().put("store", new JsonObject().put("path", path))
        .put("accounts", new JsonObject().put("hashMemoryKiB", 64).put("hashIterations", 1));
    ChatNode first = TestNodes.start(vertx, weak);
    Accounts.register(first.port(), "Sam", "sams-password").close();
    assertTrue(hashOf(first, "sam").startsWith("$argon2id$v=19$m=64,t=1,p=1$"));
    TestNodes.await(first.shutdown());

    Path file = Path.of(path + ".mv.db");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

    ChatNode second = TestNodes.start(vertx, new JsonObject().put("store", new JsonObject().put("path", path)));
    try (LogCapture log = new LogCapture(chat.account.Accounts.class.getName())) {
      Accounts.login(second.port(), "Sam", "sams-password").close();
      log.expect("Re-hashed the password of Sam with m=19456,t=2,p=1");
    }
    String hash = hashOf(second, "sam");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    Accounts.login(second.port(), "Sam", "sams-password").close();
    TestNodes.await(second.shutdown());
  }

  private static String hashOf(ChatNode node, String key) throws Exception {
    return node.accounts().store().find(key).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).hash();
  }
}
