#!/usr/bin/env bash
# readers.sh measures whether a writer gets in beside busy readers: READERS
# processes loop `jobstats stats report` and `jobstats export listings`
# over a database of LISTINGS listings while a writer stores WRITES
# listings in batches of BATCH, the way a crawl does (open for writing,
# wait for the lock up to the commands' 5 s, write, close; a batch that
# cannot get the lock is lost). It prints how many the writer stored, how
# long each batch waited for the lock, and how the readers fared.
#
#   bench/readers.sh                        # 500,000 listings, 20 readers, 10,000 writes
#   LISTINGS=100000 READERS=8 bench/readers.sh
#   DB=/tmp/big.db bench/readers.sh         # reuse (and grow) a database
#
# Needs go.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LISTINGS=${LISTINGS:-500000}
READERS=${READERS:-20}
WRITES=${WRITES:-10000}
BATCH=${BATCH:-500}
WARMUP=${WARMUP:-5}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jobstats-readers-bench.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
cd "$ROOT"
go build -o "$tmp/jobstats" ./cmd/jobstats
go test -c -o "$tmp/cmd.test" ./cmd/jobstats
db=${DB:-$tmp/bench.db}
if [[ ! -e $db ]]; then
	echo "writing $LISTINGS listings..." >&2
	"$tmp/cmd.test" -test.run '^TestWriteBenchDB$' -benchdb "$db" -benchdb-listings "$LISTINGS" >/dev/null
fi
ls -l "$db" | awk '{ printf "database: %.0f MB\n", $5/1e6 }'

# Each reader loops one command and appends "ok SECONDS" or "fail: ERROR"
# for every run to its own log.
reader() {
	local n=$1 log=$tmp/reader$1.log
	local cmd=(stats report --format text)
	if ((n % 2)); then cmd=(export listings --format jsonl); fi
	while [[ ! -e $tmp/stop ]]; do
		local t0 t1 err
		t0=$(date +%s.%N)
		if err=$("$tmp/jobstats" --db "$db" "${cmd[@]}" 2>&1 >/dev/null); then
			t1=$(date +%s.%N)
			echo "ok $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b-a }')" >>"$log"
		else
			echo "fail: ${err//$'\n'/ }" >>"$log"
		fi
	done
}
for n in $(seq "$READERS"); do
	reader "$n" &
	pids+=($!)
done
echo "$READERS readers started; the writer comes in ${WARMUP}s" >&2
sleep "$WARMUP"
"$tmp/cmd.test" -test.run '^TestBenchWriter$' -benchwriter "$db" -benchwriter-listings "$WRITES" -benchwriter-batch "$BATCH" | grep -v '^PASS$'
touch "$tmp/stop"
echo "waiting for the readers' last runs..." >&2
wait "${pids[@]}" 2>/dev/null || true
pids=()
logs=("$tmp"/reader*.log)
ok=$(cat "${logs[@]}" | grep -c '^ok ' || true)
fail=$(cat "${logs[@]}" | grep -c '^fail' || true)
times=$(cat "${logs[@]}" | awk '/^ok / { print $2 }' | sort -g)
median=$(echo "$times" | awk '{ a[NR] = $1 } END { if (NR) printf "%.1f", a[int((NR + 1) / 2)]; else printf "-" }')
max=$(echo "$times" | awk 'END { if (NR) printf "%.1f", $1; else printf "-" }')
echo "readers: $ok runs finished, $fail failed; run time median $median s, max $max s"
if ((fail)); then echo "first reader failure: $(cat "${logs[@]}" | grep -m1 '^fail')"; fi
