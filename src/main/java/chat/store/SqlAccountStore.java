package chat.store;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Set;

/** The accounts table through Vert.x's SQL client: the same statements on H2 and PostgreSQL. */
final class SqlAccountStore implements AccountStore {

  private final Pool pool;
  private final Dialect dialect;

  SqlAccountStore(Pool pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  @Override
  public Future<Account> find(String key) {
    return pool.preparedQuery(dialect.sql("SELECT name, hash FROM accounts WHERE name_key = ?"))
        .execute(Tuple.of(key))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            return null;
          }
          Row row = it.next();
          return new Account(row.getString(0), row.getString(1));
        });
  }

  @Override
  public Future<Boolean> create(String key, String name, String hash) {
    // An explicit transaction: through the JDBC pool, a bare INSERT was not seen by the other connections.
    return pool.withTransaction(conn -> conn.preparedQuery(dialect.sql("INSERT INTO accounts (name_key, name, hash) VALUES (?, ?, ?)"))
            .execute(Tuple.of(key, name, hash)))
        .map(rows -> true)
        .recover(failure -> Dialect.duplicate(failure) ? Future.succeededFuture(false) : Future.failedFuture(failure));
  }

  @Override
  public Future<Void> updateHash(String key, String hash) {
    return pool.withTransaction(conn -> conn.preparedQuery(dialect.sql("UPDATE accounts SET hash = ?, changed_at = CURRENT_TIMESTAMP WHERE name_key = ?"))
            .execute(Tuple.of(hash, key)))
        .mapEmpty();
  }

  @Override
  public Future<Set<String>> registeredKeys() {
    return pool.query("SELECT name_key FROM accounts").execute().map(rows -> {
      Set<String> keys = new HashSet<>();
      rows.forEach(row -> keys.add(row.getString(0)));
      return keys;
    });
  }

  @Override
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  @Override
  public boolean embedded() {
    return dialect == Dialect.H2;
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }
}
