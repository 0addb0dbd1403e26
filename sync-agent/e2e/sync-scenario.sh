#!/usr/bin/env bash
# Runs ../shared/acceptance/sync-scenario.sh (beside the repository) end to end on this machine:
# a hub (hub-server jar, own data dir and port), a physical cluster
# (tools/physical-cluster/physical-cluster.sh), the kubectl-atrium plugin
# (cli-plugin/target/plugin/bin) and this module's jar as the agent. Build first:
#   ./mvnw -B -q -pl workspace-model,hub-server,cli-plugin,sync-agent -am install -DskipTests
# Ports (override to run beside others): HUB_PORT 17643, PC_PORT 17443, PC_ETCD_PORT 17379.
# Stops everything it started; keeps logs in $WORK (default a temporary directory).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}
CLUSTER_SH="$ROOT/tools/physical-cluster/physical-cluster.sh"
WORK=${WORK:-$(mktemp -d /tmp/atrium-sync-e2e.XXXXXX)}
HUB_PORT=${HUB_PORT:-17643}
PC_PORT=${PC_PORT:-17443}
HUB_PID=
cleanup() {
  set +e # a non-zero step here (the hub's exit status) must not skip the rest
  if [ -n "$HUB_PID" ]; then kill "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; fi
  ATRIUM_PC_ETCD_PORT=${PC_ETCD_PORT:-17379} bash "$CLUSTER_SH" down "$WORK/pc" >/dev/null 2>&1 || true
  echo "logs in $WORK"
}
trap cleanup EXIT
ATRIUM_PC_ETCD_PORT=${PC_ETCD_PORT:-17379} bash "$CLUSTER_SH" up "$WORK/pc" "$PC_PORT" >"$WORK/pc-up.log"
ATRIUM_DATA_DIR="$WORK/hub" ATRIUM_PORT="$HUB_PORT" ATRIUM_REQUEST_LOG_LEVEL=WARN \
  java -jar "$ROOT/hub-server/target/quarkus-app/quarkus-run.jar" >"$WORK/hub.log" 2>&1 &
HUB_PID=$!
for _ in $(seq 1 120); do grep -q Listening "$WORK/hub.log" 2>/dev/null && break; sleep 1; done
grep -q Listening "$WORK/hub.log" || { echo "hub did not start"; tail -20 "$WORK/hub.log"; exit 1; }
KUBECONFIG="$WORK/hub/admin.kubeconfig" PC_KUBECONFIG="$WORK/pc/kubeconfig" \
  PLUGIN_DIR="$ROOT/cli-plugin/target/plugin/bin" \
  AGENT_JAR="$ROOT/sync-agent/target/quarkus-app/quarkus-run.jar" \
  bash "$SHARED/acceptance/sync-scenario.sh"
