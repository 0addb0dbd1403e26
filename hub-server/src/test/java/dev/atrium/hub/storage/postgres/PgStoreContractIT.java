package dev.atrium.hub.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ListPage;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchEvent.Type;
import dev.atrium.hub.storage.WatchSubscription;
import dev.atrium.hub.storage.Write;
import dev.atrium.hub.storage.selection.FieldSelector;
import dev.atrium.hub.storage.selection.FieldSets;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.Selection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage contract (DESIGN.md "Storage contract (PostgreSQL)") against a real PostgreSQL: one
 * embedded server per JVM, the V1 migration, and stores/watch hubs wired as StorageProducer does.
 * Each test writes only in its own logical cluster, so tests do not see each other's objects; the
 * revision counter and the compaction watermark are global, so assertions about them are relative
 * to values read inside the test.
 */
class PgStoreContractIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String GROUP = "";
  private static final String RESOURCE = "configmaps";
  private static final String NS = "default";

  private static PgTestDatabase db;
  private static io.vertx.sqlclient.Pool pool;
  private static io.vertx.mutiny.sqlclient.Pool sql;
  private static PgStore store;
  private static ExecutorService threads;

  private String cluster;

  @BeforeAll
  static void startDatabase() {
    db = PgTestDatabase.get();
    pool = db.pool("atrium-it-a", 16);
    sql = io.vertx.mutiny.sqlclient.Pool.newInstance(pool);
    PgWatchHub hub = db.hub(pool, db.connectOptions("atrium-it-a-listen"), 10_000, 1_000);
    store = db.store(pool, hub);
    threads = Executors.newFixedThreadPool(8);
  }

  @AfterAll
  static void stopThreads() {
    threads.shutdownNow();
  }

  @BeforeEach
  void ownCluster() {
    cluster = "it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  // ---------------------------------------------------------------- create / get / update / delete

  @Test
  void createStoresTheBodyAndGetReturnsItWithTheRevisionAsResourceVersion() {
    ObjectNode body = body("a", "one");
    body.with("metadata").put("resourceVersion", "999999"); // client value is never stored

    StoredObject created = await(store.create(key("a"), body));
    StoredObject read = await(store.get(key("a")));

    assertTrue(created.revision() > 1, "revisions start after the initial watermark 1");
    assertEquals(Long.toString(created.revision()), resourceVersion(created));
    assertEquals(created.revision(), read.revision());
    assertEquals(Long.toString(created.revision()), resourceVersion(read));
    assertEquals("one", read.body().path("data").path("value").asText());
    assertEquals("a", read.body().path("metadata").path("name").asText());
    assertEquals(key("a"), read.key());
    assertEquals(created.revision(), await(store.currentRevision()));
    assertEquals(
        List.of(created.revision()),
        longs("SELECT revision FROM atrium_changes WHERE cluster = $1", cluster));
    assertSame(body, created.body(), "the store takes ownership of the body: no copy per write");
    assertEquals(Long.toString(created.revision()), resourceVersion(read), "client value not kept");
  }

  @Test
  void listOverEveryResourceKeepsEachObjectsOwnResourceAndHonoursTheSelectorAtARevision() {
    String label = "sweep-" + cluster;
    ObjectKey secret = new ObjectKey(cluster, "", "secrets", NS, "s1");
    ObjectKey deployment = new ObjectKey(cluster, "apps", "deployments", NS, "d1");
    await(store.create(key("c1"), body("c1", "v", label, "yes")));
    await(store.create(secret, body("s1", "v", label, "yes")));
    StoredObject last = await(store.create(deployment, body("d1", "v", label, "yes")));
    await(store.create(key("other"), body("other", "v", label, "no")));
    ResourceScope every = new ResourceScope(cluster, ResourceScope.ANY, ResourceScope.ANY, "");

    for (long at : new long[] {0, last.revision()}) {
      ListPage page =
          await(store.list(new ListRequest(every, labels(label + "=yes"), 0, null, at)));
      assertEquals(
          List.of(deployment, key("c1"), secret).stream()
              .map(ObjectKey::toString)
              .sorted()
              .toList(),
          page.items().stream().map(o -> o.key().toString()).sorted().toList(),
          "at revision " + at);
    }
  }

  @Test
  void getOfMissingObjectIsNotFound() {
    StorageException.NotFound e =
        fails(StorageException.NotFound.class, () -> store.get(key("missing")));
    assertEquals(key("missing"), e.key());
  }

  @Test
  void concurrentGetsShareStatementsAndEachGetsItsOwnObjectOrNotFound() {
    ObjectKey[] keys = new ObjectKey[40];
    for (int i = 0; i < keys.length; i++) {
      // the same name under another resource and namespace: every key column must match
      String name = "g" + (i % 20);
      keys[i] =
          i < 20 ? key(name) : new ObjectKey(cluster, GROUP, "secrets", "other-" + i % 3, name);
      await(store.create(keys[i], bodyIn(keys[i].namespace(), name, "v" + i)));
    }
    List<Uni<StoredObject>> gets = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      boolean missing = i % 7 == 0;
      ObjectKey key = missing ? key("absent-" + i) : keys[i % keys.length];
      expected.add(missing ? null : "v" + i % keys.length + "@" + key);
      gets.add(store.get(key).onFailure(StorageException.NotFound.class).recoverWithNull());
    }

    List<StoredObject> read = await(Uni.join().all(gets).andFailFast());

    List<String> actual =
        read.stream()
            .map(
                o ->
                    o == null ? null : o.body().path("data").path("value").asText() + "@" + o.key())
            .toList();
    assertEquals(expected, actual);
    for (StoredObject o : read) {
      if (o != null) {
        assertEquals(Long.toString(o.revision()), resourceVersion(o));
      }
    }
  }

  @Test
  void createOfExistingNameIsAlreadyExistsAndChangesNothing() {
    StoredObject first = await(store.create(key("a"), body("a", "first")));

    StorageException.AlreadyExists e =
        fails(
            StorageException.AlreadyExists.class,
            () -> store.create(key("a"), body("a", "second")));

    assertEquals(key("a"), e.key());
    StoredObject read = await(store.get(key("a")));
    assertEquals(first.revision(), read.revision());
    assertEquals("first", read.body().path("data").path("value").asText());
    assertEquals(
        List.of(first.revision()),
        longs("SELECT revision FROM atrium_changes WHERE cluster = $1", cluster),
        "a failed create leaves no change row");
  }

  @Test
  void updateWithCurrentRevisionGetsANewRevisionAndWithAStaleOneIsConflict() {
    StoredObject v1 = await(store.create(key("a"), body("a", "v1")));
    StoredObject v2 = await(store.update(key("a"), body("a", "v2"), v1.revision()));

    assertTrue(v2.revision() > v1.revision());
    assertEquals(Long.toString(v2.revision()), resourceVersion(v2));

    StorageException.Conflict e =
        fails(
            StorageException.Conflict.class,
            () -> store.update(key("a"), body("a", "stale"), v1.revision()));
    assertEquals(key("a"), e.key());

    StoredObject read = await(store.get(key("a")));
    assertEquals(v2.revision(), read.revision());
    assertEquals("v2", read.body().path("data").path("value").asText());

    fails(
        StorageException.NotFound.class,
        () -> store.update(key("nope"), body("nope", "x"), v1.revision()));
  }

  @Test
  void deleteHonoursItsPreconditionAndReturnsTheLastStateAtTheDeletionRevision() {
    StoredObject v1 = await(store.create(key("a"), body("a", "v1")));
    StoredObject v2 = await(store.update(key("a"), body("a", "v2"), v1.revision()));

    fails(StorageException.Conflict.class, () -> store.delete(key("a"), v1.revision()));
    assertEquals(v2.revision(), await(store.get(key("a"))).revision());

    StoredObject deleted = await(store.delete(key("a"), v2.revision()));
    assertTrue(deleted.revision() > v2.revision());
    assertEquals(Long.toString(deleted.revision()), resourceVersion(deleted));
    assertEquals("v2", deleted.body().path("data").path("value").asText());
    assertEquals(key("a"), deleted.key());

    fails(StorageException.NotFound.class, () -> store.get(key("a")));
    fails(StorageException.NotFound.class, () -> store.delete(key("a"), 0));

    // 0 = unconditional
    StoredObject b = await(store.create(key("b"), body("b", "x")));
    StoredObject bDeleted = await(store.delete(key("b"), 0));
    assertTrue(bDeleted.revision() > b.revision());
    assertEquals(
        List.of(
            v1.revision(), v2.revision(), deleted.revision(), b.revision(), bDeleted.revision()),
        longs("SELECT revision FROM atrium_changes WHERE cluster = $1 ORDER BY revision", cluster));
  }

  // ---------------------------------------------------------------- write groups

  @Test
  void aWriteGroupCommitsInOrderAndAnUpdateMayExpectWhatTheGroupJustWrote() {
    StoredObject a = await(store.create(key("a"), body("a", "v1")));
    StoredObject existing = await(store.create(key("c"), body("c", "kept")));

    List<StoredObject> written =
        await(
            store.writeAll(
                List.of(
                    Write.update(key("a"), body("a", "v2"), a.revision()),
                    Write.create(key("b"), body("b", "new")),
                    Write.createIfAbsent(key("c"), body("c", "ignored")),
                    Write.updateAfter(key("a"), body("a", "v3"), 0))));

    assertEquals(4, written.size());
    assertNull(written.get(2), "an existing object is skipped by create-if-absent");
    long v2 = written.get(0).revision();
    long b = written.get(1).revision();
    long v3 = written.get(3).revision();
    assertTrue(a.revision() < v2 && v2 < b && b < v3, "revisions in the group's order");
    assertEquals(Long.toString(v3), resourceVersion(written.get(3)));
    assertEquals("v3", await(store.get(key("a"))).body().path("data").path("value").asText());
    assertEquals(existing.revision(), await(store.get(key("c"))).revision());
    assertEquals(
        List.of(a.revision(), existing.revision(), v2, b, v3),
        longs("SELECT revision FROM atrium_changes WHERE cluster = $1 ORDER BY revision", cluster),
        "every write of the group is in the change log, the skipped one is not");
  }

  @Test
  void aWriteGroupWithAFailingWriteWritesNothingAndFailsWithThatWritesError() {
    StoredObject a = await(store.create(key("a"), body("a", "v1")));
    StoredObject a2 = await(store.update(key("a"), body("a", "v2"), a.revision()));

    StorageException.Conflict conflict =
        fails(
            StorageException.Conflict.class,
            () ->
                store.writeAll(
                    List.of(
                        Write.create(key("b"), body("b", "new")),
                        Write.update(key("a"), body("a", "stale"), a.revision()),
                        Write.create(key("d"), body("d", "new")))));
    assertEquals(key("a"), conflict.key());
    StorageException.AlreadyExists exists =
        fails(
            StorageException.AlreadyExists.class,
            () ->
                store.writeAll(
                    List.of(
                        Write.update(key("a"), body("a", "v3"), a2.revision()),
                        Write.create(key("a"), body("a", "dup")))));
    assertEquals(key("a"), exists.key());

    fails(StorageException.NotFound.class, () -> store.get(key("b")));
    fails(StorageException.NotFound.class, () -> store.get(key("d")));
    assertEquals("v2", await(store.get(key("a"))).body().path("data").path("value").asText());
    assertEquals(
        List.of(a.revision(), a2.revision()),
        longs("SELECT revision FROM atrium_changes WHERE cluster = $1 ORDER BY revision", cluster),
        "a failed group leaves no change row");
  }

  @Test
  void groupsAndLoneWritesInOneBatchKeepTheirOwnOutcomesAndAWatcherSeesEveryCommittedWrite()
      throws Exception {
    long from = await(store.currentRevision());
    WatchRecorder recorder = new WatchRecorder();
    WatchSubscription watch = store.watch(scope(), Selection.everything(), from, recorder);
    StoredObject taken = await(store.create(key("taken"), body("taken", "x")));
    int groups = 40;
    List<Uni<List<StoredObject>>> pending = new ArrayList<>();
    List<Uni<StoredObject>> lone = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      // Every fourth group fails on its last write; the lone writes around it are unaffected.
      String last = i % 4 == 0 ? "taken" : "g" + i + "-2";
      pending.add(
          store.writeAll(
              List.of(
                  Write.create(key("g" + i + "-1"), body("g" + i + "-1", "x")),
                  Write.create(key(last), body(last, "x")))));
      lone.add(store.create(key("lone" + i), body("lone" + i, "x")));
    }
    int failed = 0;
    for (int i = 0; i < groups; i++) {
      List<StoredObject> written =
          pending.get(i).onFailure().recoverWithNull().await().atMost(TIMEOUT);
      assertNotNull(await(lone.get(i)));
      if (written == null) {
        failed++;
      }
    }
    assertEquals(groups / 4, failed);
    for (int i = 0; i < groups; i += 4) {
      final String name = "g" + i + "-1";
      fails(StorageException.NotFound.class, () -> store.get(key(name)));
    }
    int expected = 1 + groups + 2 * (groups - groups / 4);
    List<WatchEvent> events = recorder.take(expected, TIMEOUT);
    recorder.assertNoMore(Duration.ofMillis(300));
    watch.close();
    assertEquals(expected, events.size(), WatchRecorder.describe(events));
    for (int i = 1; i < events.size(); i++) {
      assertTrue(events.get(i - 1).revision() < events.get(i).revision(), "in revision order");
    }
    assertEquals(taken.revision(), events.get(0).revision());
  }

  @Test
  void revisionsStrictlyIncreaseAndEqualResourceVersionAndTheCurrentRevision() {
    List<StoredObject> writes = new ArrayList<>();
    writes.add(await(store.create(key("a"), body("a", "1"))));
    writes.add(await(store.create(key("b"), body("b", "1"))));
    writes.add(await(store.update(key("a"), body("a", "2"), writes.get(0).revision())));
    writes.add(await(store.delete(key("b"), writes.get(1).revision())));
    writes.add(await(store.create(key("b"), body("b", "again"))));

    long previous = 0;
    for (StoredObject write : writes) {
      assertTrue(
          write.revision() > previous, "revision " + write.revision() + " after " + previous);
      assertEquals(Long.toString(write.revision()), resourceVersion(write));
      previous = write.revision();
    }
    assertEquals(previous, await(store.currentRevision()));
    StoredObject b = await(store.get(key("b")));
    assertEquals(previous, b.revision());
    assertEquals(
        previous,
        longs(
                "SELECT create_revision FROM atrium_objects WHERE cluster = $1 AND name = 'b'",
                cluster)
            .get(0),
        "a re-created object has a new creation revision");
  }

  // ------------------------------------------------------------------------------- concurrency

  @Test
  void concurrentWritersGetUniqueRevisionsAndAWatcherSeesEveryCommitInRevisionOrder()
      throws Exception {
    long seqBefore = sequenceValue();
    long start = await(store.currentRevision());
    WatchRecorder recorder = new WatchRecorder();
    ConcurrentLinkedQueue<Long> revisions = new ConcurrentLinkedQueue<>();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    int writers = 8;
    int perWriter = 25;

    try (WatchSubscription watch = store.watch(scope(), Selection.everything(), start, recorder)) {
      revisions.add(await(store.create(key("counter"), counter(0))).revision());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < writers; t++) {
        int writer = t;
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perWriter; i++) {
                    String name = String.format("w%d-%02d", writer, i);
                    revisions.add(await(store.create(key(name), body(name, "x"))).revision());
                    if (i == perWriter / 2) {
                      try {
                        revisions.add(await(store.create(key("dup"), body("dup", "x"))).revision());
                      } catch (StorageException.AlreadyExists e) {
                        duplicates.incrementAndGet();
                      }
                    }
                    while (true) { // read-modify-write increment with optimistic concurrency
                      StoredObject current = await(store.get(key("counter")));
                      int n = current.body().path("data").path("n").asInt();
                      try {
                        revisions.add(
                            await(store.update(key("counter"), counter(n + 1), current.revision()))
                                .revision());
                        break;
                      } catch (StorageException.Conflict e) {
                        conflicts.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(40, TimeUnit.SECONDS);
      }

      int expected = 1 + writers * perWriter * 2 + 1;
      assertEquals(writers - 1, duplicates.get(), "exactly one create of 'dup' wins");
      assertEquals(expected, revisions.size());
      TreeSet<Long> unique = new TreeSet<>(revisions);
      assertEquals(expected, unique.size(), "every write got its own revision");
      assertTrue(unique.first() > start);

      // Rolled-back creates consumed a sequence value each (gaps); conflicting updates did not.
      assertEquals(expected + duplicates.get(), sequenceValue() - seqBefore);

      List<WatchEvent> events = recorder.take(expected);
      recorder.assertNoMore(Duration.ofMillis(300));
      List<Long> seen = events.stream().map(WatchEvent::revision).toList();
      assertEquals(new ArrayList<>(unique), seen, "watcher saw every revision, in order");
      for (WatchEvent event : events) {
        assertEquals(Long.toString(event.revision()), resourceVersion(event.object()));
      }
      List<Integer> counterValues =
          events.stream()
              .filter(e -> e.object().key().name().equals("counter"))
              .map(e -> e.object().body().path("data").path("n").asInt())
              .toList();
      List<Integer> oneToN = new ArrayList<>();
      for (int i = 0; i <= writers * perWriter; i++) {
        oneToN.add(i);
      }
      assertEquals(oneToN, counterValues, "no lost update; increments in revision order");
      assertEquals(
          writers * perWriter,
          await(store.get(key("counter"))).body().path("data").path("n").asInt());
      assertEquals(
          new ArrayList<>(unique),
          longs(
              "SELECT revision FROM atrium_changes WHERE cluster = $1 ORDER BY revision", cluster),
          "the change log has exactly the committed writes");
    }
  }

  // ------------------------------------------------------------------------------------- lists

  @Test
  void pagedListStaysOnTheFirstPageSnapshotWhileObjectsChange() {
    Map<String, Long> atSnapshot = new TreeMap<>();
    for (int i = 0; i < 10; i++) {
      String name = String.format("obj-%02d", i);
      atSnapshot.put(name, await(store.create(key(name), body(name, "old"))).revision());
    }

    ListPage first = list(Selection.everything(), 3, null, 0);
    long snapshot = first.revision();
    assertEquals(await(store.currentRevision()), snapshot);
    assertEquals(List.of("obj-00", "obj-01", "obj-02"), names(first));
    assertNotNull(first.continueToken());

    // Changes between pages: delete one ahead, update one ahead, insert one ahead and one at the
    // end.
    await(store.delete(key("obj-04"), 0));
    long updated05 =
        await(store.update(key("obj-05"), body("obj-05", "new"), atSnapshot.get("obj-05")))
            .revision();
    await(store.create(key("obj-035"), body("obj-035", "new")));
    await(store.create(key("obj-99"), body("obj-99", "new")));
    await(store.delete(key("obj-01"), 0)); // behind the cursor

    List<StoredObject> all = new ArrayList<>(first.items());
    String token = first.continueToken();
    int pages = 1;
    while (token != null) {
      ListPage page = list(Selection.everything(), 3, token, 0);
      assertEquals(snapshot, page.revision(), "every page reads the first page's snapshot");
      assertTrue(page.items().size() <= 3);
      all.addAll(page.items());
      token = page.continueToken();
      pages++;
    }
    assertEquals(4, pages);
    Map<String, Long> listed = new LinkedHashMap<>();
    for (StoredObject o : all) {
      listed.put(o.key().name(), o.revision());
      assertEquals("old", o.body().path("data").path("value").asText(), o.key().name());
      assertEquals(Long.toString(o.revision()), resourceVersion(o));
    }
    assertEquals(atSnapshot, listed, "names and revisions exactly as at the snapshot");
    assertEquals(new ArrayList<>(atSnapshot.keySet()), new ArrayList<>(listed.keySet()));

    // The same snapshot on request, and the latest state after the changes.
    ListPage again = list(Selection.everything(), 0, null, snapshot);
    assertEquals(snapshot, again.revision());
    assertEquals(new ArrayList<>(atSnapshot.keySet()), names(again));
    ListPage latest = list(Selection.everything(), 0, null, 0);
    assertEquals(
        List.of(
            "obj-00", "obj-02", "obj-03", "obj-035", "obj-05", "obj-06", "obj-07", "obj-08",
            "obj-09", "obj-99"),
        names(latest));
    StoredObject latest05 =
        latest.items().stream().filter(o -> o.key().name().equals("obj-05")).findFirst().get();
    assertEquals(updated05, latest05.revision());
    assertEquals("new", latest05.body().path("data").path("value").asText());
  }

  @Test
  void listThenWatchFromTheListRevisionLosesNothingWhileWritersRun() throws Exception {
    for (int i = 0; i < 5; i++) {
      await(store.create(key("pre-" + i), body("pre-" + i, "0")));
    }
    CountDownLatch halfway = new CountDownLatch(1);
    Future<Long> writer =
        threads.submit(
            () -> {
              long last = 0;
              for (int i = 0; i < 60; i++) {
                String name = String.format("bg-%02d", i);
                last = await(store.create(key(name), body(name, "0"))).revision();
                if (i % 3 == 0) {
                  StoredObject pre = await(store.get(key("pre-" + (i % 5))));
                  last =
                      await(
                              store.update(
                                  pre.key(), body(pre.key().name(), "i" + i), pre.revision()))
                          .revision();
                }
                if (i % 10 == 5) {
                  last = await(store.delete(key(String.format("bg-%02d", i - 1)), 0)).revision();
                }
                if (i == 20) {
                  halfway.countDown();
                }
              }
              return last;
            });
    assertTrue(halfway.await(10, TimeUnit.SECONDS));

    ListPage listed = list(Selection.everything(), 0, null, 0);
    Map<String, Long> state = new TreeMap<>();
    listed.items().forEach(o -> state.put(o.key().name(), o.revision()));
    WatchRecorder recorder = new WatchRecorder();
    try (WatchSubscription watch =
        store.watch(scope(), Selection.everything(), listed.revision(), recorder)) {
      long last = writer.get(20, TimeUnit.SECONDS);
      assertTrue(last > listed.revision(), "the list ran while writes were going on");
      long previous = listed.revision();
      while (previous < last) {
        WatchEvent event = recorder.takeOne();
        assertTrue(event.revision() > previous, "strictly after the list, in order");
        previous = event.revision();
        String name = event.object().key().name();
        switch (event.type()) {
          case ADDED -> assertNull(state.put(name, event.revision()), "ADDED twice: " + name);
          case MODIFIED -> assertNotNull(state.put(name, event.revision()), "unknown: " + name);
          case DELETED -> assertNotNull(state.remove(name), "unknown: " + name);
        }
      }
      assertEquals(last, previous);
      recorder.assertNoMore(Duration.ofMillis(200));
    }
    Map<String, Long> now = new TreeMap<>();
    list(Selection.everything(), 0, null, 0)
        .items()
        .forEach(o -> now.put(o.key().name(), o.revision()));
    assertEquals(now, state, "list + watch rebuilds exactly the current state");
  }

  @Test
  void labelSelectorsAreEvaluatedInSqlOnTheLatestStateAndOnHistory() {
    put("a", "app", "web", "tier", "front", "rank", "1");
    put("b", "app", "db", "tier", "back", "rank", "5");
    put("c", "app", "web", "rank", "x");
    put("d");
    put("e", "app", "cache", "tier", "front", "rank", "10");
    long snapshot = await(store.currentRevision());

    Map<String, List<String>> cases = new LinkedHashMap<>();
    cases.put("app=web", List.of("a", "c"));
    cases.put("app==web", List.of("a", "c"));
    cases.put("app!=web", List.of("b", "d", "e"));
    cases.put("app in (db, cache)", List.of("b", "e"));
    cases.put("app notin (web, db)", List.of("d", "e"));
    cases.put("tier", List.of("a", "b", "e"));
    cases.put("!tier", List.of("c", "d"));
    cases.put("app=web,tier=front", List.of("a"));
    cases.put("app in (web),!tier", List.of("c"));
    cases.put("rank>2", List.of("b", "e"));
    cases.put("rank<5", List.of("a"));
    cases.put("app=nothing", List.of());

    // later writes must not leak into the snapshot reads
    put("f", "app", "web", "tier", "front");

    for (Map.Entry<String, List<String>> c : cases.entrySet()) {
      String selector = c.getKey();
      List<String> expected = new ArrayList<>(c.getValue());
      Selection selection = labels(selector);

      assertEquals(expected, sqlOnly(selector, snapshot), "raw SQL fragment " + selector);
      assertEquals(expected, names(list(selection, 0, null, snapshot)), "history " + selector);

      // Paging one item at a time proves the SQL filters (a Java-side filter would leave empty
      // pages).
      List<String> paged = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        ListPage page = list(selection, 1, token, snapshot);
        assertEquals(snapshot, page.revision());
        paged.addAll(names(page));
        token = page.continueToken();
        pages++;
      } while (token != null);
      assertEquals(expected, paged, "paged " + selector);
      assertEquals(Math.max(1, expected.size()), pages, "one item per page for " + selector);
    }
    // the latest state, from the objects table (f included where it matches)
    assertEquals(List.of("a", "c", "f"), names(list(labels("app=web"), 0, null, 0)));
    assertEquals(List.of("c", "d"), names(list(labels("!tier"), 0, null, 0)));
    assertEquals(List.of("d", "e"), names(list(labels("app notin (web,db)"), 0, null, 0)));
    assertEquals(List.of("a", "b", "e", "f"), names(list(labels("tier"), 0, null, 0)));
    assertEquals(
        List.of("a", "c"),
        sqlLatest("app=web,rank"),
        "raw SQL over atrium_objects.labels (GIN-indexed column)");
  }

  @Test
  void fieldSelectorOnMetadataNameAndNamespaceIsAppliedInSql() {
    ResourceScope all = new ResourceScope(cluster, GROUP, RESOURCE, "");
    for (String ns : List.of("default", "other")) {
      for (String name : List.of("a", "b", "c")) {
        ObjectKey k = new ObjectKey(cluster, GROUP, RESOURCE, ns, name);
        await(store.create(k, bodyIn(ns, name, ns)));
      }
    }
    Selection nameB = fields("metadata.name=b");
    ListPage page1 = await(store.list(new ListRequest(all, nameB, 1, null, 0)));
    assertEquals(List.of("default/b"), qualified(page1));
    assertNotNull(page1.continueToken());
    ListPage page2 = await(store.list(new ListRequest(all, nameB, 1, page1.continueToken(), 0)));
    assertEquals(List.of("other/b"), qualified(page2));
    assertNull(page2.continueToken(), "the SQL filter leaves no third row to page to");
    assertEquals(page1.revision(), page2.revision());

    Selection exact = fields("metadata.name=b,metadata.namespace=other");
    ListPage one = await(store.list(new ListRequest(all, exact, 1, null, 0)));
    assertEquals(List.of("other/b"), qualified(one));
    assertNull(one.continueToken());

    ListPage notB = await(store.list(new ListRequest(all, fields("metadata.name!=b"), 0, null, 0)));
    assertEquals(List.of("default/a", "default/c", "other/a", "other/c"), qualified(notB));

    ListPage inDefault =
        await(store.list(new ListRequest(scope(), fields("metadata.name=c"), 0, null, 0)));
    assertEquals(List.of("default/c"), qualified(inDefault));

    ListPage history = await(store.list(new ListRequest(all, nameB, 0, null, page1.revision())));
    assertEquals(List.of("default/b", "other/b"), qualified(history));
  }

  // ------------------------------------------------------------------------------------ watches

  @Test
  void watchFromRevisionReplaysExactlyTheChangesAfterItFromTheWindow() {
    StoredObject a1 = await(store.create(key("a"), body("a", "1")));
    StoredObject b1 = await(store.create(key("b"), body("b", "1")));
    StoredObject a2 = await(store.update(key("a"), body("a", "2"), a1.revision()));
    StoredObject b2 = await(store.delete(key("b"), b1.revision()));

    WatchRecorder recorder = new WatchRecorder();
    try (WatchSubscription watch =
        store.watch(scope(), Selection.everything(), b1.revision(), recorder)) {
      List<WatchEvent> replayed = recorder.take(2);
      assertEvent(replayed.get(0), Type.MODIFIED, "a", a2.revision());
      assertEquals(a1.revision(), replayed.get(0).previous().revision());
      assertEquals("1", replayed.get(0).previous().body().path("data").path("value").asText());
      assertEvent(replayed.get(1), Type.DELETED, "b", b2.revision());
      assertEquals("1", replayed.get(1).object().body().path("data").path("value").asText());
      recorder.assertNoMore(Duration.ofMillis(200));

      StoredObject c = await(store.create(key("c"), body("c", "1")));
      assertEvent(recorder.takeOne(), Type.ADDED, "c", c.revision());
      recorder.awaitProgress(c.revision());
    }
  }

  @Test
  void watchOlderThanTheWindowReplaysFromTheDatabaseThenGoesLive() throws Exception {
    long before = await(store.currentRevision());
    io.vertx.sqlclient.Pool small = db.pool("atrium-it-small", 4);
    PgWatchHub hub = db.hub(small, db.connectOptions("atrium-it-small-listen"), 5, 200);
    PgStore smallStore = db.store(small, hub);

    WatchRecorder tracker = new WatchRecorder();
    List<Long> revs = new ArrayList<>();
    List<ExpectedEvent> expectedWeb;
    try (WatchSubscription t = smallStore.watch(scope(), Selection.everything(), before, tracker)) {
      expectedWeb = labelScript("x", "y", revs);
      for (int i = 0; i < 4; i++) {
        revs.add(await(store.create(key("z" + i), body("z" + i, "z"))).revision());
      }
      assertEquals(12, revs.size());
      assertEquals(revs, tracker.take(12).stream().map(WatchEvent::revision).toList());
    }
    // The hub's window now holds only the last 5 of these changes.

    WatchRecorder all = new WatchRecorder();
    try (WatchSubscription w = smallStore.watch(scope(), Selection.everything(), before, all)) {
      assertEquals(revs, all.take(12).stream().map(WatchEvent::revision).toList());
      all.assertNoMore(Duration.ofMillis(100));
    }

    WatchRecorder fromSecond = new WatchRecorder();
    try (WatchSubscription w =
        smallStore.watch(scope(), Selection.everything(), revs.get(1), fromSecond)) {
      assertEquals(
          revs.subList(2, 12), fromSecond.take(10).stream().map(WatchEvent::revision).toList());
      fromSecond.assertNoMore(Duration.ofMillis(100));
    }

    WatchRecorder inWindow = new WatchRecorder();
    try (WatchSubscription w =
        smallStore.watch(scope(), Selection.everything(), revs.get(8), inWindow)) {
      assertEquals(
          revs.subList(9, 12), inWindow.take(3).stream().map(WatchEvent::revision).toList());
      inWindow.assertNoMore(Duration.ofMillis(100));
    }

    WatchRecorder web = new WatchRecorder();
    try (WatchSubscription w = smallStore.watch(scope(), labels("app=web"), before, web)) {
      assertExpected(expectedWeb, web.take(expectedWeb.size()));
      web.assertNoMore(Duration.ofMillis(100));
    }

    // Replay from the database while new writes arrive: no loss, no duplicate, in order.
    WatchRecorder racing = new WatchRecorder();
    try (WatchSubscription w =
        smallStore.watch(scope(), Selection.everything(), revs.get(1), racing)) {
      Future<List<Long>> writer =
          threads.submit(
              () -> {
                List<Long> more = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                  more.add(await(store.create(key("live" + i), body("live" + i, "l"))).revision());
                }
                return more;
              });
      List<Long> expected = new ArrayList<>(revs.subList(2, 12));
      expected.addAll(writer.get(10, TimeUnit.SECONDS));
      assertEquals(
          expected, racing.take(expected.size()).stream().map(WatchEvent::revision).toList());
      racing.assertNoMore(Duration.ofMillis(200));
    }
  }

  @Test
  void labelSelectorWatchSeesDeletedWhenAnObjectStopsMatchingAndAddedWhenItStarts() {
    long before = await(store.currentRevision());
    WatchRecorder web = new WatchRecorder();
    try (WatchSubscription w = store.watch(scope(), labels("app=web"), before, web)) {
      List<Long> revs = new ArrayList<>();
      List<ExpectedEvent> expected = labelScript("x", "y", revs);
      assertExpected(expected, web.take(expected.size()));
      web.assertNoMore(Duration.ofMillis(200));
    }
  }

  // --------------------------------------------------------------------------------- compaction

  @Test
  void compactionInSmallStepsRemovesExactlyTheSupersededHistory() {
    long before = await(store.currentRevision());
    await(store.compact(before)); // history of other tests out of the way
    StoredObject a1 = await(store.create(key("a"), body("a", "1")));
    StoredObject b1 = await(store.create(key("b"), body("b", "1")));
    StoredObject a2 = await(store.update(key("a"), body("a", "2"), a1.revision()));
    await(store.delete(key("b"), b1.revision()));
    StoredObject c1 = await(store.create(key("c"), body("c", "1")));
    StoredObject a3 = await(store.update(key("a"), body("a", "3"), a2.revision()));

    long w = c1.revision();
    long reached = 0;
    for (int i = 0; i < 100 && reached < w; i++) {
      reached = longs("SELECT atrium_compact_step($1, 1)", w).get(0);
    }
    assertEquals(w, reached, "one revision per step, up to the target");
    assertEquals(
        List.of(a2.revision(), c1.revision(), a3.revision()),
        longs("SELECT revision FROM atrium_changes WHERE cluster = $1 ORDER BY revision", cluster),
        "a1 (superseded by a2), b1 and b's deletion are gone; a2 stays (latest of a at w)");
  }

  @Test
  void compactionExpiresOlderWatchesAndContinueTokensButKeepsCurrentState() {
    WatchRecorder tracker = new WatchRecorder();
    long before = await(store.currentRevision());
    StoredObject a1;
    StoredObject b1;
    StoredObject a2;
    StoredObject bDeleted;
    StoredObject c1;
    ListPage oldPage;
    ListPage newPage;
    try (WatchSubscription t = store.watch(scope(), Selection.everything(), before, tracker)) {
      a1 = await(store.create(key("a"), body("a", "1")));
      b1 = await(store.create(key("b"), body("b", "1")));
      a2 = await(store.update(key("a"), body("a", "2"), a1.revision()));
      oldPage = list(Selection.everything(), 1, null, a2.revision());
      bDeleted = await(store.delete(key("b"), 0));
      c1 = await(store.create(key("c"), body("c", "1")));
      newPage = list(Selection.everything(), 1, null, 0);
      tracker.take(5); // the hub has read everything up to c1 before history goes away
    }
    assertEquals(List.of("a", "b"), names(list(Selection.everything(), 0, null, a2.revision())));
    assertEquals(List.of("a"), names(oldPage));
    assertEquals(a2.revision(), oldPage.revision());
    assertEquals(c1.revision(), newPage.revision());

    long w = bDeleted.revision();
    assertEquals(w, await(store.compact(w)));
    assertEquals(w, await(store.watermark()));
    assertEquals(
        List.of(a2.revision(), c1.revision()),
        longs("SELECT revision FROM atrium_changes WHERE cluster = $1 ORDER BY revision", cluster),
        "superseded rows and tombstones at or below the watermark are gone");

    // Older than the watermark: 410.
    StorageException.Expired token =
        fails(
            StorageException.Expired.class,
            () -> store.list(request(Selection.everything(), 1, oldPage.continueToken(), 0)));
    assertEquals(a2.revision(), token.requested());
    assertEquals(w, token.oldest());
    fails(
        StorageException.Expired.class,
        () -> store.list(request(Selection.everything(), 0, null, a2.revision())));

    io.vertx.sqlclient.Pool small = db.pool("atrium-it-compact", 2);
    PgStore otherReplica =
        db.store(small, db.hub(small, db.connectOptions("atrium-it-c-l"), 5, 200));
    WatchRecorder tooOld = new WatchRecorder();
    try (WatchSubscription watch =
        otherReplica.watch(scope(), Selection.everything(), a2.revision(), tooOld)) {
      StorageException error = tooOld.awaitError();
      StorageException.Expired expired = assertInstanceOf(StorageException.Expired.class, error);
      assertEquals(a2.revision(), expired.requested());
      assertEquals(w, expired.oldest());
    }

    // At and after the watermark everything still works.
    ListPage rest = list(Selection.everything(), 1, newPage.continueToken(), 0);
    assertEquals(c1.revision(), rest.revision());
    assertEquals(List.of("c"), names(rest));
    assertEquals(c1.revision(), rest.items().get(0).revision());
    assertNull(rest.continueToken());
    ListPage atW = list(Selection.everything(), 0, null, w);
    assertEquals(List.of("a"), names(atW));
    assertEquals(a2.revision(), atW.items().get(0).revision());
    ListPage latest = list(Selection.everything(), 0, null, 0);
    assertEquals(List.of("a", "c"), names(latest));
    assertEquals(List.of(a2.revision(), c1.revision()), revisions(latest.items()));
    assertEquals("2", await(store.get(key("a"))).body().path("data").path("value").asText());
    fails(StorageException.NotFound.class, () -> store.get(key("b")));

    WatchRecorder fromW = new WatchRecorder();
    try (WatchSubscription watch = otherReplica.watch(scope(), Selection.everything(), w, fromW)) {
      assertEvent(fromW.takeOne(), Type.ADDED, "c", c1.revision());
      StoredObject a3 = await(store.update(key("a"), body("a", "3"), a2.revision()));
      WatchEvent modified = fromW.takeOne();
      assertEvent(modified, Type.MODIFIED, "a", a3.revision());
      assertEquals(a2.revision(), modified.previous().revision(), "previous state survived");
    }

    // Compaction never moves the watermark back nor past the current revision.
    assertEquals(w, await(store.compact(w - 1)));
    long current = await(store.currentRevision());
    assertEquals(current, await(store.compact(Long.MAX_VALUE)));
    assertEquals(current, await(store.currentRevision()));
  }

  @Test
  void watchBelowTheWatermarkIsExpiredEvenWhenTheReplicaStillHasItInMemory() {
    long before = await(store.currentRevision());
    WatchRecorder tracker = new WatchRecorder();
    StoredObject a1;
    StoredObject a2;
    try (WatchSubscription t = store.watch(scope(), Selection.everything(), before, tracker)) {
      a1 = await(store.create(key("a"), body("a", "1")));
      a2 = await(store.update(key("a"), body("a", "2"), a1.revision()));
      tracker.take(2);
    }
    assertEquals(a2.revision(), await(store.compact(a2.revision())));
    WatchRecorder tooOld = new WatchRecorder();
    try (WatchSubscription watch =
        store.watch(scope(), Selection.everything(), a1.revision(), tooOld)) {
      StorageException.Expired expired =
          assertInstanceOf(StorageException.Expired.class, tooOld.awaitError());
      assertEquals(a1.revision(), expired.requested());
      assertEquals(a2.revision(), expired.oldest());
    }
  }

  // ---------------------------------------------------------------------- replicas / catch-up

  @Test
  void writesThroughOneReplicaAreSeenInOrderByAWatchOnAnother() throws Exception {
    // Catch-up is effectively off on B: delivery must come from NOTIFY.
    io.vertx.sqlclient.Pool poolB = db.pool("atrium-it-b", 4);
    PgWatchHub hubB = db.hub(poolB, db.connectOptions("atrium-it-b-listen"), 1000, 600_000);
    PgStore storeB = db.store(poolB, hubB);
    long start = await(store.currentRevision());
    WatchRecorder onA = new WatchRecorder();
    WatchRecorder onB = new WatchRecorder();
    try (WatchSubscription a = store.watch(scope(), Selection.everything(), start, onA);
        WatchSubscription b = storeB.watch(scope(), Selection.everything(), start, onB)) {
      ConcurrentLinkedQueue<Long> revisions = new ConcurrentLinkedQueue<>();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int writer = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    String name = "r" + writer + "-" + i;
                    StoredObject o = await(store.create(key(name), body(name, "1")));
                    revisions.add(o.revision());
                    revisions.add(
                        await(store.update(key(name), body(name, "2"), o.revision())).revision());
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
      List<Long> expected = new ArrayList<>(new TreeSet<>(revisions));
      assertEquals(80, expected.size());
      List<WatchEvent> seenByB = onB.take(80);
      List<WatchEvent> seenByA = onA.take(80);
      assertEquals(expected, seenByB.stream().map(WatchEvent::revision).toList());
      assertEquals(
          describeAll(seenByA), describeAll(seenByB), "both replicas saw the same history");
      onB.assertNoMore(Duration.ofMillis(200));

      // and B's own reads see A's writes
      assertEquals(
          80 / 2, await(storeB.list(request(Selection.everything(), 0, null, 0))).items().size());
    }
  }

  @Test
  void aMissedNotificationIsHealedByThePeriodicCatchUp() {
    // LISTEN in another database: NOTIFY is per database, so this hub never hears one.
    io.vertx.sqlclient.Pool poolC = db.pool("atrium-it-deaf", 2);
    PgWatchHub deaf = db.hub(poolC, db.connectOptions("postgres", "atrium-it-deaf-l"), 100, 200);
    PgWatchHub deafSlow =
        db.hub(poolC, db.connectOptions("postgres", "atrium-it-deaf-slow-l"), 100, 600_000);
    PgStore storeC = db.store(poolC, deaf);
    PgStore storeD = db.store(poolC, deafSlow);
    long start = await(store.currentRevision());
    WatchRecorder healed = new WatchRecorder();
    WatchRecorder unhealed = new WatchRecorder();
    try (WatchSubscription c = storeC.watch(scope(), Selection.everything(), start, healed);
        WatchSubscription d = storeD.watch(scope(), Selection.everything(), start, unhealed)) {
      healed.awaitProgress(start);
      unhealed.awaitProgress(start); // its one fetch after LISTEN is done

      long t0 = System.nanoTime();
      StoredObject a = await(store.create(key("a"), body("a", "1")));
      StoredObject a2 = await(store.update(key("a"), body("a", "2"), a.revision()));
      List<WatchEvent> events = healed.take(2, Duration.ofSeconds(3));
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertEvent(events.get(0), Type.ADDED, "a", a.revision());
      assertEvent(events.get(1), Type.MODIFIED, "a", a2.revision());
      assertTrue(millis < 1500, "delivered by catch-up (200 ms period) in " + millis + " ms");

      unhealed.assertNoMore(Duration.ofMillis(800)); // without NOTIFY and catch-up: nothing
    }
  }

  @Test
  void aDroppedListenConnectionReconnectsAndDeliversWhatWasWrittenMeanwhile() {
    io.vertx.sqlclient.Pool poolE = db.pool("atrium-it-e", 2);
    String listenName = "atrium-it-e-l-" + cluster;
    PgWatchHub hubE = db.hub(poolE, db.connectOptions(listenName), 100, 600_000);
    PgStore storeE = db.store(poolE, hubE);
    long start = await(store.currentRevision());
    WatchRecorder recorder = new WatchRecorder();
    try (WatchSubscription w = storeE.watch(scope(), Selection.everything(), start, recorder)) {
      recorder.awaitProgress(start);
      List<Long> killed =
          longs(
              "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE application_name = $1) t",
              listenName);
      assertEquals(List.of(1L), killed);
      StoredObject a = await(store.create(key("a"), body("a", "1")));
      assertEvent(recorder.take(1, Duration.ofSeconds(5)).get(0), Type.ADDED, "a", a.revision());
      StoredObject b = await(store.create(key("b"), body("b", "1")));
      assertEvent(recorder.take(1, Duration.ofSeconds(5)).get(0), Type.ADDED, "b", b.revision());
    }
  }

  // ---------------------------------------------------------------------------------- too large

  @Test
  void anObjectOverThreeMebibytesIsTooLargeAndNothingIsStored() {
    long seqBefore = sequenceValue();
    String big = "x".repeat(3 * 1024 * 1024);
    StorageException.TooLarge e =
        fails(StorageException.TooLarge.class, () -> store.create(key("big"), body("big", big)));
    assertEquals(key("big"), e.key());
    fails(StorageException.NotFound.class, () -> store.get(key("big")));
    assertEquals(seqBefore, sequenceValue(), "no revision was taken");

    StoredObject small = await(store.create(key("small"), body("small", "s")));
    fails(
        StorageException.TooLarge.class,
        () -> store.update(key("small"), body("small", big), small.revision()));
    StoredObject read = await(store.get(key("small")));
    assertEquals(small.revision(), read.revision());
    assertEquals("s", read.body().path("data").path("value").asText());

    String nearLimit = "y".repeat(3 * 1024 * 1024 - 1024);
    StoredObject ok = await(store.create(key("near"), body("near", nearLimit)));
    assertEquals(
        nearLimit.length(),
        await(store.get(key("near"))).body().path("data").path("value").asText().length());
    assertEquals(ok.revision(), await(store.currentRevision()));
    assertEquals(List.of("near", "small"), names(list(Selection.everything(), 0, null, 0)));
  }

  @Test
  void theSizeLimitCountsUtf8BytesNotCharacters() {
    String euros = "\u20ac".repeat(1024 * 1024 + 16); // 3 bytes each in UTF-8: just over 3 MiB
    fails(StorageException.TooLarge.class, () -> store.create(key("euros"), body("euros", euros)));
    fails(StorageException.NotFound.class, () -> store.get(key("euros")));
  }

  // ---------------------------------------------------------------------------------- helpers

  /** A write script over x and y and what an "app=web" watch must see from it. */
  private List<ExpectedEvent> labelScript(String x, String y, List<Long> revs) {
    long r1 = write(revs, store.create(key(x), body(x, "1", "app", "web")));
    long r2 = write(revs, store.update(key(x), body(x, "2", "app", "db"), r1));
    long r3 = write(revs, store.update(key(x), body(x, "3", "app", "web"), r2));
    long r4 = write(revs, store.update(key(x), body(x, "4", "app", "web"), r3));
    long r5 = write(revs, store.create(key(y), body(y, "1", "app", "db")));
    long r6 = write(revs, store.update(key(y), body(y, "2", "app", "web"), r5));
    long r7 = write(revs, store.update(key(y), body(y, "3"), r6)); // labels removed
    long r8 = write(revs, store.delete(key(x), r4));
    return List.of(
        new ExpectedEvent(Type.ADDED, x, r1, "web"),
        new ExpectedEvent(Type.DELETED, x, r2, "db"), // stops matching: DELETED, new state
        new ExpectedEvent(Type.ADDED, x, r3, "web"), // starts matching again
        new ExpectedEvent(Type.MODIFIED, x, r4, "web"),
        new ExpectedEvent(Type.ADDED, y, r6, "web"),
        new ExpectedEvent(Type.DELETED, y, r7, ""),
        new ExpectedEvent(Type.DELETED, x, r8, "web"));
  }

  private record ExpectedEvent(Type type, String name, long revision, String app) {}

  private static void assertExpected(List<ExpectedEvent> expected, List<WatchEvent> actual) {
    assertEquals(expected.size(), actual.size(), WatchRecorder.describe(actual));
    for (int i = 0; i < expected.size(); i++) {
      ExpectedEvent e = expected.get(i);
      WatchEvent a = actual.get(i);
      assertEvent(a, e.type(), e.name(), e.revision());
      assertEquals(
          e.app(),
          a.object().body().path("metadata").path("labels").path("app").asText(),
          "labels of event " + i);
    }
  }

  private static long write(List<Long> revs, Uni<StoredObject> write) {
    long revision = await(write).revision();
    revs.add(revision);
    return revision;
  }

  private static void assertEvent(WatchEvent event, Type type, String name, long revision) {
    assertEquals(
        type + " " + name + "@" + revision,
        event.type() + " " + event.object().key().name() + "@" + event.revision());
    assertEquals(Long.toString(revision), resourceVersion(event.object()));
  }

  private static List<String> describeAll(List<WatchEvent> events) {
    return events.stream()
        .map(e -> e.type() + " " + e.object().key() + "@" + e.revision())
        .toList();
  }

  private ObjectKey key(String name) {
    return new ObjectKey(cluster, GROUP, RESOURCE, NS, name);
  }

  private ResourceScope scope() {
    return new ResourceScope(cluster, GROUP, RESOURCE, NS);
  }

  private void put(String name, String... labels) {
    await(store.create(key(name), body(name, "v", labels)));
  }

  private static ObjectNode body(String name, String value, String... labels) {
    return bodyIn(NS, name, value, labels);
  }

  private static ObjectNode bodyIn(String namespace, String name, String value, String... labels) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode metadata = body.putObject("metadata");
    metadata.put("name", name).put("namespace", namespace);
    if (labels.length > 0) {
      ObjectNode l = metadata.putObject("labels");
      for (int i = 0; i < labels.length; i += 2) {
        l.put(labels[i], labels[i + 1]);
      }
    }
    body.putObject("data").put("value", value);
    return body;
  }

  private static ObjectNode counter(int n) {
    ObjectNode body = body("counter", "c");
    ((ObjectNode) body.get("data")).put("n", n);
    return body;
  }

  private static Selection labels(String selector) {
    return new Selection(
        LabelSelector.parse(selector),
        FieldSelector.EVERYTHING,
        FieldSets.forResource(GROUP, RESOURCE));
  }

  private static Selection fields(String selector) {
    return new Selection(
        LabelSelector.EVERYTHING,
        FieldSelector.parse(selector),
        FieldSets.forResource(GROUP, RESOURCE));
  }

  private ListRequest request(Selection selection, int limit, String token, long at) {
    return new ListRequest(scope(), selection, limit, token, at);
  }

  private ListPage list(Selection selection, int limit, String token, long at) {
    return await(store.list(request(selection, limit, token, at)));
  }

  private static List<String> names(ListPage page) {
    return page.items().stream().map(o -> o.key().name()).toList();
  }

  private static List<String> qualified(ListPage page) {
    return page.items().stream().map(o -> o.key().namespace() + "/" + o.key().name()).toList();
  }

  private static List<Long> revisions(List<StoredObject> objects) {
    return objects.stream().map(StoredObject::revision).toList();
  }

  private static String resourceVersion(StoredObject object) {
    return object.body().path("metadata").path("resourceVersion").asText();
  }

  /** Runs the LabelSelectorSql fragment against the change-log snapshot at {@code revision}. */
  private List<String> sqlOnly(String selector, long revision) {
    LabelSelectorSql.Fragment f =
        LabelSelectorSql.of(LabelSelector.parse(selector), "(h.body -> 'metadata' -> 'labels')", 3);
    List<Object> params = new ArrayList<>(List.of(cluster, revision));
    params.addAll(f.params());
    String q =
        "SELECT h.name FROM (SELECT DISTINCT ON (name) name, type, body FROM atrium_changes"
            + " WHERE cluster = $1 AND revision <= $2 ORDER BY name, revision DESC) h"
            + " WHERE h.type <> 2 AND "
            + f.sql()
            + " ORDER BY h.name";
    return strings(q, params);
  }

  /** Runs the LabelSelectorSql fragment against atrium_objects.labels. */
  private List<String> sqlLatest(String selector) {
    LabelSelectorSql.Fragment f = LabelSelectorSql.of(LabelSelector.parse(selector), "labels", 2);
    List<Object> params = new ArrayList<>(List.of(cluster));
    params.addAll(f.params());
    return strings(
        "SELECT name FROM atrium_objects WHERE cluster = $1 AND " + f.sql() + " ORDER BY name",
        params);
  }

  private static List<String> strings(String query, List<Object> params) {
    List<String> out = new ArrayList<>();
    for (Row row : await(sql.preparedQuery(query).execute(Tuple.from(params)))) {
      out.add(row.getString(0));
    }
    return out;
  }

  private static List<Long> longs(String query, Object... params) {
    List<Long> out = new ArrayList<>();
    for (Row row : await(sql.preparedQuery(query).execute(Tuple.from(Arrays.asList(params))))) {
      out.add(row.getLong(0));
    }
    return out;
  }

  private static long sequenceValue() {
    return longs("SELECT last_value FROM atrium_revision_seq").get(0);
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(TIMEOUT);
  }

  private static <E extends StorageException> E fails(Class<E> type, Supplier<Uni<?>> call) {
    return assertThrows(type, () -> await(call.get()));
  }

  private static <T> T assertInstanceOf(Class<T> type, Object value) {
    return org.junit.jupiter.api.Assertions.assertInstanceOf(type, value, String.valueOf(value));
  }
}
