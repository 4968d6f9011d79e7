#!/usr/bin/env bash
# save-snippet and get-snippet benchmark: throughput and latency (p50/p99/max) of each function in process
# (HttpFunction, as the function tests run it) on SQLite and on the Datastore emulator, with 1 and 4 caller
# threads, against the store call alone and the same function answering a constant after the same Connect parse,
# and the store calls per request (Datastore RPCs by method, SQL statements by keyword). Starts and stops its own
# emulator. Settings after the script name: -Dbench.rounds=3 -Dbench.seconds=1 -Dbench.threads=1,4 -Dbench.warmup=0.5
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -Pbench -pl functions/save-snippet,functions/get-snippet -am test -Dtest='SaveSnippetBench,GetSnippetBench' \
  -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@" 2>&1 \
  | { grep -E '^\[(SaveSnippet|GetSnippet)\]|benchmark:|^\| backend|^\|---|ERROR|FAIL' || true; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
