"""Loading and validating the rule files of ``patterns/``.

Rules are data: TOML rule files (``[[rule]]`` tables with an id, a type, a regex built from
named pieces, and examples) and plain word lists. Everything is validated when loaded, so a
typo in a pattern file fails at start-up with the file and the rule named, not as a silent
miss at run time.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .errors import PatternError

PATTERNS_DIR = Path(os.environ.get("VNEXTRACT_PATTERNS",
                                   Path(__file__).resolve().parents[2] / "patterns"))


def pattern_path(rel: str) -> Path:
    path = PATTERNS_DIR / rel
    if not path.exists():
        raise PatternError(f"E101 pattern file {path} not found: is VNEXTRACT_PATTERNS right, "
                           f"or was the package installed without its patterns/ folder?")
    return path


def load_toml(rel: str, required: set[str] = frozenset(), allowed: set[str] | None = None) -> dict:
    """Parse ``patterns/<rel>`` and check its top-level keys."""
    path = pattern_path(rel)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise PatternError(f"E102 {path}: not valid TOML: {e}") from None
    missing = set(required) - set(data)
    if missing:
        raise PatternError(f"E103 {path}: missing keys {sorted(missing)}")
    if allowed is not None:
        extra = set(data) - set(allowed)
        if extra:
            raise PatternError(f"E104 {path}: unknown keys {sorted(extra)} (allowed: {sorted(allowed)})")
    return data


def load_word_list(rel: str) -> list[str]:
    """A plain word list: one entry a line, ``#`` starts a comment."""
    path = pattern_path(rel)
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return words


def alternation(words, *, boundary: bool = True, lead: bool = True) -> str:
    """A regex alternation of literal ``words``, longest first so that the longest wins.

    Spaces inside entries match any run of spaces. With ``boundary`` the alternation cannot
    start or end inside a word; ``lead=False`` lets it follow a digit directly ("15.000đ").
    """
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    body = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in parts)
    if not boundary:
        return f"(?:{body})"
    before = r"(?<![\p{L}\p{N}])" if lead else r"(?<!\p{L})"
    return rf"{before}(?:{body})(?![\p{{L}}\p{{N}}])"


RULE_KEYS = {"id", "type", "pattern", "resolver", "priority", "examples", "counter_examples",
             "flags", "options", "note", "anchor", "lookback", "trigger", "near", "lookahead", "head"}
# Where a rule is tried (see matching.py): "number" = only where a number starts;
# "trigger" = only around hits of the rule's cheap ``trigger`` regex (folded text).
ANCHORS = {"number", "trigger"}


@dataclass(frozen=True)
class Rule:
    """One matcher: where (``regex``) and which resolver says what it means."""

    id: str
    type: str
    regex: regex.Pattern
    resolver: str
    priority: int
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    options: dict = field(default_factory=dict)
    source: str = ""


def expand(template: str, pieces: dict[str, str], where: str, _depth: int = 0) -> str:
    """Replace ``{name}`` references with named pieces, recursively (Recognizers-Text style)."""
    if _depth > 10:
        raise PatternError(f"E105 {where}: pieces refer to each other in a loop")

    def sub(m):
        name = m.group(1)
        if name not in pieces:
            raise PatternError(f"E106 {where}: unknown piece {{{name}}} (known: {sorted(pieces)})")
        return "(?:" + expand(pieces[name], pieces, where, _depth + 1) + ")"

    # {name} where name is an identifier; regex quantifiers like {1,3} are left alone
    return regex.sub(r"(?<!\\[pP])\{([A-Za-z_][A-Za-z0-9_]*)\}", sub, template)


