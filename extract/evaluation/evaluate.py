"""Scoring extracted records against the hand-labelled gold set, per type.

``evaluate(gold_records, system_records, articles) -> Report`` matches mentions article by
article and type by type, with half-open ``[start, end)`` offsets everywhere:

- **span (exact)**: a system mention is a true positive when a gold mention of the same
  type has the same ``start`` and ``end``. One gold mention matches one system mention:
  a duplicate system mention is a false positive.
- **span (overlap)**: same type and the spans share at least one character
  (``s1 < e2 and s2 < e1``; ``[0, 5)`` and ``[5, 8)`` touch but do not overlap). Pairs are
  chosen one-to-one, required gold first, then exact pairs, then the longest overlap.
- **fact**: exact span *and* the right ``value`` (and the right ``range`` where the gold
  has one: a range's ends, CONTRACT.md "Ranges, signs …"). A wrong value on the right span counts
  as one false positive and one false negative (and in ``wrong_value``).
- **optional gold** (``optional: true``): a system mention matching it is neither a true
  nor a false positive, and missing it is not a false negative.

Values are compared as follows: numbers are equal when equal as floats (to a relative
1e-9, so ``83.76 * 10**6`` equals ``83760000``); strings after NFC; lists without regard to
order (an official's titles); dicts on the keys the **contract** defines for the type
(``FACT_KEYS``: a LEGAL_REF fact needs the right ``kind`` and ``number``, an OFFICIAL its
``name`` and ``titles``). The other keys a gold value carries (``issuer``, ``year``,
``signed`` of a LEGAL_REF, ``location`` of an OFFICIAL, ``name``/``draft`` of a draft) are
extras the contract allows but does not require, so they are scored on their own, as the
``details`` attribute; ``strict_values=True`` (``--strict-values``) makes a fact need
every key the gold value has. ``unit``, ``qualifier`` and ``change`` are not part of the
fact: they are reported as attribute accuracies over the exact-span matches of required
gold (``unit`` only for COUNT, RATIO and MONEY; strings compared after NFC and with runs
of whitespace as one space).

- **statements** (CONTRACT.md "Statements", ``score_statements``): the ``about`` of each
  PERCENT, RATIO, RANK, COUNT, MONEY and DURATION mention, part by part, on the pairs of the
  span-overlap matching above. A ``measure``, ``subject`` or ``source`` is right where its
  span overlaps the gold part's; a ``period`` or ``compared_to`` where its ``value`` equals
  the gold one (``null`` equals ``null``); a ``place`` where its ``code`` does; ``carried``
  is not compared. Per part: TP both given and right, FP the system's given and not right,
  FN the gold's given and not right (a wrong part is one of each). Scored on the pairs (how
  well the parts are linked) and end to end (the parts of unpaired gold mentions are FN, of
  unpaired system mentions FP), with the share of statements whose every part is right.
  Only articles with ``about`` in their gold are scored; optional gold is neutral.

A ratio whose denominator is zero is 0.0 (no true positives to speak of).
"""
from __future__ import annotations

import html
import json
import math
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..pipeline.contract import TYPES
from .gold import PARTS, STATEMENT_TYPES

UNIT_TYPES = {"COUNT", "RATIO", "MONEY"}
# The value keys the contract defines: what a fact must get right.
FACT_KEYS = {
    "PERIOD": ("start", "end"),
    "RATIO": ("numerator", "denominator"),
    "RANK": ("rank", "of"),
    "OFFICIAL": ("name", "titles"),
    "LEGAL_REF": ("kind", "number"),
}
ATTRIBUTES = ("unit", "qualifier", "change", "details")
METRICS = ("fact", "span", "overlap")
BASELINES = ("underthesea", "dateparser")
KINDS = ("FOUND", "OPTIONAL", "WRONG", "BOUNDARY", "MISSED", "FALSE")


# --- counts and scores -------------------------------------------------------------------

@dataclass
class Counts:
    """True positives, false positives, false negatives; precision, recall and F1 from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class TypeScores:
    """One row of the table: a type (or ``ALL``, micro-averaged) for one system."""

    type: str
    gold: int = 0          # required gold mentions
    optional: int = 0      # optional gold mentions
    system: int = 0        # system mentions
    span: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)
    fact: Counts = field(default_factory=Counts)
    wrong_value: int = 0
    attrs: dict = field(default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES})  # [correct, total]

    def add(self, other: "TypeScores") -> None:
        self.gold += other.gold
        self.optional += other.optional
        self.system += other.system
        self.span.add(other.span)
        self.overlap.add(other.overlap)
        self.fact.add(other.fact)
        self.wrong_value += other.wrong_value
        for a in ATTRIBUTES:
            self.attrs[a][0] += other.attrs[a][0]
            self.attrs[a][1] += other.attrs[a][1]

    def accuracy(self, attr: str) -> float | None:
        ok, total = self.attrs[attr]
        return ok / total if total else None

    def metric(self, name: str) -> Counts:
        return {"fact": self.fact, "span": self.span, "overlap": self.overlap}[name]

    def to_dict(self) -> dict:
        return {"type": self.type, "gold": self.gold, "optional": self.optional, "system": self.system,
                "span_exact": self.span.to_dict(), "span_overlap": self.overlap.to_dict(),
                "fact": self.fact.to_dict(), "wrong_value": self.wrong_value,
                "attributes": {a: {"correct": c, "total": t,
                                   "accuracy": None if not t else round(c / t, 4)}
                               for a, (c, t) in self.attrs.items()}}


@dataclass
class Report:
    """Scores of one system on a set of articles, with every error and every highlight.

    ``rows`` maps each type seen in the gold or the system output to its scores;
    ``overall`` is their micro-average (sums of counts). ``errors`` lists each missed,
    false, wrong-value and boundary mention with its sentence; ``marks`` gives, per
    article, ``(start, end, "KIND:TYPE")`` highlights for the HTML report. ``statements``
    scores the quantity mentions' ``about`` (``score_statements``).
    """

    system: str
    rows: dict[str, TypeScores]
    overall: TypeScores
    errors: list[dict]
    marks: dict[str, list[tuple[int, int, str]]]
    docs: list[str]
    ignored: int = 0   # system records of articles that are not evaluated
    strict_values: bool = False
    statements: "Statements" = field(default_factory=lambda: Statements())   # the about parts
    records: dict[str, list[dict]] = field(default_factory=dict)   # the system's records per article

    def to_dict(self) -> dict:
        return {"system": self.system, "documents": self.docs, "strict_values": self.strict_values,
                "ignored_records": self.ignored,
                "types": {t: r.to_dict() for t, r in sorted(self.rows.items())},
                "overall": self.overall.to_dict(), "errors": self.errors,
                "statements": self.statements.to_dict()}


# --- value comparison ----------------------------------------------------------------------

def _is_num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _norm_str(s):
    return " ".join(unicodedata.normalize("NFC", s).split()) if isinstance(s, str) else s


def same(a, b) -> bool:
    """Equality for values: float-equal numbers, NFC strings, order-free lists, dicts by key."""
    if _is_num(a) and _is_num(b):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=0.0)
    if isinstance(a, str) and isinstance(b, str):
        return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        rest = list(b)
        for x in a:
            j = next((j for j, y in enumerate(rest) if same(x, y)), None)
            if j is None:
                return False
            rest.pop(j)
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def value_correct(type_: str, gold, system, strict: bool = False) -> bool:
    """Whether the system's ``value`` is right for a gold mention of ``type_`` (module doc)."""
    if isinstance(gold, dict):
        if not isinstance(system, dict):
            return False
        keys = list(gold) if strict else list(FACT_KEYS.get(type_, gold))
        return all(same(gold.get(k), system.get(k)) for k in keys)
    return same(gold, system)


