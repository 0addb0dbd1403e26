package dev.atrium.hub.storage.postgres;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The reactive pool of the datasource: connections go to the primary of the configured hosts
 * ({@link PrimaryLocator}); a host that does not answer fails the connection attempt within {@link
 * #CONNECT_TIMEOUT_MILLIS}, and a request that waits for a pooled connection gives up after {@link
 * #WAIT_MILLIS}, so requests fail fast (503) while the database is away instead of hanging.
 */
@Singleton
public class PrimaryPoolCreator implements PgPoolCreator {

  static final int CONNECT_TIMEOUT_MILLIS = 3000;
  static final int WAIT_MILLIS = 5000;

  private volatile PrimaryLocator locator;

  @Override
  public Pool create(Input input) {
    List<PgConnectOptions> hosts = new ArrayList<>();
    for (PgConnectOptions options : input.pgConnectOptionsList()) {
      hosts.add(tuned(options));
    }
    locator = new PrimaryLocator(input.vertx(), hosts);
    var poolOptions = input.poolOptions();
    poolOptions.setConnectionTimeout(WAIT_MILLIS);
    poolOptions.setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
    return PgBuilder.pool().with(poolOptions).connectingTo(locator).using(input.vertx()).build();
  }

  static PgConnectOptions tuned(PgConnectOptions options) {
    PgConnectOptions tuned = new PgConnectOptions(options);
    tuned.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    tuned.setTcpKeepAlive(true);
    tuned.setReconnectAttempts(0);
    return tuned;
  }

  /** The locator of the pool's hosts; null before the pool is created. */
  PrimaryLocator locator() {
    return locator;
  }
}
