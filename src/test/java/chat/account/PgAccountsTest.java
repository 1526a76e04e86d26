package chat.account;

import chat.support.Postgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Every test of {@link AccountsTest}, on a real PostgreSQL server (a database of its own for each). */
class PgAccountsTest extends AccountsTest {

  @Override
  protected JsonObject newStore(Vertx vertx) {
    return Postgres.shared().newStore(vertx);
  }
}
