#!/usr/bin/env bash
# Runs every workload against the C reference server (limitchat) and then against our server, saves each
# `bench --json` report in bench/results/ and prints a markdown table comparing the two.
#
# Environment: DURATION / WARMUP (seconds per run, default 8 / 5; the JVM needs a few seconds of JIT warm-up), SERVERS ("ref ours" by default; "ref" alone
# works before the server exists), WORKLOADS (names, default all), CHAT_JAR (default target/chat.jar), BENCH_CMD
# (default: java -jar $CHAT_JAR bench), TABLE_ONLY=1 (only print the table from the reports already in bench/results).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

DURATION=${DURATION:-8}
WARMUP=${WARMUP:-5}
SERVERS=${SERVERS:-"ref ours"}
RESULTS=bench/results
CONFIG=bench/bench-config.json
JAR=${CHAT_JAR:-target/chat.jar}
REF_SRC=../shared/bench/limitchat.c
REF_BIN=/tmp/limitchat
REF_PORT=5591
OUR_PORT=5592
CLUSTER_PORTS=(5571 5572)
CLUSTER_SETTLE=${CLUSTER_SETTLE:-5}
# the same malloc setting as ./run.sh (see there)
MMAP_THRESHOLD=${MALLOC_MMAP_THRESHOLD_:-131072}
read -r -a BENCH <<< "${BENCH_CMD:-java -jar $JAR bench}"

# name | bench arguments
WORKLOAD_TABLE=(
  "room-100-1k|--clients 100 --senders 10 --rate 1000"
  "room-100-6k|--clients 100 --senders 10 --rate 6000"
  "room-100-12k|--clients 100 --senders 10 --rate 12000"
  "room-100-24k|--clients 100 --senders 10 --rate 24000"
  "room-100-36k|--clients 100 --senders 10 --rate 36000"
  "room-100-48k|--clients 100 --senders 10 --rate 48000"
  "room-100-60k|--clients 100 --senders 10 --rate 60000"
  "room-100-66k|--clients 100 --senders 10 --rate 66000"
  "room-100-72k|--clients 100 --senders 10 --rate 72000"
  "room-100-78k|--clients 100 --senders 10 --rate 78000"
  "room-100-84k|--clients 100 --senders 10 --rate 84000"
  "room-100-90k|--clients 100 --senders 10 --rate 90000"
  "room-100-96k|--clients 100 --senders 10 --rate 96000"
  "room-100-102k|--clients 100 --senders 10 --rate 102000"
  "room-100-108k|--clients 100 --senders 10 --rate 108000"
  "room-100-114k|--clients 100 --senders 10 --rate 114000"
  "room-100-120k|--clients 100 --senders 10 --rate 120000"
  "room-1000|--clients 1000 --senders 10 --rate 1000"
  "pm|--clients 1000 --senders 1000 --rate 20000 --private"
  "idle-10k|--clients 10000 --senders 0"
  "cluster-2|--clients 100 --senders 10 --rate 6000"
)
WORKLOADS=${WORKLOADS:-$(printf '%s\n' "${WORKLOAD_TABLE[@]}" | cut -d'|' -f1 | tr '\n' ' ')}

SERVER_PIDS=()
cleanup() {
  for pid in "${SERVER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${SERVER_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

die() { echo "run.sh: $*" >&2; exit 1; }

command -v jq >/dev/null || die "jq is needed to read the JSON reports"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 12000 ] \
  || echo "run.sh: warning: only $(ulimit -n) file descriptors; idle-10k needs more than 10000" >&2


wait_port() {
  local port=$1 pid=$2
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || die "server (pid $pid) for port $port exited; see $RESULTS/*.log"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  die "nothing listens on port $port after 30 s"
}

