"""Lunar dates: a DATE whose value is the solar date it falls on, with ``lunar`` as written.

Rules (where) are in patterns/time/lunar.toml, words in patterns/time/lunar_words.toml and
the lunar holidays in patterns/time/holidays.toml; the conversion is extract/engine/lunar.py
(the Vietnamese calendar, UTC+7). CONTRACT.md: ``rằm tháng Giêng`` of Giáp Thìn is
``value`` 2024-02-24 with ``lunar`` "2024-01-15".

The lunar year comes from the text (a stem-and-branch name, ``Giáp Thìn``, or a number:
the lunar year's own, except after ``N Tết`` and ``Giao thừa``, where it names the Tết
they lead into), else it is the one that puts the day nearest the solar date written beside
it (``18/2 (mùng 9 Tết)``, ``30/9 (tức 14/8 âm lịch)``), else nearest the publication date
(an article of late January about ``mùng 1 Tết`` means the coming Tết, one of March the
past one), else nearest the middle of the article's own year. Without any of them nothing
is emitted: a lunar day without its year has no solar date.

Decisions (gold/GUIDELINES.md §DATE): a festival named alone (``Tết Nguyên đán``, ``Tết
Giáp Thìn``, ``Giỗ Tổ Hùng Vương``) is the DATE of its day (Tết: mùng 1), not the holiday's
days off; a lunar month (``tháng Chạp``, ``tháng 8 âm lịch``) is a DATE at month precision
whose value is the solar month holding most of it (its middle day), with ``lunar``
"YYYY-MM"; ``30 Tết`` and ``Giao thừa`` are the last day of month 12, day 29 in a year whose
month 12 has 29 days (``lunar`` then says "…-12-29"); ``tháng Giêng`` is January, not the
lunar month, unless its sentence speaks of Tết, festivals, pagodas … (``[lunar_cue]``) or a
lunar mark stands with it (``mùng``, ``rằm``, ``âm lịch``, a stem-and-branch year).
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import regex

from ..engine import lunar as L
from ..engine.context import ArticleContext
from ..engine.patterns import alternation, load_toml
from ..engine.text import fold
from . import time as T
from .calendar import holiday_day

WORDS = "time/lunar_words.toml"


@lru_cache(maxsize=1)
def _words():
    data = load_toml(WORDS, required={"lunar_month", "day_word", "stem_branch", "lunar_cue"})
    months = {w: int(k) for k, ws in data["lunar_month"].items() for w in ws}
    days = {fold(w): int(k) for k, ws in data["day_word"].items() for w in ws}
    cue = regex.compile(alternation([fold(w) for w in data["lunar_cue"]["words"]]), regex.V1)
    return months, days, cue


def lunar_pieces() -> dict[str, str]:
    """``{lunar_month}`` (as written), ``{day_word}`` (any case), ``{can}``, ``{chi}``."""
    data = load_toml(WORDS)
    return {
        "lunar_month": alternation([w for ws in data["lunar_month"].values() for w in ws]),
        "day_word": "(?i:" + alternation([w for ws in data["day_word"].values() for w in ws]) + ")",
        "can": alternation(data["stem_branch"]["can"]),
        "chi": alternation(data["stem_branch"]["chi"]),
    }


# --- where the year comes from ------------------------------------------------------------

_SOLAR = r"(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})(?:[/\-.](?P<y>(?:19|20)\d\d))?"
_THAT_IS = r"(?:(?i:tức)\s+(?:(?i:là)\s+)?)"
# a solar date right before the lunar one: "18/2 (mùng 9 Tết)", "ngày 18/2, tức mồng 9 …"
_SOLAR_BEFORE = regex.compile(rf"{_SOLAR}\s*(?:\(\s*{_THAT_IS}?|,?\s*{_THAT_IS})(?:(?i:ngày)\s+)?\Z", regex.V1)
# … or right after it: "mùng 9 Tết (18/2)", "mùng 9 tháng Giêng (tức ngày 18/2)"
_SOLAR_AFTER = regex.compile(rf"\s*(?:\(\s*{_THAT_IS}?(?:(?i:ngày)\s+)?{_SOLAR}\s*\)|,?\s*{_THAT_IS}(?:(?i:ngày)\s+)?{_SOLAR}(?![\d/]))",
                             regex.V1)


def _solar_beside(m, ctx: ArticleContext, ref: T.Ref) -> date | None:
    """The solar date written beside the lunar one, in parentheses or after ``tức``."""
    got = _SOLAR_BEFORE.search(ctx.norm[max(0, m.start() - 32):m.start()]) or _SOLAR_AFTER.match(ctx.norm, m.end())
    if not got:
        return None
    f = {k: (v, 0) for k, v in got.groupdict().items() if v}
    p = T.build_point(f, ref)
    if p is None or not p.y:
        return None
    return date(p.y, p.m, p.d)


def _around(m, ctx: ArticleContext, ref: T.Ref) -> date | None:
    """The solar day a lunar date without its year is taken nearest to."""
    beside = _solar_beside(m, ctx, ref)
    if beside is not None:
        return beside
    if ref.pub is not None:
        return ref.pub
    return date(ref.year, 7, 1) if ref.year else None


def _day(year: int, month: int, day: int, leap: bool, eve: bool) -> tuple[date, int] | None:
    """The solar date of a lunar day and the lunar day it is; ``eve``: day 30 of month 12
    is the year's last day (29 in a short year)."""
    if eve and month == 12 and day == 30:
        day = L.last_day(year, 12) or 30
    solar = L.to_solar(year, month, day, leap)
    return None if solar is None else (solar, day)


