#!/usr/bin/env bash
# The rolling-upgrade test (issue 17) run N times in a row per backend (default 20), each run on fresh storage
# with new instances and a new clock, in one JVM per backend (-Drolling.runs); prints each run's result and
# the tally. Not part of CI (.ci/run runs each backend once). Starts and stops its own servers.
# Usage: bench/rolling-upgrade-loop.sh [runs=20] [test classes=all three backends]
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
tests="${2:-SqliteRollingUpgradeTest,EventRollingUpgradeIT,DatastoreRollingUpgradeIT}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
./mvnw -B -pl shared -am verify -Dtest="$tests" -Drolling.runs="$runs" -Dsurefire.failIfNoSpecifiedTests=false \
  -DtrimStackTrace=false 2>&1 | grep -E 'Tests run:|run [0-9]+.*(FAIL|ERROR)|AssertionFailed|seed' | head -n 60
for report in shared/target/surefire-reports/TEST-*RollingUpgrade*.xml; do
  [ -f "$report" ] || continue
  total=$(grep -c '<testcase ' "$report")
  failed=$(grep -cE '<(failure|error)[ >]' "$report")
  echo "$(basename "$report" .xml | sed 's/TEST-//'): $((total - failed)) of $total runs passed"
done
echo "elapsed: $(( $(date +%s) - start )) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
