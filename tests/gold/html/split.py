#!/usr/bin/env python3
"""Re-assign every page of the gold set to dev/ or test/ (idempotent).

Method: pages are grouped by their record's "template". Templates are taken in
sorted order; within a template the page ids are sorted, then shuffled with
random.Random("20261203:" + template). The shuffled pages are dealt
alternately to the two halves, starting with whichever half is currently
smaller overall (dev on a tie), so that every template is split as evenly as
it can be and the two halves stay within one page of each other.
Files (<id>.html + <id>.json) are moved with os.replace. Standard library only.
"""
import json, os, random
from collections import defaultdict

SEED = 20261203
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    where, tmpl = {}, defaultdict(list)
    for half in ("dev", "test"):
        d = os.path.join(HERE, half)
        os.makedirs(d, exist_ok=True)
        for n in os.listdir(d):
            if n.endswith(".json"):
                rec = json.load(open(os.path.join(d, n), encoding="utf-8"))
                where[rec["id"]] = half
                tmpl[rec["template"]].append(rec["id"])
    count = {"dev": 0, "test": 0}
    target = {}
    for t in sorted(tmpl):
        ids = sorted(tmpl[t])
        random.Random("%d:%s" % (SEED, t)).shuffle(ids)
        turn = "dev" if count["dev"] <= count["test"] else "test"
        for i in ids:
            target[i] = turn
            count[turn] += 1
            turn = "test" if turn == "dev" else "dev"
    moved = 0
    for i, half in target.items():
        if where[i] != half:
            for ext in (".html", ".json"):
                os.replace(os.path.join(HERE, where[i], i + ext), os.path.join(HERE, half, i + ext))
            moved += 1
    print("dev %d, test %d, moved %d" % (count["dev"], count["test"], moved))


if __name__ == "__main__":
    main()
