"""LEGAL_REF: which legal or administrative document an article cites.

Rules (where) are in patterns/legal/legal.toml; the kinds, issuer codes and law names are
data in patterns/legal/. This module holds the resolvers (what it means):

- ``kind`` as written (``Công văn số 985/QĐ-TTg`` stays a Công văn);
- ``number`` as written (``61/2018/NĐ-CP``, ``06``), or null for a law cited by name;
- ``issuer`` from the number's code (``NĐ-CP`` -> Chính phủ, ``QĐ-TTg`` -> Thủ tướng Chính
  phủ), else from ``của …`` right after the reference;
- ``year`` from the number (``/2018/``), else from the signing date;
- ``signed``: ``ngày 23/4/2018`` right after the reference, or ``ngày 8/8/2018, … đã ký
  ban hành`` before it in the same sentence. The date's own span is left to the DATE rules.
  A signing date written without its year (``công văn số 1017 ngày 29/4``) takes the year
  of the number, else of the publication date (a document is signed before the article
  about it), else ``XXXX``.

Keys are absent when the text does not state them: ``Nghị định 61`` has no issuer and no
year, even when the article cited ``Nghị định số 61/2018/NĐ-CP`` before; a year taken from
the publication date goes into ``signed`` but not into ``year``.
"""
from __future__ import annotations

from functools import cached_property, lru_cache

import regex

from ..engine.context import ArticleContext, Mention
from ..engine.matching import TYPES, Dimension, shared_pieces
from ..engine.patterns import Rule, alternation, compile_rules, expand, load_toml, load_word_list
from ..engine.text import fold

TYPE = "LEGAL_REF"


@lru_cache(maxsize=1)
def _data():
    kinds = load_toml("legal/kinds.toml", required={"kind"}, allowed={"kind"})["kind"]
    for name, spec in kinds.items():
        extra = set(spec) - {"short", "named", "code"}
        if extra:
            from ..engine.errors import PatternError
            raise PatternError(f"E113 patterns/legal/kinds.toml [kind.{name!r}]: unknown keys {sorted(extra)}")
    issuers = load_toml("legal/issuers.toml", required={"issuer", "written"}, allowed={"issuer", "written"})
    code_kind = {}
    for name, spec in kinds.items():
        for code in spec.get("code", []):
            code_kind[fold(code)] = name
    kind_of = {fold(k): k for k in kinds}
    written_spec = issuers["written"]
    extra = set(written_spec) - {"names", "local_bodies", "local_levels"}
    if extra:
        from ..engine.errors import PatternError
        raise PatternError(f"E113 patterns/legal/issuers.toml [written]: unknown keys {sorted(extra)}")
    written = sorted(written_spec["names"], key=len, reverse=True)
    # "của UBND tỉnh Hà Nam": a local body, its level, and the place's name in capitals
    place = r"\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*|[ \t]*[\-–][ \t]*\p{Lu}\p{Ll}*)*"
    local = (alternation(written_spec["local_bodies"]) + r"[ \t]+" + alternation(written_spec["local_levels"])
             + r"[ \t]+" + place)
    return {
        "kinds": kinds,
        "kind_of": kind_of,
        "code_kind": code_kind,
        "issuer": {fold(k): v for k, v in issuers["issuer"].items()},
        "codes": [c for spec in kinds.values() for c in spec.get("code", [])] + list(issuers["issuer"]),
        "written_rx": regex.compile(r"\s*của\s+(?P<issuer>" + local + "|" + alternation(written) + ")", regex.V1),
        "law_names": [fold(n) for n in _law_names()],   # longest first
        "name_stops": frozenset(fold(w) for w in load_word_list("legal/name_stops.txt")),
        "reject_before_rx": regex.compile(
            "(?:" + alternation([fold(w) for w in load_word_list("legal/named_reject_before.txt")]) + r")\s+$", regex.V1),
    }


