#!/usr/bin/env bash
# report.sh times `jobstats stats report` over a large database and prints
# its wall time and peak memory (max RSS) over RUNS runs, and the median;
# and, before that, the time to write the listings (batches of 5,000).
#
#   bench/report.sh                    # bbolt, 1,000,000 listings, 3 runs
#   LISTINGS=200000 RUNS=5 bench/report.sh
#   STORE=postgres bench/report.sh     # the same on PostgreSQL
#
# With STORE=postgres it starts a throwaway durable cluster with
# .ci/postgres.sh (fsync on, Debian's defaults otherwise), unless
# BENCH_POSTGRES names an empty database to use. The peak RSS is the
# jobstats process's; the server's memory is not in it.
#
# Needs go and GNU time (/usr/bin/time; apt-get install time).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LISTINGS=${LISTINGS:-1000000}
RUNS=${RUNS:-3}
STORE=${STORE:-bbolt}
[[ -x /usr/bin/time ]] || { echo "report.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jobstats-report-bench.XXXXXX")
cleanup() {
	if [[ -n "${JOBSTATS_PG_DIR:-}" ]]; then "$ROOT/.ci/postgres.sh" stop "$JOBSTATS_PG_DIR"; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
cd "$ROOT"
go build -o "$tmp/jobstats" ./cmd/jobstats
go test -c -o "$tmp/cmd.test" ./cmd/jobstats

case "$STORE" in
bbolt) db="$tmp/bench.db" ;;
postgres)
	if [[ -n "${BENCH_POSTGRES:-}" ]]; then
		db=$BENCH_POSTGRES
	else
		eval "$(PG_DURABLE=1 .ci/postgres.sh start)"
		db=$JOBSTATS_TEST_POSTGRES
	fi
	;;
*) echo "report.sh: STORE=$STORE: want bbolt or postgres" >&2; exit 2 ;;
esac

echo "writing $LISTINGS listings into $STORE..." >&2
t0=$(date +%s.%N)
"$tmp/cmd.test" -test.run '^TestWriteBenchDB$' -test.count=1 -benchdb "$db" -benchdb-listings "$LISTINGS" >/dev/null
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v n="$LISTINGS" 'BEGIN { printf "ingest: %.1f s (%.0f listings/s)\n", b-a, n/(b-a) }'
if [[ "$STORE" == bbolt ]]; then
	ls -l "$db" | awk '{ printf "database: %.0f MB\n", $5/1e6 }'
elif [[ -n "${JOBSTATS_PG_BIN:-}" ]]; then
	"$JOBSTATS_PG_BIN/psql" "$db" -Atc "SELECT 'database: ' || round(pg_total_relation_size('listings') / 1e6) || ' MB (listings with indexes)'"
fi

secs=(); rss=()
for run in $(seq "$RUNS"); do
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$tmp/jobstats" --db "$db" stats report --format text >"$tmp/out"
	read -r s m <"$tmp/time"
	secs+=("$s"); rss+=("$m")
	printf 'run %d: %s s, peak RSS %d MB\n' "$run" "$s" $((m / 1024))
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf 'median: %s s, peak RSS %d MB (%d listings, %s)\n' "$(median "${secs[@]}")" $(( $(median "${rss[@]}") / 1024 )) "$LISTINGS" "$STORE"
head -5 "$tmp/out"
