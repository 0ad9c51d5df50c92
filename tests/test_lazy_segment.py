"""Lazy segmentation gives exactly the words of full segmentation wherever it is asked, and
the pipeline's records are the same with it as with the whole body segmented by
underthesea's own tagger (bench/bench.py --parts equality does the same over the news
corpora)."""
import random
from bisect import bisect_left, bisect_right
from pathlib import Path

import pytest

from extract.engine.segment import Segmentation, segment_with_underthesea
from extract.engine.text import normalize
from extract.pipeline.nlp import analyze
from extract.pipeline.records import to_records
from spec_runner import load_cases

ROOT = Path(__file__).resolve().parents[1]
SEED = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
CASES = [case for _, _, case in load_cases()]
# news-style text written for this test: a flattened table, a list without sentence marks,
# Latin names and codes, words split across lines
NEWS_STYLE = [
    "Quý III/2023, doanh thu đạt 1.234 tỷ đồng, tăng 12,5% so với cùng kỳ; lợi nhuận sau thuế 85 tỷ đồng "
    "Hà Nội 6,27% TP.HCM 5,8% Đà Nẵng 4,1% Hải Phòng 3,9% Cần Thơ 3,2%\n"
    "Ông Nguyễn Văn A - Chủ tịch UBND tỉnh cho biết, năm nay tỉnh có hai mươi mốt nghìn hộ nghèo",
    "Theo Tổng cục Thống kê (GSO), chỉ số CPI tháng 10 tăng 0,08%; xuất khẩu đạt 32,3 tỷ USD\n\n"
    "Công ty ABC-Tech ký hợp đồng số 15/2023/HĐ-KT với Samsung Electronics, trị giá 5 triệu USD.",
    "một hai ba bốn năm sáu bảy tám chín mười không một lần nào năm 2023 hàng năm mười một tháng",
]


def _texts():
    return SEED + NEWS_STYLE + [c["text"] for c in CASES[::4]]


def test_words_asked_anywhere_are_the_full_segmentation_words():
    rng = random.Random(11)
    for text in SEED + NEWS_STYLE:
        norm = normalize(text).norm
        full = segment_with_underthesea(norm)
        starts, ends = [s for s, _ in full], [e for _, e in full]
        seg = Segmentation(norm)
        for _ in range(60):
            p = rng.randrange(0, len(norm) + 1)
            j = bisect_right(starts, p) - 1
            assert seg.containing(p) == (full[j] if j >= 0 and starts[j] < p < ends[j] else None)
            i = bisect_left(starts, p)
            got = []
            for w in seg.from_pos(p):
                got.append(w)
                if len(got) == 4:
                    break
            assert got == full[i:i + 4]
            j = bisect_right(ends, p) - 1
            assert seg.ending_at_or_before(p) == (full[j] if j >= 0 else None)
            assert seg.before(p, 3) == full[max(0, j - 2):j + 1]
            q = min(len(norm), p + rng.randrange(1, 80))
            assert seg.between(p, q) == [w for w in full if p <= w[0] < q]
            k = bisect_left(starts, p)
            assert seg.word_starting_at(p) == (full[k] if k < len(full) and starts[k] == p else None)
        assert list(seg) == full   # the whole sequence, on first use by index
        assert len(seg) == len(full) and seg[0] == full[0]


def test_only_part_of_an_article_is_segmented():
    ctx = analyze(SEED[1])
    seg = ctx.tokens
    share = sum(1 for x in seg.starts_word if x) / len(seg.starts_word)
    assert 0.05 < share < 0.9
    assert seg.windows > 0


def test_unchecked_characters_segment_the_whole_text_at_once():
    text = "Ông 李 nói: chỉ số αβγ tăng 5% so với năm 2022."
    seg = Segmentation(text)
    assert seg.known and list(seg) == segment_with_underthesea(text)


@pytest.mark.parametrize("text", _texts())
def test_records_are_the_same_as_with_full_segmentation(text):
    lazy = analyze(text, published="2023-10-16")
    full = analyze(text, published="2023-10-16", reference_words=True)
    assert to_records("t", lazy, lazy.mentions) == to_records("t", full, full.mentions)
