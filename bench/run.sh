#!/usr/bin/env bash
# Runs every workload against the C reference server (limitchat), its two-thread variant (limitchat-mt, the
# limit of a whole 2-core machine; only the workloads in REF_MT_WORKLOADS) and then our server, saves each
# `bench --json` report in bench/results/ and prints a markdown table comparing them.
#
# Environment: DURATION / WARMUP (seconds per run, default 8 / 25: the JVM's C2 compiler is still busy for
# well over 5 s after a fresh start, see BENCHMARKS.md),
# SERVERS ("ref ref-mt ours" by default; "ref" alone works before the server exists), WORKLOADS (names, default
# all), CHAT_JAR (default target/chat.jar), BENCH_CONFIG (our server's config, default bench/bench-config.json),
# RESULTS_DIR (default bench/results), BENCH_CMD (default: java -jar $CHAT_JAR bench), TABLE_ONLY=1 (only
# print the table from the reports already in bench/results). At the end bench/plot.sh draws the room-100
# results as docs/bench-room-100-p99.png and docs/bench-room-100-deliveries.png (PLOTS=0 skips that).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

DURATION=${DURATION:-8}
WARMUP=${WARMUP:-25}
SERVERS=${SERVERS:-"ref ref-mt ours"}
RESULTS=${RESULTS_DIR:-bench/results}
CONFIG=${BENCH_CONFIG:-bench/bench-config.json}
JAR=${CHAT_JAR:-target/chat.jar}
REF_SRC=../shared/bench/limitchat.c
REF_BIN=/tmp/limitchat
REF_MT_SRC=../shared/bench/limitchat-mt.c
REF_MT_BIN=/tmp/limitchat-mt
REF_MT_THREADS=2
REF_PORT=5591
OUR_PORT=5592
REF_MT_PORT=5593
# the web listener of our server in the ws-* workloads (WebSocket clients; the reference has none)
OUR_HTTP_PORT=5594
WS_CONFIG=bench/bench-config-ws.json
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
  "ws-room-100-12k|--clients 100 --senders 10 --rate 12000 --transport ws"
  "ws-pm|--clients 1000 --senders 1000 --rate 20000 --private --transport ws"
)
WORKLOADS=${WORKLOADS:-$(printf '%s\n' "${WORKLOAD_TABLE[@]}" | cut -d'|' -f1 | tr '\n' ' ')}
# ref-mt only where throughput or latency is measured: it has no cluster, and idle memory is ref's code
REF_MT_WORKLOADS=$(printf '%s\n' "${WORKLOAD_TABLE[@]}" | cut -d'|' -f1 | grep -E '^(room-|pm$)' | tr '\n' ' ')

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

# start_server KIND NAME PORT [ARGS...]: starts a server in the background, sets STARTED_PID; ours reads
# SERVER_CONFIG (default $CONFIG)
start_server() {
  local kind=$1 name=$2 port=$3
  shift 3
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is already in use; stop whatever listens there first"
  fi
  if [ "$kind" = ref ]; then
    "$REF_BIN" "$port" > "$RESULTS/$kind-$name-$port.log" 2>&1 &
  elif [ "$kind" = ref-mt ]; then
    "$REF_MT_BIN" "$port" "$REF_MT_THREADS" > "$RESULTS/$kind-$name-$port.log" 2>&1 &
  else
    # shellcheck disable=SC2046 # the JVM flags are meant to split into words
    MALLOC_MMAP_THRESHOLD_=$MMAP_THRESHOLD CHAT_PORT=$port CHAT_ADMIN_PORT=$((port + 2000)) CHAT_CONFIG=${SERVER_CONFIG:-$CONFIG} \
      java ${JVM_OPTS:-$(cat conf/jvm.options)} -jar "$JAR" "$@" \
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
  if [[ " $SERVERS " == *" ref-mt "* ]]; then
    gcc -O2 -pthread -o "$REF_MT_BIN" "$REF_MT_SRC" || die "cannot build $REF_MT_SRC"
  fi
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
    if [ "$kind" = ref-mt ] && ! runs_ref_mt "$name"; then
      continue
    elif [[ $name == ws-* ]]; then
      # WebSocket clients: only our server has a web listener; the table compares it with TCP
      [ "$kind" = ours ] || continue
      SERVER_CONFIG=$WS_CONFIG start_server ours "$name" "$OUR_PORT"
      wait_port "$OUR_HTTP_PORT" "$STARTED_PID"
      run_bench ours "$name" "$STARTED_PID" "$OUR_HTTP_PORT" "${args[@]}"
    elif [ "$name" = cluster-2 ] && [ "$kind" = ours ]; then
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
      case $kind in
        ref) port=$REF_PORT ;;
        ref-mt) port=$REF_MT_PORT ;;
        *) port=$OUR_PORT ;;
      esac
      start_server "$kind" "$name" "$port"
      run_bench "$kind" "$name" "$STARTED_PID" "$port" "${args[@]}"
    fi
    stop_servers
  done
}