def range_correct(gold: dict, system: dict) -> bool:
    """A gold range ({min, max}, CONTRACT.md) is part of the fact; a gold without one asks none."""
    return "range" not in gold or same(gold["range"], system.get("range"))


def _details(type_: str, gold, system) -> bool | None:
    """Whether the gold value's extra keys (beyond the contract's) are right; None if it has none."""
    if not isinstance(gold, dict):
        return None
    extra = [k for k in gold if k not in FACT_KEYS.get(type_, ())]
    if not extra:
        return None
    return isinstance(system, dict) and all(same(gold[k], system.get(k)) for k in extra)


# --- matching ----------------------------------------------------------------------------

def _overlap(a: dict, b: dict) -> int:
    """Characters two half-open spans share (0 when they only touch)."""
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _match_exact(gold: list[dict], system: list[dict]) -> dict[int, int]:
    """system index -> gold index, one-to-one, same type and offsets."""
    free: dict[tuple, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        free[(g["type"], g["start"], g["end"])].append(gi)
    out = {}
    for si, s in enumerate(system):
        slot = free.get((s["type"], s["start"], s["end"]))
        if slot:
            out[si] = slot.pop(0)
    return out


def _match_overlap(gold: list[dict], system: list[dict]) -> dict[int, int]:
    """system index -> gold index, one-to-one, same type and overlapping spans.

    Greedy over candidate pairs ordered by: required gold before optional, exact before
    partial, longer overlap first, then text order (deterministic).
    """
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if g["type"] == s["type"]:
                ov = _overlap(g, s)
                if ov:
                    exact = g["start"] == s["start"] and g["end"] == s["end"]
                    pairs.append((bool(g.get("optional")), not exact, -ov, gi, si))
    pairs.sort()
    out, used_g = {}, set()
    for _, _, _, gi, si in pairs:
        if si not in out and gi not in used_g:
            out[si] = gi
            used_g.add(gi)
    return out


class _Sentences:
    """The sentence around an offset of one article (the engine's sentence splitter)."""

    def __init__(self, text: str):
        self.text = text
        self.spans = None

    def around(self, start: int, end: int) -> str:
        if self.spans is None:
            try:
                from ..dimensions.document import sentences
                from ..engine.text import normalize
                nt = normalize(self.text)
                self.spans = [nt.orig_span(s, e) for s, e in sentences(nt.norm)]
            except Exception:   # the splitter is a convenience for messages, never a reason to fail
                self.spans = []
        for s, e in self.spans:
            if s <= start and end <= e:
                return self.text[s:e]
        ls = self.text.rfind("\n", 0, start) + 1
        le = self.text.find("\n", end)
        return self.text[ls:len(self.text) if le < 0 else le].strip()


def _group(records) -> dict[str, list[dict]]:
    if isinstance(records, dict):
        return {d: list(r) for d, r in records.items()}
    out: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        out[str(r["doc_id"])].append(r)
    return out


def evaluate(gold_records, system_records, articles: dict[str, str], system: str = "system",
             strict_values: bool = False) -> Report:
    """Score ``system_records`` against ``gold_records`` on ``articles`` (doc_id -> text).

    Both record collections are lists of records with ``doc_id`` (or dicts doc_id ->
    records). The articles evaluated are the keys of ``articles``; system records of other
    articles are counted in ``Report.ignored``; a gold record of an article not given is an
    error (its offsets cannot be checked).
    """
    gold_by, sys_by = _group(gold_records), _group(system_records)
    unknown = sorted(set(gold_by) - set(articles))
    if unknown:
        raise ValueError(f"gold records for articles that were not given: {', '.join(unknown)}")
    ignored = sum(len(v) for d, v in sys_by.items() if d not in articles)
    rows: dict[str, TypeScores] = {}
    errors: list[dict] = []
    marks: dict[str, list] = {}

    def row(t):
        if t not in rows:
            rows[t] = TypeScores(t)
        return rows[t]

    for doc_id in sorted(articles):
        text = articles[doc_id]
        sents = _Sentences(text)
        key = lambda r: (r["start"], r["end"], r["type"])  # noqa: E731
        gold = sorted(gold_by.get(doc_id, []), key=key)
        syst = sorted(sys_by.get(doc_id, []), key=key)
        exact = _match_exact(gold, syst)
        over = _match_overlap(gold, syst)
        exact_g = {gi: si for si, gi in exact.items()}
        over_g = {gi: si for si, gi in over.items()}
        doc_marks = marks.setdefault(doc_id, [])

        def err(kind, t, g=None, s=None, note=None):
            ref = g if g is not None else s
            e = {"doc_id": doc_id, "kind": kind, "type": t, "start": ref["start"], "end": ref["end"],
                 "text": ref.get("text", text[ref["start"]:ref["end"]]),
                 "gold": None if g is None else {k: g.get(k) for k in ("start", "end", "text", "value", "unit",
                                                                        "qualifier", "change", "optional", "range")},
                 "system": None if s is None else {k: s.get(k) for k in ("start", "end", "text", "value", "unit",
                                                                          "qualifier", "change", "range")},
                 # one splitter for every system, so errors read the same whatever produced them
                 "sentence": sents.around(ref["start"], ref["end"])}
            if note:
                e["note"] = note
            errors.append(e)

        for g in gold:
            r = row(g["type"])
            if g.get("optional"):
                r.optional += 1
            else:
                r.gold += 1
        for si, s in enumerate(syst):
            t = s["type"]
            r = row(t)
            r.system += 1
            gi = exact.get(si)
            g = gold[gi] if gi is not None else None
            if g is not None and g.get("optional"):
                doc_marks.append((s["start"], s["end"], f"OPTIONAL:{t}"))
                continue   # neutral at every level
            # exact span
            if g is not None:
                r.span.tp += 1
                ok = value_correct(t, g.get("value"), s.get("value"), strict_values) and range_correct(g, s)
                if ok:
                    r.fact.tp += 1
                    doc_marks.append((s["start"], s["end"], f"FOUND:{t}"))
                else:
                    r.fact.fp += 1
                    r.fact.fn += 1
                    r.wrong_value += 1
                    doc_marks.append((s["start"], s["end"], f"WRONG:{t}"))
                    err("wrong_value", t, g, s)
                _attributes(r, g, s)
            else:
                r.span.fp += 1
                r.fact.fp += 1
            # overlap
            go = over.get(si)
            if go is None:
                r.overlap.fp += 1
                if g is None:
                    other = [x["type"] for x in gold if x["type"] != t and _overlap(x, s)]
                    doc_marks.append((s["start"], s["end"], f"FALSE:{t}"))
                    err("false", t, s=s, note=f"gold has {', '.join(sorted(set(other)))} here" if other else None)
            elif gold[go].get("optional"):
                if g is None:   # overlaps an optional mention without its exact span
                    doc_marks.append((s["start"], s["end"], f"BOUNDARY:{t}"))
                    err("boundary", t, gold[go], s, note="optional gold mention")
            else:
                r.overlap.tp += 1
                if g is None:
                    doc_marks.append((s["start"], s["end"], f"BOUNDARY:{t}"))
                    err("boundary", t, gold[go], s)
        for gi, g in enumerate(gold):
            if g.get("optional"):
                if gi not in over_g:
                    doc_marks.append((g["start"], g["end"], f"OPTIONAL:{g['type']}"))
                continue
            r = row(g["type"])
            if gi not in exact_g:
                r.span.fn += 1
                r.fact.fn += 1
            if gi not in over_g:
                r.overlap.fn += 1
                doc_marks.append((g["start"], g["end"], f"MISSED:{g['type']}"))
                other = [x["type"] for x in syst if x["type"] != g["type"] and _overlap(x, g)]
                err("missed", g["type"], g, note=f"system has {', '.join(sorted(set(other)))} here"
                    if other else None)
            elif gi not in exact_g:
                doc_marks.append((g["start"], g["end"], f"GOLD:{g['type']}"))
        doc_marks.sort()
    overall = TypeScores("ALL")
    for r in rows.values():
        overall.add(r)
    order = {"missed": 0, "wrong_value": 1, "boundary": 2, "false": 3}
    errors.sort(key=lambda e: (e["doc_id"], e["start"], order[e["kind"]]))
    return Report(system, dict(sorted(rows.items())), overall, errors, marks, sorted(articles),
                  ignored, strict_values, score_statements(gold_by, sys_by, articles),
                  {d: sys_by.get(d, []) for d in articles})


def _attributes(r: TypeScores, g: dict, s: dict) -> None:
    if g["type"] in UNIT_TYPES:
        r.attrs["unit"][1] += 1
        r.attrs["unit"][0] += _norm_str(g.get("unit")) == _norm_str(s.get("unit"))
    for a in ("qualifier", "change"):
        r.attrs[a][1] += 1
        r.attrs[a][0] += g.get(a) == s.get(a)
    d = _details(g["type"], g.get("value"), s.get("value"))
    if d is not None:
        r.attrs["details"][1] += 1
        r.attrs["details"][0] += d


# --- statements (about) ----------------------------------------------------------------------
# CONTRACT.md "Statements": each quantity mention's ``about`` is scored part by part, on the
# pairs of the span-overlap matching (``_match_overlap``, the one-to-one pairing the ``overlap``
# metric uses: required gold first, exact spans first, then the longest overlap).

SPAN_PARTS = ("measure", "subject", "source")   # right where the spans overlap
VALUE_PARTS = ("period", "compared_to")         # right where the values are equal (null == null)
# place: right where the codes are equal. ``carried`` is never compared (GUIDELINES §6).
PAIRING = ("span overlap: each gold quantity mention is paired one-to-one with the system mention of "
           "its type that overlaps it (required gold first, exact spans first, then the longest overlap)")


def _is_span(part) -> bool:
    return (isinstance(part, dict) and all(isinstance(part.get(k), int) and not isinstance(part.get(k), bool)
                                           for k in ("start", "end")))


def part_right(name: str, gold: dict, system) -> bool:
    """Whether the system's part ``name`` is right for the gold one (both given)."""
    if not isinstance(system, dict):
        return False
    if name in SPAN_PARTS:
        return _is_span(system) and _overlap(gold, system) > 0
    if name in VALUE_PARTS:
        return "value" in system and same(gold.get("value"), system["value"])
    return "code" in system and same(gold.get("code"), system["code"])   # place


def compare_about(gold: dict, system: dict) -> dict[str, str]:
    """Each part either side gives -> ``"right"``, ``"wrong"`` (both given, not right: a false
    and a missed part), ``"extra"`` (system only: false) or ``"missing"`` (gold only: missed).
    Parts neither gives are left out, so ``{}`` against ``{}`` is ``{}`` (a right statement)."""
    out = {}
    for name in PARTS:   # only the contract's parts: other keys a system adds are not scored
        g, s = gold.get(name), system.get(name)
        if g is None and s is None:
            continue
        if g is None:
            out[name] = "extra"
        elif s is None:
            out[name] = "missing"
        else:
            out[name] = "right" if part_right(name, g, s) else "wrong"
    return out


def _about(rec: dict) -> dict:
    """A record's ``about``; a system that writes none (or not an object) says nothing."""
    a = rec.get("about")
    return a if isinstance(a, dict) else {}


@dataclass
class StatementScores:
    """Per-part counts over a set of statements, and how many had every part right."""

    parts: dict[str, Counts] = field(default_factory=lambda: {p: Counts() for p in PARTS})
    statements: int = 0
    right: int = 0

    def add(self, outcome: dict[str, str], found: bool = True) -> None:
        """Count one statement's ``compare_about`` outcome; one not ``found`` (an unpaired
        mention, end to end) is never right, whatever its parts."""
        self.statements += 1
        self.right += found and all(o == "right" for o in outcome.values())
        for name, o in outcome.items():
            c = self.parts[name]
            c.tp += o == "right"
            c.fp += o in ("wrong", "extra")
            c.fn += o in ("wrong", "missing")

    @property
    def all(self) -> Counts:
        """Micro-average over the parts."""
        total = Counts()
        for c in self.parts.values():
            total.add(c)
        return total

    @property
    def share_right(self) -> float:
        return self.right / self.statements if self.statements else 0.0

    def to_dict(self) -> dict:
        return {"statements": self.statements, "right": self.right, "share_right": round(self.share_right, 4),
                "parts": {p: c.to_dict() for p, c in self.parts.items()}, "all": self.all.to_dict()}


@dataclass
class Statements:
    """Statement scores of one system: on the paired mentions (the linking accuracy) and end
    to end (the parts of unpaired gold mentions missed, of unpaired system mentions false).

    Only articles whose gold labels carry ``about`` are scored (``documents``); a gold
    label without ``about`` in such an article is left out with its pair, as an optional
    one is. ``errors`` holds each paired statement with a part not right.
    """

    matched: StatementScores = field(default_factory=StatementScores)
    end_to_end: StatementScores = field(default_factory=StatementScores)
    documents: int = 0
    unmatched_gold: int = 0
    unmatched_system: int = 0
    errors: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"scored": self.documents > 0, "pairing": PAIRING, "documents": self.documents,
                "matched": self.matched.to_dict(), "end_to_end": self.end_to_end.to_dict(),
                "unmatched_gold": self.unmatched_gold, "unmatched_system": self.unmatched_system,
                "errors": self.errors}


