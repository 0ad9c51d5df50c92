"""Article structure: title, dateline, byline, captions, where the body ends, sentences.

Extraction runs on the body only: seed article 003 carries a long tail of other articles'
teasers with their own dates, people and money, none of which are this article's facts.
``analyze`` gives the whole structure (as ``norm`` spans); ``body_end`` and ``sentences``
are what the engine needs for every article.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import regex

from ..engine.patterns import load_toml
from ..engine.text import fold


@lru_cache(maxsize=1)
def _structure():
    data = load_toml("document/structure.toml", required={"tail_markers", "abbreviations"})
    markers = {fold(m) for m in data["tail_markers"]}
    abbrev = "|".join(regex.escape(a) for a in sorted(data["abbreviations"], key=len, reverse=True))
    # a sentence ends after . ! ? … (and closing quotes/brackets) before a space and a
    # capital, digit or opening quote; not after an abbreviation or an initial ("Nguyễn V. A")
    boundary = regex.compile(
        rf"(?<!\b(?:{abbrev})\.)(?<!\b\p{{Lu}}\.)(?<=[.!?…][\"”’)\]]?)[ \t]+(?=[\"“‘(\[]?[\p{{Lu}}\p{{N}}])",
        regex.V1)
    return markers, boundary


@lru_cache(maxsize=1)
def _layout():
    data = load_toml("document/structure.toml")
    return {
        "teaser": regex.compile(data["teaser_timestamp"], regex.V1),
        "teaser_min": int(data["teaser_min"]),
        "dateline": regex.compile(data["dateline"], regex.V1),
        "dateline_max_line": int(data["dateline_max_line"]),
        "title_max_chars": int(data["title_max_chars"]),
        "title_max_words": int(data["title_max_words"]),
        "caption_max_chars": int(data["caption_max_chars"]),
        "photo_credit": regex.compile(data["photo_credit"], regex.V1),
        "listing_title": regex.compile(data["listing_title"], regex.V1),
        "photo_caption_max_chars": int(data["photo_caption_max_chars"]),
        "byline_max_words": int(data["byline_max_words"]),
        "byline_prefixes": tuple(data["byline_prefixes"]),
        "flat_line_chars": int(data["flat_line_chars"]),
    }


def is_flat_line(length: int) -> bool:
    """A line this long is many paragraphs run together (an article flattened to one line)."""
    return length > _layout()["flat_line_chars"]


def _lines(norm: str, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``norm[:end]``, without surrounding spaces."""
    end = len(norm) if end is None else end
    out = []
    for m in regex.finditer(r"[^\n]+", norm[:end]):
        s, e = m.span()
        text = m.group()
        s += len(text) - len(text.lstrip())
        e -= len(text) - len(text.rstrip())
        if e > s:
            out.append((s, e))
    return out


@lru_cache(maxsize=1)
def _footer():
    data = load_toml("document/structure.toml")
    f = data.get("footer")
    if not isinstance(f, dict) or not f.get("markers"):
        from ..engine.errors import PatternError
        raise PatternError("E103 patterns/document/structure.toml: missing [footer] with `markers`")
    markers = list(f["markers"])
    variants = {v for m in markers for v in (m, m.upper())}
    alone = {m for a in f.get("alone", []) for m in (a, a.upper())}
    body = "|".join(regex.escape(v) for v in sorted(variants, key=len, reverse=True))
    # a marker at a line start or after a space; a word marker not glued to a word after it
    rx = regex.compile(rf"(?:(?<=^[ \t]*)|(?<=\s))(?P<m>{body})(?!(?<=\p{{L}})\p{{L}})",
                       regex.V1 | regex.MULTILINE)
    return (rx, alone, float(f.get("zone", 0.25)), int(f.get("short_line", 160)),
            int(f.get("short_tail", 300)), int(f.get("run_chars", 800)), int(f.get("run_markers", 3)))


