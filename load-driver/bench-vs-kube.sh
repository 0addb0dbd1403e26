#!/usr/bin/env bash
# Side by side: the hub (fresh, embedded PostgreSQL, default settings) and a real kube-apiserver +
# etcd (../shared/physical-cluster/cluster.sh, no kwok, controller-manager and scheduler stopped),
# both on this machine. The same load driver (same clients, same JVM flags) runs the create, get,
# list and watch scenarios against each, alternately, for several rounds; the order flips every
# round (hub first, then kube first, ...). Prints every run, then medians over the rounds and the
# ratio hub/kube per figure. Used for docs/benchmarks.md ("Side by side with kube-apiserver").
#
#   load-driver/bench-vs-kube.sh [scenario...]      (default: creates gets list watch)
#
# Environment: ROUNDS (3), WARMUP (1 unrecorded round first), BENCH_PORT (hub, 16443),
# KUBE_PORT (16543), ATRIUM_PC_ETCD_PORT (12479), ETCD_FSYNC (1: restart etcd without
# cluster.sh's --unsafe-no-fsync, so both sides commit durably; 0: keep it), HUB_JAR (another
# build of the hub, e.g. main's, to see what a change moved), HUB_JAVA_OPTS,
# ATRIUM_DB_STATEMENT_STATS (true: pg_stat_statements in the embedded database), KEEP (1: leave
# both running and the work dir in place; prints how to stop them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
cluster="${CLUSTER_SH:-$root/../shared/physical-cluster/cluster.sh}"
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(creates gets list watch)
rounds=${ROUNDS:-3}
warmup=${WARMUP:-1}
hub_port=${BENCH_PORT:-16443}
kube_port=${KUBE_PORT:-16543}
export ATRIUM_PC_ETCD_PORT=${ATRIUM_PC_ETCD_PORT:-12479}
jar="${HUB_JAR:-$root/hub-server/target/quarkus-app/quarkus-run.jar}"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -o -DskipTests package)
cp_file="$root/load-driver/target/classpath.txt"
[ -f "$cp_file" ] || (cd "$root" && ./mvnw -q -B -o -pl load-driver dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null)
work=$(mktemp -d /tmp/atrium-vs-kube.XXXX)
mkdir -p "$work/results"

hub=""
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo "KEEP=1: hub pid $hub, cluster in $work/kube; stop with: kill $hub; $cluster down $work/kube; rm -rf $work"
    return
  fi
  [ -z "$hub" ] || { kill "$hub" 2>/dev/null || true; wait "$hub" 2>/dev/null || true; }
  "$cluster" down "$work/kube" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

start_hub() {
  # shellcheck disable=SC2086
  ATRIUM_DATA_DIR="$work/.atrium" ATRIUM_PORT=$hub_port ATRIUM_REQUEST_LOG_LEVEL=WARN \
    java ${HUB_JAVA_OPTS:--XX:MaxGCPauseMillis=20} -jar "$jar" > "$work/hub.log" 2>&1 &
  hub=$!
  for _ in $(seq 1 120); do
    curl -sk "https://127.0.0.1:$hub_port/readyz" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "hub did not become ready; see $work/hub.log" >&2
  exit 1
}

# etcd as cluster.sh started it, but with fsync (the hub's PostgreSQL commits with fsync too).
durable_etcd() {
  local dir="$work/kube" pid bin
  pid=$(cat "$dir/etcd.pid")
  bin=$(readlink "/proc/$pid/exe")
  mapfile -d '' args < <(tail -z -n +2 "/proc/$pid/cmdline")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  local kept=() a
  for a in "${args[@]}"; do [ "$a" = --unsafe-no-fsync ] || kept+=("$a"); done
  setsid "$bin" "${kept[@]}" </dev/null >"$dir/logs/etcd.log" 2>&1 &
  echo $! > "$dir/etcd.pid"
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$ATRIUM_PC_ETCD_PORT/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
}

start_kube() {
  ATRIUM_PC_NODES=0 ATRIUM_PC_KWOK=0 "$cluster" up "$work/kube" "$kube_port" >/dev/null
  # Nothing here needs them (configmaps only); their own requests would only add noise.
  local c
  for c in kube-controller-manager kube-scheduler; do
    kill -TERM "$(cat "$work/kube/$c.pid")" 2>/dev/null || true
    rm -f "$work/kube/$c.pid"
  done
  if [ "${ETCD_FSYNC:-1}" = 1 ]; then durable_etcd; fi
  for _ in $(seq 1 100); do
    kubectl_ready && return
    sleep 0.2
  done
  echo "kube-apiserver not ready again after the etcd restart" >&2
  exit 1
}

