#!/usr/bin/env bash
# get-catalog benchmark: cache-hit throughput against the same function answering a pre-built byte array of the
# same size, and the catalog build time for 500 examples (Datastore emulator and SQLite). In process, on
# 127.0.0.1 only; starts and stops its own emulator and redis-server. Settings: -Dbench.examples=500
# -Dbench.threads=4 -Dbench.seconds=2 -Dbench.rounds=8 after the script name.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -pl functions/get-catalog -am test -Dtest=CatalogThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DtrimStackTrace=false "$@" 2>&1 | { grep -E '^\[(datastore|sqlite)\]|^catalog answer|^round|^get-catalog|ERROR|FAIL' || true; }
