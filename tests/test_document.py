"""Article structure of the five seed articles: body/tail split, title, dateline, byline,
captions (issue 3). Expected values are read off the articles by hand."""
from pathlib import Path

import pytest

from extract import extract
from extract.dimensions.document import analyze, body_end, parse_dateline
from extract.pipeline.nlp import make_context
from extract.engine.text import normalize

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def article(stem: str) -> str:
    [path] = CORPUS.glob(f"{stem}_*.txt")
    return path.read_text(encoding="utf-8")


def norm(stem: str) -> str:
    return normalize(article(stem)).norm


# (article, first line of the tail or None when the body runs to the end, last body words)
SPLITS = [
    ("000", None, "theo thẩm quyền..."),
    ("001", "Gửi phản hồi", "thực chất, hiệu quả."),
    ("002", "Thông tin bạn đọc", "thủ tục hành chính."),
    ("003", "Viết bình luận mới", "CAO OANH"),
    ("004", None, "Dương Liễu"),
]


@pytest.mark.parametrize("stem,tail,last", SPLITS)
def test_body_tail_split(stem, tail, last):
    text = norm(stem)
    end = body_end(text)
    if tail is None:
        assert end == len(text)
    else:
        assert text[end:].startswith(tail)
    assert text[:end].rstrip().endswith(last)


def test_nothing_comes_out_of_003_tail():
    text = article("003")
    end = text.index("Viết bình luận mới")
    recs = extract(text)
    assert recs and all(r["end"] <= end for r in recs)
    # the tail's dates, money and people are not this article's facts
    assert not any(r["text"] in ("10 tỉ đồng", "1-30/11", "từ ngày 1-30/11") for r in recs)


def test_teaser_list_without_marker_ends_the_body():
    body = "Tiêu đề bài\n\nNgày 5/10, tỉnh họp.\n\n"
    tail = "Bài khác một\n\n08:34 02/11/2024\n\nNgày 1-11, sự kiện.\n\nBài khác hai\n\n22:56 01/11/2024\n\nNội dung."
    assert body_end(body + tail) == len(body)


TITLES = {
    "000": "Phiên họp thứ hai Tổ công tác cải cách thủ tục hành chính của Thủ tướng Chính phủ trực tuyến với các địa phương",
    "001": None,   # line 1 is a body sentence
    "002": None,
    "003": "“Con người thực hiện cải cách thủ tục hành chính phải có đạo đức, trách nhiệm, tính chuyên nghiệp”",
    "004": None,   # line 1 is a caption
}
AUTHORS = {"000": None, "001": None, "002": None, "003": "CAO OANH", "004": "Dương Liễu"}


@pytest.mark.parametrize("stem", sorted(TITLES))
def test_title_and_author(stem):
    meta = analyze(norm(stem)).meta(norm(stem))
    assert meta.get("title") == TITLES[stem]
    assert meta.get("author") == AUTHORS[stem]


def test_dateline_003():
    text = norm("003")
    st = analyze(text)
    assert text[st.dateline[0]:st.dateline[1]] == "Thứ Hai, ngày 16/10/2023 | 18:24"
    assert (st.published, st.published_time) == ("2023-10-16", "18:24")
    assert st.meta(text)["published"] == "2023-10-16T18:24"


@pytest.mark.parametrize("stem", ["000", "001", "002", "004"])
def test_no_dateline(stem):
    st = analyze(norm(stem))
    assert st.dateline is None and st.published is None


@pytest.mark.parametrize("line,expected", [
    ("Thứ Hai, ngày 16/10/2023 | 18:24", ("2023-10-16", "18:24")),
    ("08:34 02/11/2024", ("2024-11-02", "08:34")),
    ("Thứ sáu, 20/10/2023 - 07:15 (GMT+7)", ("2023-10-20", "07:15")),
    ("16/10/2023", ("2023-10-16", None)),
    ("Ngày 16/10/2023, tỉnh họp", None),
    ("31/02/2023 10:00", None),
])
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


