package dev.atrium.hub.bootstrap;

import java.nio.file.Path;

/**
 * What {@link Bootstrap#prepare} produced. {@link #toString()} omits the admin token so the result
 * can be logged.
 */
public record BootstrapResult(
    Path dataDir,
    Path caCert,
    Path servingCert,
    Path servingKey,
    Path tokenFile,
    Path kubeconfig,
    String serverUrl,
    String adminToken) {

  @Override
  public String toString() {
    return "BootstrapResult[dataDir="
        + dataDir
        + ", caCert="
        + caCert
        + ", servingCert="
        + servingCert
        + ", servingKey="
        + servingKey
        + ", tokenFile="
        + tokenFile
        + ", kubeconfig="
        + kubeconfig
        + ", serverUrl="
        + serverUrl
        + ", adminToken=<redacted>]";
  }
}
