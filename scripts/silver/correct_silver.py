"""Corrects silver CoNLL-U where dateline's lexicon knows better than the teacher (dev-time only).

    python3 scripts/silver/correct_silver.py IN.conllu OUT.conllu

- Titles are not names: role words (crates/lexicon/data/roles.tsv) at the start of a PERSON
  entity leave it ("King Abdullah" -> "Abdullah").
- Names the lexicon knows get the lexicon's type wherever they stand alone in an entity or
  outside one: people (people.tsv) PERSON, countries (countries.tsv) GPE, organisations and
  groups (organizations.tsv) ORG, places (places.tsv) GPE, seas and sites LOC.
Prints how many tokens changed label. make_silver.py runs it on train.conllu when given
--correct.
"""

import os
import sys

LEX = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "lexicon", "data")


def rows(name):
    for line in open(os.path.join(LEX, name), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def lexicon():
    names = {}
    for r in rows("people.tsv"):
        for n in [r[0]] + [a for a in r[1].split("|") if a]:
            names[tuple(n.split())] = "PERSON"
    for r in rows("organizations.tsv"):
        for n in [r[0]] + [a for a in r[1].split("|") if a]:
            names[tuple(n.split())] = "ORG"
    for r in rows("countries.tsv"):
        for n in [r[1]] + [a for a in r[2].split("|") if a]:
            names[tuple(n.split())] = "GPE"
    for r in rows("places.tsv"):
        # Seas and sites are locations; cities and regions with a government are GPE, as the
        # teacher's convention has it.
        kind = "LOC" if len(r) > 3 and r[3] in ("sea", "site") else "GPE"
        for n in [r[0]] + [a for a in r[1].split("|") if a]:
            names[tuple(n.split())] = kind
    roles = {tuple(r[0].lower().split()) for r in rows("roles.tsv")}
    return names, roles


def spans(tags):
    out, start = [], None
    for i, t in enumerate(tags):
        p, _, ty = t.partition("-")
        if p == "U":
            out.append((i, i + 1, ty))
        elif p == "B":
            start = i
        elif p == "L" and start is not None:
            out.append((start, i + 1, ty))
            start = None
    return out


def bilou(n, entities):
    tags = ["O"] * n
    for a, b, ty in entities:
        if b - a == 1:
            tags[a] = "U-" + ty
        else:
            tags[a] = "B-" + ty
            for k in range(a + 1, b - 1):
                tags[k] = "I-" + ty
            tags[b - 1] = "L-" + ty
    return tags


def correct(forms, tags, names, roles):
    ents = spans(tags)
    fixed = []
    for a, b, ty in ents:
        if ty == "PERSON":
            lower = [f.lower() for f in forms[a:b]]
            cut = max((len(r) for r in roles if tuple(lower[: len(r)]) == r and len(r) < b - a), default=0)
            a += cut
        fixed.append((a, b, ty))
    taken = [False] * len(forms)
    for a, b, _ in fixed:
        for k in range(a, b):
            taken[k] = True
    # A lexicon name standing alone (its own entity, or outside every entity) takes the lexicon's type.
    out = []
    for a, b, ty in fixed:
        known = names.get(tuple(forms[a:b]))
        out.append((a, b, known or ty))
    i = 0
    while i < len(forms):
        if taken[i]:
            i += 1
            continue
        match = None
        for n in range(min(5, len(forms) - i), 0, -1):
            if not any(taken[i : i + n]) and tuple(forms[i : i + n]) in names:
                match = n
                break
        if match:
            out.append((i, i + match, names[tuple(forms[i : i + match])]))
            i += match
        else:
            i += 1
    return bilou(len(forms), sorted(out))


def main():
    names, roles = lexicon()
    changed = total = 0
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        block = []
        for line in list(open(sys.argv[1], encoding="utf-8")) + ["\n"]:
            if line.strip():
                block.append(line)
                continue
            tokens = [l.rstrip("\n").split("\t") for l in block if not l.startswith("#")]
            if tokens:
                forms = [t[1] for t in tokens]
                tags = [t[9].split("NER=")[-1] for t in tokens]
                new = correct(forms, tags, names, roles)
                changed += sum(x != y for x, y in zip(tags, new))
                total += len(tags)
                k = 0
                for l in block:
                    if l.startswith("#"):
                        out.write(l)
                        continue
                    cols = l.rstrip("\n").split("\t")
                    misc = cols[9].rsplit("NER=", 1)[0] + "NER=" + new[k]
                    cols[9] = misc
                    out.write("\t".join(cols) + "\n")
                    k += 1
                out.write("\n")
            elif block:
                out.writelines(block)
            block = []
    print("%d of %d entity tags changed" % (changed, total), file=sys.stderr)


if __name__ == "__main__":
    main()
