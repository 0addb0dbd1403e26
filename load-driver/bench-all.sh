#!/usr/bin/env bash
# Starts a fresh hub (embedded PostgreSQL, default settings) in a temp dir and runs every load
# scenario against it, printing one result line per scenario. Used for docs/benchmarks.md.
#
#   load-driver/bench-all.sh [scenario...]     (default: all)
#   BENCH_JAR=/path/to/quarkus-app/quarkus-run.jar load-driver/bench-all.sh fairness   (another build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(creates gets list watch ws-latency ws-get workspaces workspaces-paced-100 workspaces-paced-150 workspaces-paced ws-get fairness)
work=$(mktemp -d /tmp/atrium-bench.XXXX)
port=${BENCH_PORT:-16443}
jar="${BENCH_JAR:-$root/hub-server/target/quarkus-app/quarkus-run.jar}"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
cd "$work"
# A short G1 pause target, as docs/operations.md recommends for a hub under load.
# shellcheck disable=SC2086
ATRIUM_PORT=$port ATRIUM_REQUEST_LOG_LEVEL=WARN java ${HUB_JAVA_OPTS:--XX:MaxGCPauseMillis=20} -jar "$jar" > hub.log 2>&1 &
hub=$!
# Under set -e a failing command ends the trap: the hub's exit status must not skip the clean-up
# (each run leaves gigabytes of database otherwise).
trap 'kill $hub 2>/dev/null || true; wait $hub 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sk "https://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "host: $(nproc) cores, vm.dirty_expire_centisecs=$(cat /proc/sys/vm/dirty_expire_centisecs 2>/dev/null)" \
  "vm.dirty_writeback_centisecs=$(cat /proc/sys/vm/dirty_writeback_centisecs 2>/dev/null) (see docs/operations.md)"
heap() { jcmd "$hub" GC.run >/dev/null; sleep 1; jcmd "$hub" GC.heap_info | awk '/used/ {print; exit}'; }
# Resident memory of the hub's JVM (PostgreSQL runs in its own processes).
rss() { awk '/^VmRSS/ {print $2 " kB"}' "/proc/$hub/status"; }
echo "hub heap after start: $(heap); hub RSS $(rss)"
cd "$root"
for s in "${scenarios[@]}"; do
  if [ "$s" = "workspaces" ]; then echo "hub heap before workspaces: $(heap); hub RSS $(rss)"; fi
  # The driver shares the machine with the hub: C1 only and the serial collector keep its own
  # CPU use (JIT compilation, GC threads) small.
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "load-driver/target/classes:$(cat load-driver/target/classpath.txt)" -Dlabel="$s" -Dhub.pid="$hub" \
    dev.atrium.load.LoadDriver "https://127.0.0.1:$port" "$work/.atrium" "$s"
  if [ "$s" = "workspaces" ]; then echo "hub heap after workspaces: $(heap); hub RSS $(rss)"; fi
done
