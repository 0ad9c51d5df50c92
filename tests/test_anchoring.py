"""Anchored matching must find exactly what scanning every character finds.

Rules with an ``anchor`` (``"number"``, with or without ``lookback``, or ``"trigger"``) are tried only
near their anchors (extract/engine/matching.py): a wrong ``trigger`` or too short a ``lookback``
in patterns/ would silently lose matches. This compares both ways on every example text
of tests/specs and on the five articles.
"""
from pathlib import Path

import pytest

from bisect import bisect_left

from extract.engine.matching import number_anchors, rule_matches
from extract.pipeline.nlp import _dimensions, make_context
from spec_runner import load_cases

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ([case["text"] for _, _, case in load_cases()]
         + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))])
ANCHORED = [(dim, rule) for dim in _dimensions() for rule in dim.rules
            if rule.options.get("anchor")]


@pytest.fixture(scope="module")
def contexts():
    return [make_context(t) for t in TEXTS]


def test_some_rules_are_anchored():
    assert len(ANCHORED) >= 5


@pytest.mark.parametrize("dim,rule", [pytest.param(d, r, id=r.id) for d, r in ANCHORED])
def test_anchored_matches_equal_full_scan(dim, rule, contexts):
    for ctx in contexts:
        scanned = [m.span() for m in rule.regex.finditer(ctx.norm, ctx.body_start, ctx.body_end)
                   if "\n" not in m.group()]
        if rule.options["anchor"] == "number":
            # a number word inside another word is no number ("ngày một" = more and more)
            anchors = number_anchors(ctx)
            scanned = [(s, e) for s, e in scanned
                       if bisect_left(anchors, s) < len(anchors) and anchors[bisect_left(anchors, s)] < e]
        anchored = [m.span() for m in rule_matches(rule, ctx)]
        assert anchored == scanned, ctx.norm[:120]