# start_server KIND NAME PORT [ARGS...]: starts a server in the background, sets STARTED_PID
start_server() {
  local kind=$1 name=$2 port=$3
  shift 3
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is already in use; stop whatever listens there first"
  fi
  if [ "$kind" = ref ]; then
    "$REF_BIN" "$port" > "$RESULTS/$kind-$name-$port.log" 2>&1 &
  else
    # shellcheck disable=SC2046 # the JVM flags are meant to split into words
    MALLOC_MMAP_THRESHOLD_=$MMAP_THRESHOLD CHAT_PORT=$port CHAT_CONFIG=$CONFIG java ${JVM_OPTS:-$(cat conf/jvm.options)} -jar "$JAR" "$@" \
      > "$RESULTS/$kind-$name-$port.log" 2>&1 &
  fi
  STARTED_PID=$!
  SERVER_PIDS+=("$STARTED_PID")
  wait_port "$port" "$STARTED_PID"
}

stop_servers() {
  cleanup
  SERVER_PIDS=()
  sleep 1 # let sockets and memory settle before the next server starts
}

# busy and total jiffies of all CPUs, to see whether anything else was competing with bench and server
cpu_jiffies() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}

# run_bench KIND NAME PID PORTS ARGS...: runs the bench tool and keeps its JSON report, plus machine CPU use
run_bench() {
  local kind=$1 name=$2 pid=$3 ports=$4 busy0 all0 busy1 all1
  shift 4
  local out="$RESULTS/$kind-$name.json"
  echo "== $kind $name: bench --port $ports $* (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
  read -r busy0 all0 < <(cpu_jiffies)
  "${BENCH[@]}" --json --port "$ports" --server-pid "$pid" --duration "$DURATION" --warmup "$WARMUP" "$@" \
    > "$RESULTS/$kind-$name.out" || echo "run.sh: bench exited with $? for $kind $name" >&2
  read -r busy1 all1 < <(cpu_jiffies)
  grep '^{' "$RESULTS/$kind-$name.out" | tail -n 1 \
    | jq -c --argjson busy "$(( 100 * (busy1 - busy0) * $(nproc) / (all1 - all0 + 1) ))" '. + {machineCpuPct: $busy}' \
    > "$out" || true
  [ -s "$out" ] || { echo "run.sh: no report for $kind $name" >&2; rm -f "$out"; }
}

workload_args() {
  printf '%s\n' "${WORKLOAD_TABLE[@]}" | awk -F'|' -v n="$1" '$1 == n { print $2 }'
}

run_all() {
  mkdir -p "$RESULTS"
  gcc -O2 -o "$REF_BIN" "$REF_SRC" || die "cannot build $REF_SRC"
  if [ ! -f "$JAR" ] && { [[ " $SERVERS " == *" ours "* ]] || [ -z "${BENCH_CMD:-}" ]; }; then
    mvn -B -q -DskipTests package || die "maven build failed"
  fi
  for name in $WORKLOADS; do
    run_workload "$name"
  done
}

run_workload() {
  local name=$1 kind port first args
  read -r -a args <<< "$(workload_args "$name")"
  [ ${#args[@]} -gt 0 ] || die "unknown workload $name"
  for kind in $SERVERS; do
    if [ "$name" = cluster-2 ] && [ "$kind" = ours ]; then
      start_server ours "$name" "${CLUSTER_PORTS[0]}" --cluster
      first=$STARTED_PID
      start_server ours "$name" "${CLUSTER_PORTS[1]}" --cluster
      sleep "$CLUSTER_SETTLE" # both nodes listen; give the cluster time to form
      run_bench ours "$name" "$first" "${CLUSTER_PORTS[0]},${CLUSTER_PORTS[1]}" "${args[@]}"
    elif [ "$name" = cluster-2 ]; then
      # the reference has no cluster: its row is a single server under the same load
      start_server ref "$name" "$REF_PORT"
      run_bench ref "$name" "$STARTED_PID" "$REF_PORT" "${args[@]}"
    else
      port=$([ "$kind" = ref ] && echo "$REF_PORT" || echo "$OUR_PORT")
      start_server "$kind" "$name" "$port"
      run_bench "$kind" "$name" "$STARTED_PID" "$port" "${args[@]}"
    fi
    stop_servers
  done
}

# field FILE JQ-EXPRESSION: one value from a report, or "-" when missing
field() {
  [ -s "$1" ] || { echo -; return; }
  jq -r "($2) // \"-\" | if type != \"number\" then . elif fabs >= 100 then round else (. * 100 | round / 100) end" "$1"
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "-" || b == "-" || a + 0 == 0) { print "-"; exit }
    printf "%.2f\n", b / a }'
}