def _law_names() -> list[str]:
    """law_names.txt, each name also with the abbreviations of name_abbreviations.toml
    ("… của Quốc hội và HĐND"), longest first."""
    data = load_toml("legal/name_abbreviations.toml", required={"abbreviation"}, allowed={"abbreviation"})
    names = set(load_word_list("legal/law_names.txt"))
    for long, shorts in data["abbreviation"].items():
        for name in list(names):
            if long in name:
                names.update(name.replace(long, short) for short in shorts)
    return sorted(names, key=len, reverse=True)


def _capitalized(names: list[str]) -> str:
    """An alternation of capitalized kinds that may also stand glued to the small letters
    of the word before them: a space lost in the source ("theoThông tư 10/2021/TT-BGDĐT",
    "TheoLuật Giáo dục"). A kind in small letters needs a word boundary."""
    body = alternation(names, boundary=False)
    return rf"(?:(?<![\p{{L}}\p{{N}}])|(?<=\p{{Ll}})){body}(?![\p{{L}}\p{{N}}])"


def kind_pieces() -> dict[str, str]:
    """``{kind}``, ``{kind_any_case}``, ``{short_kind}`` and ``{named_kind}`` alternations
    from kinds.toml, and ``{mixed_code}``: the codes of kinds.toml and issuers.toml written
    with small letters (``TTg``, ``TTr``), which tell ``QĐ-TTgvề`` (a code and a glued
    word) from ``TT-BGDĐTvề``."""
    kinds = _data()["kinds"]
    mixed = sorted({c for c in _data()["codes"] if any(ch.islower() for ch in c)})
    # every kind as written, capitalized or not ("theo công văn số …"); spelled out rather
    # than (?i:…), which makes the scan ten times slower
    small = {v for k in kinds for v in (k[0].lower() + k[1:], k.lower())} - set(kinds)
    return {
        "kind": _capitalized(list(kinds)),
        "kind_any_case": f"(?:{_capitalized(list(kinds))}|{alternation(sorted(small))})",
        "short_kind": _capitalized([k for k, s in kinds.items() if s.get("short")]),
        "named_kind": _capitalized([k for k, s in kinds.items() if s.get("named")]),
        "mixed_code": alternation(mixed, boundary=False),
    }


# --- dates -----------------------------------------------------------------------------

_DATE_AFTER = regex.compile(
    r"[ \t]*,?[ \t]*(?:ký[ \t]+|ban hành[ \t]+)?ngày[ \t]+(?P<d>\d{1,2})(?:[/\-.](?P<m>\d{1,2})(?:[/\-.](?P<y>\d{4}))?"
    r"|[ \t]+tháng[ \t]+(?P<m2>\d{1,2})(?:[ \t]+năm[ \t]+(?P<y2>\d{4}))?)(?!\d)", regex.V1 | regex.IGNORECASE)
_DATE_ANY = regex.compile(
    r"(?<!\p{L})ngày[ \t]+(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})[/\-.](?P<y>\d{4})(?!\d)", regex.V1 | regex.IGNORECASE)
_SIGNED_VERB = regex.compile(r"(?<!\p{L})(?:ký|ban hành)(?!\p{L})", regex.V1)


def _iso(y: int | None, m: int, d: int) -> str | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"XXXX-{m:02d}-{d:02d}"


def _year_signed(ctx: ArticleContext, m: int, d: int) -> int | None:
    """The year of a year-less signing date: the publication year, or the one before when
    the day is after the publication day (a document is signed before it is reported)."""
    pub = ctx.published
    if not pub or not regex.match(r"\d{4}-\d\d-\d\d", str(pub)):
        return None
    py, pm, pd = int(pub[:4]), int(pub[5:7]), int(pub[8:10])
    return py if (m, d) <= (pm, pd) else py - 1


