package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the PostgreSQL store and its watch hub from the Quarkus reactive datasource. */
@ApplicationScoped
public class StorageProducer {

  @ConfigProperty(name = "quarkus.datasource.reactive.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres")
  String user;

  @ConfigProperty(name = "quarkus.datasource.password")
  java.util.Optional<String> password;

  @ConfigProperty(name = "atrium.watch.window", defaultValue = "20000")
  int window;

  @ConfigProperty(name = "atrium.watch.catch-up-millis", defaultValue = "1000")
  long catchUpMillis;

  @ConfigProperty(name = "atrium.leader.retry-millis", defaultValue = "1000")
  long leaderRetryMillis;

  @jakarta.inject.Inject PrimaryPoolCreator poolCreator;

  private PgWatchHub hub;
  private PgLeadership leadership;

  @Produces
  @Singleton
  PgWatchHub watchHub(io.vertx.core.Vertx vertx, io.vertx.mutiny.sqlclient.Pool pool) {
    hub = new PgWatchHub(vertx, pool.getDelegate(), locator(vertx)::primary, window, catchUpMillis);
    hub.start();
    return hub;
  }

  @Produces
  @Singleton
  Store store(io.vertx.mutiny.sqlclient.Pool pool, PgWatchHub watchHub) {
    return new PgStore(pool, watchHub);
  }

  @Produces
  @Singleton
  dev.atrium.hub.storage.Leadership leadership(
      io.vertx.core.Vertx vertx, io.vertx.mutiny.sqlclient.Pool pool) {
    pool.getDelegate(); // the pool first: its creator finds the hosts
    String identity = "hub " + hostName() + "/" + ProcessHandle.current().pid();
    leadership = new PgLeadership(vertx, locator(vertx)::primary, leaderRetryMillis, identity);
    leadership.start();
    return leadership;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /** The pool's primary locator (the pool is created first), or one for the configured URL. */
  private PrimaryLocator locator(io.vertx.core.Vertx vertx) {
    PrimaryLocator locator = poolCreator.locator();
    if (locator != null) {
      return locator;
    }
    java.util.List<PgConnectOptions> hosts = new java.util.ArrayList<>();
    for (String one : url.split(",")) {
      hosts.add(PrimaryPoolCreator.tuned(options(one.strip())));
    }
    return new PrimaryLocator(vertx, hosts);
  }

  /** Creates the watch hub at startup, off the event loop (its start blocks on one query). */
  void start(
      @Observes io.quarkus.runtime.StartupEvent event,
      PgWatchHub watchHub,
      dev.atrium.hub.storage.Leadership leadership) {
    // injection is the point
  }

  void stop(@Observes ShutdownEvent event) {
    if (leadership != null) {
      leadership.stop();
    }
    if (hub != null) {
      hub.stop();
    }
  }

  private PgConnectOptions options(String one) {
    String uri =
        one.startsWith("vertx-reactive:") ? one.substring("vertx-reactive:".length()) : one;
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    options.setUser(user);
    password.ifPresent(options::setPassword);
    return options;
  }
}
