package dev.atrium.cli.hub;

import dev.atrium.cli.common.CliException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The SSL context for the hub: the kubeconfig's CA (else the JDK's), optional client cert. */
final class Tls {

  private static final char[] NO_PASSWORD = new char[0];

  private Tls() {}

  static SSLContext context(Credentials credentials) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(credentials), trustManagers(credentials), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new CliException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(Credentials credentials)
      throws GeneralSecurityException {
    if (credentials.insecure()) {
      return new TrustManager[] {new TrustAll()};
    }
    if (credentials.caPem() == null) {
      return null;
    }
    KeyStore store = emptyStore();
    List<Certificate> certs = Pem.certificates(credentials.caPem(), "the certificate authority");
    for (int i = 0; i < certs.size(); i++) {
      store.setCertificateEntry("ca-" + i, certs.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static KeyManager[] keyManagers(Credentials credentials) throws GeneralSecurityException {
    if (credentials.clientCertPem() == null || credentials.clientKeyPem() == null) {
      return null;
    }
    KeyStore store = emptyStore();
    List<Certificate> chain =
        Pem.certificates(credentials.clientCertPem(), "the client certificate");
    store.setKeyEntry(
        "client",
        Pem.privateKey(credentials.clientKeyPem()),
        NO_PASSWORD,
        chain.toArray(new Certificate[0]));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, NO_PASSWORD);
    return factory.getKeyManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }

  /** {@code --insecure-skip-tls-verify}. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
