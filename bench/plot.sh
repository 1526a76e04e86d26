#!/usr/bin/env bash
# Draws the room-100 results of a benchmark run as PNG images with gnuplot: p99 latency against the
# offered rate (log scale) and deliveries/s against the offered rate, one line per server.
#
# Usage: bench/plot.sh [RESULTS-DIR] [OUT-DIR]   (defaults: bench/results, docs)
# Reads RESULTS-DIR/{ref,ref-mt,ours}-room-100-*.json (bench --json reports, as bench/run.sh writes
# them) and writes OUT-DIR/bench-room-100-p99.png and OUT-DIR/bench-room-100-deliveries.png.
# Installs gnuplot-nox from Debian when it is missing and this runs as root.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RESULTS=${1:-bench/results}
OUT=${2:-docs}

die() { echo "plot.sh: $*" >&2; exit 1; }

command -v jq >/dev/null || die "jq is needed to read the JSON reports"
if ! command -v gnuplot >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "plot.sh: installing gnuplot-nox" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >/dev/null || die "could not install gnuplot-nox"
  else
    die "gnuplot is needed (apt-get install gnuplot-nox)"
  fi
fi

DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT

# one data file per server: offered rate, p99 ms, deliveries/s, lost lines; sorted by rate
declare -A LABEL=([ref]="reference (limitchat, 1 thread)" [ref-mt]="reference, 2 threads (limitchat-mt)" [ours]="this server")
declare -A COLOR=([ref]="#9400d3" [ref-mt]="#009e73" [ours]="#e69f00")
plots_p99=() plots_del=() lossy=()
for kind in ref ref-mt ours; do
  files=("$RESULTS/$kind"-room-100-*.json)
  [ -e "${files[0]}" ] || continue
  jq -r '[.offeredRate, .latencyMs.p99, .deliveriesPerSec, .lost] | @tsv' "${files[@]}" | sort -n > "$DATA/$kind.tsv"
  style="with linespoints lw 2 pt 7 ps 0.8 lc rgb '${COLOR[$kind]}' title '${LABEL[$kind]}'"
  plots_p99+=("'$DATA/$kind.tsv' using 1:2 $style")
  plots_del+=("'$DATA/$kind.tsv' using 1:(\$3 / 1e6) $style")
  lossy+=("'$DATA/$kind.tsv' using 1:(\$4 > 0 ? \$2 : 1/0) with points pt 6 ps 2.2 lc rgb '${COLOR[$kind]}' notitle")
done
[ ${#plots_p99[@]} -gt 0 ] || die "no room-100 reports in $RESULTS"
mkdir -p "$OUT"

join() { local IFS=,; echo "$*"; }

gnuplot <<GNUPLOT
set terminal pngcairo size 960,540 font "sans,11"
set grid
set key top left
set xlabel "offered rate (messages/s, each to 99 others)"
set format x "%.0s%c"
set xtics 12000
set xrange [0:*]
set style line 9 lc rgb "#888888" dt 2

set output "$OUT/bench-room-100-p99.png"
set title "room-100: p99 latency against offered rate (lower is better; dashed: the 50 ms target)"
set ylabel "p99 latency (ms, log scale)"
set logscale y
set format y "%g"
set arrow from graph 0, first 50 to graph 1, first 50 nohead ls 9
plot $(join "${plots_p99[@]}" "${lossy[@]}"), 1/0 with points pt 6 ps 2.2 lc rgb "black" title "lines lost (p99 of those delivered)"

unset arrow
set output "$OUT/bench-room-100-deliveries.png"
set title "room-100: deliveries per second against offered rate (higher is better; dashed: every line delivered)"
set ylabel "deliveries/s (millions)"
unset logscale y
set format y "%.1f"
set yrange [0:*]
plot x * 99 / 1e6 with lines ls 9 notitle, $(join "${plots_del[@]}")
GNUPLOT
echo "plot.sh: wrote $OUT/bench-room-100-p99.png and $OUT/bench-room-100-deliveries.png from $RESULTS" >&2
