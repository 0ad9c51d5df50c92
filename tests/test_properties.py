"""Properties of ``extract()`` on any text: it never raises, and every record indexes the
text as given (``text == input[start:end]``) and passes the contract's checks.

Inputs: random Unicode, and random mixes of Vietnamese syllables, digits written the
Vietnamese way, number words, and the punctuation numbers live among (``/ . , % -``), in
NFC, NFD or a mix of both, with or without a publication date.
"""
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract import extract
from extract.pipeline.contract import record_problems

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SYLLABLES = (
    "tỷ lệ đạt tăng giảm hồ sơ bộ phận một cửa địa phương ngày tháng năm quý Thủ tướng Nghị định "
    "Quyết Thông tư Luật số NĐ-CP QĐ-TTg triệu tỉ tỷ đồng USD người hơn gần khoảng trên dưới ít nhất "
    "phần trăm Ủy Uỷ ban nhân dân tỉnh thành phố Hà Nội TP.HCM Chủ tịch ông bà Nguyễn Văn Thị A "
    "Bộ trưởng hoà hòa khoẻ giờ phút tiếng đồng hồ thứ xếp so với cùng kỳ TTHC xã hội đầu tư "
    "ha km m2 tấn lít chiếc hôm nay qua sáng chiều tối đến từ và của các những được đã sẽ"
).split()
NUMBER_WORDS = ("không một mốt hai ba bốn tư năm lăm sáu bảy tám chín mười mươi trăm nghìn ngàn "
                "vạn triệu tỷ tỉ linh lẻ phẩy rưỡi nửa").split()
PUNCT = ["/", ".", ",", "%", "-", "(", ")", ":", ";", "–", '"', "“", "”", "…", "!", "?", "+"]
# Separators between pieces, runs of blanks included (they once crashed the POS tagger).
SEPARATORS = [" ", " ", " ", " ", "", "  ", " \t ", "\n", "\t", "\u00a0", "\r\n", "\n\n", " \n "]


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


NUMBERS = st.one_of(
    st.integers(0, 10**13).map(str),
    st.integers(1000, 10**13).map(_thousands),                                  # 11.956
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]}"),   # 50,2
    st.tuples(st.integers(0, 200), st.integers(0, 200)).map(lambda t: f"{t[0]}/{t[1]}"),  # 63/63
    st.tuples(st.integers(0, 40), st.integers(0, 15), st.integers(1900, 2100)).map(
        lambda t: f"{t[0]}/{t[1]}/{t[2]}"),                                      # 16/10/2023
    st.tuples(st.integers(0, 99), st.sampled_from(["%", "-", "/", "."])).map(lambda t: f"{t[0]}{t[1]}"),
)
PIECE = st.one_of(st.sampled_from(SYLLABLES), st.sampled_from(NUMBER_WORDS), NUMBERS, st.sampled_from(PUNCT))
FORMS = st.sampled_from(["NFC", "NFD", "NFKC", "NFKD", None])   # None: as written
DATES = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


def _vietnamese(pieces, seps, forms) -> str:
    out = []
    for piece, sep, form in zip(pieces, seps, forms):
        out.append((unicodedata.normalize(form, piece) if form else piece) + sep)
    return "".join(out)


VIETNAMESE = st.integers(1, 60).flatmap(lambda n: st.builds(
    _vietnamese,
    st.lists(PIECE, min_size=n, max_size=n),
    st.lists(st.sampled_from(SEPARATORS), min_size=n, max_size=n),
    st.lists(FORMS, min_size=n, max_size=n),
))


def _check(text: str, published: str | None = None) -> None:
    try:
        records = extract(text, published=published)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:   # pyo3's PanicException is not an Exception
        raise AssertionError(f"extract raised {type(e).__name__}: {e}") from e
    for r in records:
        assert 0 <= r["start"] < r["end"] <= len(text), r
        assert text[r["start"]:r["end"]] == r["text"], r
        assert record_problems(r, text) == [], r
        assert r["sentence"] in text, r


@SETTINGS
@given(st.text(max_size=300), DATES)
def test_random_unicode(text, published):
    _check(text, published)


@SETTINGS
@given(VIETNAMESE, DATES)
@example("Đến 10/10/2023 đã cấp trên 83,76 triệu thẻ; tỷ lệ đạt 26,93% (tăng 16,15%), 21/22 bộ, ngành.", "2023-10-16")
@example(unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh hỗ trợ hai mươi mốt nghìn đồng, 63/63 địa phương."), None)
@example("\ufeffDòng đầu.\r\nCả nước có 11.956 bộ phận một cửa.\r\n", None)
def test_vietnamese_mixes(text, published):
    _check(text, published)


@SETTINGS
@given(st.lists(st.one_of(VIETNAMESE, st.text(max_size=20)), min_size=1, max_size=6).map("".join), DATES)
def test_vietnamese_spliced_with_random_unicode(text, published):
    _check(text, published)


@pytest.mark.parametrize("text", ["Có 198 (Miễn  phí).", "Năm 2017 có 198 (Nghị   quyết 77)."])
def test_run_of_spaces_inside_a_word_after_a_number(text):
    # underthesea's Rust CRF featurizer panics on a word with a run of blanks inside:
    # segment.pos_tags collapses them first.
    _check(text)
