"""Word segmentation with underthesea, aligned to character offsets.

underthesea returns words as strings ("bộ phận", "63/63", "NĐ-CP"); this module finds each
word back in the text so every token carries ``[start, end)`` offsets. It is called with
``use_token_normalize=False``: underthesea's own normalizers rewrite tone marks and
spacing, and offsets must index the text as given.
"""
from __future__ import annotations

from underthesea import word_tokenize


def segment(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` spans of the words of ``text``, in order.

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
    return [t[2:] if t.startswith(("B-", "I-")) else t for t in _POS_TAGGER.predict([[w] for w in words])]
