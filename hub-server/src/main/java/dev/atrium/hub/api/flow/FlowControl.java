package dev.atrium.hub.api.flow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-workspace fair queuing of the hub's requests ({@link FairQueue}): a global number of seats,
 * one bounded queue per workspace with a wait timeout (429 with Retry-After when full or timed
 * out), round-robin dispatch among the workspaces with queued work. A list takes seats by its
 * estimated size ({@link ListWidths}); a watch holds one seat only until its initial list or replay
 * is sent ({@link #initialized}). Metrics use kube-apiserver's {@code apiserver_flowcontrol_*}
 * names with one priority level, {@code workspaces}.
 */
@ApplicationScoped
public class FlowControl {

  static final String PRIORITY_LEVEL = "workspaces";
  static final String FLOW_SCHEMA = "per-workspace";
  private static final String TICKET = "atrium.flow.ticket";

  /** Request attribute the list handler sets to the number of items it returned. */
  public static final String LIST_ITEMS = "atrium.list.items";

  @ConfigProperty(name = "atrium.flowcontrol.seats", defaultValue = "0")
  int seatsConfig;

  @ConfigProperty(name = "atrium.flowcontrol.queue-length", defaultValue = "50")
  int queueLength;

  @ConfigProperty(name = "atrium.flowcontrol.queue-wait", defaultValue = "10s")
  Duration queueWait;

  @ConfigProperty(name = "atrium.flowcontrol.enabled", defaultValue = "true")
  boolean enabled;

  @Inject MeterRegistry meters;
  @Inject Vertx vertx;

  private FairQueue queue;
  private final ListWidths widths = new ListWidths();
  private Timer waitExecuted;
  private Timer waitRejected;
  private Counter dispatched;

  @PostConstruct
  void start() {
    queue = new FairQueue(seats(seatsConfig), Math.max(0, queueLength));
    Gauge.builder("apiserver_flowcontrol_nominal_limit_seats", queue, FairQueue::seats)
        .tag("priority_level", PRIORITY_LEVEL)
        .register(meters);
    Gauge.builder("apiserver_flowcontrol_current_executing_seats", queue, FairQueue::seatsInUse)
        .tag("priority_level", PRIORITY_LEVEL)
        .register(meters);
    Gauge.builder("apiserver_flowcontrol_current_executing_requests", queue, FairQueue::executing)
        .tags("priority_level", PRIORITY_LEVEL, "flow_schema", FLOW_SCHEMA)
        .register(meters);
    Gauge.builder("apiserver_flowcontrol_current_inqueue_requests", queue, q -> q.queued())
        .tags("priority_level", PRIORITY_LEVEL, "flow_schema", FLOW_SCHEMA)
        .register(meters);
    waitExecuted = waitTimer("true");
    waitRejected = waitTimer("false");
    dispatched =
        Counter.builder("apiserver_flowcontrol_dispatched_requests_total")
            .tags("priority_level", PRIORITY_LEVEL, "flow_schema", FLOW_SCHEMA)
            .register(meters);
  }

  /** The configured seats, or four per core when 0. */
  static int seats(int configured) {
    return configured > 0 ? configured : 4 * Runtime.getRuntime().availableProcessors();
  }

  private Timer waitTimer(String execute) {
    return Timer.builder("apiserver_flowcontrol_request_wait_duration_seconds")
        .tags("priority_level", PRIORITY_LEVEL, "flow_schema", FLOW_SCHEMA, "execute", execute)
        .publishPercentileHistogram()
        .register(meters);
  }

  /**
   * Runs {@code proceed} once the request holds its seats (at once when seats are free), on the
   * request's own context; the seats are freed when the response ends. {@code reject} gets the 429
   * of a full queue or a timed-out wait.
   */
  public void admit(
      RoutingContext ctx, RequestInfo info, Runnable proceed, Consumer<ApiException> reject) {
    if (!enabled || viewWatch(ctx, info)) {
      proceed.run();
      return;
    }
    Context context = Vertx.currentContext();
    int width =
        info.verb().equals("list") ? widths.estimate(info, ctx.queryParams().get("limit")) : 1;
    FairQueue.Ticket ticket =
        queue.ticket(
            info.cluster(),
            width,
            () -> onContext(context, () -> begin(ctx, proceed)),
            System.nanoTime());
    ctx.put(TICKET, ticket);
    ctx.addEndHandler(v -> queue.finish(ticket));
    if (info.verb().equals("list")) {
      ctx.addEndHandler(v -> widths.learn(info, ctx.get(LIST_ITEMS)));
    }
    try {
      queue.enqueue(ticket);
    } catch (FairQueue.RejectedException e) {
      rejected("queue-full", info.cluster(), reject);
      return;
    }
    if (!ticket.isExecuting()) {
      awaitSeat(ctx, info, ticket, reject);
    }
  }

  /**
   * A watch of the syncer or APIExport views ({@code /services/...?watch=true}): long-running, and
   * served outside the resource watch handler that reports its initial state, so it takes no seat
   * (else a few agents' watches would hold every seat for as long as they stay open).
   */
  private static boolean viewWatch(RoutingContext ctx, RequestInfo info) {
    if (info.resourceRequest()) {
      return false;
    }
    String watch = ctx.queryParams().get("watch");
    return watch != null && !watch.equals("0") && !watch.equalsIgnoreCase("false");
  }

  /** A watch has sent its initial state: its seat is free for others from now on. */
  public void initialized(RoutingContext ctx) {
    FairQueue.Ticket ticket = ctx.get(TICKET);
    if (ticket != null) {
      queue.release(ticket);
    }
  }

  private void begin(RoutingContext ctx, Runnable proceed) {
    FairQueue.Ticket ticket = ctx.get(TICKET);
    waitExecuted.record(System.nanoTime() - ticket.enqueuedNanos(), TimeUnit.NANOSECONDS);
    dispatched.increment();
    if (ctx.response().ended() || ctx.response().closed()) {
      queue.finish(ticket);
      return;
    }
    proceed.run();
  }

  private void awaitSeat(
      RoutingContext ctx,
      RequestInfo info,
      FairQueue.Ticket ticket,
      Consumer<ApiException> reject) {
    long timer =
        vertx.setTimer(
            Math.max(1, queueWait.toMillis()),
            id -> {
              if (queue.cancel(ticket)) {
                waitRejected.record(
                    System.nanoTime() - ticket.enqueuedNanos(), TimeUnit.NANOSECONDS);
                rejected("time-out", info.cluster(), reject);
              }
            });
    ctx.addEndHandler(v -> vertx.cancelTimer(timer));
  }

  private void rejected(String reason, String cluster, Consumer<ApiException> reject) {
    Counter.builder("apiserver_flowcontrol_rejected_requests_total")
        .tags("priority_level", PRIORITY_LEVEL, "flow_schema", FLOW_SCHEMA, "reason", reason)
        .register(meters)
        .increment();
    reject.accept(tooMany(cluster));
  }

  private static void onContext(Context context, Runnable action) {
    if (context == null || Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  static ApiException tooMany(String cluster) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("retryAfterSeconds", 1);
    return new ApiException(
        429,
        "TooManyRequests",
        "Too many requests in workspace \"" + cluster + "\", please try again later.",
        details);
  }
}