def score_statements(gold_by: dict[str, list[dict]], sys_by: dict[str, list[dict]],
                     articles: dict[str, str]) -> Statements:
    """Score the ``about`` of every quantity mention (CONTRACT.md "Statements")."""
    st = Statements()
    key = lambda r: (r["start"], r["end"], r["type"])  # noqa: E731 (the order evaluate() matches in)
    for doc_id in sorted(articles):
        gold = sorted((g for g in gold_by.get(doc_id, []) if g["type"] in STATEMENT_TYPES), key=key)
        if not any("about" in g for g in gold):
            continue   # not labelled for statements: the system's parts cannot be judged here
        st.documents += 1
        syst = sorted((s for s in sys_by.get(doc_id, []) if s["type"] in STATEMENT_TYPES), key=key)
        pairs = {gi: si for si, gi in _match_overlap(gold, syst).items()}
        sents = _Sentences(articles[doc_id])
        for gi, g in enumerate(gold):
            si = pairs.get(gi)
            if g.get("optional") or "about" not in g:
                continue   # neutral, and so is its pair
            if si is None:
                st.unmatched_gold += 1
                st.end_to_end.add(compare_about(g["about"], {}), found=False)
                continue
            outcome = compare_about(g["about"], _about(syst[si]))
            st.matched.add(outcome)
            st.end_to_end.add(outcome)
            wrong = [p for p, o in outcome.items() if o != "right"]
            if wrong:
                st.errors.append({"doc_id": doc_id, "type": g["type"], "text": g["text"], "start": g["start"],
                                  "end": g["end"], "system_text": syst[si].get("text"), "wrong": wrong,
                                  "gold": g["about"], "system": _about(syst[si]),
                                  "sentence": sents.around(g["start"], g["end"])})
        paired = set(pairs.values())
        for si, s in enumerate(syst):
            if si not in paired:
                st.unmatched_system += 1
                st.end_to_end.add(compare_about({}, _about(s)), found=False)
    return st


