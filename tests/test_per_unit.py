"""The per-unit tail of prices and counts (patterns/quantities/per_unit.toml): its examples keep
the "/unit" inside the mention, its counter-examples leave the words after it outside."""
import pytest

from extract import extract
from extract.engine.patterns import load_toml

DATA = load_toml("quantities/per_unit.toml")


def _case(ex):
    return pytest.param(ex, id=ex["mention"])


@pytest.mark.parametrize("example", [_case(x) for x in DATA["examples"] + DATA["counter_examples"]])
def test_per_unit_tail(example):
    spans = [r["text"] for r in extract(example["text"]) if r["type"] in DATA["types"]]
    assert example["mention"] in spans, spans


def test_per_unit_count_keeps_the_tail_in_its_unit():
    rec = next(r for r in extract("Mật độ thả nuôi 500 con/m2.") if r["type"] == "COUNT")
    assert (rec["text"], rec["value"], rec["unit"]) == ("500 con/m2", 500, "con/m2")


def test_per_unit_money_keeps_its_currency_code():
    rec = next(r for r in extract("Giá bán tối đa là 17.806 đồng/lít.") if r["type"] == "MONEY")
    assert (rec["text"], rec["value"], rec["unit"], rec["start"], rec["end"]) == ("17.806 đồng/lít", 17806, "VND", 18, 33)
