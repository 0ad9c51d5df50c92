"""Settling overlaps between mentions of different rules, explicitly.

spaCy's ``filter_spans`` keeps the longest span; here the type's priority comes first
(a RANK ``13/63`` beats the RATIO ``13/63 tỉnh, thành phố`` around it, a LEGAL_REF beats
the RATIO inside ``61/2018/NĐ-CP``), then length, then position. Never one giant
alternation whose order decides.
"""
from __future__ import annotations

from bisect import bisect_left

from .context import Mention


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """The non-overlapping mentions chosen by (priority, length, earliest), in text order."""
    ranked = sorted(mentions, key=lambda m: (-m.priority, -(m.end - m.start), m.start))
    taken: list[Mention] = []
    # accepted spans are disjoint, so sorted by start they are sorted by end too: the only
    # one that can overlap [s, e) is the last one starting before e
    starts: list[int] = []
    ends: list[int] = []
    for m in ranked:
        i = bisect_left(starts, m.end)
        if i and ends[i - 1] > m.start:
            continue
        if m.end <= m.start:
            continue
        taken.append(m)
        starts.insert(i, m.start)
        ends.insert(i, m.end)
    taken.sort(key=lambda m: (m.start, m.end))
    return taken
