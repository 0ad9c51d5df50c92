"""The Vietnamese lunar calendar (âm lịch): lunar dates to solar dates and back.

Wraps ``lunar-vn`` (PyPI), a port of Hồ Ngọc Đức's algorithm computed for UTC+7, which is
how the Vietnamese calendar is defined. The Chinese calendar (UTC+8, e.g. ``lunardate``)
differs from it on some new moons: Tết Ất Sửu 1985 is 1985-01-21 in Vietnam and 1985-02-20
in China, Tết Đinh Hợi 2007 is 2007-02-17 against 2007-02-18 (tests/test_lunar.py). Years
1900-2100 are supported; anything else, an impossible date (day 30 of a 29-day month, a leap
flag on a month that is not leap that year) gives None instead of an error.

A lunar year is numbered like the solar year in which its month 1 begins (Giáp Thìn = 2024).
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import lunar_vn

from .text import fold

# The ten stems and twelve branches, folded (lower-case, one tone placement); variants the
# press writes (Kỉ, Quí, Tí, Tị, Mẹo) map to the same index.
_CAN = {fold(w): i for i, ws in enumerate((["Giáp"], ["Ất"], ["Bính"], ["Đinh"], ["Mậu"], ["Kỷ", "Kỉ"],
                                             ["Canh"], ["Tân"], ["Nhâm"], ["Quý", "Quí"])) for w in ws}
_CHI = {fold(w): i for i, ws in enumerate((["Tý", "Tí"], ["Sửu"], ["Dần"], ["Mão", "Mẹo"], ["Thìn"],
                                             ["Tỵ", "Tị"], ["Ngọ"], ["Mùi"], ["Thân"], ["Dậu"], ["Tuất"],
                                             ["Hợi"])) for w in ws}
YEARS = lunar_vn.SUPPORTED_YEAR_RANGE


@lru_cache(maxsize=4096)
def to_solar(year: int, month: int, day: int, leap: bool = False) -> date | None:
    """The solar date of lunar ``day``/``month``/``year`` (``leap``: the leap month), or None
    when that lunar date does not exist."""
    if not (YEARS[0] <= year <= YEARS[1] and 1 <= month <= 12 and 1 <= day <= 30):
        return None
    try:
        solar = lunar_vn.convert_lunar_to_solar(day, month, year, 1 if leap else 0)
    except ValueError:
        return None
    # the library counts on past the month's end: day 30 of a 29-day month is the next
    # month's day 1, which is not the date written
    back = to_lunar(solar)
    if back is None or back[1:] != (month, day, leap):
        return None
    return solar


@lru_cache(maxsize=4096)
def to_lunar(solar: date) -> tuple[int, int, int, bool] | None:
    """``(year, month, day, leap)`` of a solar date, or None outside the supported years."""
    try:
        got = lunar_vn.solar_to_lunar(solar)
    except ValueError:
        return None
    return got.year, got.month, got.day, bool(got.leap)


def month_days(year: int, month: int, leap: bool = False) -> tuple[date, date] | None:
    """The first and last solar day of a lunar month (29 or 30 days), or None."""
    first = to_solar(year, month, 1, leap)
    if first is None:
        return None
    last = to_solar(year, month, 30, leap) or to_solar(year, month, 29, leap)
    return first, last


def last_day(year: int, month: int = 12) -> int | None:
    """The number of days (29 or 30) of a lunar month: ``30 Tết`` is day 29 in some years."""
    days = month_days(year, month)
    return None if days is None else (days[1] - days[0]).days + 1


def can_chi(year: int) -> str:
    """The stem-and-branch name of a lunar year (2024 -> ``Giáp Thìn``)."""
    return lunar_vn.can_chi.get_year_can_chi(year)


# A year named only by stem and branch, in an article with no year at all, is taken in the
# cycle around this one (1990-2049): news is about its own time.
NEWS_ERA = 2020


def can_chi_year(stem: str, branch: str, near: int | None = None) -> int | None:
    """The lunar year named ``stem branch`` (``Giáp``, ``Thìn``) closest to year ``near``
    (the names repeat every 60 years; ``NEWS_ERA`` when None), or None for names that are
    not a stem and branch."""
    near = NEWS_ERA if near is None else near
    can, chi = _CAN.get(fold(stem)), _CHI.get(fold(branch))
    if can is None or chi is None or can % 2 != chi % 2:   # a stem pairs only with branches of its parity
        return None
    # 1984 is Giáp Tý (stem 0, branch 0); the year with stem c and branch b is 1984 + k with
    # k = c (mod 10) and k = b (mod 12)
    k = next(k for k in range(60) if k % 10 == can and k % 12 == chi)
    base = 1984 + k
    return base + 60 * round((near - base) / 60)


def nearest_year(month: int, day: int, around: date, leap: bool = False) -> int | None:
    """The lunar year whose ``day``/``month`` falls nearest the solar date ``around`` (an
    article of late January about ``mùng 1 Tết`` means the coming Tết, one of March the
    past one). A day that a year lacks (30 of a short month) is left out of that year."""
    best = None
    for y in (around.year - 1, around.year, around.year + 1):
        solar = to_solar(y, month, day, leap)
        if solar is None:
            continue
        gap = abs((solar - around).days)
        if best is None or gap < best[0]:
            best = (gap, y)
    return None if best is None else best[1]


def middle(first: date, last: date) -> date:
    """The middle day of a span: the solar month holding most of a lunar month."""
    return first + timedelta(days=(last - first).days // 2)
