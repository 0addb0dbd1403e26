package dev.atrium.hub.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * First-start preparation of the hub data directory (default {@code .atrium/}): PKI, static token
 * file with an admin token, and an admin kubeconfig pointing at {@code https://<advertisedHost>:
 * <port>}. Safe to call on every start; existing material is reused.
 */
public final class Bootstrap {

  public static final Path DEFAULT_DATA_DIR = Path.of(".atrium");
  public static final String DEFAULT_HOST = "127.0.0.1";

  private Bootstrap() {}

  /**
   * @param advertisedHost host name or IP literal clients use (also added to the serving
   *     certificate's SANs); {@code 127.0.0.1} when null, blank or a wildcard address
   * @param extraSans further SANs for the serving certificate; may be null
   */
  public static BootstrapResult prepare(
      Path dataDir, String advertisedHost, int port, List<String> extraSans) {
    return prepare(dataDir, advertisedHost, port, extraSans, ProvidedMaterial.NONE);
  }

  /**
   * As {@link #prepare(Path, String, int, List)}, but parts given in {@code provided} (mounted
   * serving certificate and key, CA, token file) are used as they are instead of being generated in
   * the data directory. A provided token file is only read; the admin kubeconfig then carries its
   * first {@code admin} or {@code system:masters} token, if any.
   */
  public static BootstrapResult prepare(
      Path dataDir,
      String advertisedHost,
      int port,
      List<String> extraSans,
      ProvidedMaterial provided) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    provided.validate();
    SecureFiles.ensureDirectory(dataDir);
    String host = hostOrDefault(advertisedHost);
    Path caCert;
    Path servingCert;
    Path servingKey;
    String trustPem;
    if (provided.servingProvided()) {
      servingCert = provided.certFile().get();
      servingKey = provided.keyFile().get();
      caCert = provided.caFile().orElse(servingCert);
      trustPem = provided.trustPem();
    } else {
      Pki pki = Pki.ensure(dataDir, withHost(extraSans, host));
      servingCert = pki.servingCert();
      servingKey = pki.servingKey();
      caCert = provided.caFile().orElse(pki.caCert());
      trustPem = provided.caFile().isPresent() ? provided.trustPem() : pki.caPem();
    }
    Path tokenFile;
    String token;
    if (provided.tokenFile().isPresent()) {
      tokenFile = provided.tokenFile().get();
      token = TokenFile.load(tokenFile).adminToken().orElse("");
    } else {
      tokenFile = dataDir.resolve(TokenFile.FILE_NAME);
      token = TokenFile.ensureAdmin(dataDir);
    }
    String serverUrl = serverUrl(host, port);
    Path kubeconfig = AdminKubeconfig.write(dataDir, serverUrl, trustPem, token);
    return new BootstrapResult(
        dataDir, caCert, servingCert, servingKey, tokenFile, kubeconfig, serverUrl, token);
  }

  /** {@code https://host:port}, with IPv6 literals bracketed. */
  static String serverUrl(String host, int port) {
    boolean ipv6 = host.contains(":") && !host.startsWith("[");
    return "https://" + (ipv6 ? "[" + host + "]" : host) + ":" + port;
  }

  /** Blank or wildcard bind addresses (0.0.0.0, ::) are not reachable names; use loopback. */
  private static String hostOrDefault(String host) {
    String h = host == null ? "" : host.strip();
    boolean wildcard = h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]");
    return h.isEmpty() || wildcard ? DEFAULT_HOST : h;
  }

  private static List<String> withHost(List<String> extraSans, String host) {
    List<String> sans = new ArrayList<>();
    if (extraSans != null) {
      sans.addAll(extraSans);
    }
    sans.add(host);
    return sans;
  }
}
