"""PERCENT, RATIO, RANK, COUNT, MONEY and DURATION: numbers and what they measure.

Rules (where) are in patterns/quantities/quantities.toml; this module holds the resolvers
(what it means): the number's value, its qualifier and change, the counted noun, the
currency, the ISO duration, and the checks that keep a date or a document number from
being read as a quantity.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from itertools import islice

import regex

from ..engine.context import ArticleContext, Mention
from ..engine.matching import Dimension, preceded_by, word_table
from ..engine.numbers import as_json_number, number_words, parse_scaled, parse_words
from ..engine.patterns import Rule, alternation, load_toml, load_word_list
from ..engine.segment import pos_tags
from ..engine.text import fold, foreign_syllable, word_suffixes
from .money import RESOLVERS as MONEY_RESOLVERS, currency_glued, small_amount_is_money

WORDS = "quantities/words.toml"


@lru_cache(maxsize=1)
def _tables():
    ctx = load_toml("quantities/count_context.toml",
                    required={"reject_before", "reject_unit_start", "max_unit_words"})
    compounds = sorted((fold(c) for c in load_word_list("quantities/unit_compounds.txt")),
                       key=len, reverse=True)
    return {
        "qualifier": word_table(WORDS, "qualifier"),
        "change": word_table(WORDS, "change"),
        "currency": word_table(WORDS, "currency"),
        "time_unit": word_table(WORDS, "time_unit"),
        "stop": frozenset(fold(w) for w in load_word_list("quantities/unit_stopwords.txt")),
        "stop_syllables": frozenset(fold(w) for w in load_word_list("quantities/unit_stop_syllables.txt")),
        "first_words": frozenset(fold(w) for w in load_word_list("quantities/unit_first_words.txt")),
        "first_not_before": frozenset(fold(w) for w in load_word_list("quantities/unit_first_not_before.txt")),
        "compounds": compounds,
        "reject_before": frozenset(" ".join(fold(w).split()) for w in ctx["reject_before"]),
        "allow_before": frozenset(" ".join(fold(w).split()) for w in ctx["allow_before"]),
        "reject_unit_start": frozenset(fold(w) for w in ctx["reject_unit_start"]),
        "max_unit_words": int(ctx["max_unit_words"]),
        # "và tổng số ca …": a word that opens a figure of its own after "và" (count_context.toml)
        "not_coordinated_rx": regex.compile(alternation([fold(w) for w in ctx["not_coordinated"]]), regex.V1),
        "not_coordinated_after": frozenset(fold(w) for w in ctx["not_coordinated_after"]),
    }


# --- numbers ---------------------------------------------------------------------------

def _valid_word_number(words: list[str], allow_ambiguous: bool = False) -> int:
    """How many of ``words`` (folded) form a well-formed spelled-out number (0: none).

    Cuts where a word can no longer belong to the number: ``một năm rưỡi`` -> ``một``
    (``năm`` is the unit), ``hai mươi năm`` -> ``hai mươi``. A lone ambiguous word
    (``một``, ``năm``) does not count.
    """
    nw = number_words()
    digits, tens, after_tens = set(nw["digits"]), set(nw["tens"]), set(nw["after_tens"])
    connectors, hundreds, scales = set(nw["connectors"]), set(nw["hundreds"]), set(nw["scales"])
    half, point = set(nw["half"]), set(nw["decimal_point"])
    if not words or words[0] not in (digits | {"mười"}) or words[0] == "không":
        return 0
    n = 0
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w == "năm" and i > 0 and prev not in connectors | point and nxt not in hundreds | scales | {"mươi"}:
            break   # "hai năm", "mười năm": years, not 25 / 15
        if w == "năm" and i == 0 and nxt and nxt not in hundreds | scales | {"mươi"}:
            break
        if w in after_tens and prev not in tens:
            break
        if w == "mươi" and prev not in digits:
            break
        if w in half and prev not in scales | hundreds | tens:
            break
        if w in connectors and prev not in hundreds | scales:
            break
        if w in connectors | point and nxt not in digits:
            break
        if w in scales | hundreds and i == 0:
            break
        n = i + 1
    if n == 1 and words[0] in set(nw["ambiguous"]) and not (allow_ambiguous and words[0] != "không"):
        return 0
    # a number cannot end on a connector or decimal point
    while n and words[n - 1] in connectors | point:
        n -= 1
    return n


def read_number(m: regex.Match, ctx: ArticleContext, strong_unit: bool = False) -> tuple[Decimal, int] | None:
    """Value of the match's number and where it ends in ``ctx.norm``; None if not a number.

    ``strong_unit``: the unit after the number leaves no doubt ("năm phần trăm", "một
    năm", "một triệu đồng"), so a lone ambiguous word ("một", "năm") is a number here.
    """
    if m.group("digits") is not None:
        scale = m.group("scale")
        scales = fold(scale).split() if scale else []
        value = parse_scaled(m.group("digits"), scales)
        end = m.end("scale") if scale else m.end("digits")
        return (value, end) if value is not None else None
    raw = m.group("words")
    if raw is None:
        return None
    start = m.start("words")
    if raw[0].isupper() and not ctx.is_sentence_start(start):
        return None   # "Ba Đình", "Hai Bà Trưng": part of a name
    words = fold(raw).split()
    n = _valid_word_number(words, strong_unit)
    # the number cannot end inside a longer word: "một không gian" is "một" + "không gian"
    ends = [start + w.end() for w in regex.finditer(r"\S+", raw)]
    while n and ctx.word_continues_after(ends[n - 1]):
        n = _valid_word_number(words[:n - 1], strong_unit)
    if not n:
        return None
    value = parse_words(words[:n])
    if value is None:
        return None
    # end of the n-th word in the text
    pos = start
    for w in regex.finditer(r"\S+", raw):
        n -= 1
        if n == 0:
            return value, start + w.end()
    return value, pos


def _pre(m: regex.Match) -> tuple[str | None, str | None]:
    t = _tables()
    q = m.group("qualifier") if "qualifier" in m.re.groupindex else None
    if not q and "qualifier_lead" in m.re.groupindex:
        q = m.group("qualifier_lead")
    c = m.group("change") if "change" in m.re.groupindex else None
    qualifier = t["qualifier"].get(regex.sub(r"\s+", " ", fold(q))) if q else None
    change = t["change"].get(regex.sub(r"\s+", " ", fold(c))) if c else None
    return qualifier, change


def _span_start(m: regex.Match) -> int:
    return m.start()


# --- counted nouns ---------------------------------------------------------------------

_AND_NOUN = regex.compile(r"[ \t]+và[ \t]+(?=\p{Ll})", regex.V1)
_ENDS_PHRASE = regex.compile(r"[ \t]*(?:[,.;:)!?…\n]|$)", regex.V1)


def _coordinated_end(ctx: ArticleContext, start: int, end: int) -> int:
    """Where a counted noun ends when "và" joins a second noun to it ("115 hộ gia đình và
    cá nhân có hộ khẩu …", "222 quốc gia và vùng lãnh thổ,", "43 tỉnh và thành phố trên toàn
    quốc"): the count is of both. Only a small-letter noun of its own (no number, no name:
    "103 mã lực và mô-men xoắn 138 Nm", "4 tàu cá và ngư dân Việt Nam") that punctuation or a
    stop word (a verb, a preposition) ends; else ``end`` as it was."""
    m = _AND_NOUN.match(ctx.norm, end)
    t = _tables()
    if not m or ctx.folded[start:end].split()[0] in t["not_coordinated_after"] \
            or t["not_coordinated_rx"].match(ctx.folded, m.end()):
        return end
    second = noun_after(ctx, m.end() - 1, strict=True, coordinated=False)
    if second is None or second[0] != m.end() or len(ctx.norm[second[0]:second[1]].split()) > 4:
        return end
    if _ENDS_PHRASE.match(ctx.norm, second[1]):
        return second[1]
    nxt = ctx.word_at_or_after(second[1])
    if nxt is not None and not ctx.norm[second[1]:nxt[0]].strip() and ctx.folded[nxt[0]:nxt[1]] in t["stop"]:
        return second[1]
    return end


def noun_after(ctx: ArticleContext, pos: int, strict: bool = False, coordinated: bool = True) -> tuple[int, int] | None:
    """The counted noun written right after ``pos`` (a number's end), as a ``norm`` span.

    Known coordinated units (``bộ, ngành``) are taken whole. Otherwise the words after
    the number are POS-tagged (a short window) and nouns are taken, with the adjectives
    that follow a noun, up to ``max_unit_words``; a verb, preposition, determiner,
    punctuation, a proper name after the head noun, or a stop word
    (patterns/quantities/unit_stopwords.txt) ends the noun. None when no noun follows.
    """
    t = _tables()
    inside = ctx.word_containing(pos)
    if inside is not None:
        # underthesea glued the number to the next word ("21/22 bộ"): the rest of that
        # token is the first word of the noun
        s0, e0 = inside
        rest = len(ctx.norm[pos:e0]) - len(ctx.norm[pos:e0].lstrip())
        if rest == 0:
            return None   # no space: "108A", a code
        first = (pos + rest, e0)
    else:
        first = ctx.word_at_or_after(pos)
        if first is None:
            return None
    start = first[0]
    gap = ctx.norm[pos:start]
    if gap.strip() or "\n" in gap:
        return None
    folded = ctx.folded
    for comp in t["compounds"]:
        if folded.startswith(comp, start):
            end = start + len(comp)
            if end >= len(folded) or not folded[end].isalnum():
                return start, end
    line_end = ctx.norm.find("\n", start)
    line_end = len(ctx.norm) if line_end < 0 else line_end
    w0 = folded[first[0]:first[1]]
    if (not any(ch.isalpha() for ch in w0) or (w0 in t["stop"] and w0 not in t["first_words"]) or w0 in t["reject_unit_start"]
            or w0.split()[0] in t["reject_unit_start"]):
        return None   # decided without tagging (the loop below would stop at the first word)
    window = [first]
    for sp in islice(ctx.words_from(first[1]), t["max_unit_words"] + 1):
        if sp[0] >= line_end:
            break
        window.append(sp)
        if not any(ch.isalnum() for ch in ctx.norm[sp[0]:sp[1]]):
            break   # the noun ends at punctuation: the words after it need no tags
    words = [ctx.norm[s:e] for s, e in window]
    # tag the number with its noun: the tagger uses the words around each word
    num_tok = ctx.word_ending_at_or_before(pos)
    lead = [ctx.norm[slice(*num_tok)]] if num_tok is not None and inside is None else ["1"]
    tags = pos_tags(lead + words)[1:]
    end = None
    taken = 0
    nouns = 0
    for k, ((s, e), w_raw, tag) in enumerate(zip(window, words, tags)):
        if taken >= t["max_unit_words"]:
            break
        w = folded[s:e]
        if not any(ch.isalpha() for ch in w):
            break
        if taken and (ctx.norm[end:s].strip() or ctx.norm[end - 1] == "."):
            break   # punctuation between words ends the noun (a full stop glued to an acronym too)
        first_syll = w.split()[0]
        if taken == 0 and (w in t["reject_unit_start"] or first_syll in t["reject_unit_start"]):
            return None
        if taken == 0 and w_raw[:1].isupper() and not w_raw.isupper() and w_raw.isascii() \
                and foreign_syllable(w_raw.split()[0]) and _model_number(ctx.norm[max(0, pos - 5):pos]):
            return None   # "737 Max", "787 Dreamliner": a model's name ("2.000 Bib" counts bibs)
        if (w in t["stop"] and not (taken == 0 and w in t["first_words"])) \
                or (first_syll in t["stop_syllables"] and tag not in _NOUN_TAGS):
            break       # "bị thương" stops, "bị cáo" (a noun) does not
        acronym = w_raw.isupper() and len(w_raw) > 1
        if taken and not acronym and w_raw[:1].isupper() and tags[k - 1] != "Z":
            break       # "hai ấp Phương Thạnh", "55 chỉ tiêu Trường Chính trị": a name follows
        if taken == 0 and strict and tag not in _NOUN_TAGS:
            return None   # "xăng RON 92 dùng để …", "năm 2018 và 2019 dẫn đến": a verb counts nothing
        if taken == 0 and tag not in _NOUN_TAGS and w in t["first_words"] and k + 1 < len(window) \
                and folded[window[k + 1][0]:window[k + 1][1]] in t["first_not_before"]:
            return None   # "Đak Mi 4 chỉ là …": the adverb "only", no weight of gold
        if tag in _NOUN_TAGS or acronym or (taken == 0 and (tag not in _NEVER_FIRST or w in t["first_words"])):
            nouns += 1
        elif tag == "V" and nouns and _verb_takes_object(window, tags, k, ctx.norm):
            break       # "13 sân bay | cho phép người nước ngoài …": a clause, not a modifier
        elif nouns and (tag in _MODIFIER_TAGS or w in _DEGREE_WORDS):
            pass        # "thí sinh xuất sắc nhất", "vụ tai nạn nghiêm trọng", "hồ sơ đăng ký"
        elif tag == "Z" and k + 1 < len(tags) and tags[k + 1] in _NOUN_TAGS:
            pass        # a prefix of the noun: "3 Phó chủ tịch", "2 phó giám đốc"
        elif tag == "M" and taken and w in ("một",):
            pass        # "bộ phận một cửa"
        else:
            break
        end = e
        taken += 1
    if end is None or not nouns:
        return None
    stop = ctx.norm.find(". ", start, end)
    if stop > start:
        end = stop   # "11.000 VĐV. Ban tổ chức …": the segmenter glued a sentence's end into one word
    if ctx.norm[end - 1] == "." and end - 1 > start and ctx.norm[start:end - 1].split()[-1].isupper():
        end -= 1   # "20 DN. Năm nay …": the segmenter glued the full stop to the acronym
    if coordinated:
        end = _coordinated_end(ctx, start, end)
    return start, end


_CODE = regex.compile(r"(?<![\p{L}\p{N}.])[A-Z]{2,5}\s$")
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _code_before(ctx: ArticleContext, start: int) -> int | None:
    """Where an acronym written right before ``start`` begins ("RON 92", "VJ 133"), if any."""
    m = _CODE.search(ctx.norm, max(0, start - 7), start)
    return m.start() if m else None


def _model_number(before: str) -> bool:
    """Three or four digits with no thousands dot and not a round figure: how a model is
    numbered ("737", "A350"), not how Vietnamese writes a count ("2.000", "300")."""
    m = regex.search(r"(?<![\d.,])(\d{3,4})$", before)
    return bool(m) and not m.group(1).endswith("0")


def _verb_takes_object(window, tags, k: int, norm: str) -> bool:
    """True when the verb at ``k`` is followed by what it acts on (a common noun, an
    adverb, a pronoun, a determiner): then it is the predicate of a clause about the counted things
    ("10 phường rà soát lại danh sách", "16 cửa khẩu áp dụng e-visa"), not a modifier of
    the noun ("hồ sơ đăng ký", "doanh nghiệp thành lập mới", "dịch vụ công trực tuyến")."""
    for j in range(k + 1, len(window)):
        if norm[window[j - 1][1]:window[j][0]].strip():
            return False   # punctuation: the verbs end the phrase
        if tags[j] in ("V", "A"):
            continue       # "xã triển khai thí điểm mô hình": look past the verb chain
        # not a name ("trạm phát sóng 5G") nor a preposition, which may belong to the main
        # verb ("xây 105 căn nhà đại đoàn kết cho hộ nghèo")
        return tags[j] in {"N", "Nc", "Nu", "Nb", "R", "P", "L"}
    return False


_NOUN_TAGS = {"N", "Nc", "Nu", "Ny", "Nb", "Np"}
_MODIFIER_TAGS = {"A", "N", "V"}   # "quy định kinh doanh", "hồ sơ định danh điện tử"
_DEGREE_WORDS = {"nhất"}   # "thí sinh xuất sắc nhất"
_NEVER_FIRST = {"E", "C", "Cc", "L", "R", "P", "CH", "T", "I", "X", "M", "Z"}


def _count_rejected_before(ctx: ArticleContext, m: regex.Match) -> bool:
    """A designation word right before the number ("số 5", "quận 9", "năm 2023").

    Not when a qualifier or change word stands between: "đã cấp trên 83,76 triệu thẻ"."""
    if m.group("qualifier") or m.group("change"):
        return False
    start = m.start()
    # "Covid -19", "SARS-CoV-2": a designation joined by a dash
    prev = regex.search(r"(?<![\p{L}\p{N}.])\p{L}+\s$", ctx.norm[max(0, start - 14):start])
    if prev is not None and prev.group().isascii() and prev.group()[:1].isupper() and not prev.group().strip().isupper() \
            and foreign_syllable(prev.group().strip()):
        return True   # "737 Max 8", "Number 9 Shipping": after a foreign name, a model's or a name's number
    # (not after an acronym alone: "bậc THCS 390 người" counts teachers)
    ends = word_suffixes(ctx.words_before(start, 3).rstrip(" -–"))
    t = _tables()
    if not ends.isdisjoint(t["allow_before"]):
        return False
    code = _code_before(ctx, start)
    if code is not None:
        # "chuyến bay VJ 133": a designation word before the code and its number
        ends |= word_suffixes(ctx.words_before(code, 3).rstrip(" -–"))
    return not ends.isdisjoint(t["reject_before"])


def _in_quoted_slogan(ctx: ArticleContext, start: int, end: int) -> bool:
    """``"3 giảm, 4 tại chỗ, 8 công khai"``: numbered items inside a short quotation."""
    ls = max(ctx.norm.rfind("\n", 0, start), 0)
    left = ctx.norm.rfind("\"", ls, start), ctx.norm.rfind("“", ls, start)
    q = max(left)
    if q < 0:
        return False
    close = regex.search(r"[\"”]", ctx.norm[end:end + 60])
    if not close:
        return False
    inside = ctx.norm[q + 1:end + close.start()]
    return len(regex.findall(r"\d+\s+\p{L}", inside)) >= 2 and len(inside) < 80


# --- resolvers -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _per_unit() -> dict:
    data = load_toml("quantities/per_unit.toml")
    return {"tail": regex.compile(data["tail"], regex.V1), "types": frozenset(data["types"])}


def resolve_percent(m, rule: Rule, ctx: ArticleContext):
    got = read_number(m, ctx, strong_unit=True)
    if not got:
        return None
    qualifier, change = _pre(m)
    return Mention("PERCENT", m.start(), m.end(), as_json_number(got[0]), rule.id,
                   qualifier=qualifier, change=change)


def resolve_money(m, rule: Rule, ctx: ArticleContext):
    got = read_number(m, ctx, strong_unit=True)
    if not got:
        return None
    value, num_end = got
    cur_s, cur_e = m.span("currency")
    if ctx.norm[num_end:cur_s].strip():
        return None
    cur = ctx.norm[cur_s:cur_e]
    if len(cur) > 1 and cur[0].isalpha() and currency_glued(ctx, cur_e, value):
        return None   # "3 đồng chí", "5 đô thị": the currency word is part of another word
    code = _tables()["currency"].get(regex.sub(r"\s+", " ", fold(cur)))
    if code is None:
        return None
    if value < rule.options.get("min_amount", {}).get(code, 0) and not small_amount_is_money(ctx, m, cur_e):
        return None
    qualifier, change = _pre(m)
    return Mention("MONEY", m.start(), m.end(), as_json_number(value), rule.id,
                   qualifier=qualifier, change=change, unit=code)


def resolve_rank(m, rule: Rule, ctx: ArticleContext):
    rank = parse_scaled(m.group("rank"), [])
    of = parse_scaled(m.group("of"), [])
    if rank is None or of is None or rank < 1 or rank > of or of < rule.options.get("min_of", 2):
        return None
    s, e = m.span("mention")
    return Mention("RANK", s, e, {"rank": int(rank), "of": int(of)}, rule.id)


def _looks_like_date(ctx: ArticleContext, rule: Rule, start: int, num: int, den: int) -> bool:
    """``16/10`` after a date cue (the rule's ``date_cues``: "ngày 16/10") or in brackets."""
    if not (1 <= num <= 31 and 1 <= den <= 12):
        return False
    if "(" in ctx.norm[max(0, start - 2):start]:
        return True
    return preceded_by(ctx, start, rule.options.get("date_cues", ()), n=2)


def resolve_ratio(m, rule: Rule, ctx: ArticleContext):
    num, den = parse_scaled(m.group("num"), []), parse_scaled(m.group("den"), [])
    if num is None or den is None or den == 0 or num > den:
        return None
    text = ctx.norm[m.start("num"):m.end("den")]
    if text in rule.options.get("not_ratio", ()):
        return None
    from .time import fraction_follows   # here: time imports this module
    fraction = fraction_follows(ctx, m.end())   # "từ 2/3 tổng số đại biểu", "1/2 trở lên"
    if not fraction and _looks_like_date(ctx, rule, m.start("num"), int(num), int(den)):
        return None
    unit = noun_after(ctx, m.end())
    if unit is None and not fraction and 1 <= num <= 31 and 1 <= den <= 12:
        return None   # "đến 31/10" without a noun: a date, left to the time rules
    if unit and fold(ctx.norm[unit[0]:unit[1]]) in rule.options.get("not_ratio_units", ()):
        return None
    qualifier, change = _pre(m)
    end = unit[1] if unit else m.end()
    return Mention("RATIO", m.start(), end, {"numerator": as_json_number(num),
                                             "denominator": as_json_number(den)}, rule.id,
                   qualifier=qualifier, change=change,
                   unit=ctx.norm[unit[0]:unit[1]] if unit else None)


def resolve_ratio_units(m, rule: Rule, ctx: ArticleContext):
    num, den = parse_scaled(m.group("num"), []), parse_scaled(m.group("den"), [])
    if num is None or den is None or den == 0:
        return None
    unit = m.group("unit")
    if fold(unit).split()[0] in _tables()["stop"]:
        return None
    qualifier, change = _pre(m)
    return Mention("RATIO", m.start(), m.end(), {"numerator": as_json_number(num),
                                                 "denominator": as_json_number(den)}, rule.id,
                   qualifier=qualifier, change=change, unit=unit)


_ISO_TIME = {"Y": ("P", "Y"), "M": ("P", "M"), "W": ("P", "W"), "D": ("P", "D"),
             "H": ("PT", "H"), "MIN": ("PT", "M"), "S": ("PT", "S"), "DECADE": ("P", "Y")}


def iso_duration(value: Decimal, unit: str) -> str:
    """``(30, "MIN")`` -> ``PT30M``; ``(1.5, "H")`` -> ``PT1.5H``; decades become years."""
    if unit == "DECADE":
        value *= 10
    prefix, designator = _ISO_TIME[unit]
    n = as_json_number(value)
    return f"{prefix}{n}{designator}"


def resolve_duration(m, rule: Rule, ctx: ArticleContext):
    # "một năm" is one year, but "năm tháng" is "years and months", not five months
    words = fold(m.group("words") or "").split()
    got = read_number(m, ctx, strong_unit=words != ["năm"])
    if not got:
        return None
    value, num_end = got
    tu_s, tu_e = m.span("time_unit")
    if ctx.norm[num_end:tu_s].strip():
        return None   # the number stopped before the unit ("một năm" read as "một")
    unit = _tables()["time_unit"][regex.sub(r"\s+", " ", fold(m.group("time_unit")))]
    if m.group("half"):
        value += Decimal("0.5")
    qualifier, change = _pre(m)
    return Mention("DURATION", m.start(), m.end(), iso_duration(value, unit), rule.id,
                   qualifier=qualifier, change=change)


_PART = regex.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>\p{L}+(?:\s+(?:đồng hồ|lễ|đêm))?)")


def resolve_duration_compound(m, rule: Rule, ctx: ArticleContext):
    """``2 giờ 18 phút`` -> ``PT2H18M``; ``3 năm 2 tháng`` -> ``P3Y2M``."""
    table = _tables()["time_unit"]
    date_part, time_part, seen = [], [], set()
    for p in _PART.finditer(m.group("parts")):
        unit = table.get(regex.sub(r"\s+", " ", fold(p.group("u"))))
        value = parse_scaled(p.group("n"), [])
        if unit is None or value is None or unit in seen or unit == "DECADE":
            return None
        seen.add(unit)
        prefix, designator = _ISO_TIME[unit]
        (time_part if prefix == "PT" else date_part).append(f"{as_json_number(value)}{designator}")
    value = "P" + "".join(date_part) + ("T" + "".join(time_part) if time_part else "")
    qualifier, change = _pre(m)
    return Mention("DURATION", m.start(), m.end(), value, rule.id, qualifier=qualifier, change=change)


def resolve_count_measure(m, rule: Rule, ctx: ArticleContext):
    got = read_number(m, ctx)
    if not got:
        return None
    value, num_end = got
    if ctx.norm[num_end:m.start("measure")].strip():
        return None
    if _count_rejected_before(ctx, m):
        return None
    qualifier, change = _pre(m)
    return Mention("COUNT", m.start(), m.end(), as_json_number(value), rule.id,
                   qualifier=qualifier, change=change, unit=m.group("measure"))


def resolve_count(m, rule: Rule, ctx: ArticleContext):
    got = read_number(m, ctx)
    if not got:
        return None
    value, num_end = got
    if num_end < len(ctx.norm) and (ctx.norm[num_end].isalnum() or ctx.norm[num_end] in "/%"):
        return None   # "108A", "61/2018": part of a code
    if _count_rejected_before(ctx, m):
        return None
    # after a code ("RON 92") or as a year ("2019"), a number is a count only of a noun
    strict = _code_before(ctx, m.start()) is not None or bool(_YEAR.fullmatch(ctx.norm, m.start(), num_end))
    unit = noun_after(ctx, num_end, strict=strict)
    if unit is None:
        return None
    if _in_quoted_slogan(ctx, m.start(), unit[1]):
        return None
    qualifier, change = _pre(m)
    return Mention("COUNT", m.start(), unit[1], as_json_number(value), rule.id,
                   qualifier=qualifier, change=change, unit=ctx.norm[unit[0]:unit[1]])


class Quantities(Dimension):
    name = "quantities"
    # ranges, signs, multipliers: extract/dimensions/ranges.py; money forms: extract/dimensions/money.py
    rule_files = ("quantities/quantities.toml", "quantities/ranges.toml", "quantities/signs.toml",
                  "quantities/multipliers.toml", "quantities/money.toml")

    def find(self, ctx: ArticleContext) -> list[Mention]:
        out = super().find(ctx)
        per_unit = _per_unit()
        for m in out:
            if m.type in per_unit["types"]:
                t = per_unit["tail"].match(ctx.norm, m.end)
                if t:   # "17.806 đồng/lít": the per-unit tail is part of the unit (per_unit.toml)
                    if m.type == "COUNT" and m.unit:
                        m.unit = m.unit + ctx.norm[m.end:t.end()]
                    m.end = t.end()
        return out

    def resolvers(self):
        from .ranges import RESOLVERS as RANGE_RESOLVERS   # here: ranges imports this module
        return {
            **RANGE_RESOLVERS,
            "percent": resolve_percent,
            "money": resolve_money,
            "rank": resolve_rank,
            "ratio": resolve_ratio,
            "ratio_units": resolve_ratio_units,
            "duration": resolve_duration,
            "duration_compound": resolve_duration_compound,
            "count_measure": resolve_count_measure,
            "count": resolve_count,
            **MONEY_RESOLVERS,
        }