COLUMNS_JQ=(
  '.loginMs' '.deliveriesPerSec' '.latencyMs.p50' '.latencyMs.p99' '.latencyMs.p999' '.latencyMs.max'
  '.lossPct' '(if has("orderViolations") then .orderViolations + .duplicates else null end)'
  '.serverCpuPct' '.benchCpuPct' '.machineCpuPct'
  '((.rssKiB.afterLogin // empty) / 1024)' '.rssPerConnKiB'
)
table() {
  echo -n "| workload | server | login ms | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | lost % | reordered+dup "
  echo "| server CPU % | bench CPU % | machine CPU % | RSS after login MiB | KiB/conn |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in $WORKLOADS; do
    local ref="$RESULTS/ref-$name.json" ours="$RESULTS/ours-$name.json" r o
    local ref_label=reference ours_label=ours
    if [ "$name" = cluster-2 ]; then
      ref_label="reference (1 node)"
      ours_label="ours (2 nodes)"
    fi
    local row_ref="| $name | $ref_label" row_ours="| | $ours_label" row_ratio="| | ours/ref"
    for expr in "${COLUMNS_JQ[@]}"; do
      r=$(field "$ref" "$expr")
      o=$(field "$ours" "$expr")
      row_ref+=" | $r"
      row_ours+=" | $o"
      row_ratio+=" | $(ratio "$r" "$o")"
    done
    echo "$row_ref |"
    if [[ " $SERVERS " == *" ours "* ]]; then
      echo "$row_ours |"
      echo "$row_ratio |"
    fi
  done
  echo
  echo "Latency is measured from each message's scheduled send time (open loop), over ${DURATION} s" \
    "after ${WARMUP} s warmup."
  echo "cluster-2: our two clustered nodes against the reference's single server (it has no cluster);" \
    "RSS/CPU are node 1's."
  echo "CPU % is of one core (server and bench while measuring; machine = everything, whole bench run," \
    "$(nproc) cores)."
  echo
  saturation
}

# The highest room-100 rate each server kept with p99 under 50 ms and nothing lost, and the ratio of
# the deliveries per second there (the saturation target). Near the top single runs are noisy (a
# server can miss at one rate and pass at a higher one), so the saturation point, the last rate
# before the first miss, is printed as well.
saturation() {
  local kind best point missed name f ok
  declare -A at=() at_point=()
  for kind in ref ours; do
    best=- point=- missed=
    for name in $WORKLOADS; do
      [[ $name == room-100-* ]] || continue
      f="$RESULTS/$kind-$name.json"
      [ -s "$f" ] || continue
      ok=$(jq -r '(.latencyMs.p99 < 50 and .lost == 0 and .expected > 0)' "$f")
      if [ "$ok" = true ]; then
        best=$name
        at[$kind]=$(jq -r '.deliveriesPerSec | round' "$f")
        if [ -z "$missed" ]; then
          point=$name
          at_point[$kind]=${at[$kind]}
        fi
      else
        missed=1
      fi
    done
    echo "Saturation, $kind: highest room-100 rate with p99 < 50 ms and no loss: $best (${at[$kind]:--} deliveries/s)"
    echo "Saturation point, $kind: last rate before the first miss: $point (${at_point[$kind]:--} deliveries/s)"
  done
  if [ -n "${at[ref]:-}" ] && [ -n "${at[ours]:-}" ]; then
    echo "Saturation ratio, ours/ref deliveries/s: $(awk -v a="${at[ref]}" -v b="${at[ours]}" 'BEGIN { printf "%.2f", b / a }')"
  fi
  if [ -n "${at_point[ref]:-}" ] && [ -n "${at_point[ours]:-}" ]; then
    echo "Saturation-point ratio, ours/ref deliveries/s: $(awk -v a="${at_point[ref]}" -v b="${at_point[ours]}" 'BEGIN { printf "%.2f", b / a }')"
  fi
}

[ -n "${TABLE_ONLY:-}" ] || run_all
table | tee "$RESULTS/table.md"
