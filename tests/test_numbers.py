"""Vietnamese numbers: digits written the Vietnamese way and number words."""
from decimal import Decimal

import pytest

from extract.engine.numbers import as_json_number, parse_digits, parse_scaled, parse_words


@pytest.mark.parametrize("s,value", [
    ("11.956", 11956), ("50,2", 50.2), ("1.086", 1086), ("2483", 2483), ("3.846", 3846),
    ("1.234.567", 1234567), ("1.234.567,5", 1234567.5), ("0,5", 0.5), ("1,234,567", 1234567), ("1.5", 1.5),
])
def test_parse_digits(s, value):
    assert as_json_number(parse_digits(s)) == value


@pytest.mark.parametrize("s", ["12.34.5", "1.2345", "abc", "", "1..2"])
def test_parse_digits_rejects(s):
    assert parse_digits(s) is None


@pytest.mark.parametrize("digits,scales,value", [
    ("83,76", ["triệu"], 83760000), ("7,2", ["nghìn", "tỷ"], 7200000000000), ("10", ["tỉ"], 10000000000),
    ("64,3", ["triệu"], 64300000), ("1,5", ["ngàn"], 1500),
])
def test_parse_scaled(digits, scales, value):
    assert as_json_number(parse_scaled(digits, scales)) == value


@pytest.mark.parametrize("words,value", [
    ("chín", 9), ("mười", 10), ("mười lăm", 15), ("hai mươi mốt", 21), ("hai mươi tư", 24),
    ("hai mươi mốt nghìn", 21000), ("một trăm linh năm", 105), ("một trăm lẻ năm", 105),
    ("ba triệu", 3000000), ("hai triệu rưỡi", 2500000), ("bảy nghìn tỷ", 7000000000000),
    ("hai phẩy năm", 2.5), ("hai phẩy năm triệu", 2500000), ("năm mươi lăm", 55),
    ("hai tỷ ba trăm triệu", 2300000000), ("một nghìn không trăm linh năm", 1005),
])
def test_parse_words(words, value):
    assert as_json_number(parse_words(words.split())) == value


def test_values_are_exact_decimals():
    assert parse_scaled("83,76", ["triệu"]) == Decimal("83760000")
    assert isinstance(as_json_number(Decimal("83760000.00")), int)