def footer_start(norm: str, end: int | None = None) -> int | None:
    """Where a site footer begins in ``norm[:end]`` (copyright, masthead, licence, address,
    contacts: ``© BÁO ĐIỆN TỬ …``, ``Tổng Biên tập: …``, ``Trụ sở: …``), else None.

    Some sources end the article with no end-of-body line and glue the footer into the
    last line; its dates, addresses and phone numbers are not the article's facts. The
    rules (data: patterns/document/structure.toml ``[footer]``) only cut near the end and
    only at a run of markers, so a sentence that mentions ``Điện thoại`` is never cut.
    """
    rx, alone, zone, short_line, short_tail, run_chars, run_markers = _footer()
    end = len(norm) if end is None else end
    hits = [(m.start(), m.group("m")) for m in rx.finditer(norm, 0, end)]
    if not hits:
        return None
    zone_start = end - zone * end
    for i, (p, marker) in enumerate(hits):
        line_start = norm.rfind("\n", 0, p) + 1
        at_line = not norm[line_start:p].strip()
        tail = norm[p:end]
        short_lines = at_line and all(len(x.strip()) <= short_line for x in tail.split("\n"))
        run = len(tail) <= run_chars and len(hits) - i >= run_markers
        if p < zone_start and not short_lines and not run:
            continue
        if (len(hits) - i >= 2
                or (marker in alone and len(tail.strip()) <= short_tail)
                or (short_lines and (marker in alone or marker.endswith(":")))):
            return p
    return None


def body_end(norm: str) -> int:
    """Offset where the body ends: the first tail-marker line, or the title line of the
    first of a run of teasers (timestamp lines such as ``08:34 02/11/2024``), or the start
    of a site footer near the end (``footer_start``), else the end."""
    markers, _ = _structure()
    lay = _layout()
    pos = 0
    stamps = []
    prev_line = None   # start of the last non-blank line before the current one
    for line in norm.split("\n"):
        key = fold(line).strip().rstrip(":.…|").strip()
        if key and key in markers and pos > 0:
            break
        if pos > 0 and lay["teaser"].match(line):
            stamps.append(prev_line if prev_line is not None else pos)
        if line.strip():
            prev_line = pos
        pos += len(line) + 1
    else:
        pos = len(norm)
    pos = min(pos, len(norm))
    if len(stamps) >= lay["teaser_min"] and stamps[0] < pos:
        pos = stamps[0]
    foot = footer_start(norm, pos)
    if foot is not None:   # from the start of its line when it begins one
        line_start = norm.rfind("\n", 0, foot) + 1
        pos = line_start if not norm[line_start:foot].strip() else foot
    return pos


@dataclass
class Structure:
    """The parts of an article, as half-open spans of its matching copy ``norm``."""

    body_end: int
    title: tuple[int, int] | None = None
    dateline: tuple[int, int] | None = None
    published: str | None = None          # ISO date of the dateline
    published_time: str | None = None     # HH:MM of the dateline
    byline: tuple[int, int] | None = None
    captions: list[tuple[int, int]] = field(default_factory=list)

    def meta(self, norm: str) -> dict:
        """Article metadata for the API and the fact database."""
        out = {}
        if self.title:
            out["title"] = norm[self.title[0]:self.title[1]]
        if self.published:
            out["published"] = self.published + (f"T{self.published_time}" if self.published_time else "")
            out["published_source"] = "dateline"
        if self.byline:
            out["author"] = norm[self.byline[0]:self.byline[1]]
        return out


def parse_dateline(line: str) -> tuple[str, str | None] | None:
    """``("2023-10-16", "18:24")`` for a dateline such as ``Thứ Hai, ngày 16/10/2023 | 18:24``."""
    m = _layout()["dateline"].match(line)
    if not m:
        return None
    try:
        d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    hh, mi = (m.group("t1h"), m.group("t1m")) if m.group("t1h") else (m.group("t2h"), m.group("t2m"))
    time = f"{int(hh):02d}:{mi}" if hh and int(hh) < 24 and int(mi) < 60 else None
    return d.isoformat(), time


def _is_name_line(text: str, max_words: int) -> bool:
    words = text.split()
    if not 1 <= len(words) <= max_words or len(text) > 40:
        return False
    if any(c.isdigit() for c in text) or text[-1] in ".:;,!?…\"”|":
        return False
    return text.isupper() or all(w[0].isupper() for w in words)


def is_listing_title(title: str | None) -> bool:
    """The title is a listing page's ("… - Tin tức mới nhất 24h qua"): teasers of many articles."""
    return bool(title) and bool(_layout()["listing_title"].search(title))


