"""Short mentions of an official: the later ``ông Huyện``, ``bà Mỹ``, ``Bộ trưởng Hùng``,
``Phó Thủ tướng`` that point back to a full-name OFFICIAL of the same article.

They become the extra key ``mentions_short`` of every record of that official: a list of
``{start, end, text}`` spans of the article as given, so the database knows every place a
person is written about (and speaks) even where the name is not written out.

Two shapes, both only after the official's first full-name mention, in the body:

- **given name**: an honorific or rank (officials/honorifics.txt) or an office
  (officials/offices.txt) and then one capitalized syllable that is a word of its own
  (``ông Quang``; not ``Thủ tướng Chính phủ``, where ``Chính`` starts the word ``Chính phủ``).
  The syllable is the last syllable of the name (the given name). It links when exactly one
  full name of the article ends with it: two people named ``… Hải`` (officials or not) make
  ``ông Hải`` ambiguous, and it links to neither.
- **title alone**: an office with the rest of its title (``Phó Thủ tướng``, ``Chủ tịch UBND
  tỉnh``) that no name follows. It links when exactly one named official holds a title that
  starts with it (after folding and expanding abbreviations, ``UBND`` = ``Ủy ban nhân dân``):
  ``Thủ tướng`` when one Prime Minister is named; ``Bộ trưởng`` stays unlinked beside two
  ministers. A title written next to a name (the full mention's own title) is no short mention.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..engine.context import ArticleContext
from ..engine.literal_hits import keys_of, word_heads, word_start_matches
from ..engine.patterns import alternation, load_word_list
from ..engine.text import fold
from .titles import canonical_title, office_regex

# one capitalized syllable (a capital and small letters, or a single capital)
_GIVEN = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}\p{Ll}*(?![\p{L}\p{N}])", regex.V1)
_NEXT_CAP = regex.compile(r"[ ]+\p{Lu}", regex.V1)
_GAP = regex.compile(r"[ \t]*(?:[,:(\-–—][ \t]*)?", regex.V1)


@lru_cache(maxsize=1)
def _cues():
    honor = [fold(w) for w in load_word_list("officials/honorifics.txt")]
    offices = [fold(w) for w in load_word_list("officials/offices.txt")]
    # the cue ends right before the syllable: "ông ", "Bộ trưởng ", "Đại tướng "
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + alternation(honor + offices, boundary=False) + r")[ ]+$",
                         regex.V1)


def _attached_regions(ctx: ArticleContext, names, titles_of) -> list[tuple[int, int]]:
    """Spans of ``norm`` that belong to full mentions: each name with the titles written
    right before or after it (``titles_of(s, e)`` gives them as written)."""
    out = []
    for s, e in names:
        lo, hi = s, e
        for t in titles_of(s, e):
            before = ctx.norm.rfind(t, max(0, s - 400), s)
            after = ctx.norm.find(t, e, e + 400)
            if after >= 0 and (before < 0 or after - e <= s - (before + len(t))):
                hi = max(hi, after + len(t))
            elif before >= 0:
                lo = min(lo, before)
        out.append((lo, hi))
    return out


def _overlaps(regions, s: int, e: int) -> bool:
    return any(s < hi and lo < e for lo, hi in regions)


def find_short_mentions(ctx: ArticleContext, names: list[tuple[int, int]],
                        officials: dict[str, tuple[list[str], str | None]],
                        title_end, office_at, titles_of) -> dict[str, list[tuple[int, int]]]:
    """``{folded name: [norm spans]}`` of the short mentions of each official.

    ``names``: every full-name span of the article (officials or not); ``officials``: the
    folded name of each official -> (its titles, its location); the rest are officials.py's
    title helpers, passed in so this module reads titles exactly as the dimension does.
    """
    if not officials:
        return {}
    name_starts = {s for s, _ in names}
    first_seen: dict[str, int] = {}
    by_given: dict[str, set[str]] = {}
    for s, e in names:
        key = fold(ctx.norm[s:e])
        by_given.setdefault(key.rsplit(" ", 1)[-1], set()).add(key)
        if key in officials:
            first_seen.setdefault(key, s)
    regions = _attached_regions(ctx, names, titles_of)
    taken: list[tuple[int, int]] = [(s, e) for s, e in names]
    out: dict[str, list[tuple[int, int]]] = {}

    def add(key: str, s: int, e: int) -> None:
        if s < first_seen[key] or any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        out.setdefault(key, []).append((s, e))

    # given name after an honorific or an office
    cue_rx = _cues()
    for m in _GIVEN.finditer(ctx.norm, ctx.body_start, ctx.body_end):
        gs, ge = m.span()
        if gs in name_starts or _NEXT_CAP.match(ctx.norm, ge):
            continue
        holders = by_given.get(fold(m.group()), set())
        if len(holders) != 1:
            continue
        key = next(iter(holders))
        if key not in officials or ctx.word_containing(ge) is not None:   # words last: they cost
            continue
        line_start = ctx.norm.rfind("\n", 0, gs) + 1
        cue = cue_rx.search(ctx.folded, max(line_start, gs - 40), gs)
        if cue:
            add(key, cue.start(), ge)

    # a title alone
    keys = {k: [canonical_title(t, loc) for t in ts] for k, (ts, loc) in officials.items()}
    for m in _offices_in(ctx.folded, ctx.body_start, ctx.body_end):
        p = m.start()
        office = office_at(ctx, p)
        if not office or _overlaps(regions, p, office.end()):
            continue
        prev = ctx.folded[max(0, p - 6):p].split()
        if prev and prev[-1] in ("phó", "tổng"):
            continue   # the tail of an office not listed whole
        _, sent_end = ctx.sentence_span(p)
        limit = min(sent_end, ctx.body_end)
        nl = ctx.norm.find("\n", p, limit)
        te = title_end(ctx, p, nl if nl >= 0 else limit, name_starts)
        after = _GAP.match(ctx.norm, te).end()
        if after in name_starts or office_at(ctx, after) or _NEXT_CAP.match(ctx.norm, te):
            # the title of a full mention; one of a list of titles ("Tổng Bí thư, Chủ tịch
            # Trung Quốc Tập Cận Bình"); a title before a name not read as one
            continue
        t = canonical_title(ctx.norm[p:te])
        holders = [k for k, ks in keys.items() if any(k2 == t or k2.startswith(t + " ") for k2 in ks)]
        if len(holders) == 1:
            add(holders[0], p, te)
    for spans in out.values():
        spans.sort()
    return out


@lru_cache(maxsize=1)
def _office_heads() -> tuple[str, ...] | None:
    keys = keys_of(office_regex().pattern)
    return word_heads(keys) if keys else None


def _offices_in(folded: str, start: int, end: int):
    """``office_regex().finditer(folded, start, end)``: each office opens on a word that one of
    their first words begins, found by ``str.find`` (the regex module tries every one of the
    offices at every character)."""
    heads = _office_heads()
    if heads is None or not office_regex().pattern.startswith(r"(?<![\p{L}\p{N}])"):
        return office_regex().finditer(folded, start, end)
    return word_start_matches(office_regex(), folded, heads, start, end)
