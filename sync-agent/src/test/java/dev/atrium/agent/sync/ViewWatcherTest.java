package dev.atrium.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.agent.hub.HubException;
import dev.atrium.agent.hub.ViewEvent;
import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.queue.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewWatcherTest {

  private final UpstreamCache cache = new UpstreamCache();
  private final List<ObjectRef> queued = new ArrayList<>();
  private final ViewWatcher watcher =
      new ViewWatcher(
          null,
          cache,
          queued::add,
          () -> {},
          new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)),
          () -> true);

  private static String event(String type, String name, String rv) {
    return "{\"type\":\""
        + type
        + "\",\"workspace\":\"root:a\",\"group\":\"\",\"version\":\"v1\",\"resource\":\"configmaps\","
        + "\"object\":{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\"n\",\"resourceVersion\":\""
        + rv
        + "\"}}}";
  }

  @Test
  void changesGoToTheCacheAndTheQueueAndAdvanceTheResourceVersion() {
    watcher.handle(ViewEvent.parse(event("ADDED", "a", "5")));
    watcher.handle(ViewEvent.parse(event("MODIFIED", "a", "6")));
    watcher.handle(
        ViewEvent.parse(
            "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"9\"}}}"));
    assertEquals("9", watcher.resourceVersion());
    ObjectRef ref = new ObjectRef("root:a", "", "configmaps", "n", "a");
    assertEquals(List.of(ref, ref), queued);
    assertNotNull(cache.get(ref));
    watcher.handle(ViewEvent.parse(event("DELETED", "a", "10")));
    assertNull(cache.get(ref));
    assertNotNull(cache.tombstone(ref));
  }

  @Test
  void anOlderEventDoesNotOverwriteANewerState() {
    watcher.handle(ViewEvent.parse(event("MODIFIED", "a", "8")));
    watcher.handle(ViewEvent.parse(event("MODIFIED", "a", "7")));
    assertEquals(
        "8",
        cache
            .get(new ObjectRef("root:a", "", "configmaps", "n", "a"))
            .object()
            .at("/metadata/resourceVersion")
            .asText());
  }

  @Test
  void anExpiredErrorEventMeansRelist() {
    HubException e =
        assertThrows(
            HubException.class,
            () ->
                watcher.handle(
                    ViewEvent.parse(
                        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410}}")));
    assertTrue(e.gone());
  }
}
