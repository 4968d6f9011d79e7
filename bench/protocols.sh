#!/usr/bin/env bash
# Per-request cost of Connect binary, gRPC-Web binary and gRPC-Web text against Connect JSON, on
# GetPrecompiledObjects (catalog cache hit) and GetSnippet (SQLite), the same function in one process
# called through its Functions Framework entry class (no socket). Rounds alternate the protocols' order.
# Settings after the script name: -Dbench.seconds=2 -Dbench.rounds=6 -Dbench.threads=1
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -pl deploy -am test -Dtest=ProtocolCostBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DtrimStackTrace=false "$@" 2>&1 | { grep -E '^\[protocols\]|ERROR|FAIL' || true; }
