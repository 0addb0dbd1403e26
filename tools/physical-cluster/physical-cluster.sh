#!/usr/bin/env bash
# physical-cluster.sh — the project's own throw-away Kubernetes control plane on 127.0.0.1, for the
# physical-cluster tests (sync-agent's SyncAgentIT, cli-plugin's ClusterRegistrationScenarioIT,
# deploy/helm/test-chart.sh, load-driver/bench-sync.sh, sync-agent/e2e/sync-scenario.sh).
#
# Real upstream etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kubectl, compiled
# from the Go module proxy, plus kwok as the kubelets (fake Nodes kept Ready, Pods on them moved
# to Running), so Deployments become Available without a container engine.
#
#   physical-cluster.sh build          compile the binaries into the cache (no-op when cached)
#   physical-cluster.sh up DIR PORT    start a cluster under DIR, apiserver on 127.0.0.1:PORT;
#                                      prints DIR/kubeconfig (builds first when not cached)
#   physical-cluster.sh down DIR       stop the processes `up DIR` started (their pid files only)
#   physical-cluster.sh env            the cache directory and versions in use
#
# Settings (environment, all optional):
#   ATRIUM_PC_CACHE         cache root, default ~/.cache/atrium-physical-cluster; the binaries go to
#                           ROOT/<k8s version>/ with a .stamp naming what was built
#   ATRIUM_PC_K8S_VERSION   default 1.33.13 (staging modules at v0.33.13)
#   ATRIUM_PC_ETCD_VERSION  default 3.5.21 (what Kubernetes 1.33 pins)
#   ATRIUM_PC_KWOK_VERSION  default 0.7.0 (built against Kubernetes 0.33)
#   ATRIUM_PC_ETCD_PORT     etcd client port for `up`, default 12379 (peer port: +1)
#   ATRIUM_PC_NODES         fake kwok nodes, default 2 (0: no kwok at all)
#   ATRIUM_PC_READY_TIMEOUT seconds `up` waits for each step, default 120
#   ATRIUM_PC_GOCACHE       Go build cache, default ROOT/.go-build-cache (deleted after success)
#   GO                      the go binary (default: go on PATH, else /usr/local/go/bin/go)
#
# Host needs: bash, openssl, flock, base64; for `build` Go >= 1.24 and access to the Go proxy.
set -euo pipefail

readonly K8S="${ATRIUM_PC_K8S_VERSION:-1.33.13}"
readonly ETCD="${ATRIUM_PC_ETCD_VERSION:-3.5.21}"
readonly KWOK="${ATRIUM_PC_KWOK_VERSION:-0.7.0}"
readonly ROOT="${ATRIUM_PC_CACHE:-${HOME:-/root}/.cache/atrium-physical-cluster}"
BIN="$ROOT/$K8S"
# The same stamp text as ../shared/physical-cluster/cluster.sh writes, so either's cache serves both.
readonly STAMP="k8s=v$K8S etcd=v$ETCD kwok=v$KWOK"
readonly TOOLS="etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok"
readonly COMPONENTS="etcd kube-apiserver kube-controller-manager kube-scheduler kwok"

say() { echo "[physical-cluster] $*" >&2; }
fail() {
  say "ERROR: $*"
  exit 1
}

cached() {
  [[ -f "$BIN/.stamp" && "$(<"$BIN/.stamp")" == "$STAMP" ]] || return 1
  local t
  for t in $TOOLS; do [[ -x "$BIN/$t" ]] || return 1; done
}

# ----------------------------------------------------------------------------------------------
# build
# ----------------------------------------------------------------------------------------------

go_toolchain() {
  GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
  [[ -x "$GO" ]] || fail "Go >= 1.24 is needed to build the cluster binaries (https://go.dev/dl/; or set GO)"
  local minor
  minor="$("$GO" env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')"
  ((minor >= 24)) || fail "$GO is $("$GO" env GOVERSION); Kubernetes $K8S needs Go >= 1.24"
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -buildvcs=false"
  export GOCACHE="${ATRIUM_PC_GOCACHE:-$ROOT/.go-build-cache}"
}

