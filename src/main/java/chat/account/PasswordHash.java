package chat.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;

/**
 * Argon2id in PHC strings, {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}: the parameters travel
 * with each hash, so they can be raised later and old hashes re-hashed at the next login
 * ({@link #current}). Slow on purpose: call it on a worker thread ({@link Hasher}). The work is the
 * reference C implementation's (argon2-jvm): its 19 MiB a hash are allocated and freed outside the
 * Java heap, where, as objects, they would promote through the young generation and stop the
 * event loops for a collection at nearly every hash.
 */
public final class PasswordHash {

  /** OWASP's recommendation for Argon2id: 19 MiB, 2 iterations, 1 lane. */
  public static final int OWASP_MEMORY_KIB = 19 * 1024;
  public static final int OWASP_ITERATIONS = 2;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Argon2Advanced ARGON2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);

  private final int memoryKiB;
  private final int iterations;
  private final int lanes;

  public PasswordHash(int memoryKiB, int iterations, int lanes) {
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.lanes = lanes;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKiB, iterations, lanes, HASH_BYTES);
    return "$argon2id$v=19$" + parameters() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  /** True when {@code password} matches {@code phc}, with whatever parameters that hash was made. */
  public static boolean verify(String phc, String password) {
    String[] parts = phc.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String kv : parts[3].split(",")) {
      int v = Integer.parseInt(kv.substring(2));
      switch (kv.charAt(0)) {
        case 'm' -> m = v;
        case 't' -> t = v;
        case 'p' -> p = v;
        default -> {
          return false;
        }
      }
    }
    byte[] salt = B64D.decode(parts[4]);
    byte[] expected = B64D.decode(parts[5]);
    return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
  }

  /** The hash was made with this instance's parameters; otherwise it should be made again. */
  public boolean current(String phc) {
    return phc.startsWith("$argon2id$v=19$" + parameters() + "$");
  }

  public String parameters() {
    return "m=" + memoryKiB + ",t=" + iterations + ",p=" + lanes;
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    try {
      return ARGON2.rawHashAdvanced(t, m, p, secret, salt, null, null, length, Argon2Version.V13);
    } finally {
      java.util.Arrays.fill(secret, (byte) 0);
    }
  }
}
