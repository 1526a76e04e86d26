#!/usr/bin/env bash
# Accounts benchmark: registers USERS accounts, measures password logins per second on their own, then
# 100 users chatting at 6k msg/s twice on the same server process: once alone, once while all USERS
# accounts log in at once (the storm starts just after the warm-up, inside the measured window).
# Run it under `flock /tmp/bench.lock` on a shared machine. Reports go to bench/results/accounts-<store>/.
#
# Environment: STORE (h2, default, or pg: a throwaway PostgreSQL from /usr/lib/postgresql/15/bin), USERS
# (default 200), DURATION / WARMUP (seconds of each chat run, default 8 / 5), HASH_CONCURRENCY (default:
# the server's own, the number of cores), HASH_PRIORITY (idle, the server's default, or normal), CHAT_JAR
# (default target/chat.jar).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

STORE=${STORE:-h2}
USERS=${USERS:-200}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-5}
JAR=${CHAT_JAR:-target/chat.jar}
PORT=${PORT:-5594}
PG_PORT=${PG_PORT:-15594}
PG_BIN=/usr/lib/postgresql/15/bin
OUT=${OUT_DIR:-bench/results/accounts-$STORE}
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/chat-accounts-bench.XXXXXX)
SERVER=
AS=()
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  if [ -f "$WORK/pg/PG_VERSION" ]; then "${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

accounts=$(jq -cn --arg c "${HASH_CONCURRENCY:-}" --arg p "${HASH_PRIORITY:-}" \
  '{} + (if $c == "" then {} else {hashConcurrency: ($c | tonumber)} end) + (if $p == "" then {} else {hashPriority: $p} end)')
accounts='"accounts": '$accounts
if [ "$STORE" = pg ]; then
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$WORK"; AS=(runuser -u postgres --); fi
  "${AS[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 --no-sync >/dev/null
  "${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
  "${AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres chat
  store='"store": {"url": "postgresql://postgres@127.0.0.1:'$PG_PORT'/chat"}'
else
  store='"store": {"path": "'$WORK'/h2/chat"}'
fi
jq -c ". + {port: $PORT} + {$accounts, $store}" bench/bench-config.json > "$WORK/config.json"

export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-131072}
CHAT_CONFIG="$WORK/config.json" java $(cat conf/jvm.options) -jar "$JAR" > "$OUT/server.out" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do grep -q "Chat server listening" "$OUT/server.out" && break; sleep 0.5; done
grep "Accounts on" "$OUT/server.out" >&2

logins() { java -XX:+UseSerialGC -jar "$JAR" logins --port "$PORT" "$@"; }
bench() { java -XX:+UseParallelGC -jar "$JAR" bench --port "$PORT" --clients 100 --senders 10 --rate 6000 \
  --duration "$DURATION" --warmup "$WARMUP" --server-pid "$SERVER" --json; }

logins --register "$USERS" > "$OUT/register.json"
logins "$USERS" > "$OUT/logins-alone.json"
bench > "$OUT/chat-quiet.json"
bench > "$OUT/chat-storm.json" &
B=$!
sleep "$WARMUP.5"
logins "$USERS" > "$OUT/logins-storm.json"
wait "$B"

echo "store $STORE, hash $(grep -o 'm=[0-9]*,t=[0-9]*,p=[0-9]*' "$OUT/server.out" | head -1 || true)"
for f in register logins-alone logins-storm; do echo "$f: $(cat "$OUT/$f.json")"; done
for f in chat-quiet chat-storm; do
  jq -c "{run: \"$f\", deliveriesPerSec, lost, lossPct, orderViolations, latencyMs, serverCpuPct, machineCpuPct}" "$OUT/$f.json" 2>/dev/null \
    || cat "$OUT/$f.json"
done
