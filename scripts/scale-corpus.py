#!/usr/bin/env python3
"""Writes a large synthetic corpus from Reuters-21578 for measuring the store at scale.

Each story is written COPIES times (default 6, about 117,000 articles): copy 0 as it is, every
other copy rewritten so that it is a different text about different actors at a different time,
as a corpus of many years would hold — countries swapped along a fixed rotation, the paragraphs
after the lead rotated, numbers other than years shifted, and the wire date moved on by a year
per copy. The copies are measurement data only: never analysis results to report as news.

    python3 scripts/scale-corpus.py ../shared/data/reuters-21578/reuters21578.jsonl > big.jsonl
"""

import json
import re
import sys

# Country names (facts, not prose) that the rewrite rotates: copy k names the (i+k)-th country
# wherever a story names the i-th.
COUNTRIES = [
    "Brazil", "Argentina", "Mexico", "Canada", "Japan", "China", "India", "Indonesia",
    "France", "Germany", "Italy", "Spain", "Britain", "Norway", "Sweden", "Poland",
    "Egypt", "Nigeria", "Kenya", "South Africa", "Iran", "Iraq", "Saudi Arabia", "Turkey",
    "Australia", "New Zealand", "Chile", "Peru", "Venezuela", "Colombia", "Pakistan", "Malaysia",
]
COUNTRY = re.compile(r"\b(" + "|".join(re.escape(c) for c in COUNTRIES) + r")\b")
NUMBER = re.compile(r"\b\d+\b")
YEAR = re.compile(r"\b(19|20)\d\d\b")


def rewrite(text, k):
    if not text or k == 0:
        return text
    text = COUNTRY.sub(lambda m: COUNTRIES[(COUNTRIES.index(m.group(1)) + k) % len(COUNTRIES)], text)
    text = NUMBER.sub(lambda m: m.group(0) if YEAR.fullmatch(m.group(0)) else str(int(m.group(0)) + k), text)
    paragraphs = re.split(r"\n(?=    )", text)
    if len(paragraphs) > 2:
        rest = paragraphs[1:]
        shift = k % len(rest)
        paragraphs = [paragraphs[0]] + rest[shift:] + rest[:shift]
    return "\n".join(paragraphs)


def later(date, k):
    """'26-FEB-1987 15:01:01.79' moved on by k years."""
    return YEAR.sub(lambda m: str(int(m.group(0)) + k), date, count=1) if date else date


def main():
    path = sys.argv[1]
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    with open(path, encoding="utf-8") as stories:
        originals = [json.loads(line) for line in stories]
    out = sys.stdout
    for k in range(copies):
        for story in originals:
            copy = dict(story)
            copy["newid"] = f"{story['newid']}-{k}"
            copy["date"] = later(story.get("date"), k)
            for field in ("title", "body", "raw_text"):
                if copy.get(field):
                    copy[field] = rewrite(copy[field], k)
            out.write(json.dumps(copy) + "\n")


if __name__ == "__main__":
    main()
