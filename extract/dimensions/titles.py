"""A title's canonical form: which post it names, whatever way it is written.

``Phó chủ tịch tỉnh Thừa Thiên - Huế`` and ``Phó Chủ tịch UBND tỉnh Thừa Thiên Huế`` are one
post; so are ``Bộ trưởng Tư pháp`` and ``Bộ trưởng Bộ Tư pháp``, ``Thủ tướng`` and ``Thủ tướng
Chính phủ``. ``canonical_post`` splits a title into its office and its body (organization),
expands abbreviations (``UBND``, ``NN-PTNT``, ``TP.HCM``), writes out the body an office implies
and the province of a bare ``… tỉnh``, and gives the folded comparison form. The rules are data:
``patterns/people/titles.toml`` (with examples the tests run), the offices and abbreviations of
``patterns/officials/``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..engine.patterns import alternation, load_toml, load_word_list
from ..engine.text import fold


@dataclass(frozen=True)
class Post:
    office: str          # folded office, with its modifiers: "phó chủ tịch thường trực"
    organization: str    # the body, abbreviations expanded, as written otherwise; "" when none
    canonical: str       # folded "office organization", without commas and dashes
    former: bool         # written "nguyên …" / "cựu …"


@lru_cache(maxsize=1)
def _rules():
    data = load_toml("people/titles.toml",
                     required={"abbreviations", "office_body", "office_alone", "level_body", "former",
                               "office_modifiers"},
                     allowed={"abbreviations", "office_body", "office_alone", "level_body", "former",
                              "office_modifiers", "examples"})
    official_abbr = load_toml("officials/abbreviations.toml")["abbreviations"]
    abbr = {**data["abbreviations"], **official_abbr}
    offices = [fold(w) for w in load_word_list("officials/offices.txt")]
    lb = data["level_body"]
    bare = [fold(w) for ws in load_toml("officials/abbreviations.toml")["bare_level"].values() for w in ws]
    return {
        "abbr": abbr,
        "office_rx": regex.compile(alternation(offices), regex.V1),
        "modifier_rx": regex.compile(r"\s+(?:" + alternation([fold(w) for w in data["office_modifiers"]]) + ")",
                                     regex.V1),
        "former_rx": regex.compile(r"(?:" + alternation([fold(w) for w in data["former"]]) + r")\s+", regex.V1),
        "office_body": {fold(k): v for k, v in data["office_body"].items()},
        "office_alone": {fold(k): v for k, v in data["office_alone"].items()},
        "level_offices": {fold(w) for w in lb["offices"]},
        "level_body": lb["body"],
        "level_rx": regex.compile(alternation([fold(w) for w in lb["levels"]]) + r"\s", regex.V1),
        "bare": sorted({fold(abbr.get(w, w)) if w.isupper() else w for w in bare}, key=len, reverse=True),
        "examples": data.get("examples", []),
    }


# "TP.HCM", "TP.Bạc Liêu": a dot between an abbreviation and the next capital is a space
_ABBR_DOT = regex.compile(r"(?<=(?<![\p{L}\p{N}])\p{Lu}{1,4})\.(?=\p{Lu})", regex.V1)
_DASH = regex.compile(r"\s+[-–—]\s+|\s*[–—]\s*", regex.V1)
_PUNCT = regex.compile(r"[,;:()\"“”]", regex.V1)


def expand_abbreviations(text: str) -> str:
    """``text`` with every abbreviation written out (``UBND`` -> ``Ủy ban nhân dân``)."""
    abbr = _rules()["abbr"]
    text = _ABBR_DOT.sub(" ", text)
    out = []
    for tok in text.split():
        core = tok.rstrip(".,;:")
        tail = tok[len(core):]
        rep = abbr.get(core) or abbr.get(core.replace(".", ""))
        out.append(rep + tail if rep else tok)
    return " ".join(out)


def comparison_key(text: str) -> str:
    """The folded comparison form: no commas or dashes, ``&`` = ``và``, one space."""
    text = _PUNCT.sub(" ", _DASH.sub(" ", text)).replace("&", " và ")
    return " ".join(fold(text).split())


def canonical_post(title: str, location: str | None = None) -> Post:
    """The post a title names (see the module doc); ``location`` is the province a bare
    ``… tỉnh`` / ``… Tỉnh ủy`` refers to (the OFFICIAL record's ``location``)."""
    r = _rules()
    t = " ".join(unicodedata.normalize("NFC", title).split())
    former = False
    m = r["former_rx"].match(fold(t))
    if m:
        former, t = True, t[m.end():]
    t = expand_abbreviations(t)
    ft = fold(t)
    m = r["office_rx"].match(ft)
    end = m.end() if m else (len(t.split(" ", 1)[0]) if t else 0)
    office = ft[:end]
    base = office
    while True:
        mm = r["modifier_rx"].match(ft, end)
        if not mm:
            break
        office = ft[:mm.end()]
        end = mm.end()
    org = _DASH.sub(" ", t[end:]).strip(" ,-–—")
    forg = fold(org)
    if base in r["level_offices"] and r["level_rx"].match(forg + " "):
        org = f"{r['level_body']} {org}"
    body = r["office_body"].get(base)
    if body and org and not (forg == fold(body) or forg.startswith(fold(body) + " ")):
        org = f"{body} {org}"
    if not org and office in r["office_alone"]:
        org = r["office_alone"][office]
    if location and org:
        forg = fold(org)
        if any(forg == b or forg.endswith(" " + b) for b in r["bare"]):
            org = f"{org} {location}"
    return Post(office=" ".join(office.split()), organization=org,
                canonical=comparison_key(f"{office} {org}"), former=former)


def office_regex() -> regex.Pattern:
    """Every office of officials/offices.txt, on folded text, longest first."""
    return _rules()["office_rx"]


def canonical_title(title: str, location: str | None = None) -> str:
    """``canonical_post(title, location).canonical``."""
    return canonical_post(title, location).canonical


def title_examples() -> list[list[str]]:
    return _rules()["examples"]
