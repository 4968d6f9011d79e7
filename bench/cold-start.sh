#!/usr/bin/env bash
# Cold start: process start to the first 200 answer, median of 5 runs, and RSS after it, for a
# function jar run by the Functions Framework invoker (as Cloud Functions runs it) next to a bare
# hello function started the same way. Traffic goes to 127.0.0.1 only.
#
#   bench/cold-start.sh                      # save-snippet on SQLite, default JVM flags
#   JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" bench/cold-start.sh
#   bench/cold-start.sh --cds                # also with an AppCDS archive from a training run
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -B -q -DskipTests -pl functions/save-snippet,deploy -am package
invoker=$(find ~/.m2/repository/com/google/cloud/functions/invoker/java-function-invoker -name 'java-function-invoker-*.jar' | sort | tail -n 1)
api=$(find ~/.m2/repository/com/google/cloud/functions/functions-framework-api -name 'functions-framework-api-*.jar' | sort | tail -n 1)
mkdir -p "$work/hello"
javac -d "$work/hello" -cp "$api" bench/hello/Hello.java
(cd "$work/hello" && jar cf ../hello.jar .)
save_jar=$(ls functions/save-snippet/target/save-snippet-*-function.jar)
body='{"sdk":"SDK_JAVA","files":[{"name":"A.java","content":"class A {}"}]}'
url_path=/api.v1.PlaygroundService/SaveSnippet

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# run NAME JAR TARGET [extra JVM flags...]: prints "median_ms rss_mib"
run() {
  local name=$1 jar=$2 target=$3; shift 3
  local times=() rss=()
  for _ in $(seq $RUNS); do
    local port; port=$(free_port)
    rm -f "$work/cold.db"
    local start; start=$(date +%s%N)
    BACKEND_MODULE=sqlite BACKEND_PATH="$work/cold.db" java "$@" -cp "$invoker" \
      com.google.cloud.functions.invoker.runner.Invoker --classpath "$jar" --target "$target" --port "$port" \
      >"$work/$name.log" 2>&1 &
    local pid=$!
    local deadline=$((start + 60000000000))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port$url_path")" = 200 ]; do
      [ "$(date +%s%N)" -lt "$deadline" ] || { kill "$pid"; echo "$name did not answer in 60 s" >&2; cat "$work/$name.log" >&2; exit 1; }
      sleep 0.01
    done
    local end; end=$(date +%s%N)
    rss+=("$(ps -o rss= -p "$pid")")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    times+=($(( (end - start) / 1000000 )))
  done
  echo "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p") $(( $(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p") / 1024 ))"
}

report() {
  local label=$1 base_ms=$2 base_rss=$3 ms=$4 rss=$5
  awk -v l="$label" -v m="$ms" -v r="$rss" -v bm="$base_ms" -v br="$base_rss" \
    'BEGIN { printf "%-34s %6d ms  %4d MiB   %.2fx time  %.2fx memory\n", l, m, r, m / bm, r / br }'
}

read -r hello_ms hello_rss < <(run hello "$work/hello.jar" Hello)
printf '%-34s %6d ms  %4d MiB   (baseline)\n' "hello (bare Functions Framework)" "$hello_ms" "$hello_rss"
read -r ms rss < <(run save-snippet "$save_jar" io.micronaut.gcp.function.http.HttpFunction)
report "save-snippet (sqlite)" "$hello_ms" "$hello_rss" "$ms" "$rss"

if [ "${1:-}" = "--cds" ]; then
  # Training run: one request, then a normal exit writes the archive of every class loaded.
  port=$(free_port)
  BACKEND_MODULE=sqlite BACKEND_PATH="$work/train.db" java -XX:ArchiveClassesAtExit="$work/app.jsa" -cp "$invoker" \
    com.google.cloud.functions.invoker.runner.Invoker --classpath "$save_jar" \
    --target io.micronaut.gcp.function.http.HttpFunction --port "$port" >"$work/train.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port$url_path"; do sleep 0.05; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  read -r ms rss < <(run save-snippet-cds "$save_jar" io.micronaut.gcp.function.http.HttpFunction \
    -XX:SharedArchiveFile="$work/app.jsa")
  report "save-snippet (sqlite, AppCDS)" "$hello_ms" "$hello_rss" "$ms" "$rss"
fi
