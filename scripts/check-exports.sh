#!/usr/bin/env bash
# Exports read by the tools their users run, from a store of the examples and seeds and one of
# 3,000 Reuters-21578 stories: gdelt-py (pinned) parses every GDELT 2.0 event and mention row, and
# pandas reads the CSV as docs/exports.md says (codes as text, one line per row), and every GKG row
# parses under the codebook's field layouts (scripts/check-gkg.py).
#
#   scripts/check-exports.sh [DATELINE_BINARY]     # default target/debug/dateline
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/dateline}
work=target/check-exports
rm -rf "$work"
mkdir -p "$work"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q gdelt-py==0.1.11 pandas==2.2.3
"$bin" ingest -q examples ../shared/seeds/seeds.jsonl --db "$work/examples.db" 2>/dev/null
head -3000 ../shared/data/reuters-21578/reuters21578.jsonl > "$work/reuters3k.jsonl"
"$bin" ingest -q "$work/reuters3k.jsonl" --db "$work/reuters3k.db" 2>/dev/null
for store in examples reuters3k; do
  "$bin" export --format gdelt-events --db "$work/$store.db" -o "$work/$store.events.tsv"
  "$bin" export --format gdelt-mentions --db "$work/$store.db" -o "$work/$store.mentions.tsv"
  "$bin" export --format csv --db "$work/$store.db" -o "$work/$store.csv"
  "$bin" export --format gkg --db "$work/$store.db" -o "$work/$store.gkg.tsv"
done
"$work/venv/bin/python" scripts/check-gdelt-events.py "$work"/*.events.tsv "$work"/*.mentions.tsv
"$work/venv/bin/python" scripts/check-csv.py "$work"/*.csv
python3 scripts/check-gkg.py "$work"/*.gkg.tsv
