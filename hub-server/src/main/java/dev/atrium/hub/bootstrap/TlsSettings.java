package dev.atrium.hub.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

/** Quarkus HTTP settings that serve the hub over TLS only, with the bootstrap certificate. */
public final class TlsSettings {

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
    return s;
  }
}
