#!/usr/bin/env python3
"""Writes the long and repetitive articles that measure the per-article work budget.

    python3 scripts/long-inputs.py ../shared/data/reuters-21578/reuters21578.jsonl OUT_DIR
    for f in OUT_DIR/*.txt; do /usr/bin/time -f "$f %e s %M KB" target/release/dateline analyze -q "$f" > /dev/null; done

newsNmb.txt: Reuters-21578 bodies joined by blank lines, cut at N million bytes (one "article"
of real prose); the rest repeat one phrase: a name and a verb without a full stop, with one,
a place name, a million quotation marks, a quotation with its cue.
"""

import json
import os
import sys


def main():
    source, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    bodies = []
    size = 0
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            body = json.loads(line).get("body")
            if body:
                bodies.append(body)
                size += len(body) + 2
            if size > 40_000_000:
                break
    prose = "\n\n".join(bodies)
    while len(prose) < 32_000_000:
        prose += "\n\n" + prose
    inputs = {f"news{mb}mb": prose[: mb * 1_000_000] for mb in (1, 2, 4, 8, 16, 32)}
    inputs.update(
        {
            "said10k": "Lavrov said " * 10_000,
            "said40k": "Lavrov said " * 40_000,
            "said-stop40k": "Lavrov said. " * 40_000,
            "moscow200k": "Moscow " * 200_000,
            "quotes1m": '"' * 1_000_000,
            "quoted30k": '"We will talk," Lavrov said. ' * 30_000,
        }
    )
    for name, text in inputs.items():
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
