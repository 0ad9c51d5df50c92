"""Article structure: where the body ends, and its sentences.

Extraction runs on the body only: seed article 003 carries a long tail of other articles'
teasers with their own dates, people and money, none of which are this article's facts.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .patterns import load_toml
from .text import fold


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


def body_end(norm: str) -> int:
    """Offset where the body ends: the start of the first tail-marker line, else the end."""
    markers, _ = _structure()
    pos = 0
    for line in norm.split("\n"):
        key = fold(line).strip().rstrip(":.…|").strip()
        if key and key in markers and pos > 0:
            return pos
        pos += len(line) + 1
    return len(norm)


def sentences(norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``norm[start:end]``: lines, split further at sentence ends."""
    _, boundary = _structure()
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
        if e > s:
            out.append((s, e))
    return out
