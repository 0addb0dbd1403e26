package dev.atrium.cli.hub;

import dev.atrium.cli.common.CliException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Certificates and private keys from PEM text (PKCS#8, and PKCS#1 RSA keys). */
final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

  private Pem() {}

  static List<Certificate> certificates(byte[] pem, String what) {
    try {
      List<Certificate> certs =
          new ArrayList<>(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(pem)));
      if (certs.isEmpty()) {
        throw new CliException(what + " holds no certificate");
      }
      return certs;
    } catch (CertificateException e) {
      throw new CliException(what + " is not a valid PEM certificate: " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(byte[] pem) {
    Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new CliException("the client key is not PEM");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
    byte[] pkcs8 =
        switch (m.group(1)) {
          case "PRIVATE KEY" -> der;
          case "RSA PRIVATE KEY" -> rsaPkcs1ToPkcs8(der);
          default ->
              throw new CliException(
                  "unsupported client key format \""
                      + m.group(1)
                      + "\": convert it with `openssl pkcs8 -topk8 -nocrypt`");
        };
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (Exception e) {
        // try the next algorithm
      }
    }
    throw new CliException("cannot read the client key");
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
  private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = concat(tagLength(0x04, pkcs1.length), pkcs1);
    byte[] content = concat(concat(version, algorithm), octets);
    return concat(tagLength(0x30, content.length), content);
  }

  private static byte[] tagLength(int tag, int length) {
    if (length < 0x80) {
      return new byte[] {(byte) tag, (byte) length};
    }
    if (length < 0x100) {
      return new byte[] {(byte) tag, (byte) 0x81, (byte) length};
    }
    if (length < 0x10000) {
      return new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
    }
    return new byte[] {
      (byte) tag, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
