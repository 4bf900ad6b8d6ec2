#!/usr/bin/env bash
# crawl.sh times a full jobstats crawl of the synthetic job board in
# $SHARED/bench against the plain colly reference crawler, on the same board
# in the same run, and prints each time and the median ratio
# reference/jobstats (above 1 means jobstats is faster).
#
#   bench/crawl.sh                 # 500 listing pages, 10,000 jobs, 3 runs each
#   PAGES=100 RUNS=5 bench/crawl.sh
#   SHARED=/path/to/shared bench/crawl.sh
#
# SHARED defaults to ../shared next to the repository root. Needs go and
# awk (python3 to verify the stored listings). Everything built and written goes to a temporary directory
# that is removed at exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}
PAGES=${PAGES:-500}
RUNS=${RUNS:-3}
CONC=${CONC:-16}

if [[ ! -d $SHARED/bench/fixture || ! -d $SHARED/bench/colly-reference ]]; then
	echo "crawl.sh: no board in $SHARED/bench (set SHARED)" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jobstats-crawl-bench.XXXXXX")
board_pid=""
cleanup() {
	if [[ -n $board_pid ]]; then
		kill "$board_pid" 2>/dev/null || true
		wait "$board_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

echo "building board, reference crawler and jobstats..." >&2
(cd "$SHARED/bench/fixture" && go build -o "$tmp/board" .)
(cd "$SHARED/bench/colly-reference" && go build -o "$tmp/reference" .)
(cd "$ROOT" && go build -o "$tmp/jobstats" ./cmd/jobstats)

"$tmp/board" -addr 127.0.0.1:0 -addr-file "$tmp/addr" -pages "$PAGES" 2>"$tmp/board.log" &
board_pid=$!
for _ in $(seq 300); do
	[[ -s $tmp/addr ]] && break
	if ! kill -0 "$board_pid" 2>/dev/null; then
		cat "$tmp/board.log" >&2
		exit 1
	fi
	sleep 0.1
done
[[ -s $tmp/addr ]] || { echo "crawl.sh: board did not start" >&2; exit 1; }
base="http://$(tr -d '[:space:]' <"$tmp/addr")"

cat >"$tmp/jobstats.yaml" <<EOF
sources:
  - name: board
    kind: jsonld
    start_urls: ["$base/jobs?page=1"]
    follow: ['/jobs\\?page=\\d+\$', '/job/\\d+\$']
    parallelism: $CONC
    max_pages: $((PAGES * 21 + 10))
EOF

# now prints seconds since the epoch with nanoseconds.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

requests=$((PAGES * 21))
ref_times=()
js_times=()
for run in $(seq "$RUNS"); do
	rm -f "$tmp/ref.jsonl"
	t0=$(now)
	"$tmp/reference" -base "$base" -c "$CONC" -o "$tmp/ref.jsonl"
	t1=$(now)
	ref=$(elapsed "$t0" "$t1")
	ref_times+=("$ref")

	rm -f "$tmp/jobstats.db"
	t0=$(now)
	"$tmp/jobstats" --config "$tmp/jobstats.yaml" --db "$tmp/jobstats.db" --log-level warn crawl --quiet >"$tmp/crawl.out" 2>&1 || {
		cat "$tmp/crawl.out" >&2
		exit 1
	}
	t1=$(now)
	js=$(elapsed "$t0" "$t1")
	js_times+=("$js")
	printf 'run %d: reference %6.3fs (%5.0f pages/s)   jobstats %6.3fs (%5.0f pages/s)\n' "$run" \
		"$ref" "$(awk -v n="$requests" -v t="$ref" 'BEGIN { print n / t }')" \
		"$js" "$(awk -v n="$requests" -v t="$js" 'BEGIN { print n / t }')"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ref_med=$(median "${ref_times[@]}")
js_med=$(median "${js_times[@]}")
echo "jobstats crawl output (last run):"
sed 's/^/  /' "$tmp/crawl.out"
printf 'median: reference %.3fs, jobstats %.3fs, ratio reference/jobstats %.2f (%d pages, parallelism %d)\n' \
	"$ref_med" "$js_med" "$(awk -v a="$ref_med" -v b="$js_med" 'BEGIN { print a / b }')" "$requests" "$CONC"

# Correctness, not only speed: the board checks every stored record
# (title, company, salary min/max, currency, unit) against its generator.
if command -v python3 >/dev/null; then
	"$tmp/jobstats" --db "$tmp/jobstats.db" export listings --format jsonl >"$tmp/listings.jsonl"
	python3 - "$tmp/listings.jsonl" "$tmp/verify.jsonl" <<'PY'
import json, sys
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as dst:
    for line in src:
        d = json.loads(line)
        s = d.get("salary") or {}
        print(json.dumps({"url": d["job_url"], "title": d["title"], "company": d["company"],
                          "salary_min": s.get("min_amount"), "salary_max": s.get("max_amount"),
                          "currency": s.get("currency"), "unit": (s.get("interval") or "").upper()}), file=dst)
PY
	echo "verifying the stored listings against the board's generator:"
	"$tmp/board" -verify "$tmp/verify.jsonl" -pages "$PAGES" 2>&1 | tail -2 | sed 's/^/  /'
else
	echo "(python3 not found: stored listings not verified against the generator)"
fi