def _signed_after(ctx: ArticleContext, pos: int, year: int | None) -> tuple[str | None, bool, int]:
    """The signing date written right after a reference, whether its year is written (in
    the date or in the number, ``year``), and where it ends."""
    m = _DATE_AFTER.match(ctx.norm, pos)
    if not m:
        return None, False, pos
    d = int(m.group("d"))
    mo = m.group("m") or m.group("m2")
    y = m.group("y") or m.group("y2")
    if mo is None:
        return None, False, pos
    if y:
        y, stated = int(y), True
    elif year:
        y, stated = year, True
    else:
        y, stated = _year_signed(ctx, int(mo), d), False
    iso = _iso(y, int(mo), d)
    return (iso, stated, m.end()) if iso else (None, False, pos)


def _signed_before(ctx: ArticleContext, start: int) -> str | None:
    """``ngày 8/8/2018, Phó Thủ tướng … đã ký ban hành Công văn …``: the date before the
    reference in its sentence, when a signing verb stands between them."""
    s, _ = ctx.sentence_span(start)
    best = None
    for m in _DATE_ANY.finditer(ctx.norm, s, start):
        best = m
    if best is None:
        return None
    between = ctx.folded[best.end():start]
    if len(between) > 200 or not _SIGNED_VERB.search(between):
        return None
    # another document between the date and this one took the date
    if _kind_rx().search(ctx.norm, best.end(), start):
        return None
    return _iso(int(best.group("y")), int(best.group("m")), int(best.group("d")))


@lru_cache(maxsize=1)
def _kind_rx() -> regex.Pattern:
    return regex.compile(kind_pieces()["kind_any_case"], regex.V1)


# --- numbers ---------------------------------------------------------------------------

def _codes(number: str) -> list[str]:
    return [p for p in regex.split(r"[/\-]", number) if p and not p[0].isdigit()]


def _year_of(number: str) -> int | None:
    """The year inside a number: ``61/2018/NĐ-CP``, ``131/2018``."""
    m = regex.search(r"/(?P<y>(?:19|20)\d\d)(?:/|$)", number)
    return int(m.group("y")) if m else None


def _issuer_of(number: str) -> str | None:
    """The issuer named by the number's code: the code after the kind code (``QĐ-TTg``),
    or the first one that names an issuer (``123/UBND-KT``, ``20/2023/QH15``)."""
    t = _data()
    for code in _codes(number):
        key = fold(code)
        if key in t["code_kind"]:
            continue
        if key in t["issuer"]:
            return t["issuer"][key]
        bare = regex.sub(r"\d+$", "", key)   # QH15 -> qh
        if bare in t["issuer"]:
            return t["issuer"][bare]
    return None


def _kind_from_code(number: str) -> str | None:
    t = _data()
    for code in _codes(number):
        if fold(code) in t["code_kind"]:
            return t["code_kind"][fold(code)]
    return None


def _value(ctx: ArticleContext, kind: str, number: str | None, start: int, end: int,
           name: str | None = None, with_details: bool = True) -> dict:
    """The value dict, in the order kind, number, name, issuer, year, signed."""
    value: dict = {"kind": kind, "number": number}
    if name is not None:
        value["name"] = name
    if not with_details:
        return value
    year = _year_of(number) if number else None
    issuer = _issuer_of(number) if number else None
    signed, stated, after = _signed_after(ctx, end, year)
    if issuer is None:
        m = _data()["written_rx"].match(ctx.norm, after)
        if m:
            issuer = m.group("issuer")
    if signed is None:
        signed = _signed_before(ctx, start)
        stated = signed is not None
    if year is None and signed and stated:
        year = int(signed[:4])
    if issuer:
        value["issuer"] = issuer
    if year:
        value["year"] = year
    if signed:
        value["signed"] = signed
    return value


def _kind_as_written(raw: str) -> str:
    """The kind as the gazetteer spells it (``nghị định`` -> ``Nghị định``)."""
    return _data()["kind_of"].get(fold(regex.sub(r"\s+", " ", raw)), raw)


# --- resolvers -------------------------------------------------------------------------

