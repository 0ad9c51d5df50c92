"""Ranges, signs and multipliers of quantities (CONTRACT.md "Ranges, signs and times of day").

The rules are in patterns/quantities/ranges.toml, signs.toml and multipliers.toml. Each
resolver here lets the resolver of the plain quantity (quantities.py) read the upper end,
the unit and the qualifiers, then adds what the form says:

- a range (``300-500 hộ``, ``từ 5 đến 7 ngày``, ``2,5 – 3 tỷ USD``) is one mention whose
  ``value`` is the upper bound and whose extra key ``range`` is ``{"min", "max"}`` (ISO
  strings for a DURATION); a scale word or unit written only on the upper end holds for
  both (``120 - 130 tỷ đồng``); a qualifier on the upper end (``đến dưới 40%``) is the
  mention's. The lower end must be below the upper one: ``thắng 3-0``, ``2-1`` are no ranges.
- a sign (``âm 1,2%``, ``-5 độ C``) makes the value negative and is part of the mention.
- a multiplier (``gấp 3 lần``, ``tăng 2,5 lần``, ``gấp đôi``) is a COUNT with unit ``lần``;
  a fraction in words (``một nửa``, ``hai phần ba``) is a RATIO ``{numerator, denominator}``
  whose unit is the noun after it as written, as for ``1/3 số hộ`` (unit ``số hộ``).
"""
from __future__ import annotations

from decimal import Decimal

import regex

from ..engine.context import ArticleContext, Mention
from ..engine.numbers import as_json_number, number_words, parse_scaled, parse_words, scale_value
from ..engine.patterns import Rule
from ..engine.segment import pos_tags
from ..engine.text import fold
from . import quantities as q

# a length of time in seconds, only to tell which end of a DURATION range is the lower one
_SECONDS = {"Y": 365 * 86400, "M": 30 * 86400, "W": 7 * 86400, "D": 86400, "H": 3600, "MIN": 60, "S": 1,
            "DECADE": 3650 * 86400}


