#!/usr/bin/env bash
# Chart test: helm lint, helm template for each values set, and `kubectl apply --dry-run=server`
# of every rendering against a real kube-apiserver (tools/physical-cluster/physical-cluster.sh), with
# the CloudNativePG and prometheus-operator CRDs installed there. Then the default rendering is
# applied for real and its Deployment must become Available (kwok plays the kubelets). The example
# alert rules are dry-run as a PrometheusRule. Exits non-zero on the first failure.
#
# Knobs: HELM, KUBECTL (binaries); ATRIUM_CHART_KUBECONFIG (use that cluster, start none);
# ATRIUM_CHART_PORT / ATRIUM_PC_ETCD_PORT (default 19443 / 19379) for the cluster it starts;
# ATRIUM_PHYSICAL_CLUSTER (another physical-cluster.sh); CNPG_VERSION, PROMETHEUS_OPERATOR_VERSION.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CHART="$HERE/atrium"
CNPG_VERSION="${CNPG_VERSION:-v1.25.1}"
PROMETHEUS_OPERATOR_VERSION="${PROMETHEUS_OPERATOR_VERSION:-v0.79.2}"
KUBE_VERSION=1.33.0
PASSED=0
FAILED=0

log() { printf '[test-chart] %s\n' "$*" >&2; }
die() { printf '[test-chart] FAIL: %s\n' "$*" >&2; echo "$PASSED passed, $((FAILED + 1)) failed"; exit 1; }
ok() { PASSED=$((PASSED + 1)); log "ok: $*"; }

export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
GOBIN_DIR="$("$GO" env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

# --- tools -----------------------------------------------------------------------------------
HELM="${HELM:-$(command -v helm || true)}"
if [ -z "$HELM" ] && [ -x "$GOBIN_DIR/helm" ]; then HELM="$GOBIN_DIR/helm"; fi
if [ -z "$HELM" ]; then
  log "installing helm v3.16.4 with go install"
  "$GO" install helm.sh/helm/v3/cmd/helm@v3.16.4
  HELM="$GOBIN_DIR/helm"
fi
KUBECTL="${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}"
[ -x "$KUBECTL" ] || KUBECTL="$(command -v kubectl || true)"
[ -n "$KUBECTL" ] || die "no kubectl (set KUBECTL)"
log "helm: $HELM ($("$HELM" version --short 2>/dev/null)); kubectl: $KUBECTL"