def _year(f: dict, ref: T.Ref, around: date | None, month: int, day: int, leap: bool, eve: bool) -> int | None:
    """The lunar year of a lunar day: written (stem and branch, number, relative word),
    else the one nearest ``around``. ``eve`` (``30 Tết``, ``Giao thừa``): a year written
    names the Tết after the day, the year before it."""
    back = 1 if eve else 0
    y = int(T._txt(f, "y") or T._txt(f, "ly") or 0) or None
    if "can" in f:
        near = y or (around.year if around else ref.year)
        named = L.can_chi_year(T._txt(f, "can"), T._txt(f, "chi"), near)
        return None if named is None else named - back
    if y:
        return y - back
    if "rel" in f:
        base = T.relative_point("year", T._tables()["relative"][" ".join(fold(T._txt(f, "rel")).split())][1], ref)
        return None if base is None or base.y is None else base.y - back
    if around is None:
        return None
    best = None
    for cand in (around.year - 1, around.year, around.year + 1):
        got = _day(cand, month, day, leap, eve)
        if got is not None and (best is None or abs((got[0] - around).days) < best[0]):
            best = (abs((got[0] - around).days), cand)
    return None if best is None else best[1]


def _lunar_day(m, rule, ctx, f, month: int, day: int, leap: bool = False, eve: bool = False):
    ref = T.reference(ctx)
    year = _year(f, ref, _around(m, ctx, ref), month, day, leap, eve)
    if year is None:
        return None
    got = _day(year, month, day, leap, eve)
    if got is None:
        return None
    solar, day = got
    return _mention(m, rule, solar.isoformat(), f"{year:04d}-{month:02d}-{day:02d}", leap)


def _lunar_month(m, rule, ctx, f, month: int, leap: bool = False):
    ref = T.reference(ctx)
    year = _year(f, ref, _around(m, ctx, ref), month, 15, leap, False)
    span = L.month_days(year, month, leap) if year else None
    if span is None:
        return None
    mid = L.middle(*span)
    mod = T._MOD.get(fold(T._txt(f, "part"))) if "part" in f else None
    return _mention(m, rule, f"{mid.year:04d}-{mid.month:02d}", f"{year:04d}-{month:02d}", leap, mod)


def _mention(m, rule, value: str, lunar: str, leap: bool, mod: str | None = None):
    out = T._mention("DATE", m.start(), m.end(), value, rule, mod)
    out.extra["lunar"] = lunar
    if leap:
        out.extra["lunar_leap"] = True
    return out


# --- reading the groups -------------------------------------------------------------------

def _month(f) -> int | None:
    word = T._txt(f, "lm")
    return _words()[0].get(word) if word else None


def _day_number(f) -> int | None:
    if "ram" in f:
        return 15
    if "ld" in f:
        return int(T._txt(f, "ld"))
    if "ldw" in f and _after_mung(f):
        return _words()[1].get(fold(T._txt(f, "ldw")))
    return None   # a day in words only after "mùng" ("hai tháng Giêng" is two months)


def _lunar_context(ctx: ArticleContext, m) -> bool:
    """True when the sentence of ``m`` speaks of Tết, festivals, pagodas … (``[lunar_cue]``)."""
    s, e = ctx.sentence_span(m.start())
    return _words()[2].search(ctx.folded, s, max(e, m.end())) is not None


def _after_mung(f) -> bool:
    ngay = fold(T._txt(f, "ngay") or "")
    return "mùng" in ngay or "mồng" in ngay


def _is_marked(f) -> bool:
    """A lunar mark with the date itself: rằm, mùng/mồng, âm lịch, a stem-and-branch year."""
    return bool({"ram", "al", "can"} & set(f)) or _after_mung(f)


# --- resolvers ------------------------------------------------------------------------------

def resolve_lunar_date(m, rule, ctx: ArticleContext):
    """A lunar day and month: ``rằm tháng Giêng``, ``mùng 9 tháng Giêng``, ``ngày 10/3 âm
    lịch``, ``mùng 5 tháng 5 năm Giáp Thìn``. Without a lunar mark or a lunar month name it
    is a solar date (date.day_month_words), except ``ngày N tháng Giêng``: the lunar month
    in a lunar sentence, else N January."""
    f = T.fields(m)
    month, day = _month(f), _day_number(f)
    if month is None or day is None:
        return None
    name = fold(T._txt(f, "lm"))
    lunar = (_is_marked(f) or name == "chạp" or "leap" in f
             or (name == "giêng" and _lunar_context(ctx, m)))
    if lunar:
        return _lunar_day(m, rule, ctx, f, month, day, "leap" in f)
    if name == "giêng" and ("ngay" in f or "y" in f):
        p = T.build_point(dict(f, m=("1", -1), d=(str(day), -1)), T.reference(ctx))
        return None if p is None else T._mention("DATE", m.start(), m.end(), p.iso(), rule)
    return None


