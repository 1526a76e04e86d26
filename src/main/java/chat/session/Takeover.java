package chat.session;

import chat.Addresses;
import chat.UserMessages;
import chat.protocol.Lines;
import chat.registry.RegistryProtocol;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.ReplyException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims a name whose account was just checked: when an older session has it (on any node, perhaps
 * on a dead connection), that session is sent its last line ({@link UserMessages#lastLine}) and the claim
 * is tried again once its departure has freed the name.
 */
final class Takeover {

  private static final Logger log = LoggerFactory.getLogger(Takeover.class);
  private static final int ATTEMPTS = 20;
  private static final long MAX_DELAY_MILLIS = 500;

  private Takeover() {
  }

  static Future<Void> claim(SessionHost host, String name, BooleanSupplier wanted) {
    return attempt(host, name, wanted, 0);
  }

  private static Future<Void> attempt(SessionHost host, String name, BooleanSupplier wanted, int attempt) {
    return host.registry.claim(name).recover(failure -> {
      boolean taken = failure instanceof ReplyException reply && reply.failureCode() == RegistryProtocol.TAKEN;
      if (!taken || attempt >= ATTEMPTS || !wanted.getAsBoolean()) {
        return Future.failedFuture(failure);
      }
      if (attempt == 0) {
        log.info("{} logged in on another connection: closing the older session", name);
      }
      host.vertx.eventBus().send(Addresses.user(name), UserMessages.lastLine(Lines.TAKEN_OVER));
      Promise<Void> retried = Promise.promise();
      host.vertx.setTimer(Math.min(MAX_DELAY_MILLIS, 10L << attempt), id -> attempt(host, name, wanted, attempt + 1).onComplete(retried));
      return retried.future();
    });
  }
}
