#!/usr/bin/env bash
# Cold start of every function: process start to the first successful answer, median of 5 runs, and
# RSS after it, each function jar run by the Functions Framework invoker (as Cloud Functions runs it)
# next to a bare hello function started the same way, in turn with it (hello, function, hello, ...,
# so both see the same machine load); one line per function with its ratios to that hello. Event
# functions are also compared with a bare CloudEvent hello. Traffic goes to 127.0.0.1 only.
#
#   bench/cold-start.sh                          # all seven functions, JVM defaults
#   bench/cold-start.sh save-snippet get-catalog # some of them
#   JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" bench/cold-start.sh
#   bench/cold-start.sh --cds                    # also each function with its own AppCDS archive
#   bench/cold-start.sh --classes                # also the classes each loads up to its first answer
#   RUNS=3 bench/cold-start.sh --no-build ...    # fewer runs; skip the Maven build
#   JARS=/tmp/old bench/cold-start.sh --no-build # the <name>-*-function.jar files of another build
#   CATALOG=warm bench/cold-start.sh get-catalog # the catalog already cached in Redis, as a new instance of a
#                                                # running system finds it (default: cold, Redis emptied before
#                                                # every run, so get-catalog builds the catalog from the store)
#                                                # The store holds deploy/examples either way, loaded as
#                                                # deploy.sh loads them.
#   CPUS=1 bench/cold-start.sh                   # each function and hello on one CPU (taskset), as Terraform
#                                                # deploys them (cpu = 1); the emulators and Redis keep the rest
#   BACKEND=sqlite bench/cold-start.sh           # store functions on SQLite (its module jars added to the
#                                                # class path: a function jar carries Datastore only)
#
# JAVA_TOOL_OPTIONS reaches every JVM started here (hello included), as Cloud Functions passes it.
# What each function needs is started here and stopped on exit: the Datastore emulator (BACKEND=datastore,
# the default, as deployed) or a SQLite file, seeded with one snippet by a save-snippet run, a redis-server on a
# free port, the Pub/Sub emulator (for cancel).
# HTTP functions are asked a valid Connect request that answers 200; cancel-listener and maintenance
# are sent a Pub/Sub CloudEvent in binary mode (ce-* headers) until the invoker answers 2xx.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
BACKEND=${BACKEND:-datastore}
CATALOG=${CATALOG:-cold}
case $CATALOG in cold|warm) ;; *) echo "CATALOG is cold or warm" >&2; exit 2 ;; esac
case $BACKEND in datastore|sqlite) ;; *) echo "BACKEND is datastore or sqlite" >&2; exit 2 ;; esac
CPUS=${CPUS:-all}
pin=()
case $CPUS in
  all) ;;
  1) command -v taskset >/dev/null || { echo "CPUS=1 needs taskset (util-linux)" >&2; exit 2; }; pin=(taskset -c 0) ;;
  *) echo "CPUS is all or 1" >&2; exit 2 ;;
esac
ALL=(save-snippet get-snippet get-catalog get-pipeline-output cancel cancel-listener maintenance)
cds=false build=true classes=false selected=()
for arg in "$@"; do
  case $arg in
    --cds) cds=true ;;
    --classes) classes=true ;;
    --no-build) build=false ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) [[ " ${ALL[*]} " == *" $arg "* ]] || { echo "unknown function $arg; one of: ${ALL[*]}" >&2; exit 2; }
       selected+=("$arg") ;;
  esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${ALL[@]}")

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

needs() { local f; for f in "${selected[@]}"; do [[ " $* " == *" $f "* ]] && return 0; done; return 1; }
modules=$(printf 'functions/%s,' "${selected[@]}" save-snippet)
[ "$BACKEND" = sqlite ] && modules="${modules}backends/sqlite,"
# The local jar loads the examples into the store of the functions that have one.
needs save-snippet get-snippet get-catalog maintenance && modules="${modules}deploy,"
$build && ./mvnw -B -q -DskipTests -pl "${modules%,}" -am package
invoker=$(find ~/.m2/repository/com/google/cloud/functions/invoker/java-function-invoker -name 'java-function-invoker-*.jar' | sort | tail -n 1)
api=$(find ~/.m2/repository/com/google/cloud/functions/functions-framework-api -name 'functions-framework-api-*.jar' | sort | tail -n 1)
mkdir -p "$work/hello"
javac -d "$work/hello" -cp "$api:$invoker" bench/hello/Hello.java bench/hello/HelloEvent.java
(cd "$work/hello" && jar cf ../hello.jar .)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
jar_of() { ls "${JARS:-functions/$1/target}"/"$1"-[0-9]*-function.jar; }
# The class path of a store function's run: its jar, plus the SQLite module and driver with BACKEND=sqlite.
extra_cp=""
if [ "$BACKEND" = sqlite ]; then
  extra_cp=":$(ls backends/sqlite/target/playground-sqlite-[0-9]*.jar | grep -v -- '-tests')"
  extra_cp+=":$(find ~/.m2/repository/org/xerial/sqlite-jdbc -name "sqlite-jdbc-$(sed -n 's:.*<sqlite-jdbc.version>\(.*\)</sqlite-jdbc.version>.*:\1:p' pom.xml).jar")"
