#!/usr/bin/env bash
# Concurrency of one instance: each HTTP function's jar run by the Functions Framework invoker (one JVM, as
# Cloud Functions runs it) and driven by wrk at increasing numbers of open connections, each connection sending
# its next request as soon as the last is answered. One table row per function and concurrency: requests/s,
# p50/p99/max latency, non-2xx answers and socket errors. The chosen max_instance_request_concurrency of
# terraform/functions.tf is the highest level a function holds with no error and a p99 that stays bounded.
#
#   bench/concurrency.sh                                  # build, then all five HTTP functions
#   bench/concurrency.sh --no-build get-snippet cancel    # some of them, jars as built
#   LEVELS="1 8 16" SECONDS_EACH=5 bench/concurrency.sh   # other levels, shorter runs (default 1 4 8 16 32, 10 s)
#   JVM_CPUS=all bench/concurrency.sh                     # the function on every core (default: pinned to one
#                                                         # core, as available_cpu = "1", wrk on the others)
#
# Stores: SQLite (save-snippet, get-snippet, get-catalog) and a redis-server on a free port (get-catalog's cache,
# pipeline state), the Pub/Sub emulator for cancel: all local, so the figures measure the function's own CPU and
# threads, not a remote store's latency (which on GCP lets an instance hold more requests, not fewer). The
# functions run with Terraform's JVM flags (JAVA_TOOL_OPTIONS below). Traffic to 127.0.0.1 only; every level is
# bounded by SECONDS_EACH, and a 2 s warm-up at the highest level precedes the measurements.
set -euo pipefail
cd "$(dirname "$0")/.."
LEVELS=${LEVELS:-"1 4 8 16 32"}
SECONDS_EACH=${SECONDS_EACH:-10}
export JAVA_TOOL_OPTIONS=${JAVA_TOOL_OPTIONS-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}
ALL=(save-snippet get-snippet get-catalog get-pipeline-output cancel)
build=true selected=()
for arg in "$@"; do
  case $arg in
    --no-build) build=false ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) [[ " ${ALL[*]} " == *" $arg "* ]] || { echo "unknown function $arg; one of: ${ALL[*]}" >&2; exit 2; }
       selected+=("$arg") ;;
  esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${ALL[@]}")
command -v wrk >/dev/null || { echo "wrk is missing (Debian package wrk)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

modules=$(printf 'functions/%s,' "${selected[@]}" save-snippet)
$build && ./mvnw -B -q -DskipTests -pl "${modules%,}" -am package
invoker=$(find ~/.m2/repository/com/google/cloud/functions/invoker/java-function-invoker -name 'java-function-invoker-*.jar' | sort | tail -n 1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
jar_of() { ls functions/"$1"/target/"$1"-[0-9]*-function.jar; }
ctype='Content-Type: application/json'
# The function gets one core, as available_cpu = "1" gives it on GCP, and wrk the other (JVM_CPUS=all: no pinning).
fn_cpu= load_cpu=
if [ "${JVM_CPUS:-one}" = one ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  fn_cpu="taskset -c 0" load_cpu="taskset -c 1-$(( $(nproc) - 1 ))"
fi
uuid=3f0c1bde-8f5e-4c57-9d5c-0a1b2c3d4e5f

# Redis and Pub/Sub for the functions that use them.
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
until redis-cli -p "$redis_port" PING >/dev/null 2>&1; do sleep 0.05; done
redis-cli -p "$redis_port" HSET "$uuid" STATUS STATUS_EXECUTING RUN_OUTPUT "$(printf 'line %s\n' $(seq 200))" >/dev/null
pubsub_host=
if [[ " ${selected[*]} " == *" cancel "* ]]; then
  emulator=$(ls "${CLOUDSDK_ROOT:-/usr/lib/google-cloud-sdk}"/platform/pubsub-emulator/lib/cloud-pubsub-emulator-*-all.jar | head -n 1)
  pubsub_port=$(free_port)
  pubsub_host=127.0.0.1:$pubsub_port
  (cd "$work" && JAVA_TOOL_OPTIONS= exec java -jar "$emulator" --host=127.0.0.1 --port="$pubsub_port" >"$work/pubsub.log" 2>&1) &
  pids+=($!)
  until curl -s -o /dev/null "http://$pubsub_host/"; do sleep 0.1; done
  curl -sf -o /dev/null -X PUT -H "$ctype" -d '{}' "http://$pubsub_host/v1/projects/bench/topics/cancel"
fi

# start NAME: the function on a free port ($port), its pid in $fn_pid, once it answers its request.
start() {
  local name=$1 env=()
  case $name in
    save-snippet|get-snippet) env=(BACKEND_MODULE=sqlite BACKEND_PATH="$work/bench.db") ;;
    get-catalog) env=(BACKEND_MODULE=sqlite BACKEND_PATH="$work/bench.db" REDIS_URI="redis://127.0.0.1:$redis_port") ;;
    get-pipeline-output) env=(REDIS_URI="redis://127.0.0.1:$redis_port") ;;
    cancel) env=(REDIS_URI="redis://127.0.0.1:$redis_port" CANCEL_TOPIC=cancel PUBSUB_EMULATOR_HOST="$pubsub_host" GCP_PROJECT_ID=bench) ;;
  esac
  port=$(free_port)
  env "${env[@]}" $fn_cpu java -cp "$invoker" com.google.cloud.functions.invoker.runner.Invoker \
    --classpath "$(jar_of "$name")" --target dev.beamplayground.edge.PlaygroundHttpFunction --port "$port" \
    >"$work/$name.log" 2>&1 &
  fn_pid=$!
  pids+=("$fn_pid")
  local deadline=$(( $(date +%s) + 60 ))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' -H "$ctype" -d "$(body "$name" 0)" "http://127.0.0.1:$port$(path "$name")") == 200 ]]; do
    if [ "$(date +%s)" -ge "$deadline" ] || ! kill -0 "$fn_pid" 2>/dev/null; then
      echo "$name did not answer 200 in 60 s:" >&2; tail -n 30 "$work/$name.log" >&2; exit 1
    fi
    sleep 0.05
  done
}

