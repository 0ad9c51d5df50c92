"""Matching copies of an article's text, with a map back to the text as given.

Every matcher works on ``NormalizedText.norm`` (NFC, LF line ends, no BOM); every record
reports offsets into the original string. Nothing here ever rewrites the original: the
contract requires ``article[start:end] == text`` for the text *as given* (NFD, CRLF and
all), and NFD input must give the same records as its NFC twin.

``fold`` is a second, same-length copy used only for gazetteer look-ups: lower case with
one tone placement (``hoà``/``hòa``, ``uỷ``/``ủy`` both fold to the same string).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

_BOM = "\ufeff"

# Old-style ("hoà", "uỷ") and new-style ("hòa", "ủy") tone placement are both in use in
# Vietnamese news; fold picks one so gazetteers match either. Same length both ways, so
# offsets in the folded copy equal offsets in the NFC copy.
_TONES = {  # base vowel -> its five toned forms (grave, hook, tilde, acute, dot)
    "a": "àảãáạ", "e": "èẻẽéẹ", "i": "ìỉĩíị", "o": "òỏõóọ", "u": "ùủũúụ", "y": "ỳỷỹýỵ",
}
_TONED = {c: (base, i) for base, forms in _TONES.items() for i, c in enumerate(forms)}


def _fold_pairs() -> dict[str, str]:
    """Two-letter sequences with the tone on the second vowel -> tone on the first.

    ``oà`` -> ``òa``, ``oè`` -> ``òe``, ``uỳ`` -> ``ùy`` … (the old placement moved to the new one).
    """
    pairs = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for i in range(5):
            pairs[first + _TONES[second][i]] = _TONES[first][i] + second
    return pairs


_FOLD_PAIRS = _fold_pairs()


def _fold_regex() -> re.Pattern:
    o_pairs = sorted(p for p in _FOLD_PAIRS if p[0] == "o")
    u_pairs = sorted(p for p in _FOLD_PAIRS if p[0] == "u")
    # "quà", "giừa": after q/g the u belongs to the consonant; keep as written.
    # A letter after the pair ("hoàng", "toàn", "khoẻ") means the tone sits on the second
    # vowel in both styles; only the open syllable (hoà/hòa) varies.
    return re.compile("(?:" + "|".join(o_pairs) + "|(?<![qg])(?:" + "|".join(u_pairs) + "))(?![^\\W\\d_])")


_FOLD_RX = _fold_regex()


def fold(s: str) -> str:
    """Lower-case NFC ``s`` with one tone placement; the result has the same length as ``s``."""
    global _LAST_FOLDED
    if len(s) > 1000:   # a whole article: folded again by the place look-up (the same object)
        last = _LAST_FOLDED   # one read: threads (Dask) may replace it meanwhile
        if last[0] is s:
            return last[1]
        _LAST_FOLDED = last = (s, _FOLD_RX.sub(lambda m: _FOLD_PAIRS[m.group()], s.lower()))
        return last[1]
    s = s.lower()
    return _FOLD_RX.sub(lambda m: _FOLD_PAIRS[m.group()], s)


_LAST_FOLDED: tuple = (None, None)   # the last long text folded (a str never changes) and its fold


_VOWEL_GROUPS = regex.compile(r"[aeiouy]+")


def foreign_syllable(w: str) -> bool:
    """A Latin-letter word that is no Vietnamese syllable ("Retail", "Index", "Max"; not
    "Tham", "Minh"): two vowel groups, a letter Vietnamese has not, or a final it has not."""
    w = w.lower()
    if len(_VOWEL_GROUPS.findall(w)) >= 2 or regex.search(r"[fjwz]", w):
        return True
    return not regex.search(r"(?:[aeiouy]|[cmnpt]|ch|ng|nh)$", w)


def word_suffixes(s: str) -> set[str]:
    """``{"c", "b c", "a b c"}`` for ``"a b  c"``: what a word list entry may equal when
    it ends the text (one set look-up per entry instead of one ``endswith`` per entry)."""
    parts = s.split()
    return {" ".join(parts[i:]) for i in range(len(parts))}


@dataclass(frozen=True)
class NormalizedText:
    """The text as given, its NFC matching copy, and the map between their offsets."""

    original: str
    norm: str
    # starts[i]/ends[i]: the original cluster that produced norm[i] (half-open). Both are
    # None when norm == original, the common case: identity map, no allocation.
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    @property
    def identity(self) -> bool:
        return self.starts is None

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``norm`` to the original text."""
        if self.starts is None:
            return start, end
        if end <= start:
            s = self.starts[start] if start < len(self.starts) else len(self.original)
            return s, s
        return self.starts[start], self.ends[end - 1]

    def orig_offset(self, i: int) -> int:
        if self.starts is None:
            return i
        return self.starts[i] if i < len(self.starts) else len(self.original)


