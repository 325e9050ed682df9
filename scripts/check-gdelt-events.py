#!/usr/bin/env python3
"""Reads `dateline export --format gdelt-events` and `--format gdelt-mentions` files with
gdelt-py, the parser GDELT users run (`pip install gdelt-py`; module `py_gdelt`): every row
must become an Event (or a Mention, for files whose name ends in `mentions.tsv`).

    python3 scripts/check-gdelt-events.py EVENTS.tsv... [MENTIONS.mentions.tsv...]

Exits 1 when a row is rejected or a line is not read, printing why.
"""

import sys

from py_gdelt.models.events import Event, Mention
from py_gdelt.parsers.events import EventsParser
from py_gdelt.parsers.mentions import MentionsParser


def main():
    failed = False
    for path in sys.argv[1:]:
        data = open(path, "rb").read()
        lines = data.count(b"\n")
        accepted = 0
        reasons = {}
        mentions = path.endswith("mentions.tsv")
        parsed = MentionsParser().parse(data) if mentions else EventsParser().parse(data, is_translated=False)
        for raw in parsed:
            try:
                (Mention if mentions else Event).from_raw(raw)
                accepted += 1
            except Exception as e:  # every rejection is reported, whatever its kind
                reasons[str(e)[:200]] = reasons.get(str(e)[:200], 0) + 1
        print(f"{path}: {lines} rows, {accepted} accepted by gdelt-py")
        for reason, n in reasons.items():
            print(f"  {n} rejected: {reason}")
        failed |= accepted != lines
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
