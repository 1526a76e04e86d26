package chat.registry;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * Hands a request to the node's registry as the sender built it. Requests are node-local and never
 * touched after they are sent, while the default JSON codec copies every object it delivers
 * locally: a tenth of what a private line allocates, and so of how often the young generation
 * fills. It has no wire form.
 */
final class RequestCodec implements MessageCodec<JsonObject, JsonObject> {

  static final String NAME = "chat.registry-request";

  /**
   * Registers the codec on {@code bus} unless a registry deployed there before did. It stays for the
   * bus's lifetime: a request sent with a codec name the bus does not know throws at the sender.
   */
  static void registerOn(EventBus bus) {
    try {
      bus.registerCodec(new RequestCodec());
    } catch (IllegalStateException alreadyThere) {
      // an earlier registry on this Vert.x instance registered it
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject request) {
    throw new UnsupportedOperationException("registry requests are node-local");
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("registry requests are node-local");
  }

  @Override
  public JsonObject transform(JsonObject request) {
    return request;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
