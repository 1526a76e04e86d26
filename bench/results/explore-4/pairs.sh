#!/bin/bash
# usage: pairs.sh ROUNDS OUT "bench args" — interleaved runs of the reference and the servers named in
# $SERVERS (default "ref ours"; "old" is $OLD, any other name is $JAR, which also drives the load);
# each line of OUT is "round server p50 p99 p99.9 server-cpu lost". Run from anywhere; OUT is
# relative to the project root.
rounds=$1; out=$2; args=$3
cd "$(dirname "$0")/../../.." || exit 1
[ -x /tmp/limitchat ] || gcc -O2 -o /tmp/limitchat ../shared/bench/limitchat.c || exit 1
ulimit -n 20000
servers=${SERVERS:-ref ours}
gen=${JAR:-target/chat.jar}
wait_port() { for i in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return; sleep 0.1; done; }
summary() { awk -v r="$1" -v s="$2" '/^latency/{p50=$4;p99=$8;p999=$10} /^cpu/{cpu=$5} /^delivery/{lost=$9} END{print r, s, p50, p99, p999, cpu, lost}'; }
for r in $(seq "$rounds"); do
  for s in $servers; do
    port=$((5700 + RANDOM % 200))
    case $s in
      ref) /tmp/limitchat $port > /dev/null 2>&1 & ;;
      *) jar=$gen; [ $s = old ] && jar=$OLD
        MALLOC_MMAP_THRESHOLD_=131072 CHAT_PORT=$port CHAT_ADMIN_PORT=$((port+2000)) CHAT_CONFIG=bench/bench-config.json \
          java $(cat conf/jvm.options) -jar "$jar" > /dev/null 2>&1 & ;;
    esac
    pid=$!
    wait_port $port
    java -jar "$gen" bench --port $port --server-pid $pid --duration 8 --warmup 25 $args | summary $r $s | tee -a "$out"
    kill $pid; wait $pid 2>/dev/null
  done
done
