package chat.store;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** The {@code store} section of the configuration: which database, its credentials and pool size. */
public final class StoreSettings {

  public static final Set<String> KEYS = Set.of("url", "user", "password", "poolSize", "path");
  /** The embedded database's files, relative to the working directory, unless {@code store.path} says otherwise. */
  public static final String DEFAULT_PATH = "data/chat";

  /** A {@code postgresql://} URL, or null for the embedded H2 database. */
  public final String url;
  public final String user;
  public final String password;
  public final int poolSize;
  /** Where the embedded database keeps its files (without the {@code .mv.db} ending). */
  public final String path;

  StoreSettings(JsonObject c) {
    String configured = c.getString("url");
    url = configured == null || configured.isBlank() ? null : configured.trim();
    user = c.getString("user");
    password = c.getString("password");
    poolSize = c.getInteger("poolSize", 4);
    path = c.getString("path", DEFAULT_PATH);
    if (url != null && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new IllegalArgumentException("Bad configuration: store.url must be a postgresql:// URL (or unset for the embedded database), not '"
          + url + "'");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("Bad configuration: store.poolSize must be at least 1");
    }
  }

  public static StoreSettings from(JsonObject json) {
    return new StoreSettings(json == null ? new JsonObject() : json);
  }

  public boolean embedded() {
    return url == null;
  }

  /** Where the accounts are, for a log line: never the credentials. */
  public String describe() {
    if (embedded()) {
      return "embedded H2 database " + path + ".mv.db";
    }
    int at = url.indexOf('@');
    return "PostgreSQL " + (at < 0 ? url : url.substring(0, url.indexOf("//") + 2) + url.substring(at + 1));
  }
}
