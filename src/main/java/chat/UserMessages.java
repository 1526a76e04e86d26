package chat;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * What a per-user address ({@link Addresses#user}) carries, told apart by type: a line for the user
 * (a string), the registry's answer to one of the user's requests (an {@link Answer}, node-local),
 * or a last line before the session closes ({@link #lastLine}, from any node). Not by headers:
 * reading a message's headers creates them, and a header is copied at every local delivery, which
 * made a fifth of what a private line allocated.
 */
public final class UserMessages {

  private static final String LAST_LINE = "lastLine";

  /** The registry's answer to a request of this user (a private message's echo, or why it went nowhere). */
  public record Answer(String line) {
  }

  private UserMessages() {
  }

  /** Makes {@link Answer}s sendable on {@code bus} (node-local, see {@link LocalCodec}). */
  public static void registerOn(EventBus bus) {
    LocalCodec.registerFor(bus, Answer.class);
  }

  /** A line the user is sent before its session closes: an operator's kick, or a newer login to the same account. */
  public static JsonObject lastLine(String line) {
    return new JsonObject().put(LAST_LINE, line);
  }

  /**
   * Hands {@code body}, received at a per-user address, to the handler for its kind; returns false,
   * handing it to none, when it is none of them (any node may send to the address).
   */
  public static boolean dispatch(Object body, Handler<String> line, Handler<String> answer, Handler<String> lastLine) {
    if (body instanceof String text) {
      line.handle(text);
    } else if (body instanceof Answer reply) {
      answer.handle(reply.line());
    } else if (body instanceof JsonObject last && last.getValue(LAST_LINE) instanceof String text) {
      lastLine.handle(text);
    } else {
      return false;
    }
    return true;
  }
}
