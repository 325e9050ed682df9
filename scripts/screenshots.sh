#!/usr/bin/env bash
# Screenshots of every page of `dateline serve` over a store of examples/ and the seeds, taken
# by headless Chromium: docs/screenshots/<page>.png. Usage: scripts/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
browser="${DATELINE_CHROMIUM:-chromium}"
command -v "$browser" >/dev/null || { echo "screenshots: no $browser (apt-get install chromium)" >&2; exit 1; }
cargo build --release -q
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
target/release/dateline ingest -q examples ../shared/seeds --db "$work/corpus.db" 2>/dev/null
target/release/dateline serve --db "$work/corpus.db" --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do grep -q "http://" "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
base="$(grep -o 'http://[0-9.:]*' "$work/serve.log")"
mkdir -p "$out"
while read -r name path height; do
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --window-size="1280,$height" --screenshot="$out/$name.png" "$base$path" 2>/dev/null
  echo "$out/$name.png  $base$path"
done <<'PAGES'
overview / 1250
events /events?actor=Lavrov 1100
figures /figures 1400
network /network 900
stances /stances 1000
search /search?q=Gaza 1000
article /articles/000_9dad7aee16b2e240 1150
PAGES
