package dev.atrium.hub.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The hub's CA: {@code ca.crt}/{@code ca.key} in the data directory, created on first start and
 * reused afterwards. A leftover {@code ca.key} without {@code ca.crt} (interrupted first start) is
 * replaced; a {@code ca.crt} without its key is an error, because silently replacing it would
 * invalidate every client that trusts it.
 */
final class CertificateAuthority {

  private static final System.Logger LOG = System.getLogger(CertificateAuthority.class.getName());

  private final X509Certificate cert;
  private final PrivateKey key;

  private CertificateAuthority(X509Certificate cert, PrivateKey key) {
    this.cert = cert;
    this.key = key;
  }

  static CertificateAuthority loadOrCreate(Path certFile, Path keyFile, Instant now) {
    if (Files.exists(certFile)) {
      return load(certFile, keyFile);
    }
    return create(certFile, keyFile, now);
  }

  X509Certificate certificate() {
    return cert;
  }

  String pem() {
    return Pem.certificate(cert);
  }

  /** Issues a serving certificate for {@code servingKey} signed by this CA. */
  X509Certificate issueServing(PublicKey servingKey, SubjectAltNames sans, Instant now) {
    return CertificateIssuer.servingCertificate(cert, key, servingKey, sans, now);
  }

  /** True when {@code leaf} carries a valid signature from this CA. */
  boolean signed(X509Certificate leaf) {
    if (!leaf.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
      return false;
    }
    try {
      leaf.verify(cert.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static CertificateAuthority load(Path certFile, Path keyFile) {
    if (!Files.exists(keyFile)) {
      throw new BootstrapException(
          certFile
              + " exists but "
              + keyFile
              + " is missing; restore the key or delete "
              + certFile
              + " to create a new CA (clients trusting the old CA must be updated)");
    }
    X509Certificate cert = Pem.parseCertificate(SecureFiles.read(certFile));
    PrivateKey key = Pem.parsePrivateKey(SecureFiles.read(keyFile));
    if (!KeyMatch.matches(key, cert.getPublicKey())) {
      throw new BootstrapException(keyFile + " does not match " + certFile);
    }
    SecureFiles.restrictToOwner(keyFile);
    return new CertificateAuthority(cert, key);
  }

  private static CertificateAuthority create(Path certFile, Path keyFile, Instant now) {
    KeyPair pair = CertificateIssuer.newKeyPair();
    X509Certificate cert = CertificateIssuer.selfSignedCa(pair, now);
    // Key first: a crash in between leaves only ca.key, which the next start replaces.
    SecureFiles.writeSecret(keyFile, Pem.privateKey(pair.getPrivate()));
    SecureFiles.writePublic(certFile, Pem.certificate(cert));
    LOG.log(System.Logger.Level.INFO, "Created hub CA {0}", certFile);
    return new CertificateAuthority(cert, pair.getPrivate());
  }
}
