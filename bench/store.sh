#!/usr/bin/env bash
# Store throughput per backend: saves, reads and visits per second of the store port alone, sqlite, event
# (Redis Stream, fsync per write) and datastore (emulator) one after another in one JVM. Starts and stops its
# own emulator and redis-server. Settings after the script name: -Dbench.n=1000
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -Pbench -pl deploy -am test -Dtest=StoreThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DtrimStackTrace=false "$@" 2>&1 | { grep -E '^Store throughput|^\||ERROR|FAIL' || true; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
