#!/usr/bin/env python3
"""Writes a web archive (WARC 1.0) of news pages the way a crawler writes one: per page a
`request` and a `response` record, after a `warcinfo` record, each record its own gzip member
when the name ends in .gz (as Common Crawl writes them). Written by the dateline team for tests
and measurements; it uses only the standard library.

    # the test archive: the HTML examples, plus an image and a missing page
    python3 scripts/make-warc.py --html examples/08_ankara_visit.html examples/09_security_council.html \\
        --extras testdata/warc/crawl.warc.gz
    # a large archive for the reading benchmark: JSON Lines stories wrapped as pages
    python3 scripts/make-warc.py --jsonl ../shared/data/reuters-21578/reuters21578.jsonl \\
        --pad 40000 --size-mb 1024 /tmp/big.warc
"""

import argparse
import gzip
import html
import io
import json
import sys
import uuid

DATE = "2024-03-05T06:07:08Z"


def record(kind, uri, block, content_type):
    head = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + uri)}>",
        f"WARC-Date: {DATE}",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}", "", ""]
    return "\r\n".join(head).encode() + block + b"\r\n\r\n"


def response(uri, status, media, body):
    reason = {200: "OK", 404: "Not Found"}.get(status, "OK")
    http = f"HTTP/1.1 {status} {reason}\r\nContent-Type: {media}\r\nContent-Length: {len(body)}\r\n\r\n"
    return [
        ("request", uri, f"GET {uri} HTTP/1.1\r\nHost: example\r\n\r\n".encode(), "application/http; msgtype=request"),
        ("response", uri, http.encode() + body, "application/http; msgtype=response"),
    ]


def page_of(story, pad):
    """A news page around a story: title, date, paragraphs, and navigation and footer
    boilerplate to make it as long as a real page."""
    title = html.escape(story.get("title") or "Untitled")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in story["text"].split("\n") if p.strip())
    date = story.get("published", "")
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(40))
    filler = ""
    while len(filler) < pad:
        filler += f'<div class="promo"><a href="/more/{len(filler)}">More stories from around the region</a></div>'
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{html.escape(date)}"></head>'
        f'<body><nav><ul>{nav}</ul></nav><article><h1>{title}</h1>{paragraphs}</article>'
        f"<footer>{filler}</footer></body></html>"
    ).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--html", nargs="*", default=[], help="HTML files, one page each")
    ap.add_argument("--jsonl", help="JSON Lines stories (text, title, published) wrapped as pages")
    ap.add_argument("--pad", type=int, default=0, help="boilerplate characters per wrapped page")
    ap.add_argument("--size-mb", type=float, default=0, help="repeat the stories until this size")
    ap.add_argument("--extras", action="store_true", help="add an image and a missing page")
    a = ap.parse_args()
    gz = a.out.endswith(".gz")
    out = open(a.out, "wb")
    written = 0

    def put(rec):
        nonlocal written
        data = gzip.compress(rec, compresslevel=6, mtime=0) if gz else rec
        out.write(data)
        written += len(rec)

    put(record("warcinfo", "", b"software: dateline make-warc.py\r\nformat: WARC File Format 1.0\r\n", "application/warc-fields"))
    for i, path in enumerate(a.html):
        uri = f"https://news.example/pages/{i + 1}"
        for kind, u, block, ct in response(uri, 200, "text/html; charset=utf-8", open(path, "rb").read()):
            put(record(kind, u, block, ct))
    if a.extras:
        for kind, u, block, ct in response("https://news.example/logo.png", 200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)):
            put(record(kind, u, block, ct))
        for kind, u, block, ct in response("https://news.example/gone", 404, "text/html", b"<html><body>Not found</body></html>"):
            put(record(kind, u, block, ct))
    if a.jsonl:
        stories = [json.loads(line) for line in open(a.jsonl, encoding="utf-8") if line.strip()]
        for s in stories:
            s["text"] = s.get("text") or s.get("body") or ""
            s["published"] = s.get("published") or s.get("date") or ""
        stories = [s for s in stories if s["text"].strip()]
        if not stories:
            sys.exit(f"{a.jsonl}: no story has a text or body")
        n = 0
        while True:
            for s in stories:
                n += 1
                uri = f"https://news.example/story/{n}"
                for kind, u, block, ct in response(uri, 200, "text/html; charset=utf-8", page_of(s, a.pad)):
                    put(record(kind, u, block, ct))
                if a.size_mb and written >= a.size_mb * 1024 * 1024:
                    break
            if not a.size_mb or written >= a.size_mb * 1024 * 1024:
                break
    out.close()
    print(f"{a.out}: {written / 1048576:.1f} MB of records", file=sys.stderr)


if __name__ == "__main__":
    main()
