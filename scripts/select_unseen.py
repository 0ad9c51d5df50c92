#!/usr/bin/env python3
"""Draw articles for a new hand-labelled gold set, before any tool runs on them.

Usage:  python3 scripts/select_unseen.py SET [--seed N]

Prints, for SET (one letter), a drawn order of Dân trí articles (government,
administration, public-service and business sections) and of newsmds articles,
leaving out every article already in a gold set. Two sets drawn with the same
seed are disjoint: the shuffled list is dealt out between the letters given in
--deal (default "JK"), so SET takes every n-th article. The annotator takes
the articles in the printed order and writes down each one skipped and why;
nothing is re-drawn. Plain python3, no dependencies.

Only articles with at least --min-numbers digit groups are drawn: a set is
labelled to score statements, and an article without figures scores none.
"""
import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "news"
SECTIONS = ("news_society", "news_education", "news_health", "news_business")


def used_ids():
    ids = set()
    for manifest in (ROOT / "gold").glob("**/MANIFEST.json"):
        ids.update(json.loads(manifest.read_text(encoding="utf-8")))
    return ids


def group(doc_id):
    """newsmds_Cluster_009_3 -> newsmds_Cluster_009; a Dân trí id is its own group."""
    m = re.match(r"(newsmds_Cluster_\d+)_\d+$", doc_id)
    return m.group(1) if m else doc_id


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--deal", default="JK")
    ap.add_argument("--min-numbers", type=int, default=6)
    ap.add_argument("--show", type=int, default=25)
    a = ap.parse_args()
    if a.set not in a.deal:
        ap.error(f"set {a.set!r} is not among --deal {a.deal!r}")
    used = used_ids()
    n, k = len(a.deal), a.deal.index(a.set)
    for name, keep in (("dantri-unc.jsonl", lambda i: i.rsplit("_", 1)[0] in SECTIONS),
                       ("newsmds.jsonl", lambda i: True)):
        # newsmds articles come in clusters that tell one story: a cluster
        # already in a gold set is left out whole, and a set takes one
        # article of a cluster, so no two labelled articles repeat a story.
        used_groups = {group(i) for i in used}
        groups = {}
        for r in rows(NEWS / name):
            i = r["id"]
            if (keep(i) and group(i) not in used_groups
                    and len(re.findall(r"\d+", r["text"])) >= a.min_numbers):
                groups.setdefault(group(i), []).append(i)
        rng = random.Random(f"{a.seed}:{name}")
        order = sorted(groups)
        rng.shuffle(order)
        pool = [rng.choice(sorted(groups[g])) for g in order]
        drawn = pool[k::n][: a.show]
        print(f"# {name}: {len(pool)} in the pool; set {a.set} draws:")
        for pos, doc_id in enumerate(drawn, 1):
            print(f"{pos:3d} {doc_id}")


if __name__ == "__main__":
    main()
