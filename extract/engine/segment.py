"""Word segmentation with underthesea, aligned to character offsets.

underthesea returns words as strings ("bộ phận", "63/63", "NĐ-CP"); this module finds each
word back in the text so every token carries ``[start, end)`` offsets. It is called with
``use_token_normalize=False``: underthesea's own normalizers rewrite tone marks and
spacing, and offsets must index the text as given.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from time import perf_counter

import underthesea.pipeline.word_tokenize as wt_module
from underthesea import word_tokenize
from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
from underthesea.pipeline.word_tokenize import regex_tokenize

from .wordcrf import SAFE_CHARS, _underthesea_tags, word_crf


def segment(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` spans of the words of ``text``, in order.

    The same words as ``word_tokenize(text, use_token_normalize=False)``, computed with its
    own regex tokenizer and CRF model (decoded by ``wordcrf``, five times faster than its
    Rust featurizer), but the offsets are read from the tokenizer's matches instead of
    searched back in the text (tests/test_segment.py checks both agree). A word of several syllables ("bộ phận") spans from its first syllable to its
    last. If underthesea's character normalization changes the text's length, the words
    are found back by search instead.
    """
    return _segment_with(text, lambda tokens: word_crf().tag(tokens))


def _segment_with(text: str, starts_of) -> list[tuple[int, int]]:
    """The words of ``text`` where ``starts_of(tokens)`` says which tokens start a word."""
    if not text.strip():
        return []
    prepared = normalize_characters_in_text(text)
    if len(prepared) != len(text):
        return segment_by_search(text)
    spans = _token_spans(prepared)
    return _join_words(spans, starts_of([prepared[s:e] for s, e in spans]))


def _join_words(spans: list[tuple[int, int]], starts) -> list[tuple[int, int]]:
    """The words of tokens ``spans``: a token that starts no word goes on the one before."""
    words: list[tuple[int, int]] = []
    for (s, e), starts_word in zip(spans, starts):
        if starts_word or not words:
            words.append((s, e))
        else:
            words[-1] = (words[-1][0], e)
    return words


def segment_with_underthesea(text: str) -> list[tuple[int, int]]:
    """``segment`` with underthesea's own featurizer and tagger (Rust) over the whole text:
    the reference that ``wordcrf`` and the lazy ``Segmentation`` are checked against."""
    return _segment_with(text, lambda tokens: [tag != "I-W" for tag in _word_model().predict([[t] for t in tokens])])


# underthesea's URL and domain patterns scan ahead through a run of letters, digits and
# dots from every position in it: a run of n such characters costs n² ("1.1.1.…" 60 kB long
# took 20 s). A run of more than MAX_RUN characters without a space (no article of
# ../shared/news/ has one) is tokenized MAX_RUN characters at a time.
MAX_RUN = 200
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


def _token_spans(text: str) -> list[tuple[int, int]]:
    """The spans of underthesea's regex tokens of ``text``, linear in its length."""
    patterns = regex_tokenize.patterns
    spans: list[tuple[int, int]] = []
    pos = 0
    for run in _LONG_RUN.finditer(text):
        _tokens(patterns, text, pos, run.start(), spans)
        for k in range(run.start(), run.end(), MAX_RUN):
            spans.extend(m.span() for m in patterns.finditer(text, k, min(k + MAX_RUN, run.end())))
        pos = run.end()
    _tokens(patterns, text, pos, len(text), spans)
    return spans


# A run of letters between blanks (no digit, no "_", no "ʺ"), with or without one "," or "."
# after it: underthesea's tokenizer gives the run as one token and the mark as another. Of
# its alternatives before ``word`` (\w+), each needs a digit or one of . - & ' ’ : @ inside
# the run or letters after the mark, or starts with a character that is no letter, except
# "Th.S" / "Th.s" (an unescaped dot: "Th" + any character + S; a run holding "Th" is left to
# the tokenizer) and, before a ".", an abbreviation: capitals ("UBND.", "TP.") or "Tp.",
# "Mr.", "Mrs.", "Ms.", "Dr.". The tokenizer tries its 14 alternatives at every character;
# 9 in 10 of a news article's runs are plain (tests/test_segment.py compares on the corpus).
_PLAIN_RUN = re.compile(r"(?<!\S)([^\W\d_ʺ]+)([.,]?)(?!\S)")
_ABBREVIATION = re.compile(r"[A-ZĐ]+|Tp|Mr|Mrs|Ms|Dr")


