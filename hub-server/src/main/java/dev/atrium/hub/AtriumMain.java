package dev.atrium.hub;

import dev.atrium.hub.bootstrap.EmbeddedDatabase;
import dev.atrium.hub.bootstrap.HubLaunch;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: prepares the data directory (PKI, tokens, kubeconfig), starts the embedded
 * PostgreSQL unless an external one is configured, then runs Quarkus.
 */
@QuarkusMain
public final class AtriumMain {

  private AtriumMain() {}

  public static void main(String... args) throws Exception {
    HubLaunch launch = HubLaunch.fromEnvironment(System.getenv());
    launch.logSettings().forEach(System::setProperty);
    EmbeddedDatabase database = launch.prepare();
    launch.settings().forEach(System::setProperty);
    try {
      Quarkus.run(args);
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }
}