def compile_rules(rel: str, pieces: dict[str, str], types: set[str], resolvers: set[str]) -> list[Rule]:
    """Load ``[[rule]]`` tables from ``patterns/<rel>``, expand their pieces and compile them."""
    data = load_toml(rel, required={"rule"}, allowed={"rule", "pieces"})
    local = dict(pieces)
    local.update(data.get("pieces", {}))
    rules = []
    seen = set()
    for i, raw in enumerate(data["rule"]):
        where = f"{pattern_path(rel)} rule #{i + 1} ({raw.get('id', '?')})"
        extra = set(raw) - RULE_KEYS
        if extra:
            raise PatternError(f"E107 {where}: unknown keys {sorted(extra)}")
        for k in ("id", "type", "pattern", "resolver"):
            if k not in raw:
                raise PatternError(f"E108 {where}: missing key {k!r}")
        if raw["id"] in seen:
            raise PatternError(f"E109 {where}: duplicate rule id")
        seen.add(raw["id"])
        if raw["type"] not in types:
            raise PatternError(f"E110 {where}: type {raw['type']!r} not one of {sorted(types)}")
        if raw["resolver"] not in resolvers:
            raise PatternError(f"E111 {where}: resolver {raw['resolver']!r} not one of {sorted(resolvers)}")
        if raw.get("anchor", "number") not in ANCHORS:
            raise PatternError(f"E113 {where}: anchor {raw['anchor']!r} not one of {sorted(ANCHORS)}")
        anchor_opts = {}
        if "anchor" in raw:
            anchor_opts["anchor"] = raw["anchor"]
        if raw.get("anchor") == "trigger" and "trigger" not in raw:
            raise PatternError(f"E114 {where}: anchor 'trigger' needs a trigger regex")
        if "trigger" in raw:
            if raw.get("anchor") != "trigger":
                raise PatternError(f"E114 {where}: a trigger needs anchor = 'trigger'")
            try:
                anchor_opts["trigger"] = regex.compile(expand(raw["trigger"], local, where), regex.V1)
            except regex.error as e:
                raise PatternError(f"E112 {where}: bad trigger regex: {e}") from None
        if "near" in raw:
            # number-anchored rules: only numbers followed within ``lookahead`` characters
            # by a hit of this cheap regex are tried ("%" for percentages). It runs on the
            # folded (lower-case) text: literal alternations, no case folding, no lookarounds.
            if raw.get("anchor") != "number" or "lookahead" not in raw:
                raise PatternError(f"E116 {where}: near needs anchor = 'number' and a lookahead")
            try:
                anchor_opts["near"] = regex.compile(expand(raw["near"], local, where), regex.V1)
            except regex.error as e:
                raise PatternError(f"E112 {where}: bad near regex: {e}") from None
            if not isinstance(raw["lookahead"], int) or not 0 < raw["lookahead"] <= 200:
                raise PatternError(f"E115 {where}: lookahead must be an integer number of characters, 1..200")
            anchor_opts["lookahead"] = raw["lookahead"]
        if "lookback" in raw:
            if not isinstance(raw["lookback"], int) or not 0 < raw["lookback"] <= 200:
                raise PatternError(f"E115 {where}: lookback must be an integer number of characters, 1..200")
            anchor_opts["lookback"] = raw["lookback"]
        flags = regex.V1
        for f in raw.get("flags", []):
            flags |= {"IGNORECASE": regex.IGNORECASE}[f]
        try:
            rx = regex.compile(expand(raw["pattern"], local, where), flags)
        except regex.error as e:
            raise PatternError(f"E112 {where}: bad regex: {e}") from None
        if "head" in raw:
            anchor_opts["head"] = _head_regex(raw, local, flags, where)
        if raw.get("anchor") == "number" and "lookback" not in raw and "pre_at_number" in local:
            # the regex tried right at a number, where {pre} can only be empty
            at_number = dict(local, pre=local["pre_at_number"])
            anchor_opts["at_number"] = regex.compile(expand(raw["pattern"], at_number, where), flags)
        rules.append(Rule(raw["id"], raw["type"], rx, raw["resolver"], int(raw.get("priority", 50)),
                          tuple(raw.get("examples", ())), tuple(raw.get("counter_examples", ())),
                          dict(raw.get("options", {}), **anchor_opts),
                          str(pattern_path(rel))))
    return rules


def _head_regex(raw: dict, pieces: dict[str, str], flags: int, where: str) -> regex.Pattern:
    """A rule's ``head``: the start of its pattern, which every match begins with. A window
    rule is tried only where its head matches (matching.py: window_matches), and rules that
    share a head ask it once per position. So that a match can never be skipped, the head
    must be the pattern's own first characters, cut where no quantifier or top-level ``|``
    can make it optional."""
    head, pattern = raw["head"], raw["pattern"]
    if raw.get("anchor") != "trigger":
        raise PatternError(f"E117 {where}: a head needs anchor = 'trigger'")
    rest = pattern[len(head):]
    if (not head or not pattern.startswith(head) or regex.match(r"[*+?]|\{\s*[\d,]", rest)
            or _top_level_bar(expand(pattern, pieces, where)) or _top_level_bar(expand(head, pieces, where))
            or not _balanced(head)):
        raise PatternError(f"E117 {where}: head must be the pattern's first characters, a whole "
                           f"sequence of it (no quantifier after it, no top-level '|')")
    try:
        return regex.compile(expand(head, pieces, where), flags)
    except regex.error as e:
        raise PatternError(f"E112 {where}: bad head regex: {e}") from None


def regex_structure(s: str):
    """(index, character, group depth after it, inside a class) for each unescaped
    character of regex ``s``: the one scan that tells where a pattern's top level is."""
    depth, cls, i = 0, False, 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
            yield i, c, depth, True
            i += 1
            continue
        if c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        yield i, c, depth, False
        i += 1


def _top_level_bar(s: str) -> bool:
    return any(c == "|" and d == 0 and not k for _, c, d, k in regex_structure(s))


def _balanced(s: str) -> bool:
    depths = [d for _, _, d, _ in regex_structure(s)]
    return min(depths, default=0) >= 0 and (not depths or depths[-1] == 0)
