#!/usr/bin/env python3
"""Reads `dateline export --format gkg` files field by field as the GDELT GKG 2.1 codebook lays
them out, and fails on the first row that does not parse.

    python3 scripts/check-gkg.py GKG.tsv...
"""

import re
import sys

DIGITS = re.compile(r"\d+")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def problems(row):
    c = row.rstrip("\n").split("\t")
    if len(c) != 27:
        return [f"{len(c)} columns"]
    out = []
    check = lambda ok, what: ok or out.append(what)
    check(re.fullmatch(r"\d{14}-\d+", c[0]), "GKGRECORDID")
    check(re.fullmatch(r"\d{14}", c[1]), "V2.1DATE")
    check(c[3] and c[4], "source name and document identifier")
    parts = lambda field, sep: [x.split("#") for x in field.split(sep) if x]
    for p in parts(c[5], ";"):
        check(len(p) == 10 and DIGITS.fullmatch(p[1]), f"V1COUNTS {p}")
    for p in parts(c[6], ";"):
        check(len(p) == 11 and DIGITS.fullmatch(p[1]) and DIGITS.fullmatch(p[10]), f"V2.1COUNTS {p}")
    for p in parts(c[9], ";"):
        check(len(p) == 7 and p[0] in "12345" and all(not x or NUMBER.fullmatch(x) for x in p[4:6]), f"V1LOCATIONS {p}")
    for p in parts(c[10], ";"):
        check(len(p) == 9 and all(not x or NUMBER.fullmatch(x) for x in p[5:7]) and DIGITS.fullmatch(p[8]), f"V2ENHANCEDLOCATIONS {p}")
    for field, name in ((c[12], "V2ENHANCEDPERSONS"), (c[14], "V2ENHANCEDORGANIZATIONS"), (c[23], "V2.1ALLNAMES")):
        for x in filter(None, field.split(";")):
            check("," in x and DIGITS.fullmatch(x.rsplit(",", 1)[1]), f"{name} {x}")
    tone = c[15].split(",")
    check(len(tone) == 7 and all(NUMBER.fullmatch(t) for t in tone), "V1.5TONE")
    for p in parts(c[16], ";"):
        check(len(p) == 5 and all(DIGITS.fullmatch(x) for x in p), f"V2.1ENHANCEDDATES {p}")
    for x in filter(None, c[22].split("#")):
        q = x.split("|")
        check(len(q) == 4 and DIGITS.fullmatch(q[0]) and DIGITS.fullmatch(q[1]), f"V2.1QUOTATIONS {x}")
    for x in filter(None, c[24].split(";")):
        a = x.split(",")
        check(len(a) == 3 and NUMBER.fullmatch(a[0]) and DIGITS.fullmatch(a[2]), f"V2.1AMOUNTS {x}")
    return out


def main():
    failed = False
    for path in sys.argv[1:]:
        rows = bad = 0
        for n, row in enumerate(open(path, encoding="utf-8"), 1):
            rows += 1
            found = problems(row)
            if found:
                bad += 1
                if bad <= 5:
                    print(f"{path}:{n}: {'; '.join(found)}")
        print(f"{path}: {rows} rows, {rows - bad} parse under the GKG 2.1 layouts")
        failed |= bad > 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
