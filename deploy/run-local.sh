#!/bin/sh
# Builds (tests skipped) and runs every function in one process on http://localhost:8080 with the
# embedded defaults: SQLite under ./data. Pass -D settings after the script name, e.g.
#   ./deploy/run-local.sh -Dport=9090
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -pl deploy -am package
exec java -XX:TieredStopAtLevel=1 "$@" -jar deploy/target/playground-local.jar
