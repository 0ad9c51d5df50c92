"""Short later mentions of an official (``ông Huyện``, ``Phó Thủ tướng``): the extra key
``mentions_short`` of its records, exact spans of the text as given."""
import pytest

from extract import extract

# (text, {official's name: [short mention texts, in order]}); an official absent from the
# dict must have no mentions_short. Each text is looked for after the official's full name
# and the previous short mention; ``[text, n]`` is the n-th occurrence of text in the whole text.
CASES = [
    pytest.param(
        "Phó Thủ tướng Trần Lưu Quang chủ trì cuộc họp. Phó Thủ tướng yêu cầu các bộ khẩn trương hoàn thành. "
        "Theo ông Quang, việc này rất cần thiết.",
        {"Trần Lưu Quang": ["Phó Thủ tướng", "ông Quang"]}, id="title-alone-and-given-name"),
    pytest.param(
        "Ông Nguyễn Văn Huyện, Chủ tịch UBND huyện Tam Nông, cho biết năm nay mưa nhiều. "
        "Ông Huyện nói thêm rằng bà Lan đã đến kiểm tra.",
        {"Nguyễn Văn Huyện": ["Ông Huyện"]}, id="capital-honorific; bà Lan is nobody named"),
    pytest.param(
        "Thủ tướng Phạm Minh Chính đã làm việc với tỉnh. Bộ trưởng Bộ Y tế Đào Hồng Lan báo cáo tình hình. "
        "Thủ tướng yêu cầu Bộ trưởng Lan kiểm tra. Bà Lan cho biết sẽ thực hiện ngay.",
        {"Phạm Minh Chính": ["Thủ tướng"], "Đào Hồng Lan": ["Bộ trưởng Lan", "Bà Lan"]},
        id="office-plus-given-name"),
    pytest.param(
        "Ông Phan Thanh Hải, Giám đốc Trung tâm Bảo tồn di tích cố đô Huế, và ông Tống Thanh Hải, Phó Chủ tịch "
        "UBND tỉnh Lai Châu, dự họp. Ông Hải cho biết sẽ làm ngay.",
        {}, id="two-officials-share-the-given-name: no link"),
    pytest.param(
        "Ông Nguyễn Văn Sơn, Chủ tịch UBND tỉnh Tuyên Quang, tiếp ông Trần Văn Sơn, một người dân ở xã. "
        "Ông Sơn cho biết tỉnh sẽ hỗ trợ.",
        {}, id="an official and a citizen share the given name: no link"),
    pytest.param(
        "Bộ trưởng Bộ Y tế Đào Hồng Lan và Bộ trưởng Bộ Tài chính Hồ Đức Phớc dự họp. Bộ trưởng cho biết sẽ làm.",
        {}, id="two-ministers: Bộ trưởng alone is ambiguous"),
    pytest.param(
        "Thủ tướng Phạm Minh Chính chủ trì Phiên họp Chính phủ thường kỳ. Thủ tướng Chính phủ yêu cầu các bộ làm ngay.",
        {"Phạm Minh Chính": ["Thủ tướng Chính phủ"]}, id="Thủ tướng = Thủ tướng Chính phủ; Chính phủ is no name"),
    pytest.param(
        "Ông Quang cho biết trước đó. Phó Thủ tướng Trần Lưu Quang đến dự.",
        {}, id="only-later-mentions"),
    pytest.param(
        "Ông Đồng Văn Thanh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Hậu Giang phát biểu. "
        "Chủ tịch UBND tỉnh đề nghị các sở, ngành làm ngay; ông Thanh nhấn mạnh thêm.",
        {"Đồng Văn Thanh": [["Chủ tịch UBND tỉnh", 2], "ông Thanh"]}, id="bare-province-title-alone"),
    pytest.param(
        "Phó Thủ tướng Trần Lưu Quang làm việc với Chủ tịch UBND tỉnh Quảng Nam. Chủ tịch UBND tỉnh báo cáo.",
        {}, id="an unnamed holder's title is no one's short mention"),
    pytest.param(
        "Thủ tướng Phạm Minh Chính tiếp Thủ tướng Nhật Bản. Thủ tướng Nhật Bản cảm ơn.",
        {}, id="another country's PM is not the named PM"),
    pytest.param(
        "Tổng Bí thư Nguyễn Phú Trọng hội đàm. Tổng Bí thư Nguyễn Phú Trọng và Tổng Bí thư, Chủ tịch Trung Quốc "
        "Tập Cận Bình trao đổi. Sau đó, Tổng Bí thư phát biểu.",
        {"Nguyễn Phú Trọng": [["Tổng Bí thư", 4]]}, id="a title of a list before another name is not his"),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_short_mentions(text, expected):
    officials = [r for r in extract(text) if r["type"] == "OFFICIAL"]
    assert officials, "the case names an official"
    got = {}
    for r in officials:
        for sm in r.get("mentions_short", []):
            assert text[sm["start"]:sm["end"]] == sm["text"]
        got.setdefault(r["value"]["name"], r.get("mentions_short", []))
        assert r.get("mentions_short", []) == got[r["value"]["name"]], "every record of one official alike"
    want = {}
    for name, texts in expected.items():
        spans, pos = [], text.index(name) + len(name)
        for t in texts:
            if isinstance(t, list):
                t, n = t
                s = -1
                for _ in range(n):
                    s = text.index(t, s + 1)
            else:
                s = text.index(t, pos)
            spans.append({"start": s, "end": s + len(t), "text": t})
            pos = s + len(t)
        want[name] = spans
    assert {k: v for k, v in got.items() if v} == want


def test_offsets_into_text_as_given():
    nfd = "Phó Thủ tướng Trần Lưu Quang chủ trì.\r\nÔng Quang yêu cầu các bộ làm ngay."
    import unicodedata
    text = unicodedata.normalize("NFD", nfd)
    rec = next(r for r in extract(text) if r["type"] == "OFFICIAL")
    (sm,) = rec["mentions_short"]
    assert text[sm["start"]:sm["end"]] == sm["text"]
    assert unicodedata.normalize("NFC", sm["text"]) == "Ông Quang"
