#!/bin/bash
# usage: gc-rate.sh JAR NAME "bench args" — one run of the server JAR with a GC log, the load driven by
# the same JAR; prints the bench summary, then the young collections from 20 s on (the warm-up's end
# to the run's): how often, how much they freed per second (what the server allocates), the median
# pause. Logs go to /tmp/gc-rate/NAME.*. Run from anywhere.
jar=$(realpath "$1"); name=$2; args=$3
cd "$(dirname "$0")/../../.." || exit 1
mkdir -p /tmp/gc-rate; ulimit -n 20000
port=$((5800 + RANDOM % 100))
MALLOC_MMAP_THRESHOLD_=131072 CHAT_PORT=$port CHAT_ADMIN_PORT=$((port+2000)) CHAT_CONFIG=bench/bench-config.json \
  java $(cat conf/jvm.options) -Xlog:gc:file=/tmp/gc-rate/$name.gc -jar "$jar" > /tmp/gc-rate/$name.log 2>&1 &
pid=$!
for i in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
java -jar "$jar" bench --port $port --server-pid $pid --duration 8 --warmup 25 $args > /tmp/gc-rate/$name.bench 2>&1
kill $pid; wait $pid
grep -E "latency|cpu|deliv" /tmp/gc-rate/$name.bench
python3 - /tmp/gc-rate/$name.gc <<'PY'
import re, sys
pat = re.compile(r'\[([\d.]+)s\].*Pause Young.* (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms')
ev = [tuple(float(g) for g in m.groups()) for m in map(pat.search, open(sys.argv[1])) if m]
st = [e for e in ev if e[0] > 20]
if len(st) > 2:
    span = st[-1][0] - st[0][0]
    freed = sum(e[1] - e[2] for e in st[1:])
    print("young GCs after 20 s: %d, every %.3f s, %.1f MB/s freed, pause median %.2f ms"
          % (len(st), span / (len(st) - 1), freed / span, sorted(e[3] for e in st)[len(st) // 2]))
PY
