"""DATE and PERIOD: points in time at the precision written, and two-ended spans.

Rules (where) are in patterns/time/dates.toml and periods.toml, word lists in
patterns/time/words.toml; this module gives matches their meaning. Every resolver reads
named groups only; a range marks its two ends with groups ``a`` and ``b`` and reads the
fields (d, m, y, …) captured inside each end.

A year the text does not write comes from the publication date (input, else the article's
dateline), else from the article's own year (``article_year``: a vote of its explicit dates
that leaves out cited documents' signing dates, forecasts and deadlines, comparison bases
and photo captions; gold/GUIDELINES.md §DATE), else ``XXXX``. A relative expression (``hôm qua``,
``tháng trước``) needs the publication date; without it nothing is emitted rather than a
guess — except year-grain ones (``năm nay``), which the article's explicit years settle
(gold/GUIDELINES.md, hard case 10).
"""
from __future__ import annotations

import calendar
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache

import regex

from ..engine.context import ArticleContext, Mention
from ..engine.matching import Dimension, preceded_by, shared_pieces, word_table
from ..engine.patterns import alternation, compile_rules, load_toml
from ..engine.text import fold

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

# What votes for the article's year (``article_year``): day- or month-precise dates with a
# year ("fine", weight 2), and ``năm YYYY`` (weight 1). The year is the group ``y``.
_FINE_YEAR = regex.compile(
    r"(?<![\p{N}/.])\d{1,2}[/\-.]\d{1,2}[/\-.](?P<y>(?:19|20)\d\d)(?!\d)"
    r"|(?i:tháng|quý|quí)\s[^\n]{0,20}?(?:(?i:năm)\s+|[/\-])(?P<y>(?:19|20)\d\d)(?![\d\-–])"
    r"|(?<=(?i:từ|đến|tới|trong|vào|cuối|đầu|giữa|sau|trước)\s+)(?<![\p{N}/.])(?:0?[1-9]|1[0-2])/"
    r"(?P<y>(?:19|20)\d\d)(?![\d/])", regex.V1)
_YEAR = regex.compile(r"(?i:năm)\s+(?P<y>(?:19|20)\d\d)(?![\d\-–])", regex.V1)
# "năm nay (2021)", "năm nay - năm 2021": the text names its own year
_YEAR_NOW = regex.compile(r"(?i:năm\s+nay)\s*[(,–\-]\s*(?:(?i:năm)\s+)?(?P<y>(?:19|20)\d\d)(?!\d)", regex.V1)
_CLAUSE_BREAK = regex.compile(r"[,;:](?=\s)|;")
# how far back in its sentence a document kind makes a date the document's (a law's name
# holds commas: "Luật Phòng, chống tác hại của rượu, bia năm 2019")
_DOC_REACH = 120
# only time words before a date in its clause: the date opens the clause ("…, ngày 8/8/2018
# Phó Thủ tướng ký …"), and a document named in an earlier clause is not its own
_CLAUSE_LEAD = regex.compile(r"\s*(?:(?:từ|kể|tính|cho|đến|tới|vào|trong|sau|trước|đầu|cuối|giữa|hết|hồi|"
                             r"ngày|mùng|sáng|trưa|chiều|tối|đêm|rạng|và|hoặc|năm|tháng)\s+)*", regex.V1)
_DOC_NUMBER = regex.compile(r"\d+/(?:\d{4}/)?\p{Lu}[\p{L}\-]*", regex.V1)


@lru_cache(maxsize=1)
def _vote_words():
    data = load_toml(WORDS)["year_vote"]
    folded = regex.compile(alternation([fold(w) for k in ("future", "comparison") for w in data[k]]), regex.V1)
    document = regex.compile(alternation(data["document"]), regex.V1)
    photo = regex.compile(alternation(data["photo"], lead=False), regex.V1)
    return folded, document, photo


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


