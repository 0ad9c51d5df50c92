"""Calendar words: weekdays beside their dates or named from now, holidays, day ranges.

Rules (where) are in patterns/time/calendar.toml, holiday names in patterns/time/holidays.toml;
lunar dates are in lunar.py. These resolvers give the matches of those rules a meaning with
the helpers of time.py (the publication date, year-less days), and are registered by its
``Time`` dimension.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import regex

from ..engine.context import ArticleContext
from ..engine.matching import preceded_by
from ..engine.patterns import load_toml
from ..engine.text import fold
from . import time as T

HOLIDAYS = "time/holidays.toml"


@lru_cache(maxsize=1)
def holiday_tables() -> dict[str, dict[str, tuple[int, int]]]:
    """``{section: {folded name: (month, day)}}`` of patterns/time/holidays.toml."""
    out = {}
    for section, table in load_toml(HOLIDAYS, required={"solar", "national_day", "lunar", "lunar_eve"}).items():
        names = {}
        for key, words in table.items():
            month, day = (int(x) for x in key.split("-"))
            for w in words:
                names[" ".join(fold(w).split())] = (month, day)
        out[section] = names
    return out


_PIECES = {"solar": "solar_holiday", "national_day": "national_day", "lunar": "lunar_holiday",
           "lunar_eve": "lunar_eve"}


def syllable_trie(phrases) -> str:
    """A regex matching any of ``phrases`` (any case, the longest first), built as a trie of
    their syllables: tried at every "ngày", "lễ", "Tết" of an article, one alternation of
    forty names costs forty attempts, the trie one per syllable."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for syl in p.lower().split():
            node = node.setdefault(syl, {})
        node[""] = {}

    def build(node) -> str:
        alts = []
        for syl in sorted((k for k in node if k), key=lambda k: (-len(k), k)):
            child = node[syl]
            rest = build(child) if any(child) else ""
            if rest and "" in child:
                alts.append(rf"{regex.escape(syl)}(?:\s+{rest})?")
            elif rest:
                alts.append(rf"{regex.escape(syl)}\s+{rest}")
            else:
                alts.append(regex.escape(syl))
        return "(?:" + "|".join(alts) + ")"

    return rf"(?<![\p{{L}}\p{{N}}])(?i:{build(trie)})(?![\p{{L}}\p{{N}}])"


def calendar_pieces() -> dict[str, str]:
    """Regex pieces of the holiday names, any case: ``{solar_holiday}``, ``{national_day}``,
    ``{lunar_holiday}``, ``{lunar_eve}``."""
    data = load_toml(HOLIDAYS)
    return {piece: syllable_trie([w for ws in data[section].values() for w in ws])
            for section, piece in _PIECES.items()}


def holiday_day(section: str, name: str) -> tuple[int, int]:
    """``(month, day)`` of a holiday name as matched."""
    return holiday_tables()[section][" ".join(fold(name).split())]


def _weekday_number(name: str) -> int | None:
    return T._tables()["weekday"].get(regex.sub(r"\s+", " ", fold(name)))


# --- a weekday beside its date: "thứ 5 (12/5)" ------------------------------------------

def resolve_weekday_date(m, rule, ctx: ArticleContext):
    """A weekday with its date in parentheses: the written date is the value and the
    weekday joins the mention. A weekday that is not the date's (``Kỳ họp thứ 5 (12/5)``,
    an ordinal, or a slip) leaves the date alone to date.dm."""
    p = T.build_point(T.fields(m), T.reference(ctx))
    if p is None or not p.d:
        return None
    wd = _weekday_number(m.group("wd"))
    if p.y and (wd is None or date(p.y, p.m, p.d).isoweekday() != wd):
        return None
    return T._mention("DATE", m.start(), m.end(), p.iso(), rule)


# --- a weekday named from now: "Chủ nhật vừa qua", "thứ Bảy này", "thứ Tư tới đây" ----------

