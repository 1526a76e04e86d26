package chat.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, applied at start: table {@code schema_version} holds the versions
 * applied. Each migration runs in a transaction that first inserts its version, so when several
 * cluster nodes start at once on one PostgreSQL database, one applies it and the others see the
 * duplicate version and move on.
 */
final class Schema {

  private static final Logger log = LoggerFactory.getLogger(Schema.class);

  /** Migration n+1 is MIGRATIONS.get(n); never edit one that has shipped, add the next. */
  private static final List<String> MIGRATIONS = List.of(
      "CREATE TABLE accounts (name_key VARCHAR(32) PRIMARY KEY, name VARCHAR(32) NOT NULL, hash VARCHAR(512) NOT NULL,"
          + " created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, changed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");

  private Schema() {
  }

  /** Completes with the schema version once every migration is applied. */
  static Future<Integer> migrate(Pool pool, Dialect dialect) {
    return createVersionTable(pool, true)
        .compose(v -> current(pool))
        .compose(version -> apply(pool, dialect, version));
  }

  private static Future<Void> createVersionTable(Pool pool, boolean retry) {
    return pool.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
            + " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)").execute().<Void>mapEmpty()
        // Two PostgreSQL sessions creating the same table at once: one of them fails on the catalog's unique key.
        .recover(failure -> retry && Dialect.duplicate(failure) ? createVersionTable(pool, false) : Future.failedFuture(failure));
  }

  private static Future<Integer> current(Pool pool) {
    return pool.query("SELECT MAX(version) FROM schema_version").execute().map(rows -> {
      Integer max = rows.iterator().next().getInteger(0);
      return max == null ? 0 : max;
    });
  }

  private static Future<Integer> apply(Pool pool, Dialect dialect, int version) {
    if (version >= MIGRATIONS.size()) {
      return Future.succeededFuture(version);
    }
    int next = version + 1;
    return pool.withTransaction(conn -> conn.preparedQuery(dialect.sql("INSERT INTO schema_version (version) VALUES (?)"))
            .execute(Tuple.of(next))
            .compose(r -> conn.query(MIGRATIONS.get(next - 1)).execute()))
        .map(r -> {
          log.info("Applied schema migration {} to the account store", next);
          return next;
        })
        .recover(failure -> Dialect.duplicate(failure) ? Future.succeededFuture(next) : Future.failedFuture(failure))
        .compose(done -> apply(pool, dialect, done));
  }
}