def resolve_numbered(m: regex.Match, rule: Rule, ctx: ArticleContext) -> Mention:
    kind = _kind_as_written(m.group("kind"))
    number = m.group("number")
    start = m.start("kind")   # the kind is matched in a look-behind
    return Mention(TYPE, start, m.end(), _value(ctx, kind, number, start, m.end()), rule.id)


def resolve_bare_number(m: regex.Match, rule: Rule, ctx: ArticleContext) -> Mention | None:
    number = m.group("number")
    kind = _kind_from_code(number)
    if kind is None:
        return None
    return Mention(TYPE, m.start("number"), m.end("number"),
                   _value(ctx, kind, number, m.start(), m.end()), rule.id)


def resolve_short(m: regex.Match, rule: Rule, ctx: ArticleContext) -> Mention | None:
    """``Nghị định 61``, ``Thông báo số 125``, ``công văn số 1017 ngày 29/4``, ``Nghị
    định số 131/2018``. A bare number is a back-reference (kind and number only, hard case
    16); one that carries its year or is followed by its signing date is a citation, and
    gets the issuer, year and date the text states."""
    number = m.group("number")
    head = number.split("/", 1)[0]
    if m.groupdict().get("so") is None and len(head) == 4 and head[:2] in ("19", "20"):
        return None   # "Kế hoạch 2023": a year, not a number
    kind = _kind_as_written(m.group("kind"))
    start = m.start("kind")
    cited = "/" in number or _signed_after(ctx, m.end(), None)[0] is not None
    return Mention(TYPE, start, m.end(),
                   _value(ctx, kind, number, start, m.end(), with_details=cited), rule.id)


def resolve_year_in_words(m: regex.Match, rule: Rule, ctx: ArticleContext) -> Mention:
    """``Quyết định số 25 năm 2019`` -> number ``25``, year 2019; the issuer and signing
    date are looked for after the year ("… năm 2019 của Thủ tướng")."""
    kind = _kind_as_written(m.group("kind"))
    start = m.start("kind")
    value = _value(ctx, kind, m.group("number"), start, m.end("year"))
    value["year"] = int(m.group("year"))
    if "signed" in value and not value["signed"].startswith(m.group("year")):
        del value["signed"]   # a date after the year is some other event's
    order = ("kind", "number", "name", "issuer", "year", "signed")
    value = {k: value[k] for k in order if k in value}
    return Mention(TYPE, start, m.end(), value, rule.id)


@lru_cache(maxsize=1)
def _number_after_name() -> regex.Pattern:
    """`` số 20/2023/QH15`` after a law's name: the document number of legal.toml."""
    pieces = dict(load_toml("legal/legal.toml")["pieces"], **kind_pieces())
    body = expand("{docnum}{docnum_end}", pieces, "patterns/legal/legal.toml [pieces]")
    return regex.compile(r"\s+(?:số\s+)?(?P<number>" + body + ")", regex.V1)


_WORD = regex.compile(r"\p{L}+|[^\p{L}\s]", regex.V1)


def _stop_at(t: dict, words: list[regex.Match], i: int) -> bool:
    """Whether the i-th word is a name stop, alone or with the one or two words after it
    (``đã``, ``quy định``, ``có hiệu lực``)."""
    w = fold(words[i].group())
    if w in t["name_stops"]:
        return True
    for n in (2, 3):
        if i + n <= len(words) and all(x.group()[0].isalpha() for x in words[i:i + n]):
            if " ".join(fold(x.group()) for x in words[i:i + n]) in t["name_stops"]:
                return True
    return False