def _clause(text: str, sent: tuple[int, int], s: int, e: int) -> tuple[int, int]:
    """The stretch of the sentence ``sent`` around ``[s, e)`` between commas, semicolons
    and colons (a comma inside a number, ``3,8%``, does not count)."""
    lo, hi = sent
    for m in _CLAUSE_BREAK.finditer(text, lo, s):
        lo = m.end()
    m = _CLAUSE_BREAK.search(text, e, hi)
    return lo, (m.start() if m else hi)


_YEAR_DIGITS = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_FINE_REACH = 48   # the longest _FINE_YEAR match: "tháng" + 20 characters + "năm 2023"


def _fine_years(text: str):
    """``_FINE_YEAR.finditer(text)``, run only on stretches that end at a year: its
    lookbehinds make a scan of every character cost as much as all the time rules."""
    windows = []
    for y in _YEAR_DIGITS.finditer(text):
        lo, hi = max(0, y.start() - _FINE_REACH), min(len(text), y.end() + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from _FINE_YEAR.finditer(text, lo, hi)


def year_votes(text: str, captions=()) -> list[tuple[int, int, int, int]]:
    """``(start, end, year, weight)`` of each date or year of ``text`` that votes for the
    article's year (``article_year``); the others are left out as not the article's own
    time (patterns/time/words.toml ``[year_vote]``)."""
    from .document import sentences
    future, document, photo = _vote_words()
    sents = sentences(text)
    starts = [a for a, _ in sents]
    folded = fold(text)
    found = [(m.start(), m.end(), int(m.group("y")), 2) for m in _fine_years(text)]
    taken = {i for a, b, _, _ in found for i in range(a, b)}   # a set: a scan per year was quadratic
    found += [(m.start(), m.end(), int(m.group("y")), 1) for m in _YEAR.finditer(text)
              if not any(i in taken for i in range(m.start(), m.end()))]
    out = []
    for s, e, y, w in sorted(found):
        i = bisect_right(starts, s) - 1
        sent = sents[i] if i >= 0 and s < sents[i][1] else (s, e)
        if any(a <= s < b for a, b in captions):
            continue
        k = text.find("\n", e)
        k = len(text) if k < 0 else k
        while k > s and text[k - 1].isspace():   # the line's end without a copy of the line
            k -= 1
        if k - s >= 2 and text[k - 2:k] == " |":
            continue   # a caption line
        after = text[sent[1]:sent[1] + 16].lstrip(" .")
        if photo.search(text, sent[0], sent[1]) or photo.match(after):
            continue   # a photo caption: "…, tháng 6/2022. Ảnh: Ngọc Thành"
        lo, hi = _clause(text, sent, s, e)
        if future.search(folded, lo, hi):
            continue   # a forecast, plan, deadline or comparison base
        # a cited document's date or year; a date inside its clause may belong to a
        # document named further back ("Luật Phòng, chống tác hại của rượu, bia năm 2019")
        reach = lo if _CLAUSE_LEAD.fullmatch(folded, lo, s) else min(lo, max(sent[0], s - _DOC_REACH))
        if document.search(text, reach, s) or _DOC_NUMBER.search(text, reach, s):
            continue
        out.append((s, e, y, w))
    return out


def article_year(text: str, captions=()) -> int | None:
    """The year an article is about, when no publication date is known.

    ``năm nay (2021)`` settles it; else the year with the most votes of ``year_votes``
    (a date with a day or month counts twice, ``năm YYYY`` once; ties: the later year);
    None when nothing votes. Signing dates of cited documents, forecasts, deadlines,
    comparison bases and photo captions (in ``captions``, spans of ``text``) do not vote.
    """
    now = _YEAR_NOW.search(text)
    if now:
        return int(now.group("y"))
    votes = Counter()
    for _, _, y, w in year_votes(text, captions):
        votes[y] += w
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]


