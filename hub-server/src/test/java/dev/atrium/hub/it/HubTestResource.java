package dev.atrium.hub.it;

import dev.atrium.hub.bootstrap.Bootstrap;
import dev.atrium.hub.bootstrap.BootstrapResult;
import dev.atrium.hub.bootstrap.EmbeddedDatabase;
import dev.atrium.hub.bootstrap.TlsSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts what the hub needs before Quarkus does, exactly as the real entry point: a real embedded
 * PostgreSQL and the bootstrap PKI/tokens/kubeconfig in a temporary data dir. The hub then serves
 * HTTPS on a free port. Tests find it through {@link TestHub}.
 */
public class HubTestResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedDatabase database;

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("atrium-it");
      int port = freePort();
      database = EmbeddedDatabase.start(dir.resolve("postgres"), false);
      BootstrapResult boot = Bootstrap.prepare(dir, "127.0.0.1", port, List.of());
      Map<String, String> config = new HashMap<>(TlsSettings.forHub(boot, "127.0.0.1", port));
      config.put("quarkus.http.test-ssl-port", Integer.toString(port));
      config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
      config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
      config.put("quarkus.datasource.username", database.user());
      config.put("atrium.data-dir", dir.toString());
      TestHub.publish(dir, port, boot.adminToken());
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void stop() {
    try {
      if (database != null) {
        database.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
