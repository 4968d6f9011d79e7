#!/usr/bin/env bash
# Issue 19: a fresh event-store instance's first GetSnippet and its heap after it, at 1,000, 10,000 and
# 100,000 snippets, with the materialized view (this code) and with the replay every instance did before
# (the event backend of the commit before the view, built from git into a package of its own).
#
#   bench/event-view.sh [base-commit]     # default: the parent of the first view commit
#
# Starts its own redis-server (appendonly yes, appendfsync always) on 127.0.0.1 and stops it. Snippets are
# written through the store's transfer path (putSnippets, 100 per transaction). Each measurement is a new
# JVM (-XX:+UseSerialGC -XX:TieredStopAtLevel=1, as Cloud Functions starts one) that first warms a
# throwaway Redis client (its start is the same for any history and is reported apart), then opens the
# store and answers one GetSnippet; 3 runs per size for the view, 1 for the replay (it takes long at
# 100,000). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-c41be81}
work=$(mktemp -d /tmp/event-view-bench.XXXXXX)
trap 'kill "$redis_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# One reactor run, so the event module's class path names shared's classes (the last module writes cp.txt).
./mvnw -B -q -pl backends/event -am test-compile dependency:build-classpath -Djacoco.skip=true \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test
cp="backends/event/target/classes:backends/event/target/test-classes:$(cat "$work/cp.txt")"

# The replaying backend as it was at $base, moved to a package of its own so both run from one class path.
old="$work/old/dev/beamplayground/bench/replay"
mkdir -p "$old"
for f in Event EventLog EventSettings EventState EventStore InstanceSerializer LogEntry; do
  # (before the module split the backend lived in shared/)
  git show "$base:shared/src/main/java/dev/beamplayground/store/event/$f.java" \
    | sed 's/^package dev.beamplayground.store.event;/package dev.beamplayground.bench.replay;/' > "$old/$f.java"
done
cat > "$old/ReplayFirst.java" <<'JAVA'
package dev.beamplayground.bench.replay;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The first GetSnippet of a fresh instance of the replaying event store, and the heap after it. */
public final class ReplayFirst {
    public static void main(String[] args) {
        double warm = dev.beamplayground.store.event.EventViewBench.warmUp(args[0]);
        long t = System.nanoTime();
        try (EventStore store = new EventStore(EventSettings.from(Map.of("model-prefix", "bench", "uri", args[0],
                "stream", args[1])), dev.beamplayground.versioning.Codecs.current())) {
            store.visitSnippet(args[2], Instant.now()).orElseThrow();
            double ms = (System.nanoTime() - t) / 1e6;
            System.gc();
            System.out.printf(Locale.ROOT, "first-getsnippet warm_ms=%.1f ms=%.1f heap_mib=%.1f%n", warm, ms,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0));
        }
    }
}
JAVA
mkdir -p "$work/old-classes"
javac -nowarn -d "$work/old-classes" -cp "$cp" "$old"/*.java

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/redis"
redis-server --port "$port" --bind 127.0.0.1 --dir "$work/redis" --appendonly yes --appendfsync always \
  --save '' --daemonize no > "$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
uri="redis://127.0.0.1:$port"
jvm=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx6g -cp "$cp:$work/old-classes")

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
median() { sort -n | sed -n '2p'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| snippets | log entries | client warm-up ms (not in the next columns) | view: first GetSnippet ms (median of 3) | view: heap MiB | replay: first GetSnippet ms | replay: heap MiB |"
echo "|---|---|---|---|---|---|---|"
loaded=0
for n in 1000 10000 100000; do
  "${jvm[@]}" dev.beamplayground.store.event.EventViewBench load "$uri" bench "$loaded" "$n" >&2
  loaded=$n
  id=$(printf 'bench%07d' $((n / 2)))
  runs=$(for _ in 1 2 3; do "${jvm[@]}" dev.beamplayground.store.event.EventViewBench first "$uri" bench "$id"; done)
  warm_ms=$(echo "$runs" | field warm_ms | median)
  view_ms=$(echo "$runs" | field ' ms' | median)
  view_heap=$(echo "$runs" | field heap_mib | median)
  entries=$(redis-cli -p "$port" xlen '{bench}:log')
  replay=$("${jvm[@]}" dev.beamplayground.bench.replay.ReplayFirst "$uri" bench "$id")
  echo "| $n | $entries | $warm_ms | $view_ms | $view_heap | $(echo "$replay" | field ' ms') | $(echo "$replay" | field heap_mib) |"
done
echo "redis used_memory: $(redis-cli -p "$port" info memory | sed -n 's/^used_memory_human:\(.*\)\r$/\1/p')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
