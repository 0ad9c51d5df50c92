"""DATE and PERIOD: points in time at the precision written, and two-ended spans.

Rules (where) are in patterns/time/dates.toml and periods.toml, word lists in
patterns/time/words.toml; this module gives matches their meaning. Every resolver reads
named groups only; a range marks its two ends with groups ``a`` and ``b`` and reads the
fields (d, m, y, …) captured inside each end.

A year the text does not write comes from the publication date (input, else the article's
dateline), else from the article's own explicit years (the most frequent year of its
day- or month-precise dates), else ``XXXX``. A relative expression (``hôm qua``,
``tháng trước``) needs the publication date; without it nothing is emitted rather than a
guess — except year-grain ones (``năm nay``), which the article's explicit years settle
(gold/GUIDELINES.md, hard case 10).
"""
from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache

import regex

from .context import ArticleContext, Mention
from .matching import Dimension, shared_pieces, word_table
from .patterns import alternation, compile_rules, load_toml
from .text import fold

WORDS = "time/words.toml"
_MOD = {"đầu": "start", "cuối": "end", "giữa": "mid", "sau": "end", "đầu tiên": "start",
        "cuối cùng": "end"}


@lru_cache(maxsize=1)
def _tables():
    rel = {}
    for key, words in load_toml(WORDS)["relative"].items():
        grain, off = key.split()
        for w in words:
            rel[fold(w)] = (grain, int(off))
    return {
        "weekday": {k: int(v) for k, v in word_table(WORDS, "weekday").items()},
        "month_word": {k: int(v) for k, v in word_table(WORDS, "month_word").items()},
        "quarter": {k: int(v) for k, v in word_table(WORDS, "quarter").items()},
        "count": {k: int(v) for k, v in word_table(WORDS, "count_word").items()},
        "part": word_table(WORDS, "part"),
        "pod": {k: int(v) for k, v in word_table(WORDS, "part_of_day").items()},
        "grain": word_table(WORDS, "grain"),
        "relative": rel,
    }


def time_pieces() -> dict[str, str]:
    """Regex pieces of patterns/time/pieces.toml plus pieces generated from the word lists."""
    pieces = dict(load_toml("time/pieces.toml", required={"pieces"})["pieces"])
    words = load_toml(WORDS)

    def flat(section):
        return [w for ws in words[section].values() for w in ws]

    for name, section in (("weekday", "weekday"), ("count_word", "count_word"),
                          ("pod", "part_of_day"), ("relative", "relative"), ("grain", "grain"),
                          ("range_to", "range_to")):
        pieces[name] = "(?i:" + alternation(flat(section)) + ")"
    pieces["month_word"] = alternation(flat("month_word"))      # capitalized only
    pieces["quarter"] = alternation(flat("quarter"))            # roman numerals upper case
    years = [w for k, ws in words["relative"].items() if k.startswith("year") for w in ws]
    pieces["rel_year"] = "(?i:" + alternation(years) + ")"
    return pieces


# --- the reference: publication date and the article's own year -----------------------

_FINE_YEAR = regex.compile(
    r"(?<![\p{N}/.])\d{1,2}[/\-.]\d{1,2}[/\-.]((?:19|20)\d\d)(?!\d)"
    r"|(?i:tháng|quý|quí)\s[^\n]{0,20}?(?:(?i:năm)\s+|[/\-])((?:19|20)\d\d)(?![\d\-–])")
_YEAR = regex.compile(r"(?i:năm)\s+((?:19|20)\d\d)(?![\d\-–])")


@dataclass(frozen=True)
class Ref:
    """What year-less and relative expressions are resolved against."""

    pub: date | None          # the publication date
    year: int | None          # pub.year, else the article's own year, else None


def _parse_iso_date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def article_year(text: str) -> int | None:
    """The year an article is about: the most frequent year of its day/month-precise dates
    (ties: the later one), else of its ``năm YYYY`` mentions; None when it writes none."""
    for rx in (_FINE_YEAR, _YEAR):
        years = Counter(int(y) for m in rx.finditer(text) for y in m.groups() if y)
        if years:
            return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return None