# --- baselines -----------------------------------------------------------------------------

class BaselineUnavailable(RuntimeError):
    """A baseline's library (or its model) cannot be loaded here; the message says why."""


def _lines(text: str):
    """(start, end) of each non-blank line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


def _record(doc_id, text, type_, start, end, value, sentence) -> dict:
    """A contract record for a baseline's mention (``sentence``: the line it stands in)."""
    return {"doc_id": doc_id, "type": type_, "text": text[start:end], "start": start, "end": end,
            "value": value, "qualifier": None, "change": None, "sentence": sentence}


def underthesea_records(doc_id: str, text: str) -> list[dict]:
    """underthesea's NER (the CRF model in its wheel) persons as OFFICIAL, line by line.

    Every ``PER`` entity is taken as an OFFICIAL with ``titles: []``: the library finds
    names, not posts, so its span scores are the comparison and its facts are never right.
    underthesea rewrites tone marks, so its words are found back in a folded copy.
    """
    try:
        from underthesea import ner
    except Exception as e:  # pragma: no cover - underthesea is a dependency
        raise BaselineUnavailable(f"underthesea cannot be imported: {e}") from e
    from ..engine.text import fold, normalize

    nt = normalize(text)
    folded = fold(nt.norm)
    out = []
    for ls, le in _lines(nt.norm):
        try:
            tagged = ner(nt.norm[ls:le])
        except (OSError, ImportError) as e:
            raise BaselineUnavailable(f"underthesea's NER model cannot be loaded: {e}") from e
        cursor = ls
        spans = []   # (start, end, tag) in norm
        for item in tagged:
            word, tag = item[0], item[-1]
            start = end = None
            c = cursor
            for syl in fold(unicodedata.normalize("NFC", word)).split():
                i = folded.find(syl, c, le)
                if i < 0:
                    start = None
                    break
                start = i if start is None else start
                end = c = i + len(syl)
            if start is None:
                continue
            cursor = end
            spans.append((start, end, tag))
        ent = None
        for s, e, tag in spans + [(le, le, "O")]:
            if tag == "I-PER" and ent is not None:
                ent[1] = e
                continue
            if ent is not None:
                os_, oe = nt.orig_span(*ent)
                sent = text[slice(*nt.orig_span(ls, le))]
                out.append(_record(doc_id, text, "OFFICIAL", os_, oe,
                                   {"name": text[os_:oe], "titles": []}, sent))
                ent = None
            if tag in ("B-PER", "I-PER"):
                ent = [s, e]
    return out


_PRECISION = {"year": "%Y", "month": "%Y-%m", "week": "%Y-%m-%d", "day": "%Y-%m-%d", "time": "%Y-%m-%dT%H:%M"}


def dateparser_records(doc_id: str, text: str, published: str | None = None) -> list[dict]:
    """dateparser's ``search_dates(..., languages=["vi"])`` as DATE, line by line.

    The value is written at the precision dateparser reports for the found string
    (``DateDataParser.get_date_data(...).period``): a day, a month or a year. Relative
    expressions are resolved from ``published`` when given.
    """
    try:
        from dateparser.date import DateDataParser
        from dateparser.search import search_dates
    except ImportError as e:
        raise BaselineUnavailable("dateparser is not installed: pip install 'vnextract[eval]' "
                                  "(or pip install dateparser)") from e
    from datetime import datetime
    settings = {}
    if published:
        try:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
        except ValueError:
            pass
    ddp = DateDataParser(languages=["vi"], settings=settings or None)
    out = []
    for ls, le in _lines(text):
        line = text[ls:le]
        found = search_dates(line, languages=["vi"], settings=settings or None) or []
        cursor = 0
        for sub, dt in found:
            i = line.find(sub, cursor)
            if i < 0:
                continue
            cursor = i + len(sub)
            try:
                period = ddp.get_date_data(sub).period or "day"
            except Exception:
                period = "day"
            value = dt.strftime(_PRECISION.get(period, "%Y-%m-%d"))
            out.append(_record(doc_id, text, "DATE", ls + i, ls + i + len(sub), value, line.strip()))
    return out


def baseline_records(name: str, articles: dict[str, str],
                     published: dict[str, str] | None = None) -> list[dict]:
    """Records of baseline ``name`` (``underthesea`` or ``dateparser``) on every article."""
    if name == "underthesea":
        return [r for d, t in sorted(articles.items()) for r in underthesea_records(d, t)]
    if name == "dateparser":
        return [r for d, t in sorted(articles.items())
                for r in dateparser_records(d, t, (published or {}).get(d))]
    raise ValueError(f"unknown baseline {name!r}: use one of {', '.join(BASELINES)}")


# --- output: table, HTML -------------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{100 * x:5.1f}"


