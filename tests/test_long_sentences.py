"""Articles without sentence ends (a flattened table, a scraped list, prose without
punctuation): the sentence a record carries is bounded and says it was cut, and the
mentions are those of the same text written short. Time and output growing linearly with
such an article's size are measured by bench/bench.py --parts long, not here."""
import pytest

from extract import extract
from extract.dimensions.document import bound_sentence, sentence_max_chars, sentences
from extract.pipeline.contract import record_problems

LIMIT = sentence_max_chars()

# news-style words without a full stop, repeated into one long line
UNIT = ("tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đạt 50,2% tăng 10% so với cùng kỳ năm 2022 "
        "trong đó có 11.956 bộ phận một cửa tiếp nhận hơn 39.000 hồ sơ với kinh phí 10 tỉ đồng ")


def _mentions(records, shift=0):
    return [(r["type"], r["text"], r["start"] - shift, r["value"]) for r in records]


def test_an_unpunctuated_article_gives_bounded_sentences_and_every_mention():
    n = 200
    text = UNIT * n                                 # 37 kB on one line, no sentence end
    short = extract(UNIT.strip() + ".")             # the same words as one sentence
    records = extract(text)
    assert len(records) == n * len(short)
    # every repeat gives the mentions of the short text (finding does not depend on sentences)
    for k in range(n):
        part = records[k * len(short):(k + 1) * len(short)]
        assert [(t, x, v) for t, x, _, v in _mentions(part, k * len(UNIT))] == \
            [(t, x, v) for t, x, _, v in _mentions(short)]
        assert [s for _, _, s, _ in _mentions(part, k * len(UNIT))] == [s for _, _, s, _ in _mentions(short)]
    for r in records:
        assert record_problems(r, text) == []
        assert len(r["sentence"]) <= LIMIT
        assert r["sentence_cut"] is True
        assert r["sentence"] in text
    assert sum(len(r["sentence"]) for r in records) <= len(records) * LIMIT


def test_a_news_sentence_is_never_cut():
    text = "Năm 2023, " + "tỷ lệ đạt 50,2%, " * 40 + "cao nhất từ trước đến nay."   # 700 characters
    records = extract(text)
    assert len(records) == 41
    assert all(r["sentence"] == text and "sentence_cut" not in r for r in records)


def test_cuts_prefer_semicolons_then_dashes_then_commas_then_spaces():
    piece = "x" * 700
    assert bound_sentence(f"{piece}; {piece}, {piece}", 0, 2104, 1200) == [702, 1404]
    text = f"{piece}, {'y' * 300} - {piece}"
    assert bound_sentence(text, 0, len(text), 1200) == [1005]          # after " - "
    text = f"{piece}, {'y' * 300} {piece}"
    assert bound_sentence(text, 0, len(text), 1200) == [702]           # after ", "
    text = f"{piece} {'y' * 300} {piece}"
    assert bound_sentence(text, 0, len(text), 1200) == [1002]          # at the last space
    assert bound_sentence("1." * 1500, 0, 3000, 1200) == [1200, 2400]  # no break at all: hard cuts


def test_sentences_records_the_cuts():
    text = "Mở đầu. Có " + "a " * 1000 + "kết thúc."
    cuts = set()
    spans = sentences(text, 0, None, cuts)
    assert spans[0] == (0, 7)
    assert [e - s <= LIMIT for s, e in spans] == [True] * len(spans)
    assert cuts == {s for s, _ in spans[2:]}
    assert " ".join(text[s:e] for s, e in spans[1:]).split() == text[8:].split()


def test_a_mention_across_a_cut_carries_a_window_around_it():
    text = "_" * 1197 + "50,2% và 11.956 bộ phận một cửa"   # no space: cut at 1200, inside 50,2%
    (pct, count) = extract(text)
    # the pieces it spans are the whole line, over the limit: the 1,200 characters around it
    assert (pct["text"], pct["start"], pct["sentence"], pct["sentence_cut"]) == ("50,2%", 1197, text[600:], True)
    assert (count["text"], count["sentence"], count["sentence_cut"]) == (
        "11.956 bộ phận một cửa", text[1200:], True)
    # with spaces, the window starts and ends at word boundaries
    text = "a " * 600 + "đạt 50,2% " + "b " * 600
    records = [r for r in extract(text) if r["text"] == "50,2%"]
    assert len(records) == 1 and records[0]["sentence_cut"] is True
    sent = records[0]["sentence"]
    assert "50,2%" in sent and len(sent) <= LIMIT and sent == sent.strip() and text.find(sent) >= 0


@pytest.mark.parametrize("text", ["1." * 30_000, " ".join(str(1000 + i) for i in range(12_000))])
def test_no_sentence_at_all_yields_nothing_and_no_error(text):
    assert extract(text) == []


def test_a_mention_across_a_sentence_end_on_a_long_line_carries_the_sentences_it_spans():
    """A line of many sentences (over the bound, none of them cut) and a mention across the
    end of one: the two sentences, not the whole line."""
    from extract.engine.context import Mention
    from extract.pipeline.nlp import make_context
    from extract.pipeline.records import to_records

    filler = "Các đơn vị đã triển khai nhiều hoạt động thiết thực trong năm qua. " * 12
    pair = "Ông Minh nhận 100.000 USD. Bà Lan cũng vậy."
    text = filler + pair + " " + filler
    ctx = make_context(text)
    start = text.index("100.000")
    m = Mention("COUNT", start, start + len("100.000 USD. Bà"), 100000, "count.noun", unit="USD. Bà")
    (rec,) = to_records("d", ctx, [m])
    assert (rec["text"], rec["sentence"]) == ("100.000 USD. Bà", pair)
    assert "sentence_cut" not in rec
    # on a short line, the whole line, as before
    ctx = make_context(pair)
    m = Mention("COUNT", pair.index("100.000"), pair.index("100.000") + 15, 100000, "count.noun", unit="USD. Bà")
    assert to_records("d", ctx, [m])[0]["sentence"] == pair