def is_photo_caption(line: str) -> bool:
    """The line is a photo's caption: it ends with the photo's credit ("(Ảnh: Trần Thanh).")."""
    lay = _layout()
    line = line.strip()
    return len(line) <= lay["photo_caption_max_chars"] and bool(lay["photo_credit"].search(line))


def analyze(norm: str) -> Structure:
    """Title, dateline, byline, captions and body end of an article (``norm`` spans)."""
    lay = _layout()
    end = body_end(norm)
    st = Structure(body_end=end)
    lines = _lines(norm, end)
    if not lines:
        return st
    taken = set()
    for i, (s, e) in enumerate(lines[:lay["dateline_max_line"]]):
        got = parse_dateline(norm[s:e])
        if got:
            st.dateline = (s, e)
            st.published, st.published_time = got
            taken.add(i)
            break
    s, e = lines[0]
    first = norm[s:e]
    if (0 not in taken and len(lines) > 1 and len(first) <= lay["title_max_chars"]
            and len(first.split()) <= lay["title_max_words"] and first[-1] not in ".!?…:;|"):
        st.title = (s, e)
        taken.add(0)
    s, e = lines[-1]
    last = norm[s:e]
    if len(lines) > 1 and len(lines) - 1 not in taken and (
            _is_name_line(last, lay["byline_max_words"])
            or (last.startswith(lay["byline_prefixes"]) and len(last) <= 80)):
        st.byline = (s, e)
        taken.add(len(lines) - 1)
    for i, (s, e) in enumerate(lines):
        if i in taken or len(lines) == 1:   # a text of one line is no photo's caption
            continue
        text = norm[s:e]
        if text.endswith(" |") or (len(text) <= lay["caption_max_chars"]
                                   and len(sentences(norm, s, e)) == 1):
            st.captions.append((s, e))
    return st


@lru_cache(maxsize=1)
def sentence_max_chars() -> int:
    return int(load_toml("document/structure.toml")["sentence_max_chars"])


# Where an over-long sentence is cut, best first: after a semicolon; at a dash or bar
# between spaces; after a comma; at any space.
_CUT_AT = (regex.compile(r"[;；]\s+"), regex.compile(r"\s[-–—|]\s"), regex.compile(r",\s+"),
           regex.compile(r"\s+"))


def bound_sentence(norm: str, s: int, e: int, limit: int) -> list[int]:
    """Where to cut ``norm[s:e]`` so that no piece is over ``limit`` characters: the
    positions (each the start of a piece after the first), at the best break of the last
    half of each window, else at the window's end. Linear in ``e - s``."""
    cuts: list[int] = []
    while e - s > limit:
        lo, hi = s + limit // 2, s + limit
        cut = None
        for brk in _CUT_AT:
            last = None
            for m in brk.finditer(norm, lo, hi + 1):
                last = m
            if last is not None and last.end() - s <= limit:
                cut = last.end()
                break
        if cut is None or cut <= s:
            cut = hi   # no break at all ("1.1.1.1…"): a hard cut
        cuts.append(cut)
        s = cut
    return cuts


def sentences(norm: str, start: int = 0, end: int | None = None,
              cuts: set[int] | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``norm[start:end]``: lines, split further at sentence ends.

    A sentence over ``sentence_max_chars`` is cut in pieces (``bound_sentence``); where a
    set is given as ``cuts``, the positions of those cuts go into it, so a record can say
    its sentence was cut.
    """
    _, boundary = _structure()
    limit = sentence_max_chars()
    end = len(norm) if end is None else end
    spans = []
    for line in regex.finditer(r"[^\n]+", norm[:end], pos=start):
        s0, e0 = line.span()
        cur = s0
        for b in boundary.finditer(norm, s0, e0):
            spans.append((cur, b.start()))
            cur = b.end()
        spans.append((cur, e0))
    # trim spaces
    out = []
    for s, e in spans:
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        if e - s > limit:
            pieces = bound_sentence(norm, s, e, limit)
            if cuts is not None:
                cuts.update(pieces)
            for p in pieces:
                q = p
                while q > s and norm[q - 1].isspace():
                    q -= 1
                if q > s:
                    out.append((s, q))
                s = p
        out.append((s, e))
    return out
