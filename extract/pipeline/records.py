"""Records in the shape of ../shared/CONTRACT.md, built from resolved mentions."""
from __future__ import annotations

from bisect import bisect_right

from ..engine.context import ArticleContext, Mention

# Contract keys first, in the contract's order; extra keys after.
CONTRACT_KEYS = ("doc_id", "type", "text", "start", "end", "value", "qualifier", "change", "sentence")
UNIT_TYPES = {"COUNT", "RATIO", "MONEY"}


def to_records(doc_id: str, ctx: ArticleContext, mentions: list[Mention]) -> list[dict]:
    """One contract record per mention: offsets and text index the text as given."""
    nt = ctx.text
    original = nt.original
    sent_starts = [s for s, _ in ctx.sentences]
    out = []
    for m in mentions:
        start, end = nt.orig_span(m.start, m.end)
        i = bisect_right(sent_starts, m.start) - 1
        if i >= 0 and ctx.sentences[i][1] >= m.end:
            ss, se = nt.orig_span(*ctx.sentences[i])
        else:   # a mention across a sentence boundary: take the whole line
            ls = ctx.norm.rfind("\n", 0, m.start) + 1
            le = ctx.norm.find("\n", m.end)
            ss, se = nt.orig_span(ls, len(ctx.norm) if le < 0 else le)
        rec = {
            "doc_id": doc_id,
            "type": m.type,
            "text": original[start:end],
            "start": start,
            "end": end,
            "value": m.value,
            "qualifier": m.qualifier,
            "change": m.change,
            "sentence": original[ss:se],
        }
        if m.type in UNIT_TYPES:
            rec["unit"] = m.unit
        rec["rule"] = m.rule
        rec.update(m.extra)
        if m.about is not None:
            rec["about"] = about_record(nt, m.about)
        out.append(rec)
    return out


# the contract's order of a statement's parts
PART_ORDER = ("measure", "subject", "period", "place", "compared_to", "source")


def about_record(nt, about: dict) -> dict:
    """A statement's parts as the contract writes them: text and offsets of the text as
    given, then the part's value, code or name, and ``carried`` when it was carried."""
    out = {}
    for name in PART_ORDER:
        part = about.get(name)
        if part is None:
            continue
        s, e = nt.orig_span(part.start, part.end)
        rec = {"text": nt.original[s:e], "start": s, "end": e}
        rec.update(part.extra)
        if part.carried:
            rec["carried"] = True
        out[name] = rec
    return out
