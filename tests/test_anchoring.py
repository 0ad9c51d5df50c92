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


def test_a_rule_head_skips_no_match():
    # the range rules are tried only where their head ({pre}{range_from}{range_low}) matches:
    # the same matches as the rule tried at every syllable of the window
    from dataclasses import replace
    from extract.engine.matching import rule_matches as matches
    rules = [r for _, r in ANCHORED if r.options.get("head") is not None]
    assert {r.id for r in rules} >= {"range.percent", "range.count", "range.duration"}
    texts = ["Giá tăng khoảng 5-7% so với năm trước, khoảng 40-50 người dự.",   # qualifier, change
             "Thời gian xử lý từ 5 đến 7 ngày, có khi từ hai đến ba năm.",       # "từ", number words
             "Đội nhà thắng 3-0; gọi 0912-345-678; ngày 2-9 người dân nghỉ.",    # no range
             "Lãi suất ước tăng không quá 0,5 - 1% một năm; 300-500 hộ"]
    for text in texts:
        ctx = make_context(text)
        for rule in rules:
            bare = replace(rule, options={k: v for k, v in rule.options.items() if k != "head"})
            assert [m.span() for m in matches(rule, ctx)] == [m.span() for m in matches(bare, ctx)], (rule.id, text)
    ctx = make_context(texts[1])
    count = next(r for r in rules if r.id == "range.duration")
    assert [m.group() for m in matches(count, ctx)] == ["từ 5 đến 7 ngày", "từ hai đến ba năm"]


@pytest.mark.parametrize("head,pattern", [
    ("ab", "ac"),            # not the pattern's first characters
    ("a", "a+b"),            # a quantifier after it
    ("a", "a{2}b"),
    ("a", "a|bc"),           # a top-level branch
    ("(?:a", "(?:a|b)c"),    # inside a group
])
def test_a_head_must_begin_every_match(head, pattern, tmp_path, monkeypatch):
    import extract.engine.patterns as P
    from extract.engine.errors import PatternError
    (tmp_path / "r.toml").write_text(
        f"[[rule]]\nid = 'x'\ntype = 'COUNT'\nresolver = 'r'\nanchor = 'trigger'\ntrigger = 'a'\n"
        f"pattern = '{pattern}'\nhead = '{head}'\n", encoding="utf-8")
    monkeypatch.setattr(P, "PATTERNS_DIR", tmp_path)
    with pytest.raises(PatternError, match="E117"):
        P.compile_rules("r.toml", {}, {"COUNT"}, {"r"})
    (tmp_path / "r.toml").write_text(
        "[[rule]]\nid = 'x'\ntype = 'COUNT'\nresolver = 'r'\nanchor = 'trigger'\ntrigger = 'a'\n"
        "pattern = 'ab{2}c'\nhead = 'a'\n", encoding="utf-8")
    assert P.compile_rules("r.toml", {}, {"COUNT"}, {"r"})[0].options["head"].pattern == "a"