def _tokens(patterns, text: str, pos: int, endpos: int, spans: list) -> None:
    """Append the spans of ``patterns.finditer(text, pos, endpos)`` to ``spans``, with the
    plain runs of letters taken whole without running the tokenizer over them."""
    p = pos   # where the tokenizer goes on from
    for run in _PLAIN_RUN.finditer(text, pos, endpos):
        s = run.start()
        word, mark = run.groups()
        if s < p or "Th" in word or (mark == "." and _ABBREVIATION.fullmatch(word)):
            continue   # covered by a token that began earlier, or not plain
        if text[p:s].strip():   # other text before the run: the tokenizer's, up to the run
            for m in patterns.finditer(text, p, endpos):
                if m.start() >= s:
                    break
                spans.append(m.span())
                p = m.end()
            if p > s:
                continue   # a token went on into the run
        e = s + len(word)
        spans.append((s, e))
        if mark:
            spans.append((e, e + 1))
        p = run.end()
    if p < endpos:
        spans.extend(m.span() for m in patterns.finditer(text, p, endpos))


def _word_model():
    """underthesea's word-segmentation CRF, loaded once by ``word_tokenize`` itself."""
    if wt_module.word_tokenize_model is None:
        word_tokenize("khởi động")
    return wt_module.word_tokenize_model


def segment_by_search(text: str) -> list[tuple[int, int]]:
    """``segment`` by searching each word of ``word_tokenize`` back in ``text``.

    A word of several syllables ("bộ phận") spans from its first syllable to its last,
    whatever whitespace stands between them in the text. A word underthesea returns but
    that cannot be found where expected (it never rewrites text with normalization off,
    but we do not rely on it) is skipped; the characters stay outside any token.
    """
    spans: list[tuple[int, int]] = []
    if not text.strip():
        return spans
    pos = 0
    for word in word_tokenize(text, use_token_normalize=False):
        start = end = -1
        cursor = pos
        ok = True
        for syllable in word.split():
            i = text.find(syllable, cursor)
            # the syllable must follow within whitespace of the previous one
            if i < 0 or (text[cursor:i].strip() and start >= 0):
                ok = False
                break
            if start < 0:
                if text[pos:i].strip() and i - pos > 200:
                    ok = False   # far away: a rewritten word; do not jump ahead
                    break
                start = i
            end = i + len(syllable)
            cursor = end
        if ok and start >= 0:
            spans.append((start, end))
            pos = end
    return spans


_POS_TAGGER = None


def pos_tags(words: list[str]) -> list[str]:
    """Part-of-speech tags (VLSP 2013 tag set: N, Np, V, A, E, M, L, CH, …) for ``words``.

    Used only on short windows (the words after a number, to tell where the counted noun
    ends): tagging a whole article would cost many times the segmentation, a window of
    eight words costs well under a millisecond. The CRF model ships inside underthesea.
    """
    global _POS_TAGGER
    if not words:
        return []
    if _POS_TAGGER is None:
        from os.path import dirname, join

        import underthesea.pipeline.pos_tag as pos_pkg
        from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
        tagger = FastCRFSequenceTagger()
        tagger.load(join(dirname(pos_pkg.__file__), "models", "pos_crf_vlsp2013_20230303"))
        _POS_TAGGER = tagger
    # one space between syllables: the Rust featurizer panics on a run of blanks ("Miễn  phí")
    key = tuple(" ".join(w.split()) or "_" for w in words)
    tags = _POS_CACHE.get(key)
    if tags is None:
        if len(_POS_CACHE) >= _POS_CACHE_CAP:
            _POS_CACHE.clear()
        tags = _POS_CACHE[key] = tuple(t[2:] if t.startswith(("B-", "I-")) else t
                                       for t in _POS_TAGGER.predict([[w] for w in key]))
    return list(tags)


# the same window comes back (the rules of one number ask for the words after it in turn,
# and phrases recur across articles): the tags of a window are a function of its words
_POS_CACHE: dict[tuple, tuple] = {}
_POS_CACHE_CAP = 50_000


def clear_pos_cache() -> None:
    """Forget the tags of the windows seen (the benchmark's rounds repeat their articles)."""
    _POS_CACHE.clear()


