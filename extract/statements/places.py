"""Province mentions: the statement part ``place`` (CONTRACT.md, "Statements").

``province_mentions(text)`` finds the provinces and centrally-run cities written in a text
and gives each its two-digit GSO code in the code set of the article's date: the 63 provinces
for an article published before 2025-07-01 or of unknown date, the 34 after the merger (an
old province named in a later article takes the code of the province it is now part of).

The names, codes and the old->new map are generated data (``patterns/statements/provinces.toml``,
written by ``scripts/gen_provinces.py`` from published libraries); when a written form counts as
a province is data too (``patterns/statements/place_rules.toml``). Matching is on a folded copy
(``extract.engine.text.fold``: one tone placement, lower case), so ``Hoà Bình`` and ``Hòa Bình``
are one name; capitals are checked on the text itself; offsets are into the text as given
(NFD, CRLF and all).
"""
from __future__ import annotations

import re as _re
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..engine.errors import PatternError
from ..engine.literal_hits import word_heads, word_start_matches
from ..engine.patterns import load_toml, load_word_list, pattern_path
from ..engine.text import fold, normalize, word_suffixes

MERGER = "2025-07-01"
_H = r"[^\S\n]"  # a space that is not a line break


@dataclass(frozen=True)
class Place:
    start: int   # span in the given text: the name, with its tỉnh / thành phố / TP prefix when written
    end: int
    code: str    # GSO two-digit code in the code set of the article's date
    name: str    # canonical name in that code set
    # "thành phố Thanh Hóa", "TP Bắc Ninh": the provincial city named after its province, a
    # place below the province (GUIDELINES §6.4: not a statement's place); its code is the
    # province it lies in, which a post's place may still use
    capital: bool = False


def code_set(published: str | None) -> str:
    """``"34"`` when the whole of the ``published`` date (ISO, at any precision: ``2025-07``,
    ``2025-07-01T08:00``) is on or after 2025-07-01, else ``"63"`` (also for no date)."""
    if not published:
        return "63"
    m = _re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published.strip())
    if not m:
        raise ValueError(f"published date {published!r} is not ISO 8601 (YYYY[-MM[-DD]])")
    y, mo, d = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return "34" if f"{y}-{mo}-{d}" >= MERGER else "63"


def _key(form: str) -> str:
    """Folded form with one dash and one space (as scripts/gen_provinces.py keys forms)."""
    f = fold(form)
    for d in "–—":
        f = f.replace(d, "-")
    return " ".join(f.replace("-", " - ").split())


def _form_regex(form: str) -> str:
    parts = []
    for tok in _key(form).split(" "):
        parts.append(f"{_H}*[-–—]{_H}*" if tok == "-" else regex.escape(tok))
    out = ""
    for i, p in enumerate(parts):
        if i and not parts[i - 1].startswith(_H) and not p.startswith(_H):
            out += f"{_H}+"
        out += p
    return out


def _words(items) -> set[str]:
    return {" ".join(fold(w).split()) for w in items}


