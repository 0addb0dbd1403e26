package dev.atrium.hub.api.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text kube-apiserver answers on {@code /livez}, {@code /readyz} and {@code /healthz}: {@code
 * ok} when every check passes; with {@code ?verbose} one {@code [+]name ok} line per check and
 * {@code <endpoint> check passed}; on a failure status 500 with every check's line ({@code [-]name
 * failed: reason withheld}) and {@code <endpoint> check failed}. Checks named in {@code ?exclude=}
 * are listed as {@code [+]name excluded: ok}, unknown excluded names in a closing warning.
 */
public final class HealthReport {

  /** A check's outcome: {@code error} is null when it passed. */
  public record Outcome(String name, String error) {
    public boolean passed() {
      return error == null;
    }
  }

  /** Status code and plain-text body. */
  public record Rendered(int code, String body) {}

  private HealthReport() {}

  /**
   * @param endpoint {@code livez}, {@code readyz} or {@code healthz}
   * @param outcomes every check of the endpoint in order; excluded ones may be absent or present
   */
  public static Rendered render(
      String endpoint, List<Outcome> outcomes, Collection<String> exclude, boolean verbose) {
    Set<String> unmatched = new LinkedHashSet<>(exclude);
    StringBuilder lines = new StringBuilder();
    List<String> failed = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (unmatched.remove(o.name())) {
        lines.append("[+]").append(o.name()).append(" excluded: ok\n");
      } else if (o.passed()) {
        lines.append("[+]").append(o.name()).append(" ok\n");
      } else {
        lines.append("[-]").append(o.name()).append(" failed: reason withheld\n");
        failed.add(o.name());
      }
    }
    if (!unmatched.isEmpty()) {
      lines
          .append("warn: some health checks cannot be excluded: no matches for ")
          .append(unmatched.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(",")))
          .append('\n');
    }
    if (!failed.isEmpty()) {
      return new Rendered(500, lines + endpoint + " check failed\n");
    }
    if (!verbose) {
      return new Rendered(200, "ok");
    }
    return new Rendered(200, lines + endpoint + " check passed\n");
  }

  /** A single check ({@code /readyz/<name>}): {@code ok}, or 500 with the error. */
  public static Rendered single(Outcome outcome) {
    return outcome.passed()
        ? new Rendered(200, "ok")
        : new Rendered(500, "internal server error: " + outcome.error() + "\n");
  }
}
