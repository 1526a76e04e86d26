package chat.store;

import io.vertx.sqlclient.DatabaseException;
import java.sql.SQLException;

/** The one difference between the two databases that the SQL shows: how parameters are written. */
enum Dialect {
  H2, POSTGRESQL;

  private static final String UNIQUE_VIOLATION = "23505";

  /** {@code sql} with {@code ?} parameters, as this database's client wants them ({@code $1, $2} on PostgreSQL). */
  String sql(String sql) {
    if (this == H2) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '?') {
        out.append('$').append(++n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The failure is a unique-key violation: the row exists already. */
  static boolean duplicate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DatabaseException db && UNIQUE_VIOLATION.equals(db.getSqlState())) {
        return true;
      }
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
