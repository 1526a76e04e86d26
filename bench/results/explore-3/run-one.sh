#!/bin/bash
# usage: run3.sh NAME CONFIG "JVMOPTS" bench-args...
name=$1; cfg=$2; jo=$3; shift 3
cd /work/main
ulimit -n 20000
port=5600
MALLOC_MMAP_THRESHOLD_=131072 CHAT_PORT=$port CHAT_ADMIN_PORT=$((port+2000)) CHAT_CONFIG=$cfg \
  java $jo -jar ${JAR:-target/chat.jar} > /tmp/prof/$name.log 2>&1 &
pid=$!
for i in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
java -jar target/chat.jar bench --port $port --server-pid $pid --duration 8 --warmup ${WARMUP:-25} "$@" > /tmp/prof/$name.bench.txt 2>&1
kill $pid; wait $pid
echo "== $name"; grep -E 'latency|cpu|lost' /tmp/prof/$name.bench.txt