fi
store_env() {
  if [ "$BACKEND" = sqlite ]; then store=(BACKEND_MODULE=sqlite BACKEND_PATH="$work/$1.db")
  else store=(BACKEND_MODULE=datastore DATASTORE_EMULATOR_HOST="${datastore_host:-}" BACKEND_PROJECT_ID=bench); fi
}
HTTP_TARGET=dev.beamplayground.edge.PlaygroundHttpFunction
ctype='Content-Type: application/json'
uuid=3f0c1bde-8f5e-4c57-9d5c-0a1b2c3d4e5f

# start_fn NAME PORT LOG [JVM flags...]: the function's process in the background, its pid in $fn_pid.
start_fn() {
  local name=$1 port=$2 log=$3; shift 3
  local jar target=$HTTP_TARGET env=() store=()
  jar=$(jar_of "$name" 2>/dev/null || echo "$work/hello.jar")
  store_env run
  case $name in
    hello) target=Hello ;;
    hello-event) target=HelloEvent ;;
    save-snippet) env=("${store[@]}") jar+=$extra_cp ;;
    get-snippet|get-catalog|maintenance) env=("${store[@]}" REDIS_URI="$redis_uri") jar+=$extra_cp ;;
    get-pipeline-output|cancel-listener) env=(REDIS_URI="$redis_uri") ;;
    cancel) env=(REDIS_URI="$redis_uri" CANCEL_TOPIC=cancel PUBSUB_EMULATOR_HOST="$pubsub_host" GCP_PROJECT_ID=bench) ;;
  esac
  case $name in
    cancel-listener) target=dev.beamplayground.cancel.listener.CancelListenerFunction ;;
    maintenance) target=dev.beamplayground.function.maintenance.MaintenanceFunction ;;
  esac
  env "${env[@]}" "${pin[@]}" java "$@" -cp "$invoker" com.google.cloud.functions.invoker.runner.Invoker \
    --classpath "$jar" --target "$target" --port "$port" >"$log" 2>&1 &
  fn_pid=$!
  pids+=("$fn_pid")
}

# ask NAME PORT: the HTTP status of the function's request (000 when nothing listens yet).
ask() {
  local name=$1 base=http://127.0.0.1:$2/api.v1.PlaygroundService
  case $name in
    hello) curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/" ;;
    save-snippet) curl -s -o /dev/null -w '%{http_code}' -H "$ctype" \
      -d '{"sdk":"SDK_JAVA","files":[{"name":"A.java","content":"class A {}"}]}' "$base/SaveSnippet" ;;
    get-snippet) curl -s -o /dev/null -w '%{http_code}' -H "$ctype" -d "{\"id\":\"$snippet_id\"}" "$base/GetSnippet" ;;
    get-catalog) curl -s -o /dev/null -w '%{http_code}' -H "$ctype" -d '{}' "$base/GetPrecompiledObjects" ;;
    get-pipeline-output) curl -s -o /dev/null -w '%{http_code}' -H "$ctype" -d "{\"pipelineUuid\":\"$uuid\"}" "$base/CheckStatus" ;;
    cancel) curl -s -o /dev/null -w '%{http_code}' -H "$ctype" -d "{\"pipelineUuid\":\"$uuid\"}" "$base/Cancel" ;;
    cancel-listener|maintenance|hello-event)
      local data; data=$(printf '{"pipelineUuid":"%s"}' "$uuid" | base64 -w0)
      curl -s -o /dev/null -w '%{http_code}' -H "$ctype" -H 'ce-specversion: 1.0' -H "ce-id: bench-$RANDOM" \
        -H 'ce-type: google.cloud.pubsub.topic.v1.messagePublished' \
        -H 'ce-source: //pubsub.googleapis.com/projects/bench/topics/bench' \
        -d "{\"message\":{\"data\":\"$data\",\"messageId\":\"1\"},\"subscription\":\"projects/bench/subscriptions/bench\"}" \
        "http://127.0.0.1:$2/" ;;
  esac
}

