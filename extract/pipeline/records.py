"""Records in the shape of ../shared/CONTRACT.md, built from resolved mentions."""
from __future__ import annotations

from bisect import bisect_right

from ..dimensions.document import sentence_max_chars
from ..engine.context import ArticleContext, Mention

# Contract keys first, in the contract's order; extra keys after.
CONTRACT_KEYS = ("doc_id", "type", "text", "start", "end", "value", "qualifier", "change", "sentence")
UNIT_TYPES = {"COUNT", "RATIO", "MONEY"}

# A statement (the record's ``about``, CONTRACT.md "Statements") flattened for tables:
# CSV and Parquet output, extract_frame, the fact database.
STATEMENT_PARTS = ("measure", "subject", "period", "place", "compared_to", "source")
STATEMENT_COLUMNS = ("measure", "subject", "period_start", "period_end", "place_code", "place_name",
                     "compared_to", "compared_to_start", "compared_to_end", "source")


def value_ends(value) -> tuple[str | None, str | None]:
    """``(start, end)`` of a time value: a DATE value is both ends, a PERIOD value gives its
    own; ``(None, None)`` for none (a ``compared_to`` that is no time)."""
    if isinstance(value, str):
        return value, value
    if isinstance(value, dict):
        return value.get("start"), value.get("end")
    return None, None


def statement_columns(about: dict | None) -> dict:
    """The ``STATEMENT_COLUMNS`` of a record's ``about`` (all None without one): the text
    of measure, subject, compared_to and source, the ends of period and compared_to, the
    place's code and name."""
    about = about or {}

    def get(part, key="text"):
        return (about.get(part) or {}).get(key)

    period_start, period_end = value_ends(get("period", "value"))
    base_start, base_end = value_ends(get("compared_to", "value"))
    return {"measure": get("measure"), "subject": get("subject"),
            "period_start": period_start, "period_end": period_end,
            "place_code": get("place", "code"), "place_name": get("place", "name"),
            "compared_to": get("compared_to"), "compared_to_start": base_start, "compared_to_end": base_end,
            "source": get("source")}


def to_records(doc_id: str, ctx: ArticleContext, mentions: list[Mention]) -> list[dict]:
    """One contract record per mention: offsets and text index the text as given."""
    nt = ctx.text
    original = nt.original
    sents = ctx.sentences
    sent_starts = [s for s, _ in sents]
    # where over-long sentences were cut (document.sentences): such a sentence is a piece
    cuts = ctx.cache.get("sentence_cuts") or ()
    out = []
    for m in mentions:
        start, end = nt.orig_span(m.start, m.end)
        i = bisect_right(sent_starts, m.start) - 1
        j, truncated = i, False
        if i >= 0 and sents[i][1] >= m.end:
            ss, se = sents[i]
        else:   # a mention across a sentence boundary: take the whole line
            ss = ctx.norm.rfind("\n", 0, m.start) + 1
            se = ctx.norm.find("\n", m.end)
            se = len(ctx.norm) if se < 0 else se
            j = bisect_right(sent_starts, m.end - 1) - 1
            if j >= 0 and se - ss > sentence_max_chars():
                # … unless the line is over-long: the sentences it spans, or a window around it
                i = max(i, 0)
                lo, hi = min(sents[i][0], m.start), max(sents[j][1], m.end)
                ss, se = _window(ctx.norm, m.start, m.end, lo, hi, sentence_max_chars())
                truncated = (ss, se) != (lo, hi)
            else:
                j = i
        # a piece of a cut sentence starts at a cut, or the piece after it does
        cut = truncated or (bool(cuts) and i >= 0 and (sents[i][0] in cuts
                                                       or (j + 1 < len(sents) and sents[j + 1][0] in cuts)))
        ss, se = nt.orig_span(ss, se)
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
        if cut:
            rec["sentence_cut"] = True   # the sentence was over-long: ``sentence`` is the piece around the mention
        rec.update(m.extra)
        if m.about is not None:
            rec["about"] = about_record(nt, m.about)
        out.append(rec)
    return out


def _window(norm: str, start: int, end: int, lo: int, hi: int, limit: int) -> tuple[int, int]:
    """At most ``limit`` characters of ``norm[lo:hi]`` around the mention ``[start, end)``,
    from a word's start to a word's end where there is a space to cut at."""
    half = max(0, (limit - (end - start)) // 2)
    s, e = max(lo, start - half), min(hi, end + half)
    if s > lo:
        sp = norm.find(" ", s, start)
        s = sp + 1 if sp >= 0 else s
    if e < hi:
        sp = norm.rfind(" ", end, e)
        e = sp if sp >= 0 else e
    return s, e


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
