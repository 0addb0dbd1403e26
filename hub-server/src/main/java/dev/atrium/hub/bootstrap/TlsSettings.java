package dev.atrium.hub.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

/** Quarkus HTTP settings that serve the hub over TLS only, with the bootstrap certificate. */
public final class TlsSettings {

  /**
   * Pooled heap buffers for the JDK TLS engine (read by Quarkus as a system property). Without it
   * every TLS record written allocates and zeroes a fresh ~16 KiB array: in a JFR profile of 16
   * clients getting configmaps that was 14 % of the event loops' CPU.
   */
  static final String JDK_TLS_BUFFER_POOLING = "quarkus.http.server.ssl.jdk.bufferPooling";

  private TlsSettings() {}

  public static Map<String, String> forHub(BootstrapResult boot, String bindAddress, int port) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("quarkus.http.host", bindAddress);
    s.put("quarkus.http.ssl-port", Integer.toString(port));
    s.put("quarkus.http.insecure-requests", "disabled");
    s.put("quarkus.http.ssl.certificate.files", boot.servingCert().toString());
    s.put("quarkus.http.ssl.certificate.key-files", boot.servingKey().toString());
    s.put("atrium.token-file", boot.tokenFile().toString());
    s.put("atrium.external-url", boot.serverUrl());
    s.put(JDK_TLS_BUFFER_POOLING, System.getProperty(JDK_TLS_BUFFER_POOLING, "true"));
    return s;
  }
}
