package dev.atrium.hub.auth.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The ES256 (P-256) key that signs ServiceAccount tokens, kept as PKCS#8 PEM in the data dir
 * (created on first start, mode 0600). {@code kid} is derived from the public key.
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String kid) {

  public static final String FILE_NAME = "service-account.key";

  public static SigningKey generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = g.generateKeyPair();
      return of(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads {@code dir/service-account.key}, creating it first when missing. Blocking. */
  public static SigningKey loadOrCreate(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        SigningKey key = generate();
        write(file, key);
      }
      return read(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SigningKey read(String pem) {
    try {
      KeyFactory kf = KeyFactory.getInstance("EC");
      PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY")));
      PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(block(pem, "PUBLIC KEY")));
      return of(priv, pub);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("invalid service account key: " + e.getMessage(), e);
    }
  }

  private static byte[] block(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf("-----END " + type + "-----");
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("missing " + type);
    }
    return Base64.getDecoder()
        .decode(pem.substring(from + begin.length(), to).replaceAll("\\s", ""));
  }

  static String pem(SigningKey key) {
    return encode("PRIVATE KEY", key.privateKey().getEncoded())
        + encode("PUBLIC KEY", key.publicKey().getEncoded());
  }

  private static String encode(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void write(Path file, SigningKey key) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".sa", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      Files.writeString(tmp, pem(key));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static SigningKey of(PrivateKey priv, PublicKey pub) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(pub.getEncoded());
      return new SigningKey(
          priv, pub, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