def resolve_weekday_from_now(m, rule, ctx: ArticleContext):
    """The day a weekday names, counted from the publication date (none without one):
    ``này`` is the day of the publication week, ``tới`` the next one after the publication
    date, ``vừa qua``/``qua``/``trước`` the last one before it."""
    pub = T.reference(ctx).pub
    wd = _weekday_number(m.group("wd"))
    if pub is None or wd is None or T._PAREN_DATE.match(ctx.norm, m.end()):
        return None
    way = rule.options["direction"][" ".join(fold(m.group("dir")).split())]
    if way == "this_week":
        day = pub - timedelta(days=pub.isoweekday() - 1) + timedelta(days=wd - 1)
    elif way == "next":
        day = pub + timedelta(days=(wd - pub.isoweekday() - 1) % 7 + 1)
    else:
        day = pub - timedelta(days=(pub.isoweekday() - wd - 1) % 7 + 1)
    return T._mention("DATE", m.start(), m.end(), day.isoformat(), rule)


# --- solar holidays: "Quốc khánh 2/9", "Giáng sinh", "Tết Dương lịch 2024" ---------------

_NAME_AFTER = regex.compile(r"\s+(?:(?i:của)\s+)?(?:(?i:nước|các nước)(?!\p{L})|(?!(?:Việt|VN)(?!\p{L}))\p{Lu})", regex.V1)


def resolve_holiday(m, rule, ctx: ArticleContext):
    """A holiday's day: the date written after its name when there is one ("Ngày Giải phóng
    miền Nam 30/4/1975"), else the holiday's fixed day in the year written, else in the year
    nearest the publication date."""
    ref = T.reference(ctx)
    f = T.fields(m)
    if "d" not in f:
        if rule.options.get("foreign_after") and _NAME_AFTER.match(ctx.norm, m.end()):
            return None   # "Quốc khánh Pháp": another country's day
        month, day = holiday_day(rule.options["section"], m.group("fest"))
        f = dict(f, d=(str(day), -1), m=(str(month), -1))
    p = T.build_point(f, ref)
    if p is None:
        return None
    return T._mention("DATE", m.start(), m.end(), p.iso(), rule)


# --- two days joined by a dash: "dịp 30/4 - 1/5" ------------------------------------------

def resolve_day_dash_day(m, rule, ctx: ArticleContext):
    """``30/4 - 1/5`` as a PERIOD after a time or holiday word (``dịp``, ``lễ``, ``kỳ
    nghỉ`` …) or with ``ngày``/``từ`` in front (part of the span); alone it may be two fractions. The first day takes
    the year of the second, the year before when it would come after it (``24/12 - 2/1/2024``)."""
    if not (m.group("ngay") or m.group("tu")) and not preceded_by(ctx, m.start(), rule.options["cue_before"]):
        return None
    ref = T.reference(ctx)
    b = T.build_point(T.fields(m, *m.span("b")), ref)
    a = T.build_point(T.fields(m, *m.span("a")), ref, inherit=b)
    if a is None or b is None:
        return None
    across = (a.m, a.d) > (b.m, b.d)   # over New Year
    if across:
        a = T.Point(a.y - 1 if a.y else None, a.m, a.d)
    if not (a.valid() and b.valid()):
        return None
    # no holiday runs for two months: "1/2 - 30/3" are two fractions (a leap year stands
    # in for an unknown one)
    y = b.y or 2000
    if (date(y, b.m, b.d) - date(y - across, a.m, a.d)).days > 62:
        return None
    return T._mention("PERIOD", m.start(), m.end(), {"start": a.iso(), "end": b.iso()}, rule)


RESOLVERS = {
    "weekday_date": resolve_weekday_date,
    "weekday_from_now": resolve_weekday_from_now,
    "holiday": resolve_holiday,
    "day_dash_day": resolve_day_dash_day,
}
