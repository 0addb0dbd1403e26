#!/usr/bin/env bash
# High-availability measurements for docs/benchmarks.md: runs the multi-replica test (three hub
# processes of the built jar on one external PostgreSQL 15) and the database fault test
# (PostgreSQL restart, fail-over to a promoted standby) RUNS times, with more cross-replica
# writes than the test itself does, and summarises their HA-MEASURE lines.
#
#   load-driver/ha-bench.sh [runs]      (default 5; DELIVERY_WRITES per writer, default 1000;
#                                        MVNW_FLAGS=-o to stay offline)
#
# Needs Debian's postgresql-15 (/usr/lib/postgresql/15/bin; the tests install it as root) and
# ports 16470-16475, 15470-15472.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
runs=${1:-5}
writes=${DELIVERY_WRITES:-1000}
jar="$root/hub-server/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package -pl workspace-model,hub-server -am)
out="$root/hub-server/target/ha-measurements.txt"
rm -f "$out"
echo "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  echo "run $i/$runs"
  # the p99 bound is measured here, not enforced
  # shellcheck disable=SC2086
  (cd "$root" && ./mvnw -q -B ${MVNW_FLAGS:-} test-compile failsafe:integration-test failsafe:verify -pl hub-server \
    -Dit.test='MultiReplicaIT,DatabaseFaultIT' -Datrium.ha.delivery-writes="$writes" \
    -Datrium.ha.delivery-p99-ms=100000 >/dev/null) || echo "run $i failed (see hub-server/target/failsafe-reports)"
done
grep -o 'HA-MEASURE.*' "$out"
# min / median / max of one number over the runs
stat() {
  sort -n | awk -v what="$1" '{v[NR]=$1} END {if (NR) printf "%-58s runs=%d min=%s median=%s max=%s\n", what, NR, v[1], v[int((NR+1)/2)], v[NR]}'
}
echo "summary:"
grep -o 'delivery.*p50=[0-9.]*' "$out" | sed 's/.*p50=//' | stat "cross-replica watch delivery p50 (ms)"
grep -o 'delivery.*p99=[0-9.]*' "$out" | sed 's/.*p99=//' | stat "cross-replica watch delivery p99 (ms)"
grep -o 'Ready [0-9.]* s after the kill' "$out" | awk '{print $2}' | stat "leader hand-over: kill -9 -> new workspace Ready (s)"
grep -o 'first event [0-9]* ms' "$out" | awk '{print $3}' | stat "replica kill: kill -9 -> event on resumed watch (ms)"
grep 'PostgreSQL restart' "$out" | grep -o 'failing for [0-9.]* s' | awk '{print $3}' | stat "PostgreSQL restart: writes failing (s, 2 s down)"
grep 'PostgreSQL restart' "$out" | grep -o 'OK [0-9.]* s' | awk '{print $2}' | stat "PostgreSQL restart: database back -> first write OK (s)"
grep 'fail-over' "$out" | grep -o 'failing for [0-9.]* s' | awk '{print $3}' | stat "fail-over: writes failing (s)"
grep 'fail-over' "$out" | grep -o 'OK [0-9.]* s' | awk '{print $2}' | stat "fail-over: standby promoted -> first write OK (s)"
grep -o 'slowest answered in [0-9.]* s' "$out" | awk '{print $4}' | stat "slowest 503 while the database was away (s)"
