"""The province gazetteer and resolver of the statement part ``place`` (issue 9).

Sentences are news-style, written for these tests (not from the seed corpus)."""
from __future__ import annotations

import re
import tomllib
import unicodedata

import pytest

from extract.engine.patterns import PATTERNS_DIR
from extract.statements.places import Place, code_set, gazetteer, province_mentions

BEFORE, AFTER = "2024-05-10", "2026-01-15"


def found(text, published=None, **kw):
    return [(text[p.start:p.end], p.code, p.name) for p in province_mentions(text, published=published, **kw)]


# --- positives -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, expect", [
    ("UBND tỉnh Hà Giang vừa phê duyệt 12 dự án du lịch cộng đồng.", BEFORE,
     [("tỉnh Hà Giang", "02", "Hà Giang")]),
    ("UBND tỉnh Hà Giang (cũ) đã giải ngân 85% vốn đầu tư công.", AFTER,
     [("tỉnh Hà Giang", "08", "Tuyên Quang")]),
    ("Năm 2023, TP.HCM thu ngân sách hơn 480.000 tỷ đồng.", BEFORE, [("TP.HCM", "79", "Hồ Chí Minh")]),
    ("Tuyến được mở rộng đoạn qua TP HCM, từ 4 lên 8 làn.", BEFORE, [("TP HCM", "79", "Hồ Chí Minh")]),
    ("Xe khách chạy tuyến cố định về Nam Định mỗi ngày.", BEFORE, [("Nam Định", "36", "Nam Định")]),
    ("Hà Nội - Hải Phòng - Quảng Ninh đón 2 triệu khách.", BEFORE,
     [("Hà Nội", "01", "Hà Nội"), ("Hải Phòng", "31", "Hải Phòng"), ("Quảng Ninh", "22", "Quảng Ninh")]),
    ("Năm 2025, TP.HCM thu ngân sách hơn 600.000 tỷ đồng.", AFTER, [("TP.HCM", "79", "Hồ Chí Minh")]),
    ("Tại Thừa Thiên - Huế, tỷ lệ hồ sơ trực tuyến đạt 60%.", None, [("Thừa Thiên - Huế", "46", "Huế")]),
    ("Thừa Thiên-Huế đón 3,2 triệu lượt khách.", BEFORE, [("Thừa Thiên-Huế", "46", "Huế")]),
    ("Đến nay tỉnh Lai Châu có 106 xã đạt chuẩn.", BEFORE, [("tỉnh Lai Châu", "12", "Lai Châu")]),
    ("Đến nay tỉnh Lai Châu có 38 xã, phường.", AFTER, [("tỉnh Lai Châu", "12", "Lai Châu")]),
    ("Bình Dương thu hút 1,2 tỷ USD vốn FDI trong quý I.", "2026-04-02",
     [("Bình Dương", "79", "Hồ Chí Minh")]),
    ("Bình Dương thu hút 1,2 tỷ USD vốn FDI trong quý I.", "2024-04-02",
     [("Bình Dương", "74", "Bình Dương")]),
    ("Thành phố Hồ Chí Minh có 168 phường, xã.", AFTER, [("Thành phố Hồ Chí Minh", "79", "Hồ Chí Minh")]),
    ("Chủ tịch UBND TP Hồ Chí Minh Phan Văn Mãi cho biết.", BEFORE,
     [("TP Hồ Chí Minh", "79", "Hồ Chí Minh")]),
    ("TPHCM và Tp.HCM, TP. HCM, TP HCM", BEFORE,
     [("TPHCM", "79", "Hồ Chí Minh"), ("Tp.HCM", "79", "Hồ Chí Minh"), ("TP. HCM", "79", "Hồ Chí Minh"),
      ("TP HCM", "79", "Hồ Chí Minh")]),
    ("Kim ngạch xuất khẩu của Bà Rịa - Vũng Tàu tăng 8%.", BEFORE,
     [("Bà Rịa - Vũng Tàu", "77", "Bà Rịa - Vũng Tàu")]),
    ("Kim ngạch xuất khẩu của BR-VT tăng 8%.", AFTER, [("BR-VT", "79", "Hồ Chí Minh")]),
    ("Daklak, Đắc Lắk và Đắk Lắk là một; Kontum là Kon Tum.", BEFORE,
     [("Daklak", "66", "Đắk Lắk"), ("Đắc Lắk", "66", "Đắk Lắk"), ("Đắk Lắk", "66", "Đắk Lắk"),
      ("Kontum", "62", "Kon Tum"), ("Kon Tum", "62", "Kon Tum")]),
    ("Tỉnh Kon Tum nay thuộc Quảng Ngãi.", AFTER,
     [("Tỉnh Kon Tum", "51", "Quảng Ngãi"), ("Quảng Ngãi", "51", "Quảng Ngãi")]),
    ("Đắk Nông có 2 cửa khẩu.", AFTER, [("Đắk Nông", "68", "Lâm Đồng")]),
    # tone placement: both spellings, canonical name in the new one
    ("Tỉnh Hoà Bình và tỉnh Hòa Bình; Thanh Hoá, Khánh Hoà", BEFORE,
     [("Tỉnh Hoà Bình", "17", "Hòa Bình"), ("tỉnh Hòa Bình", "17", "Hòa Bình"),
      ("Thanh Hoá", "38", "Thanh Hóa"), ("Khánh Hoà", "56", "Khánh Hòa")]),
    # Hòa Bình needs context: a list with another province, a locative, a prefix
    ("Mưa lũ gây thiệt hại ở các tỉnh Sơn La, Hòa Bình, Phú Thọ.", BEFORE,
     [("tỉnh Sơn La", "14", "Sơn La"), ("Hòa Bình", "17", "Hòa Bình"), ("Phú Thọ", "25", "Phú Thọ")]),
    ("Tại Hòa Bình, 20 hộ dân phải di dời.", BEFORE, [("Hòa Bình", "17", "Hòa Bình")]),
    ("Hòa Bình và Phú Thọ nay là một tỉnh.", AFTER,
     [("Hòa Bình", "25", "Phú Thọ"), ("Phú Thọ", "25", "Phú Thọ")]),
    # a list opened by a prefix carries it to Hồ Chí Minh
    ("Các thành phố Hà Nội, Hồ Chí Minh và Đà Nẵng dẫn đầu.", BEFORE,
     [("thành phố Hà Nội", "01", "Hà Nội"), ("Hồ Chí Minh", "79", "Hồ Chí Minh"), ("Đà Nẵng", "48", "Đà Nẵng")]),
    # a person after the place: not a longer name
    ("Chủ tịch UBND Hà Nội Trần Sỹ Thanh cho biết thành phố đã giải ngân 70%.", BEFORE,
     [("Hà Nội", "01", "Hà Nội")]),
    ("Huế có 9 phường; thành phố Huế đón 2 triệu khách.", AFTER,
     [("Huế", "46", "Huế"), ("thành phố Huế", "46", "Huế")]),
    # the provincial capital is inside its province
    ("Thành phố Thanh Hóa có 47 phường, xã.", BEFORE, [("Thành phố Thanh Hóa", "38", "Thanh Hóa")]),
    ("HÀ NỘI - Sáng 5/3, Sở Y tế Hà Nội cho biết.", BEFORE,
     [("HÀ NỘI", "01", "Hà Nội"), ("Hà Nội", "01", "Hà Nội")]),
    ("Sài Gòn có 13 triệu dân.", BEFORE, [("Sài Gòn", "79", "Hồ Chí Minh")]),
])
def test_positive(text, published, expect):
    assert found(text, published) == expect


