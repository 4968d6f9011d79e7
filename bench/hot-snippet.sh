#!/usr/bin/env bash
# GetSnippet of one hot id at 8 threads (issue 16): requests per second and p99 before (each visit committed to the
# snippet's entity) and after (visits counted in the Redis visit buffer), each as a ratio to the same function
# answering from the store without counting, on SQLite and the Datastore emulator; then the buffered visits are
# flushed and compared with the answered reads. Starts and stops its own emulator and redis-server.
# Settings after the script name: -Dbench.threads=8 -Dbench.seconds=2 -Dbench.rounds=3
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -Pbench -pl functions/get-snippet -am test -Dtest=GetSnippetHotIdBench \
  -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@" 2>&1 \
  | { grep -E '^\[HotSnippet\]|benchmark:|^\| backend|^\|---|ERROR|FAIL' || true; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
