package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.Leadership;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Leader election on PostgreSQL: the leader is the replica whose dedicated session holds the
 * advisory lock {@link #LOCK_KEY}. Followers try {@code pg_try_advisory_lock} every {@code
 * retryMillis}; the leader checks its session as often and steps down the moment the session fails
 * or does not answer within {@code 3 × retryMillis}. The lock belongs to the session, so it frees
 * itself when the leader's process dies (its socket closes) or PostgreSQL gives up on the
 * connection (TCP keepalives set on the session: about 11 s for a host that vanished).
 */
public final class PgLeadership implements Leadership {

  /** The advisory lock key: "atrium" in ASCII, so other users of advisory locks rarely collide. */
  static final long LOCK_KEY = 0x617472697575L;

  private static final Logger LOG = Logger.getLogger(PgLeadership.class);

  private final Vertx vertx;
  private final Supplier<Future<PgConnectOptions>> target;
  private final long retryMillis;
  private final String identity;
  private final Context context;
  private final List<Runnable> electedActions = new CopyOnWriteArrayList<>();
  private volatile boolean leader;
  private volatile boolean stopped;
  private PgConnection session;
  private boolean busy;
  private long timer = -1;
  private long askedAt;
  private long round;

  public PgLeadership(
      Vertx vertx, Supplier<Future<PgConnectOptions>> target, long retryMillis, String identity) {
    this.vertx = vertx;
    this.target = target;
    this.retryMillis = retryMillis;
    this.identity = identity;
    this.context = vertx.getOrCreateContext();
    Gauge.builder("atrium_controller_leader", this, l -> l.leader ? 1 : 0)
        .description("1 when this hub replica runs the controllers (holds the leader lock)")
        .register(Metrics.globalRegistry);
  }

  @Override
  public boolean isLeader() {
    return leader;
  }

  @Override
  public void onElected(Runnable action) {
    electedActions.add(action);
    if (leader) {
      context.runOnContext(v -> action.run());
    }
  }

  public void start() {
    context.runOnContext(
        v -> {
          timer = vertx.setPeriodic(retryMillis, id -> tick());
          tick();
        });
  }

  public void stop() {
    stopped = true;
    context.runOnContext(
        v -> {
          if (timer >= 0) {
            vertx.cancelTimer(timer);
          }
          if (leader) {
            step("shutting down");
          }
          if (session != null) {
            session.close();
            session = null;
          }
        });
  }

  /** One round: connect if needed, then try the lock (follower) or check the session (leader). */
  private void tick() {
    if (stopped) {
      return;
    }
    if (busy) {
      if (System.currentTimeMillis() - askedAt > 3 * retryMillis) {
        round++;
        busy = false;
        dropSession("the lock session does not answer");
      }
      return;
    }
    busy = true;
    long thisRound = ++round;
    askedAt = System.currentTimeMillis();
    Future<PgConnection> connected = session != null ? Future.succeededFuture(session) : connect();
    connected
        .compose(
            conn ->
                conn.query(leader ? "SELECT true" : "SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")
                    .execute()
                    .map(rows -> rows.iterator().next().getBoolean(0)))
        .onComplete(
            r ->
                context.runOnContext(
                    v -> {
                      if (thisRound == round) {
                        answered(r.succeeded(), r.result(), r.cause());
                      }
                    }));
  }

  private Future<PgConnection> connect() {
    return target
        .get()
        .compose(options -> PgConnection.connect(vertx, options))
        .compose(
            conn -> {
              conn.closeHandler(v -> context.runOnContext(x -> sessionClosed(conn)));
              session = conn;
              // PostgreSQL frees the lock when it notices a vanished client; notice within ~11 s.
              return conn.query(
                      "SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2;"
                          + " SET tcp_keepalives_count = 3; SET application_name = 'atrium-leader "
                          + identity.replace("'", "")
                          + "'")
                  .execute()
                  .map(rows -> conn);
            });
  }

  private void answered(boolean ok, Boolean value, Throwable failure) {
    busy = false;
    if (stopped) {
      return;
    }
    if (!ok) {
      LOG.debugf("leader lock round failed: %s", failure.getMessage());
      dropSession("lost the database session: " + failure.getMessage());
      return;
    }
    if (!leader && Boolean.TRUE.equals(value)) {
      leader = true;
      LOG.infof("%s is now the controller leader", identity);
      for (Runnable action : electedActions) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.warnf("on-elected action failed: %s", e.getMessage());
        }
      }
    }
  }

  private void sessionClosed(PgConnection conn) {
    if (session == conn) {
      session = null;
      if (leader) {
        step("the lock session closed");
      }
    }
  }

  private void dropSession(String reason) {
    if (leader) {
      step(reason);
    }
    if (session != null) {
      PgConnection old = session;
      session = null;
      old.close();
    }
  }

  private void step(String reason) {
    leader = false;
    LOG.warnf("%s is no longer the controller leader: %s", identity, reason);
  }
}
