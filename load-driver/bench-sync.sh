#!/usr/bin/env bash
# The sync benchmarks of docs/benchmarks.md: a fresh hub (embedded PostgreSQL), a real physical
# cluster (tools/physical-cluster/physical-cluster.sh), one SyncTarget registered with kubectl-atrium and
# its agent running as a process, then:
#   sync-distribution  1,000 Deployments over 100 workspaces: upstream create -> downstream exists
#   sync-status        200 custom resources: downstream status patch -> upstream status
#   resync             10,000 synced ConfigMaps; the agent restarted: time until its first list is
#                      worked off, its heap, heap per synced object
#   fairness           10,000 objects of one workspace queued at a starting agent, then one object of
#                      another workspace: its create -> downstream time
#   fairness-running   the same with the agent already running: the quiet object is created while
#                      the 10,000 are still arriving and queued at the agent
# Build first: ./mvnw -B -q -DskipTests install
#   load-driver/bench-sync.sh [distribution] [status] [resync] [fairness] [fairness-running]
#                                                                   (default: the first three)
# AGENT_ARGS: extra agent flags; AGENT_JAVA_OPTS: agent JVM flags (e.g. -XX:StartFlightRecording=...);
# AGENT_APP: the agent's quarkus-app directory (default sync-agent/target/quarkus-app);
# BENCH_LOGS=DIR keeps the hub's and the agent's logs there. Each step prints the load average
# before it and the agent's own "stats:" lines (queue waits, apply and hub-write latencies) after.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cluster_sh="$root/tools/physical-cluster/physical-cluster.sh"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(distribution status resync)
work=$(mktemp -d /tmp/atrium-bench-sync.XXXX)
port=${BENCH_PORT:-16650}
pc_port=${BENCH_PC_PORT:-16651}
export ATRIUM_PC_ETCD_PORT=${BENCH_PC_ETCD_PORT:-16652}
kubectl=${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}
agent_jar=${AGENT_APP:-$root/sync-agent/target/quarkus-app}/quarkus-run.jar
hub= agent=
cleanup() {
  set +e
  [ -n "${BENCH_LOGS:-}" ] && mkdir -p "$BENCH_LOGS" && cp "$work"/*.log "$BENCH_LOGS/" 2>/dev/null
  [ -n "$agent" ] && kill "$agent" 2>/dev/null
  [ -n "$hub" ] && { kill "$hub" 2>/dev/null; wait "$hub" 2>/dev/null; }
  bash "$cluster_sh" down "$work/pc" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
bash "$cluster_sh" up "$work/pc" "$pc_port" >"$work/pc.log" 2>&1
(cd "$work" && ATRIUM_PORT=$port ATRIUM_REQUEST_LOG_LEVEL=WARN \
  java -XX:MaxGCPauseMillis=20 -jar "$root/hub-server/target/quarkus-app/quarkus-run.jar" >hub.log 2>&1) &
hub=$!
for _ in $(seq 1 480); do curl -skf "https://127.0.0.1:$port/readyz" >/dev/null 2>&1 && [ -f "$work/.atrium/admin.kubeconfig" ] && break; sleep 0.5; done
admin="$work/.atrium/admin.kubeconfig"
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: bench-sync}\n' \
  | "$kubectl" --kubeconfig "$admin" create -f - >/dev/null
"$kubectl" --kubeconfig "$admin" wait --for=jsonpath='{.status.phase}'=Ready workspace/bench-sync --timeout=60s >/dev/null
sed -E "s|(server: \"?https://127.0.0.1:$port)(\"?)\$|\1/clusters/root:bench-sync\2|" "$admin" >"$work/ws.kubeconfig"
grep -q "clusters/root:bench-sync" "$work/ws.kubeconfig" || { echo "could not point the kubeconfig at root:bench-sync" >&2; exit 1; }
PATH="$root/cli-plugin/target/plugin/bin:$(dirname "$kubectl"):$PATH" KUBECONFIG="$work/ws.kubeconfig" \
  "$root/cli-plugin/target/plugin/bin/kubectl-atrium" cluster register bench -o "$work/agent.yaml" 2>/dev/null
python3 - "$work/agent.yaml" "$work/agent-hub" <<'PY'
import base64, sys, yaml
for d in yaml.safe_load_all(open(sys.argv[1])):
    if d and d.get("kind") == "Secret":
        open(sys.argv[2], "w").write(base64.b64decode(d["data"]["kubeconfig"]).decode())
PY
# Java heap in use (young + old generation, serial collector), after the caller's full GC.
heap_used() {
  jcmd "$agent" GC.heap_info 2>/dev/null \
    | awk '/generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); t += v } }
           END { printf "%.1f MiB", t / 1024 }'
}
start_agent() {
  java -XX:+UseSerialGC ${AGENT_JAVA_OPTS:-} -jar "$agent_jar" --kubeconfig="$work/pc/kubeconfig" \
    --hub-kubeconfig="$work/agent-hub" --sync-target=bench --health-port=0 ${AGENT_ARGS:-} >>"$work/agent.log" 2>&1 &
  agent=$!
}
start_agent
"$kubectl" --kubeconfig "$work/ws.kubeconfig" wait --for=condition=Ready synctarget/bench --timeout=120s >/dev/null
sleep 3; jcmd "$agent" GC.run >/dev/null 2>&1; sleep 1
echo "agent idle, nothing synced (full GC): $(heap_used); RSS $(awk '/^VmRSS/ {print $2 " kB"}' "/proc/$agent/status")"
(cd "$root" && ./mvnw -q -B -o -pl load-driver dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null)
drive() {
  local props=()
  while [ $# -gt 0 ] && [[ $1 == -D* ]]; do props+=("$1"); shift; done
  java -Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "${props[@]}" -Dsync.kubeconfig="$work/pc/kubeconfig" \
    -Dsync.workspace=root:bench-sync -Dsync.target=bench \
    -cp "$root/load-driver/target/classes:$(cat "$root/load-driver/target/classpath.txt")" \
    dev.atrium.load.LoadDriver "https://127.0.0.1:$port" "$work/.atrium" "$@"
}
# the agent's "stats:" lines written since the last call (per log file)
agent_stats() {
  local f n
  for f in "$work"/agent*.log; do
    [ -f "$f" ] || continue
    n=$(wc -l <"$f")
    tail -n +"$(( $(cat "$f.seen" 2>/dev/null || echo 0) + 1 ))" "$f" | head -n "$(( n - $(cat "$f.seen" 2>/dev/null || echo 0) ))" \
      | { grep -o 'stats: .*' || true; } | sed "s/^/  $(basename "$f" .log) /"
    echo "$n" >"$f.seen"
  done
}
for s in "${steps[@]}"; do
  echo "[$s] load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  agent_stats >/dev/null
  case "$s" in
    distribution) drive sync-distribution ;;
    status) drive sync-status ;;
    resync)
      drive sync-objects-10000
      kill "$agent"; wait "$agent" 2>/dev/null || true
      before=$(grep -c 'initial sync converged' "$work/agent.log" || true)
      t0=$(date +%s%N); start_agent
      for _ in $(seq 1 1200); do
        [ "$(grep -c 'initial sync converged' "$work/agent.log" || true)" -gt "$before" ] && break; sleep 0.25
      done
      t1=$(date +%s%N)
      line=$(grep 'initial sync converged' "$work/agent.log" | tail -1)
      jcmd "$agent" GC.run >/dev/null 2>&1; sleep 1
      heap=$(heap_used)
      rss=$(awk '/^VmRSS/ {print $2 " kB"}' "/proc/$agent/status")
      echo "resync after agent restart: $(( (t1 - t0) / 1000000 )) ms from process start; agent: ${line##*: }"
      echo "agent after resync (full GC): $heap; RSS $rss"
      ;;
    fairness)
      kill "$agent"; wait "$agent" 2>/dev/null || true; agent=
      drive -Dsync.flood=10000 -Dsync.agent.log="$work/agent-fair.log" \
        "-Dsync.agent.cmd=java -XX:+UseSerialGC ${AGENT_JAVA_OPTS:-} -jar $agent_jar --kubeconfig=$work/pc/kubeconfig --hub-kubeconfig=$work/agent-hub --sync-target=bench --health-port=0 ${AGENT_ARGS:-}" \
        sync-fairness
      start_agent
      ;;
    fairness-running) drive -Dsync.flood=10000 sync-fairness ;;
    *) echo "unknown step $s" >&2; exit 2 ;;
  esac
  sleep 6
  agent_stats
  echo "[$s] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