CAPTIONS = {
    "000": [],
    "001": ["Các đại biểu dự hội nghị tại điểm cầu Tuyên Quang."],
    "002": ["Doanh nghiệp, người dân đến Trung tâm Hành chính công được hướng dẫn và thực hiện thủ tục nhanh gọn, hiệu quả. |",
            "Người dân ở bản đến thực hiện thủ tục tại bộ phận một cửa của xã Nậm Manh được trả kết quả nhanh gọn, không còn phải chờ và đi lại nhiều lần. |",
            "Cán bộ và công an xã xuống tận hộ dân hướng dẫn thủ tục cấp căn cước công dân và mã định danh điện tử. |",
            "Doanh nghiệp, người dân đến Trung tâm Hành chính công được hướng dẫn và thực hiện thủ tục nhanh gọn, hiệu quả. |"],
    "003": ["Điểm cầu trực tuyến tại Hậu Giang", "Phó Thủ tướng Chính phủ Trần Lưu Quang phát biểu tại cuộc họp."],
    "004": ["Các đại biểu dự hội nghị tại điểm cầu tỉnh ta."],
}


@pytest.mark.parametrize("stem", sorted(CAPTIONS))
def test_captions(stem):
    text = norm(stem)
    assert [text[s:e] for s, e in analyze(text).captions] == CAPTIONS[stem]


def test_context_metadata_and_published_from_dateline():
    ctx = make_context(article("003"))
    assert ctx.published == "2023-10-16"
    assert ctx.meta["title"].startswith("“Con người")
    assert ctx.meta["author"] == "CAO OANH"
    assert ctx.meta["published_source"] == "dateline"
    # the dateline's year resolves "Ngày 16-10"
    recs = extract(article("003"))
    assert {"text": "Ngày 16-10", "value": "2023-10-16"} in [{"text": r["text"], "value": r["value"]} for r in recs]


def test_input_published_wins_over_dateline():
    recs = extract(article("003"), published="2023-10-17")
    assert [r["value"] for r in recs if r["text"] == "Ngày 16-10"] == ["2023-10-16"]
    from extract.pipeline.nlp import process
    doc = process(article("003"), published="2023-10-17")
    assert doc._.ctx.meta["published"] == "2023-10-17"
    assert doc._.ctx.meta["published_source"] == "input"


# --- site footers (held-out issue D): sources with no end-of-body line ------------------
# News-style texts written for these tests; addresses, licences and names are invented.

BODY = ("Sáng 12/3, UBND tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2023. "
        "Theo báo cáo, toàn tỉnh có 95% hồ sơ được giải quyết đúng hạn, tăng 4% so với năm trước. "
        "Lãnh đạo tỉnh yêu cầu các sở, ngành tiếp tục rà soát, cắt giảm thủ tục không cần thiết, "
        "bảo đảm 100% thủ tục đủ điều kiện được cung cấp trực tuyến toàn trình trong năm nay. ")
GLUED_FOOTER = ("© BÁO ĐIỆN TỬ TIN TỨC TỈNH NAM SƠN Tổng Biên tập: Trần Minh Khoa Giấy phép số: "
                "45/GP-BTTTT, cấp ngày 12/03/2019. Trụ sở: 25 Lý Thường Kiệt - Hoàn Kiếm - Hà Nội; "
                "Điện thoại: 024.3825.1111; Fax: 024.3825.2222; Email: toasoan@namson.vn. Bản quyền thuộc "
                "Báo điện tử Tin tức tỉnh Nam Sơn. Ghi rõ nguồn khi phát hành lại thông tin.")


def test_footer_glued_into_the_last_line_is_cut():
    text = BODY + "Minh Châu " + GLUED_FOOTER
    end = body_end(text)
    assert text[end:].startswith("© BÁO ĐIỆN TỬ")
    recs = extract(text, published="2024-03-12")
    assert recs and all(r["end"] <= end for r in recs)
    assert not any(r["value"] == "2019-03-12" for r in recs)               # the licence date
    assert not any("Lý Thường Kiệt" in str(r.get("unit")) for r in recs)   # the address
    # the gold validator uses the same end of body
    from extract.evaluation.gold import body_end as gold_body_end
    assert gold_body_end(text) == end


def test_footer_on_lines_of_its_own_is_cut():
    text = (BODY + "\nHoàng Lan\nTổng Biên tập: Nguyễn Văn Bách\nTòa soạn: 12 Nguyễn Du, Hà Nội\n"
            "Tel: 024 3943 1234 - Fax: 024 3943 5678\nEmail: banbientap@baoxyz.vn\n")
    end = body_end(text)
    assert text[end:].startswith("Tổng Biên tập:")
    assert text[:end].rstrip().endswith("Hoàng Lan")


