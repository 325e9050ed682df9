#!/usr/bin/env bash
# Scores `dateline analyze` on news-dev (../shared/data/news-dev): the seeds and the 28 stories
# of gold-A and gold-B, and prints each measure summed over the three gold files.
#
#   scripts/newsdev.sh TEXTS_DIR [DATELINE_BINARY]
#
# TEXTS_DIR holds devA-01.txt ... devB-14.txt, fetched as news-dev/README.md says (never commit
# them). Records are analysed from {"id","text","url"} lines without `published`, as the README
# asks. Set KEEP=DIR to keep the records and the per-file scorer output there. With PEER=spacy
# the records come from spaCy en_core_web_sm (scripts/spacy-newsdev.py; persons only) instead,
# scored by the same scorer; PYTHON names the interpreter that has spaCy (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
texts=${1:?usage: scripts/newsdev.sh TEXTS_DIR [DATELINE_BINARY]}
bin=${2:-target/release/dateline}
data=../shared/data/news-dev
scorer=../shared/tools/newsgold-score.py
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
python3 - "$texts" "$data" > "$work/dev.jsonl" <<'PY'
import json, sys, os
texts, data = sys.argv[1], sys.argv[2]
for name in ("gold-A.json", "gold-B.json"):
    for a in json.load(open(os.path.join(data, name)))["articles"]:
        path = os.path.join(texts, a["file"] + ".txt")
        if os.path.exists(path):
            text = open(path, encoding="utf-8", newline="").read()
            print(json.dumps({"id": a["file"], "text": text, "url": a.get("url")}))
PY
if [ "${PEER:-}" = spacy ]; then
  "${PYTHON:-python3}" scripts/spacy-newsdev.py "$work/dev.jsonl" "$work/dev.records.jsonl"
  "${PYTHON:-python3}" scripts/spacy-newsdev.py ../shared/seeds/seeds.jsonl "$work/seeds.records.jsonl"
else
  "$bin" analyze -q "$work/dev.jsonl" > "$work/dev.records.jsonl"
  "$bin" analyze -q ../shared/seeds/seeds.jsonl > "$work/seeds.records.jsonl"
fi
python3 "$scorer" "$work/seeds.records.jsonl" "$data/gold-seeds.json" --texts ../shared/seeds > "$work/score-seeds.txt" || true
python3 "$scorer" "$work/dev.records.jsonl" "$data/gold-A.json" --texts "$texts" > "$work/score-A.txt" || true
python3 "$scorer" "$work/dev.records.jsonl" "$data/gold-B.json" --texts "$texts" > "$work/score-B.txt" || true
python3 - "$work" <<'PY'
import re, sys, os
work = sys.argv[1]
totals, order = {}, []
for part in ("seeds", "A", "B"):
    for line in open(os.path.join(work, "score-%s.txt" % part)):
        m = re.match(r"\s*(\w+)\s*[:=]?\s*.*?(\d+)\s*/\s*(\d+)", line)
        if not m:
            continue
        name, hit, total = m.group(1), int(m.group(2)), int(m.group(3))
        if name not in totals:
            totals[name] = [0, 0, {}]
            order.append(name)
        totals[name][0] += hit
        totals[name][1] += total
        totals[name][2][part] = "%d/%d" % (hit, total)
print("%-18s %12s %9s  %s" % ("measure", "sum", "share", "seeds / A / B"))
for name in order:
    hit, total, parts = totals[name]
    share = hit / total if total else 0.0
    print("%-18s %12s %9.3f  %s" % (name, "%d/%d" % (hit, total), share,
          " / ".join(parts.get(p, "-") for p in ("seeds", "A", "B"))))
PY
