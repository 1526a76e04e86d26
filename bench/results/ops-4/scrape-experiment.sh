#!/usr/bin/env bash
# scrape-only experiment: GC log beside scrape times
set -euo pipefail
cd /work/main
OUT=${OUT:-/tmp/scrape/out}; mkdir -p $OUT
PORT=5601; ADMIN_PORT=9191; JAR=target/chat.jar; SCRAPES=${SCRAPES:-50}
JVM=${JVM:-$(cat conf/jvm.options)}
MALLOC_MMAP_THRESHOLD_=131072 CHAT_PORT=$PORT CHAT_ADMIN_PORT=$ADMIN_PORT CHAT_CONFIG=bench/bench-config.json \
  java $JVM -Xlog:gc:file=$OUT/gc.log:uptimemillis -jar "$JAR" > "$OUT/scrape-server.log" 2>&1 &
server=$!
trap 'kill $server ${bench_pid:-} 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$ADMIN_PORT/ready" > /dev/null && break; sleep 0.1; done
java -jar "$JAR" bench --port "$PORT" --clients 10000 --senders 0 --duration 60 --warmup 1 > "$OUT/scrape-bench.log" 2>&1 &
bench_pid=$!
for _ in $(seq 1200); do
  online=$(curl -sf "http://127.0.0.1:$ADMIN_PORT/metrics" | awk '/^chat_users_online\{transport="tcp"/ { print $2 }')
  [ "${online%.*}" = 10000 ] && break; sleep 0.1; done
for _ in $(seq "$SCRAPES"); do
  s=$(date +%s.%N); t=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$ADMIN_PORT/metrics"); echo "$s $t"
done > "$OUT/scrape-times.txt"
sort -k2 -n "$OUT/scrape-times.txt" | tail -5
grep -c Pause $OUT/gc.log; grep Pause $OUT/gc.log | awk '{print $NF}' | sort -n | tail -5
