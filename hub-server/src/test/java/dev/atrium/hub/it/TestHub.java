package dev.atrium.hub.it;

import java.nio.file.Path;

/**
 * Where the hub under test is: data dir (with {@code admin.kubeconfig} and {@code ca.crt}), port
 * and admin token. Published as system properties so any class loader sees them.
 */
public final class TestHub {

  private TestHub() {}

  static void publish(Path dir, int port, String token) {
    System.setProperty("atrium.it.dir", dir.toString());
    System.setProperty("atrium.it.port", Integer.toString(port));
    System.setProperty("atrium.it.token", token);
  }

  public static Path dataDir() {
    return Path.of(System.getProperty("atrium.it.dir"));
  }

  public static Path kubeconfig() {
    return dataDir().resolve("admin.kubeconfig");
  }

  public static Path caCert() {
    return dataDir().resolve("ca.crt");
  }

  public static int port() {
    return Integer.parseInt(System.getProperty("atrium.it.port"));
  }

  public static String url() {
    return "https://127.0.0.1:" + port();
  }

  public static String adminToken() {
    return System.getProperty("atrium.it.token");
  }
}
