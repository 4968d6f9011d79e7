#!/usr/bin/env bash
# The rolling-upgrade test (issue 17) run again and again, each run a fresh Maven test run (fresh JVM, store,
# servers), stopping at nothing: prints one line per run and the tally. Not part of CI (.ci/run runs it once).
# Usage: bench/rolling-upgrade-loop.sh [runs=20] [test classes=all three backends]
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
tests="${2:-SqliteRollingUpgradeTest,EventRollingUpgradeIT,DatastoreRollingUpgradeIT}"
log="$(mktemp -d)"
passed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if ./mvnw -B -q -pl shared -am verify -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
      >"$log/run$i.log" 2>&1; then
    passed=$((passed + 1))
    echo "run $i: pass ($(( $(date +%s) - start )) s)"
  else
    echo "run $i: FAIL ($(( $(date +%s) - start )) s), log $log/run$i.log:"
    grep -E 'AssertionFailed|Exception:|seed' "$log/run$i.log" | head -n 5
  fi
done
echo "rolling upgrade ($tests): $passed of $runs runs passed"
