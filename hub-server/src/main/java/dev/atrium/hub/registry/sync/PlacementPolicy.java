package dev.atrium.hub.registry.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which targets a Placement chooses, as a pure function. Unset {@code numberOfClusters}: every
 * candidate. Otherwise stable: targets chosen before stay chosen while they are candidates (a new
 * target reshuffles nothing), unless failover is on and one has been unhealthy for longer than the
 * failover delay; free places go to the healthy candidates ranked by rendezvous hashing of
 * (placement, key), which spreads placements evenly and deterministically.
 */
public final class PlacementPolicy {

  /** A target that serves the placement's workspace and matches its location selectors. */
  public record Candidate(String key, boolean healthy, Instant unhealthySince) {

    boolean failedFor(Duration delay, Instant now) {
      return !healthy && unhealthySince != null && !unhealthySince.plus(delay).isAfter(now);
    }
  }

  /** What to decide with. {@code count} null = all candidates. */
  public record Request(
      String placementId,
      List<Candidate> candidates,
      List<String> previous,
      Integer count,
      boolean failover,
      Duration failoverAfter,
      Instant now) {}

  private PlacementPolicy() {}

  /** The chosen keys, previous choices first, then new ones in rank order. */
  public static List<String> choose(Request r) {
    if (r.count() == null) {
      return r.candidates().stream().map(Candidate::key).sorted().toList();
    }
    Map<String, Candidate> byKey = new java.util.HashMap<>();
    r.candidates().forEach(c -> byKey.put(c.key(), c));
    Set<String> chosen = new LinkedHashSet<>();
    for (String key : r.previous()) {
      Candidate c = byKey.get(key);
      boolean keep = c != null && !(r.failover() && c.failedFor(r.failoverAfter(), r.now()));
      if (keep && chosen.size() < r.count()) {
        chosen.add(key);
      }
    }
    List<Candidate> ranked = new ArrayList<>(r.candidates());
    ranked.sort(
        Comparator.comparing((Candidate c) -> !c.healthy())
            .thenComparing(c -> rank(r.placementId(), c.key()), Comparator.reverseOrder()));
    for (Candidate c : ranked) {
      if (chosen.size() >= r.count()) {
        break;
      }
      boolean replaced = r.failover() && c.failedFor(r.failoverAfter(), r.now());
      if (!replaced) {
        chosen.add(c.key());
      }
    }
    return List.copyOf(chosen);
  }

  /** Rendezvous weight of {@code key} for {@code placement}. */
  static String rank(String placement, String key) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((placement + "/" + key).getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        b.append(String.format("%02x", d[i]));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