WORK="$(mktemp -d /tmp/atrium-chart-test.XXXXXX)"
CLUSTER_DIR=""
cleanup() {
  if [ -n "$CLUSTER_DIR" ]; then
    bash "$CLUSTER_SH" down "$CLUSTER_DIR" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- lint and template -----------------------------------------------------------------------
VALUES_SETS=(default "$CHART"/ci/*-values.yaml)
values_args() { [ "$1" = default ] && return 0; printf -- '-f\n%s\n' "$1"; }
name_of() { [ "$1" = default ] && echo default || basename "$1" -values.yaml; }

for v in "${VALUES_SETS[@]}"; do
  mapfile -t args < <(values_args "$v")
  out="$("$HELM" lint --strict "$CHART" "${args[@]}" 2>&1)" || die "helm lint ($(name_of "$v")): $out"
  if grep -E '^\[(WARNING|ERROR)\]' <<<"$out"; then die "helm lint ($(name_of "$v")) not clean"; fi
  ok "helm lint --strict ($(name_of "$v"))"
  "$HELM" template atrium "$CHART" -n atrium-test --kube-version "$KUBE_VERSION" \
    --api-versions monitoring.coreos.com/v1/ServiceMonitor "${args[@]}" \
    >"$WORK/$(name_of "$v").yaml" || die "helm template ($(name_of "$v"))"
  ok "helm template ($(name_of "$v")): $(grep -c '^kind:' "$WORK/$(name_of "$v").yaml") objects"
done

# What the renderings must contain.
d="$WORK/default.yaml"
grep -q '^kind: PodDisruptionBudget' "$d" || die "default: no PodDisruptionBudget"
grep -q '^kind: Cluster' "$d" || die "default: no CloudNativePG Cluster"
grep -q '  instances: 3' "$d" || die "default: Cluster not 3 instances"
grep -q '  replicas: 2' "$d" || die "default: not 2 replicas"
grep -q 'preferredDuringSchedulingIgnoredDuringExecution' "$d" || die "default: no anti-affinity"
grep -q 'path: /livez' "$d" && grep -q 'path: /readyz' "$d" || die "default: probes missing"
grep -q 'readOnlyRootFilesystem: true' "$d" || die "default: root filesystem writable"
grep -q 'type: kubernetes.io/tls' "$d" || die "default: no generated serving certificate"
grep -q 'requiredDuringSchedulingIgnoredDuringExecution' "$WORK/external-db.yaml" \
  || die "external-db: no required anti-affinity"
grep -q '^kind: ServiceMonitor' "$WORK/external-db.yaml" || die "external-db: no ServiceMonitor"
if grep -q '^kind: Cluster' "$WORK/external-db.yaml"; then die "external-db: unexpected Cluster"; fi
ok "renderings contain what the values ask for"

# Misconfigurations must fail at render time, with a message.
expect_fail() {
  local what="$1" pattern="$2"
  shift 2
  local out
  if out="$("$HELM" template atrium "$CHART" --kube-version "$KUBE_VERSION" "$@" 2>&1)"; then
    die "$what: rendered, expected a failure"
  fi
  grep -q -- "$pattern" <<<"$out" || die "$what: unexpected message: $out"
  ok "$what is refused"
}
expect_fail "no database" "database.existingSecret" --set database.cloudnativepg.enabled=false
expect_fail "no certificate" "tls.existingSecret" --set tls.generate=false
expect_fail "unknown value (schema)" "Additional property bogus" --set hub.bogus=1
expect_fail "bad log format (schema)" "logFormat" --set hub.logFormat=xml
expect_fail "zero replicas (schema)" "replicaCount" --set replicaCount=0

# --- a real kube-apiserver -------------------------------------------------------------------
if [ -n "${ATRIUM_CHART_KUBECONFIG:-}" ]; then
  KUBECONFIG_FILE="$ATRIUM_CHART_KUBECONFIG"
else
  CLUSTER_SH="${ATRIUM_PHYSICAL_CLUSTER:-$REPO/tools/physical-cluster/physical-cluster.sh}"
  CLUSTER_DIR="$WORK/cluster"
  log "starting a cluster on port ${ATRIUM_CHART_PORT:-19443}"
  ATRIUM_PC_ETCD_PORT="${ATRIUM_PC_ETCD_PORT:-19379}" \
    bash "$CLUSTER_SH" up "$CLUSTER_DIR" "${ATRIUM_CHART_PORT:-19443}" >"$WORK/cluster-up.log" 2>&1 \
    || { cat "$WORK/cluster-up.log" >&2; die "physical-cluster.sh up"; }
  KUBECONFIG_FILE="$CLUSTER_DIR/kubeconfig"
fi
k() { "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" --cache-dir "$WORK/kube-cache" "$@"; }
k version >/dev/null || die "cluster unreachable"
ok "kube-apiserver $(k version -o json | python3 -c 'import json,sys;print(json.load(sys.stdin)["serverVersion"]["gitVersion"])')"

# CRDs of the operators the chart can use, from their Go modules (config/crd/bases).
module_dir() { "$GO" mod download -json "$1@$2" | python3 -c 'import json,sys;print(json.load(sys.stdin)["Dir"])'; }
CNPG_DIR="$(cd "$WORK" && module_dir github.com/cloudnative-pg/cloudnative-pg "$CNPG_VERSION")" \
  || die "cannot download CloudNativePG $CNPG_VERSION"
PROMOP_DIR="$(cd "$WORK" && module_dir github.com/prometheus-operator/prometheus-operator "$PROMETHEUS_OPERATOR_VERSION")" \
  || die "cannot download prometheus-operator $PROMETHEUS_OPERATOR_VERSION"
k apply --server-side --force-conflicts \
  -f "$CNPG_DIR/config/crd/bases/postgresql.cnpg.io_clusters.yaml" \
  -f "$PROMOP_DIR/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml" \
  -f "$PROMOP_DIR/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml" \
  >/dev/null || die "installing CRDs"
k wait --for=condition=Established --timeout=60s \
  crd/clusters.postgresql.cnpg.io crd/servicemonitors.monitoring.coreos.com \
  crd/prometheusrules.monitoring.coreos.com >/dev/null || die "CRDs not established"
ok "CRDs: CloudNativePG $CNPG_VERSION Cluster, prometheus-operator $PROMETHEUS_OPERATOR_VERSION"

k create namespace atrium-test --dry-run=client -o yaml | k apply -f - >/dev/null
for v in "${VALUES_SETS[@]}"; do
  n="$(name_of "$v")"
  out="$(k apply --dry-run=server --validate=strict -n atrium-test -f "$WORK/$n.yaml" 2>&1)" \
    || die "kubectl apply --dry-run=server ($n): $out"
  ok "kubectl apply --dry-run=server ($n): $(wc -l <<<"$out") objects accepted"
done

# The example alert rules, as a PrometheusRule.
{
  printf 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: atrium\nspec:\n'
  sed 's/^/  /' "$REPO/deploy/monitoring/atrium-alerts.yaml"
} >"$WORK/rules.yaml"
out="$(k apply --dry-run=server --validate=strict -n atrium-test -f "$WORK/rules.yaml" 2>&1)" || die "alert rules: $out"
ok "alert rules accepted as a PrometheusRule"
# Their PromQL, with Prometheus' own parser (deploy/monitoring/promql-check, built once).
PROMQL_CHECK="${XDG_CACHE_HOME:-$HOME/.cache}/atrium-chart-test/promql-check"
(cd "$REPO/deploy/monitoring/promql-check" && "$GO" build -o "$PROMQL_CHECK" .) \
  || die "building promql-check"
"$PROMQL_CHECK" "$REPO/deploy/monitoring/atrium-alerts.yaml" >/dev/null || die "alert rule PromQL"
# the dashboard's queries too, with its template variables replaced
python3 - "$REPO/deploy/monitoring/atrium-dashboard.json" >"$WORK/dashboard-rules.yaml" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("groups:\n  - name: dashboard\n    rules:")
for p in d["panels"]:
    for t in p.get("targets", []):
        expr = t["expr"].replace("$job", ".*").replace("$instance", ".*")
        print("      - record: q\n        expr: " + json.dumps(expr))
PY
"$PROMQL_CHECK" "$WORK/dashboard-rules.yaml" >/dev/null || die "dashboard PromQL"
ok "alert rule and dashboard expressions parse as PromQL"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["panels"], "no panels"' \
  "$REPO/deploy/monitoring/atrium-dashboard.json" || die "dashboard JSON"
ok "dashboard JSON parses"

# The default rendering for real: 2 hub pods spread over the 2 fake nodes become Available.
k apply -n atrium-test -f "$WORK/default.yaml" >/dev/null || die "kubectl apply (default)"
k -n atrium-test rollout status deploy/atrium --timeout=120s >/dev/null \
  || { k -n atrium-test get pods -o wide >&2; die "Deployment not Available"; }
nodes="$(k -n atrium-test get pods -l app.kubernetes.io/component=hub -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort -u | wc -l)"
[ "$nodes" -ge 2 ] || die "hub pods not spread over nodes ($nodes)"
k -n atrium-test get pdb atrium -o jsonpath='{.status.disruptionsAllowed}' | grep -qx 1 \
  || die "PodDisruptionBudget does not allow exactly one disruption"
ok "default install: Deployment Available, pods on $nodes nodes, PDB allows 1 disruption"

grep -q 'helm.sh/resource-policy: keep' "$d" || die "generated Secrets not kept on uninstall"

# The hub as the chart configures it: the generated certificate, CA and token file of the installed
# Secrets mounted read-only, JSON logs, the rendered external URL. Needs the built hub
# (./mvnw package); the database is the embedded one here (the chart's is external).
JAR="${ATRIUM_HUB_JAR:-$REPO/hub-server/target/quarkus-app/quarkus-run.jar}"
if [ -f "$JAR" ]; then
  HUB_PORT="${ATRIUM_CHART_HUB_PORT:-16461}"
  H="$WORK/hub"
  mkdir -p "$H/tls" "$H/tokens" "$H/data"
  secret() { k -n atrium-test get secret "$1" -o go-template="{{index .data \"$2\"}}" | base64 -d >"$3"; }
  secret atrium-tls tls.crt "$H/tls/tls.crt"
  secret atrium-tls tls.key "$H/tls/tls.key"
  secret atrium-tls ca.crt "$H/tls/ca.crt"
  secret atrium-tokens tokens.csv "$H/tokens/tokens.csv"
  chmod 0440 "$H"/tls/* "$H"/tokens/*
  TOKEN="$(awk -F, '/system:masters/ {print $1; exit}' "$H/tokens/tokens.csv")"
  [ -n "$TOKEN" ] || die "no admin token in the generated token file"
  env_of() { awk -v n="$1" '$0 ~ "- name: "n"$" {getline; sub(/^ *value: /, ""); gsub(/"/, ""); print; exit}' "$d"; }
  (
    cd "$H"
    exec env ATRIUM_DATA_DIR="$H/data" ATRIUM_PORT="$HUB_PORT" ATRIUM_BIND_ADDRESS=127.0.0.1 \
      ATRIUM_TLS_CERT_FILE="$H/tls/tls.crt" ATRIUM_TLS_KEY_FILE="$H/tls/tls.key" \
      ATRIUM_CA_FILE="$H/tls/ca.crt" ATRIUM_TOKEN_FILE="$H/tokens/tokens.csv" \
      ATRIUM_LOG_FORMAT="$(env_of ATRIUM_LOG_FORMAT)" ATRIUM_EXTERNAL_URL="$(env_of ATRIUM_EXTERNAL_URL)" \
      java $(env_of JDK_JAVA_OPTIONS) -jar "$JAR"
  ) >"$H/hub.log" 2>&1 &
  HUB_PID=$!
  stop_hub() { kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null || true; }
  trap 'stop_hub; cleanup' EXIT
  SVC="atrium.atrium-test.svc"
  c() { curl -sS --cacert "$H/tls/ca.crt" --resolve "$SVC:$HUB_PORT:127.0.0.1" "$@"; }
  for _ in $(seq 1 120); do
    c -o /dev/null "https://$SVC:$HUB_PORT/livez" 2>/dev/null && break
    kill -0 "$HUB_PID" 2>/dev/null || { tail -30 "$H/hub.log" >&2; die "hub exited"; }
    sleep 1
  done
  ready=""
  for _ in $(seq 1 30); do
    ready="$(c "https://$SVC:$HUB_PORT/readyz?verbose" 2>&1 || true)"
    grep -q 'readyz check passed' <<<"$ready" && break
    sleep 1
  done
  grep -q 'readyz check passed' <<<"$ready" || { tail -30 "$H/hub.log" >&2; die "hub not ready: $ready"; }
  ok "hub with the chart's certificate (verified as $SVC) is ready: $(grep -c '^\[+\]' <<<"$ready") checks"
  code="$(c -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "https://$SVC:$HUB_PORT/api/v1/namespaces")"
  [ "$code" = 200 ] || die "the generated admin token: HTTP $code"
  c -H 'Accept: text/plain' "https://$SVC:$HUB_PORT/metrics" | grep -q '^apiserver_request_total{' \
    || die "no apiserver_request_total on /metrics"
  python3 - "$H/hub.log" <<'PY' || die "log lines are not JSON"
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
parsed = [json.loads(l) for l in lines if l.startswith("{")]
assert len(parsed) >= 3 and len(parsed) >= len(lines) - 2, f"{len(parsed)} JSON of {len(lines)} lines"
assert all("message" in p and "level" in p for p in parsed)
requests = [p for p in parsed if p.get("loggerName") == "atrium.request"]
assert requests, "no request log line"
assert all(p.get("mdc", {}).get("verb") and p["mdc"].get("code") for p in requests), requests[0]
PY
  ok "admin token accepted, /metrics served, logs are JSON (request fields in mdc)"
  # A database outage makes the hub unready, not dead: stop its PostgreSQL (fast shutdown).
  PG_PID="$(head -n 1 "$H/data/postgres/postmaster.pid")"
  kill -INT "$PG_PID"
  for _ in $(seq 1 30); do
    ready="$(c -w ' %{http_code}' "https://$SVC:$HUB_PORT/readyz?verbose" 2>&1 || true)"
    grep -q '^\[-\]database failed: reason withheld' <<<"$ready" && break
    sleep 1
  done
  grep -q '^\[-\]database failed: reason withheld' <<<"$ready" || die "readyz with the database down: $ready"
  grep -q 'readyz check failed' <<<"$ready" && grep -q ' 500$' <<<"$ready" || die "readyz not 500: $ready"
  live="$(c -w ' %{http_code}' "https://$SVC:$HUB_PORT/livez")"
  [ "$live" = "ok 200" ] || die "livez with the database down: $live"
  ok "database down: /readyz 500 with [-]database, /livez still ok"
  stop_hub
fi

echo "$PASSED passed, $FAILED failed"
