"""What a resolver may look at: one article's matching text, its words and sentences.

Built once per article and shared by every dimension, so the text is normalized once and
each stretch is segmented at most once (segmentation is the expensive step).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from .segment import Segmentation
from .text import NormalizedText, fold


@dataclass(eq=False)
class Mention:
    """A found and resolved mention, with offsets into the matching copy (``norm``)."""

    type: str
    start: int
    end: int
    value: object
    rule: str
    priority: int = 50
    qualifier: str | None = None
    change: str | None = None
    unit: str | None = None
    extra: dict = field(default_factory=dict)
    # the statement of a quantity (extract.statements): part name -> Part, spans of ``norm``
    about: dict | None = None

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(eq=False)
class ArticleContext:
    """The matching copy of an article with its words, sentences and metadata.

    ``tokens`` are underthesea words as ``(start, end)`` spans of ``norm`` (a list, or a
    ``Segmentation`` that segments only where asked: resolvers read words by position
    with ``word_containing``, ``words_from``, … and only those stretches are segmented;
    indexing ``tokens`` segments the whole body); ``sentences`` likewise. ``published`` is an ISO date (or None), used to resolve year-less dates.
    ``body_end`` is where the article body stops (the related-article tail begins).
    """

    text: NormalizedText
    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    published: str | None = None
    body_start: int = 0
    body_end: int | None = None
    meta: dict = field(default_factory=dict)
    title_span: tuple[int, int] | None = None      # the headline line, where there is one
    dateline_span: tuple[int, int] | None = None
    mentions: list = field(default_factory=list)   # resolved mentions, once the pipeline ran
    # what matchers compute once per article and share (number anchors, …): not metadata
    cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.norm = self.text.norm
        self.folded = fold(self.norm)
        if not isinstance(self.tokens, Segmentation):
            self.tokens = Segmentation.of_words(self.tokens)
        self._sent_starts = [s for s, _ in self.sentences]
        if self.body_end is None:
            self.body_end = len(self.norm)

    # --- words, by position: segmented only where asked (extract.engine.segment) -----------
    def word_containing(self, pos: int) -> tuple[int, int] | None:
        """The word with ``start < pos < end`` (``pos`` strictly inside), else None."""
        return self.tokens.containing(pos)

    def word_at_or_after(self, pos: int) -> tuple[int, int] | None:
        """The first word starting at or after ``pos``, else None."""
        return next(iter(self.tokens.from_pos(pos)), None)

    def words_from(self, pos: int):
        """The words starting at or after ``pos``, in order; read as far as needed."""
        return self.tokens.from_pos(pos)

    def words_between(self, start: int, end: int) -> list[tuple[int, int]]:
        """The words starting at or after ``start`` and before ``end`` (one window)."""
        return self.tokens.between(start, end)

    def word_ending_at_or_before(self, pos: int) -> tuple[int, int] | None:
        """The last word ending at or before ``pos``, else None."""
        return self.tokens.ending_at_or_before(pos)

    def word_continues_after(self, end: int) -> bool:
        """True when the word holding ``norm[end - 1]`` goes on past ``end``.

        Tells ``20 triệu đồng`` (the word ends with đồng) from ``3 đồng chí`` (đồng is the
        start of the word ``đồng chí``). underthesea may glue a number to the next word
        ("21/22 bộ"), so only the end of the span is tested.
        """
        return self.tokens.containing(end) is not None

    def last_words(self, pos: int, n: int) -> list[tuple[int, int]]:
        """Up to ``n`` words ending at or before ``pos``, in text order."""
        return self.tokens.before(pos, n)

    def words_before(self, pos: int, n: int = 3) -> str:
        """The (folded) text of up to ``n`` words ending right before ``pos``."""
        got = self.tokens.before(pos, n)
        if not got:
            return ""
        # only words of the same line and sentence stretch
        start = got[0][0]
        nl = self.norm.rfind("\n", start, pos)
        if nl >= 0:
            start = nl + 1
        return self.folded[start:pos].strip()

    # --- words, by index into every word (segments the whole body on first use) ----------
    @cached_property
    def _tok_starts(self) -> list[int]:
        return [s for s, _ in self.tokens]

    @cached_property
    def _tok_ends(self) -> list[int]:
        return [e for _, e in self.tokens]

    def token_at_or_after(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos`` (len(tokens) if none)."""
        return bisect_left(self._tok_starts, pos)

    def token_ending_at_or_before(self, pos: int) -> int:
        """Index of the last token ending at or before ``pos`` (-1 if none)."""
        return bisect_right(self._tok_ends, pos) - 1

    def token_containing(self, pos: int) -> int:
        """Index of the token with ``start < pos < end`` (strictly inside), else -1."""
        j = bisect_right(self._tok_starts, pos) - 1
        if j >= 0 and self._tok_starts[j] < pos < self._tok_ends[j]:
            return j
        return -1

    def word(self, i: int) -> str:
        s, e = self.tokens[i]
        return self.norm[s:e]

    def folded_word(self, i: int) -> str:
        s, e = self.tokens[i]
        return self.folded[s:e]

    # --- sentences ---------------------------------------------------------------------
    def sentence_span(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sent_starts, pos) - 1
        if i < 0:
            return 0, len(self.norm)
        return self.sentences[i]

    def is_sentence_start(self, pos: int) -> bool:
        s, _ = self.sentence_span(pos)
        return not self.norm[s:pos].strip(" \t\"“”'‘’(–-")

    def in_body(self, start: int, end: int) -> bool:
        return self.body_start <= start and end <= self.body_end