# --- negatives -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập năm 1945.",
    "Đường Hồ Chí Minh dài hơn 3.000 km.",
    "Học viện Chính trị quốc gia Hồ Chí Minh khai giảng.",
    "Lăng Chủ tịch Hồ Chí Minh, Hà Nội",          # (only Hà Nội: checked below)
    "Thế giới cần hòa bình và hợp tác.",
    "Hòa bình là khát vọng của nhân dân.",
    "Ông Thái Bình, 52 tuổi, là chủ trang trại.",
    "Bà Hà Nam cho biết gia đình có 3 ha lúa.",
    "Phó Thủ tướng Nguyễn Hòa Bình chủ trì cuộc họp.",
    "Chị Nguyễn Thị Huế bán hàng ở chợ.",
    "Cung Hòa Bình có 500 chỗ ngồi.",
    "Khu đô thị Long An Phú rộng 20 ha.",
    "Cửa hàng trên đường Lê Lợi, đường Hà Nội và phố Huế.",
    "Một bát bún bò Huế giá 50.000 đồng.",
    "Phường Hòa Bình có 12.000 dân; sông Đồng Nai dài 586 km.",
    "Việt Nam xuất khẩu 8 triệu tấn gạo.",
    "Khu vực châu Á - Thái Bình Dương tăng trưởng 4,5%.",
    "Bình Định Vương Lê Lợi dựng cờ khởi nghĩa.",
    "Báo Hà Nội Mới có 50 phóng viên.",
    "tỉnh hòa bình viết thường",
    "Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh.",
    # the ends of a route name
    "Tai nạn làm tuyến TP HCM - Dầu Giây ùn ứ ba km.",
    "Cao tốc Hà Nội - Hải Phòng có 6 làn xe.",
    "Chuyến bay Hà Nội - TP.HCM chậm 2 giờ.",
    "Cao tốc Vĩnh Hảo - Phan Thiết, TP HCM - Dầu Giây kẹt xe.",
])
def test_negative(text):
    got = found(text, BEFORE)
    if text.startswith("Lăng Chủ tịch"):
        assert got == [("Hà Nội", "01", "Hà Nội")]
    else:
        assert got == []


