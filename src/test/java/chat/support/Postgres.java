package chat.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests, started from Debian's installed binaries (initdb, pg_ctl)
 * in a temporary directory on a random loopback port, as user {@code postgres} when the tests run
 * as root (PostgreSQL refuses to run as root). Without the binaries the test is skipped, except
 * under {@code CI=true}, where it fails: CI installs them (.ci/run).
 */
public final class Postgres implements AutoCloseable {

  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static Postgres shared;

  private final Path dir;
  private final int port;

  private Postgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** One server for the whole test run, stopped when the JVM exits. */
  public static synchronized Postgres shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-stop"));
    }
    return shared;
  }

  /** A server of the caller's own, for a test that stops and restarts it. */
  public static Postgres start() {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      String why = "PostgreSQL 15 is not installed (" + BIN + "): apt-get install postgresql";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + "; under CI=true the PostgreSQL tests must run");
      }
      Assumptions.abort(why);
    }
    try {
      Path dir = Files.createTempDirectory("chat-pg");
      Postgres pg = new Postgres(dir, freePort());
      run(pg.asOwner(List.of("chown", "-R", "postgres:postgres", dir.toString())), true);
      run(pg.asPostgres(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres",
          "--no-sync", "-E", "UTF8"), false);
      pg.resume();
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The store settings of a new, empty database on this server. */
  public JsonObject newStore(Vertx vertx) {
    String db = "chat_" + UUID.randomUUID().toString().replace("-", "");
    var pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port).setUser("postgres")
        .setDatabase("postgres")).using(vertx).build();
    TestNodes.await(pool.query("CREATE DATABASE " + db).execute().eventually(pool::close));
    return new JsonObject().put("url", url(db));
  }

  public String url(String db) {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + db;
  }

  /** Stops the server at once (connections are cut), keeping its data. */
  public void pause() {
    run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), false);
  }

  /** Starts it again on the same port. */
  public void resume() {
    run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
        "-w", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), false);
  }

  /** Stops the server and deletes its files. */
  @Override
  public void close() {
    try {
      pause();
    } catch (AssertionError e) {
      // already stopped
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it up eventually
    }
  }

  private List<String> asPostgres(String... command) {
    List<String> full = new ArrayList<>();
    if (root()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private List<String> asOwner(List<String> command) {
    return root() ? command : List.of("true");
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command, boolean quiet) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
