#!/usr/bin/env bash
# Runs the load driver against a running hub: load-driver/run.sh [url] [dataDir] [scenario...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
./mvnw -q -B -pl load-driver -am -DskipTests package
./mvnw -q -B -pl load-driver dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java -cp "load-driver/target/classes:$(cat load-driver/target/classpath.txt)" dev.atrium.load.LoadDriver "$@"
