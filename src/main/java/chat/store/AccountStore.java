package chat.store;

import io.vertx.core.Future;
import java.util.Set;

/** Where accounts are kept: names and their password hashes, whatever the database. */
public interface AccountStore {

  /** A registered name as first spelled, and its password hash (a PHC string). */
  record Account(String name, String hash) {
  }

  /** The account whose case-folded name is {@code key}, or null when there is none. */
  Future<Account> find(String key);

  /** Creates an account; completes with false when {@code key} is registered already. */
  Future<Boolean> create(String key, String name, String hash);

  Future<Void> updateHash(String key, String hash);

  /** The case-folded names of every account. */
  Future<Set<String>> registeredKeys();

  /** Succeeds when the database answers a trivial query: for health and readiness checks. */
  Future<Void> ping();

  /** True for the embedded (H2) database, which only one process can use. */
  boolean embedded();

  Future<Void> close();
}
