package dev.atrium.agent;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's command line. {@link #parse} binds flags, {@link #validate} checks them; nothing else
 * happens here.
 */
public final class AgentOptions {

  public static final String DEFAULT_HUB_KUBECONFIG = "/etc/atrium/hub/kubeconfig";
  public static final int DEFAULT_HEALTH_PORT = 8081;

  public static final String USAGE =
      """
      Usage: sync-agent --sync-target=NAME [flags]
        --kubeconfig=PATH        physical cluster kubeconfig (default: in-cluster config)
        --hub-kubeconfig=PATH    hub kubeconfig; its server is the syncer view URL
                                 (default %s)
        --sync-target=NAME       name of the SyncTarget (checked against the view URL)
        --heartbeat-period=DUR   heartbeat period (default 10s)
        --resync-period=DUR      full resync and orphan sweep period (default 5m)
        --health-port=PORT       /livez and /readyz port (default %d; 0 = any free port,
                                 -1 = none)
        --workers=N              apply workers: downstream applies and deletions (default 8)
        --status-workers=N       status workers: status writes to the hub (default 4)
        --status-delay=DUR       a status change waits this long so that the changes of a
                                 burst (a rollout) become one write (default 100ms)
        --sync-references=BOOL   also copy the ConfigMaps, Secrets and ServiceAccounts that
                                 synced workloads refer to but that are not labelled
                                 themselves (default false)
      DUR is a number with ms, s, m or h (a bare number is seconds).
      """
          .formatted(DEFAULT_HUB_KUBECONFIG, DEFAULT_HEALTH_PORT);

  Path kubeconfig;
  Path hubKubeconfig = Path.of(DEFAULT_HUB_KUBECONFIG);
  String syncTarget;
  Duration heartbeatPeriod = Duration.ofSeconds(10);
  Duration resyncPeriod = Duration.ofMinutes(5);
  int healthPort = DEFAULT_HEALTH_PORT;
  boolean healthPortExplicit;
  int workers = 8;
  int statusWorkers = 4;
  Duration statusDelay = Duration.ofMillis(100);
  boolean syncReferences;
  boolean help;

  public static AgentOptions parse(String... args) {
    AgentOptions o = new AgentOptions();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        o.help = true;
        continue;
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      String name;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(2, eq);
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        name = a.substring(2);
        value = args[++i];
      } else {
        throw new IllegalArgumentException("flag " + a + " needs a value");
      }
      o.set(name, value);
    }
    return o;
  }

  private void set(String name, String value) {
    switch (name) {
      case "kubeconfig" -> kubeconfig = value.isEmpty() ? null : Path.of(value);
      case "hub-kubeconfig" -> hubKubeconfig = Path.of(value);
      case "sync-target" -> syncTarget = value;
      case "heartbeat-period" -> heartbeatPeriod = duration(name, value);
      case "resync-period" -> resyncPeriod = duration(name, value);
      case "health-port" -> {
        healthPort = integer(name, value);
        healthPortExplicit = true;
      }
      case "workers" -> workers = integer(name, value);
      case "status-workers" -> statusWorkers = integer(name, value);
      case "status-delay" -> statusDelay = duration(name, value);
      case "sync-references" -> syncReferences = bool(name, value);
      default -> throw new IllegalArgumentException("unknown flag --" + name);
    }
  }

  public AgentOptions validate() {
    if (syncTarget == null || syncTarget.isEmpty()) {
      throw new IllegalArgumentException("--sync-target is required");
    }
    if (heartbeatPeriod.isZero() || heartbeatPeriod.isNegative()) {
      throw new IllegalArgumentException("--heartbeat-period must be positive");
    }
    if (resyncPeriod.isZero() || resyncPeriod.isNegative()) {
      throw new IllegalArgumentException("--resync-period must be positive");
    }
    if (healthPort < -1 || healthPort > 65535) {
      throw new IllegalArgumentException("--health-port must be -1, 0 or a port number");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1");
    }
    if (statusWorkers < 1) {
      throw new IllegalArgumentException("--status-workers must be at least 1");
    }
    if (statusDelay.isNegative()) {
      throw new IllegalArgumentException("--status-delay must not be negative");
    }
    return this;
  }

  static Duration duration(String flag, String v) {
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      char unit = v.charAt(v.length() - 1);
      String n = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
      long amount = Long.parseLong(n);
      return switch (unit) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> {
          if (Character.isDigit(unit)) {
            yield Duration.ofSeconds(amount);
          }
          throw new NumberFormatException();
        }
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("--" + flag + ": not a duration: " + v);
    }
  }

  private static boolean bool(String flag, String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("--" + flag + ": not true or false: " + v);
    };
  }

  private static int integer(String flag, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + ": not a number: " + v);
    }
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path hubKubeconfig() {
    return hubKubeconfig;
  }

  public String syncTarget() {
    return syncTarget;
  }

  public Duration heartbeatPeriod() {
    return heartbeatPeriod;
  }

  public Duration resyncPeriod() {
    return resyncPeriod;
  }

  public int healthPort() {
    return healthPort;
  }

  public boolean healthPortExplicit() {
    return healthPortExplicit;
  }

  public int workers() {
    return workers;
  }

  public int statusWorkers() {
    return statusWorkers;
  }

  public Duration statusDelay() {
    return statusDelay;
  }

  public boolean syncReferences() {
    return syncReferences;
  }

  public boolean help() {
    return help;
  }
}