def format_table(reports: list[Report]) -> str:
    """The per-type table of every report (the first is the system, the rest baselines).

    A baseline shows only the types it produces, plus its ``ALL`` row over every type.
    """
    head = (f"{'system':<12} {'type':<10} {'gold':>4} {'opt':>3} {'sys':>4} | "
            f"{'span P':>6} {'R':>5} {'F1':>5} | {'ovl F1':>6} | {'fact P':>6} {'R':>5} {'F1':>5} | "
            f"{'wrong':>5} | {'unit':>5} {'qual':>5} {'chg':>5} {'det':>5}")
    lines = [head, "-" * len(head)]
    for n, rep in enumerate(reports):
        rows = list(rep.rows.values())
        if n > 0:
            rows = [r for r in rows if r.system]
        for r in rows + [rep.overall]:
            lines.append(
                f"{rep.system:<12} {r.type:<10} {r.gold:>4} {r.optional:>3} {r.system:>4} | "
                f"{_pct(r.span.precision):>6} {_pct(r.span.recall)} {_pct(r.span.f1)} | "
                f"{_pct(r.overlap.f1):>6} | "
                f"{_pct(r.fact.precision):>6} {_pct(r.fact.recall)} {_pct(r.fact.f1)} | "
                f"{r.wrong_value:>5} | " + " ".join(f"{_pct(r.accuracy(a))}" for a in ATTRIBUTES))
        lines.append("")
    lines.append("gold = required gold mentions, opt = optional ones; span = exact offsets, ovl = overlapping; "
                 "fact = exact span and value; unit/qual/chg/det = accuracy of unit, qualifier, change and "
                 "the value's extra keys on exact-span matches.")
    statements = format_statements(reports)
    if statements:
        lines += ["", statements]
    return "\n".join(lines)


def format_statements(reports: list[Report]) -> str:
    """The statements table of each report that has statements to score (a baseline that
    finds no quantity gives none)."""
    lines, shown = [], False
    for n, rep in enumerate(reports):
        st = rep.statements
        if not st.documents:
            if n == 0:
                lines.append(f"statements (about) of {rep.system}: not scored, no gold label carries about")
            continue
        if n > 0 and not st.matched.statements and not st.unmatched_system:
            continue
        m, e2e, shown = st.matched, st.end_to_end, True
        lines.append(f"statements (about) of {rep.system}, {st.documents} article(s) with about labels: "
                     f"{m.statements} of {m.statements + st.unmatched_gold} gold quantity mentions paired "
                     f"(span overlap), {st.unmatched_system} system mention(s) unpaired")
        head = (f"{'part':<12} {'tp':>4} {'fp':>4} {'fn':>4} | {'pair P':>6} {'R':>5} {'F1':>5} | "
                f"{'e2e P':>6} {'R':>5} {'F1':>5}")
        lines += [head, "-" * len(head)]
        for name, c, ce in [(p, m.parts[p], e2e.parts[p]) for p in PARTS] + [("all parts", m.all, e2e.all)]:
            lines.append(f"{name:<12} {c.tp:>4} {c.fp:>4} {c.fn:>4} | {_pct(c.precision):>6} {_pct(c.recall)} "
                         f"{_pct(c.f1)} | {_pct(ce.precision):>6} {_pct(ce.recall)} {_pct(ce.f1)}")
        lines.append(f"statements with every part right: {m.right}/{m.statements} ({_pct(m.share_right).strip()}%) "
                     f"of the pairs; end to end {e2e.right}/{e2e.statements} ({_pct(e2e.share_right).strip()}%)")
        lines.append("")
    if shown:
        lines.append("pair = on the paired mentions (how well the parts are linked; tp/fp/fn are these); "
                     "e2e = end to end, the parts of unpaired gold mentions missed and of unpaired system "
                     "mentions false. measure/subject/source right where the spans overlap, period/"
                     "compared_to where the values are equal, place where the codes are.")
    return "\n".join(lines)


_COLORS = {"FOUND": "#9be39b", "OPTIONAL": "#cfe8ff", "WRONG": "#ffb347", "BOUNDARY": "#ffe066",
           "MISSED": "#ff8080", "FALSE": "#d6a4ff", "GOLD": "#e0e0e0"}


def _doc_for(text: str, marks: list[tuple[int, int, str]], key: str):
    """A spaCy Doc of ``text`` cut at every whitespace and mark boundary, with the marks
    as ``doc.spans[key]`` (so every span aligns to tokens exactly)."""
    import regex
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    cuts = {0, len(text)}
    for s, e, _ in marks:
        cuts.update((s, e))
    for m in regex.finditer(r"\s+", text):
        cuts.update(m.span())
    cuts = sorted(cuts)
    words, spaces, starts = [], [], []
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        if piece == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            continue
        words.append(piece)
        spaces.append(False)
        starts.append(a)
    doc = Doc(Vocab(), words=words, spaces=spaces)
    assert doc.text == text
    by_start = {c: i for i, c in enumerate(starts)}
    by_end = {c + len(w): i + 1 for i, (c, w) in enumerate(zip(starts, words))}
    doc.spans[key] = [Span(doc, by_start[s], by_end[e], label=lab) for s, e, lab in marks
                      if s in by_start and e in by_end]
    return doc


def render_article(text: str, marks: list[tuple[int, int, str]]) -> str:
    """displaCy's span rendering of one article with ``KIND:TYPE`` highlights."""
    from spacy import displacy

    doc = _doc_for(text, marks, "eval")
    colors = {f"{k}:{t}": c for k, c in _COLORS.items() for t in TYPES}
    return displacy.render(doc, style="span", page=False, jupyter=False,
                           options={"spans_key": "eval", "colors": colors})


def _fmt(v) -> str:
    return "" if v is None else json.dumps(v, ensure_ascii=False)


def _fmt_part(name: str, part) -> str:
    """A part as one line: its text and offsets, then the value or code it is scored on."""
    if part is None:
        return "—"
    if not isinstance(part, dict):
        return _fmt(part)
    out = f"{part.get('text')!r} [{part.get('start')}:{part.get('end')})"
    if name in VALUE_PARTS:
        out += f" = {json.dumps(part.get('value'), ensure_ascii=False)}"
    elif name == "place":
        out += f" code {part.get('code')}"
    return out + (" (carried)" if part.get("carried") else "")


def render_statements_html(rep: Report) -> str:
    """The statements section of one report: the per-part table, then each paired statement
    with a part not right, its sentence and the gold and system parts side by side."""
    e = html.escape
    st = rep.statements
    if not st.documents:
        return "<section><h3>Statements (about)</h3><p>Not scored: no gold label carries about.</p></section>"
    m, e2e = st.matched, st.end_to_end
    out = ["<section><h3>Statements (about)</h3>",
           f"<p>{st.documents} article(s) with about labels; {m.statements} of {m.statements + st.unmatched_gold} "
           f"gold quantity mentions paired (span overlap), {st.unmatched_system} system mention(s) unpaired. "
           f"Every part right: {m.right}/{m.statements} of the pairs, {e2e.right}/{e2e.statements} end to end. "
           "Unpaired mentions are listed with the mention errors below.</p>",
           "<table class='err'><tr><th>part</th><th>tp</th><th>fp</th><th>fn</th><th>P</th><th>R</th>"
           "<th>F1</th><th>end-to-end P</th><th>R</th><th>F1</th></tr>"]
    for name, c, ce in [(p, m.parts[p], e2e.parts[p]) for p in PARTS] + [("all parts", m.all, e2e.all)]:
        out.append(f"<tr><td class='k'>{e(name)}</td><td>{c.tp}</td><td>{c.fp}</td><td>{c.fn}</td>"
                   + "".join(f"<td>{_pct(x).strip()}</td>" for x in (c.precision, c.recall, c.f1,
                                                                    ce.precision, ce.recall, ce.f1))
                   + "</tr>")
    out.append("</table>")
    if st.errors:
        out.append(f"<h4>{len(st.errors)} statement(s) with a part not right</h4>"
                   "<table class='err'><tr><th>mention</th><th>sentence</th><th>part</th><th>gold</th>"
                   "<th>system</th></tr>")
        for x in st.errors:
            names = [p for p in PARTS if p in x["gold"] or p in x["system"]]
            rows = len(names)
            for i, p in enumerate(names):
                cls = " class='k'" if p in x["wrong"] else ""
                head = (f"<td rowspan={rows}>{e(x['doc_id'])} {e(x['type'])}<br>{e(x['text'])} "
                        f"[{x['start']}:{x['end']})</td><td rowspan={rows}>{e(x['sentence'] or '')}</td>"
                        if i == 0 else "")
                out.append(f"<tr>{head}<td{cls}>{e(p)}{' ✗' if p in x['wrong'] else ''}</td>"
                           f"<td>{e(_fmt_part(p, x['gold'].get(p)))}</td>"
                           f"<td>{e(_fmt_part(p, x['system'].get(p)))}</td></tr>")
        out.append("</table>")
    out.append("</section>")
    return "\n".join(out)