def test_footer_single_alone_marker_at_the_very_end():
    text = BODY + "Thu Hà Source link "
    assert text[body_end(text):].startswith("Source link")
    text = BODY + "\n© 2024 Báo điện tử Nam Sơn\n"
    assert text[body_end(text):].startswith("© 2024")


def test_footer_in_a_long_teaser_tail_still_ends_at_the_marker_line():
    # a marker line ends the body first; a footer after it changes nothing
    text = BODY + "\nXem thêm\nBài khác về cải cách.\n" + GLUED_FOOTER
    assert text[body_end(text):].startswith("Xem thêm")


@pytest.mark.parametrize("text", [
    # "Điện thoại" in a sentence (no colon) is never a footer
    BODY + "Điện thoại thông minh chiếm 70% thị phần thiết bị được bán ra trong quý IV.",
    # a post named in a sentence: no colon
    BODY + "Ông Lê Văn An, Tổng Biên tập báo Nam Sơn, cho biết tòa soạn đã tiếp nhận 120 ý kiến.",
    # one contact marker inside the last sentence, nothing after it
    BODY + "Mọi thắc mắc xin gửi về đường dây nóng của Sở. Điện thoại: 1900 1234.",
    # a credit near the start of a long article is no footer
    "Bức ảnh © Reuters ghi lại khoảnh khắc lịch sử. " + BODY * 4,
    # a licence mentioned early in the body, then a long body
    "Giấy phép số: 12/GP-UBND được cấp cho công ty A. Email: a@b.vn là địa chỉ liên hệ. " + BODY * 4,
])
def test_body_mentions_are_not_footers(text):
    assert body_end(text) == len(text)


def test_footer_markers_are_data():
    from extract.dimensions.document import _footer
    rx, alone, zone, short_line, short_tail, run_chars, run_markers = _footer()
    assert "©" in alone and 0 < zone < 1 and short_line > 0 and short_tail > 0 and run_markers >= 2
    assert rx.search("x Tổng Biên tập: A") and not rx.search("x Tổng Biên tập A")
    assert rx.search("x TỔNG BIÊN TẬP: A")   # capitals too


def test_a_one_line_text_has_no_caption():
    text = "Báo cáo năm 2023 cho biết, ngày 5/6 tỉnh đã tổ chức hội nghị."
    assert analyze(text).captions == []


def _structure_data():
    from extract.engine.patterns import load_toml
    return load_toml("document/structure.toml")


@pytest.mark.parametrize("line", _structure_data()["photo_credit_examples"])
def test_photo_caption_examples(line):
    from extract.dimensions.document import is_photo_caption
    assert is_photo_caption(line)


@pytest.mark.parametrize("line", _structure_data()["photo_credit_counter_examples"])
def test_photo_caption_counter_examples(line):
    from extract.dimensions.document import is_photo_caption
    assert not is_photo_caption(line)


def test_a_photo_caption_on_top_is_not_the_lead():
    # the lead (second line) sets the day the figures hold for; the caption above it does not
    text = ("Nhà đầu tư theo dõi bảng điện tử tại một công ty chứng khoán (Ảnh minh họa).\n"
            "Sáng nay, sắc đỏ bao trùm thị trường chứng khoán.\n"
            "VN-Index giảm 20,35 điểm, tương ứng 1,63%.")
    recs = [r for r in extract(text, published="2021-04-26") if r["type"] == "PERCENT"]
    assert [(r["text"], r["about"]["period"]["text"], r["about"]["period"]["value"]) for r in recs] == \
        [("1,63%", "Sáng nay", "2021-04-26")]


@pytest.mark.parametrize("title", _structure_data()["listing_title_examples"])
def test_listing_title_examples(title):
    from extract.dimensions.document import is_listing_title
    assert is_listing_title(title)


@pytest.mark.parametrize("title", _structure_data()["listing_title_counter_examples"])
def test_listing_title_counter_examples(title):
    from extract.dimensions.document import is_listing_title
    assert not is_listing_title(title)
