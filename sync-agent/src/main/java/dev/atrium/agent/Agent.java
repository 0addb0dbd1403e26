package dev.atrium.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.downstream.FabricDownstream;
import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.mapping.DownstreamMapper;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.queue.Backoff;
import dev.atrium.agent.queue.FairQueue;
import dev.atrium.agent.queue.Timings;
import dev.atrium.agent.sync.ApplyReconciler;
import dev.atrium.agent.sync.CrdInstaller;
import dev.atrium.agent.sync.DeletionReconciler;
import dev.atrium.agent.sync.DependencyReconciler;
import dev.atrium.agent.sync.ErrorReporter;
import dev.atrium.agent.sync.HeartbeatReconciler;
import dev.atrium.agent.sync.ObjectReconciler;
import dev.atrium.agent.sync.OrphanResync;
import dev.atrium.agent.sync.RetryLater;
import dev.atrium.agent.sync.StatusUpReconciler;
import dev.atrium.agent.sync.SyncFailure;
import dev.atrium.agent.sync.UpstreamCache;
import dev.atrium.agent.sync.ViewWatcher;
import dev.atrium.model.workload.Workload;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Wires the agent: the view watcher feeds the cache and the apply queue; downstream informer events
 * feed the status queue (and the apply queue on drift); each queue has its own workers running its
 * half of the {@link ObjectReconciler}, so a status write never holds up a first apply. Timers run
 * the heartbeat and the periodic resync (orphan sweep). Holds the agent's state: listed,
 * deregistered, cleaned.
 */
