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


# --- the tokenizer's plain runs of letters (segment._tokens) ----------------------------

def _tokenizer_spans(text):
    """underthesea's regex tokenizer itself, run over every character."""
    from underthesea.pipeline.word_tokenize import regex_tokenize
    return [m.span() for m in regex_tokenize.patterns.finditer(text)]


def test_plain_runs_are_the_tokens_the_tokenizer_gives():
    from extract.engine.segment import _token_spans
    texts = [
        # plain runs with "," and "." after them: word + mark
        "Cả nước có nhiều bộ phận một cửa, đạt chuẩn. Người dân hài lòng.",
        # abbreviations the tokenizer keeps with their dot: capitals, Tp., Mr., Mrs., Ms., Dr.
        "Chủ tịch UBND. Tp. Hồ Chí Minh, TP. Huế, Mr. Smith, Mrs. Lan, Ms. Hoa, Dr. Nam. Đ. A.",
        # "Th.S" has an unescaped dot: "Th" + any character + "s", even a space
        "ông Thas nói; bà ThiS đến; Th s rồi Th sự Thạc sĩ ThS. Lan, Th.s Minh",
        # a run touching other marks goes to the tokenizer
        "v.v. e-mail H'Mông N’Thôn bạn@gmail.com dantri.com.vn http://a.vn (Hà Nội), “Huế”",
        "ʺ chữ ʺtrong _gạch dưới x² 4K 43H-0530 NĐ-CP 3x4 :D cười =)) ♥‿♥",
        "UBND.\nTP.\nTp.",   # "$" of "[A-ZĐ]+\\.(?!$)" at the end
    ]
    for text in texts:
        assert _token_spans(text) == _tokenizer_spans(text), text
    # a run over MAX_RUN characters is cut every MAX_RUN, not taken whole
    text = "a" * 250 + " chữ, sau. " + "b" * 201
    assert [text[s:e] for s, e in _token_spans(text)] == \
        ["a" * 200, "a" * 50, "chữ", ",", "sau", ".", "b" * 200, "b"]
    # the plain runs are taken as the tokenizer takes them
    text = "Cả nước, UBND. Tp. Hà Nội."
    assert [text[s:e] for s, e in _token_spans(text)] == ["Cả", "nước", ",", "UBND.", "Tp.", "Hà", "Nội", "."]


def test_plain_runs_give_the_tokenizer_spans_on_random_text():
    import random

    from extract.engine.segment import _token_spans
    pieces = ["Th", "s", "S", "ThS", "Th.S", "T", "h", "Thị", "UBND", "TP", "Tp", "Mr", "Mrs", "Ms", "Dr",
              ".", ",", "-", "'", "’", "&", "@", ":", ":D", "v.v", "v", "http", "://", "gmail", "com",
              "1", "2023", "/", "x", "NĐ-CP", "e-mail", "ʺ", "_", "²", "°C", " ", "  ", "\n", "\t",
              "\xa0", "đường", "Hà", "Nội", "(", ")", "%", "…", "..", "Đ", "a.", "x,"]
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        assert _token_spans(text) == _tokenizer_spans(text), repr(text)
