"""Word segmentation with underthesea, aligned to character offsets.

underthesea returns words as strings ("bộ phận", "63/63", "NĐ-CP"); this module finds each
word back in the text so every token carries ``[start, end)`` offsets. It is called with
``use_token_normalize=False``: underthesea's own normalizers rewrite tone marks and
spacing, and offsets must index the text as given.
"""
from __future__ import annotations

import re

import underthesea.pipeline.word_tokenize as wt_module
from underthesea import word_tokenize
from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
from underthesea.pipeline.word_tokenize import regex_tokenize


def segment(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` spans of the words of ``text``, in order.

    The same words as ``word_tokenize(text, use_token_normalize=False)``, computed with its
    own regex tokenizer and CRF model, but the offsets are read from the tokenizer's
    matches instead of searched back in the text (tests/test_segment.py checks both
    agree). A word of several syllables ("bộ phận") spans from its first syllable to its
    last. If underthesea's character normalization changes the text's length, the words
    are found back by search instead.
    """
    if not text.strip():
        return []
    prepared = normalize_characters_in_text(text)
    if len(prepared) != len(text):
        return segment_by_search(text)
    spans = _token_spans(prepared)
    tags = _word_model().predict([[prepared[s:e]] for s, e in spans])
    words: list[tuple[int, int]] = []
    for (s, e), tag in zip(spans, tags):
        if tag == "I-W" and words:
            words[-1] = (words[-1][0], e)
        else:
            words.append((s, e))
    return words


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
        spans.extend(m.span() for m in patterns.finditer(text, pos, run.start()))
        for k in range(run.start(), run.end(), MAX_RUN):
            spans.extend(m.span() for m in patterns.finditer(text, k, min(k + MAX_RUN, run.end())))
        pos = run.end()
    spans.extend(m.span() for m in patterns.finditer(text, pos))
    return spans


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
    words = [" ".join(w.split()) or "_" for w in words]
    return [t[2:] if t.startswith(("B-", "I-")) else t for t in _POS_TAGGER.predict([[w] for w in words])]
