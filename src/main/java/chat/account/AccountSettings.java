package chat.account;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** The {@code accounts} section of the configuration. */
public final class AccountSettings {

  public static final Set<String> KEYS = Set.of("enabled", "guests", "requireTls", "hashConcurrency", "failuresPerAddress",
      "failuresPerName", "hashMemoryKiB", "hashIterations", "hashPriority");

  public final boolean enabled;
  /** Unregistered names log in as guests; when false, a new name is registered at login. */
  public final boolean guests;
  /** Refuse {@code /register} and password logins over plain connections from non-loopback addresses. */
  public final boolean requireTls;
  public final int hashConcurrency;
  /** Hashing threads run at the lowest CPU priority ({@code "idle"}, the default) or as any other thread ({@code "normal"}). */
  public final boolean hashIdle;
  /** Failed passwords one address may have in a minute, whatever the names. */
  public final int failuresPerAddress;
  /** Failed passwords one name may have in a minute, from all addresses together. */
  public final int failuresPerName;
  public final PasswordHash hash;

  private AccountSettings(JsonObject c) {
    enabled = c.getBoolean("enabled", true);
    guests = c.getBoolean("guests", true);
    requireTls = c.getBoolean("requireTls", false);
    hashConcurrency = c.getInteger("hashConcurrency", Runtime.getRuntime().availableProcessors());
    String priority = c.getString("hashPriority", "idle");
    if (!priority.equals("idle") && !priority.equals("normal")) {
      throw new IllegalArgumentException("Bad configuration: accounts.hashPriority must be \"idle\" or \"normal\", not \"" + priority + "\"");
    }
    hashIdle = priority.equals("idle");
    failuresPerAddress = c.getInteger("failuresPerAddress", 5);
    failuresPerName = c.getInteger("failuresPerName", 20);
    int memory = c.getInteger("hashMemoryKiB", PasswordHash.OWASP_MEMORY_KIB);
    int iterations = c.getInteger("hashIterations", PasswordHash.OWASP_ITERATIONS);
    if (hashConcurrency < 1 || failuresPerAddress < 1 || failuresPerName < 1) {
      throw new IllegalArgumentException("Bad configuration: accounts.hashConcurrency, failuresPerAddress and failuresPerName must be positive");
    }
    if (memory < 8 || iterations < 1) {
      throw new IllegalArgumentException("Bad configuration: accounts.hashMemoryKiB must be at least 8 and hashIterations at least 1");
    }
    hash = new PasswordHash(memory, iterations, 1);
  }

  public static AccountSettings from(JsonObject json) {
    return new AccountSettings(json == null ? new JsonObject() : json);
  }
}
