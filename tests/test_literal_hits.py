"""The literal-head fast path gives the same hits as the regex's overlapped finditer."""
import regex

from extract.engine.literal_hits import keys_of, literal_hits

TEXT = ("doanh thu quý 3 tăng 5 tỷ đồng, tương đương 200.000 usd; tuần lễ qua, ngày 3/4 "
        "và tháng sau giá 20 đô la singapore/kg, nửa phần trăm. thángg, xtháng, 7tháng, nămtháng")
PATTERNS = [
    r"(?<![\p{L}\p{N}])(?:ngày|tuần|tuần lễ|tháng|quý|quí|năm)(?![\p{L}\p{N}])",
    r"(?:(?<!\p{L})(?:đô\s+la\s+singapore|đô\s+la|đồng|usd)(?![\p{L}\p{N}]))",
    r"tỷ|tỉ|triệu|nghìn|ngàn",
    r"nửa|phần",
    r"(?:(?:us\$|usd|\$|€))",
    r"(?<![\p{L}\p{N}])(?:ngày|tháng)\s+(?:qua|sau)(?![\p{L}\p{N}])",
]


def test_same_hits_as_overlapped_finditer():
    for p in PATTERNS:
        rx = regex.compile(p, regex.V1)
        for start, end in ((0, len(TEXT)), (5, 90)):
            want = [m.start() for m in rx.finditer(TEXT, start, end, overlapped=True)]
            got = literal_hits(rx, TEXT, start, end)
            assert got == want, p


def test_other_shapes_fall_back():
    for p in (r"\d{1,2}[/\-]\d{1,2}", r"(?:[-–]|(?<![\p{L}])(?:đến|tới))\s*\d", r"(?:ngày|tháng)?\s+qua",
              r"(?:ngày|tháng)|\d", r"a?b|cd"):
        assert keys_of(p) is None or literal_hits(regex.compile(p, regex.V1), TEXT, 0, len(TEXT)) is None, p
    assert literal_hits(regex.compile(r"(?:tháng|năm)", regex.V1 | regex.IGNORECASE), TEXT, 0, 9) is None
    # one ASCII letter as a key: too many candidates, the regex runs instead
    assert literal_hits(regex.compile(r"(?<!\p{L})(?:kg|m)(?!\p{L})", regex.V1), TEXT, 0, len(TEXT)) is None


def test_keys_are_branch_heads():
    assert keys_of(r"(?<![\p{L}\p{N}])(?:tuần|tuần lễ|thập\s+kỷ)(?![\p{L}\p{N}])") == ["tuần", "tuần lễ", "thập"]
    assert keys_of(r"(?:(?:au\$|hk\$|\$))") == ["au$", "hk$", "$"]
    assert keys_of(r"ab?c|de") == ["a", "de"]


def test_word_start_matches_as_finditer():
    from extract.engine.literal_hits import word_heads, word_start_matches
    rx = regex.compile(r"(?<![\p{L}\p{N}])(?P<pre>tỉnh\s+|tp\.?\s*)?(?P<name>hà\s+nội|hà\s+nam|nam\s+định|hcm)"
                       r"(?![\p{L}\p{N}])")
    heads = word_heads(["tỉnh", "tp.", "tp", "hà nội", "hà nam", "nam định", "hcm"])
    assert heads == ("hcm", "hà", "nam", "tp", "tỉnh")
    text = "tỉnh hà nam và hà nội, tp.hcm, tphcm, nam định; xhà nội, hà nộii, 3hà nam"
    assert ([m.span() for m in word_start_matches(rx, text, heads)]
            == [m.span() for m in rx.finditer(text)])
    # a name at the very start; a head that starts with another ("hcmc" after "hcm") finds
    # nothing the shorter one does not
    text = "hà nội và hcmc, hcm; tp hcm."
    rx2 = regex.compile(r"(?<![\p{L}\p{N}])(?P<pre>tp\s+)?(?P<name>hà\s+nội|hcmc|hcm)(?![\p{L}\p{N}])")
    heads2 = word_heads(["tp", "hà nội", "hcmc", "hcm"])
    assert heads2 == ("hcm", "hcmc", "hà", "tp")
    assert ([m.span() for m in word_start_matches(rx2, text, heads2)]
            == [m.span() for m in rx2.finditer(text)] == [(0, 6), (10, 14), (16, 19), (21, 27)])
    assert word_heads(["-x", "hà"]) is None


def test_whole_word_spans_as_finditer():
    from extract.engine.literal_hits import whole_word_spans
    text = "pvcombank, (pvcombank) xpvcombank pvcombank2 a a a a; vn-index vn-indexes 3pvcombank pvcombank"
    for form in ("pvcombank", "a a", "vn-index", "a", "x"):
        rx = regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(form) + r"(?![\p{L}\p{N}])")
        for start, end in ((0, len(text)), (1, 30), (12, 21), (35, 44)):
            assert whole_word_spans(text, form, start, end) == [m.span() for m in rx.finditer(text, start, end)]


def test_coordinated_nouns_found_as_overlapped_finditer():
    # the linker's coordinated nouns with a comma (patterns/statements/linking.toml): each
    # start an overlapped finditer gives, "bộ, ngành" inside "bộ, ngành, địa phương" too
    from extract.statements.linker import _compound_regex, cues
    rx = _compound_regex(tuple(c for c in cues()["compounds"] if "," in c))
    text = ("các bộ, ngành, địa phương và sở, ban, ngành; huyện, thị xã, thành phố; bộ,ngành; "
            "người dân, doanh nghiệp, tổ chức, cá nhân")
    hits = literal_hits(rx, text, 0, len(text))
    assert hits is not None
    assert [rx.match(text, p, len(text)).span() for p in hits] == \
        [m.span() for m in rx.finditer(text, 0, len(text), overlapped=True)]
    assert len(hits) >= 5
