package dev.atrium.hub.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atrium.hub.api.health.HealthReport.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of kube-apiserver's health endpoints. */
class HealthReportTest {

  private static final List<Outcome> PASSING =
      List.of(new Outcome("ping", null), new Outcome("log", null), new Outcome("database", null));

  @Test
  void passingIsOkOrVerboseList() {
    assertEquals(
        new HealthReport.Rendered(200, "ok"),
        HealthReport.render("readyz", PASSING, List.of(), false));
    assertEquals(
        "[+]ping ok\n[+]log ok\n[+]database ok\nreadyz check passed\n",
        HealthReport.render("readyz", PASSING, List.of(), true).body());
  }

  @Test
  void failureListsEveryCheckWithoutTheReason() {
    List<Outcome> failing =
        List.of(new Outcome("ping", null), new Outcome("database", "connection refused"));
    HealthReport.Rendered r = HealthReport.render("livez", failing, List.of(), false);
    assertEquals(500, r.code());
    assertEquals("[+]ping ok\n[-]database failed: reason withheld\nlivez check failed\n", r.body());
  }

  @Test
  void excludedChecksAndUnknownExclusions() {
    List<Outcome> failing =
        List.of(new Outcome("ping", null), new Outcome("database", "connection refused"));
    HealthReport.Rendered r =
        HealthReport.render("readyz", failing, List.of("database", "etcd"), true);
    assertEquals(200, r.code());
    assertEquals(
        "[+]ping ok\n[+]database excluded: ok\n"
            + "warn: some health checks cannot be excluded: no matches for \"etcd\"\n"
            + "readyz check passed\n",
        r.body());
  }

  @Test
  void singleCheck() {
    assertEquals(
        new HealthReport.Rendered(200, "ok"), HealthReport.single(new Outcome("ping", null)));
    assertEquals(
        new HealthReport.Rendered(500, "internal server error: database: timeout\n"),
        HealthReport.single(new Outcome("database", "database: timeout")));
  }
}
