#!/usr/bin/env bash
set -u
cd /work/main
ulimit -n 20000
W=${W:-room-100-1k}
for rep in 1 2 3; do
  SERVERS=ref WORKLOADS="$W" PLOTS=0 RESULTS_DIR=bench/results/explore-2/r$rep-ref bench/run.sh > /dev/null 2>&1
  SERVERS=ours WORKLOADS="$W" PLOTS=0 RESULTS_DIR=bench/results/explore-2/r$rep-ours bench/run.sh > /dev/null 2>&1
  SERVERS=ours WORKLOADS="$W" PLOTS=0 BENCH_CONFIG=bench/results/explore-2/nocoal.json RESULTS_DIR=bench/results/explore-2/r$rep-nocoal bench/run.sh > /dev/null 2>&1
  SERVERS=ours WORKLOADS="$W" PLOTS=0 BENCH_CONFIG=bench/results/explore-2/one.json RESULTS_DIR=bench/results/explore-2/r$rep-one bench/run.sh > /dev/null 2>&1
done
for d in bench/results/explore-2/r*-*; do
  for f in $d/*.json; do
    jq -r --arg d "$(basename $d)" --arg f "$(basename $f .json)" '"\($d) \($f) p50 \(.latencyMs.p50) p90 \(.latencyMs.p90) p99 \(.latencyMs.p99) floor \(.floorMs.p99 // "-") cpu \(.serverCpuPct) lost \(.lost)"' "$f" 2>/dev/null
  done
done
