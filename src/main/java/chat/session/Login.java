package chat.session;

import chat.Addresses;
import chat.UserMessages;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps from a valid name to being online: claim it cluster-wide, register its per-user
 * address, and have the registry announce the join. A login that fails, or is no longer wanted,
 * after the claim gives the name back before it fails.
 */
final class Login {

  private static final Logger log = LoggerFactory.getLogger(Login.class);

  private Login() {
  }

  /**
   * Completes with the per-user consumer, which hands private lines to {@code privateLine}, the
   * registry's answers to {@code answer} and last lines to {@code lastLine} (see
   * {@link UserMessages}); fails with the registry's
   * {@code ReplyException} when the name is taken. With {@code takeover} (an account whose password
   * was checked), an older session with the name is closed first (see {@link Takeover}).
   */
  static Future<MessageConsumer<Object>> of(SessionHost host, String name, boolean takeover, Handler<String> privateLine,
      Handler<String> answer, Handler<String> lastLine, BooleanSupplier wanted) {
    Future<Void> claim = takeover ? Takeover.claim(host, name, wanted) : host.registry.claim(name);
    return claim.compose(claimed -> {
      if (!wanted.getAsBoolean()) {
        return giveBack(host, name, null);
      }
      MessageConsumer<Object> consumer = host.vertx.eventBus().consumer(Addresses.user(name), m -> {
        if (!UserMessages.dispatch(m.body(), privateLine, answer, lastLine)) {
          log.warn("Dropped a message for {} that is no user message", name);
        }
      });
      return consumer.completion()
          .compose(v -> wanted.getAsBoolean() ? host.registry.join(name) : Future.failedFuture(gone()))
          .<MessageConsumer<Object>>map(v -> consumer)
          .recover(failure -> giveBack(host, name, consumer));
    });
  }

  private static <T> Future<T> giveBack(SessionHost host, String name, MessageConsumer<Object> consumer) {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.eventually(() -> host.registryAfterPublicLines().leave(name)).transform(r -> Future.failedFuture(gone()));
  }

  private static IllegalStateException gone() {
    return new IllegalStateException("login abandoned: the connection closed or the server could not complete it");
  }
}
