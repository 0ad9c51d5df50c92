"""MONEY in every written form: what the plain number + currency rule does not cover.

The rules are in patterns/quantities/money.toml and their word lists in
patterns/quantities/money_words.toml; this module holds their resolvers:

- a currency before the number (``USD 20``, ``$20``, ``US$1,2 tỷ``, ``€5``, ``¥300``);
- ``k`` for a thousand (``50k đồng``, ``giá 200k``);
- an amount in ``tỷ``/``triệu``/``nghìn tỷ`` with no currency written, where the sentence is
  about money (``doanh thu đạt 3.450 tỷ``) and not about counting (``dân số 100 triệu``);

and ``currency_glued``, which tells the plain rule's ``3 đồng chí`` (a compound word) from
``52.000 tỷ đồng bằng 40%`` (the segmenter glued ``đồng bằng``, but đồng is the currency).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from ..engine.context import ArticleContext, Mention
from ..engine.matching import word_table
from ..engine.numbers import as_json_number, parse_digits
from ..engine.patterns import Rule, load_toml
from ..engine.text import fold

WORDS = "quantities/money_words.toml"


@lru_cache(maxsize=1)
def _tables():
    data = load_toml(WORDS, required={"currency_before", "compounds", "compound_min_amount",
                                      "money_cues", "not_money_cues", "cue_window",
                                      "k_default_currency"})
    cues = {" ".join(fold(w).split()): True for w in data["money_cues"]}
    cues.update({" ".join(fold(w).split()): False for w in data["not_money_cues"]})
    return {
        "before": word_table(WORDS, "currency_before"),
        "after": word_table("quantities/words.toml", "currency"),
        "compounds": frozenset(_norm_key(w) for w in data["compounds"]),
        "compound_min": {_norm_key(k): Decimal(str(v)) for k, v in data["compound_min_amount"].items()},
        "cues": cues,   # folded phrase -> True (money) / False (counting)
        "cue_window": int(data["cue_window"]),
        "k_currency": data["k_default_currency"],
    }


def _norm_key(s: str) -> str:
    return " ".join(fold(s).split())


def currency_glued(ctx: ArticleContext, cur_e: int, value: Decimal | None = None) -> bool:
    """True when the currency word ending at ``cur_e`` is the start of another word
    (``3 đồng chí``, ``5 đô thị``): the segmenter's word holding it is one of the
    compounds of money_words.toml, or starts with one. Any other word it was glued into
    is the currency and what follows (``55.000 tỷ đồng vốn``, ``2.300 triệu USD.``)."""
    if not ctx.word_continues_after(cur_e):
        return False
    held = ctx.word_containing(cur_e)
    if held is None:
        return False
    t = _tables()
    word = _norm_key(ctx.norm[held[0]:held[1]])
    for compound in t["compounds"] | set(t["compound_min"]):
        if word == compound or word.startswith(compound + " "):
            least = t["compound_min"].get(compound)
            return least is None or value is None or value < least
    return False


def small_amount_is_money(ctx: ArticleContext, m: regex.Match, cur_e: int) -> bool:
    """A few đồng (below the rule's ``min_amount``) is money only where the text says so:
    a change ("giá xăng tăng 182 đồng/lít", "giảm 45 đồng"), a price per unit ("200
    đồng/con") or a money word before it ("cổ phiếu chỉ 200 đồng"); "4 đồng" in a medal
    tally is not."""
    if "change" in m.re.groupindex and m.group("change"):
        return True
    if regex.match(r"\s*/\s*\p{L}", ctx.norm[cur_e:cur_e + 4], regex.V1):
        return True
    return cue_before(ctx, m.start()) is True


# --- a currency before the number -------------------------------------------------------

_NUMBER_BEFORE = regex.compile(r"(?:\d|tỷ|tỉ|triệu|nghìn|ngàn)\s*$", regex.V1)


def _whole_match_number(m, ctx):
    """The number of a currency match, where it runs to the match's end; None where it stops
    short ("$ hai mươi năm") or none is read."""
    from .quantities import read_number
    got = read_number(m, ctx, strong_unit=True)
    if not got or got[1] != m.end():
        return None
    return got[0]


def resolve_money_before(m, rule: Rule, ctx: ArticleContext):
    """``USD 20``, ``$20``, ``US$1,2 tỷ``: the currency, then the number."""
    from .quantities import _pre   # here: quantities registers these resolvers
    cur = m.group("currency")
    code = _tables()["before"].get(fold(cur))
    if code is None:
        return None
    # "5 tỷ USD 10 tháng": a code right after a number belongs to that number
    if _NUMBER_BEFORE.search(ctx.folded, max(0, m.start("currency") - 12), m.start("currency")):
        return None
    value = _whole_match_number(m, ctx)
    if value is None:
        return None
    if cur.isalpha() and value == value.to_integral_value() and 1900 <= value <= 2100 \
            and not m.group("scale"):
        return None   # "USD 2024": a year after a code, not an amount
    if cur.isalpha() and _TIME_UNIT_AFTER().match(ctx.norm, m.end()):
        return None   # "đồng USD 2 năm qua": a span of time after a code
    qualifier, change = _pre(m)
    return Mention("MONEY", m.start(), m.end(), as_json_number(value), rule.id,
                   qualifier=qualifier, change=change, unit=code)


# --- k for a thousand ------------------------------------------------------------------

def resolve_money_k(m, rule: Rule, ctx: ArticleContext):
    """``50k đồng`` -> 50000 VND; ``giá 200k`` -> 200000 VND (a money word before it)."""
    from .quantities import _pre
    value = parse_digits(m.group("digits"))
    if value is None:
        return None
    value *= 1000
    t = _tables()
    if m.group("currency"):
        cur_s, cur_e = m.span("currency")
        cur = m.group("currency")
        if len(cur) > 1 and cur[0].isalpha() and currency_glued(ctx, cur_e, value):
            return None
        code = t["after"].get(_norm_key(cur))
        end = m.end()
    else:
        if cue_before(ctx, m.start()) is not True:
            return None
        before = ctx.word_ending_at_or_before(m.start("digits"))
        if before is not None and ctx.norm[before[0]:before[1]][:1].isupper() \
                and not ctx.is_sentence_start(before[0]):
            return None   # "Apple TV 4K", "QLED 8K": a product's name, not a price
        code = t["k_currency"]
        end = m.end("k")
    if code is None:
        return None
    qualifier, change = _pre(m)
    return Mention("MONEY", m.start(), end, as_json_number(value), rule.id,
                   qualifier=qualifier, change=change, unit=code)


# --- an amount with no currency ----------------------------------------------------------

def cue_before(ctx: ArticleContext, pos: int) -> bool | None:
    """The nearest cue before ``pos`` in its sentence (within ``cue_window`` words): True
    for a money word, False for a word of counting, None when there is none. Cues are
    whole words of the segmenter (one to three of them): "giá" in "đánh giá", "chi" in
    "chi tiết" or "lỗ" in "lỗ hổng" are no cue."""
    t = _tables()
    sent_start, _ = ctx.sentence_span(pos)
    words = []   # folded words, nearest first
    for s, e in reversed(ctx.last_words(pos, t["cue_window"])):
        if s < sent_start:
            break
        words.append(_norm_key(ctx.folded[s:e]))
    for k in range(len(words)):
        for n in (3, 2, 1):   # the longest cue ending at this word first
            if k + n > len(words):
                continue
            phrase = " ".join(reversed(words[k:k + n]))
            if phrase in t["cues"]:
                return t["cues"][phrase]
        # one word that begins with a cue of two syllables or more: "doanh thu thuần"
        syl = words[k].split()
        for n in range(len(syl) - 1, 1, -1):
            head = " ".join(syl[:n])
            if head in t["cues"]:
                return t["cues"][head]
    return None


def _currency_earlier(ctx: ArticleContext, pos: int) -> str | None:
    """The currency of the last amount written before ``pos`` in its sentence
    ("đạt 5 tỷ USD, tăng 1,2 tỷ": USD)."""
    t = _tables()
    sent_start, _ = ctx.sentence_span(pos)
    last = None
    for cm in _AMOUNT_CURRENCY().finditer(ctx.norm, sent_start, pos):
        last = t["after"].get(_norm_key(cm.group("cur")))
    return last


@lru_cache(maxsize=1)
def _AMOUNT_CURRENCY():
    from ..engine.matching import shared_pieces
    from ..engine.patterns import expand
    pieces = shared_pieces()
    return regex.compile(expand(r"\d(?:\s*{scale})?\s*(?P<cur>{currency})", pieces, WORDS), regex.V1)


def resolve_money_bare_scale(m, rule: Rule, ctx: ArticleContext):
    """``doanh thu đạt 3.450 tỷ``: a scaled amount with no currency, in a money sentence."""
    from .quantities import _pre, noun_after
    scale = m.group("scale") if m.group("digits") is not None else None
    if m.group("digits") is None:
        words = fold(m.group("words") or "").split()
        if not words or words[-1] not in ("tỷ", "tỉ", "triệu", "nghìn", "ngàn"):
            return None
    elif not scale:
        return None
    value = _whole_match_number(m, ctx)
    if value is None:
        return None
    # a money word before it, or (no word of counting nearer) an amount with its currency
    # earlier in the sentence: "đạt 5 tỷ USD, tăng 1,2 tỷ so với năm trước"
    cue = cue_before(ctx, m.start())
    if cue is False:
        return None
    earlier = _currency_earlier(ctx, m.start())
    if cue is None and earlier is None:
        return None
    if _CURRENCY_AFTER().match(ctx.norm, m.end()):
        return None   # a currency follows: the plain "money" rule's
    # (last: noun_after tags the words after the number)
    if _TIME_UNIT_AFTER().match(ctx.norm, m.end()) or noun_after(ctx, m.end()) is not None:
        return None   # "1,4 tỷ người": a count; "55 triệu năm ánh sáng": a span of time
    code = earlier or "VND"
    qualifier, change = _pre(m)
    return Mention("MONEY", m.start(), m.end(), as_json_number(Decimal(value)), rule.id,
                   qualifier=qualifier, change=change, unit=code)


@lru_cache(maxsize=1)
def _TIME_UNIT_AFTER():
    from ..engine.matching import shared_pieces
    from ..engine.patterns import expand
    return regex.compile(expand(r"\s+{time_unit}", shared_pieces(), WORDS), regex.V1)


@lru_cache(maxsize=1)
def _CURRENCY_AFTER():
    from ..engine.matching import shared_pieces
    from ..engine.patterns import expand
    return regex.compile(expand(r"\s*{currency}", shared_pieces(), WORDS), regex.V1)


def resolve_money_short_word(m, rule: Rule, ctx: ArticleContext):
    """``300.000 bảng``: a currency word that is also a noun, from ``min_amount`` up."""
    from .quantities import _pre, read_number
    got = read_number(m, ctx, strong_unit=True)
    if not got:
        return None
    value, num_end = got
    cur_s, cur_e = m.span("currency")
    if ctx.norm[num_end:cur_s].strip() or currency_glued(ctx, cur_e, value):
        return None
    code = rule.options["codes"].get(fold(m.group("currency")))
    if code is None or value < rule.options.get("min_amount", 0):
        return None
    qualifier, change = _pre(m)
    return Mention("MONEY", m.start(), m.end(), as_json_number(value), rule.id,
                   qualifier=qualifier, change=change, unit=code)


RESOLVERS = {
    "money_short_word": resolve_money_short_word,
    "money_before": resolve_money_before,
    "money_k": resolve_money_k,
    "money_bare_scale": resolve_money_bare_scale,
}
