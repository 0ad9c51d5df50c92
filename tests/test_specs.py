"""The corpus of examples is the test suite: every case of tests/specs/*.jsonl."""
import pytest

from extract import extract
from spec_runner import case_types, comparable, expected_records, load_cases

CASES = load_cases()


@pytest.mark.parametrize("stem,case", [pytest.param(stem, case, id=cid,
                         marks=[pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else [])
                         for cid, stem, case in CASES])
def test_case(stem, case):
    expected = expected_records(case)
    types = case_types(stem, case, expected)
    with_unit = {(e["start"], e["end"], e["type"]) for e in expected if "unit" in e}
    got = comparable(extract(case["text"], published=case.get("published")), types, with_unit)
    assert got == expected


def test_corpus_is_large_enough():
    """Issue 2 asks for at least 200 quantity cases, positive and negative."""
    quantity = [c for _, stem, c in CASES if stem in {"percent", "ratio", "rank", "count", "money", "duration", "numbers"}]
    assert len(quantity) >= 200
    assert sum(1 for c in quantity if not c["expect"]) >= 50