def reference(ctx: ArticleContext) -> Ref:
    ref = getattr(ctx, "_time_ref", None)
    if ref is None or ref[0] != ctx.published:
        pub = _parse_iso_date(ctx.published)
        year = pub.year if pub else article_year(ctx.norm[ctx.body_start:ctx.body_end])
        ref = (ctx.published, Ref(pub, year))
        ctx._time_ref = ref
    return ref[1]


# --- reading the groups of a match ------------------------------------------------------

def fields(m: regex.Match, lo: int | None = None, hi: int | None = None) -> dict[str, tuple[str, int]]:
    """``{group: (text, start)}`` of the first capture of each named group within [lo, hi)."""
    lo = m.start() if lo is None else lo
    hi = m.end() if hi is None else hi
    out = {}
    for name in m.re.groupindex:
        for text, start in zip(m.captures(name), m.starts(name)):
            if lo <= start < hi and text is not None:
                out[name] = (text, start)
                break
    return out


def _txt(f, name):
    got = f.get(name)
    return got[0] if got else None


@dataclass
class Point:
    y: int | None = None
    m: int | None = None
    d: int | None = None
    q: int | None = None
    wk: int | None = None
    hh: int | None = None
    mi: int | None = None
    mod: str | None = None

    def iso(self) -> str:
        y = f"{self.y:04d}" if self.y else "XXXX"
        if self.d:
            s = f"{y}-{self.m:02d}-{self.d:02d}"
        elif self.m:
            s = f"{y}-{self.m:02d}"
        elif self.q:
            s = f"{y}-Q{self.q}"
        elif self.wk:
            s = f"{y}-W{self.wk:02d}"
        elif self.y:
            s = y
        else:
            s = ""
        if self.hh is not None:
            s += f"T{self.hh:02d}:{self.mi or 0:02d}"
        return s

    def key(self, last: bool) -> tuple:
        """A sortable (year, month, day) of the point's first (or last) day."""
        if self.m:
            m = self.m
        elif self.q:
            m = self.q * 3 if last else self.q * 3 - 2
        else:
            m = 12 if last else 1
        d = self.d or (31 if last else 1)
        return (self.y or 0, m, d)

    def valid(self) -> bool:
        if self.m and not 1 <= self.m <= 12:
            return False
        if self.d:
            if not self.m:
                return False
            if self.y:
                days = calendar.monthrange(self.y, self.m)[1]
            else:
                days = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[self.m - 1]
            return 1 <= self.d <= days
        return True


def _hour(hh: int, pod: str | None) -> int:
    if pod is None:
        return hh
    shift = _tables()["pod"].get(fold(pod))
    if shift == 12 and hh < 12:
        if fold(pod) == "trưa" and hh >= 11:
            return hh
        return hh + 12
    if shift == 24 and 6 <= hh < 12:   # "10 giờ đêm" = 22:00, "2 giờ đêm" = 02:00
        return hh + 12
    return hh


