#!/bin/bash
# usage: syscalls.sh ref|JAR NAME "bench args" — the server's system calls, context switches and CPU
# time over 5 s of the measured window (perf stat, as root), with the load driven by target/chat.jar
# (or $GEN). Output in /tmp/syscalls/NAME.perf. Run from anywhere.
what=$1; name=$2; args=$3
[ "$what" = ref ] || what=$(realpath "$what")
cd "$(dirname "$0")/../../.." || exit 1
gen=${GEN:-target/chat.jar}
[ -x /tmp/limitchat ] || gcc -O2 -o /tmp/limitchat ../shared/bench/limitchat.c || exit 1
mkdir -p /tmp/syscalls; ulimit -n 20000
port=$((5900 + RANDOM % 100))
if [ "$what" = ref ]; then /tmp/limitchat $port > /dev/null 2>&1 &
else MALLOC_MMAP_THRESHOLD_=131072 CHAT_PORT=$port CHAT_ADMIN_PORT=$((port+2000)) CHAT_CONFIG=bench/bench-config.json \
  java $(cat conf/jvm.options) -jar "$what" > /dev/null 2>&1 &
fi
pid=$!
for i in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
java -jar "$gen" bench --port $port --server-pid $pid --duration 8 --warmup 25 $args > /tmp/syscalls/$name.bench 2>&1 &
bench=$!
sleep 27
events=context-switches,task-clock
for s in write sendto read recvfrom epoll_wait epoll_pwait2 futex; do events=$events,syscalls:sys_enter_$s; done
perf stat -e $events -p $pid -o /tmp/syscalls/$name.perf sleep 5
wait $bench; kill $pid; wait $pid 2>/dev/null
grep -E "latency|cpu" /tmp/syscalls/$name.bench
grep -E "syscalls|context|task-clock" /tmp/syscalls/$name.perf