def _group(m: regex.Match, name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _words(s: str) -> list[str]:
    return fold(s).split()


def _low_number(m: regex.Match, high_scale: str | None) -> Decimal | None:
    """The lower end: digits with their own scale word, else the upper end's ("2,5 – 3 tỷ");
    or a spelled-out number ("từ hai đến ba năm")."""
    digits = _group(m, "low")
    if digits is not None:
        scale = _group(m, "low_scale") or high_scale
        return parse_scaled(digits, _words(scale) if scale else [])
    words = _group(m, "low_words")
    value = parse_words(_words(words)) if words else None
    if value is not None and high_scale:   # "hai đến ba tỷ đồng"
        for w in _words(high_scale):
            value *= scale_value(w)
    return value


def _high_scale(m: regex.Match) -> str | None:
    """The scale word of the upper end ("3 tỷ"; words: "ba tỷ" -> "tỷ")."""
    if m.group("digits") is not None:
        return m.group("scale")
    words = _words(m.group("words") or "")
    scales = number_words()["scales"]
    tail = []
    while words and words[-1] in scales:
        tail.insert(0, words.pop())
    return " ".join(tail) or None


def _range_qualifier(m: regex.Match, mention: Mention) -> str | None:
    """A qualifier written on the upper end ("đến dưới 40%") is the mention's."""
    hq = _group(m, "hi_qualifier")
    if hq:
        return q._tables()["qualifier"].get(" ".join(_words(hq)), mention.qualifier)
    return mention.qualifier


def _numeric_range(base):
    """A range resolver for a type whose value is a number (PERCENT, MONEY, COUNT)."""
    def resolve(m: regex.Match, rule: Rule, ctx: ArticleContext):
        if _bad_ends(m, ctx):
            return None
        high = base(m, rule, ctx)
        if high is None:
            return None
        if base is q.resolve_count and _named(m, high, ctx):
            return None   # "418-420 Nguyễn Thị Minh Khai": house numbers of a street
        if not _same_unit(m):
            return None
        low = _low_number(m, _high_scale(m))
        if low is None or not low < Decimal(str(high.value)):
            return None   # "thắng 3-0", "tỷ số 2-1": a score, not a range
        high.extra["range"] = {"min": as_json_number(low), "max": high.value}
        high.qualifier = _range_qualifier(m, high)
        return high
    return resolve


def _named(m: regex.Match, mention: Mention, ctx: ArticleContext) -> bool:
    """The counted noun is a proper name (tagged Np): "418-420 Lê Lợi" is an address, while
    "4-5 Phó chủ tịch" counts posts."""
    i = ctx.token_at_or_after(mention.end - len(mention.unit or ""))
    if not mention.unit or not mention.unit[0].isupper() or i >= len(ctx.tokens):
        return False
    words = [ctx.norm[s:e] for s, e in ctx.tokens[i:i + 3]]   # the tagger needs what follows
    return pos_tags([m.group("digits") or "1"] + words)[1] == "Np"


def _bad_ends(m: regex.Match, ctx: ArticleContext) -> bool:
    """Ends that make the dash something else: a phone number or a date goes on after the
    upper end ("0912-345-678", "2-9-2023"); a number written with a leading zero."""
    low = _group(m, "low")
    if low is not None and len(low) > 1 and low[0] == "0" and low[1].isdigit():
        return True
    end = m.end("digits") if m.group("digits") is not None else m.end()
    return bool(regex.match(r"[-–.]\d|/\d", ctx.norm[end:end + 2]))


def _same_unit(m: regex.Match) -> bool:
    """A unit written on both ends must be the same one ("15% - 20%", "5 m - 7 m")."""
    for low_g, high_g in (("low_currency", "currency"), ("low_measure", "measure")):
        lo = _group(m, low_g)
        if lo is None:
            continue
        hi = m.group(high_g)
        if low_g == "low_currency":
            table = q._tables()["currency"]
            if table.get(" ".join(_words(lo))) != table.get(" ".join(_words(hi))):
                return False
        elif fold(lo) != fold(hi):
            return False
    return True


def resolve_range_duration(m: regex.Match, rule: Rule, ctx: ArticleContext):
    """``từ 5 đến 7 ngày`` -> P7D with range {P5D, P7D}; ``1 tuần đến 10 ngày`` keeps each unit."""
    if _bad_ends(m, ctx):
        return None
    low_unit = _group(m, "low_unit")
    if low_unit and _group(m, "range_from") and q._tables()["time_unit"][" ".join(_words(low_unit))] == "H":
        return None   # "từ 8 giờ đến 10 giờ": from one time of day to another
    high = q.resolve_duration(m, rule, ctx)
    if high is None:
        return None
    table = q._tables()["time_unit"]
    high_unit = table[" ".join(_words(m.group("time_unit")))]
    unit = table[" ".join(_words(low_unit))] if low_unit else high_unit
    low = _low_number(m, None)
    got = q.read_number(m, ctx, strong_unit=True)
    if low is None or got is None:
        return None
    high_value = got[0] + (Decimal("0.5") if m.group("half") else 0)
    if not low * _SECONDS[unit] < high_value * _SECONDS[high_unit]:
        return None
    high.extra["range"] = {"min": q.iso_duration(low, unit), "max": high.value}
    high.qualifier = _range_qualifier(m, high)
    return high


# --- signs ---------------------------------------------------------------------------

def _signed(base):
    """``âm 1,2%`` -> -1.2, ``-5 độ C`` -> -5: the sign word or minus is in the mention."""
    def resolve(m: regex.Match, rule: Rule, ctx: ArticleContext):
        mention = base(m, rule, ctx)
        if mention is None or not isinstance(mention.value, (int, float)):
            return None
        mention.value = -mention.value
        return mention
    return resolve


# --- multipliers and fractions --------------------------------------------------------

def resolve_times(m: regex.Match, rule: Rule, ctx: ArticleContext):
    """``gấp 3 lần``, ``tăng 2,5 lần``, ``gấp đôi``: how many times, a COUNT of ``lần``.

    Without ``gấp`` the number is a multiplier only after a change word, and only when no
    noun follows ``lần`` ("tăng 3 lần so với" is a multiplier; "3 lần họp" is a count of
    meetings, left to count.noun)."""
    qualifier, change = q._pre(m)
    tq = _group(m, "times_qualifier")
    if tq:
        qualifier = q._tables()["qualifier"].get(" ".join(_words(tq)), qualifier)
    multiple = _group(m, "multiple")
    if multiple:
        value = Decimal(str(rule.options["multiples"][fold(multiple)]))
    else:
        got = q.read_number(m, ctx, strong_unit=True)
        if got is None or ctx.norm[got[1]:m.start("times_unit")].strip():
            return None
        value = got[0]
        low = _low_number(m, None)
        if low is not None and not low < value:
            return None
        if not _group(m, "times"):
            if change is None or _noun_follows(ctx, m.end()):
                return None
    mention = Mention("COUNT", m.start(), m.end(), as_json_number(value), rule.id,
                      qualifier=qualifier, change=change, unit="lần")
    if not multiple and low is not None:
        mention.extra["range"] = {"min": as_json_number(low), "max": mention.value}
    return mention


def _noun_follows(ctx: ArticleContext, pos: int) -> bool:
    """A noun right after ``pos`` on its line ("lần họp" is tagged a verb, "lần lợi nhuận" a noun)."""
    i = ctx.token_at_or_after(pos)
    if i >= len(ctx.tokens) or ctx.norm[pos:ctx.tokens[i][0]].strip() or "\n" in ctx.norm[pos:ctx.tokens[i][0]]:
        return False
    words = [ctx.norm[s:e] for s, e in ctx.tokens[i:i + 2]]
    return pos_tags(["lần"] + words)[1] in q._NOUN_TAGS


def resolve_fraction_words(m: regex.Match, rule: Rule, ctx: ArticleContext):
    """``một nửa`` -> 1/2, ``hai phần ba số đại biểu`` -> 2/3, unit the noun after."""
    if m.group("fraction")[0].isupper() and not ctx.is_sentence_start(m.start("fraction")):
        return None   # part of a name
    if _group(m, "half"):
        num, den = Decimal(1), Decimal(2)
    else:
        num = parse_words(_words(m.group("num_w")))
        den = Decimal(str(rule.options["denominators"][fold(m.group("den_w"))]))
        if num is None or not num < den:
            return None
    unit = q.noun_after(ctx, m.end())
    qualifier, change = q._pre(m)
    end = unit[1] if unit else m.end()
    return Mention("RATIO", m.start(), end, {"numerator": as_json_number(num),
                                             "denominator": as_json_number(den)}, rule.id,
                   qualifier=qualifier, change=change,
                   unit=ctx.norm[unit[0]:unit[1]] if unit else None)


def _measure(m: regex.Match, rule: Rule, ctx: ArticleContext):
    """count.measure's reading without its designation check: "mức" before a signed
    measure is no designation ("ở mức -40 độ C", "đạt mức âm 111 độ C")."""
    got = q.read_number(m, ctx)
    if not got or ctx.norm[got[1]:m.start("measure")].strip():
        return None
    qualifier, change = q._pre(m)
    return Mention("COUNT", m.start(), m.end(), as_json_number(got[0]), rule.id,
                   qualifier=qualifier, change=change, unit=m.group("measure"))


RESOLVERS = {
    "range_percent": _numeric_range(q.resolve_percent),
    "range_money": _numeric_range(q.resolve_money),
    "range_count_measure": _numeric_range(q.resolve_count_measure),
    "range_count": _numeric_range(q.resolve_count),
    "range_duration": resolve_range_duration,
    "signed_percent": _signed(q.resolve_percent),
    "signed_money": _signed(q.resolve_money),
    "signed_count_measure": _signed(_measure),
    "times": resolve_times,
    "fraction_words": resolve_fraction_words,
}
