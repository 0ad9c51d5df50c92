"""Statements: the corpus of examples tests/specs/statements.jsonl and the examples of
patterns/statements/linking.toml, run through the whole pipeline.

A statements case names a quantity mention (``number``, its text; ``occurrence`` when it
stands more than once) and the parts its ``about`` must have, exactly: a part not listed
must be absent. A part is written as its text, or ``[text, value]`` for period and
compared_to, ``[text, code]`` for place.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract
from extract.engine.patterns import load_toml

SPECS = Path(__file__).parent / "specs" / "statements.jsonl"
SECTION_PART = {"measure": "measure", "subject": "subject", "carry": "measure", "period": "period",
                "compared_to": "compared_to", "source": "source", "place": "place"}


def _record(records, text, number, occurrence=1):
    pos = -1
    for _ in range(occurrence):
        pos = text.find(number, pos + 1)
    assert pos >= 0, f"{number!r} not in the text"
    got = [r for r in records if r["start"] == pos and r["text"] == number]
    assert got, f"no quantity mention {number!r} at {pos}; found {[r['text'] for r in records if 'about' in r]}"
    return got[0]


def _shown(part_name, part):
    if part_name in ("period", "compared_to"):
        return [part["text"], part.get("value")]
    if part_name == "place":
        return [part["text"], part.get("code")]
    return part["text"]


def _cases():
    out = []
    for n, line in enumerate(SPECS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            case = json.loads(line)
            out.append(pytest.param(case, id=case.get("id", f"statements-{n}"),
                                    marks=[pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []))
    return out


@pytest.mark.parametrize("case", _cases())
def test_statement_spec(case):
    records = extract(case["text"], published=case.get("published"), title=case.get("title"))
    for exp in case["expect"]:
        rec = _record(records, case["text"], exp["number"], exp.get("occurrence", 1))
        got = {k: _shown(k, v) for k, v in rec["about"].items()}
        for k, v in rec["about"].items():
            assert case["text"][v["start"]:v["end"]] == v["text"]
        assert got == exp["about"], f"{exp['number']}: {got}"
        for part_name, occurrence in exp.get("at", {}).items():   # which writing a part points to
            part = rec["about"][part_name]
            pos = -1
            for _ in range(occurrence):
                pos = case["text"].find(part["text"], pos + 1)
            assert part["start"] == pos, f"{exp['number']}: {part_name} at {part['start']}, not at writing {occurrence} ({pos})"


def _linking_examples():
    data = load_toml("statements/linking.toml")
    out = []
    for section, part in SECTION_PART.items():
        for kind in ("examples", "counter_examples"):
            for i, ex in enumerate(data[section].get(kind, [])):
                out.append(pytest.param(part, ex, id=f"{section}-{kind}-{i}"))
    return out


@pytest.mark.parametrize("part,example", _linking_examples())
def test_linking_examples(part, example):
    """Each cue list's examples give the part shown; counter-examples give the part shown
    (the counted noun instead of a bare quantifier, …) or none (``part = ""``)."""
    records = extract(example["text"], published=example.get("published"))
    rec = _record(records, example["text"], example["number"])
    got = rec["about"].get(part)
    if example["part"] == "":
        assert got is None, f"{part}: {got}"
    else:
        assert got is not None and got["text"] == example["part"], f"{part}: {got}"


def test_flat_article_carries_a_speaker_into_the_next_sentence_only():
    # an article flattened to one line (the newsmds texts) shows no paragraphs: a speaker
    # named in one sentence holds for the next one, not for the rest of the article
    text = ("Ông Nguyễn Văn An, Chủ tịch UBND xã Tân Lập, cho biết xã có 120 hộ nghèo. "
            "Năm nay xã hỗ trợ 50 hộ làm nhà mới. Trường học của xã có 600 học sinh. "
            + "Người dân trong xã chủ yếu làm nông nghiệp và chăn nuôi gia súc. " * 30)
    assert "\n" not in text and len(text) > 1800
    records = extract(text, published="2024-02-10")
    sources = [(r["text"], r["about"].get("source", {}).get("text"), r["about"].get("source", {}).get("carried"))
               for r in records if "about" in r]
    assert sources == [("120 hộ nghèo", "Nguyễn Văn An", None), ("50 hộ", "Nguyễn Văn An", True),
                       ("600 học sinh", None, None)]
