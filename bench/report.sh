#!/usr/bin/env bash
# report.sh times jobstats' reads at scale beside DuckDB on the same
# listings, and prints them side by side:
#
#   - ingest: the batched writes of LISTINGS synthetic listings (batches of
#     5,000, one transaction each), listings/s;
#   - cold report: `jobstats stats report` in a new process (the file in the
#     page cache, nothing else warm), wall time and peak RSS, RUNS runs;
#   - warm page: one role in one market from the in-memory index a server
#     keeps (a Go benchmark over the same database);
#   - DuckDB: the facts loaded into a DuckDB file, then the same figures
#     (openings, salaries counted, median and average annual salary in USD
#     per role and market) as one SQL query, cold (a new process) and warm,
#     and the same page; its figures are checked against jobstats' JSON, to
#     the cent.
#
#   bench/report.sh                         # 1,000,000 listings, 5 runs
#   LISTINGS=200000 RUNS=3 bench/report.sh
#   BIG=10000000 bench/report.sh            # also a cold report over 10,000,000
#   STORE=postgres bench/report.sh          # ingest and cold report on PostgreSQL
#
# Medians of RUNS runs. The machine is shared: run it when `uptime` shows a
# low load, and read the load it prints. Needs go, gcc (DuckDB's Go
# bindings use cgo) and GNU time (/usr/bin/time; apt-get install time).
#
# With STORE=postgres it starts a throwaway durable cluster with
# .ci/postgres.sh (fsync on, Debian's defaults otherwise), unless
# BENCH_POSTGRES names an empty database to use, and times the ingest and
# the cold report there (the peak RSS is the jobstats process's, not the
# server's); DuckDB and the in-memory index are measured on bbolt only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LISTINGS=${LISTINGS:-1000000}
RUNS=${RUNS:-5}
BIG=${BIG:-}
STORE=${STORE:-bbolt}
[[ -x /usr/bin/time ]] || { echo "report.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jobstats-report-bench.XXXXXX")
cleanup() {
	if [[ -n "${JOBSTATS_PG_DIR:-}" ]]; then "$ROOT/.ci/postgres.sh" stop "$JOBSTATS_PG_DIR"; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
cd "$ROOT"
echo "building..." >&2
go build -o "$tmp/jobstats" ./cmd/jobstats
go test -c -o "$tmp/cmd.test" ./cmd/jobstats

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# write DB N: writes a database of N listings and prints its ingest rate.
write() {
	[[ "$1" == postgres* ]] || rm -f "$1"
	"$tmp/cmd.test" -test.run '^TestWriteBenchDB$' -test.v -benchdb "$1" -benchdb-listings "$2" |
		sed -n 's/.*ingest: .* \([0-9]*\) listings\/s$/\1/p'
}

# cold DB: runs `stats report` RUNS times; prints "median-seconds median-MB".
cold() {
	local secs=() rss=() s m
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$tmp/jobstats" --db "$1" stats report --format text >"$tmp/out"
		read -r s m <"$tmp/time"
		secs+=("$s"); rss+=("$m")
	done
	echo "$(median "${secs[@]}") $(( $(median "${rss[@]}") / 1024 ))"
}

if [[ "$STORE" == postgres ]]; then
	if [[ -n "${BENCH_POSTGRES:-}" ]]; then
		db=$BENCH_POSTGRES
	else
		eval "$(PG_DURABLE=1 .ci/postgres.sh start)"
		db=$JOBSTATS_TEST_POSTGRES
	fi
	echo "writing $LISTINGS listings into PostgreSQL..." >&2
	ingest=$(write "$db" "$LISTINGS")
	read -r report_s report_mb < <(cold "$db")
	printf '%d listings on PostgreSQL: ingest %s listings/s; cold stats report %s s, %s MB peak RSS (medians of %d runs)\n' \
		"$LISTINGS" "$ingest" "$report_s" "$report_mb" "$RUNS"
	exit 0
elif [[ "$STORE" != bbolt ]]; then
	echo "report.sh: STORE=$STORE: want bbolt or postgres" >&2
	exit 2
fi
(cd bench/duckdb && go build -o "$tmp/duckdb" .)

echo "load before: $(uptime)" >&2
echo "writing $LISTINGS listings..." >&2
ingest=$(write "$tmp/bench.db" "$LISTINGS")
db_mb=$(stat -c %s "$tmp/bench.db" | awk '{ printf "%.0f", $1 / 1e6 }')
read -r report_s report_mb < <(cold "$tmp/bench.db")

page=$("$tmp/cmd.test" -test.run '^$' -test.bench '^BenchmarkPageWarm$' -test.benchtime 20x -test.count "$RUNS" -benchdb "$tmp/bench.db" |
	awk '/ms\/page/ { for (i = 1; i < NF; i++) if ($(i+1) == "ms/page") print $1, $i }')
page_alone=$(median $(echo "$page" | awk '/alone/ { print $2 }'))
warm=$("$tmp/cmd.test" -test.run '^$' -test.bench '^BenchmarkReportWarm$' -test.benchtime 5x -test.count "$RUNS" -benchdb "$tmp/bench.db" |
	awk '/ms\/report/ { for (i = 1; i < NF; i++) if ($(i+1) == "ms/report") print $i }')
report_warm=$(median $warm)
page_compared=$(median $(echo "$page" | awk '/compared/ { print $2 }'))

echo "loading DuckDB..." >&2
"$tmp/duckdb" load -db "$tmp/bench.db" -out "$tmp/bench.duckdb" >&2
"$tmp/jobstats" --db "$tmp/bench.db" stats report --format json --min-openings 1 >"$tmp/report.json"
check=$("$tmp/duckdb" query -duckdb "$tmp/bench.duckdb" -runs "$RUNS" -check "$tmp/report.json")
duck_warm=$(echo "$check" | sed -n 's/^duckdb warm (median of [0-9]* runs): \([0-9.]*\) ms.*/\1/p')
duck_secs=(); duck_rss=()
for _ in $(seq "$RUNS"); do
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$tmp/duckdb" query -duckdb "$tmp/bench.duckdb" -runs 1 >/dev/null
	read -r s m <"$tmp/time"
	duck_secs+=("$s"); duck_rss+=("$m")
done
duck_page=$("$tmp/duckdb" query -duckdb "$tmp/bench.duckdb" -runs $((RUNS * 4)) -role "Backend Engineer" -market US |
	sed -n 's/^duckdb warm (median of [0-9]* runs): \([0-9.]*\) ms.*/\1/p')

big=""
if [[ -n "$BIG" ]]; then
	echo "writing $BIG listings..." >&2
	big_ingest=$(write "$tmp/big.db" "$BIG")
	read -r big_s big_mb < <(cold "$tmp/big.db")
	big=$(printf '| cold `stats report`, %d listings | %s s, %s MB peak RSS | – | ingest %s listings/s |' "$BIG" "$big_s" "$big_mb" "$big_ingest")
	rm -f "$tmp/big.db"
fi

echo "load after: $(uptime)" >&2
echo "$check" | grep -E '^same figures' >&2
cat <<EOF

$(printf "%'d" "$LISTINGS") listings (database $db_mb MB), medians of $RUNS runs
| what | jobstats | DuckDB | ratio |
| --- | ---: | ---: | ---: |
| cold: per-role and per-market figures, new process | $report_s s, $report_mb MB peak RSS (the whole report, with the 30-day comparison) | $(median "${duck_secs[@]}") s, $(( $(median "${duck_rss[@]}") / 1024 )) MB (the figures alone) | $(awk -v a="$report_s" -v b="$(median "${duck_secs[@]}")" 'BEGIN { printf "%.2f×", b / a }') |
| warm: the same figures again in the same process | $report_warm ms (every page, from the in-memory index) | $duck_warm ms | $(awk -v a="$report_warm" -v b="$duck_warm" 'BEGIN { printf "%.2f×", b / a }') |
| warm page (Backend Engineer, US) | $page_alone ms alone, $page_compared ms with the 30-day comparison | $duck_page ms (the figures alone) | $(awk -v a="$page_alone" -v b="$duck_page" 'BEGIN { printf "%.2f×", b / a }') |
| ingest (batches of 5,000) | $ingest listings/s | – | |
$big
EOF
head -3 "$tmp/out"
