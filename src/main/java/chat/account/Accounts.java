package chat.account;

import chat.protocol.Lines;
import chat.protocol.Names;
import chat.store.AccountStore;
import chat.store.AccountStore.Account;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's accounts, shared by its event loops: look a name up, check a password (throttled,
 * hashed on the {@link Hasher}'s workers, re-hashed when the parameters changed), register and
 * change passwords. Every failure is a {@link Refusal} whose message is the user's line; an
 * unreachable store is logged once per outage. Results come back on the caller's event loop.
 */
public final class Accounts {

  private static final Logger log = LoggerFactory.getLogger(Accounts.class);
  public static final int MIN_PASSWORD_BYTES = 8;
  public static final int MAX_PASSWORD_BYTES = 256;

  private final Vertx vertx;
  private final AccountSettings settings;
  private final AccountStore store;
  private final Hasher hasher;
  private final FailureThrottle throttle;
  private final AtomicBoolean reachable = new AtomicBoolean(true);

  public Accounts(Vertx vertx, AccountSettings settings, AccountStore store) {
    this.vertx = vertx;
    this.settings = settings;
    this.store = store;
    this.hasher = new Hasher(vertx, settings.hashConcurrency, settings.hash);
    this.throttle = new FailureThrottle(settings.failuresPerAddress, settings.failuresPerName);
  }

  public AccountSettings settings() {
    return settings;
  }

  public AccountStore store() {
    return store;
  }

  /** The account registered as {@code name} (any case), or null: then the name is a guest's. */
  public Future<Account> find(String name) {
    return onCaller(watched(store.find(Names.key(name)), Lines.cannotCheckName(name)));
  }

  /** Succeeds when {@code password} is the account's; fails with a refusal (wrong, throttled, store down). */
  public Future<Void> verify(Account account, String password, String address) {
    return onCaller(check(account, password, address).compose(ok -> {
      if (!hasher.current(account.hash())) {
        hasher.hash(password).compose(fresh -> store.updateHash(Names.key(account.name()), fresh))
            .onSuccess(v -> log.info("Re-hashed the password of {} with {}", account.name(), settings.hash.parameters()))
            .onFailure(e -> log.warn("Could not re-hash the password of {}: {}", account.name(), e.toString()));
      }
      return Future.succeededFuture();
    }));
  }

  /** Registers {@code name} with {@code password}; fails with a refusal when it is registered already. */
  public Future<Void> register(String name, String password) {
    String problem = passwordProblem(password);
    if (problem != null) {
      return Future.failedFuture(new Refusal(problem));
    }
    return onCaller(hasher.hash(password)
        .compose(hash -> watched(store.create(Names.key(name), name, hash), Lines.STORE_DOWN))
        .compose(created -> created ? Future.<Void>succeededFuture() : Future.failedFuture(new Refusal(Lines.alreadyRegistered(name))))
        .onSuccess(v -> log.info("Registered {}", name)));
  }

  /** Changes the password of {@code name} once {@code old} is checked as at login. */
  public Future<Void> change(String name, String old, String fresh, String address) {
    String problem = passwordProblem(fresh);
    if (problem != null) {
      return Future.failedFuture(new Refusal(problem));
    }
    return onCaller(watched(store.find(Names.key(name)), Lines.STORE_DOWN)
        .compose(account -> account == null ? Future.failedFuture(new Refusal(Lines.NOT_REGISTERED)) : check(account, old, address))
        .compose(ok -> hasher.hash(fresh))
        .compose(hash -> watched(store.updateHash(Names.key(name), hash), Lines.STORE_DOWN))
        .onSuccess(v -> log.info("{} changed their password", name)));
  }

  /** Null when {@code password} may be used, else the line saying why not. */
  public static String passwordProblem(String password) {
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    boolean spaces = password.chars().anyMatch(Character::isWhitespace);
    return bytes < MIN_PASSWORD_BYTES || bytes > MAX_PASSWORD_BYTES || spaces ? Lines.PASSWORD_RULES : null;
  }

  public Future<Void> close() {
    return hasher.close().eventually(store::close);
  }

  private Future<Void> check(Account account, String password, String address) {
    String key = Names.key(account.name());
    long wait = throttle.waitSeconds(key, address, System.nanoTime());
    if (wait > 0) {
      log.info("Password attempt for {} from {} refused: too many failures, {} s to wait", account.name(), address, wait);
      return Future.failedFuture(new Refusal(Lines.tooManyFailures(wait)));
    }
    return hasher.verify(account.hash(), password).compose(ok -> {
      if (ok) {
        return Future.succeededFuture();
      }
      throttle.failed(key, address, System.nanoTime());
      log.info("Wrong password for {} from {}", account.name(), address);
      return Future.failedFuture(new Refusal(Lines.wrongPassword(account.name())));
    });
  }

  /** The store's answer, with an outage turned into {@code line} and logged once until the store answers again. */
  private <T> Future<T> watched(Future<T> answer, String line) {
    return answer.andThen(r -> {
      if (r.succeeded()) {
        if (reachable.compareAndSet(false, true)) {
          log.info("The account store answers again");
        }
      } else if (reachable.compareAndSet(true, false)) {
        log.warn("The account store is unreachable ({}); registered users cannot log in until it is back", r.cause().toString());
      }
    }).recover(failure -> Future.failedFuture(new Refusal(line)));
  }

  private <T> Future<T> onCaller(Future<T> future) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    future.onComplete(r -> context.runOnContext(v -> promise.handle(r)));
    return promise.future();
  }
}
