package chat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Hands a node-local message to its consumer as the sender built it. The default codecs copy what
 * they deliver locally (a JSON object entry by entry), which the chat's hottest messages do not
 * need: they are immutable or never touched after sending. It has no wire form, so a message that
 * uses it can only be sent with {@link Addresses#LOCAL}.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

  private final String name;

  private LocalCodec(String name) {
    this.name = name;
  }

  /** Registers a codec chosen by its name (see {@code DeliveryOptions.setCodecName}) unless the bus has it. */
  public static void registerNamed(EventBus bus, String name) {
    try {
      bus.registerCodec(new LocalCodec<>(name));
    } catch (IllegalStateException alreadyThere) {
      // registered by an earlier verticle on this Vert.x instance; it stays for the bus's lifetime
    }
  }

  /** Registers the codec every message of {@code type} is sent with, unless the bus has one. */
  public static <T> void registerFor(EventBus bus, Class<T> type) {
    try {
      bus.registerDefaultCodec(type, new LocalCodec<>("chat.local." + type.getSimpleName()));
    } catch (IllegalStateException alreadyThere) {
      // as above
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    throw new UnsupportedOperationException(name + " messages are node-local");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException(name + " messages are node-local");
  }

  @Override
  public T transform(T message) {
    return message;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