def _enumeration_goes_on(t: dict, words: list[regex.Match], i: int, before: int) -> bool:
    """Whether the comma ``words[i]`` is inside an enumerated name (``Nhập cảnh, xuất
    cảnh, quá cảnh, cư trú``) rather than after it (``Theo Luật Hộ tịch, công dân …``).

    Inside a name the items are short: the one before the comma has at most three words,
    the one after it starts in small letters, has at most three words and is followed by
    another comma, by ``và`` or by ``của``. A single comma followed by a clause looks the
    same as a two-item name; two-item names must be listed in law_names.txt."""
    if not 1 <= before <= 3 or i + 1 >= len(words):
        return False
    first = words[i + 1].group()
    if not first[0].isalpha() or not first[0].islower() or _stop_at(t, words, i + 1):
        return False
    n = 0
    for j in range(i + 1, len(words)):
        w = words[j].group()
        if not w[0].isalpha():
            return w == "," and n <= 3
        if fold(w) in {"và", "của"}:
            return n <= 3
        if _stop_at(t, words, j) or n > 3:
            return False
        n += 1
    return False


def _listed_name_end(ctx: ArticleContext, start: int) -> int | None:
    """Where the longest name of law_names.txt that starts at ``start`` ends, if any."""
    folded = ctx.folded
    for f in _data()["law_names"]:
        if folded.startswith(f, start) and not (start + len(f) < len(folded) and folded[start + len(f)].isalnum()):
            return start + len(f)
    return None


def _name_end(ctx: ArticleContext, start: int, limit: int) -> int:
    """Where a law's name that starts at ``start`` ends: the longest listed name, else
    the last word before punctuation, a line end or a word of name_stops.txt. Words in
    small letters go on ("Luật Quy hoạch đô thị"); so do commas inside an enumeration (see
    ``_enumeration_goes_on``) and ``và`` before a capitalized word that is not a kind."""
    listed = _listed_name_end(ctx, start)
    if listed is not None:
        return listed
    t = _data()
    text = ctx.norm[start:limit]
    words = list(_WORD.finditer(text))
    end = start
    seg = 0   # words since the name's start or the last comma
    enumerated = False
    i = 0
    while i < len(words):
        w = words[i]
        word = w.group()
        if i and "\n" in text[words[i - 1].end():w.start()]:
            break
        if not word[0].isalpha():
            if word == "," and _enumeration_goes_on(t, words, i, seg):
                enumerated = True
                seg = 0
                i += 1
                continue
            break
        if i and fold(word) == "và":
            # "Luật Địa chất và Khoáng sản" goes on; "Luật Đất đai và Luật Nhà ở" does not;
            # nor does "và" + small letters, unless it closes an enumeration ("Luật Bảo
            # vệ, chăm sóc và giáo dục trẻ em")
            nxt = words[i + 1].group() if i + 1 < len(words) else ""
            if nxt[:1].isupper() and fold(nxt) not in {"luật", "bộ", "nghị", "pháp"}:
                seg += 1
                i += 1
                continue
            if enumerated and nxt[:1].islower() and not _stop_at(t, words, i + 1):
                seg = 0
                i += 1
                continue
            break
        if i and _stop_at(t, words, i):
            break
        end = start + w.end()
        seg += 1
        i += 1
    return end


def _drafted(ctx: ArticleContext, start: int) -> bool:
    return ctx.folded[max(0, start - 12):start].rstrip().endswith("dự thảo")


def _named(ctx: ArticleContext, kind_start: int, ns: int) -> tuple[int, int, str | None] | None:
    """``(name end, mention end, number)`` of a named document whose name starts at
    ``ns``: the mention goes on over a number written after the name (``Luật Giao dịch
    điện tử số 20/2023/QH15``). None when what follows the kind is not a name: a lawyer
    (``Luật sư``), a school (``Trường Đại học Luật Hà Nội``), small letters that are not a
    listed name (``Luật này``, ``Luật mới``)."""
    if _data()["reject_before_rx"].search(ctx.folded, max(0, kind_start - 20), kind_start):
        return None   # "Trường Đại học Luật Hà Nội"
    first = regex.match(r"\p{L}+", ctx.norm[ns:])
    if not first or fold(first.group()) in {"sư"}:
        return None   # "Luật sư": a lawyer
    if first.group()[0].islower() and _listed_name_end(ctx, ns) is None:
        return None   # "Luật này"; "Luật đầu tư" is listed
    name_end = _name_end(ctx, ns, min(len(ctx.norm), ns + 200))
    if name_end <= ns:
        return None
    num = _number_after_name().match(ctx.norm, name_end)
    if num:
        return name_end, num.end("number"), num.group("number")
    return name_end, name_end, None


