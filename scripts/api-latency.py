#!/usr/bin/env python3
"""Times the HTTP API and the pages of a running `dateline serve`: each route requested N times
in turn from one client over localhost (a new connection per request, as a page's fetches
would), p50, p95 and max in milliseconds; a page's time is its whole HTML (its one stylesheet
is a constant served from memory).

    dateline serve --db reuters.db --addr 127.0.0.1:8088 &
    python3 scripts/api-latency.py http://127.0.0.1:8088 [N]
"""

import statistics
import sys
import time
import urllib.request

ROUTES = [
    "/api/events",
    "/api/events?type=CONSULT",
    "/api/events?actor=Japan",
    "/api/events?reports=true&limit=50",
    "/api/actors",
    "/api/figures",
    "/api/quotes",
    "/api/quotes?speaker=Reagan",
    "/api/stances",
    "/api/timeline?actor=Japan",
    "/api/search?q=oil%20prices",
    "/api/articles/17",
    "/api/articles",
    "/api/network",
    "/api/figures/points",
    "/api/stances/evidence",
    "/api/search?q=oil%20prices&since=1987-03&type=CONSULT",
    "/api/search/facets?q=oil%20prices",
]

PAGES = [
    "/",
    "/events",
    "/events?actor=Japan",
    "/events?actor=Japan&with=United%20States",
    "/figures",
    "/network",
    "/network?since=1987-03-01&until=1987-03-31",
    "/stances",
    "/search?q=oil%20prices",
    "/search?q=oil%20prices&place=Japan",
    "/articles/17",
    "/static/app.css",
]


def main():
    base = sys.argv[1].rstrip("/")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    for name, routes in (("API", ROUTES), ("pages", PAGES)):
        print(f"{name:52} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KB':>7}")
        worst = 0.0
        for route in routes:
            times = []
            for _ in range(n):
                start = time.perf_counter()
                with urllib.request.urlopen(base + route) as answer:
                    size = len(answer.read())
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            worst = max(worst, p95)
            print(f"{route:52} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f} {size / 1024:7.1f}")
        print(f"worst p95 ({name}): {worst:.1f} ms\n")


if __name__ == "__main__":
    main()
