#!/usr/bin/env bash
# report.sh times `jobstats stats report` over a large database and prints
# its wall time and peak memory (max RSS) over RUNS runs, and the median.
#
#   bench/report.sh                   # 1,000,000 listings, 3 runs
#   LISTINGS=200000 RUNS=5 bench/report.sh
#
# Needs go and GNU time (/usr/bin/time; apt-get install time).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LISTINGS=${LISTINGS:-1000000}
RUNS=${RUNS:-3}
[[ -x /usr/bin/time ]] || { echo "report.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jobstats-report-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$ROOT"
go build -o "$tmp/jobstats" ./cmd/jobstats
echo "writing $LISTINGS listings..." >&2
t0=$(date +%s.%N)
go test ./cmd/jobstats -run '^TestWriteBenchDB$' -count=1 -benchdb "$tmp/bench.db" -benchdb-listings "$LISTINGS" >/dev/null
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v n="$LISTINGS" 'BEGIN { printf "ingest: %.1f s (%.0f listings/s, including test build)\n", b-a, n/(b-a) }'
ls -l "$tmp/bench.db" | awk '{ printf "database: %.0f MB\n", $5/1e6 }'

secs=(); rss=()
for run in $(seq "$RUNS"); do
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$tmp/jobstats" --db "$tmp/bench.db" stats report --format text >"$tmp/out"
	read -r s m <"$tmp/time"
	secs+=("$s"); rss+=("$m")
	printf 'run %d: %s s, peak RSS %d MB\n' "$run" "$s" $((m / 1024))
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf 'median: %s s, peak RSS %d MB (%d listings)\n' "$(median "${secs[@]}")" $(( $(median "${rss[@]}") / 1024 )) "$LISTINGS"
head -5 "$tmp/out"