def render_people_html(rep: Report, published: dict[str, str] | None = None) -> str:
    """The people of the system's OFFICIAL records across the articles, each with its posts
    as a timeline (first -> last publication date each post was seen; extract/io/people.py)."""
    from ..io.people import render_people_timeline, resolve

    rows = [(i, r, (published or {}).get(doc_id)) for doc_id in rep.docs
            for i, r in enumerate(rep.records.get(doc_id, [])) if r.get("type") == "OFFICIAL"]
    people = sorted(resolve(rows), key=lambda p: (-p["n_articles"], p["name"]))
    if not people:
        return ""
    return (f"<details><summary>people of {html.escape(rep.system)}: {len(people)} across the articles, "
            f"with their posts</summary>{render_people_timeline(people)}</details>")


def render_html(reports: list[Report], articles: dict[str, str], title: str = "vnextract evaluation",
                published: dict[str, str] | None = None) -> str:
    """One self-contained HTML page: the table, then each article of each system with its
    mentions highlighted and its errors listed with their sentences; the people the system's
    OFFICIAL records name, with a timeline of their posts."""
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{e(title)}</title>",
             "<style>body{font-family:sans-serif;margin:2em;max-width:75em}"
             "table.err{border-collapse:collapse;font-size:90%}table.err td,table.err th"
             "{border:1px solid #ccc;padding:.2em .4em;vertical-align:top}"
             "pre{font-size:85%}.k{font-weight:bold}</style></head><body>",
             f"<h1>{e(title)}</h1><pre>{e(format_table(reports))}</pre>",
             "<p>Highlights: " + " ".join(
                 f"<span style='background:{c};padding:0 .3em'>{k}</span>" for k, c in _COLORS.items()) +
             " — FOUND right span and value; OPTIONAL matches (or misses) an optional gold mention; WRONG right "
             "span, wrong value; BOUNDARY overlaps a gold mention (GOLD) without its exact span; MISSED gold "
             "not found; FALSE found, not in the gold.</p>"]
    for n, rep in enumerate(reports):
        parts.append(f"<details{' open' if n == 0 else ''}><summary><h2 style='display:inline'>"
                     f"{e(rep.system)}</h2> — fact F1 {rep.overall.fact.f1:.3f}, {len(rep.errors)} errors"
                     "</summary>")
        if n == 0 or rep.statements.matched.statements or rep.statements.unmatched_system:
            parts.append(render_statements_html(rep))
        parts.append(render_people_html(rep, published))
        for doc_id in rep.docs:
            errs = [x for x in rep.errors if x["doc_id"] == doc_id]
            parts.append(f"<h3>{e(doc_id)} ({len(errs)} errors)</h3>")
            parts.append(render_article(articles[doc_id], rep.marks.get(doc_id, [])))
            linked = [r for r in rep.records.get(doc_id, []) if r.get("about")]
            if linked:
                from ..statements.display import render_statements
                parts.append(f"<details><summary>statement arcs of {e(rep.system)}: {len(linked)} "
                             f"quantit{'y' if len(linked) == 1 else 'ies'} with parts</summary>"
                             f"{render_statements(articles[doc_id], linked, page=False)}</details>")
            if errs:
                parts.append("<table class='err'><tr><th>error</th><th>type</th><th>mention</th>"
                             "<th>gold value</th><th>system value</th><th>sentence</th></tr>")
                for x in errs:
                    gv = _fmt((x["gold"] or {}).get("value")) if x["gold"] else ""
                    sv = _fmt((x["system"] or {}).get("value")) if x["system"] else ""
                    if x["kind"] == "boundary":
                        gv = f"{x['gold']['text']!r} {gv}"
                        sv = f"{x['system']['text']!r} {sv}"
                    note = f"<br><i>{e(x['note'])}</i>" if x.get("note") else ""
                    parts.append(f"<tr><td class='k'>{e(x['kind'])}</td><td>{e(x['type'])}</td>"
                                 f"<td>{e(x['text'])} [{x['start']}:{x['end']})</td><td>{e(gv)}</td>"
                                 f"<td>{e(sv)}{note}</td><td>{e(x['sentence'] or '')}</td></tr>")
                parts.append("</table>")
        parts.append("</details>")
    parts.append("</body></html>")
    return "\n".join(parts)


# --- floors ----------------------------------------------------------------------------------

def floor_spec(spec: str) -> tuple[str, float]:
    """One ``--min-f1`` value: ``[NAME=]X`` -> ``(NAME, F1)``.

    NAME is ``ALL`` (the default), a type (any case), ``about`` (every statement part) or
    ``about.<part>``. X is an F1 in 0..1 (``0.85``) or a percentage with its sign (``85%``):
    a bare ``85`` or ``1.01`` is refused rather than guessed at. Raises
    ``argparse.ArgumentTypeError`` (argparse names the argument and exits 2).
    """
    import argparse

    name, _, x = spec.rpartition("=")
    name = name.strip()
    if name.lower() == "about" or name.lower().startswith("about."):
        name = name.lower()
        part = name[len("about."):]
        if name != "about" and part not in PARTS:
            raise argparse.ArgumentTypeError(f"{spec!r}: unknown statement part {part!r} "
                                             f"(use about or about.<part>, part one of {', '.join(PARTS)})")
    else:
        name = name.upper() or "ALL"
        if name != "ALL" and name not in TYPES:
            raise argparse.ArgumentTypeError(f"{spec!r}: unknown type {name!r} (use ALL, one of "
                                             f"{', '.join(sorted(TYPES))}, about or about.<part>)")
    x = x.strip()
    pct = x.endswith("%")
    try:
        v = float(x[:-1] if pct else x)
    except ValueError:
        v = math.nan
    top = 100.0 if pct else 1.0
    if not 0.0 <= v <= top:   # also refuses nan and inf
        where = f"{spec!r}: " if "=" in spec else ""
        raise argparse.ArgumentTypeError(f"{where}{x!r} is not an F1 between 0 and 1 (0.85) "
                                         "or a percentage between 0% and 100% (85%)")
    return name, v / 100 if pct else v


