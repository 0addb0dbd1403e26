package dev.atrium.hub.bootstrap;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates ECDSA P-256 keys and X.509 certificates (accepted by Go's crypto/tls, i.e. kubectl, and
 * by JSSE). Uses only JDK providers; Bouncy Castle is used for certificate construction.
 */
final class CertificateIssuer {

  static final String CA_COMMON_NAME = "atrium-ca";
  static final String SERVING_COMMON_NAME = "atrium-hub";
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration SERVING_VALIDITY = Duration.ofDays(365);

  /** Backdating of notBefore to tolerate small clock differences between hosts. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateIssuer() {}

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new BootstrapException("cannot generate EC P-256 key", e);
    }
  }

  /** Self-signed CA: basicConstraints CA:true (critical), keyUsage keyCertSign+cRLSign. */
  static X509Certificate selfSignedCa(KeyPair ca, Instant now) {
    X500Name name = commonName(CA_COMMON_NAME);
    JcaX509v3CertificateBuilder b = builder(name, name, now, CA_VALIDITY, ca.getPublic());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new BootstrapException("cannot build CA certificate", e);
    }
    return sign(b, ca.getPrivate());
  }

  /** Leaf certificate for TLS serving: CA:false, digitalSignature, serverAuth, the given SANs. */
  static X509Certificate servingCertificate(
      X509Certificate caCert,
      PrivateKey caKey,
      PublicKey servingKey,
      SubjectAltNames sans,
      Instant now) {
    X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
    JcaX509v3CertificateBuilder b =
        builder(issuer, commonName(SERVING_COMMON_NAME), now, SERVING_VALIDITY, servingKey);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(Extension.subjectAlternativeName, false, sans.toGeneralNames());
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(servingKey));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new BootstrapException("cannot build serving certificate", e);
    }
    return sign(b, caKey);
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, Instant now, Duration validity, PublicKey key) {
    Date notBefore = Date.from(now.minus(CLOCK_SKEW));
    Date notAfter = Date.from(now.plus(validity));
    return new JcaX509v3CertificateBuilder(issuer, serial(), notBefore, notAfter, subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new BootstrapException("cannot sign certificate", e);
    }
  }

  private static X500Name commonName(String cn) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
  }

  /** Positive, non-zero, 127-bit random serial (RFC 5280 allows up to 20 octets). */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).setBit(126);
  }
}
