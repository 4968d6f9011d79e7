#!/usr/bin/env bash
# Issue 9 in one command: the bad-input and fault suites, then every benchmark, each printing its figures
# and ratios against the baseline it measures in the same run (bench/RESULTS.md records them).
#
#   bench/run.sh              # suites, then all benchmarks (about 30 minutes on 2 cores)
#   bench/run.sh suites       # only the bad-input and fault suites (they also run in ./mvnw -B verify)
#   bench/run.sh benchmarks   # only the benchmarks
#
# Each part starts what it needs (emulators, redis-server, function processes) and stops it again.
# A part that fails stops the run with its exit status.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
case $what in
  all|suites|benchmarks) ;;
  -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
  *) echo "unknown part '$what'; one of: all, suites, benchmarks" >&2; exit 2 ;;
esac

part() { printf '\n==== %s (load average %s)\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)"; }

if [ "$what" != benchmarks ]; then
  part "bad-input and fault suites"
  ./mvnw -B -q -am verify \
    -pl functions/save-snippet,functions/get-snippet,functions/get-catalog,functions/get-pipeline-output,functions/cancel,functions/cancel-listener,functions/maintenance \
    -Dit.test='*BadInputIT,*FaultIT' -Dfailsafe.failIfNoSpecifiedTests=false
  echo "suites passed"
fi
if [ "$what" != suites ]; then
  part "cold start of every function vs a bare Functions Framework hello"
  bench/cold-start.sh
  part "save-snippet and get-snippet throughput and latency"
  bench/snippets.sh
  part "get-snippet of one hot id: visits counted in the store vs in the Redis visit buffer"
  bench/hot-snippet.sh
  part "get-catalog cache hit vs pre-built bytes"
  bench/catalog.sh
  part "Connect binary and gRPC-Web against Connect JSON"
  bench/protocols.sh
  part "pipeline output polling and cancel latency"
  bench/pipeline.sh
  part "store throughput per backend"
  bench/store.sh
  part "concurrency of one instance of each HTTP function"
  bench/concurrency.sh --no-build
  part "event backend: a fresh instance's first GetSnippet, view vs replay"
  bench/event-view.sh
fi
