#!/usr/bin/env bash
# Pipeline output and cancel benchmark. (1) Output polling: bytes Redis moves per new byte of run output for the
# client-offset and RUN_OUTPUT_INDEX methods against Beam's read-back-and-rewrite scheme run on the same
# redis-server (-Dbench.output.kib=1024). (2) Cancel latency: HTTP Cancel -> Pub/Sub emulator -> listener -> Redis
# -> runner's watcher, each part, against a bare Redis PUBLISH -> subscriber round trip (-Dbench.cancels=50).
# Starts and stops its own redis-server and Pub/Sub emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -Pbench -pl functions/cancel-listener -am test -Dtest='PipelineOutputBenchmark,CancelLatencyBenchmark' \
  -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@" 2>&1 \
  | { grep -E '^\||^[0-9]+ KiB|^10 MiB|^cancel latency|ERROR|FAIL' || true; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
