#!/usr/bin/env bash
# Runs the chat. ./run.sh [--cluster] [--config FILE] | client [...] | bench [...] | cluster [N] | gen-cert
set -euo pipefail
cd "$(dirname "$0")"

JAR=target/chat.jar
# Server JVM flags live in conf/jvm.options (chosen by measurement, see BENCHMARKS.md); JVM_OPTS overrides them.
JVM_OPTS=${JVM_OPTS:-$(cat conf/jvm.options)}
# A fixed malloc mmap threshold: glibc otherwise raises it after Netty frees its first large
# buffers, and keeps later ones in arenas it never returns (about 5 KiB per connection at 10,000).
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-131072}
CLIENT_OPTS=${CLIENT_OPTS:-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}

build() {
  if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit 2>/dev/null)" ]; then
    echo "Building $JAR ..." >&2
    mvn -B -q -DskipTests package >&2
  fi
}

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# A throwaway PostgreSQL for a local cluster (the nodes must share one account store), in a temporary
# directory, as user postgres when run as root; removed when the cluster stops.
throwaway_pg() {
  local port=$1 dir as=()
  dir=$(mktemp -d /tmp/chat-cluster-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; as=(runuser -u postgres --); fi
  "${as[@]}" "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  "${as[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres chat
  PG_DIR=$dir
  PG_AS=("${as[@]}")
  trap stop_pg EXIT
}

stop_pg() {
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
  rm -rf "$PG_DIR"
}

cluster() {
  local n=${1:-3} base=${CHAT_PORT:-5555} pids=()
  build
  if [ -z "${CHAT_STORE_URL:-}" ] && [ "${CHAT_ACCOUNTS:-true}" != false ]; then
    if [ -x "$PG_BIN/initdb" ]; then
      local pg_port=${CHAT_PG_PORT:-$((base + 10000))}
      throwaway_pg "$pg_port"
      export CHAT_STORE_URL="postgresql://postgres@127.0.0.1:$pg_port/chat"
      echo "Accounts on a throwaway PostgreSQL at 127.0.0.1:$pg_port ($PG_DIR), removed when the cluster stops." >&2
    else
      export CHAT_ACCOUNTS=false
      echo "Accounts are off for this cluster: it needs a shared PostgreSQL (apt-get install postgresql, or set CHAT_STORE_URL)." >&2
    fi
  fi
  for ((i = 0; i < n; i++)); do
    CHAT_PORT=$((base + i)) CHAT_TLS_PORT=$((base + 1000 + i)) CHAT_HTTP_PORT=$((8080 + i)) CHAT_ADMIN_PORT=$((9090 + i)) java $JVM_OPTS -jar "$JAR" --cluster &
    pids+=($!)
  done
  trap 'kill -TERM "${pids[@]}" 2>/dev/null; wait' INT TERM
  wait
}

case "${1:-}" in
  client) shift; build; exec java $CLIENT_OPTS -jar "$JAR" client "$@" ;;
  bench) shift; build; exec java -XX:+UseParallelGC -jar "$JAR" bench "$@" ;;
  cluster) shift; cluster "$@" ;;
  gen-cert)
    mkdir -p conf
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout conf/chat-key.pem -out conf/chat-cert.pem 2>/dev/null
    echo "Wrote conf/chat-cert.pem and conf/chat-key.pem (self-signed, for localhost and 127.0.0.1)."
    ;;
  *) build; exec java $JVM_OPTS -jar "$JAR" "$@" ;;
esac