public final class Agent implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Agent.class);
  static final Duration RELIST_SWEEP_WAIT = Duration.ofSeconds(60);

  private final AgentOptions options;
  private final HubClient hub;
  private final FabricDownstream downstream;
  private final String key;
  private final UpstreamCache cache = new UpstreamCache();
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(2, daemon("agent-timer"));
  private final ScheduledExecutorService resyncs =
      Executors.newSingleThreadScheduledExecutor(daemon("agent-resync"));
  private final FairQueue<ObjectRef> queue;
  private final FairQueue<ObjectRef> statuses;
  private final ObjectReconciler reconciler;
  private final HeartbeatReconciler heartbeat;
  private final OrphanResync orphans;
  private final ViewWatcher watcher;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<ObjectRef, Long> changedAt = new ConcurrentHashMap<>();
  private final Timings changeToApply = new Timings();
  private volatile boolean stopped;
  private volatile boolean deregistered;
  private volatile boolean cleaned;
  private HealthServer health;

  public Agent(AgentOptions options, HubClient hub, FabricDownstream downstream, String version) {
    this.options = options;
    this.hub = hub;
    this.downstream = downstream;
    this.key = Workload.targetKey(hub.view().workspace(), hub.view().target());
    Clock clock = Clock.systemUTC();
    DownstreamMapper mapper = new DownstreamMapper(key);
    queue =
        new FairQueue<>(
            ObjectRef::workspace,
            new Backoff(Duration.ofMillis(20), Duration.ofMinutes(2)),
            timers);
    statuses =
        new FairQueue<>(
            ObjectRef::workspace,
            new Backoff(Duration.ofMillis(20), Duration.ofMinutes(2)),
            timers);
    CrdInstaller crds = new CrdInstaller(hub, downstream, mapper);
    reconciler =
        new ObjectReconciler(
            cache,
            new ApplyReconciler(downstream, mapper, crds, key, this::downstreamChanged),
            options.syncReferences()
                ? new DependencyReconciler(
                    hub, downstream, mapper, cache, key, options.resyncPeriod(), clock)
                : DependencyReconciler.off(),
            new StatusUpReconciler(hub, cache, crds::hasStatusSubresource, clock, key),
            new DeletionReconciler(hub, downstream, key),
            new ErrorReporter(hub, key, clock),
            this::statusNeeded);
    heartbeat =
        new HeartbeatReconciler(hub, hub.view().workspace(), hub.view().target(), version, clock);
    orphans = new OrphanResync(downstream, key, options.syncReferences());
    watcher =
        new ViewWatcher(
            hub,
            cache,
            this::upstreamChanged,
            () -> resyncs.execute(this::sweepAfterRelist),
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30)),
            () -> stopped || deregistered);
  }

  /** Builds the clients from the options and checks the view URL against --sync-target. */
  public static Agent create(AgentOptions options, String version) throws IOException {
    HubClient hub = HubClient.fromKubeconfig(options.hubKubeconfig());
    if (!hub.view().target().equals(options.syncTarget())) {
      throw new IllegalArgumentException(
          "hub kubeconfig is for SyncTarget "
              + hub.view().target()
              + ", not --sync-target="
              + options.syncTarget());
    }
    Config config =
        options.kubeconfig() == null
            ? Config.autoConfigure(null)
            : Config.fromKubeconfig(
                null, Files.readString(options.kubeconfig()), options.kubeconfig().toString());
    // fabric8 allows 5 concurrent requests per host by default: fewer than the workers need
    config.setMaxConcurrentRequestsPerHost(Math.max(16, options.workers() * 2));
    config.setMaxConcurrentRequests(Math.max(64, options.workers() * 4));
    return new Agent(
        options,
        hub,
        new FabricDownstream(new KubernetesClientBuilder().withConfig(config).build()),
        version);
  }

  public String key() {
    return key;
  }

  public UpstreamCache cache() {
    return cache;
  }

  public boolean ready() {
    return cache.listed() && !stopped;
  }

  public boolean cleaned() {
    return cleaned;
  }

  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  private volatile boolean converged;
  private int idleTicks;
  private final long startedNanos = System.nanoTime();

  public void start() throws IOException {
    if (options.healthPort() >= 0) {
      health =
          HealthServer.start(
              options.healthPort(), options.healthPortExplicit(), () -> !stopped, this::ready);
      LOG.infof("health endpoints on port %d", health.port());
    }
    for (int i = 0; i < options.workers(); i++) {
      threads.add(thread("agent-worker-" + i, () -> work(queue, this::applyPass)));
    }
    for (int i = 0; i < options.statusWorkers(); i++) {
      threads.add(thread("agent-status-" + i, () -> work(statuses, this::statusPass)));
    }
    threads.add(thread("agent-view", watcher));
    long hb = options.heartbeatPeriod().toMillis();
    timers.scheduleAtFixedRate(this::beat, 0, hb, TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(this::convergence, 50, 50, TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(this::logStats, 5, 5, TimeUnit.SECONDS);
    long rs = options.resyncPeriod().toMillis();
    resyncs.scheduleWithFixedDelay(this::resync, rs, rs, TimeUnit.MILLISECONDS);
    LOG.infof(
        "sync agent for SyncTarget %s of %s (key %s) started",
        hub.view().target(), hub.view().workspace(), key);
  }

  /** One pass of a worker over a key. */
  private interface Pass {
    void run(ObjectRef ref) throws Exception;
  }

  private void work(FairQueue<ObjectRef> from, Pass pass) {
    while (!stopped) {
      ObjectRef ref;
      try {
        ref = from.take();
      } catch (InterruptedException e) {
        return;
      }
      if (ref == null) {
        return;
      }
      try {
        if (!deregistered) {
          pass.run(ref);
        }
        from.forget(ref);
      } catch (RetryLater e) {
        from.retry(ref);
      } catch (SyncFailure e) {
        Duration d = from.retry(ref);
        LOG.infof("%s not synced (%s); retrying in %d ms", ref, e.getMessage(), d.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        Duration d = from.retry(ref);
        LOG.warnf("%s: %s; retrying in %d ms", ref, e.toString(), d.toMillis());
      } finally {
        from.done(ref);
      }
    }
  }

  private void applyPass(ObjectRef ref) throws Exception {
    applied(ref, reconciler.reconcile(ref));
  }

  private void statusPass(ObjectRef ref) throws Exception {
    reconciler.reconcileStatus(ref);
  }

  /** After an apply pass: the status queue, coalescing a burst of changes of one object. */
  private void statusNeeded(ObjectRef ref) {
    statuses.addCoalesced(ref, options.statusDelay());
  }

  private void upstreamChanged(ObjectRef ref) {
    changedAt.putIfAbsent(ref, System.nanoTime());
    queue.add(ref);
  }

  private void applied(ObjectRef ref, boolean applied) {
    Long at = changedAt.remove(ref);
    if (applied && at != null) {
      changeToApply.record(System.nanoTime() - at);
    }
  }

  /** Every 5 s with work done: where the time went (the benchmark reads these lines). */
  private void logStats() {
    Timings.Summary waits = queue.waits().drain();
    Timings.Summary statusWaits = statuses.waits().drain();
    Timings.Summary applies = downstream.applies().drain();
    Timings.Summary writes = hub.writes().drain();
    Timings.Summary latency = changeToApply.drain();
    if (waits.count() + statusWaits.count() + applies.count() + writes.count() == 0) {
      return;
    }
    LOG.infof(
        "stats: view change → applied %s; apply queue wait %s; downstream apply %s;"
            + " status queue wait %s; hub writes %s; queued %d apply, %d status",
        latency, waits, applies, statusWaits, writes, queue.size(), statuses.size());
  }

  private void downstreamChanged(Gvr gvr, ObjectNode object) {
    ObjectRef ref = DownstreamMapper.refOf(gvr, object);
    if (ref == null || !cache.known(ref)) {
      return;
    }
    if (reconciler.needsApply(ref)) {
      queue.add(ref);
    } else {
      statusNeeded(ref);
    }
  }

  /**
   * Logs once, after start, when the first list has been worked off (every key reconciled, the
   * queue idle): the full-resync time and heap the benchmark reports.
   */
  private void convergence() {
    if (converged) {
      return;
    }
    if (!cache.listed() || !queue.idle() || !statuses.idle()) {
      idleTicks = 0;
      return;
    }
    if (++idleTicks < 3) {
      return;
    }
    converged = true;
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    LOG.infof(
        "initial sync converged: %d objects in %d ms after start; heap used %d MiB",
        cache.keys().size(), (System.nanoTime() - startedNanos) / 1_000_000, used >> 20);
  }

  private void beat() {
    try {
      HeartbeatReconciler.Outcome o = heartbeat.beat(cache.all(), cleaned);
      if (o != HeartbeatReconciler.Outcome.ALIVE && !cleaned) {
        deregister(o);
      }
    } catch (Exception e) {
      if (cleaned) {
        // deregistered: the hub drops the agent's identity after the clean-up; stay idle quietly
        LOG.debugf("heartbeat after deregistration failed: %s", e.getMessage());
      } else {
        LOG.warnf("heartbeat failed: %s", e.getMessage());
      }
    }
  }

  private void deregister(HeartbeatReconciler.Outcome o) throws InterruptedException {
    LOG.infof("SyncTarget %s is %s: removing everything downstream", hub.view().target(), o);
    deregistered = true;
    Thread.sleep(200);
    int n = orphans.sweep(List::of);
    cleaned = true;
    LOG.infof("deleted %d downstream objects; idle from now on", n);
    if (o == HeartbeatReconciler.Outcome.DEREGISTERING) {
      beat();
    }
  }

  private void resync() {
    if (!cache.listed() || deregistered) {
      return;
    }
    cache.keys().forEach(queue::add);
    sweep();
  }

  /**
   * The sweep after a list waits until the listed keys are worked off (at most {@link
   * #RELIST_SWEEP_WAIT}): its listing of every labelled type downstream must not compete with a
   * starting agent's first applies; an orphan can wait a few seconds longer.
   */
  private void sweepAfterRelist() {
    long deadline = System.nanoTime() + RELIST_SWEEP_WAIT.toNanos();
    try {
      while (!queue.idle() && !stopped && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    sweep();
  }

  private void sweep() {
    if (deregistered) {
      return;
    }
    try {
      int n = orphans.sweep(cache::all);
      if (n > 0) {
        LOG.infof("orphan sweep deleted %d downstream objects", n);
      }
    } catch (RuntimeException e) {
      LOG.warnf("orphan sweep failed: %s", e.getMessage());
    }
  }

  @Override
  public void close() {
    stopped = true;
    queue.shutdown();
    statuses.shutdown();
    timers.shutdownNow();
    resyncs.shutdownNow();
    threads.forEach(Thread::interrupt);
    if (health != null) {
      health.stop();
    }
    downstream.close();
  }

  private static Thread thread(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
