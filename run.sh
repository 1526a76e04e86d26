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

cluster() {
  local n=${1:-3} base=${CHAT_PORT:-5555} pids=()
  build
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
