"""segment() reads offsets from underthesea's tokenizer: the same words as word_tokenize."""
from pathlib import Path

from underthesea import word_tokenize

from extract.engine.segment import segment, segment_by_search
from spec_runner import load_cases

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ([case["text"] for _, _, case in load_cases()]
         + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))])


def test_words_equal_word_tokenize_and_the_search_alignment():
    for text in TEXTS:
        spans = segment(text)
        assert spans == segment_by_search(text), text[:80]
        # compared without spaces: underthesea returns "$70.000" (written without one) as the
        # word "$ 70.000"; the span is the text as written
        assert ["".join(text[s:e].split()) for s, e in spans] == \
            ["".join(w.split()) for w in word_tokenize(text, use_token_normalize=False)], text[:80]


def test_exact_words_of_a_sentence():
    text = "Cả nước có 11.956 bộ phận một cửa, đạt 50,2%."
    assert [text[s:e] for s, e in segment(text)] == \
        ["Cả", "nước", "có", "11.956", "bộ phận", "một", "cửa", ",", "đạt", "50,2", "%", "."]


def test_a_look_alike_letter_keeps_its_word():
    # underthesea maps "Ð" (U+00D0) to "Đ" before tokenizing; offsets still index the text
    # as given, where the search alignment used to drop the word
    text = "Ðáng chú ý, tỷ lệ đạt 50%."
    assert [text[s:e] for s, e in segment(text)] == ["Ðáng", "chú ý", ",", "tỷ lệ", "đạt", "50", "%", "."]
