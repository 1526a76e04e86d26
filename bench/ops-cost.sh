#!/usr/bin/env bash
# What operating the server costs: room-100 at 12k msg/s with metrics on and off, interleaved
# (on, off, on, off, ...), and the time /metrics takes to answer with 10,000 users online.
#
# Environment: ROUNDS (on/off pairs, default 2), DURATION / WARMUP (as bench/run.sh), SCRAPES (default 20),
# SCRAPE_INTERVAL (seconds between the settled scrapes, default 0.1).
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
  java $(cat conf/jvm.options) -Xlog:gc:file="$OUT/scrape-gc.log":uptimemillis,timemillis -jar "$JAR" > "$OUT/scrape-server.log" 2>&1 &
server=$!
bench_pid=
trap 'kill $server ${bench_pid:-} 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$ADMIN_PORT/ready" > /dev/null && break
  sleep 0.1
done
java -jar "$JAR" bench --port "$PORT" --clients 10000 --senders 0 --duration 180 --warmup 1 > "$OUT/scrape-bench.log" 2>&1 &
bench_pid=$!
for _ in $(seq 1200); do
  online=$(curl -sf "http://127.0.0.1:$ADMIN_PORT/metrics" | awk '/^chat_users_online\{transport="tcp"/ { print $2 }')
  [ "${online%.*}" = 10000 ] && break
  sleep 0.1
done
[ "${online%.*}" = 10000 ] || { echo "ops-cost.sh: only ${online:-0} users logged in" >&2; exit 1; }
scrape_series() { # $1: file; $2: seconds between scrapes
  for _ in $(seq "$SCRAPES"); do
    printf '%s ' "$(date +%s.%N)"
    curl -s -o "$OUT/scrape.txt" -w '%{time_total} %{size_download}\n' "http://127.0.0.1:$ADMIN_PORT/metrics"
    [ "$2" = 0 ] || sleep "$2"
  done > "$1"
}
summary() { # $1: file (start, seconds taken, bytes per scrape); $2: what it measured
  sort -k2 -n "$1" | awk -v n="$SCRAPES" -v what="$2" '
    { t[NR] = $2 * 1000; size = $3; if ($2 * 1000 >= 50) over++ }
    END { printf "/metrics %s, %d scrapes: min %.1f ms, median %.1f ms, p90 %.1f ms, max %.1f ms, %d over 50 ms, %d bytes\n",
          what, n, t[1], t[int((n + 1) / 2)], t[int(n * 0.9 + 0.5)], t[n], over + 0, size }'
}
deliveries() {
  curl -sf "http://127.0.0.1:$ADMIN_PORT/metrics" | awk '/^chat_fanout_deliveries_total/ { print $2 }'
}
# Right after the last login, while the server still hands out the last join announcements
# (10,000 recipients each) and collects the logins' garbage: back to back.
scrape_series "$OUT/scrape-times-logins.txt" 0
# Then with the 10,000 users online and the joins delivered (the fan-out counter stopped), at
# SCRAPE_INTERVAL seconds apart, as a Prometheus server would scrape, only faster.
last=-1
for _ in $(seq 120); do
  now=$(deliveries)
  [ "$now" = "$last" ] && break
  last=$now
  sleep 1
done
scrape_series "$OUT/scrape-times.txt" "${SCRAPE_INTERVAL:-0.1}"
summary "$OUT/scrape-times-logins.txt" "right after 10000 users logged in"
summary "$OUT/scrape-times.txt" "with 10000 users online, joins delivered"