@lru_cache(maxsize=1)
def _glue_data() -> dict:
    from .patterns import load_toml   # the rules are data (patterns/text/glued_breaks.toml)
    return load_toml("text/glued_breaks.toml", required={"rule", "vietnamese_letters"})


def vietnamese_letters() -> str:
    """The letters only Vietnamese words have (tone marks, ă â đ ê ô ơ ư), both cases."""
    letters = _glue_data()["vietnamese_letters"]
    return letters + letters.upper()


@lru_cache(maxsize=2)
def _rules(spaced: bool) -> tuple:
    """The compiled rules; ``spaced`` ones break before a space ("Ảnh: AFP Quân đội Mỹ …")
    and open on a literal cue, so each is searched over the text directly."""
    vn = vietnamese_letters()
    return tuple(regex.compile(r["pattern"].replace("{VN}", vn), regex.V1) for r in _glue_data()["rule"]
                 if bool(r.get("spaced")) == spaced)


# Every glued break has a lower-case letter, a digit or an end mark right before a capital:
# the rules are tried only on the lines that have one (most articles have none).
_GLUE_HINT = regex.compile(r"[\p{Ll}\p{N}.!?…\"”’)]\p{Lu}")


def glued_breaks(text: str) -> list[int]:
    """Where a flattened article lost a paragraph break (patterns/text/glued_breaks.toml):
    the offsets before which the matching copy gets a line break."""
    global _LAST_BREAKS
    last = _LAST_BREAKS   # the place look-up normalizes the article's matching copy again:
    if last[0] is text:   # when no break was put in, that is the very string just read
        return list(last[1])
    out = _glued_breaks(text)
    _LAST_BREAKS = (text, tuple(out))
    return out


_LAST_BREAKS: tuple = (None, ())


def _glued_breaks(text: str) -> list[int]:
    out = []
    for rx in _rules(spaced=True):
        for m in rx.finditer(text):
            b = m.end("left")
            while b < len(text) and text[b] in " \t":
                b += 1
            out.append(b)   # the next paragraph starts at its first letter
    for h in _GLUE_HINT.finditer(text, overlapped=True):
        b = h.end() - 1   # before the capital: the only place a break can go
        # a rule's left part is at most a credit and four words long: a window around b
        s = max(0, text.rfind("\n", max(0, b - 120), b) + 1, b - 120)
        for rx in _rules(spaced=False):
            if any(m.end("left") == b for m in rx.finditer(text, s, min(len(text), b + 40))):
                out.append(b)
                break
    return sorted(set(out))


def _with_breaks(nt: "NormalizedText", breaks: list[int]) -> "NormalizedText":
    """``nt`` with a line break inserted into its matching copy before each offset of
    ``breaks``; an inserted break maps to no character of the original (an empty span)."""
    norm, orig = nt.norm, nt.original
    starts = list(nt.starts) if nt.starts is not None else list(range(len(norm)))
    ends = list(nt.ends) if nt.ends is not None else list(range(1, len(norm) + 1))
    out, s2, e2, prev = [], [], [], 0
    for b in breaks + [len(norm)]:
        out.append(norm[prev:b]); s2.extend(starts[prev:b]); e2.extend(ends[prev:b])
        if b < len(norm):
            at = starts[b]
            out.append("\n"); s2.append(at); e2.append(at)
        prev = b
    return NormalizedText(orig, "".join(out), tuple(s2), tuple(e2))


def normalize(original: str) -> NormalizedText:
    """Build the NFC matching copy of ``original`` with its offset map.

    Drops a BOM anywhere, turns CRLF and lone CR into LF, composes each cluster (a starter
    and its combining marks) to NFC on its own, so every output character maps back to the
    cluster it came from, and puts back the line breaks a flattened article lost
    (``glued_breaks``).
    """
    nt = _nfc(original)
    breaks = glued_breaks(nt.norm)
    return _with_breaks(nt, breaks) if breaks else nt


def _nfc(original: str) -> NormalizedText:
    if (_BOM not in original and "\r" not in original
            and unicodedata.is_normalized("NFC", original)):
        return NormalizedText(original, original)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(original)
    i = 0
    while i < n:
        ch = original[i]
        if ch == _BOM:
            i += 1
            continue
        if ch == "\r":
            j = i + 2 if i + 1 < n and original[i + 1] == "\n" else i + 1
            out.append("\n"); starts.append(i); ends.append(j)
            i = j
            continue
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        for c in unicodedata.normalize("NFC", original[i:j]):
            out.append(c); starts.append(i); ends.append(j)
        i = j
    return NormalizedText(original, "".join(out), tuple(starts), tuple(ends))


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` starts (for line numbers in messages)."""
    starts = [0]
    starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
    return starts


def line_of(starts: list[int], offset: int) -> int:
    """1-based line number of ``offset`` given ``line_starts``."""
    return bisect_right(starts, offset)
