package chat.support;

import chat.ChatConfig;
import chat.ChatNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Starts chat nodes on random loopback ports with test-friendly settings. */
public final class TestNodes {

  private TestNodes() {
  }

  /**
   * Shipped defaults (accounts on, on an embedded database), but on 127.0.0.1, random ports (admin
   * listener too), an empty database of its own in a temporary directory, and with the given overrides.
   */
  public static JsonObject config(JsonObject overrides) {
    return new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 4)
        .put("http", new JsonObject().put("port", 0)).put("https", new JsonObject().put("port", 0))
        .put("admin", new JsonObject().put("port", 0))
        .put("store", new JsonObject().put("path", freshStorePath())).mergeIn(overrides);
  }

  private static Path stores;

  /** Where a new, empty embedded database goes: a directory of its own, all of them deleted when the JVM exits. */
  public static synchronized String freshStorePath() {
    try {
      if (stores == null) {
        Path root = Files.createTempDirectory("chat-stores");
        stores = root;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "chat-stores-cleanup"));
      }
      return Files.createTempDirectory(stores, "store").resolve("chat").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path root) {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it up eventually
    }
  }

  public static ChatNode start(Vertx vertx, JsonObject overrides) {
    try {
      return ChatNode.deploy(vertx, ChatConfig.from(config(overrides))).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("node did not start", e);
    }
  }

  public static void await(io.vertx.core.Future<?> future) {
    try {
      future.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public static <T> T awaitResult(io.vertx.core.Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
