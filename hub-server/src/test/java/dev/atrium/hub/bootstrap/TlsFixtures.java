package dev.atrium.hub.bootstrap;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** TLS helpers for tests: server/client contexts from the PEM files and a small HTTPS server. */
final class TlsFixtures {

  private static final char[] PASSWORD = "test".toCharArray();

  private TlsFixtures() {}

  static X509Certificate cert(Path file) throws Exception {
    return Pem.parseCertificate(Files.readString(file));
  }

  static PrivateKey key(Path file) throws Exception {
    return Pem.parsePrivateKey(Files.readString(file));
  }

  static SSLContext serverContext(Pki pki) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    Certificate[] chain = {cert(pki.servingCert()), cert(pki.caCert())};
    ks.setKeyEntry("serving", key(pki.servingKey()), PASSWORD, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** Client context whose only trust anchor is the given CA certificate. */
  static SSLContext trustingOnly(Path caCert) throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", cert(caCert));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** HTTPS server on 127.0.0.1 (ephemeral port) serving with the hub's serving certificate. */
  static HttpsServer startServer(Pki pki, HttpHandler handler) throws Exception {
    InetSocketAddress addr = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
    HttpsServer server = HttpsServer.create(addr, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext(pki)));
    server.createContext("/", handler);
    server.start();
    return server;
  }

  static HttpHandler respond(String body) {
    return exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  /**
   * Connects to 127.0.0.1:port but verifies the server certificate against {@code hostname} (HTTPS
   * endpoint identification), performs a GET and returns the status line.
   */
  static String get(SSLContext client, int port, String hostname) throws Exception {
    try (Socket raw = new Socket(InetAddress.getByName("127.0.0.1"), port);
        SSLSocket tls =
            (SSLSocket) client.getSocketFactory().createSocket(raw, hostname, port, true)) {
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.setSoTimeout(10_000);
      tls.startHandshake();
      String request = "GET / HTTP/1.1\r\nHost: " + hostname + "\r\nConnection: close\r\n\r\n";
      tls.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      tls.getOutputStream().flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
      return in.readLine();
    }
  }
}
