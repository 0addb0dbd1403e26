package dev.atrium.hub.registry.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.hub.registry.sync.PlacementPolicy.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  private static Candidate healthy(String key) {
    return new Candidate(key, true, null);
  }

  private static Candidate down(String key, Duration since) {
    return new Candidate(key, false, NOW.minus(since));
  }

  private static List<String> choose(
      String id, List<Candidate> candidates, List<String> previous, Integer count) {
    return PlacementPolicy.choose(
        new PlacementPolicy.Request(
            id, candidates, previous, count, true, Duration.ofMinutes(5), NOW));
  }

  @Test
  void withoutACountEveryCandidateIsChosen() {
    assertEquals(
        List.of("a", "b", "c"),
        choose(
            "p", List.of(healthy("c"), healthy("a"), down("b", Duration.ZERO)), List.of(), null));
  }

  @Test
  void theChoiceIsDeterministic() {
    List<Candidate> c = List.of(healthy("a"), healthy("b"), healthy("c"), healthy("d"));
    List<Candidate> reversed = new ArrayList<>(c);
    java.util.Collections.reverse(reversed);
    assertEquals(choose("p", c, List.of(), 2), choose("p", reversed, List.of(), 2));
  }

  @Test
  void aNewTargetReshufflesNothing() {
    List<Candidate> before = List.of(healthy("a"), healthy("b"), healthy("c"));
    List<String> first = choose("p", before, List.of(), 2);
    List<Candidate> after = new ArrayList<>(before);
    for (int i = 0; i < 20; i++) {
      after.add(healthy("new" + i));
    }
    assertEquals(first, choose("p", after, first, 2));
  }

  @Test
  void placementsSpreadOverTheTargets() {
    List<Candidate> c = List.of(healthy("a"), healthy("b"), healthy("c"), healthy("d"));
    Map<String, Integer> load = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      choose("placement-" + i, c, List.of(), 1).forEach(k -> load.merge(k, 1, Integer::sum));
    }
    assertEquals(4, load.size(), load.toString());
    load.values().forEach(n -> assertTrue(n > 60 && n < 140, load.toString()));
  }

  @Test
  void aTargetUnhealthyLongerThanTheFailoverDelayIsReplaced() {
    List<Candidate> c = List.of(down("a", Duration.ofMinutes(6)), healthy("b"), healthy("c"));
    List<String> chosen = choose("p", c, List.of("a"), 1);
    assertEquals(1, chosen.size());
    assertFalse(chosen.contains("a"));
  }

  @Test
  void aBrieflyUnhealthyTargetKeepsItsPlace() {
    List<Candidate> c = List.of(down("a", Duration.ofMinutes(1)), healthy("b"));
    assertEquals(List.of("a"), choose("p", c, List.of("a"), 1));
  }

  @Test
  void failoverCanBeTurnedOff() {
    List<Candidate> c = List.of(down("a", Duration.ofHours(1)), healthy("b"));
    assertEquals(
        List.of("a"),
        PlacementPolicy.choose(
            new PlacementPolicy.Request(
                "p", c, List.of("a"), 1, false, Duration.ofMinutes(5), NOW)));
  }

  @Test
  void aTargetThatStoppedMatchingLosesItsPlace() {
    assertEquals(List.of("b"), choose("p", List.of(healthy("b")), List.of("a"), 1));
  }

  @Test
  void healthyTargetsComeBeforeUnhealthyOnes() {
    List<Candidate> c = List.of(down("a", Duration.ofSeconds(10)), healthy("b"));
    assertEquals(List.of("b"), choose("x", c, List.of(), 1));
    assertEquals(
        2, choose("x", c, List.of(), 2).size(), "an unhealthy target fills a place when needed");
  }
}