class Segmentation(Sequence):
    """The words of one text, segmented where they are asked for.

    underthesea tags the syllables of the whole text as one CRF sequence, and a tag may in
    principle depend on any syllable; in practice the dependence dies out within a few
    syllables. A stretch is tagged in a window with a margin of context on both sides, and
    ``WordCRF.settled`` proves which tags of the window cannot depend on what lies outside
    it; only those are kept (the margin doubles until the stretch asked for is settled).
    So every word given is exactly a word of ``segment(text)`` (tests/test_lazy_segment.py
    and ``bench/bench.py --parts equality`` compare). ``words()`` gives them all.

    Syllables come from underthesea's regex tokenizer run once over the whole text (its
    tokens never hold whitespace). A text underthesea's character normalization would
    change, or with characters ``wordcrf`` does not decode, is segmented whole at once.
    As a sequence (``len``, ``[i]``, iteration) it is the list of every word, segmented
    whole on first use: code that reads words by index keeps working, at full cost.
    """

    # syllables of context each side at first: the tags settle within 3 syllables of
    # either edge in 99 % of windows (the margin doubles otherwise)
    MARGIN = 3

    def __init__(self, text: str):
        t0 = perf_counter()
        self.text = text
        self._all: list[tuple[int, int]] | None = None
        self.windows = 0   # CRF windows run, and seconds spent segmenting (for the benchmark)
        prepared = normalize_characters_in_text(text) if text.strip() else text
        spans = _token_spans(prepared) if text.strip() else []
        self.syllables = [prepared[s:e] for s, e in spans]
        if len(prepared) != len(text) or not SAFE_CHARS.fullmatch("".join(self.syllables)):
            self._all = segment(text)
            spans = list(self._all)
            self.syllables = [text[s:e] for s, e in spans]
            self.starts_word = bytearray(b"\x01") * len(spans)
        else:
            self.starts_word = bytearray(len(spans))   # 0 unknown, 1 a word starts here, 2 it goes on
        self.syl_starts = [s for s, _ in spans]
        self.syl_ends = [e for _, e in spans]
        self._em: list | None = None   # the emissions of every syllable, once asked
        self.known = self._all is not None
        self.seconds = perf_counter() - t0

    @classmethod
    def of_words(cls, words: list[tuple[int, int]]) -> "Segmentation":
        """A segmentation already known: the words given (each is its own syllable here)."""
        self = cls.__new__(cls)
        self.text = None
        self._all = list(words)
        self.windows, self.seconds = 0, 0.0
        self.syllables = None
        self.starts_word = bytearray(b"\x01") * len(self._all)
        self.syl_starts = [s for s, _ in self._all]
        self.syl_ends = [e for _, e in self._all]
        self.known = True
        return self

    def __len__(self) -> int:
        return len(self.words())

    def __getitem__(self, i):
        return self.words()[i]

    def __iter__(self):
        return iter(self.words())

    # --- tags ----------------------------------------------------------------------------
    def _emissions(self, lo: int, hi: int) -> list[float]:
        """The emissions of syllables ``lo``..``hi`` (each from its own syllables and two on
        each side). The windows asked for cover nine in ten syllables of a news body, with
        their context: all are computed at the first ask, in one call."""
        if self._em is None:
            self._em = word_crf().emissions(self.syllables)
        return self._em[lo:hi + 1]

    def _tag_range(self, i: int, j: int) -> None:
        """Settle the tags of syllables ``i``..``j`` (inclusive)."""
        n = len(self.syllables)
        sw = self.starts_word
        i, j = max(0, i), min(n - 1, j)
        while i <= j and sw[i]:
            i += 1
        while j >= i and sw[j]:
            j -= 1
        if i > j:
            return
        t0 = perf_counter()
        try:
            self._window(i, j)
        finally:
            self.seconds += perf_counter() - t0

    def _window(self, i: int, j: int) -> None:
        n, sw = len(self.syllables), self.starts_word
        crf = word_crf()
        margin = self.MARGIN
        while True:
            lo, hi = max(0, i - margin), min(n - 1, j + margin)
            em = self._emissions(lo, hi)
            open_left, open_right = lo > 0, hi < n - 1
            # every emission is the whole text's; only the Viterbi state at the window's
            # first syllable (no predecessor) and the last (no successor) are not
            got = crf.settled(em, 1 if open_left else 0, len(em) - 1, open_left, open_right)
            self.windows += 1
            if got is not None and lo + got[0] <= i and j <= lo + got[1]:
                tags = crf.viterbi(em)
                if tags is None:   # a tie: underthesea's own tagger decides, over the whole text
                    for k, t in enumerate(_underthesea_tags(self.syllables)):
                        sw[k] = 1 if t else 2
                    return
                a, b = got
                for p in range(a, b + 1):
                    sw[lo + p] = 1 if tags[p] else 2
                if lo + a == 0:
                    sw[0] = 1   # the first syllable always starts a word
                return
            if not open_left and not open_right:
                raise AssertionError("a window over the whole text is always settled")
            margin *= 2

    def settle(self, start: int, end: int) -> None:
        """Segment the stretch ``start``..``end`` (character offsets) in one window."""
        i = bisect_left(self.syl_starts, start)
        j = bisect_left(self.syl_starts, end)   # one syllable past: does the last word go on?
        if self._all is None:
            self._tag_range(i - 1, j)

    def settle_around(self, positions: list[int], before: int = 2, after: int = 4) -> None:
        """Segment a few syllables around each of ``positions`` (sorted character offsets),
        in one window per cluster of nearby positions."""
        if self._all is not None or not positions:
            return
        ks = [bisect_left(self.syl_starts, p) for p in positions]
        lo, hi = ks[0] - before, ks[0] + after
        for k in ks[1:]:
            if k - before > hi + 2 * self.MARGIN:
                self._tag_range(lo, hi)
                lo = k - before
            hi = k + after
        self._tag_range(lo, hi)

    def starts(self, k: int) -> bool:
        """True when a word starts at syllable ``k``."""
        sw = self.starts_word
        if not sw[k]:
            self._tag_range(k - 2, k + 4)   # callers read on: settle the words around at once
        return sw[k] == 1 or k == 0

    # --- words ---------------------------------------------------------------------------
    def words(self) -> list[tuple[int, int]]:
        """Every word, as ``segment(text)`` gives them."""
        if self._all is None:
            sw = self.starts_word
            if 0 in sw:
                t0 = perf_counter()
                tags = word_crf().tag(self.syllables)
                self.seconds += perf_counter() - t0
                for k, t in enumerate(tags):
                    sw[k] = 1 if t else 2
            if sw:
                sw[0] = 1
            self.known = True
            self._all = [(self.syl_starts[a], self.syl_ends[b - 1]) for a, b in self._runs(0, len(sw))]
        return self._all

    def _runs(self, a: int, b: int):
        """(first, past-last) syllable of each word starting in syllables ``a``..``b - 1``."""
        k = a
        while k < b:
            m = k + 1
            while m < len(self.starts_word) and not self.starts(m):
                m += 1
            yield k, m
            k = m

    def word_of(self, k: int) -> tuple[int, int]:
        """(first, past-last) syllable of the word holding syllable ``k``."""
        a = k
        while not self.starts(a):
            a -= 1
        b = k + 1
        n = len(self.starts_word)
        while b < n and not self.starts(b):
            b += 1
        return a, b

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.syl_starts[a], self.syl_ends[b - 1]

    def containing(self, pos: int) -> tuple[int, int] | None:
        """The word with ``start < pos < end``, else None."""
        k = bisect_left(self.syl_starts, pos) - 1    # last syllable starting before pos
        if k < 0:
            return None
        s, e = self.span(*self.word_of(k))
        return (s, e) if s < pos < e else None

    def syllable_at(self, pos: int) -> tuple[int, int] | None:
        """The syllable starting at ``pos``, else None (no segmentation needed)."""
        k = bisect_left(self.syl_starts, pos)
        if k < len(self.syl_starts) and self.syl_starts[k] == pos:
            return pos, self.syl_ends[k]
        return None

    def word_starting_at(self, pos: int) -> tuple[int, int] | None:
        """The word starting at ``pos``, else None."""
        k = bisect_left(self.syl_starts, pos)
        if k == len(self.syl_starts) or self.syl_starts[k] != pos or not self.starts(k):
            return None
        return self.span(*self.word_of(k))

    def between(self, start: int, end: int) -> list[tuple[int, int]]:
        """The words starting at or after ``start`` and before ``end``."""
        self.settle(start, end)
        out = []
        for w in self.from_pos(start):
            if w[0] >= end:
                break
            out.append(w)
        return out

    def from_pos(self, pos: int):
        """The words starting at or after ``pos``, in order (a generator: read as far as needed)."""
        k = bisect_left(self.syl_starts, pos)
        n = len(self.starts_word)
        while k < n and not self.starts(k):
            k += 1
        while k < n:
            a, b = self.word_of(k)
            yield self.span(a, b)
            k = b

    def ending_at_or_before(self, pos: int) -> tuple[int, int] | None:
        """The last word with ``end <= pos``, else None."""
        k = bisect_right(self.syl_ends, pos) - 1     # last syllable ending at or before pos
        while k >= 0:
            a, b = self.word_of(k)
            if self.syl_ends[b - 1] <= pos:
                return self.span(a, b)
            k = a - 1
        return None

    def before(self, pos: int, n: int) -> list[tuple[int, int]]:
        """Up to ``n`` words ending at or before ``pos``, the last one last."""
        last = self.ending_at_or_before(pos)
        if last is None:
            return []
        out = [last]
        k = bisect_left(self.syl_starts, last[0]) - 1
        while len(out) < n and k >= 0:
            a, b = self.word_of(k)
            out.append(self.span(a, b))
            k = a - 1
        out.reverse()
        return out