kubectl_ready() {
  "$(sed -n 's/^ATRIUM_PC_BIN_DIR=//p' "$work/kube/cluster.env")/kubectl" \
    --kubeconfig="$work/kube/kubeconfig" get --raw /readyz >/dev/null 2>&1
}

# CPU time (clock ticks) of a server's processes: the hub's JVM and its PostgreSQL (postmaster,
# backends, exited children), or kube-apiserver and etcd. Per request it is less sensitive to the
# other load on this shared machine than rates and latencies are.
ticks() {
  local pids=() p
  case "$1" in
    hub)
      pids=("$hub" "$(head -1 "$work/.atrium/postgres/postmaster.pid")")
      pids+=($(pgrep -P "${pids[1]}" || true))
      ;;
    kube) pids=("$(cat "$work/kube/kube-apiserver.pid")" "$(cat "$work/kube/etcd.pid")") ;;
  esac
  for p in "${pids[@]}"; do cat "/proc/$p/stat" 2>/dev/null; done \
    | awk '{sub(/^.*\) /, ""); t += $12 + $13 + $14 + $15} END {print t + 0}'
}

driver() {  # driver TARGET SCENARIO: one run of the load driver, its result lines on stdout
  local access
  case "$1" in
    hub) access="$work/.atrium/admin.kubeconfig" ;;
    kube) access="$work/kube/kubeconfig" ;;
  esac
  # The driver shares the machine with the servers: C1 only and the serial collector keep its own
  # CPU use small (as in bench-all.sh).
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$root/load-driver/target/classes:$(cat "$cp_file")" \
    dev.atrium.load.LoadDriver "" "$access" "$2"
}

start_hub
start_kube
echo "host: $(nproc) cores; hub $(java -version 2>&1 | head -1), embedded PostgreSQL (fsync=on," \
  "synchronous_commit=on); kube-apiserver $(sed -n 's/^ATRIUM_PC_K8S_VERSION=//p' "$work/kube/cluster.env")" \
  "+ etcd ($([ "${ETCD_FSYNC:-1}" = 1 ] && echo fsync on || echo --unsafe-no-fsync));" \
  "controller-manager and scheduler stopped, no kwok"

first=1
[ "$warmup" = 1 ] && first=0
for ((r = first; r <= rounds; r++)); do
  if ((r % 2 == 1)); then order=(hub kube); else order=(kube hub); fi
  for s in "${scenarios[@]}"; do
    for t in "${order[@]}"; do
      load="$(cut -d' ' -f1-3 /proc/loadavg)"
      before=$(ticks "$t")
      out="$(driver "$t" "$s")"
      cpu=$(( ($(ticks "$t") - before) * 1000 / $(getconf CLK_TCK) ))
      out="$out; server cpu ${cpu}ms"
      if ((r == 0)); then
        echo "[warm-up] $t $s: $out"
      else
        echo "$out" > "$work/results/$t.$s.$r"
        echo "[round $r] $t $s (load $load): $out"
      fi
    done
  done
done

echo
echo "medians over $rounds rounds (ratio = hub/kube; for rates above 1 means the hub is faster," \
  "for latencies below 1 means the hub is faster); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/results" <<'PY'
import os, re, statistics, sys
d = sys.argv[1]
figures = {}  # (scenario, figure) -> target -> [values]
for f in sorted(os.listdir(d)):
    target, scenario, _ = f.split(".")
    text = open(os.path.join(d, f)).read()
    vals = {}
    m = re.search(r"= (\d+) creates/s", text) or re.search(r"\): (\d+)/s", text)
    if m:
        vals["per s"] = float(m.group(1))
    m = re.search(r"n=(\d+) .*server cpu (\d+)ms", text)
    if m and scenario in ("creates", "gets"):
        vals["cpu ms/op"] = float(m.group(2)) / float(m.group(1))
    for p in ("p50", "p99"):
        m = re.search(p + r"=([\d.]+)ms", text)
        if m:
            vals[p + " ms"] = float(m.group(1))
    for k, v in vals.items():
        figures.setdefault((scenario, k), {}).setdefault(target, []).append(v)
order = {"creates": 0, "gets": 1, "list": 2, "watch": 3}
print(f"{'scenario':10} {'figure':7} {'hub':>9} {'kube':>9} {'hub/kube':>9}   (runs hub | kube)")
for (scenario, k) in sorted(figures, key=lambda x: (order.get(x[0], 9), x[1])):
    v = figures[(scenario, k)]
    hub = statistics.median(v.get("hub", [float("nan")]))
    kube = statistics.median(v.get("kube", [float("nan")]))
    runs = " ".join(f"{x:g}" for x in v.get("hub", [])) + " | " + " ".join(f"{x:g}" for x in v.get("kube", []))
    print(f"{scenario:10} {k:7} {hub:9.2f} {kube:9.2f} {hub / kube:9.2f}   ({runs})")
PY
