"""Time tied to now: ``3 tháng qua``, ``10 ngày tới``, ``2 năm trở lại đây`` as PERIODs.

An amount of whole units before or after the current one, counted from the publication
date, at the precision of the unit (contract, "Ranges, signs and times of day"): in an
article of 2023-10-16, ``3 tháng qua`` is 2023-07 … 2023-09 (October, the current month, is
not in it), ``10 ngày tới`` 2023-10-17 … 2023-10-26, ``2 tuần qua`` 2023-W40 … 2023-W41,
``2 thập niên qua`` 2003 … 2022 (twenty years). Rules in patterns/time/recent.toml, words
in patterns/time/recent_words.toml.

Without a publication date, units of a year and more count from the article's own year
(the vote of its dates, like ``năm nay``: gold/GUIDELINES.md §DATE); smaller units give
nothing here, and the amount stays the DURATION the quantity rules read (``3 tháng`` is
P3M, what the text says for sure). A qualifier before the number (``gần 10 năm qua``,
``hơn 70 năm qua``) is the mention's ``qualifier``; the word stays outside the span.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..engine.context import Mention
from ..engine.numbers import parse_words
from ..engine.patterns import alternation, load_toml
from ..engine.text import fold
from .clock import qualifier_before

WORDS = "time/recent_words.toml"


@lru_cache(maxsize=1)
def _tables():
    data = load_toml(WORDS)
    grain = {fold(w): g for g, ws in data["grain"].items() for w in ws}
    direction = {" ".join(fold(w).split()): d for d, ws in data["direction"].items() for w in ws}
    return grain, direction


def recent_pieces() -> dict[str, str]:
    data = load_toml(WORDS)
    flat = lambda section: [w for ws in data[section].values() for w in ws]   # noqa: E731
    return {"recent_grain": "(?i:" + alternation(flat("grain")) + ")",
            "recent_dir": "(?i:" + alternation(flat("direction")) + ")"}


_DASH_BEFORE = regex.compile(r"\d\s*[-–]\s*\Z")
_NAME_AFTER = regex.compile(r"[ \t]+\p{Lu}", regex.V1)


def _amount(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    value = parse_words(fold(text).split())
    return int(value) if value is not None and value == int(value) else None


def resolve_recent(m, rule, ctx):
    from .time import reference, relative_point
    if _DASH_BEFORE.search(ctx.norm, max(0, m.start() - 6), m.start()):
        return None   # "15 - 30 ngày tới": a range of amounts, for the range rules
    n = _amount(m.group("n"))
    if not n or n > int(rule.options.get("max_units", 300)):
        return None
    grains, directions = _tables()
    grain = grains[fold(m.group("grain"))]
    sign = -1 if directions[" ".join(fold(m.group("dir")).split())] == "past" else 1
    if fold(m.group("dir")) == "tới" and _NAME_AFTER.match(ctx.norm, m.end()):
        return None   # "chở lúa 4 ngày tới Kiên Giang": "tới" is "to" a place
    ref = reference(ctx)
    if grain == "decade":
        grain, n = "year", n * 10
    near, far = relative_point(grain, sign, ref), relative_point(grain, sign * n, ref)
    if near is None or far is None:
        return None   # no publication date (nor, for years, an article year): a DURATION
    first, last = (far, near) if sign < 0 else (near, far)
    return Mention("PERIOD", m.start(), m.end(), {"start": first.iso(), "end": last.iso()}, rule.id,
                   qualifier=qualifier_before(ctx, m.start()))