# Per-run state: a copy of the seeded SQLite file, a running pipeline in Redis, which is emptied first unless
# CATALOG=warm keeps the catalog the seeding get-catalog cached.
prepare() {
  [ -f "$work/seed.db" ] && cp "$work/seed.db" "$work/run.db" && rm -f "$work/run.db-wal" "$work/run.db-shm"
  if [ -n "${redis_port:-}" ]; then
    if [ "$CATALOG" = warm ]; then
      redis-cli -p "$redis_port" DEL "$uuid" >/dev/null
    else
      redis-cli -p "$redis_port" FLUSHALL >/dev/null
    fi
    redis-cli -p "$redis_port" HSET "$uuid" STATUS STATUS_EXECUTING >/dev/null
  fi
}

# once NAME [JVM flags...]: one cold start; sets $one_ms and $one_kib (RSS after the answer). Runs in
# this shell, so that the trap sees every pid.
once() {
  local name=$1 code; shift
  prepare
  local port; port=$(free_port)
  local start; start=$(date +%s%N)
  start_fn "$name" "$port" "$work/$name.log" "$@"
  local deadline=$((start + 60000000000))
  until code=$(ask "$name" "$port") && [[ $code == 2?? ]]; do
    if [ "$(date +%s%N)" -ge "$deadline" ] || ! kill -0 "$fn_pid" 2>/dev/null; then
      echo "$name did not answer 2xx in 60 s (last status $code):" >&2; tail -n 30 "$work/$name.log" >&2; exit 1
    fi
    sleep 0.01
  done
  local end; end=$(date +%s%N)
  one_kib=$(ps -o rss= -p "$fn_pid")
  kill "$fn_pid"; wait "$fn_pid" 2>/dev/null || true
  one_ms=$(( (end - start) / 1000000 ))
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

# measure NAME [JVM flags...]: RUNS rounds of hello, (hello-event for an event function,) then NAME, so
# that each function is compared with baselines started at the same moments (the machine's load moves).
# Sets the medians: ms, rss (MiB) of NAME; hello_ms, hello_rss; event_ms, event_rss.
measure() {
  local name=$1; shift
  local t=() r=() ht=() hr=() et=() er=()
  for _ in $(seq "$RUNS"); do
    once hello; ht+=("$one_ms"); hr+=("$one_kib")
    if [[ $name == cancel-listener || $name == maintenance ]]; then
      once hello-event; et+=("$one_ms"); er+=("$one_kib")
    fi
    once "$name" "$@"; t+=("$one_ms"); r+=("$one_kib")
  done
  ms=$(median "${t[@]}"); rss=$(( $(median "${r[@]}") / 1024 ))
  hello_ms=$(median "${ht[@]}"); hello_rss=$(( $(median "${hr[@]}") / 1024 ))
  if [ ${#et[@]} -gt 0 ]; then event_ms=$(median "${et[@]}"); event_rss=$(( $(median "${er[@]}") / 1024 )); fi
}

# --- What the functions need. ---
if needs get-catalog get-pipeline-output cancel cancel-listener maintenance; then
  redis_port=$(free_port)
  redis_uri=redis://127.0.0.1:$redis_port
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=($!)
  until redis-cli -p "$redis_port" PING >/dev/null 2>&1; do sleep 0.05; done
fi
if needs cancel; then
  emulator=$(ls "${CLOUDSDK_ROOT:-/usr/lib/google-cloud-sdk}"/platform/pubsub-emulator/lib/cloud-pubsub-emulator-*-all.jar | head -n 1)
  pubsub_port=$(free_port)
  pubsub_host=127.0.0.1:$pubsub_port
  (cd "$work" && exec java -jar "$emulator" --host=127.0.0.1 --port="$pubsub_port" >"$work/pubsub.log" 2>&1) &
  pids+=($!)
  until curl -s -o /dev/null "http://$pubsub_host/"; do sleep 0.1; done
  curl -sf -o /dev/null -X PUT -H "$ctype" -d '{}' "http://$pubsub_host/v1/projects/bench/topics/cancel"
fi
if needs save-snippet get-snippet get-catalog maintenance && [ "$BACKEND" = datastore ]; then
  emulator=${CLOUDSDK_ROOT:-/usr/lib/google-cloud-sdk}/platform/cloud-datastore-emulator/CloudDatastore.jar
  datastore_port=$(free_port)
  datastore_host=127.0.0.1:$datastore_port
  (cd "$work" && exec java -cp "$emulator" com.google.cloud.datastore.emulator.CloudDatastore start \
    --host=127.0.0.1 --port="$datastore_port" --testing --firestore_in_datastore_mode >"$work/datastore.log" 2>&1) &
  pids+=($!)
  until curl -s -o /dev/null "http://$datastore_host/"; do sleep 0.1; done
fi
if needs save-snippet get-snippet get-catalog maintenance; then
  # The seed: schema and one snippet, written by save-snippet itself.
  port=$(free_port)
  store_env seed
  env "${store[@]}" java -cp "$invoker" com.google.cloud.functions.invoker.runner.Invoker \
    --classpath "$(jar_of save-snippet)$extra_cp" --target "$HTTP_TARGET" --port "$port" >"$work/seed.log" 2>&1 &
  seed_pid=$!; pids+=("$seed_pid"); seed_start=$SECONDS
  until answer=$(curl -sf -H "$ctype" -d '{"sdk":"SDK_JAVA","files":[{"name":"A.java","content":"class A {}"}]}' \
      "http://127.0.0.1:$port/api.v1.PlaygroundService/SaveSnippet"); do
    if ! kill -0 "$seed_pid" 2>/dev/null || [ $SECONDS -gt $((seed_start + 120)) ]; then
      echo "the seeding save-snippet did not save in 120 s:" >&2; tail -n 30 "$work/seed.log" >&2; exit 1
    fi
    sleep 0.05
  done
  snippet_id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$answer")
  kill "$seed_pid"; wait "$seed_pid" 2>/dev/null || true
  # The examples, as deploy.sh loads them (no Redis: the first get-catalog publishes them, as maintenance would).
  env "${store[@]}" GCP_PROJECT_ID=bench java -cp deploy/target/playground-local.jar \
    dev.beamplayground.deploy.examples.LoadExamples deploy/examples >"$work/examples.log" 2>&1 \
    || { echo "the examples did not load:" >&2; cat "$work/examples.log" >&2; exit 1; }
fi

# cds_archive NAME: a training run (one successful answer, then a normal exit) writes the archive of
# every class loaded.
cds_archive() {
  local name=$1 port; port=$(free_port)
  prepare
  start_fn "$name" "$port" "$work/$name-train.log" -XX:ArchiveClassesAtExit="$work/$name.jsa"
  until [[ $(ask "$name" "$port") == 2?? ]]; do sleep 0.05; done
  kill "$fn_pid"; wait "$fn_pid" 2>/dev/null || true
}

echo "JAVA_TOOL_OPTIONS=${JAVA_TOOL_OPTIONS:-}  backend=$BACKEND  catalog=$CATALOG  runs=$RUNS  $(nproc) cores  cpus=$CPUS  load $(cut -d' ' -f1-3 /proc/loadavg)"
# report LABEL: the last measure's figures, with ratios to its hello (the target) and, for the event
# functions, to hello-event.
report() {
  local extra=""
  if [[ $1 == cancel-listener* || $1 == maintenance* ]]; then
    extra=$(awk -v m="$ms" -v r="$rss" -v bm="$event_ms" -v br="$event_rss" \
      'BEGIN { printf "; vs hello-event (%d ms, %d MiB) %.2fx %.2fx", bm, br, m / bm, r / br }')
  fi
  awk -v l="$1" -v m="$ms" -v r="$rss" -v bm="$hello_ms" -v br="$hello_rss" -v x="$extra" \
    'BEGIN { printf "%-26s %6d ms %4d MiB  %5.2fx time %5.2fx memory  %-11s (hello %d ms, %d MiB%s)\n", l, m, r,
             m / bm, r / br, (m / bm <= 1.5 && r / br <= 1.5) ? "1.5x met" : "1.5x missed", bm, br, x }'
}
# classes_of NAME: the classes one cold start loads up to its first answer (an extra run, with class-load logging).
classes_of() {
  once "$1" -Xlog:class+load=info:file="$work/$1.classes"
  grep -c 'source:' "$work/$1.classes"
}
if [ "$CATALOG" = warm ] && needs get-catalog; then
  once get-catalog # caches the catalog in Redis for every measured run
fi
for name in "${selected[@]}"; do
  measure "$name"
  report "$name"
  if $classes; then
    echo "  classes loaded: $name $(classes_of "$name"), hello $(classes_of hello)"
  fi
  if $cds; then
    cds_archive "$name"
    measure "$name" -XX:SharedArchiveFile="$work/$name.jsa"
    report "$name (AppCDS)"
  fi
done