# --- offsets, windows, dates ---------------------------------------------------------------

def test_offsets_into_the_text_as_given():
    nfc = "Năm 2023, tỉnh Hoà Bình có 210 xã.\r\nTP.HCM dẫn đầu."
    nfd = "\ufeff" + unicodedata.normalize("NFD", nfc)
    for text in (nfc, nfd):
        got = province_mentions(text, published=BEFORE)
        assert [unicodedata.normalize("NFC", text[p.start:p.end]) for p in got] == ["tỉnh Hoà Bình", "TP.HCM"]
        assert [p.code for p in got] == ["17", "79"]
        assert all(isinstance(p, Place) for p in got)


def test_window():
    text = "Hà Nội, Đà Nẵng và Cần Thơ"
    a = text.index("Đà")
    assert found(text, start=a, end=a + len("Đà Nẵng")) == [("Đà Nẵng", "48", "Đà Nẵng")]
    assert found(text, start=a + 1) == [("Cần Thơ", "92", "Cần Thơ")]
    # context outside the window still counts: the prefix before it, the list around it
    t2 = "các tỉnh Sơn La, Hòa Bình"
    assert found(t2, start=t2.index("Hòa")) == [("Hòa Bình", "17", "Hòa Bình")]


@pytest.mark.parametrize("published, want", [
    (None, "63"), ("", "63"), ("2025-06-30", "63"), ("2025-07-01", "34"), ("2025-07-01T00:05:00+07:00", "34"),
    ("2025-07", "34"), ("2025-06", "63"), ("2025", "63"), ("2026", "34"), ("2019-03-01", "63"),
])
def test_code_set(published, want):
    assert code_set(published) == want


def test_code_set_rejects_non_iso():
    with pytest.raises(ValueError):
        code_set("16/10/2023")


# --- the generated data --------------------------------------------------------------------

def _data():
    return tomllib.loads((PATTERNS_DIR / "statements" / "provinces.toml").read_text(encoding="utf-8"))