def reference(ctx: ArticleContext) -> Ref:
    ref = getattr(ctx, "_time_ref", None)
    if ref is None or ref[0] != ctx.published:
        pub = _parse_iso_date(ctx.published)
        year = pub.year if pub else _fallback_year(ctx)
        ref = (ctx.published, Ref(pub, year))
        ctx._time_ref = ref
    return ref[1]


def _fallback_year(ctx: ArticleContext) -> int | None:
    from .document import analyze
    lo, hi = ctx.body_start, ctx.body_end
    caps = [(s - lo, e - lo) for s, e in analyze(ctx.norm).captions if lo <= s and e <= hi]
    return article_year(ctx.norm[lo:hi], caps)


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


_ISO = regex.compile(r"(\d{4})(?:-(?:Q([1-4])|W(\d{2})|(\d{2})(?:-(\d{2}))?))?(?:T\d{2}:\d{2}(?::\d{2})?)?")


def iso_days(iso: str) -> tuple[date, date] | None:
    """The first and last day of a DATE value (or a PERIOD end) at the precision written:
    ``2023`` -> 2023-01-01 … 2023-12-31, ``2023-Q4``, ``2023-W05``, ``2023-10``,
    ``2023-10-16`` (a clock time is ignored). None for an unknown year (``XXXX-10-16``), a
    clock time alone (``T08:00``) or anything else."""
    m = _ISO.fullmatch(iso) if isinstance(iso, str) else None
    if not m:
        return None
    y, q, wk, mo, d = (int(g) if g else None for g in m.groups())
    try:
        if d:
            first = last = date(y, mo, d)
        elif mo:
            first, last = date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        elif q:
            first, last = date(y, 3 * q - 2, 1), date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        elif wk:
            first, last = date.fromisocalendar(y, wk, 1), date.fromisocalendar(y, wk, 7)
        else:
            first, last = date(y, 1, 1), date(y, 12, 31)
    except ValueError:   # month 13, day 32, week 54
        return None
    return first, last


def _hour(hh: int, pod: str | None) -> int:
    if pod is None:
        return hh
    shift = _tables()["pod"].get(fold(pod))
    if shift == 12 and hh < 12:
        if fold(pod) == "trưa" and hh >= 10:   # "10h trưa", "11 giờ trưa": late morning
            return hh
        return hh + 12
    if shift == 24 and 6 <= hh < 12:   # "10 giờ đêm" = 22:00, "2 giờ đêm" = 02:00
        return hh + 12
    if shift == 24 and hh == 12:       # "12 giờ đêm": midnight
        return 0
    return hh


