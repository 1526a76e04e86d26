#!/usr/bin/env bash
# What operating the server costs: room-100 at 12k msg/s with metrics on and off, interleaved
# (on, off, on, off, ...), and the time /metrics takes to answer with 10,000 users online.
#
# Environment: ROUNDS (on/off pairs, default 2), DURATION / WARMUP (as bench/run.sh), SCRAPES (default 20).
# Reports go to OUT_DIR (default bench/results/ops/); a summary is printed. Run it under `flock /tmp/bench.lock` on a
# shared machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${OUT_DIR:-bench/results/ops}
JAR=${CHAT_JAR:-target/chat.jar}
ROUNDS=${ROUNDS:-2}
SCRAPES=${SCRAPES:-20}
PORT=5592
ADMIN_PORT=7592
mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -B -q -DskipTests package

for round in $(seq "$ROUNDS"); do
  for mode in on off; do
    config=bench/bench-config.json
    [ "$mode" = on ] || config=bench/bench-config-metrics-off.json
    SERVERS=ours WORKLOADS=room-100-12k PLOTS=0 RESULTS_DIR="$OUT/$mode-$round" BENCH_CONFIG=$config \
      bench/run.sh > /dev/null
  done
done

echo "| metrics | round | p99 ms | p50 ms | server CPU % | deliveries/s | lost |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for round in $(seq "$ROUNDS"); do
  for mode in on off; do
    jq -r --arg m "$mode" --arg r "$round" \
      '"| \($m) | \($r) | \(.latencyMs.p99) | \(.latencyMs.p50) | \(.serverCpuPct) | \(.deliveriesPerSec | round) | \(.lost) |"' \
      "$OUT/$mode-$round/ours-room-100-12k.json"
  done
done

# /metrics with 10,000 users online: the generator logs them in and keeps them idle while we scrape.
MALLOC_MMAP_THRESHOLD_=131072 CHAT_PORT=$PORT CHAT_ADMIN_PORT=$ADMIN_PORT CHAT_CONFIG=bench/bench-config.json \
  java $(cat conf/jvm.options) -jar "$JAR" > "$OUT/scrape-server.log" 2>&1 &
server=$!
bench_pid=
trap 'kill $server ${bench_pid:-} 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$ADMIN_PORT/ready" > /dev/null && break
  sleep 0.1
done
java -jar "$JAR" bench --port "$PORT" --clients 10000 --senders 0 --duration 60 --warmup 1 > "$OUT/scrape-bench.log" 2>&1 &
bench_pid=$!
for _ in $(seq 1200); do
  online=$(curl -sf "http://127.0.0.1:$ADMIN_PORT/metrics" | awk '/^chat_users_online\{transport="tcp"/ { print $2 }')
  [ "${online%.*}" = 10000 ] && break
  sleep 0.1
done
[ "${online%.*}" = 10000 ] || { echo "ops-cost.sh: only ${online:-0} users logged in" >&2; exit 1; }
for _ in $(seq "$SCRAPES"); do
  curl -s -o "$OUT/scrape.txt" -w '%{time_total} %{size_download}\n' "http://127.0.0.1:$ADMIN_PORT/metrics"
done > "$OUT/scrape-times.txt"
sort -n "$OUT/scrape-times.txt" | awk -v n="$SCRAPES" '
  { t[NR] = $1 * 1000; size = $2 }
  END { printf "/metrics with 10000 users online, %d scrapes: min %.1f ms, median %.1f ms, max %.1f ms, %d bytes\n",
        n, t[1], t[int((n + 1) / 2)], t[n], size }'