@dataclass(frozen=True)
class _Gazetteer:
    rx: regex.Pattern
    form_code: dict[str, str]       # form key -> code in the 63 set ("" for a longer name)
    press_prefixed: frozenset[str]  # form keys that carry their own prefix (TP.HCM)
    names: dict[str, dict[str, str]]  # set -> code -> canonical name
    central: dict[str, frozenset[str]]  # set -> codes of the centrally-run cities
    to34: dict[str, str]
    prefix_only: frozenset[str]
    need_context: frozenset[str]
    locatives: frozenset[str]
    not_after: frozenset[str]
    person_before: frozenset[str]
    family: frozenset[str]
    name_parts: frozenset[str]
    sep_rx: regex.Pattern
    route_rx: regex.Pattern
    heads: tuple[str, ...] | None = None   # first words of prefixes and names (None: scan with rx)


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    data = load_toml("statements/provinces.toml", required={"source", "p63", "p34"})
    rules = load_toml("statements/place_rules.toml", required={
        "prefixes", "glued_prefixes", "prefix_only", "need_context", "locatives",
        "list_separators", "not_after", "person_before", "name_parts_before", "longer_names", "route_words"})
    p63, p34 = data["p63"], data["p34"]
    path = pattern_path("statements/provinces.toml")
    if len(p63) != 63 or len(p34) != 34:
        raise PatternError(f"E103 {path}: {len(p63)} p63 and {len(p34)} p34 entries (want 63 and 34)")
    names = {"63": {p["code"]: p["name"] for p in p63}, "34": {p["code"]: p["name"] for p in p34}}
    central = {k: frozenset(p["code"] for p in ps if fold(p["full"]).startswith("thành phố"))
               for k, ps in (("63", p63), ("34", p34))}
    to34 = {p["code"]: p["to34"] for p in p63}
    form_code: dict[str, str] = {}
    press_prefixed = set()
    glued = _words(rules["glued_prefixes"]) | _words(rules["prefixes"])
    for p in p63:
        if p["to34"] not in names["34"]:
            raise PatternError(f"E103 {path}: {p['code']} maps to unknown {p['to34']}")
        for form in p.get("aliases", []) + p.get("press", []):
            k = _key(form)
            if form_code.setdefault(k, p["code"]) != p["code"]:
                raise PatternError(f"E103 {path}: form {form!r} of two provinces")
            if any(k.startswith(g) and k != g for g in glued):
                press_prefixed.add(k)
    for form in rules["longer_names"]:
        form_code.setdefault(_key(form), "")
    for group in ("prefix_only", "need_context"):
        for form in rules[group]:
            if form_code.get(_key(form), "") == "":
                raise PatternError(f"E103 place_rules.toml: {group} {form!r} is no province form")
    alts = sorted(form_code, key=lambda k: (-len(k), k))
    prefix = "|".join([regex.escape(p).replace(r"\ ", f"{_H}+") + f"{_H}+"
                       for p in sorted(_words(rules["prefixes"]), key=len, reverse=True)]
                      + [regex.escape(p) + f"{_H}*"
                         for p in sorted(_words(rules["glued_prefixes"]), key=len, reverse=True)])
    rx = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}])(?P<pre>{prefix})?"
        rf"(?P<name>(?:{'|'.join(_form_regex(a) for a in alts)}))(?![\p{{L}}\p{{N}}])")
    seps = sorted(_words(rules["list_separators"]), key=len, reverse=True)
    sep_rx = regex.compile(rf"{_H}*(?:{'|'.join(regex.escape(s) for s in seps)}){_H}*")
    routes = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(_words(rules["route_words"]), key=len, reverse=True))
    # the folded words before a name: a route word right before it, or a route word, the
    # first end and a dash ("cao tốc hà nội - ")
    route_rx = regex.compile(rf"(?<![\p{{L}}])(?:{routes})\s+(?:[^\s,.;:()]+\s+){{0,5}}?[-–]\s*$|(?<![\p{{L}}])(?:{routes})\s+$")
    honorifics = load_word_list("officials/honorifics.txt")
    return _Gazetteer(
        rx=rx, form_code=form_code, press_prefixed=frozenset(press_prefixed), names=names, central=central,
        to34=to34,
        prefix_only=frozenset(_key(f) for f in rules["prefix_only"]),
        need_context=frozenset(_key(f) for f in rules["need_context"]),
        locatives=frozenset(_words(rules["locatives"])),
        not_after=frozenset(_words(rules["not_after"])),
        person_before=frozenset(_words(rules["person_before"]) | _words(honorifics)),
        family=frozenset(load_word_list("officials/family_names.txt")),
        name_parts=frozenset(rules["name_parts_before"]),
        sep_rx=sep_rx,
        route_rx=route_rx,
        # every match starts with a prefix or a name: try rx only where their first word stands
        heads=word_heads(list(_words(rules["prefixes"]) | _words(rules["glued_prefixes"])) + alts),
    )


def _capitalized(s: str) -> bool:
    """Every syllable starts with a capital (Hòa Bình, HÒA BÌNH, TP.HCM, Daklak)."""
    toks = regex.findall(r"\p{L}+", s)
    return bool(toks) and all(t[0].isupper() for t in toks)


@dataclass
class _Cand:
    start: int          # in the NFC copy
    end: int
    name_start: int
    code: str
    key: str
    prefixed: bool
    ok: bool | None = None  # None: needs list context
    city_prefix: bool = False  # written "thành phố X" / "TP X"


