package dev.atrium.hub.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hub's TLS material in the data directory: a CA ({@code ca.crt}, {@code ca.key}) and a serving
 * certificate signed by it ({@code serving.crt}, {@code serving.key}; PEM, keys in PKCS#8 with mode
 * 0600). Created on first start, reused later; the serving certificate is reissued from the same CA
 * when it is missing, unreadable, not signed by the CA, does not match its key, lacks a configured
 * SAN, or expires within 30 days.
 */
public final class Pki {

  public static final String CA_CERT_FILE = "ca.crt";
  public static final String CA_KEY_FILE = "ca.key";
  public static final String SERVING_CERT_FILE = "serving.crt";
  public static final String SERVING_KEY_FILE = "serving.key";

  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private static final System.Logger LOG = System.getLogger(Pki.class.getName());

  private final Path dataDir;
  private final String caPem;

  private Pki(Path dataDir, String caPem) {
    this.dataDir = dataDir;
    this.caPem = caPem;
  }

  /**
   * Creates or reuses the CA and serving certificate in {@code dataDir} (created if missing).
   *
   * @param extraSans additional host names or IP literals for the serving certificate, on top of
   *     localhost, 127.0.0.1 and ::1; may be null
   */
  public static Pki ensure(Path dataDir, List<String> extraSans) {
    return ensure(dataDir, extraSans, Instant.now());
  }

  static Pki ensure(Path dataDir, List<String> extraSans, Instant now) {
    SecureFiles.ensureDirectory(dataDir);
    CertificateAuthority ca =
        CertificateAuthority.loadOrCreate(
            dataDir.resolve(CA_CERT_FILE), dataDir.resolve(CA_KEY_FILE), now);
    Pki pki = new Pki(dataDir, ca.pem());
    pki.ensureServing(ca, SubjectAltNames.of(extraSans), now);
    return pki;
  }

  public Path caCert() {
    return dataDir.resolve(CA_CERT_FILE);
  }

  public Path caKey() {
    return dataDir.resolve(CA_KEY_FILE);
  }

  public Path servingCert() {
    return dataDir.resolve(SERVING_CERT_FILE);
  }

  public Path servingKey() {
    return dataDir.resolve(SERVING_KEY_FILE);
  }

  /** The CA certificate in PEM form, e.g. for kubeconfig {@code certificate-authority-data}. */
  public String caPem() {
    return caPem;
  }

  private void ensureServing(CertificateAuthority ca, SubjectAltNames sans, Instant now) {
    Optional<String> reason = reissueReason(ca, sans, now);
    if (reason.isEmpty()) {
      SecureFiles.restrictToOwner(servingKey());
      return;
    }
    KeyPair pair = CertificateIssuer.newKeyPair();
    X509Certificate cert = ca.issueServing(pair.getPublic(), sans, now);
    SecureFiles.writeSecret(servingKey(), Pem.privateKey(pair.getPrivate()));
    SecureFiles.writePublic(servingCert(), Pem.certificate(cert));
    LOG.log(
        System.Logger.Level.INFO,
        "Issued serving certificate {0} ({1})",
        servingCert(),
        reason.get());
  }

  /** Why the serving certificate must be (re)issued, or empty when it can be kept. */
  private Optional<String> reissueReason(
      CertificateAuthority ca, SubjectAltNames sans, Instant now) {
    if (!Files.exists(servingCert()) || !Files.exists(servingKey())) {
      return Optional.of("missing");
    }
    X509Certificate cert;
    PrivateKey key;
    try {
      cert = Pem.parseCertificate(SecureFiles.read(servingCert()));
      key = Pem.parsePrivateKey(SecureFiles.read(servingKey()));
    } catch (BootstrapException e) {
      return Optional.of("unreadable: " + e.getMessage());
    }
    return problemWith(cert, key, ca, sans, now);
  }

  private static Optional<String> problemWith(
      X509Certificate cert,
      PrivateKey key,
      CertificateAuthority ca,
      SubjectAltNames sans,
      Instant now) {
    if (!ca.signed(cert)) {
      return Optional.of("not signed by current CA");
    }
    if (!cert.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
      return Optional.of("expires " + cert.getNotAfter().toInstant());
    }
    if (!sans.coveredBy(cert)) {
      return Optional.of("subject alternative names changed");
    }
    if (!KeyMatch.matches(key, cert.getPublicKey())) {
      return Optional.of("key does not match certificate");
    }
    return Optional.empty();
  }
}
