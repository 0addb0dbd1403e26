package dev.atrium.hub.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The writable server among the configured PostgreSQL hosts (a multi-host URL, as libpq's {@code
 * target_session_attrs=read-write}): new connections go to the host that answers {@code
 * pg_is_in_recovery() = false}. After a fail-over (the primary stopped, a standby promoted) the
 * next connection finds the new primary. With one host there is nothing to choose.
 */
public final class PrimaryLocator implements Supplier<Future<SqlConnectOptions>> {

  private static final Logger LOG = Logger.getLogger(PrimaryLocator.class);

  /** How long a found primary is trusted before the next connection checks again. */
  private static final long TRUST_MILLIS = 1000;

  private final Vertx vertx;
  private final List<PgConnectOptions> hosts;
  private volatile PgConnectOptions primary;
  private volatile long checkedAt;
  private Future<PgConnectOptions> probing;

  public PrimaryLocator(Vertx vertx, List<PgConnectOptions> hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("no database host");
    }
    this.vertx = vertx;
    this.hosts = List.copyOf(hosts);
    this.primary = hosts.get(0);
  }

  public List<PgConnectOptions> hosts() {
    return hosts;
  }

  @Override
  public Future<SqlConnectOptions> get() {
    return primary().map(o -> o);
  }

  /** The primary's options: the last one found, or a fresh check of every host. */
  public synchronized Future<PgConnectOptions> primary() {
    if (hosts.size() == 1
        || System.currentTimeMillis() - checkedAt < TRUST_MILLIS && primary != null) {
      return Future.succeededFuture(primary);
    }
    if (probing == null) {
      probing = probe().onComplete(r -> done());
    }
    return probing;
  }

  private synchronized void done() {
    probing = null;
  }

  /** Checks the hosts in turn, the last primary first. */
  private Future<PgConnectOptions> probe() {
    List<PgConnectOptions> order = new ArrayList<>(hosts);
    if (primary != null && order.remove(primary)) {
      order.add(0, primary);
    }
    return probe(order, 0, new ArrayList<>());
  }

  private Future<PgConnectOptions> probe(
      List<PgConnectOptions> order, int index, List<String> problems) {
    if (index == order.size()) {
      return Future.failedFuture(
          new IllegalStateException("no writable PostgreSQL among " + String.join("; ", problems)));
    }
    PgConnectOptions candidate = order.get(index);
    Promise<PgConnectOptions> found = Promise.promise();
    PgConnection.connect(vertx, new PgConnectOptions(candidate).setReconnectAttempts(0))
        .compose(
            conn ->
                conn.query("SELECT pg_is_in_recovery()")
                    .execute()
                    .map(rows -> rows.iterator().next().getBoolean(0))
                    .eventually(() -> conn.close()))
        .onComplete(
            r -> {
              String name = candidate.getHost() + ":" + candidate.getPort();
              if (r.succeeded() && !r.result()) {
                if (primary != candidate) {
                  LOG.infof("PostgreSQL primary is %s", name);
                }
                primary = candidate;
                checkedAt = System.currentTimeMillis();
                found.complete(candidate);
                return;
              }
              problems.add(
                  name + (r.succeeded() ? " is a standby" : ": " + r.cause().getMessage()));
              probe(order, index + 1, problems).onComplete(found);
            });
    return found.future();
  }
}