# k8s.io/kubernetes names its staging modules (k8s.io/api, k8s.io/client-go, ...) as v0.0.0 and
# replaces them with ./staging/src paths, which a module from the proxy cannot use. A scratch main
# module requires k8s.io/kubernetes and replaces each staging module with its published v0.Y.Z.
kubernetes_module() {
  local dir="$1" staging="v0.${K8S#1.}" gomod
  gomod="$(cd "$dir" && "$GO" mod download -json "k8s.io/kubernetes@v$K8S" |
    awk -F'"' '$2 == "GoMod" {print $4}')"
  [[ -f "$gomod" ]] || fail "k8s.io/kubernetes@v$K8S is not on the Go proxy"
  (cd "$dir" && "$GO" mod init atrium.local/pc/kubernetes >/dev/null 2>&1)
  local replaces=()
  while read -r module; do
    replaces+=("-replace=$module=$module@$staging")
  done < <(awk '$2 == "=>" && $3 ~ /^\.\/staging\// {print $1}' "$gomod")
  ((${#replaces[@]} > 10)) || fail "only ${#replaces[@]} staging modules found in $gomod"
  (cd "$dir" && "$GO" mod edit -go="$(awk '$1 == "go" {print $2; exit}' "$gomod")" "${replaces[@]}")
  say "kubernetes v$K8S: ${#replaces[@]} staging modules at $staging"
}

# What hack/lib/version.sh stamps in; without it the binaries report v0.0.0-master.
kubernetes_ldflags() {
  local minor="${K8S#1.}" flags="-s -w" pkg
  minor="${minor%%.*}"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=v$K8S -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "$flags"
}

build_kubernetes() {
  local dir="$1/kubernetes" out="$2" cmds=() c
  mkdir -p "$dir"
  kubernetes_module "$dir"
  for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    cmds+=("k8s.io/kubernetes/cmd/$c")
  done
  (cd "$dir" && "$GO" get "${cmds[@]/%/@v$K8S}" 2>"$dir/get.log") || {
    cat "$dir/get.log" >&2
    fail "resolving the kubernetes commands failed"
  }
  say "compiling ${cmds[*]##*/} (the long part: ~15 min on 2 cores)"
  (cd "$dir" && "$GO" build -trimpath -ldflags "$(kubernetes_ldflags)" -o "$out/" "${cmds[@]}")
}

# etcd's server module replaces its sibling modules with ../ paths too; a scratch module of its own
# takes the versions etcd pins (kept apart from the kubernetes one).
build_etcd() {
  local dir="$1/etcd" out="$2"
  mkdir -p "$dir"
  (cd "$dir" && "$GO" mod init atrium.local/pc/etcd >/dev/null 2>&1 &&
    "$GO" get "go.etcd.io/etcd/server/v3@v$ETCD" 2>"$dir/get.log") || {
    cat "$dir/get.log" >&2
    fail "resolving etcd v$ETCD failed"
  }
  say "compiling etcd v$ETCD"
  (cd "$dir" && "$GO" build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3)
}

build_kwok() {
  say "compiling kwok v$KWOK"
  (cd "$1" && GOBIN="$2" "$GO" install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK")
}

cmd_build() {
  if cached; then
    say "cached: $BIN ($STAMP)"
    return 0
  fi
  mkdir -p "$BIN"
  # One build per cache root at a time (the same lock file as the shared cluster.sh); whoever
  # waited finds the winner's binaries.
  exec {lock}>"$ROOT/.build.lock"
  if ! flock -n "$lock"; then
    say "another build holds $ROOT/.build.lock; waiting for it"
    flock "$lock"
  fi
  if cached; then
    say "cached: $BIN ($STAMP)"
    return 0
  fi
  go_toolchain
  local scratch start=$SECONDS
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/atrium-pc-build.XXXXXX")"
  trap "rm -rf '$scratch'" EXIT # expanded now: the local is gone when the trap runs
  mkdir -p "$scratch/out"
  build_kubernetes "$scratch" "$scratch/out"
  build_etcd "$scratch" "$scratch/out"
  build_kwok "$scratch" "$scratch/out"
  local t
  for t in $TOOLS; do
    [[ -x "$scratch/out/$t" ]] || fail "the build made no $t"
    mv -f "$scratch/out/$t" "$BIN/$t"
  done
  echo "$STAMP" >"$BIN/.stamp" # last: a stamp means every binary is in place
  [[ -n "${ATRIUM_PC_GOCACHE:-}" ]] || rm -rf "$GOCACHE"
  rm -rf "$scratch"
  trap - EXIT
  say "built $STAMP into $BIN in $((SECONDS - start)) s"
}

# ----------------------------------------------------------------------------------------------
# up DIR PORT — DIR holds pki/, etcd/, logs/, <component>.pid, kubeconfig and cluster.env
# ----------------------------------------------------------------------------------------------

listening() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A CA, the apiserver's serving pair, one admin client pair (system:masters) that the test user,
# the controller-manager, the scheduler and kwok share, and the service-account key pair. RSA
# keys in PKCS#1 form, which Java clients read as well as Go ones.
make_pki() {
  local pki="$1"
  mkdir -p "$pki" && chmod 700 "$pki"
  cat >"$pki/ext.cnf" <<'EOF'
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
[serving_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, IP:10.0.0.1, DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
EOF
  local key
  for key in ca serving admin service-accounts; do
    openssl genrsa -traditional -out "$pki/$key.key" 2048 2>/dev/null
  done
  openssl rsa -in "$pki/service-accounts.key" -pubout -out "$pki/service-accounts.pub" 2>/dev/null
  openssl req -new -key "$pki/ca.key" -subj "/CN=atrium-physical-cluster" 2>/dev/null |
    openssl x509 -req -signkey "$pki/ca.key" -days 3650 -sha256 -extfile "$pki/ext.cnf" \
      -extensions ca_ext -out "$pki/ca.crt" 2>/dev/null
  issue "$pki" serving "/CN=kube-apiserver" serving_ext
  issue "$pki" admin "/O=system:masters/CN=atrium-admin" client_ext
}

issue() { # issue PKI NAME SUBJECT EXTENSIONS
  openssl req -new -key "$1/$2.key" -subj "$3" 2>/dev/null |
    openssl x509 -req -CA "$1/ca.crt" -CAkey "$1/ca.key" -CAcreateserial -days 3650 -sha256 \
      -extfile "$1/ext.cnf" -extensions "$4" -out "$1/$2.crt" 2>/dev/null
}

write_kubeconfig() { # write_kubeconfig FILE PORT PKI
  local enc="base64 -w0"
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: atrium-physical
  cluster:
    server: https://127.0.0.1:$2
    certificate-authority-data: $($enc <"$3/ca.crt")
users:
- name: atrium-admin
  user:
    client-certificate-data: $($enc <"$3/admin.crt")
    client-key-data: $($enc <"$3/admin.key")
contexts:
- name: atrium-physical
  context: {cluster: atrium-physical, user: atrium-admin, namespace: default}
current-context: atrium-physical
EOF
  chmod 600 "$1"
}

# launch NAME ARGS...: BIN/NAME in its own session, output to DIR/logs/NAME.log, pid to DIR/NAME.pid.
launch() {
  local name="$1"
  shift
  setsid "$BIN/$name" "$@" </dev/null >"$DIR/logs/$name.log" 2>&1 &
  echo "$!" >"$DIR/$name.pid"
}

# await WHAT COMMAND...: retry COMMAND until it succeeds; give up after the timeout or as soon as
# a launched component has exited (with the end of its log).
await() {
  local what="$1" until=$((SECONDS + ${ATRIUM_PC_READY_TIMEOUT:-120})) c
  shift
  while ! "$@" >/dev/null 2>&1; do
    for c in $COMPONENTS; do
      if [[ -f "$DIR/$c.pid" ]] && ! kill -0 "$(<"$DIR/$c.pid")" 2>/dev/null; then
        say "$c exited while waiting for $what:"
        tail -n 30 "$DIR/logs/$c.log" >&2
        return 1
      fi
    done
    ((SECONDS < until)) || {
      say "no $what after ${ATRIUM_PC_READY_TIMEOUT:-120} s"
      return 1
    }
    sleep 0.25
  done
}

etcd_healthy() { # plain HTTP on loopback, without curl
  local reply
  reply="$( (exec 3<>"/dev/tcp/127.0.0.1/$1" &&
    printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && timeout 5 cat <&3) 2>/dev/null)"
  [[ "$reply" == *'"health":"true"'* ]]
}

kube() { "$BIN/kubectl" --kubeconfig="$DIR/kubeconfig" --request-timeout=5s "$@"; }

fake_nodes() { # kwok manages the Nodes annotated kwok.x-k8s.io/node=fake; no taint, so any Pod fits
  local i
  for ((i = 0; i < $1; i++)); do
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {type: kwok, kubernetes.io/hostname: kwok-node-$i, kubernetes.io/os: linux, kubernetes.io/arch: amd64, node-role.kubernetes.io/agent: ""}
status:
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
EOF
  done
}

start_etcd() { # single member, loopback only, no fsync: the data is thrown away
  local client="http://127.0.0.1:$1" peer="http://127.0.0.1:$(($1 + 1))"
  launch etcd --name=pc --data-dir="$DIR/etcd" --log-level=warn --unsafe-no-fsync \
    --listen-client-urls="$client" --advertise-client-urls="$client" \
    --listen-peer-urls="$peer" --initial-advertise-peer-urls="$peer" \
    --initial-cluster="pc=$peer" --initial-cluster-state=new
  await "etcd health" etcd_healthy "$1"
}

# No kubelet anywhere: everything advertises 127.0.0.1, which Endpoints may not hold, so the
# endpoint reconciler is off (clients use the kubeconfig, never in-cluster config). Default
# admission stays on: the controller-manager creates each namespace's default ServiceAccount.
start_apiserver() { # start_apiserver PORT ETCD_PORT
  local pki="$DIR/pki"
  launch kube-apiserver --bind-address=127.0.0.1 --advertise-address=127.0.0.1 \
    --secure-port="$1" --etcd-servers="http://127.0.0.1:$2" --cert-dir="$pki/generated" \
    --tls-cert-file="$pki/serving.crt" --tls-private-key-file="$pki/serving.key" \
    --client-ca-file="$pki/ca.crt" --authorization-mode=RBAC --allow-privileged=true \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/service-accounts.pub" \
    --service-account-signing-key-file="$pki/service-accounts.key" \
    --service-cluster-ip-range=10.0.0.0/24 --endpoint-reconciler-type=none --profiling=false
  await "apiserver /readyz" kube get --raw=/readyz
}

# Neither serves a port (--secure-port=0), so clusters run side by side; single instances.
start_controllers() {
  local pki="$DIR/pki"
  launch kube-controller-manager --kubeconfig="$DIR/kubeconfig" --secure-port=0 \
    --leader-elect=false --use-service-account-credentials=false --cluster-name=atrium-physical \
    --service-account-private-key-file="$pki/service-accounts.key" --root-ca-file="$pki/ca.crt" \
    --cluster-signing-cert-file="$pki/ca.crt" --cluster-signing-key-file="$pki/ca.key"
  launch kube-scheduler --kubeconfig="$DIR/kubeconfig" --secure-port=0 --leader-elect=false
}

# Pod IPs are fake (10.244.0.0/16); nothing answers there, so tests never dial pod or service IPs.
start_kwok() {
  ((${ATRIUM_PC_NODES:-2} > 0)) || return 0
  launch kwok --kubeconfig="$DIR/kubeconfig" --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --node-ip=127.0.0.1 --cidr=10.244.0.1/16 --node-lease-duration-seconds=40
  fake_nodes "${ATRIUM_PC_NODES:-2}" | kube create -f - >/dev/null
  await "Ready nodes" kube wait --for=condition=Ready node --all --timeout=3s
}

up_cleanup() {
  ((UP_DONE)) && return 0
  say "up failed, stopping what started (logs stay in $DIR/logs)"
  cmd_down "$DIR" >/dev/null 2>&1 || true
}

cmd_up() {
  (($# == 2)) || fail "usage: physical-cluster.sh up DIR PORT"
  local port="$2" etcd="${ATRIUM_PC_ETCD_PORT:-12379}" p c start=$SECONDS
  cached || cmd_build
  command -v openssl >/dev/null || fail "openssl is needed for the cluster's certificates"
  mkdir -p "$1"
  DIR="$(cd "$1" && pwd)"
  for c in $COMPONENTS; do
    if [[ -f "$DIR/$c.pid" ]] && is_ours "$c" "$(<"$DIR/$c.pid")"; then
      fail "$c of an earlier 'up' still runs in $DIR: 'physical-cluster.sh down $DIR' first"
    fi
  done
  for p in "$port" "$etcd" $((etcd + 1)); do
    ! listening "$p" || fail "127.0.0.1:$p is taken (choose PORT / ATRIUM_PC_ETCD_PORT)"
  done
  rm -rf "$DIR/etcd" "$DIR/logs" "$DIR"/*.pid "$DIR/kubeconfig"
  mkdir -p "$DIR/logs"
  [[ -f "$DIR/pki/admin.crt" ]] || make_pki "$DIR/pki"
  write_kubeconfig "$DIR/kubeconfig" "$port" "$DIR/pki"
  printf '%s\n' "ATRIUM_PC_KUBECONFIG=$DIR/kubeconfig" "ATRIUM_PC_SERVER=https://127.0.0.1:$port" \
    "ATRIUM_PC_ETCD=http://127.0.0.1:$etcd" "ATRIUM_PC_K8S_VERSION=$K8S" \
    "ATRIUM_PC_BIN_DIR=$BIN" >"$DIR/cluster.env"
  # from here on a failure (or a signal) stops whatever already started
  UP_DONE=0
  trap 'up_cleanup' EXIT
  start_etcd "$etcd"
  start_apiserver "$port" "$etcd"
  start_controllers
  start_kwok
  await "default ServiceAccount" kube -n default get serviceaccount default
  UP_DONE=1
  say "up in $((SECONDS - start)) s: Kubernetes $K8S on https://127.0.0.1:$port, logs in $DIR/logs"
  echo "$DIR/kubeconfig"
}

# ----------------------------------------------------------------------------------------------
# down DIR — TERM (then, after 15 s, KILL) to each pid file's process, newest first, but only while
# /proc/PID/exe is still the cached binary it was started as: a reused pid is left alone.
# ----------------------------------------------------------------------------------------------

is_ours() { # is_ours NAME PID
  [[ "$2" =~ ^[0-9]+$ ]] || return 1
  local exe
  exe="$(readlink "/proc/$2/exe" 2>/dev/null)" || return 1
  exe="${exe% (deleted)}"
  [[ "$exe" == "$BIN/$1" ]] && return 0
  # between setsid's fork and its exec of the binary
  [[ "${exe##*/}" == setsid ]] && [[ "$(tr '\0' '\n' <"/proc/$2/cmdline" | sed -n 2p)" == "$BIN/$1" ]]
}

cmd_down() {
  (($# == 1)) || fail "usage: physical-cluster.sh down DIR"
  local dir="$1" c pid running=()
  [[ -d "$dir" ]] || return 0
  # the binaries that `up` started, whatever ATRIUM_PC_K8S_VERSION this shell has
  [[ ! -f "$dir/cluster.env" ]] || BIN="$(sed -n 's/^ATRIUM_PC_BIN_DIR=//p' "$dir/cluster.env")"
  for c in $(echo "$COMPONENTS" | tr ' ' '\n' | tac); do
    [[ -f "$dir/$c.pid" ]] || continue
    pid="$(<"$dir/$c.pid")"
    if is_ours "$c" "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      running+=("$c:$pid")
    fi
    rm -f "$dir/$c.pid"
  done
  local until=$((SECONDS + 15)) left e
  while ((${#running[@]})); do
    left=()
    for e in "${running[@]}"; do ! is_ours "${e%%:*}" "${e#*:}" || left+=("$e"); done
    running=("${left[@]}")
    ((${#running[@]})) || break
    if ((SECONDS >= until)); then
      for e in "${running[@]}"; do kill -KILL "${e#*:}" 2>/dev/null || true; done
      break
    fi
    sleep 0.2
  done
  say "stopped the cluster in $dir"
}

case "${1:-}" in
build) cmd_build ;;
up) cmd_up "${@:2}" ;;
down) cmd_down "${@:2}" ;;
env) printf 'BIN_DIR=%s\n%s\n' "$BIN" "$STAMP" ;;
*)
  sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2
  exit 2
  ;;
esac