def parse_floors(specs: list[str] | None) -> dict[str, float]:
    """``["0.6", "PERCENT=90%", "about.period=0.8"]`` -> ``{"ALL": 0.6, "PERCENT": 0.9,
    "about.period": 0.8}`` (``floor_spec``); ValueError on a bad one."""
    import argparse

    floors = {}
    for spec in specs or []:
        try:
            name, v = floor_spec(spec)
        except argparse.ArgumentTypeError as e:
            raise ValueError(f"--min-f1 {e}") from None
        floors[name] = v
    return floors


def _floor_f1(report: Report, name: str, metric: str) -> tuple[float, str, str]:
    """The F1 that floor ``name`` holds, what it is called, and a note for its message."""
    if name == "about" or name.startswith("about."):
        st = report.statements
        counts = st.matched.all if name == "about" else st.matched.parts[name[len("about."):]]
        # a floor on statements that are not labelled fails: nothing was measured
        note = "" if st.documents else " (no gold label carries about)"
        return counts.f1, f"statement F1 of {name} on the paired mentions", note
    row = report.overall if name == "ALL" else report.rows.get(name)
    return (row.metric(metric).f1 if row is not None else 0.0), f"{metric} F1 of {name}", ""


def check_floors(report: Report, floors: dict[str, float], metric: str = "fact") -> list[str]:
    """A message for each floor the report falls below: a type's (or ``ALL``'s) F1 of
    ``metric``, a statement floor's F1 on the paired mentions (``about``: every part)."""
    fails = []
    for name, floor in floors.items():
        f1, what, note = _floor_f1(report, name, metric)
        if f1 + 1e-12 < floor:
            fails.append(f"{what} is {f1:.3f}, below the floor {floor:.3f}{note}")
    return fails


# --- command line ----------------------------------------------------------------------------

def add_eval_parser(subparsers) -> None:
    """``vnextract eval``: score the pipeline (or ``--system`` records) on the gold set."""
    p = subparsers.add_parser(
        "eval", help="score extraction against the hand-labelled gold set",
        description="Run the pipeline on the gold set's articles (or read --system records) and print "
                    "precision, recall and F1 per type: spans (exact and overlapping) and facts (exact span "
                    "and value). Year-less and relative dates are resolved against each article's "
                    "publication date, taken from (later wins) the gold MANIFEST.json entries "
                    "({\"sha256\": ..., \"published\": \"YYYY-MM-DD\"}), the rows of .jsonl --corpus files, "
                    "and --published; an article with none is resolved from its dateline, else from its "
                    "own explicit dates (gold/GUIDELINES.md). The same dates go to the dateparser "
                    "baseline. Exit 1 when an F1 is below a --min-f1 floor or the pipeline failed on an "
                    "article, 2 on a usage error.")
    p.add_argument("--gold", default="gold", help="folder of <doc_id>.jsonl gold files (default gold/)")
    p.add_argument("--corpus", action="append", default=None,
                   help="folder of <doc_id>.txt articles, or a .jsonl file of rows {id, text, published?}; "
                        "repeatable: the articles are looked up in each (the first that has an id wins), "
                        "only the rows of gold articles are read (default: corpus/ beside the gold folder)")
    p.add_argument("--published", metavar="FILE.json",
                   help="publication dates: a JSON object {doc_id: \"YYYY-MM-DD\"} (or JSONL rows with id "
                        "and published); wins over MANIFEST.json and the corpus rows")
    p.add_argument("--system", metavar="FILE.jsonl",
                   help="score these records (contract shape) instead of running the pipeline")
    p.add_argument("--name", default=None, help="the system's name in the table")
    p.add_argument("--baseline", action="append", choices=BASELINES, default=[],
                   help="also score a baseline library on the same articles (repeatable)")
    p.add_argument("--json", metavar="OUT.json", help="write every score and error as JSON")
    p.add_argument("--html", metavar="OUT.html", help="write the HTML report")
    p.add_argument("--min-f1", action="append", metavar="[NAME=]X", type=floor_spec,
                   help="fail (exit 1) when an F1 is below X, an F1 in 0..1 (0.85) or a percentage (85%%); "
                        "NAME: ALL (default), a type, about (statement parts together, on the paired "
                        "mentions) or about.<part> (measure, subject, period, place, compared_to, source); "
                        "repeatable")
    p.add_argument("--metric", choices=METRICS, default="fact",
                   help="the F1 that --min-f1 checks: fact (default), span (exact) or overlap")
    p.add_argument("--strict-values", action="store_true",
                   help="a fact needs every key of the gold value, not only the contract's")
    p.add_argument("--workers", type=int, default=1, help="processes for the pipeline (default 1)")
    p.add_argument("--quiet", action="store_true", help="print only floor failures")
    p.set_defaults(func=cmd_eval)


def _say(msg: str) -> None:
    print(f"vnextract eval: {msg}", file=sys.stderr)


def _pipeline_records(articles: dict[str, str], sources: dict[str, str], workers: int,
                      published: dict[str, str] | None = None,
                      titles: dict[str, str] | None = None) -> tuple[list[dict], int]:
    """The pipeline's records on the gold articles (each with its publication date and the
    title given beside it, where there are; ``sources`` says where each was read), as
    ``vnextract run`` makes them, and how many failed."""
    from ..io.batch import process_stream
    from ..io.readers import Article

    published, titles = published or {}, titles or {}
    items = [Article(d, articles[d], sources.get(d, d), published=published.get(d), title=titles.get(d))
             for d in sorted(articles)]
    records, failed = [], 0
    for res in process_stream(items, workers=workers):
        if res.error is not None:
            _say(f"error: {res.error}")
            failed += 1
        else:
            records.extend(res.records)
    return records, failed


def _corpora(args, gold_dir: Path) -> list[Path] | None:
    """The ``--corpus`` paths (default: corpus/ beside the gold), or None (said why) when one
    does not exist."""
    from .gold import default_corpus

    paths = [Path(c) for c in args.corpus] if args.corpus else [default_corpus(gold_dir)]
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"vnextract {args.command}: corpus {p} not found (give --corpus: a folder of .txt or a .jsonl "
              "file)", file=sys.stderr)
    return None if missing else paths


