#!/usr/bin/env bash
# FlushPacer share and loop-count experiment (experimental jar in /tmp/exp), ours + ref in one run
set -u
cd /work/main
ulimit -n 20000
W=${W:-"room-100-1k room-1000 pm room-100-84k room-100-96k"}
jq -c '. + {instances: 1}' bench/bench-config.json > /tmp/q/config-1loop.json
rep=${REP:-1}
SERVERS=ref WORKLOADS="$W" PLOTS=0 RESULTS_DIR=/tmp/q/r$rep-ref bench/run.sh > /dev/null 2>&1
for v in "3 2" "10 2" "3 1"; do
  set -- $v
  cfg=bench/bench-config.json; [ "$2" = 1 ] && cfg=/tmp/q/config-1loop.json
  SERVERS=ours WORKLOADS="$W" PLOTS=0 CHAT_JAR=/tmp/exp/target/chat.jar BENCH_CONFIG=$cfg \
    JVM_OPTS="$(cat conf/jvm.options) -Dchat.flushShare=$1" RESULTS_DIR=/tmp/q/r$rep-share$1-loops$2 bench/run.sh > /dev/null 2>&1
done
for d in /tmp/q/r$rep-*; do
  for f in $d/*.json; do
    [ -f "$f" ] || continue
    jq -r --arg d "$(basename $d)" --arg f "$(basename $f .json)" '"\($d) \($f) p50 \(.latencyMs.p50) p99 \(.latencyMs.p99) lost \(.lost) cpu \(.serverCpuPct) dps \(.deliveriesPerSec|round)"' "$f" 2>/dev/null
  done
done
