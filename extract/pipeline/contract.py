"""Checks a record against ../shared/CONTRACT.md (the same rules as its check_contract.py),
so the tests and users can validate output without the shared folder."""
from __future__ import annotations

TYPES = {"DATE", "PERIOD", "DURATION", "PERCENT", "RATIO", "RANK", "COUNT", "MONEY", "OFFICIAL", "LEGAL_REF"}
QUALIFIERS = {None, "approx", "over", "under", "at_least", "at_most"}
CHANGES = {None, "increase", "decrease"}
KEYS = ("doc_id", "type", "text", "start", "end", "value", "qualifier", "change", "sentence")


def _num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def value_problem(t: str, v) -> str | None:
    if t in ("DATE", "DURATION"):
        return None if isinstance(v, str) and v else "value must be a non-empty string"
    if t == "PERIOD":
        ok = isinstance(v, dict) and isinstance(v.get("start"), str) and isinstance(v.get("end"), str)
        return None if ok else "value must be {start, end}"
    if t in ("PERCENT", "COUNT", "MONEY"):
        return None if _num(v) else "value must be a number"
    if t == "RATIO":
        ok = isinstance(v, dict) and _num(v.get("numerator")) and _num(v.get("denominator"))
        return None if ok else "value must be {numerator, denominator}"
    if t == "RANK":
        return None if isinstance(v, dict) and _num(v.get("rank")) and _num(v.get("of")) else "value must be {rank, of}"
    if t == "OFFICIAL":
        ok = isinstance(v, dict) and isinstance(v.get("name"), str) and isinstance(v.get("titles"), list)
        return None if ok else "value must be {name, titles}"
    if t == "LEGAL_REF":
        return None if isinstance(v, dict) and "kind" in v and "number" in v else "value must be {kind, number}"
    return "unknown type"


def record_problems(rec: dict, article: str | None) -> list[str]:
    """Every way ``rec`` breaks the contract (empty when it is valid)."""
    problems = [f"missing key {k}" for k in KEYS if k not in rec]
    if problems:
        return problems
    if rec["type"] not in TYPES:
        problems.append(f"unknown type {rec['type']!r}")
    else:
        vp = value_problem(rec["type"], rec["value"])
        if vp:
            problems.append(vp)
    if rec["qualifier"] not in QUALIFIERS:
        problems.append(f"unknown qualifier {rec['qualifier']!r}")
    if rec["change"] not in CHANGES:
        problems.append(f"unknown change {rec['change']!r}")
    if article is not None and article[rec["start"]:rec["end"]] != rec["text"]:
        problems.append("article[start:end] != text")
    return problems
