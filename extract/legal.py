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

Keys are absent when the text does not state them: ``Nghị định 61`` has no issuer and no
year, even when the article cited ``Nghị định số 61/2018/NĐ-CP`` before.
"""
from __future__ import annotations

from functools import cached_property, lru_cache

import regex

from .context import ArticleContext, Mention
from .matching import TYPES, Dimension, shared_pieces
from .patterns import Rule, alternation, compile_rules, load_toml, load_word_list
from .text import fold

TYPE = "LEGAL_REF"


@lru_cache(maxsize=1)
def _data():
    kinds = load_toml("legal/kinds.toml", required={"kind"}, allowed={"kind"})["kind"]
    for name, spec in kinds.items():
        extra = set(spec) - {"short", "named", "code"}
        if extra:
            from .errors import PatternError
            raise PatternError(f"E113 patterns/legal/kinds.toml [kind.{name!r}]: unknown keys {sorted(extra)}")
    issuers = load_toml("legal/issuers.toml", required={"issuer", "written"}, allowed={"issuer", "written"})
    code_kind = {}
    for name, spec in kinds.items():
        for code in spec.get("code", []):
            code_kind[fold(code)] = name
    kind_of = {fold(k): k for k in kinds}
    written = sorted(issuers["written"]["names"], key=len, reverse=True)
    return {
        "kinds": kinds,
        "kind_of": kind_of,
        "code_kind": code_kind,
        "issuer": {fold(k): v for k, v in issuers["issuer"].items()},
        "written_rx": regex.compile(r"\s*của\s+(?P<issuer>" + alternation(written) + ")", regex.V1),
        "law_names": sorted(load_word_list("legal/law_names.txt"), key=len, reverse=True),
        "name_stops": frozenset(fold(w) for w in load_word_list("legal/name_stops.txt")),
        "reject_before_rx": regex.compile(
            "(?:" + alternation([fold(w) for w in load_word_list("legal/named_reject_before.txt")]) + r")\s+$", regex.V1),
    }


def kind_pieces() -> dict[str, str]:
    """``{kind}``, ``{kind_any_case}``, ``{short_kind}`` and ``{named_kind}`` alternations
    from kinds.toml."""
    kinds = _data()["kinds"]
    # every kind as written, capitalized or not ("theo công văn số …"); spelled out rather
    # than (?i:…), which makes the scan ten times slower
    any_case = {v for k in kinds for v in (k, k[0].lower() + k[1:], k.lower())}
    return {
        "kind": alternation(list(kinds)),
        "kind_any_case": alternation(sorted(any_case)),
        "short_kind": alternation([k for k, s in kinds.items() if s.get("short")]),
        "named_kind": alternation([k for k, s in kinds.items() if s.get("named")]),
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
    return f"{y:04d}-{m:02d}-{d:02d}" if y else None


def _signed_after(ctx: ArticleContext, pos: int, year: int | None) -> tuple[str | None, int]:
    """The signing date written right after a reference, and where it ends."""
    m = _DATE_AFTER.match(ctx.norm, pos)
    if not m:
        return None, pos
    d = int(m.group("d"))
    mo = m.group("m") or m.group("m2")
    y = m.group("y") or m.group("y2")
    if mo is None:
        return None, pos
    iso = _iso(int(y) if y else year, int(mo), d)
    return (iso, m.end()) if iso else (None, pos)


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
    m = regex.search(r"/(?P<y>(?:19|20)\d\d)/", number)
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
    signed, after = _signed_after(ctx, end, year)
    if issuer is None:
        m = _data()["written_rx"].match(ctx.norm, after)
        if m:
            issuer = m.group("issuer")
    if signed is None:
        signed = _signed_before(ctx, start)
    if year is None and signed:
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
    number = m.group("number")
    if len(number) == 4 and number[:2] in ("19", "20"):
        return None   # "Kế hoạch 2023": a year, not a number
    return Mention(TYPE, m.start(), m.end(),
                   _value(ctx, m.group("kind"), number, m.start(), m.end(), with_details=False), rule.id)


_NUMBER_AFTER_NAME = regex.compile(r"\s+(?:số\s+)?(?P<number>\d{1,5}[a-z]?(?:[/\-](?:\d{4}|\p{Lu}[\p{L}\d]*))*[/\-]\p{Lu}[\p{L}\d]*)(?![\p{L}\p{N}])", regex.V1)


def _name_end(ctx: ArticleContext, start: int, limit: int) -> int:
    """Where a law's name that starts at ``start`` ends: the longest listed name, else
    the last word before punctuation or a word of name_stops.txt."""
    t = _data()
    folded = ctx.folded
    for name in t["law_names"]:
        f = fold(name)
        if folded.startswith(f, start) and not (start + len(f) < len(folded) and folded[start + len(f)].isalnum()):
            return start + len(f)
    end = start
    for w in regex.finditer(r"\p{L}+|[^\p{L}\s]", ctx.norm[start:limit]):
        word = w.group()
        if not word[0].isalpha():
            break
        if w.start() > 0 and fold(word) == "và":
            # "Luật Địa chất và Khoáng sản" goes on; "Luật Đất đai và Luật Nhà ở" does not
            nxt = regex.match(r"\s+(\p{L}+)", ctx.norm[start + w.end():limit])
            if nxt and nxt.group(1)[0].isupper() and fold(nxt.group(1)) not in {"luật", "bộ", "nghị", "pháp"}:
                continue
            break
        if w.start() > 0 and fold(word) in t["name_stops"]:
            break
        # two-word stops ("sửa đổi", "bổ sung", "quy định")
        nxt = regex.match(r"\s+(\p{L}+)", ctx.norm[start + w.end():limit])
        if w.start() > 0 and nxt and fold(word + " " + nxt.group(1)) in t["name_stops"]:
            break
        end = start + w.end()
    return end


def _drafted(ctx: ArticleContext, start: int) -> bool:
    return ctx.folded[max(0, start - 12):start].rstrip().endswith("dự thảo")


def resolve_named(m: regex.Match, rule: Rule, ctx: ArticleContext) -> Mention | None:
    kind = m.group("kind")
    if _data()["reject_before_rx"].search(ctx.folded, max(0, m.start() - 20), m.start()):
        return None   # "Trường Đại học Luật Hà Nội"
    ns = m.start("name")
    first = regex.match(r"\p{L}+", ctx.norm[ns:])
    if first and fold(first.group()) in {"sư"}:
        return None   # "Luật sư": a lawyer
    end = _name_end(ctx, ns, min(len(ctx.norm), ns + 200))
    if end <= ns:
        return None
    name = ctx.norm[ns:end]
    number = None
    num = _NUMBER_AFTER_NAME.match(ctx.norm, end)
    if num:
        number = num.group("number")
        end = num.end()
    value = _value(ctx, kind, number, m.start(), end, name=name, with_details=number is not None)
    if number is None:
        y = regex.match(r"\s+(?:năm\s+)?(?P<y>(?:19|20)\d\d)(?!\d)", ctx.norm[end:end + 12])
        if y:
            value["year"] = int(y.group("y"))
    if _drafted(ctx, m.start()):
        value["draft"] = True
    return Mention(TYPE, m.start(), end, value, rule.id)


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
            "named": resolve_named,
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
