#!/usr/bin/env bash
# The fleet benchmark (docs/benchmarks.md, "Fleet"): starts a fresh hub (embedded PostgreSQL, its
# own temp data dir and port) and runs the fleet-N scenario against it: N simulated sync agents,
# each holding a syncer-view watch and heartbeating, with hub CPU/heap/RSS, PostgreSQL writes,
# watchers, heartbeat-loss detection and tenant latencies reported. One hub per N.
#
#   load-driver/bench-fleet.sh N [N...]
#
# Environment:
#   FLEET_CHEAP=false        every heartbeat a durable status write (the "before" of the cheap path;
#                            sets ATRIUM_SYNC_HEARTBEAT_CHEAP on the hub)
#   FLEET_PERIOD=10          agents' heartbeat period, seconds
#   FLEET_TIMEOUT=40         the hub's heartbeat timeout, seconds (ATRIUM_SYNC_HEARTBEAT_TIMEOUT)
#   FLEET_STEADY=40          length of the measured steady window, seconds
#   FLEET_JFR=/path.jfr      record the hub with JFR (profile settings)
#   BENCH_PORT=16490         the hub's port
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
[ $# -gt 0 ] || { echo "usage: $0 N [N...]" >&2; exit 2; }
port=${BENCH_PORT:-16490}
jar="$root/hub-server/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
[ -f "$root/load-driver/target/classpath.txt" ] || (cd "$root" && ./mvnw -q -B -pl load-driver \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null)
# Every agent holds one connection for its watch (plus a few pooled ones for heartbeats), on both
# sides: 10,000 agents need more than 10,000 descriptors in the hub and in the driver.
ulimit -n "$(ulimit -Hn)"
period=${FLEET_PERIOD:-10}
timeout=${FLEET_TIMEOUT:-40}
cheap=${FLEET_CHEAP:-true}
for n in "$@"; do
  work=$(mktemp -d /tmp/atrium-fleet.XXXX)
  echo "=== fleet N=$n cheap=$cheap period=${period}s timeout=${timeout}s; $(date -u +%FT%TZ);" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); fd limit $(ulimit -n)"
  jfr=""
  [ -z "${FLEET_JFR:-}" ] || jfr="-XX:StartFlightRecording=filename=${FLEET_JFR%.jfr}-$n.jfr,settings=profile"
  (
    cd "$work"
    # shellcheck disable=SC2086
    ATRIUM_PORT=$port ATRIUM_REQUEST_LOG_LEVEL=WARN ATRIUM_SYNC_HEARTBEAT_CHEAP=$cheap \
      ATRIUM_SYNC_HEARTBEAT_TIMEOUT=${timeout}s \
      exec java ${HUB_JAVA_OPTS:--XX:MaxGCPauseMillis=20} $jfr -jar "$jar" > hub.log 2>&1
  ) &
  hub=$!
  trap 'kill $hub 2>/dev/null || true; wait $hub 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 120); do
    curl -sk "https://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  pgport=$(sed -n 4p "$work/.atrium/postgres/postmaster.pid")
  pgpid=$(sed -n 1p "$work/.atrium/postgres/postmaster.pid")
  # The driver: C2 (TLS handshakes of thousands of agents are much cheaper than with C1 only),
  # the serial collector (few GC threads); its heap holds the
  # agents' TLS connections (about 100 kB each).
  (cd "$root" && java -XX:+UseSerialGC -Xmx3g \
    -cp "load-driver/target/classes:$(cat load-driver/target/classpath.txt)" \
    -Dfleet.hubPid="$hub" -Dfleet.pgPort="$pgport" -Dfleet.pgPid="$pgpid" -Dfleet.period="$period" \
    -Dfleet.timeout="$timeout" -Dfleet.steady="${FLEET_STEADY:-40}" \
    dev.atrium.load.LoadDriver "https://127.0.0.1:$port" "$work/.atrium" "fleet-$n") || echo "driver failed: $?"
  echo "=== end N=$n; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E 'ERROR|WARN' "$work/hub.log" | sort | uniq -c | sort -rn | head -5 || true
  kill $hub 2>/dev/null || true
  wait $hub 2>/dev/null || true
  rm -rf "$work"
  trap - EXIT
done