def _shift(pub: date, grain: str, off: int) -> Point:
    """The ``grain`` unit ``off`` units away from ``pub`` (day, week, month, quarter, year)."""
    if grain == "day":
        d = pub + timedelta(days=off)
        return Point(d.year, d.month, d.day)
    if grain == "week":
        y, w, _ = (pub + timedelta(weeks=off)).isocalendar()
        return Point(y, wk=w)
    if grain == "month":
        n = pub.year * 12 + pub.month - 1 + off
        return Point(n // 12, n % 12 + 1)
    if grain == "quarter":
        n = pub.year * 4 + (pub.month - 1) // 3 + off
        return Point(n // 4, q=n % 4 + 1)
    return Point(pub.year + off)


def _year_for(month: int | None, ref: Ref) -> int | None:
    """The year of a year-less month: the publication year, moved across New Year when the
    month is ten or more months away from the publication month (28/12 in a 2 January
    article is last December)."""
    if ref.pub is None or month is None:
        return ref.year
    if month - ref.pub.month >= 10:
        return ref.pub.year - 1
    if ref.pub.month - month >= 10:
        return ref.pub.year + 1
    return ref.pub.year


def relative_point(grain: str, off: int, ref: Ref) -> Point | None:
    """A relative expression's point, or None when there is nothing to resolve it against."""
    if ref.pub is not None:
        return _shift(ref.pub, grain, off)
    if grain == "year" and ref.year:
        return Point(ref.year + off)
    return None


def build_point(f: dict, ref: Ref, inherit: Point | None = None) -> Point | None:
    """The point written in the fields ``f`` (a date, month, quarter, week, year, time)."""
    t = _tables()
    p = Point()
    if "y" in f:
        p.y = int(_txt(f, "y"))
    if "m" in f:
        p.m = int(_txt(f, "m"))
    elif "mw" in f:
        p.m = t["month_word"].get(fold(_txt(f, "mw")))
    if "d" in f:
        p.d = int(_txt(f, "d"))
    if "q" in f:
        p.q = t["quarter"].get(fold(_txt(f, "q")))
    if "wk" in f:
        p.wk = int(_txt(f, "wk"))
    if "hh" in f:
        p.hh = _hour(int(_txt(f, "hh")), _txt(f, "pod"))
        p.mi = int(_txt(f, "mi")) if "mi" in f else 0
    if "part" in f:
        p.mod = _MOD.get(fold(_txt(f, "part")))
    if "rel" in f:
        grain, off = t["relative"][regex.sub(r"\s+", " ", fold(_txt(f, "rel")))]
        if grain != "year":
            return None
        base = relative_point("year", off, ref)
        if base is None:
            return None
        p.y = base.y
    if "grain" in f and not (p.m or p.q or p.y):
        got = relative_point(t["grain"][fold(_txt(f, "grain"))], 0, ref)
        if got is None:
            return None
        got.mod = p.mod
        return got
    if inherit is not None:
        if p.d and not p.m:
            p.m = inherit.m
        if not p.y and (p.d or p.m or p.q):
            p.y = inherit.y
    if not p.y and (p.m or p.q or p.wk or p.d):
        p.y = _year_for(p.m, ref) if p.m else ref.year
    if not (p.y or p.m or p.q or p.wk or p.d or p.hh is not None):
        return None
    return p if p.valid() else None


def _mention(type_, start, end, value, rule, mod=None) -> Mention:
    return Mention(type_, start, end, value, rule.id, extra={"mod": mod} if mod else {})


def _has_cue(ctx: ArticleContext, m: regex.Match, words) -> bool:
    prev = ctx.words_before(m.start(), 3)
    return any(prev == w or prev.endswith(" " + w) for w in words)


def _folded(words) -> tuple[str, ...]:
    return tuple(fold(w) for w in words)


def _number_before(ctx: ArticleContext, pos: int) -> bool:
    j = ctx.token_ending_at_or_before(pos)
    if j < 0:
        return False
    w = ctx.word(j)
    s, e = ctx.tokens[j]
    gap = ctx.norm[e:pos]
    return any(c.isdigit() for c in w) and not gap.strip() and "\n" not in gap


# --- resolvers --------------------------------------------------------------------------

def resolve_point(m, rule, ctx):
    f = fields(m)
    if rule.options.get("need") == "ngay_or_year" and not ("ngay" in f or "y" in f or "rel" in f):
        return None
    p = build_point(f, reference(ctx))
    if p is None:
        return None
    return _mention("DATE", m.start(), m.end(), p.iso(), rule, p.mod)


def resolve_day_month(m, rule, ctx):
    f = fields(m)
    if not ({"ngay", "wd", "hh"} & set(f)):
        before = ctx.norm[max(0, m.start() - 2):m.start()].rstrip()
        after = ctx.norm[m.end():m.end() + 1]
        paren = before.endswith("(") and after in (")", ",")
        cues = rule.options.get("dash_cue_before" if _txt(f, "sep") == "-" else "cue_before", ())
        if not paren and not _has_cue(ctx, m, _folded(tuple(cues))):
            return None
    return resolve_point(m, rule, ctx)


_PAREN_DATE = regex.compile(
    r"\s*\(\s*(?:(?i:ngày)\s+)?(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})(?:[/\-.](?P<y>(?:19|20)\d\d))?\s*\)")


def resolve_relative(m, rule, ctx):
    f = fields(m)
    t = _tables()
    ref = reference(ctx)
    if _number_before(ctx, m.start()) and "n" not in f:
        return None   # "15 năm trước": an amount of time ago with a number: date.ago
    mod = _MOD.get(fold(_txt(f, "part"))) if "part" in f else None
    if "rel" in f:
        grain, off = t["relative"][regex.sub(r"\s+", " ", fold(_txt(f, "rel")))]
    elif "n" in f:
        n = _txt(f, "n")
        off = -(int(n) if n.isdigit() else t["count"][fold(n)])
        grain = t["grain"][fold(_txt(f, "grain"))]
    else:
        grain, off = t["grain"][fold(_txt(f, "grain"))], 0
    p = None
    if grain == "day" and off == 0:
        # "Sáng nay (16/10)": the date written beside it settles the day
        pm = _PAREN_DATE.match(ctx.norm, m.end())
        if pm:
            p = build_point({k: (v, 0) for k, v in pm.groupdict().items() if v}, ref)
    if p is None:
        p = relative_point(grain, off, ref)
    if p is None:
        return None
    return _mention("DATE", m.start(), m.end(), p.iso(), rule, mod)


def resolve_clock(m, rule, ctx):
    f = fields(m)
    if not ({"pod", "rel"} & set(f)) and not _has_cue(ctx, m, _folded(tuple(rule.options.get("cue_before", ())))):
        return None
    ref = reference(ctx)
    p = Point()
    if "rel" in f:
        grain, off = _tables()["relative"][regex.sub(r"\s+", " ", fold(_txt(f, "rel")))]
        if grain != "day":
            return None
        p = relative_point(grain, off, ref)
        if p is None:
            return None
    rel = _txt(f, "rel")
    pod = _txt(f, "pod")
    if pod is None and rel:   # "8 giờ sáng nay": the part of day is in the relative word
        pod = fold(rel).split()[0]
        if pod not in _tables()["pod"]:
            pod = None
    p.hh = _hour(int(_txt(f, "hh")), pod)
    p.mi = int(_txt(f, "mi")) if "mi" in f else 0
    return _mention("DATE", m.start(), m.end(), p.iso(), rule)


_COUNTED_AFTER = regex.compile(r"\s*(?:%|[\p{Ll}]+\s+(?:người|hồ sơ|đồng|lượt)|người|hồ sơ|đồng|lượt|tỷ|tỉ|triệu|nghìn|ngàn|USD|km|ha|tấn)(?![\p{L}])")


def _end(p: Point, last: bool) -> Point:
    """A range end with a part of a year ("đầu năm", "cuối năm 2023") at month precision."""
    if p.mod and not (p.m or p.q or p.d or p.wk) and p.y:
        return Point(p.y, 12 if last else 1)
    return p


def resolve_range(m, rule, ctx):
    ref = reference(ctx)
    fa, fb = fields(m, *m.span("a")), fields(m, *m.span("b"))
    if "now" in fb:
        if ref.pub is None:
            return None
        b = Point(ref.pub.year, ref.pub.month, ref.pub.day)
    else:
        b = build_point(fb, ref, None)
        if b is None:
            return None
        b = _end(b, True)
    a = build_point(fa, ref, inherit=b)
    if a is None:
        return None
    a = _end(a, False)
    if a.d and not a.m:
        return None
    if set(fa) - {"a"} <= {"y"} and set(fb) - {"b"} <= {"y"} and _COUNTED_AFTER.match(ctx.norm, m.end()):
        return None   # "từ 1990 đến 2000 người": numbers of people, not years
    if a.key(False) > b.key(True) or a.iso() == b.iso():
        return None
    return _mention("PERIOD", m.start(), m.end(), {"start": a.iso(), "end": b.iso()}, rule)


def resolve_years(m, rule, ctx):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not 0 < y2 - y1 <= int(rule.options.get("max_years", 50)):
        return None
    if _COUNTED_AFTER.match(ctx.norm, m.end()):
        return None
    return _mention("PERIOD", m.start(), m.end(), {"start": str(y1), "end": str(y2)}, rule)


def resolve_day_range(m, rule, ctx):
    da, db, mo = int(m.group("da")), int(m.group("db")), int(m.group("m"))
    y = int(m.group("y")) if m.group("y") else _year_for(mo, reference(ctx))
    a, b = Point(y, mo, da), Point(y, mo, db)
    if da >= db or not (a.valid() and b.valid()):
        return None
    return _mention("PERIOD", m.start(), m.end(), {"start": a.iso(), "end": b.iso()}, rule)


def resolve_month_range(m, rule, ctx):
    ma, mb = int(m.group("ma")), int(m.group("mb"))
    if ma >= mb:
        return None
    y = int(m.group("y")) if m.group("y") else reference(ctx).year
    return _mention("PERIOD", m.start(), m.end(),
                    {"start": Point(y, ma).iso(), "end": Point(y, mb).iso()}, rule)


def resolve_part_of_year(m, rule, ctx):
    f = fields(m)
    t = _tables()
    if not ({"part", "y", "rel"} & set(f)):
        return None   # "Trong 10 tháng": an amount of time, not a part of a year
    n = _txt(f, "n")
    count = (int(n) if n.isdigit() else t["count"].get(fold(regex.sub(r"\s+", " ", n)))) if n else None
    quarters = "grain" in f and fold(_txt(f, "grain")) in ("quý", "quí")
    size = 4 if quarters else 12
    if count is None:          # "nửa đầu năm"
        count = size // 2
    if not 0 < count < size:
        return None
    ref = reference(ctx)
    if "y" in f:
        y = int(_txt(f, "y"))
    elif "rel" in f:
        grain, off = t["relative"][regex.sub(r"\s+", " ", fold(_txt(f, "rel")))]
        base = relative_point("year", off, ref)
        if base is None:
            return None
        y = base.y
    else:
        y = ref.year
    last = "part" in f and _MOD.get(fold(_txt(f, "part"))) == "end"
    first, final = (size - count + 1, size) if last else (1, count)
    if quarters:
        a, b = Point(y, q=first), Point(y, q=final)
    else:
        a, b = Point(y, first), Point(y, final)
    return _mention("PERIOD", m.start(), m.end(), {"start": a.iso(), "end": b.iso()}, rule)


def resolve_clock_range(m, rule, ctx):
    fa, fb = fields(m, *m.span("a")), fields(m, *m.span("b"))
    pod = _txt(fields(m), "pod") if m.end("b") < m.end() else None
    ha, hb = int(_txt(fa, "hh")), _hour(int(_txt(fb, "hh")), pod)
    a = Point(hh=ha, mi=int(_txt(fa, "mi")) if "mi" in fa else 0)
    b = Point(hh=hb, mi=int(_txt(fb, "mi")) if "mi" in fb else 0)
    if (a.hh, a.mi) >= (b.hh, b.mi):
        return None
    return _mention("PERIOD", m.start(), m.end(), {"start": a.iso(), "end": b.iso()}, rule)


class Time(Dimension):
    name = "time"
    rule_files = ("time/dates.toml", "time/periods.toml")

    def resolvers(self):
        return {
            "point": resolve_point,
            "day_month": resolve_day_month,
            "relative": resolve_relative,
            "clock": resolve_clock,
            "range": resolve_range,
            "years": resolve_years,
            "day_range": resolve_day_range,
            "month_range": resolve_month_range,
            "part_of_year": resolve_part_of_year,
            "clock_range": resolve_clock_range,
        }

    @cached_property
    def rules(self):
        pieces = shared_pieces()
        pieces.update(time_pieces())
        names = set(self.resolvers())
        from .matching import TYPES
        rules = []
        for rel in self.rule_files:
            rules.extend(compile_rules(rel, pieces, TYPES, names))
        return rules
