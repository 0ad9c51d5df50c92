"""Offsets index the text as given: NFD, BOM, CRLF and mixed input give the NFC twin's records."""
import unicodedata

from extract import extract
import pytest

from extract.engine.text import fold, normalize

SENTENCE = ("Đến 10/10/2023 đã cấp trên 83,76 triệu thẻ căn cước công dân; tỷ lệ đạt 26,93% "
            "(tăng 16,15% so với cùng kỳ), 21/22 bộ, ngành và 61/63 địa phương công bố 4.028 TTHC nội bộ.")


def _key(records):
    return [(r["type"], unicodedata.normalize("NFC", r["text"]), r["value"], r["qualifier"], r["change"], r.get("unit"))
            for r in records]


def test_nfc_reference_records():
    got = [(r["type"], r["text"], r["value"]) for r in extract(SENTENCE)]
    assert ("COUNT", "trên 83,76 triệu thẻ căn cước công dân", 83760000) in got
    assert ("PERCENT", "tăng 16,15%", 16.15) in got
    assert ("RATIO", "21/22 bộ, ngành", {"numerator": 21, "denominator": 22}) in got


def test_nfd_gives_same_records_with_offsets_into_nfd_text():
    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert nfd != SENTENCE
    ref, got = extract(SENTENCE), extract(nfd)
    assert _key(got) == _key(ref)
    for r in got:
        assert nfd[r["start"]:r["end"]] == r["text"]
        assert unicodedata.normalize("NFC", r["text"]) in SENTENCE


def test_bom_crlf_and_mixed_forms():
    text = "\ufeffDòng đầu.\r\n" + unicodedata.normalize("NFD", "Cả nước có 11.956 bộ phận một cửa.") + "\r\nĐạt 50,2%."
    got = extract(text)
    assert [(r["type"], unicodedata.normalize("NFC", r["text"]), r["value"]) for r in got] == [
        ("COUNT", "11.956 bộ phận một cửa", 11956), ("PERCENT", "50,2%", 50.2)]
    for r in got:
        assert text[r["start"]:r["end"]] == r["text"]
        assert "\r" not in r["sentence"]


def test_normalize_map_is_identity_for_nfc():
    nt = normalize("Phó Thủ tướng")
    assert nt.identity and nt.orig_span(0, 3) == (0, 3)


def test_normalize_maps_clusters_back():
    original = unicodedata.normalize("NFD", "Ủy ban") + "\r\n"
    nt = normalize(original)
    assert nt.norm == "Ủy ban\n"
    s, e = nt.orig_span(0, 2)
    assert original[s:e] == unicodedata.normalize("NFD", "Ủy")
    s, e = nt.orig_span(6, 7)
    assert original[s:e] == "\r\n"


def test_fold_unifies_tone_placement_and_keeps_length():
    for a, b in [("Uỷ ban", "Ủy ban"), ("hoà bình", "hòa bình"), ("khoẻ", "khỏe"), ("Luỹ kế", "Lũy kế")]:
        assert fold(a) == fold(b)
        assert len(fold(a)) == len(a)
    assert fold("hoàng") == "hoàng"   # closed syllable: the tone stays where it is
    assert fold("quà") == "quà"       # "qu" is a consonant


# --- paragraph breaks a flattened article lost (patterns/text/glued_breaks.toml) ----------
def _glue_data():
    from extract.engine.patterns import load_toml
    return load_toml("text/glued_breaks.toml")


@pytest.mark.parametrize("case", _glue_data()["examples"]["breaks"])
def test_glued_break_examples(case):
    from extract.engine.text import glued_breaks
    text = case["text"]
    got = []
    for b in glued_breaks(text):
        left, right = text[:b].split()[-1], text[b:].split()[0]
        got.append(f"{left[-len(case['at'][len(got)].split('|')[0]):]}|{right[:len(case['at'][len(got)].split('|')[1])]}")
    assert got == case["at"]


@pytest.mark.parametrize("text", _glue_data()["examples"]["none"])
def test_glued_break_counter_examples(text):
    from extract.engine.text import glued_breaks
    assert glued_breaks(text) == []


def test_a_restored_break_maps_to_no_character_of_the_original():
    text = "Giá vàng tăng tại Singapore.Hôm 18/2, giá giảm 2%."
    nt = normalize(text)
    assert nt.norm == "Giá vàng tăng tại Singapore.\nHôm 18/2, giá giảm 2%."
    i = nt.norm.index("2%")
    assert nt.orig_span(i, i + 2) == (text.index("2%"), text.index("2%") + 2)
    nl = nt.norm.index("\n")
    assert nt.orig_span(nl, nl + 1) == (text.index("Hôm"), text.index("Hôm"))


def test_records_of_a_flattened_article_point_into_it_and_split_its_sentences():
    from extract import extract
    text = "Doanh thu của công ty đạt 500 tỷ đồng trong năm 2023.Năm 2024, lợi nhuận đạt 120 tỷ đồng."
    recs = [r for r in extract(text) if r["type"] == "MONEY"]
    assert [(r["text"], text[r["start"]:r["end"]], r["sentence"]) for r in recs] == [
        ("500 tỷ đồng", "500 tỷ đồng", "Doanh thu của công ty đạt 500 tỷ đồng trong năm 2023."),
        ("120 tỷ đồng", "120 tỷ đồng", "Năm 2024, lợi nhuận đạt 120 tỷ đồng."),
    ]
    assert recs[1]["about"]["period"]["text"] == "Năm 2024"
