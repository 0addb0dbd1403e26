package dev.atrium.agent.sync;

import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.hub.HubException;
import dev.atrium.agent.hub.ViewEvent;
import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.queue.Backoff;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The view's list and watch: one list, then watches from the last resourceVersion seen (also across
 * disconnects), a relist only on 410, exponential backoff with jitter while the hub is unreachable.
 * Every change goes into the {@link UpstreamCache} and its key into the queue.
 */
public final class ViewWatcher implements Runnable {

  private static final Logger LOG = Logger.getLogger(ViewWatcher.class);
  static final int WATCH_TIMEOUT_SECONDS = 300;

  private final HubClient hub;
  private final UpstreamCache cache;
  private final Consumer<ObjectRef> enqueue;
  private final Runnable onRelist;
  private final Backoff backoff;
  private final BooleanSupplier stopped;
  private volatile String resourceVersion;
  private volatile int events;

  public ViewWatcher(
      HubClient hub,
      UpstreamCache cache,
      Consumer<ObjectRef> enqueue,
      Runnable onRelist,
      Backoff backoff,
      BooleanSupplier stopped) {
    this.hub = hub;
    this.cache = cache;
    this.enqueue = enqueue;
    this.onRelist = onRelist;
    this.backoff = backoff;
    this.stopped = stopped;
  }

  @Override
  public void run() {
    int failures = 0;
    while (!stopped.getAsBoolean()) {
      try {
        if (resourceVersion == null) {
          relist();
        }
        long started = System.currentTimeMillis();
        events = 0;
        hub.watch(resourceVersion, WATCH_TIMEOUT_SECONDS, this::handle);
        boolean idleEnd = events == 0 && System.currentTimeMillis() - started < 1000;
        failures = idleEnd ? failures + 1 : 0;
        if (idleEnd) {
          Thread.sleep(backoff.delay(failures).toMillis());
        }
      } catch (HubException e) {
        if (e.gone()) {
          LOG.infof("view resourceVersion %s expired; relisting", resourceVersion);
          resourceVersion = null;
        } else {
          failures = pause(failures, e);
        }
      } catch (IOException | RuntimeException e) {
        failures = pause(failures, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The last resourceVersion seen, null before the first list. */
  public String resourceVersion() {
    return resourceVersion;
  }

  void relist() throws IOException, InterruptedException {
    HubClient.ViewList list = hub.list();
    cache.replace(list.items()).forEach(enqueue);
    resourceVersion = list.resourceVersion();
    LOG.infof("listed %d objects at resourceVersion %s", list.items().size(), resourceVersion);
    onRelist.run();
  }

  void handle(ViewEvent e) {
    events++;
    switch (e.type()) {
      case "ADDED", "MODIFIED" -> enqueue.accept(cache.put(e.object()));
      case "DELETED" -> enqueue.accept(cache.remove(e.object()));
      case "BOOKMARK" -> {}
      case "ERROR" -> throw new HubException(e.errorCode(), "watch error: " + e.raw());
      default -> LOG.debugf("ignoring view event %s", e.type());
    }
    if (e.resourceVersion() != null && !e.type().equals("ERROR")) {
      resourceVersion = e.resourceVersion();
    }
  }

  private int pause(int failures, Exception e) {
    long ms = backoff.delay(failures).toMillis();
    LOG.warnf("hub view unavailable (%s); retrying in %d ms", e.getMessage(), ms);
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    return failures + 1;
  }
}
