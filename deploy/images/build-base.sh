#!/usr/bin/env bash
# Assembles the base image of the Atrium images without a container engine or a public base image:
# a jlink'ed Java runtime, the shared libraries it (and the embedded PostgreSQL's binaries and
# /bin/sh) link against, taken from the build host's Debian packages, a non-root user (65532) and
# the writable mount points /data and /tmp. Writes a `docker save` style tarball (manifest.json,
# config, one uncompressed layer) that Jib reads with `<from><image>tar://...`.
#
#   deploy/images/build-base.sh OUTPUT.tar [JAVA_HOME]
#
# The result is cached: OUTPUT.tar is reused while OUTPUT.tar.key matches this script, the JDK's
# release file, the module list and the host's library packages.
set -euo pipefail

out=${1:?usage: build-base.sh OUTPUT.tar [JAVA_HOME]}
jdk=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}}

# What the hub, the sync agent and their libraries use (jdeps --print-module-deps of the Quarkus
# apps' lib/ gives a subset of this; the management and instrument modules serve JFR/JMX tools).
# Without jdk.security.auth the hub's logging set-up fails before Quarkus configures it (every
# message at every level goes to stderr) and its shutdown hangs.
modules=java.base,java.compiler,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs

# Libraries beyond the Java runtime's own: the embedded PostgreSQL's binaries (zonky) link against
# the glibc compatibility stubs, and pg_ctl/initdb start the server through /bin/sh.
extra_libs="libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libz.so.1 libgcc_s.so.1 libstdc++.so.6"
libdir=/lib/x86_64-linux-gnu
shell=$(readlink -f /bin/sh)

key=$( {
  sha256sum "$0"
  cat "$jdk/release"
  echo "$modules $extra_libs $shell"
  dpkg-query -W libc6 libc-bin zlib1g libgcc-s1 libstdc++6 dash 2>/dev/null || true
} | sha256sum | cut -c1-64)
if [[ -f "$out" && -f "$out.key" && "$(cat "$out.key")" == "$key" ]]; then
  echo "base image up to date: $out"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/atrium-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{opt,etc,tmp,data,home/nonroot,bin,lib64,"${libdir#/}",app,proc,sys,dev}

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$root/opt/java"

# The dynamic loader, the shared libraries everything here needs (ldd closure) and /bin/sh.
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
cp -L "$shell" "$root/bin/sh"
libs=$(
  {
    for l in $extra_libs; do echo "$libdir/$l"; done
    find "$root/opt/java" -name '*.so' -o -path '*/bin/*' -type f | while read -r f; do
      LD_LIBRARY_PATH="$root/opt/java/lib:$root/opt/java/lib/server" ldd "$f" 2>/dev/null \
        | awk '$2 == "=>" && $3 ~ /^\// {print $3}'
    done
    ldd "$shell" | awk '$2 == "=>" && $3 ~ /^\// {print $3}'
  } | grep -v "^$root" | sort -u
)
for l in $libs; do
  cp -L "$l" "$root/$libdir/$(basename "$l")"
done
# LANG=C.UTF-8 needs the locale's files (glibc does not build it in); initdb refuses a locale it
# cannot load.
mkdir -p "$root/lib/locale"
cp -a /usr/lib/locale/C.utf8 "$root/lib/locale/"
mkdir -p "$root/usr"
ln -s ../lib "$root/usr/lib"
ln -s ../bin "$root/usr/bin"

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
nonroot:x:65532:
EOF
echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
# Container runtimes mount their own /etc/hosts; without one the embedded PostgreSQL cannot
# resolve the "localhost" it listens on.
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
# The java launcher finds libjli.so through $ORIGIN, which needs /proc; a loader cache finds it
# (and libjvm.so) without.
printf '%s\n' /opt/java/lib /opt/java/lib/server "$libdir" >"$root/etc/ld.so.conf"
ldconfig -r "$root"
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  mkdir -p "$root/etc/ssl/certs"
  cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
fi
chmod 1777 "$root/tmp"
chmod 0755 "$root/data" "$root/home/nonroot"

# One layer: everything root-owned but /data and /home/nonroot (owned by 65532), reproducible
# (sorted, mtime 0). Written in two passes so no chown (and no root) is needed.
layer=$work/layer.tar
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  --exclude=./data --exclude=./home/nonroot -C "$root" -cf "$layer" .
tar --sort=name --mtime=@0 --numeric-owner --owner=65532 --group=65532 --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$root" -rf "$layer" ./data ./home/nonroot

diff_id=$(sha256sum "$layer" | cut -d' ' -f1)
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")
cat >"$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/data",
  "Env":["PATH=/opt/java/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "Volumes":{"/data":{},"/tmp":{}},
  "Labels":{"dev.atrium.base.java":"$java_version"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/build-base.sh: jlink $java_version and Debian libraries"}]}
EOF
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/$config_id.json"
mv "$layer" "$work/$diff_id.tar"
cat >"$work/manifest.json" <<EOF
[{"Config":"$config_id.json","RepoTags":["atrium/base:latest"],"Layers":["$diff_id.tar"]}]
EOF
mkdir -p "$(dirname "$out")"
tar --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" \
  -cf "$out.$$.partial" manifest.json "$config_id.json" "$diff_id.tar"
mv "$out.$$.partial" "$out"
echo "$key" >"$out.key"
echo "base image: $out ($(du -h "$out" | cut -f1), layer sha256:$diff_id)"
