package chat.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Opens the account store the settings name and brings its schema up to date. */
public final class Stores {

  private Stores() {
  }

  public static Future<AccountStore> open(Vertx vertx, StoreSettings settings) {
    PoolOptions poolOptions = new PoolOptions().setMaxSize(settings.poolSize).setName("chat-store");
    Pool pool;
    Dialect dialect;
    if (settings.embedded()) {
      Path file = Path.of(settings.path).toAbsolutePath();
      try {
        ownerOnlyDirectory(file.getParent());
      } catch (IOException e) {
        return Future.failedFuture("cannot create " + file.getParent() + " for the account store: " + e.getMessage());
      }
      // WRITE_DELAY=0: a commit is on disk before it is acknowledged, so a kill -9 loses no account.
      pool = JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0"), poolOptions);
      dialect = Dialect.H2;
    } else {
      PgConnectOptions connect = PgConnectOptions.fromUri(settings.url.replaceFirst("^postgres://", "postgresql://"));
      if (settings.user != null) {
        connect.setUser(settings.user);
      }
      if (settings.password != null) {
        connect.setPassword(settings.password);
      }
      pool = PgBuilder.pool().with(poolOptions).connectingTo(connect).using(vertx).build();
      dialect = Dialect.POSTGRESQL;
    }
    return Schema.migrate(pool, dialect)
        .compose(version -> settings.embedded() ? ownerOnlyFiles(vertx, Path.of(settings.path).toAbsolutePath()) : Future.succeededFuture())
        .<AccountStore>map(v -> new SqlAccountStore(pool, dialect))
        .recover(failure -> pool.close().transform(r -> Future.failedFuture(failure)));
  }

  private static void ownerOnlyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }

  /** The database files hold password hashes: readable by their owner only. */
  private static Future<Void> ownerOnlyFiles(Vertx vertx, Path base) {
    return vertx.executeBlocking(() -> {
      Path dir = base.getParent();
      String prefix = base.getFileName().toString() + ".";
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (f.getFileName().toString().startsWith(prefix)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
          }
        }
      }
      return null;
    });
  }
}
