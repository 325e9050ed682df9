#!/usr/bin/env python3
"""Reads `dateline export --format csv` files with pandas as docs/exports.md says to (`cameo`
as text) and checks what the documentation promises: one line per row, CAMEO codes that keep
their leading zero, only events that occurred.

    python3 scripts/check-csv.py EVENTS.csv...
"""

import sys

import pandas


def main():
    failed = False
    for path in sys.argv[1:]:
        table = pandas.read_csv(path, dtype={"cameo": str}, keep_default_na=False)
        lines = sum(1 for _ in open(path, encoding="utf-8")) - 1
        codes = table["cameo"][table["cameo"] != ""]
        problems = []
        if len(table) != lines:
            problems.append(f"{len(table)} rows in {lines} lines")
        if not codes.str.fullmatch(r"\d{2,4}").all():
            problems.append("a CAMEO code that is not 2-4 digits")
        if not codes.str.startswith("0").any() and len(codes) > 20:
            problems.append("no code keeps a leading zero")
        if set(table["status"]) - {"occurred"}:
            problems.append(f"statuses {sorted(set(table['status']))}")
        print(f"{path}: {len(table)} rows, {len(codes)} CAMEO codes as text" + "".join(f"; {p}" for p in problems))
        failed |= bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
