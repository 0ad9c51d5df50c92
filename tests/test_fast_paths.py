"""Fast paths that must give what the plain code they replace gives (bench/README.md,
"Throughput"): each is compared here with the plain form on texts made to hit its edges."""
import random

from extract.dimensions.official_refs import _offices_in
from extract.dimensions.officials import _ends_with_entry, _gaz, _opens_with_entry
from extract.dimensions.titles import office_regex


def test_never_name_look_ups_equal_the_scan_of_every_entry():
    never = _gaz()["never"]
    lengths = _gaz()["never_lengths"]
    entries = sorted(never)
    rng = random.Random(4)
    parts = entries[:40] + ["văn", "thị", "minh", "an", "hà", "nội", "x", " ", "  "]
    for _ in range(4000):
        key = " ".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        assert _opens_with_entry(key, never) == any(key.startswith(nv + " ") for nv in never), key
        assert (key.count(" ") >= 3 and _ends_with_entry(key, never)) == \
            any(key.count(" ") >= 3 and " " in nv and key.endswith(" " + nv) for nv in never), key
        tail = key[:40]
        assert any(len(tail) >= n and tail[:n] in never and not tail[n:n + 1].isalpha() for n in lengths) == \
            any(tail.startswith(nv) and not tail[len(nv):len(nv) + 1].isalpha() for nv in never), key


def test_offices_found_as_the_office_regex_finds_them():
    text = ("phó chủ tịch ubnd tỉnh, chủ tịch nước và bí thư tỉnh ủy; thủ tướng chính phủ, xphó chủ tịch, "
            "bộ trưởng bộ y tế, thứ trưởng2 phó thủ tướng thường trực. tổng giám đốc,giám đốc sở")
    for start, end in ((0, len(text)), (3, 90), (1, 5), (60, len(text) - 3)):
        assert [m.span() for m in _offices_in(text, start, end)] == \
            [m.span() for m in office_regex().finditer(text, start, end)], (start, end)
    assert [m.group() for m in _offices_in(text, 0, 50)] == ["phó chủ tịch", "chủ tịch nước", "bí thư"]


def test_prefix_first_words_and_number_words_found_as_the_regex_finds_them():
    from extract.engine.literal_hits import literal_hits
    from extract.engine.matching import _number_word_rx, _prefix_regexes, word_matches
    from extract.engine.text import fold
    text = fold("Khoảng 30 người, không quá 5%, tăng hơn 2 lần; xkhông 3, khôngg 4, từ hai đến ba, "
                "mười một, hai mươi mốt nghìn, một nửa, bamươi, năm 2023 tăng 3,5%")
    _, first = _prefix_regexes()
    for start, end in ((0, len(text)), (4, 60), (9, 10)):
        assert [m.span() for m in word_matches(first, text, start, end)] == \
            [m.span() for m in first.finditer(text, start, end)], (start, end)
        rx = _number_word_rx()
        assert literal_hits(rx, text, start, end) == \
            [m.start() for m in rx.finditer(text, start, end, overlapped=True)], (start, end)
    assert [m.group() for m in word_matches(first, text, 0, 40)] == ["khoảng", "không", "tăng", "hơn"]
