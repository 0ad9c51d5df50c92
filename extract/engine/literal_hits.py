"""Hits of a literal-word trigger, found without running the ``regex`` module over the body.

Most rule ``trigger`` and ``near`` regexes are an alternation of literal words between
boundary lookarounds, ``(?<![\\p{L}\\p{N}])(?:tháng|quý|năm)(?![\\p{L}\\p{N}])``. The
``regex`` module scans such an alternation slowly (it tries every branch at every
character). Every match of such a pattern starts with one of a few literal strings (the
"keys": the literal head of each branch), so ``str.find`` finds where a key starts,
and the rule's own regex is tried only there: the hits are the same
positions an overlapped ``finditer`` gives, as it reports every position a match starts.
A pattern of any other shape returns ``None`` and the caller runs the regex as before.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .patterns import regex_structure

# zero-width heads that do not move the start of a match
_LEADS = (r"(?<![\p{L}\p{N}])", r"(?<!\p{L})")
_META = set(".^$*+?{}[]()|\\")
_QUANT = set("*+?{")

_keys_cache: dict[str, "tuple[str, ...] | None"] = {}


def _split_top(s: str) -> list[str] | None:
    """``s`` cut at its top-level ``|``; None if its brackets do not balance."""
    parts, start, depth, open_class = [], 0, 0, False
    for i, c, depth, in_class in regex_structure(s):
        open_class = c != "]" if in_class else c == "["   # still inside a class after it
        if in_class:
            continue
        if depth < 0:
            return None
        if c == "|" and depth == 0:
            parts.append(s[start:i])
            start = i + 1
    if depth or open_class:
        return None
    parts.append(s[start:])
    return parts


def _enclosed(s: str) -> bool:
    """True when ``s`` is one ``(?:…)`` group from its first character to its last."""
    if not (s.startswith("(?:") and s.endswith(")")):
        return False
    for i, c, depth, in_class in regex_structure(s):
        if c == ")" and not in_class and depth == 0:
            return i == len(s) - 1
    return False


def _head(branch: str) -> str:
    """The literal characters a branch starts with ('' if it starts with anything else)."""
    out, i = [], 0
    while i < len(branch):
        c = branch[i]
        if c == "\\":
            nxt = branch[i + 1:i + 2]
            if not nxt or nxt.isalnum():   # \s, \d, \p{…}: not a literal
                break
            tok, i = nxt, i + 2
        elif c in _META:
            break
        else:
            tok, i = c, i + 1
        if i < len(branch) and branch[i] in _QUANT:   # "ab?": "b" may be absent
            break
        out.append(tok)
    return "".join(out)


def keys_of(pattern: str) -> list[str] | None:
    """The literal heads every match of ``pattern`` starts with, or None if its shape is
    not ``LEAD? (?:branch|…) TRAIL?`` with a literal head on every branch."""
    p = pattern
    while _enclosed(p):
        p = p[3:-1]
    for lead in _LEADS:
        if p.startswith(lead):
            p = p[len(lead):]
            break
    if p.startswith("(?:"):
        # the group of branches, then only lookarounds that do not consume (the trail)
        depth_end = None
        for end in range(3, len(p) + 1):
            if _enclosed(p[:end]):
                depth_end = end
                break
        if depth_end is None:
            return None
        # what follows may be anything that does not make the group optional or add a branch
        trail = p[depth_end:]
        if trail[:1] in _QUANT or len(_split_top(trail) or ()) != 1:
            return None
        p = p[3:depth_end - 1]
    branches = _split_top(p)
    if not branches:
        return None
    keys = [_head(b) for b in branches]
    if not all(keys):
        return None
    return keys


def _keys(pattern: str) -> tuple[str, ...] | None:
    if pattern not in _keys_cache:
        keys = keys_of(pattern)
        # a key that starts with another key adds no start the shorter one does not find
        if keys is not None:
            keys = sorted(set(keys), key=len)
            keys = tuple(k for i, k in enumerate(keys) if not any(k.startswith(s) for s in keys[:i]))
            # one literal: the regex module's own literal search is as fast; a one-letter
            # ASCII key ("m", "t") gives too many candidates to try the regex at
            if len(keys) < 2 or any(len(k) == 1 and k.isascii() and k.isalpha() for k in keys):
                keys = None
        _keys_cache[pattern] = keys
    return _keys_cache[pattern]


def literal_hits(rx, text: str, start: int, end: int) -> list[int] | None:
    """Where ``rx`` matches in ``text[start:end]`` (every start, as an overlapped finditer
    gives them), or None when ``rx`` is not a literal-head pattern."""
    if rx.flags & regex.IGNORECASE or "(?i" in rx.pattern:
        return None
    keys = _keys(rx.pattern)
    if keys is None:
        return None
    find, match = text.find, rx.match
    cands = set()
    for k in keys:
        i = find(k, start, end)
        while i >= 0:
            cands.add(i)
            i = find(k, i + 1, end)
    return [p for p in sorted(cands) if match(text, p, end)]


_HEAD = regex.compile(r"[\p{L}\p{N}]*")
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")


@lru_cache(maxsize=64)
def _shortest(heads: tuple[str, ...]) -> tuple[str, ...]:
    """``heads`` without those that start with another ("brvt" after "br"): the shorter
    one finds every start the longer one would."""
    return tuple(h for h in heads if not any(h != o and h.startswith(o) for o in heads))


def word_heads(keys) -> tuple[str, ...] | None:
    """The leading run of letters and digits of each literal key ("tp" of "tp.hcm"), or None
    if a key starts with anything else."""
    heads = tuple(sorted({_HEAD.match(k).group() for k in keys}))
    return heads if heads and all(heads) else None


def word_start_matches(rx: regex.Pattern, text: str, heads: tuple[str, ...], start: int = 0,
                       end: int | None = None):
    """The matches ``rx.finditer(text, start, end)`` gives, for an ``rx`` that starts with
    ``(?<![\\p{L}\\p{N}])`` and whose every match begins with a literal whose leading run of
    letters and digits is one of ``heads``: such a match starts where a run of letters and
    digits starts, and that run begins with a head. Runs are grouped by their text, so a
    gazetteer of hundreds of names costs one ``startswith`` per distinct word."""
    # a run begins with a head where the head's text stands with no letter or digit before
    # it (a head is letters and digits): one str.find pass per head, not a look at every word
    end = len(text) if end is None else end
    find, is_word = text.find, _WORD_CHAR.match
    found = set()
    for h in _shortest(heads):
        i = find(h, start, end)   # a match within ``end`` holds its head within it
        while i >= 0:
            if i == 0 or not is_word(text, i - 1):
                found.add(i)
            i = find(h, i + 1, end)
    cands = sorted(found)
    last_end = start
    for p in cands:
        if p < last_end:
            continue
        m = rx.match(text, p, end)
        if m:
            yield m
            last_end = m.end()




def whole_word_spans(text: str, form: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans ``regex.finditer(r"(?<![\\p{L}\\p{N}])" + escape(form) + r"(?![\\p{L}\\p{N}])",
    text, start, end)`` gives, by ``str.find``: a form seen once (a name in one article)
    is not worth compiling a regex for. The lookbehind sees before ``start``; the lookahead
    stops at ``end``, as the regex's do."""
    if not form:
        raise ValueError("empty form")
    out, n, find, is_word = [], len(form), text.find, _WORD_CHAR.match
    i = find(form, start, end)
    while i >= 0:
        j = i + n
        if (i == 0 or not is_word(text, i - 1)) and (j >= end or not is_word(text, j)):
            out.append((i, j))
            i = find(form, j, end)
        else:
            i = find(form, i + 1, end)
    return out
