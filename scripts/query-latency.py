#!/usr/bin/env python3
"""Times every query command on a store: each run is a whole `dateline` process (start, open,
query, print to a pipe), repeated; prints p50, p95 and max in milliseconds per query, for the
first 40 rows with the count of the rest (what a terminal shows) and for every row.

    python3 scripts/query-latency.py target/release/dateline big.db [RUNS]

The queries are those a user types first; names are ones any Reuters-based store holds.
"""

import csv
import io
import statistics
import subprocess
import sys
import time

QUERIES = [
    ["actors"],
    ["events"],
    ["events", "--type", "ASSAULT"],
    ["events", "--actor", "Japan"],
    ["events", "--place", "Tokyo"],
    ["events", "--since", "1990-01-01", "--until", "1990-12-31"],
    ["figures"],
    ["figures", "--kind", "KILL"],
    ["quotes"],
    ["quotes", "--speaker", "Reagan"],
    ["stances"],
    ["timeline", "Japan"],
    ["search", "oil prices"],
    ["search", "U.S."],
    ["search", "cease-fire"],
]


def timed(command, runs):
    """Sorted wall times in ms of `runs` runs, and the rows of the last run's CSV."""
    times = []
    rows = 0
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(command, capture_output=True, check=False)
        times.append((time.perf_counter() - started) * 1000)
        if out.returncode != 0:
            sys.exit(f"{' '.join(command)}: exit {out.returncode}: {out.stderr.decode()}")
        rows = len(list(csv.reader(io.StringIO(out.stdout.decode())))) - 1
    return sorted(times), rows


def p95(times):
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def main():
    binary, db = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    print(f"{'query':<44} | first 40 rows, and the count | {'all rows':>28}")
    print(f"{'':<44} | {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} | {'rows':>7} {'p50 ms':>8} {'p95 ms':>8}")
    worst_page = worst_all = 0.0
    for query in QUERIES:
        base = [binary, *query, "--db", db, "--format", "csv"]
        page, _ = timed(base + ["--limit", "40"], runs)
        whole, rows = timed(base, max(runs // 4, 3))
        worst_page = max(worst_page, p95(page))
        worst_all = max(worst_all, p95(whole))
        print(
            f"{' '.join(query):<44} | {statistics.median(page):>8.1f} {p95(page):>8.1f} {page[-1]:>8.1f}"
            f" | {rows:>7} {statistics.median(whole):>8.1f} {p95(whole):>8.1f}"
        )
    print(f"worst p95: first 40 rows {worst_page:.1f} ms; all rows {worst_all:.1f} ms")


if __name__ == "__main__":
    main()
