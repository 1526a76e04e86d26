package chat.account;

import chat.protocol.Lines;
import chat.protocol.Names;
import chat.store.AccountStore;
import chat.store.AccountStore.Account;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
  /** How often the names registered (on any node) are read again. */
  static final long REFRESH_MILLIS = 30_000;

  private final Vertx vertx;
  private final AccountSettings settings;
  private final AccountStore store;
  private final Hasher hasher;
  private final FailureThrottle throttle;
  private final AtomicBoolean reachable = new AtomicBoolean(true);
  private final Meters meters;
  /**
   * The case-folded names known to be registered, read from the store now and then and kept up to
   * date by this node's lookups and registrations, so that while the store is unreachable a guest
   * can still log in under any other name. Accounts are never deleted, so names are only added.
   */
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  /** Whether {@link #registered} has been read from the store at least once. */
  private volatile boolean loaded;
  private final long refreshTimer;

  /** What the accounts count: refused passwords by cause, and the store's queries and failures. */
  public record Meters(Counter wrongPasswords, Counter throttled, Timer storeQueries, Counter storeFailures) {
  }

  public Accounts(Vertx vertx, AccountSettings settings, AccountStore store, Meters meters) {
    this.vertx = vertx;
    this.settings = settings;
    this.store = store;
    this.meters = meters;
    readRegistered();
    this.refreshTimer = vertx.setPeriodic(REFRESH_MILLIS, id -> readRegistered());
    this.hasher = new Hasher(vertx, settings.hashConcurrency, settings.hashIdle, settings.hash);
    this.throttle = new FailureThrottle(settings.failuresPerAddress, settings.failuresPerName);
  }

  public AccountSettings settings() {
    return settings;
  }

  public AccountStore store() {
    return store;
  }

  /**
   * The account registered as {@code name} (any case), or null: then the name is a guest's. While
   * the store is unreachable, a name not known to be registered is a guest's too, and one that is
   * gets a refusal saying its password cannot be checked.
   */
  public Future<Account> find(String name) {
    String key = Names.key(name);
    return onCaller(observed(() -> store.find(key)).map(account -> {
      if (account != null) {
        registered.add(key);
      }
      return account;
    }).recover(failure -> {
      if (!loaded) {
        return Future.failedFuture(new Refusal(Lines.cannotCheckName(name)));
      }
      return registered.contains(key) ? Future.failedFuture(new Refusal(Lines.STORE_DOWN)) : Future.succeededFuture();
    }));
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
        .compose(hash -> watched(() -> store.create(Names.key(name), name, hash), Lines.STORE_DOWN))
        .compose(created -> created ? Future.<Void>succeededFuture() : Future.failedFuture(new Refusal(Lines.alreadyRegistered(name))))
        .onSuccess(v -> {
          registered.add(Names.key(name));
          log.info("Registered {}", name);
        }));
  }

  /** Changes the password of {@code name} once {@code old} is checked as at login. */
  public Future<Void> change(String name, String old, String fresh, String address) {
    String problem = passwordProblem(fresh);
    if (problem != null) {
      return Future.failedFuture(new Refusal(problem));
    }
    return onCaller(watched(() -> store.find(Names.key(name)), Lines.STORE_DOWN)
        .compose(account -> account == null ? Future.failedFuture(new Refusal(Lines.NOT_REGISTERED)) : check(account, old, address))
        .compose(ok -> hasher.hash(fresh))
        .compose(hash -> watched(() -> store.updateHash(Names.key(name), hash), Lines.STORE_DOWN))
        .onSuccess(v -> log.info("{} changed their password", name)));
  }

  /** Null when {@code password} may be used, else the line saying why not. */
  public static String passwordProblem(String password) {
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    boolean spaces = password.chars().anyMatch(Character::isWhitespace);
    return bytes < MIN_PASSWORD_BYTES || bytes > MAX_PASSWORD_BYTES || spaces ? Lines.PASSWORD_RULES : null;
  }

  public Future<Void> close() {
    vertx.cancelTimer(refreshTimer);
    return hasher.close().eventually(store::close);
  }

  private Future<Void> check(Account account, String password, String address) {
    String key = Names.key(account.name());
    long wait = throttle.waitSeconds(key, address, System.nanoTime());
    if (wait > 0) {
      log.info("Password attempt for {} from {} refused: too many failures, {} s to wait", account.name(), address, wait);
      meters.throttled().increment();
      return Future.failedFuture(new Refusal(Lines.tooManyFailures(wait)));
    }
    return hasher.verify(account.hash(), password).compose(ok -> {
      if (ok) {
        return Future.succeededFuture();
      }
      throttle.failed(key, address, System.nanoTime());
      log.info("Wrong password for {} from {}", account.name(), address);
      meters.wrongPasswords().increment();
      return Future.failedFuture(new Refusal(Lines.wrongPassword(account.name())));
    });
  }

  /** The store's answer to {@code query}, with a failure turned into the refusal {@code line} (see {@link #observed}). */
  private <T> Future<T> watched(Supplier<Future<T>> query, String line) {
    return observed(query).recover(failure -> Future.failedFuture(new Refusal(line)));
  }

  /** The store's answer to {@code query}, timed and counted; an outage is logged once until the store answers again. */
  private <T> Future<T> observed(Supplier<Future<T>> query) {
    long start = System.nanoTime();
    return query.get().andThen(r -> {
      meters.storeQueries().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (r.succeeded()) {
        if (reachable.compareAndSet(false, true)) {
          log.info("The account store answers again");
        }
        return;
      }
      meters.storeFailures().increment();
      if (reachable.compareAndSet(true, false)) {
        log.warn("The account store is unreachable ({}); registered users cannot log in until it is back, guests can",
            r.cause().toString());
      }
    });
  }

  private void readRegistered() {
    store.registeredKeys().onSuccess(keys -> {
      registered.addAll(keys);
      loaded = true;
    });
  }

  private <T> Future<T> onCaller(Future<T> future) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    future.onComplete(r -> context.runOnContext(v -> promise.handle(r)));
    return promise.future();
  }
}
