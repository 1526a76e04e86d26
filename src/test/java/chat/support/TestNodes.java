package chat.support;

import chat.ChatConfig;
import chat.ChatNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/** Starts chat nodes on random loopback ports with test-friendly settings. */
public final class TestNodes {

  private TestNodes() {
  }

  /** Shipped defaults, but on 127.0.0.1, random ports (admin listener too), and with the given overrides. */
  public static JsonObject config(JsonObject overrides) {
    return new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 4)
        .put("http", new JsonObject().put("port", 0)).put("https", new JsonObject().put("port", 0))
        .put("admin", new JsonObject().put("port", 0)).mergeIn(overrides);
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
}
