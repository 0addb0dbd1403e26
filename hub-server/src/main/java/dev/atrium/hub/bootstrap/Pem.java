package dev.atrium.hub.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM encoding of certificates and PKCS#8 ("BEGIN PRIVATE KEY") keys. */
final class Pem {

  private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, new byte[] {'\n'});

  private Pem() {}

  static String certificate(X509Certificate cert) {
    try {
      return block("CERTIFICATE", cert.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new BootstrapException("cannot encode certificate", e);
    }
  }

  /** PKCS#8 form; JDK private keys encode as PKCS#8 PrivateKeyInfo. */
  static String privateKey(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  static X509Certificate parseCertificate(String pem) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
      return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(bytes));
    } catch (GeneralSecurityException e) {
      throw new BootstrapException("invalid PEM certificate: " + e.getMessage(), e);
    }
  }

  /** Accepts PKCS#8 as well as the traditional "BEGIN EC/RSA PRIVATE KEY" forms. */
  static PrivateKey parsePrivateKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object obj = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (obj instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (obj instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new BootstrapException("no unencrypted private key found in PEM data");
    } catch (IOException e) {
      throw new BootstrapException("invalid PEM private key: " + e.getMessage(), e);
    }
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + MIME.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
