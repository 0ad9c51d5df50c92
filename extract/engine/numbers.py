"""Vietnamese numbers: digits written the Vietnamese way, and number words.

``11.956`` = 11956 (dot groups thousands), ``50,2`` = 50.2 (comma is the decimal mark),
``83,76 triệu`` = 83760000, ``hai mươi mốt nghìn`` = 21000. Values are ``Decimal`` inside
the engine, so ``83,76 × 10⁶`` is exact; ``as_json_number`` turns them into int or float
for records.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from vietnam_number import w2n

from .patterns import load_toml


@lru_cache(maxsize=1)
def number_words() -> dict:
    """The number-word lists of patterns/numbers/number_words.toml, validated."""
    data = load_toml("numbers/number_words.toml", required={
        "digits", "tens", "after_tens", "connectors", "hundreds", "scales", "half",
        "decimal_point", "ambiguous"})
    return data


def scale_value(word: str) -> Decimal:
    """The multiplier of a scale word (``triệu`` -> 10⁶); KeyError for anything else."""
    return Decimal(number_words()["scales"][word.lower()])


_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")   # 11.956 / 1.234.567,5
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}")         # 1,234,567 (English style)
_PLAIN = re.compile(r"\d+(?:,\d+)?")                        # 2483 / 50,2
_EN_DECIMAL = re.compile(r"\d+\.\d{1,2}")                   # 1.5 (English decimal)


def parse_digits(s: str) -> Decimal | None:
    """Value of a number written in digits the Vietnamese way, or None.

    A dot followed by exactly three digits groups thousands; a comma is the decimal mark.
    Two English forms are also read: ``1,234,567`` (several comma groups) and ``1.5``
    (a dot followed by one or two digits, which cannot be a thousands group).
    """
    s = s.strip()
    try:
        if _GROUPED.fullmatch(s) or _PLAIN.fullmatch(s):
            return Decimal(s.replace(".", "").replace(",", "."))
        if _EN_GROUPED.fullmatch(s):
            return Decimal(s.replace(",", ""))
        if _EN_DECIMAL.fullmatch(s):
            return Decimal(s)
    except InvalidOperation:
        return None
    return None


def parse_scaled(digits: str, scales: list[str]) -> Decimal | None:
    """``83,76`` with ``["triệu"]`` -> 83760000; ``7,2`` with ``["nghìn", "tỷ"]`` -> 7.2e12."""
    value = parse_digits(digits)
    if value is None:
        return None
    for word in scales:
        value *= scale_value(word)
    return value


def parse_words(words: list[str]) -> Decimal | None:
    """Value of a spelled-out number (lower-case words), or None if it is not one.

    Wraps vietnam-number's ``w2n``, which is right for plain integers but reads
    ``hai phẩy năm`` as 25 and ``bảy nghìn tỷ`` as 70000001000: decimals are split on
    ``phẩy`` here, and compound scales are split at the largest scale word.
    """
    if not words:
        return None
    nw = number_words()
    if words[-1] in nw["half"]:
        base = parse_words(words[:-1])
        if base is None:
            return None
        last_scale = next((w for w in reversed(words[:-1]) if w in nw["scales"]), None)
        return base + (scale_value(last_scale) if last_scale else Decimal(1)) / 2
    if any(w in nw["decimal_point"] for w in words):
        i = next(i for i, w in enumerate(words) if w in nw["decimal_point"])
        scales = []
        frac_words = words[i + 1:]
        while frac_words and frac_words[-1] in nw["scales"]:
            scales.insert(0, frac_words.pop())
        whole = parse_words(words[:i])
        digits = [parse_words([w]) for w in frac_words]
        if whole is None or not digits or any(d is None or d > 9 for d in digits):
            return None
        value = Decimal(f"{int(whole)}.{''.join(str(int(d)) for d in digits)}")
        for w in scales:
            value *= scale_value(w)
        return value
    # "bảy nghìn tỷ": split at the last occurrence of the largest scale present.
    for big in ("tỷ", "tỉ", "triệu", "nghìn", "ngàn"):
        if big in words:
            i = len(words) - 1 - words[::-1].index(big)
            left, right = words[:i], words[i + 1:]
            if any(w in ("tỷ", "tỉ", "triệu", "nghìn", "ngàn") for w in left):
                # compound scale on the left ("nghìn tỷ"): value the left part on its own
                lv = parse_words(left)
                if lv is None:
                    return None
                rv = parse_words(right) if right else Decimal(0)
                return None if rv is None else lv * scale_value(big) + rv
            break
    try:
        return Decimal(w2n(" ".join(words)))
    except Exception:   # w2n raises bare ValueError/KeyError/IndexError on non-numbers
        return None


def as_json_number(value: Decimal) -> int | float:
    """int when integral (``11956``), else float (``50.2``)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