runs_ref_mt() {
  [[ " $REF_MT_WORKLOADS " == *" $1 "* ]]
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
# row LABEL-CELLS FILE: one table row of a report's columns
row() {
  local cells=$1 f=$2 expr
  for expr in "${COLUMNS_JQ[@]}"; do
    cells+=" | $(field "$f" "$expr")"
  done
  echo "$cells |"
}

# ratio_row LABEL BASE-FILE FILE: FILE's columns divided by BASE-FILE's
ratio_row() {
  local cells="| | $1" base=$2 f=$3 expr
  for expr in "${COLUMNS_JQ[@]}"; do
    cells+=" | $(ratio "$(field "$base" "$expr")" "$(field "$f" "$expr")")"
  done
  echo "$cells |"
}

table() {
  echo -n "| workload | server | login ms | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | lost % | reordered+dup "
  echo "| server CPU % | bench CPU % | machine CPU % | RSS after login MiB | KiB/conn |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in $WORKLOADS; do
    local ref="$RESULTS/ref-$name.json" mt="$RESULTS/ref-mt-$name.json" ours="$RESULTS/ours-$name.json"
    if [[ $name == ws-* ]]; then
      # against our own TCP run of the same workload, when there is one
      row "| $name | ours, WebSocket" "$ours"
      ratio_row "ws/tcp (ours, ${name#ws-})" "$RESULTS/ours-${name#ws-}.json" "$ours"
      continue
    fi
    local ref_label=reference ours_label=ours with_mt=
    if [ "$name" = cluster-2 ]; then
      ref_label="reference (1 node)"
      ours_label="ours (2 nodes)"
    fi
    if [[ " $SERVERS " == *" ref-mt "* ]] && runs_ref_mt "$name"; then
      with_mt=1
    fi
    row "| $name | $ref_label" "$ref"
    [ -z "$with_mt" ] || row "| | reference, $REF_MT_THREADS threads" "$mt"
    if [[ " $SERVERS " == *" ours "* ]]; then
      row "| | $ours_label" "$ours"
      ratio_row ours/ref "$ref" "$ours"
      [ -z "$with_mt" ] || ratio_row ours/ref-mt "$mt" "$ours"
    fi
  done
  echo
  echo "Latency is measured from each message's scheduled send time (open loop), over ${DURATION} s" \
    "after ${WARMUP} s warmup."
  if [[ " $SERVERS " == *" ref-mt "* ]]; then
    echo "reference, $REF_MT_THREADS threads: limitchat-mt, the same protocol on $REF_MT_THREADS epoll threads, the limit" \
      "of the whole machine (room-* and pm only)."
  fi
  echo "ws-*: the same workload as without the prefix, every client on a WebSocket to our web listener;" \
    "ws/tcp divides by our own TCP run of it."
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
  local kinds="ref ours"
  [[ " $SERVERS " != *" ref-mt "* ]] || kinds="ref ref-mt ours"
  for kind in $kinds; do
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
  for kind in ref ref-mt; do
    if [ -n "${at[$kind]:-}" ] && [ -n "${at[ours]:-}" ]; then
      echo "Saturation ratio, ours/$kind deliveries/s: $(ratio "${at[$kind]}" "${at[ours]}")"
    fi
    if [ -n "${at_point[$kind]:-}" ] && [ -n "${at_point[ours]:-}" ]; then
      echo "Saturation-point ratio, ours/$kind deliveries/s: $(ratio "${at_point[$kind]}" "${at_point[ours]}")"
    fi
  done
}

[ -n "${TABLE_ONLY:-}" ] || run_all
table | tee "$RESULTS/table.md"
[ "${PLOTS:-1}" = 0 ] || bench/plot.sh "$RESULTS" docs || echo "run.sh: no plots drawn" >&2