def resolve_named(m: regex.Match, rule: Rule, ctx: ArticleContext) -> Mention | None:
    kind = m.group("kind")
    ns = m.start("name")
    got = _named(ctx, m.start("kind"), ns)
    if got is None:
        return None
    name_end, end, number = got
    start = m.start("kind")
    value = _value(ctx, kind, number, start, end, name=ctx.norm[ns:name_end], with_details=number is not None)
    if number is None:
        y = regex.match(r"\s+(?:năm\s+)?(?P<y>(?:19|20)\d\d)(?!\d)", ctx.norm[end:end + 12])
        if y:
            value["year"] = int(y.group("y"))
    if _drafted(ctx, start):
        value["draft"] = True
    return Mention(TYPE, start, end, value, rule.id)


_AMENDED_LINK = regex.compile(r"(?:[ \t]*,[ \t]*|[ \t]+và[ \t]+)", regex.V1)


def resolve_amending(m: regex.Match, rule: Rule, ctx: ArticleContext) -> Mention | None:
    """``Luật sửa đổi, bổ sung một số điều của Luật X và Luật Y``: one document, whose
    name runs through the names of the laws it amends (a list joined by commas and
    ``và``). The amended laws are not mentions of their own: the span holds them."""
    kind = m.group("kind")
    named_rx = _named_kind_rx()
    pos = m.end()
    end = None
    while True:
        k = named_rx.match(ctx.norm, pos)
        if not k:
            break
        got = _named(ctx, k.start(), k.end("name_start"))
        if got is None:
            break
        end = got[1]
        link = _AMENDED_LINK.match(ctx.norm, end)
        if not link or not named_rx.match(ctx.norm, link.end()):
            break
        pos = link.end()
    if end is None:
        return None
    start = m.start("kind")
    value = {"kind": _kind_as_written(kind), "number": None, "name": ctx.norm[m.start("name"):end]}
    if _drafted(ctx, start):
        value["draft"] = True
    return Mention(TYPE, start, end, value, rule.id)


@lru_cache(maxsize=1)
def _named_kind_rx() -> regex.Pattern:
    return regex.compile(r"(?:" + kind_pieces()["named_kind"] + r")[ \t]+(?P<name_start>)(?=\p{L})", regex.V1)


def resolve_quoted(m: regex.Match, rule: Rule, ctx: ArticleContext) -> Mention:
    kind = _kind_as_written(m.group("kind"))
    value = {"kind": kind, "number": None, "name": m.group("name")}
    if _drafted(ctx, m.start()):
        value["draft"] = True
    return Mention(TYPE, m.start(), m.end(), value, rule.id)


class LegalRefs(Dimension):
    """Numbered (``Nghị định số 61/2018/NĐ-CP``), short (``Đề án 06``), named
    (``Luật Giao dịch điện tử``) and quoted (``Chỉ thị “…”``) document references."""

    name = "legal"
    rule_files = ("legal/legal.toml",)

    def resolvers(self):
        return {
            "numbered": resolve_numbered,
            "bare_number": resolve_bare_number,
            "short": resolve_short,
            "year_in_words": resolve_year_in_words,
            "named": resolve_named,
            "amending": resolve_amending,
            "quoted": resolve_quoted,
        }

    @cached_property
    def rules(self) -> list[Rule]:
        pieces = shared_pieces()
        pieces.update(kind_pieces())
        names = set(self.resolvers())
        rules = []
        for rel in self.rule_files:
            rules.extend(compile_rules(rel, pieces, TYPES, names))
        return rules