def resolve_lunar_day_only(m, rule, ctx: ArticleContext):
    """``14 âm lịch``, ``mùng 9 Âm lịch``: the month is the lunar month of the solar date
    written beside it (``Đêm 26/3 (tức 14 âm lịch)``); alone, nothing."""
    ref = T.reference(ctx)
    beside = _solar_beside(m, ctx, ref)
    day = _day_number(T.fields(m))
    if beside is None or day is None:
        return None
    got = L.to_lunar(beside)
    if got is None:
        return None
    year, month, today, leap = got
    if today - day > 15:        # the day is in the next lunar month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif day - today > 15:      # … or in the one before
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    solar = L.to_solar(year, month, day, leap)
    if solar is None:
        return None
    return _mention(m, rule, solar.isoformat(), f"{year:04d}-{month:02d}-{day:02d}", leap)


def resolve_tet_day(m, rule, ctx: ArticleContext):
    """``mùng 1 Tết`` … ``mùng 10 Tết``: days of lunar month 1; ``28 Tết``, ``30 Tết``:
    days of month 12 before it (``30 Tết`` is the last, day 29 in a short year). ``3 Tết``
    without mùng is three Tết seasons, ``15 Tết`` no day."""
    f = T.fields(m)
    day = _day_number(f)
    if day is None:
        return None
    if 1 <= day <= 10 and "ngay" in f:
        return _lunar_day(m, rule, ctx, f, 1, day)
    if 20 <= day <= 30 and not _after_mung(f):   # "mùng 25 Tết" is no day
        return _lunar_day(m, rule, ctx, f, 12, day, eve=True)
    return None


def resolve_lunar_month(m, rule, ctx: ArticleContext):
    """A lunar month: ``tháng Chạp``, ``tháng 8 âm lịch``, ``tháng Bảy năm Giáp Thìn``,
    ``tháng Giêng`` in a lunar sentence. ``tháng Giêng`` elsewhere is January (a solar
    month, no ``lunar``); other months without a lunar mark are date.month's."""
    f = T.fields(m)
    month = _month(f)
    if month is None:
        return None
    name = fold(T._txt(f, "lm"))
    if {"al", "can", "leap"} & set(f) or name == "chạp" or (name == "giêng" and _lunar_context(ctx, m)):
        return _lunar_month(m, rule, ctx, f, month, "leap" in f)
    if name == "giêng":
        p = T.build_point(dict(f, m=("1", -1)), T.reference(ctx))
        return None if p is None else T._mention("DATE", m.start(), m.end(), p.iso(), rule, p.mod)
    return None


def resolve_festival(m, rule, ctx: ArticleContext):
    """A lunar holiday's day (``Tết Nguyên đán Giáp Thìn 2024``, ``Giỗ Tổ Hùng Vương``,
    ``Tết Trung thu``), or the date written after its name: lunar when it is the holiday's
    own day or says ``âm lịch`` (``Giỗ Tổ Hùng Vương 10/3``), else a solar date (``Tết
    Nguyên đán (10/2)``) whose ``lunar`` is computed."""
    f = T.fields(m)
    section = rule.options["section"]
    month, day = holiday_day(section, m.group("fest"))
    eve = section == "lunar_eve"
    if "wd_d" in f:
        wd, wm = int(T._txt(f, "wd_d")), int(T._txt(f, "wd_m"))
        if "al" in f or (wd, wm) == (day, month):
            return _lunar_day(m, rule, ctx, dict(f, ly=f.get("wd_y")) if "wd_y" in f else f, wm, wd)
        p = T.build_point({"d": (str(wd), 0), "m": (str(wm), 0), **({"y": f["wd_y"]} if "wd_y" in f else {})},
                          T.reference(ctx))
        if p is None or not p.y:
            return None
        solar = date(p.y, p.m, p.d)
        got = L.to_lunar(solar)
        if got is None:
            return None
        return _mention(m, rule, solar.isoformat(), f"{got[0]:04d}-{got[1]:02d}-{got[2]:02d}", got[3])
    return _lunar_day(m, rule, ctx, f, month, day, eve=eve)


def resolve_tet_year(m, rule, ctx: ArticleContext):
    """``Tết Giáp Thìn``, ``Tết Tân Sửu 2021``, ``Tết 2024``: mùng 1 of that lunar year."""
    return _lunar_day(m, rule, ctx, T.fields(m), 1, 1)


RESOLVERS = {
    "lunar_date": resolve_lunar_date,
    "lunar_day_only": resolve_lunar_day_only,
    "tet_day": resolve_tet_day,
    "lunar_month": resolve_lunar_month,
    "festival": resolve_festival,
    "tet_year": resolve_tet_year,
}
