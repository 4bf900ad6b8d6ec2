#!/usr/bin/env bash
# Makes docs/demo-page.png, the screenshot README.md shows: the top of the
# page of the demo's largest role and market, at 1200 pixels wide, as
# headless Chromium draws it. Run it again when the pages change.
set -euo pipefail
cd "$(dirname "$0")/.."
chrome=${JOBSTATS_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/jobstats" ./cmd/jobstats
"$tmp/jobstats" demo --db "$tmp/demo.db" >/dev/null 2>&1
"$tmp/jobstats" --db "$tmp/demo.db" site --out "$tmp/site" >/dev/null
# The first page of a role in a market in the sitemap: the largest role's largest market.
page=$(sed -n 's|.*<loc>/\([^/]*/[^/]*/\)</loc>.*|\1|p' "$tmp/site/sitemap.xml" | head -1)
port=18391
"$tmp/jobstats" --db "$tmp/demo.db" serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$tmp/profile" \
	--window-size=1200,1450 --screenshot="$PWD/docs/demo-page.png" "http://127.0.0.1:$port/$page" 2>/dev/null
echo "docs/demo-page.png: http://127.0.0.1:$port/$page"