def test_data_invariants():
    d = _data()
    p63, p34 = d["p63"], d["p34"]
    assert len(p63) == 63 and len(p34) == 34
    codes63, codes34 = [p["code"] for p in p63], [p["code"] for p in p34]
    assert len(set(codes63)) == 63 and len(set(codes34)) == 34
    assert all(re.fullmatch(r"\d\d", c) for c in codes63 + codes34)
    assert all(p["to34"] in codes34 for p in p63)
    # from63 is the inverse of to34, and covers every old code once
    inverse = {c: sorted(p["code"] for p in p63 if p["to34"] == c) for c in codes34}
    assert {p["code"]: p["from63"] for p in p34} == inverse
    # a new province keeps the name and the territory of one of its old ones
    by_name63 = {p["name"]: p for p in p63}
    assert all(by_name63[p["name"]]["to34"] == p["code"] for p in p34)
    # the figures of CONTRACT.md
    names63 = {p["code"]: p["name"] for p in p63}
    assert (names63["01"], names63["79"], names63["46"]) == ("Hà Nội", "Hồ Chí Minh", "Huế")
    # it says where it came from
    src = d["source"]
    assert "vietnam-provinces 0.6.0" in src["set63"] and "vietnam-provinces 2025." in src["set34"]
    assert "vietnam-address-converter" in src["old_to_new"] and src["merger"] == "2025-07-01"


def test_every_alias_resolves():
    d = _data()
    g = gazetteer()
    for p in d["p63"]:
        for form in p.get("aliases", []) + p.get("press", []):
            for published, want in ((BEFORE, p["code"]), (AFTER, p["to34"])):
                text = f"Theo báo cáo, tỉnh {form} có 100 xã."
                if form.upper().startswith("TP"):
                    text = f"Theo báo cáo, {form} có 100 xã."
                got = province_mentions(text, published=published)
                assert [x.code for x in got] == [want], (form, published, got)
                assert text[got[0].start:got[0].end].endswith(form)
    # every name the rules name is a province form
    assert g.prefix_only and g.need_context


def test_hand_aliases_are_apart_and_explained():
    text = (PATTERNS_DIR / "statements" / "province_aliases.toml").read_text(encoding="utf-8")
    assert "Why a hand list exists" in text
    hand = tomllib.loads(text)
    press = {f for p in _data()["p63"] for f in p.get("press", [])}
    assert "TP.HCM" in press and "BR-VT" in press
    assert all(e["code"] and e["forms"] for e in hand["alias"])


@pytest.mark.parametrize("text,published,expect", [
    # the provincial city named after its province lies in it, below the province
    ("Thành phố Thanh Hóa có 47 phường, xã.", BEFORE, [("Thành phố Thanh Hóa", "38", True)]),
    ("TP Bắc Ninh có hai cụm công nghiệp làng nghề.", AFTER, [("TP Bắc Ninh", "24", True)]),
    ("tỉnh Thanh Hóa có 26 huyện, thị xã, thành phố.", BEFORE, [("tỉnh Thanh Hóa", "38", False)]),
    # a centrally-run city is the province itself
    ("Thành phố Đà Nẵng đón 1 triệu khách.", BEFORE, [("Thành phố Đà Nẵng", "48", False)]),
    ("TP.HCM có 22 quận, huyện.", BEFORE, [("TP.HCM", "79", False)]),
])
def test_provincial_capital(text, published, expect):
    assert [(text[p.start:p.end], p.code, p.capital) for p in province_mentions(text, published=published)] == expect


def test_a_provincial_city_is_no_statement_place():
    from extract import extract
    recs = [r for r in extract("Năm 2023, TP Thanh Hóa thu hút 15 dự án đầu tư.", published="2024-01-05")
            if r["type"] == "COUNT"]
    assert [(r["text"], r["about"].get("place")) for r in recs] == [("15 dự án đầu tư", None)]
