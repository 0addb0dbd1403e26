package dev.atrium.hub.ha;

import static dev.atrium.hub.ha.HaSupport.CONFIGMAPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.hub.ha.HaSupport.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Upgrade across schema versions: a database at an older schema ({@code atrium.upgrade.from},
 * default the version before the newest migration; set it to the last release's version once
 * releases are tagged) holding objects and change-log history, then the current hub jar started on
 * it. Flyway migrates at start; the old objects read back, a watch from a pre-upgrade revision
 * replays the old history, and new writes continue the revision sequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.extension.ExtendWith(HaSupport.FailureWatcher.class)
class SchemaUpgradeIT {

  private Path root;
  private PgServer pg;
  private HubProcess hub;
  private Api api;
  private String from;
  private String latest;
  private boolean passed;

  @BeforeAll
  void start() throws Exception {
    root = HaSupport.tempRoot("atrium-ha-upgrade");
    pg = PgServer.primary(root.resolve("pg").resolve("primary"), 15473);
    String jdbc = "jdbc:postgresql://127.0.0.1:" + pg.port + "/" + PgServer.DATABASE;
    Flyway all = Flyway.configure().dataSource(jdbc, "postgres", null).load();
    latest = all.info().all()[all.info().all().length - 1].getVersion().getVersion();
    from =
        System.getProperty("atrium.upgrade.from", Integer.toString(Integer.parseInt(latest) - 1));
    Flyway.configure().dataSource(jdbc, "postgres", null).target(from).load().migrate();
    // objects written at the old schema, through its write function
    for (int i = 0; i < 3; i++) {
      pg.sql(
          PgServer.DATABASE,
          "SELECT count(*) FROM atrium_write_batch('[{\"op\":\"c\",\"c\":\"root\",\"g\":\"\","
              + "\"r\":\"configmaps\",\"n\":\"default\",\"m\":\"old-"
              + i
              + "\",\"e\":0,\"b\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
              + "{\"name\":\"old-"
              + i
              + "\",\"namespace\":\"default\",\"uid\":\"00000000-0000-0000-0000-00000000000"
              + i
              + "\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},\"data\":{\"k\":\"v\"}}}]'"
              + "::jsonb)");
    }
    Path shared = root.resolve("shared");
    String token = HubProcess.prepareShared(shared);
    api = new Api(shared.resolve("ca.crt"), token);
    hub = new HubProcess("hub-upgrade", root, shared, 16476, pg.url());
    hub.start();
    HaSupport.awaitReady(api, List.of(hub), 180);
  }

  @AfterAll
  void stop() {
    if (hub != null) {
      hub.stopQuietly();
    }
    if (pg != null) {
      pg.stopQuietly();
    }
    if (passed && !HaSupport.FailureWatcher.failed(getClass())) {
      HaSupport.deleteTree(root);
    } else {
      System.out.println("upgrade test files kept in " + root);
    }
  }

  @Test
  void theHubMigratesAnOlderSchemaAndKeepsItsObjectsAndHistory() throws Exception {
    String versions =
        pg.sql(
            PgServer.DATABASE,
            "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM flyway_schema_history"
                + " WHERE success");
    assertTrue(versions.endsWith("," + latest), "migrated to V" + latest + ": " + versions);
    HaSupport.measured("schema upgrade: from V" + from + " to " + versions);
    long oldRevision = 0;
    for (int i = 0; i < 3; i++) {
      Api.Resp r = api.get(hub, CONFIGMAPS + "/old-" + i);
      assertEquals(200, r.code(), r.body());
      assertEquals("v", r.json().path("data").path("k").asText());
      oldRevision = Math.max(oldRevision, HaSupport.revision(r));
    }
    Api.Resp created = api.post(hub, CONFIGMAPS, HaSupport.configMap("new-0"));
    assertEquals(201, created.code(), created.body());
    assertTrue(HaSupport.revision(created) > oldRevision, "revisions go on");
    // the change log from before the upgrade still serves watches
    List<Event> events = new ArrayList<>();
    try (Api.Watch watch = api.watch(hub, CONFIGMAPS + "?watch=1&resourceVersion=1")) {
      HaSupport.collect(
          watch, events, 20, () -> events.stream().anyMatch(e -> e.name().equals("new-0")));
    }
    List<String> names = events.stream().map(Event::name).toList();
    assertTrue(names.containsAll(List.of("old-0", "old-1", "old-2", "new-0")), "history: " + names);
    passed = true;
  }
}