def cmd_eval(args) -> int:
    from .gold import (iso_date_problem, load_gold, load_records, publication_dates, read_corpus,
                       validate_gold)

    gold_dir = Path(args.gold)
    if not gold_dir.is_dir():
        _say(f"gold folder {gold_dir} not found (give --gold)")
        return 2
    corpus = _corpora(args, gold_dir)
    if corpus is None:
        return 2
    floors = dict(args.min_f1 or [])   # parsed by floor_spec; a later floor of a name wins
    problems = validate_gold(gold_dir, corpus)
    fatal = [p for p in problems if p.doc_id != "MANIFEST.json"]
    for p in problems:
        _say(f"gold: {p}")
    if fatal:
        _say(f"{len(fatal)} problem(s) in the gold set: fix them (vnextract gold validate) before scoring")
        return 2
    gold = load_gold(gold_dir)
    # only the gold's articles: a corpus of thousands of rows is read, not run
    read = read_corpus(corpus, gold)
    articles = {d: a.text for d, a in read.items()}
    try:
        published = publication_dates(gold_dir, corpus, Path(args.published) if args.published else None,
                                      doc_ids=gold)
    except (OSError, ValueError) as e:
        _say(f"cannot read the publication dates: {e}")
        return 2
    bad = {d: iso_date_problem(v) for d, v in published.items() if iso_date_problem(v)}
    if bad:
        for d, msg in sorted(bad.items()):
            _say(f"{d}: {msg}")
        return 2
    published = {d: v for d, v in published.items() if d in articles}
    if not args.quiet:
        _say(f"publication dates given for {len(published)} of {len(articles)} articles")
    reports = []
    failed = 0
    if args.system:
        try:
            records = load_records(Path(args.system))
        except (OSError, ValueError) as e:
            _say(f"cannot read --system {args.system}: {e}")
            return 2
        from ..pipeline.contract import record_problems
        bad = sum(1 for r in records if r.get("doc_id") in articles
                  and record_problems(dict({"sentence": None}, **r), articles[r["doc_id"]]))
        if bad:
            _say(f"{bad} --system record(s) break the contract (scored as they are)")
        if records and not any(r.get("doc_id") in articles for r in records):
            _say(f"no record of {args.system} names a gold article: doc_id must be the article's file stem")
        name = args.name or Path(args.system).stem
    else:
        records, failed = _pipeline_records(articles, {d: a.source for d, a in read.items()}, args.workers,
                                            published, {d: a.title for d, a in read.items()})
        name = args.name or "vnextract"
    reports.append(evaluate(gold, records, articles, name, args.strict_values))
    for b in args.baseline:
        try:
            reports.append(evaluate(gold, baseline_records(b, articles, published), articles, b,
                                    args.strict_values))
        except BaselineUnavailable as e:
            _say(f"baseline {b} cannot run: {e}")
            return 2
    if not args.quiet:
        print(format_table(reports))
    if args.json:
        Path(args.json).write_text(json.dumps({"systems": [r.to_dict() for r in reports]},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    if args.html:
        Path(args.html).write_text(render_html(reports, articles, published=published), encoding="utf-8")
    fails = check_floors(reports[0], floors, args.metric)
    for f in fails:
        _say(f"FAIL {f}")
    if failed:   # scored as finding nothing in them, which is not a measurement
        _say(f"FAIL the pipeline failed on {failed} article(s)")
    return 1 if fails or failed else 0


def add_gold_parser(subparsers) -> None:
    """``vnextract gold validate|import|export``: check the gold set and trade it with annotation tools."""
    p = subparsers.add_parser("gold", help="validate, import or export the gold set",
                              description="Check the gold set, or move it to and from doccano, Label "
                                          "Studio and CoNLL/BIO.")
    sub = p.add_subparsers(dest="gold_command", required=True)
    v = sub.add_parser("validate", help="check every gold file against its article and MANIFEST.json")
    ex = sub.add_parser("export", help="write the gold set as doccano JSONL, Label Studio JSON or CoNLL/BIO")
    ex.add_argument("--format", required=True, choices=("doccano", "labelstudio", "conll"))
    ex.add_argument("-o", "--output", help="output file (default stdout)")
    ex.add_argument("--predictions", metavar="FILE.jsonl",
                    help="labelstudio: add these records (contract shape) as the tasks' predictions")
    ex.add_argument("--skip-optional", action="store_true", help="conll: leave optional mentions untagged")
    im = sub.add_parser("import", help="read doccano JSONL or Label Studio JSON into gold files")
    im.add_argument("input", help="the exported file")
    im.add_argument("--format", required=True, choices=("doccano", "labelstudio"))
    im.add_argument("--use", choices=("annotations", "predictions"), default="annotations",
                    help="labelstudio: which result set to read (default annotations)")
    for q in (v, ex):
        q.add_argument("--corpus", action="append", default=None,
                       help="articles: a folder of .txt or a .jsonl file of rows; repeatable "
                            "(default: corpus/ beside the gold)")
    im.add_argument("--corpus", default=None, help="articles folder, where missing articles are written "
                                                   "(default: corpus/ beside the gold)")
    for q in (v, ex, im):
        q.add_argument("--gold", default="gold", help="gold folder (default gold/)")
    p.set_defaults(func=cmd_gold)


def cmd_gold(args) -> int:
    from . import gold as G

    gold_dir = Path(args.gold)
    cmd = args.gold_command
    if cmd == "import":
        corpus = Path(args.corpus) if args.corpus else G.default_corpus(gold_dir)
    else:
        corpus = _corpora(args, gold_dir)
        if corpus is None:
            return 2
    if cmd == "validate":
        problems = G.validate_gold(gold_dir, corpus)
        for p in problems:
            print(p)
        data = G.load_gold(gold_dir) if gold_dir.is_dir() else {}
        n = sum(len(v) for v in data.values())
        print(f"{len(data)} gold files, {n} mentions, {len(problems)} problem(s)")
        return 1 if problems else 0
    if cmd == "export":
        data = G.load_gold(gold_dir)
        articles = G.load_articles(corpus, data)
        missing = sorted(set(data) - set(articles))
        if missing:
            print(f"vnextract gold: articles not found in {', '.join(map(str, corpus))}: {', '.join(missing)}",
                  file=sys.stderr)
            return 2
        if args.format == "conll":
            lines, skipped = [], 0
            for d in sorted(data):
                recs = [r for r in data[d] if not (args.skip_optional and r.get("optional"))]
                ls, sk = G.bio_lines(articles[d], recs)
                lines += [f"# doc_id = {d}"] + ls
                skipped += sk
            if skipped:
                print(f"vnextract gold: {skipped} mention(s) overlap an earlier one and are not tagged",
                      file=sys.stderr)
            out = "\n".join(lines) + "\n"
        elif args.format == "doccano":
            out = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in G.to_doccano(data, articles))
        else:
            preds = None
            if args.predictions:
                preds = _group(G.load_records(Path(args.predictions)))
            out = json.dumps(G.to_labelstudio(data, articles, preds), ensure_ascii=False, indent=1) + "\n"
        if args.output:
            Path(args.output).write_text(out, encoding="utf-8")
        else:
            sys.stdout.write(out)
        return 0
    # import
    raw = Path(args.input).read_text(encoding="utf-8")
    try:
        if args.format == "doccano":
            items = G.from_doccano([json.loads(x) for x in raw.splitlines() if x.strip()])
        else:
            items = G.from_labelstudio(json.loads(raw), use=args.use)
    except (ValueError, KeyError, TypeError) as e:
        print(f"vnextract gold: cannot read {args.input} as {args.format}: {e}", file=sys.stderr)
        return 2
    for doc_id, text, recs in items:
        try:
            G.write_gold(gold_dir, corpus, doc_id, text, recs)
        except ValueError as e:
            print(f"vnextract gold: {e}", file=sys.stderr)
            return 2
    problems = G.validate_gold(gold_dir, corpus)
    for p in problems:
        print(p)
    print(f"imported {len(items)} article(s), {sum(len(r) for _, _, r in items)} mentions; "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0
