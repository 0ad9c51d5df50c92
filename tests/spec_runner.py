"""Loads the example corpora of tests/specs/ (Duckling's Corpus.hs, Recognizers-Text specs).

Each ``tests/specs/<name>.jsonl`` line is a case::

    {"id": "percent-001", "text": "…", "published": "2023-10-16"?,
     "expect": [{"type": "PERCENT", "text": "tăng 16,15%", "value": 16.15,
                 "qualifier": null, "change": "increase", "unit"?: …, "range"?: {"min", "max"},
                 "lunar"?: …, "occurrence"?: 2}],
     "types"?: ["PERCENT"], "xfail"?: "reason"}

``range`` ({min, max}, CONTRACT.md "Ranges, signs …") and ``lunar`` (a lunar date as written)
are compared on every record: a case without them expects none. The records of the case's types (default: the type named by the file) must equal
``expect`` exactly: same mentions, same offsets, same values. ``expect: []`` is a negative
case: nothing of those types may come out.
"""
from __future__ import annotations

import json
from pathlib import Path

SPECS = Path(__file__).parent / "specs"

FILE_TYPES = {
    "percent": ["PERCENT"], "ratio": ["RATIO"], "rank": ["RANK"], "count": ["COUNT"],
    "money": ["MONEY"], "duration": ["DURATION"], "date": ["DATE"], "period": ["PERIOD"],
    "official": ["OFFICIAL"], "legal_ref": ["LEGAL_REF"], "legal": ["LEGAL_REF"],
    "numbers": ["PERCENT", "COUNT", "MONEY", "DURATION", "RATIO"],
    "traps": ["DATE", "PERIOD", "RATIO", "RANK", "COUNT", "LEGAL_REF"],
    "regressions": None,
    # CONTRACT.md "Ranges, signs and times of day"; multipliers (gấp 3 lần) and fractions (một nửa)
    "ranges": ["PERCENT", "COUNT", "MONEY", "DURATION", "RATIO"],
    "signs": ["PERCENT", "COUNT", "MONEY", "DURATION", "RATIO"],
    "multipliers": ["PERCENT", "COUNT", "MONEY", "DURATION", "RATIO"],
}

STATEMENT_SPECS = {"statements"}
COMPARED = ("type", "text", "start", "end", "value", "qualifier", "change", "range")


def load_cases():
    """(case id, file stem, case dict) for every line of every spec file."""
    out = []
    for path in sorted(SPECS.glob("*.jsonl")):
        if path.stem in STATEMENT_SPECS:
            continue   # statements cases name parts, not records: tests/test_statements.py
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            case.setdefault("id", f"{path.stem}-{n}")
            out.append((case["id"], path.stem, case))
    return out


def expected_records(case: dict) -> list[dict]:
    """The case's expected records with offsets computed from ``occurrence``."""
    text = case["text"]
    out = []
    for e in case["expect"]:
        pos = -1
        for _ in range(int(e.get("occurrence", 1))):
            pos = text.find(e["text"], pos + 1)
        if pos < 0:
            raise AssertionError(f"{case['id']}: expected text {e['text']!r} not in the sentence")
        rec = {k: e.get(k) for k in ("type", "text", "value", "qualifier", "change", "range")}
        rec["start"], rec["end"] = pos, pos + len(e["text"])
        if "unit" in e:
            rec["unit"] = e["unit"]
        if "lunar" in e:
            rec["lunar"] = e["lunar"]
        out.append(rec)
    return sorted(out, key=lambda r: (r["start"], r["end"], r["type"]))


def case_types(stem: str, case: dict, expected: list[dict]) -> set[str]:
    types = case.get("types") or FILE_TYPES.get(stem)
    if types is None:
        types = [e["type"] for e in expected]
    return set(types)


def comparable(records: list[dict], types: set[str], with_unit: set[tuple]) -> list[dict]:
    out = []
    for r in records:
        if r["type"] not in types:
            continue
        rec = {k: r.get(k) for k in COMPARED}
        if (r["start"], r["end"], r["type"]) in with_unit:
            rec["unit"] = r.get("unit")
        if "lunar" in r:   # a lunar date's `lunar` is always compared: a case must name it
            rec["lunar"] = r["lunar"]
        out.append(rec)
    return sorted(out, key=lambda r: (r["start"], r["end"], r["type"]))
