"""Clock times: DATEs with a time of day, and the day each one is joined to.

Rules are in patterns/time/clock.toml, word lists in patterns/time/clock_words.toml. A time
written with its day before it (``15h ngày 12/3``, ``20h30 tối 5/6``) is one DATE of the
date rules (dates.toml, ``{time_before}``). Here is the time written alone or with a day
named after it (contract, "Ranges, signs and times of day"):

- ``sáng nay``, ``ngày mai``, ``tối qua`` after it: that day, from the publication date;
- ``cùng ngày``, ``hôm đó``, ``hôm sau`` after it: the day of the nearest earlier DATE of
  the paragraph (moved by ``hôm sau``), else of the article, else the publication date;
- nothing: the day of the nearest earlier DATE of the paragraph (of the sentence, on a line
  that is an article flattened to one line), else the publication date;
- with no such day it is a time alone, ``T10:45``.

The days are settled by ``join_days`` once every time mention of the article is found: a
DATE with a day that a longer time mention covers is no anchor.

A time of day against an amount of time (``lúc 10 giờ 45 phút`` against ``trong 10 giờ 45
phút``): a time word before (``lúc``, ``vào``, ``hồi``) or a part of the day or a day after
make a time; duration words around (``mất``, ``trong``, ``làm việc … mỗi ngày``, ``liền``)
make an amount, left to the DURATION rules; else the form decides: ``10h45``, ``10g45``,
``10h``, ``10:45``, ``22 giờ 30`` and ``11 giờ kém 15`` are times, ``10 giờ`` and
``10 giờ 45 phút`` amounts. A time that is one end of a dash range (``8-10 giờ``,
``8 - 10h``) is left to the range rules.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import regex

from ..engine.context import ArticleContext, Mention
from ..engine.matching import preceded_by
from ..engine.overlaps import resolve_overlaps
from ..engine.patterns import alternation, load_toml
from ..engine.text import fold
from .document import is_flat_line

WORDS = "time/clock_words.toml"


@dataclass(eq=False)
class ClockMention(Mention):
    """A clock-time DATE whose day ``join_days`` settles (``anchor`` None: already settled)."""

    hh: int = 0
    mi: int = 0
    anchor: str | None = None     # "paragraph" (no day written) or "article" (cùng ngày, hôm sau)
    offset: int = 0               # days from the anchor's day (hôm sau = 1)


@lru_cache(maxsize=1)
def _words():
    data = load_toml(WORDS)
    anchor = {}
    for off, words in data["anchor_day"].items():
        for w in words:
            anchor[" ".join(fold(w).split())] = int(off)
    after = data["duration_after"]["words"]
    after_rx = regex.compile(r"\s*(?:" + "|".join(regex.escape(fold(w)).replace(r"\ ", r"\s*") for w in
                                                  sorted(after, key=len, reverse=True)) + r")(?![\p{L}\p{N}])",
                             regex.V1)
    return {"anchor": anchor, "time_before": tuple(data["time_before"]["words"]),
            "duration_before": tuple(data["duration_before"]["words"]),
            "score_before": tuple(data["score_before"]["words"]), "duration_after": after_rx,
            "anchor_words": [w for ws in data["anchor_day"].values() for w in ws]}


def clock_pieces() -> dict[str, str]:
    """Pieces of the clock rules built from the word lists: ``{rel_day}`` (the relative
    words of day grain in time/words.toml: ``sáng nay``, ``ngày mai``) and ``{anchor_day}``."""
    rel = load_toml("time/words.toml")["relative"]
    day = [w for k, ws in rel.items() if k.split()[0] == "day" for w in ws]
    return {"rel_day": "(?i:" + alternation(day) + ")",
            "anchor_day": "(?i:" + alternation(_words()["anchor_words"]) + ")"}


@lru_cache(maxsize=1)
def _qualifiers() -> dict[str, str]:
    table = {}
    for key, words in load_toml("quantities/words.toml")["qualifier"].items():
        for w in words:
            table[" ".join(fold(w).split())] = key
    return table


def qualifier_before(ctx: ArticleContext, pos: int) -> str | None:
    """The qualifier (contract: ``approx``, ``over`` …) of the word right before ``pos``
    (``khoảng 10h``, ``gần 3 năm qua``); a time mention's span leaves the word out, as it
    leaves out every word around a date (gold/GUIDELINES.md §DATE)."""
    before = ctx.words_before(pos, 3).split()
    table = _qualifiers()
    for n in (3, 2, 1):
        got = table.get(" ".join(before[-n:])) if len(before) >= n else None
        if got:
            return got
    if before[-2:] == ["khoảng", "lúc"] or before[-2:] == ["tầm", "lúc"]:
        return "approx"
    return None


_DASH_BEFORE = regex.compile(r"[\p{N}hg']\s*[-–]\s*\Z", regex.V1)
_DASH_AFTER = regex.compile(r"\s*[-–]\s*\d", regex.V1)


def _in_dash_range(ctx: ArticleContext, m: regex.Match) -> bool:
    before = ctx.norm[max(0, m.start() - 8):m.start()]
    return bool(_DASH_BEFORE.search(before) or _DASH_AFTER.match(ctx.norm, m.end()))


_COLON_BEFORE = regex.compile(r"\d:\d\d\s+\Z")
_COLON_AFTER = regex.compile(r"\s+\d{1,2}:\d\d(?!\d)")


def _in_colon_run(ctx: ArticleContext, m: regex.Match) -> bool:
    """``01:19 00:52 02:44``: a list of video lengths (page furniture), not times of day."""
    return bool(_COLON_BEFORE.search(ctx.norm[max(0, m.start() - 8):m.start()])
                or _COLON_AFTER.match(ctx.norm, m.end()))


def is_clock_time(ctx: ArticleContext, m: regex.Match, f: dict) -> bool:
    """Whether the match is a time of day rather than an amount of time (module doc)."""
    w = _words()
    if _in_dash_range(ctx, m):
        return False
    if {"pod", "rel", "anchor", "mk"} & set(f):
        return True
    start = m.start()
    if preceded_by(ctx, start, w["time_before"]):
        return True
    text = m.group()
    colon = regex.match(r"\d{1,2}:", text) is not None
    if colon and (preceded_by(ctx, start, w["score_before"]) or _in_colon_run(ctx, m)):
        return False
    if preceded_by(ctx, start, w["duration_before"]) or w["duration_after"].match(ctx.folded, m.end()):
        return False
    if colon or regex.match(r"\d{1,2}[hg]", text):
        return True
    # "22 giờ 30": minutes without "phút" are read on a clock; "10 giờ", "10 giờ 45 phút" are amounts
    return "mi" in f and not regex.search(r"phút|p\b|'", text)


def resolve_clock_time(m, rule, ctx):
    from .time import _PAREN_DATE, _hour, _tables, _txt, build_point, fields, reference, relative_point
    f = fields(m)
    if not is_clock_time(ctx, m, f):
        return None
    hh = int(_txt(f, "hh"))
    mi = int(_txt(f, "mi")) if "mi" in f else (30 if "half" in f else 0)
    if "mk" in f:   # "11 giờ kém 15": a quarter to eleven
        hh, mi = (hh - 1) % 24, 60 - int(_txt(f, "mk"))
    pod = _txt(f, "pod")
    rel = _txt(f, "rel")
    if pod is None and rel:   # "8 giờ sáng nay": the part of the day is in the relative word
        pod = fold(rel).split()[0]
        if pod not in _tables()["pod"]:
            pod = None
    hh = _hour(hh, pod)
    mention = ClockMention("DATE", m.start(), m.end(), f"T{hh:02d}:{mi:02d}", rule.id, hh=hh, mi=mi,
                           qualifier=qualifier_before(ctx, m.start()))
    if rel:
        grain, off = _tables()["relative"][" ".join(fold(rel).split())]
        day = relative_point(grain, off, reference(ctx)) if grain == "day" else None
        written = _PAREN_DATE.match(ctx.norm, m.end())
        if written:   # "10h sáng nay (30/4)": the date written beside it settles the day
            day = build_point({k: (v, 0) for k, v in written.groupdict().items() if v}, reference(ctx)) or day
        if day is not None:
            mention.value = f"{day.iso()}T{hh:02d}:{mi:02d}"
    elif "anchor" in f:
        mention.anchor = "article"
        mention.offset = _words()["anchor"][" ".join(fold(_txt(f, "anchor")).split())]
    else:
        mention.anchor = "paragraph"
    return mention


@lru_cache(maxsize=1)
def _time_before() -> regex.Pattern:
    """The ``{time_before}`` piece of patterns/time/pieces.toml: a time written before its day."""
    from ..engine.matching import shared_pieces
    from ..engine.patterns import expand
    from .time import time_pieces
    pieces = shared_pieces()
    pieces.update(time_pieces())
    return regex.compile(expand("{time_before}", pieces, "time/pieces.toml {time_before}"), regex.V1)


_DAY = regex.compile(r"(\d{4}|XXXX)-(\d\d)-(\d\d)")


def _day_of(value) -> tuple[str, int, int] | None:
    """``(year, month, day)`` of a DATE value with a day (the year may be ``XXXX``)."""
    m = _DAY.match(value) if isinstance(value, str) else None
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


def _moved(day: tuple[str, int, int], offset: int) -> str:
    y, mo, d = day
    if offset == 0:
        return f"{y}-{mo:02d}-{d:02d}"
    try:   # an unknown year: moved within a leap year, written XXXX
        moved = date(int(y) if y != "XXXX" else 2000, mo, d) + timedelta(days=offset)
    except ValueError:
        return f"{y}-{mo:02d}-{d:02d}"
    return (f"{moved.year:04d}" if y != "XXXX" else "XXXX") + f"-{moved.month:02d}-{moved.day:02d}"


def join_days(ctx: ArticleContext, mentions: list[Mention]) -> None:
    """Give each clock time without its day the day the module doc says, in text order, so
    that a time joined to a day is the anchor of the next (``lúc 20h15 ngày 29/4, đến nơi lúc
    22h30 cùng ngày``). Also marks ``khoảng 8h30 ngày 2/11`` as approximate."""
    from .time import reference
    pending = [m for m in mentions if isinstance(m, ClockMention) and m.anchor]
    for m in mentions:
        if m.type == "DATE" and not isinstance(m, ClockMention) and isinstance(m.value, str) \
                and "T" in m.value and ctx.norm[m.start:m.start + 1].isdigit():
            lead = _time_before().match(ctx.norm, m.start, m.end)
            if lead and preceded_by(ctx, m.start, _words()["duration_before"]):
                # "ùn tắc suốt 5 giờ, sáng 29/7": the time is an amount; the date stands alone
                m.start, m.value = lead.end(), m.value.split("T")[0]
            elif m.qualifier is None:
                m.qualifier = qualifier_before(ctx, m.start)
    if not pending:
        return
    pub = reference(ctx).pub
    chosen = resolve_overlaps([m for m in mentions if m.type in ("DATE", "PERIOD")])
    chosen_ids = {id(m) for m in chosen}
    lines = [nl.start() for nl in regex.finditer("\n", ctx.norm)]
    flat = {i for i, (a, b) in enumerate(zip([-1] + lines, lines + [len(ctx.norm)])) if is_flat_line(b - a)}
    events = sorted({id(m): m for m in chosen + pending}.values(), key=lambda m: (m.start, m.end))
    last = None            # (day, paragraph, end) of the nearest earlier DATE with a day
    for m in events:
        par = bisect_right(lines, m.start)
        if isinstance(m, ClockMention) and m.anchor:
            day = None
            if last is not None and last[2] <= m.start and (last[1] == par or m.anchor == "article"):
                day = last[0]
                if par in flat and m.anchor != "article" and last[2] < ctx.sentence_span(m.start)[0]:
                    day = None   # a flattened article: the day of its own sentence only
            if day is not None:
                m.value = f"{_moved(day, m.offset)}T{m.hh:02d}:{m.mi:02d}"
            elif pub is not None:
                p = pub + timedelta(days=m.offset)
                m.value = f"{p.year:04d}-{p.month:02d}-{p.day:02d}T{m.hh:02d}:{m.mi:02d}"
        if id(m) in chosen_ids and m.type == "DATE":
            day = _day_of(m.value)
            if day is not None:
                last = (day, par, m.end)


_WRITTEN_TIME = regex.compile(r"\d{1,2}[hg:]")


def resolve_clock_range_day(m, rule, ctx):
    """``từ 6h - 8h sáng 30/4``: a PERIOD of two clock times, both on the day written after
    them (else times alone, like ``period.clock_range``). Without ``từ`` both ends must be
    written as times (``19h - 20h``, not ``8-10 giờ``)."""
    from .time import _hour, _txt, build_point, fields, reference
    fa, fb = fields(m, *m.span("a")), fields(m, *m.span("b"))
    lead = fold(m.group()[:m.start("a") - m.start()]).split()
    if not lead and not (_WRITTEN_TIME.match(m.group("a")) and _WRITTEN_TIME.match(m.group("b"))):
        return None
    pod_b = _txt(fields(m), "pod") if m.end("b") < m.end() else None
    # a part of the day written once, after the second end, holds for both ("16h đến 18h
    # chiều") unless it would put the first after the second ("8h - 2h chiều")
    ha = _hour(int(_txt(fa, "hh")), _txt(fa, "pod_a") or pod_b)
    hb = _hour(int(_txt(fb, "hh")), pod_b)
    if _txt(fa, "pod_a") is None and ha > hb:
        ha = int(_txt(fa, "hh"))
    a = (ha, int(_txt(fa, "mi")) if "mi" in fa else 0)
    b = (hb, int(_txt(fb, "mi")) if "mi" in fb else 0)
    if a >= b:
        return None
    prefix = ""
    if m.group("day"):
        fd = fields(m, *m.span("day"))
        day = build_point({k: v for k, v in fd.items() if k in ("d", "m", "y")}, reference(ctx))
        if day is None or not day.d:
            return None
        prefix = day.iso()
    value = {"start": f"{prefix}T{a[0]:02d}:{a[1]:02d}", "end": f"{prefix}T{b[0]:02d}:{b[1]:02d}"}
    qualifier = "approx" if "khoảng" in lead else qualifier_before(ctx, m.start())
    return Mention("PERIOD", m.start(), m.end(), value, rule.id, qualifier=qualifier)
