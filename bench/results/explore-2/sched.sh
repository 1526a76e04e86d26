#!/usr/bin/env bash
# Per-thread CPU time and run-queue wait (/proc/PID/task/TID/schedstat) of the server and the generator
# over the measured part of one bench run. Usage: [ARGS="bench load args"] [WARM=seconds] sched.sh ref|ours PORT
# (default: room-100 at 1k msg/s, 5 s warm-up). Needs target/chat.jar and /tmp/limitchat (bench/run.sh builds it).
set -u
OUT=${OUT:-/tmp/sched}; mkdir -p "$OUT"
cd "$(dirname "$0")/../../.."
kind=$1; port=$2
if [ "$kind" = ref ]; then /tmp/limitchat $port > /dev/null 2>&1 & else
  MALLOC_MMAP_THRESHOLD_=131072 CHAT_PORT=$port CHAT_ADMIN_PORT=$((port+2000)) CHAT_CONFIG=${CFG:-bench/bench-config.json} java $(cat conf/jvm.options) -jar target/chat.jar > ${OUT:-/tmp/sched}/sched-server.log 2>&1 & fi
srv=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
java -jar target/chat.jar bench --port $port ${ARGS:---clients 100 --senders 10 --rate 1000} --duration 8 --warmup ${WARM:-5} --json > ${OUT:-/tmp/sched}/sched-$kind.json 2>${OUT:-/tmp/sched}/sched-bench.err &
b=$!
snap() { for p in $srv $b; do for t in /proc/$p/task/*; do echo "$p $(basename $t) $(tr -d ' ' < $t/comm 2>/dev/null) $(cat $t/schedstat 2>/dev/null)"; done; done; }
sleep $((${WARM:-5}+1)); snap > ${OUT:-/tmp/sched}/s1; sleep 7; snap > ${OUT:-/tmp/sched}/s2
wait $b; kill $srv; wait $srv 2>/dev/null
join <(awk '{print $1"-"$2, $3, $4, $5, $6}' ${OUT:-/tmp/sched}/s1 | sort) <(awk '{print $1"-"$2, $4, $5, $6}' ${OUT:-/tmp/sched}/s2 | sort) | \
  awk -v srv=$srv '{run=($6-$3)/1e6; wait=($7-$4)/1e6; n=$8-$5; if (run > 50) printf "%s %-22s run %7.0f ms wait %6.0f ms slices %6d wait/slice %.3f ms\n", (index($1, srv"-")==1?"server":"bench "), $2, run, wait, n, wait/(n>0?n:1)}'
jq -r '"p50 \(.latencyMs.p50) p90 \(.latencyMs.p90) p99 \(.latencyMs.p99) floor \(.floorMs.p99 // "-")"' ${OUT:-/tmp/sched}/sched-$kind.json