path() {
  case $1 in
    save-snippet) echo /api.v1.PlaygroundService/SaveSnippet ;;
    get-snippet) echo /api.v1.PlaygroundService/GetSnippet ;;
    get-catalog) echo /api.v1.PlaygroundService/GetPrecompiledObjects ;;
    get-pipeline-output) echo /api.v1.PlaygroundService/GetRunOutput ;;
    cancel) echo /api.v1.PlaygroundService/Cancel ;;
  esac
}
# body NAME N: the request body (save-snippet's varies with N, so that every save writes a new snippet).
body() {
  case $1 in
    save-snippet) printf '{"sdk":"SDK_JAVA","files":[{"name":"A.java","content":"class A { int n = %s; }"}]}' "$2" ;;
    get-snippet) printf '{"id":"%s"}' "$snippet_id" ;;
    get-catalog) printf '{}' ;;
    get-pipeline-output|cancel) printf '{"pipelineUuid":"%s"}' "$uuid" ;;
  esac
}

# The wrk script: POST with the function's body; save-snippet numbers its snippets per thread and request.
script() {
  local name=$1
  if [ "$name" = save-snippet ]; then
    cat <<'EOF'
local n = 0
local id = 0
function setup(thread) id = id + 1; thread:set("tid", id) end
function init(args) n = tid * 100000000 end
function request()
  n = n + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" },
    '{"sdk":"SDK_JAVA","files":[{"name":"A.java","content":"class A { int n = ' .. n .. '; }"}]}')
end
EOF
  else
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$(body "$name" 0)"
  fi
  # One line wrk's summary does not give: percentiles in microseconds, and the non-2xx count.
  cat <<'EOF'
function done(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d %d %.1f\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, summary.duration, summary.requests / (summary.duration / 1e6)))
end
EOF
}

# A snippet for get-snippet to read, saved by save-snippet itself.
if [[ " ${selected[*]} " == *" get-snippet "* ]]; then
  start save-snippet
  snippet_id=$(curl -sf -H "$ctype" -d "$(body save-snippet 0)" "http://127.0.0.1:$port/api.v1.PlaygroundService/SaveSnippet" \
    | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  kill "$fn_pid"; wait "$fn_pid" 2>/dev/null || true
fi

echo "concurrency per instance: $(nproc) cores (function on ${fn_cpu:-all of them}), load $(cut -d' ' -f1-3 /proc/loadavg), JAVA_TOOL_OPTIONS=$JAVA_TOOL_OPTIONS, ${SECONDS_EACH} s per level"
printf '| %-20s | %11s | %8s | %9s | %9s | %9s | %8s | %6s |\n' function concurrency 'req/s' 'p50 ms' 'p99 ms' 'max ms' 'non-2xx' errors
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' ---------------------- ------------- ---------- ----------- ----------- ----------- ---------- --------
max_level=$(tr ' ' '\n' <<<"$LEVELS" | sort -n | tail -n 1)
for name in "${selected[@]}"; do
  start "$name"
  script "$name" >"$work/$name.lua"
  url="http://127.0.0.1:$port$(path "$name")"
  wrk -t 2 -c "$max_level" -d 2s -s "$work/$name.lua" "$url" >/dev/null 2>&1 || true
  for c in $LEVELS; do
    threads=$(( c < 2 ? 1 : 2 ))
    out=$($load_cpu wrk -t "$threads" -c "$c" -d "${SECONDS_EACH}s" --timeout 10s -s "$work/$name.lua" "$url" 2>&1) || true
    read -r _ requests status socket p50 p99 max _ rps < <(grep '^RESULT' <<<"$out" || echo "RESULT 0 0 0 0 0 0 0 0")
    awk -v n="$name" -v c="$c" -v r="$rps" -v a="$p50" -v b="$p99" -v m="$max" -v s="$status" -v e="$socket" \
      'BEGIN { printf "| %-20s | %11d | %8.0f | %9.2f | %9.2f | %9.1f | %8d | %6d |\n", n, c, r, a / 1000, b / 1000, m / 1000, s, e }'
  done
  kill "$fn_pid"; wait "$fn_pid" 2>/dev/null || true
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