def _shift(pub: date, grain: str, off: int) -> Point:
    """The ``grain`` unit ``off`` units away from ``pub`` (day, week, month, quarter, year)."""
    if grain == "day":
        d = pub + timedelta(days=off)
        return Point(d.year, d.month, d.day)
    if grain == "week":
        y, w, _ = (pub + timedelta(weeks=off)).isocalendar()
        return Point(y, wk=w)
    if grain == "weekpast":   # "tuần qua": the trading week that closed on Friday
        y, w, _ = (pub - timedelta(weeks=0 if pub.weekday() >= 5 else 1)).isocalendar()
        return Point(y, wk=w)
    if grain == "month":
        n = pub.year * 12 + pub.month - 1 + off
        return Point(n // 12, n % 12 + 1)
    if grain == "quarter":
        n = pub.year * 4 + (pub.month - 1) // 3 + off
        return Point(n // 4, q=n % 4 + 1)
    return Point(pub.year + off)


def _year_for(month: int | None, ref: Ref, day: int | None = None) -> int | None:
    """The year of a year-less day or month. A day takes the year that puts it nearest the
    publication date (``28/12`` in an article of 15 January is last year's, ``5/1`` in one
    of 20 December next year's; a tie goes to the earlier); a month alone the publication
    year, moved across New Year when it is ten or more months away from the publication
    month (``tháng 12`` in a 2 January article is last December)."""
    if ref.pub is None or month is None:
        return ref.year
    if day is not None:
        return _nearest_year(month, day, ref.pub)
    if month - ref.pub.month >= 10:
        return ref.pub.year - 1
    if ref.pub.month - month >= 10:
        return ref.pub.year + 1
    return ref.pub.year


def _nearest_year(month: int, day: int, pub: date) -> int:
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            gap = abs((date(y, month, day) - pub).days)
        except ValueError:   # 29/2 of a common year
            continue
        if best is None or gap < best[0]:
            best = (gap, y)
    return best[1] if best else pub.year


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
        p.y = _year_for(p.m, ref, p.d) if p.m else ref.year
    if not (p.y or p.m or p.q or p.wk or p.d or p.hh is not None):
        return None
    return p if p.valid() else None


def _mention(type_, start, end, value, rule, mod=None) -> Mention:
    return Mention(type_, start, end, value, rule.id, extra={"mod": mod} if mod else {})


def _number_before(ctx: ArticleContext, pos: int) -> bool:
    word = ctx.word_ending_at_or_before(pos)
    if word is None:
        return False
    s, e = word
    w = ctx.norm[s:e]
    gap = ctx.norm[e:pos]
    # a number ("15 năm trước"), not a name with digits in it ("VN30-Index sáng nay")
    return any(c.isdigit() for c in w) and not any(c.isalpha() for c in w) and not gap.strip() and "\n" not in gap


# --- resolvers --------------------------------------------------------------------------

def resolve_point(m, rule, ctx):
    f = fields(m)
    if rule.options.get("need") == "ngay_or_year" and not ("ngay" in f or "y" in f or "rel" in f):
        return None
    p = build_point(f, reference(ctx))
    if p is None:
        return None
    return _mention("DATE", m.start(), m.end(), p.iso(), rule, p.mod)


@lru_cache(maxsize=None)
def _words_after(words: tuple[str, ...]) -> regex.Pattern:
    """Spaces, then one of ``words`` as a whole word; matched on the folded text."""
    return regex.compile(r"\s+" + alternation([fold(w) for w in words]), regex.V1)


def _fraction_after(ctx: ArticleContext, m: regex.Match, rule) -> bool:
    """True when a counting word follows the match: ``2/3 tổng số đại biểu`` is a fraction."""
    words = rule.options.get("fraction_after")
    return bool(words) and _words_after(tuple(words)).match(ctx.folded, m.end()) is not None


def fraction_follows(ctx: ArticleContext, end: int) -> bool:
    """True when a counting word (``tổng số``, ``đại biểu``, ``trở lên`` …; date.dm's
    ``fraction_after`` in patterns/time/dates.toml) follows ``end``: ``từ 2/3 tổng số đại
    biểu`` is a fraction, whatever the time word before it. For the RATIO resolver, which
    otherwise leaves ``từ 2/3`` to the dates."""
    words = _fraction_words("date.dm")
    return bool(words) and _words_after(words).match(ctx.folded, end) is not None


@lru_cache(maxsize=4)
def _fraction_words(rule_id: str) -> tuple[str, ...]:
    """The ``fraction_after`` words of a rule of patterns/time/dates.toml."""
    rule = next(r for r in load_toml("time/dates.toml")["rule"] if r["id"] == rule_id)
    return tuple(rule.get("options", {}).get("fraction_after", ()))


def _in_parens(ctx: ArticleContext, m: regex.Match) -> bool:
    before = ctx.norm[max(0, m.start() - 2):m.start()].rstrip()
    after = ctx.norm[m.end():m.end() + 1]
    return before.endswith("(") and after in (")", ",")


def resolve_day_month(m, rule, ctx):
    f = fields(m)
    if not ({"ngay", "wd", "hh"} & set(f)):
        cues = rule.options.get("dash_cue_before" if _txt(f, "sep") == "-" else "cue_before", ())
        if not _in_parens(ctx, m) and not preceded_by(ctx, m.start(), cues):
            return None
        if _fraction_after(ctx, m, rule):
            return None   # "từ 2/3 tổng số đại biểu": a fraction
    return resolve_point(m, rule, ctx)


def resolve_month_year(m, rule, ctx):
    """``7/2014`` without ``tháng``: a month only after a time word (``từ``, ``đến``,
    ``vào`` …) or in parentheses, and not before a counted noun (``trong 5/2000 hộ``)."""
    if not _in_parens(ctx, m) and not preceded_by(ctx, m.start(), rule.options.get("cue_before", ())):
        return None
    if _fraction_after(ctx, m, rule):
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
    def bare(f, end):   # a year, or a month/year without a word ("2000", "1/2000")
        keys = set(f) - {end}
        return keys <= {"y"} or (keys <= {"m", "y"} and not regex.search(r"\p{L}", m.group(end)))

    if bare(fa, "a") and bare(fb, "b") and _COUNTED_AFTER.match(ctx.norm, m.end()):
        return None   # "từ 1990 đến 2000 người", "từ 1/2000 đến 5/2000 người": numbers, not years
    if "y" not in fb and "now" not in fb and b.d and a.y:
        # a year-less end is the first such day on or after the start ("từ 27/4 đến 31/12",
        # "từ 28/12 đến 5/1"); a year-less start takes its own nearest year
        if "y" not in fa and a.m and a.d:
            a.y = _year_for(a.m, ref, a.d)
        b.y = a.y + (1 if (b.m, b.d) < (a.m or 0, a.d or 0) else 0)
    elif "y" not in fa and a.y and a.key(False) > b.key(True):
        a.y -= 1      # "từ 28/12 đến 5/1/2024": the start is in the year before the end's
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
    y = int(m.group("y")) if m.group("y") else _year_for(mo, reference(ctx), da)
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


def resolve_part_of_month(m, rule, ctx):
    """``20 ngày đầu tháng 6`` → 1 to 20 June; ``10 ngày cuối tháng 12`` → 22 to 31 December.
    A month without its year takes the publication year's nearest (as a bare month does)."""
    f = fields(m)
    n = _txt(f, "n")
    count = int(n) if n.isdigit() else _tables()["count"].get(fold(regex.sub(r"\s+", " ", n)))
    mo = int(_txt(f, "m"))
    y = int(_txt(f, "y")) if "y" in f else int(_txt(f, "y2")) if "y2" in f else _year_for(mo, reference(ctx))
    if not count:
        return None
    days = calendar.monthrange(y or 2001, mo)[1]   # no year known: "XXXX-…", February of 28 days
    if not 0 < count < days:
        return None
    last = _MOD.get(fold(_txt(f, "part"))) == "end"
    first, final = (days - count + 1, days) if last else (1, count)
    return _mention("PERIOD", m.start(), m.end(),
                    {"start": Point(y, mo, first).iso(), "end": Point(y, mo, final).iso()}, rule)


def resolve_clock_range(m, rule, ctx):
    fa, fb = fields(m, *m.span("a")), fields(m, *m.span("b"))
    pod = _txt(fields(m), "pod") if m.end("b") < m.end() else None
    ha, hb = _hour(int(_txt(fa, "hh")), _txt(fa, "pod_a")), _hour(int(_txt(fb, "hh")), pod)
    a = Point(hh=ha, mi=int(_txt(fa, "mi")) if "mi" in fa else 0)
    b = Point(hh=hb, mi=int(_txt(fb, "mi")) if "mi" in fb else 0)
    if (a.hh, a.mi) >= (b.hh, b.mi):
        return None
    return _mention("PERIOD", m.start(), m.end(), {"start": a.iso(), "end": b.iso()}, rule)


def _weekday_on_or_before(day: date, wd: int) -> date:
    return day - timedelta(days=(day.isoweekday() - wd) % 7)


def resolve_weekday(m, rule, ctx):
    """A weekday (``thứ Hai tuần trước``, ``sáng thứ Sáu``) as the date it names, counted
    from the publication date; nothing without one, and nothing when a date follows it
    (``thứ Hai (16/10)``: the date is the mention)."""
    ref = reference(ctx)
    if ref.pub is None or _PAREN_DATE.match(ctx.norm, m.end()):
        return None
    wd = _tables()["weekday"].get(regex.sub(r"\s+", " ", fold(m.group("wd"))))
    if wd is None:
        return None
    pub = ref.pub
    g = m.groupdict()
    if g.get("wrel"):
        off = rule.options["week_offset"][fold(g["wrel"])]
        monday = pub - timedelta(days=pub.isoweekday() - 1) + timedelta(weeks=off)
        day = monday + timedelta(days=wd - 1)
    else:
        direction = fold(g.get("dir") or "")
        if direction == "tới":
            day = _weekday_on_or_before(pub, wd) + timedelta(days=7)
        elif direction == "này":
            day = pub - timedelta(days=pub.isoweekday() - 1) + timedelta(days=wd - 1)
        elif direction in ("qua", "vừa qua"):
            day = _weekday_on_or_before(pub - timedelta(days=1), wd)
        else:   # news tells what happened: the latest such day up to the publication date
            day = _weekday_on_or_before(pub, wd)
    return _mention("DATE", m.start(), m.end(), Point(day.year, day.month, day.day).iso(), rule)


_CENTURY = {"xx": 1900, "20": 1900, "trước": 1900, "xxi": 2000, "21": 2000, "này": 2000}


def resolve_decade(m, rule, ctx):
    """``thập niên 90``, ``những năm 1990``: the ten years ``1990`` … ``1999``."""
    dec = m.group("dec")
    if len(dec) == 4:
        first = int(dec)
    else:
        first = _CENTURY.get(fold(m.group("cent") or ""), 1900) + int(dec)
    mod = _MOD.get(fold(m.group("part"))) if m.group("part") else None
    return _mention("PERIOD", m.start(), m.end(), {"start": str(first), "end": str(first + 9)}, rule, mod)


class Time(Dimension):
    name = "time"
    rule_files = ("time/dates.toml", "time/periods.toml", "time/clock.toml", "time/recent.toml",
                  "time/calendar.toml", "time/lunar.toml")

    def find(self, ctx: ArticleContext) -> list[Mention]:
        from .clock import join_days
        found = super().find(ctx)
        join_days(ctx, found)   # a clock time written without its day takes one
        return found

    def resolvers(self):
        from . import calendar, lunar   # they build on this module's helpers
        from .clock import resolve_clock_range_day, resolve_clock_time
        from .recent import resolve_recent
        return {
            **calendar.RESOLVERS,
            **lunar.RESOLVERS,
            "clock_time": resolve_clock_time,
            "clock_range_day": resolve_clock_range_day,
            "recent": resolve_recent,
            "point": resolve_point,
            "day_month": resolve_day_month,
            "relative": resolve_relative,
            "range": resolve_range,
            "years": resolve_years,
            "day_range": resolve_day_range,
            "month_range": resolve_month_range,
            "part_of_year": resolve_part_of_year,
            "part_of_month": resolve_part_of_month,
            "clock_range": resolve_clock_range,
            "month_year": resolve_month_year,
            "weekday": resolve_weekday,
            "decade": resolve_decade,
        }

    @cached_property
    def rules(self):
        from . import calendar, lunar
        pieces = shared_pieces()
        pieces.update(time_pieces())
        pieces.update(calendar.calendar_pieces())
        pieces.update(lunar.lunar_pieces())
        from .clock import clock_pieces
        from .recent import recent_pieces
        pieces.update(clock_pieces())
        pieces.update(recent_pieces())
        names = set(self.resolvers())
        from ..engine.matching import TYPES
        rules = []
        for rel in self.rule_files:
            rules.extend(compile_rules(rel, pieces, TYPES, names))
        return rules
