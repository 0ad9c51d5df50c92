"""The currency tables of patterns/quantities/ against CLDR (through babel).

The tables are hand-written data (Vietnamese news writes "đô", "tệ", "bạt", which CLDR does
not have); CLDR checks that every code is an ISO 4217 code, that each currency's Vietnamese
CLDR name is among its written forms, and that no sign is given to a currency CLDR does not
give it to.
"""
from functools import lru_cache

import pytest

from extract.engine.patterns import load_toml
from extract.engine.text import fold

babel = pytest.importorskip("babel")
from babel import Locale, localedata  # noqa: E402
from babel.numbers import list_currencies  # noqa: E402

AFTER = load_toml("quantities/words.toml")["currency"]
BEFORE = load_toml("quantities/money_words.toml")["currency_before"]
VI = Locale("vi")


def is_sign(written: str) -> bool:
    """"$", "US$", "€" (not a code or a word: "USD", "đô-la Mỹ")."""
    return not written.replace(" ", "").replace("-", "").isalpha()


@lru_cache(maxsize=1)
def cldr_signs() -> dict[str, set[str]]:
    """Every sign CLDR gives each currency in any locale ("$", "US$", "S$", "¥", "CN¥")."""
    out: dict[str, set[str]] = {}
    for ident in localedata.locale_identifiers():
        for code, sign in Locale.parse(ident).currency_symbols.items():
            out.setdefault(code, set()).add(sign)
    return out


@pytest.mark.parametrize("code", sorted(set(AFTER) | set(BEFORE)))
def test_codes_are_iso_4217(code):
    assert code in list_currencies()


@pytest.mark.parametrize("code", sorted(AFTER))
def test_vietnamese_cldr_name_is_written(code):
    written = {fold(w) for w in AFTER[code]}
    name = VI.currencies.get(code)
    assert name, code
    # CLDR's "Bạt Thái Lan", "Yên Nhật": the name or its first word(s) as news writes them
    assert fold(name) in written or any(fold(name).startswith(w + " ") for w in written), (code, name)


@pytest.mark.parametrize("code", sorted(set(AFTER) | set(BEFORE)))
def test_signs_are_cldr_signs_of_their_currency(code):
    signs = [w for w in AFTER.get(code, []) + BEFORE.get(code, []) if is_sign(w)]
    for s in signs:
        assert s in cldr_signs().get(code, set()), (code, s)


def test_shared_signs_go_to_one_currency():
    # "$" is also the sign of other dollars and "¥" of the yuan in their own locales: each is
    # read as one currency here (USD, JPY: money_words.toml says why)
    seen = {}
    for code, words in list(BEFORE.items()) + list(AFTER.items()):
        for w in words:
            if is_sign(w):
                assert seen.setdefault(w, code) == code, (w, seen[w], code)