def _candidates(norm: str, g: _Gazetteer) -> list[_Cand]:
    folded = fold(norm)
    out = []
    matches = g.rx.finditer(folded) if g.heads is None else word_start_matches(g.rx, folded, g.heads)
    for m in matches:
        k = _key(m.group("name"))
        code = g.form_code.get(k, "")
        if not code:
            continue  # a longer name that is not the province
        ns, ne = m.span("name")
        if not _capitalized(norm[ns:ne]):
            continue
        prefixed = m.group("pre") is not None or k in g.press_prefixed
        # the words before the match, on its line
        line_start = norm.rfind("\n", 0, m.start()) + 1
        before_norm = norm[max(line_start, m.start() - 40):m.start()]
        before_words = before_norm.split()
        suffixes = word_suffixes(fold(before_norm)) if before_norm[-1:].isspace() else set()
        if g.route_rx.search(fold(before_norm)):
            continue   # "tuyến TP HCM - Dầu Giây": an end of a route
        dash = regex.match(rf"{_H}*[-–]{_H}*(\p{{Lu}}\p{{Ll}}*(?:{_H}+\p{{Lu}}\p{{Ll}}*)+)", norm[ne:])
        if dash and _key(dash.group(1)) not in g.form_code:
            continue   # "TP HCM - Dầu Giây", "TP HCM - Long Thành - Dầu Giây": a route's end, not a province
        if not prefixed:
            if suffixes & g.not_after or suffixes & g.person_before:
                continue
            if before_words and before_norm[-1:].isspace():
                prev = before_words[-1]
                if prev in g.name_parts or (prev in g.family and prev[0].isupper()):
                    continue
            after = regex.match(rf"{_H}(\p{{L}}+)", norm[ne:])
            if after:
                w = after.group(1)
                if w[0].isupper() and not w.isupper() and w not in g.family:
                    continue  # part of a longer name: Long An Phú
        ok: bool | None = True
        if not prefixed and k in g.prefix_only:
            ok = None
        elif not prefixed and k in g.need_context:
            ok = True if suffixes & g.locatives else None
        pre = m.group("pre")
        city = pre is not None and not fold(pre).startswith("tỉnh")
        out.append(_Cand(m.start(), m.end(), ns, code, k, prefixed, ok, city))
    return out


def _settle_lists(norm: str, cands: list[_Cand], g: _Gazetteer) -> None:
    """Names that need context count when they stand in a list with one that counts
    (need_context), or in a list that a prefixed name opens (prefix_only)."""
    chains: list[list[_Cand]] = []
    for c in cands:
        if chains and g.sep_rx.fullmatch(fold(norm[chains[-1][-1].end:c.start])):
            chains[-1].append(c)
        else:
            chains.append([c])
    for chain in chains:
        for i, c in enumerate(chain):
            if c.ok is not None:
                continue
            if c.key in g.prefix_only:
                c.ok = any(o.prefixed for o in chain[:i])
            else:
                c.ok = any(o.ok is True or o.prefixed for o in chain if o is not c)
    for c in cands:
        c.ok = bool(c.ok)


@lru_cache(maxsize=64)
def _mentions(text: str, cset: str) -> tuple[Place, ...]:
    g = gazetteer()
    nt = normalize(text)
    cands = _candidates(nt.norm, g)
    _settle_lists(nt.norm, cands, g)
    out = []
    for c in cands:
        if not c.ok:
            continue
        code = c.code if cset == "63" else g.to34[c.code]
        s, e = nt.orig_span(c.start, c.end)
        capital = c.city_prefix and c.code not in g.central["63"] and code not in g.central[cset]
        out.append(Place(s, e, code, g.names[cset][code], capital))
    return tuple(out)


def province_mentions(text: str, start: int = 0, end: int | None = None,
                      published: str | None = None) -> list[Place]:
    """The provinces written in ``text[start:end]``, in text order, with codes of the code set
    of ``published`` (see ``code_set``). Offsets are into ``text`` as given; the words around
    the window are read to judge a name, but only names wholly inside it are returned."""
    end = len(text) if end is None else end
    return [p for p in _mentions(text, code_set(published)) if p.start >= start and p.end <= end]
