package io.stackwatch.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes of the built-in users, written {@code
 * pbkdf2-sha256:<iterations>:<salt>:<hash>} (salt and hash in Base64). Plain JDK, so the hash of a
 * new password is one command away, without starting stackwatch:
 *
 * <pre>
 * java -cp target/classes io.stackwatch.security.PasswordHash
 * </pre>
 *
 * reads the password (without echo at a terminal, else one line of standard input) and prints its
 * hash.
 */
public final class PasswordHash {

  /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
  static final int ITERATIONS = 600_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private PasswordHash() {}

  /** A new hash of the password, with a random salt. */
  public static String hash(char[] password) {
    return hash(password, ITERATIONS);
  }

  static String hash(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + ":"
        + iterations
        + ":"
        + b64.encodeToString(salt)
        + ":"
        + b64.encodeToString(derive(password, salt, iterations, HASH_BITS));
  }

  /**
   * Whether the password matches the hash; compared in constant time.
   *
   * @throws IllegalArgumentException if the hash is not one this class writes
   */
  public static boolean verify(char[] password, String stored) {
    Parsed p = parse(stored);
    byte[] actual = derive(password, p.salt(), p.iterations(), p.hash().length * 8);
    return MessageDigest.isEqual(actual, p.hash());
  }

  /** The iterations of a stored hash. */
  static int iterations(String stored) {
    return parse(stored).iterations();
  }

  /**
   * Checks that a configured hash is well formed.
   *
   * @throws IllegalArgumentException saying what is wrong, never quoting the hash
   */
  public static void check(String stored) {
    parse(stored);
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String stored) {
    String[] parts = stored == null ? new String[0] : stored.strip().split(":", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException(
          "not a password hash of the form " + PREFIX + ":<iterations>:<salt>:<hash>");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      if (iterations < 10_000 || salt.length < 8 || hash.length < 16) {
        throw new IllegalArgumentException(
            "password hash too weak: at least 10000 iterations, 8 bytes of salt, 16 of hash");
      }
      return new Parsed(iterations, salt, hash);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("password hash: iterations is not a number");
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("password hash")) {
        throw e;
      }
      throw new IllegalArgumentException("password hash: salt or hash is not Base64");
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Reads a password and prints its hash. */
  public static void main(String[] args) throws IOException {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Password: ");
    } else {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password == null || password.length == 0) {
      System.err.println("No password given.");
      System.exit(2);
    }
    System.out.println(hash(password));
    Arrays.fill(password, '\0');
  }
}
