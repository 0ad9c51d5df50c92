"""wordcrf decodes underthesea's word-segmentation model itself: the same tags as underthesea's
own Rust featurizer and tagger, feature by feature and tag by tag."""
import random
from pathlib import Path

from underthesea.pipeline.word_tokenize import regex_tokenize

from extract.engine.segment import _word_model
from extract.engine.wordcrf import SAFE_CHARS, isdigit, istitle, word_crf
from spec_runner import load_cases

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ([case["text"] for _, _, case in load_cases()]
         + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))])


def _syllables(text):
    return [m.group() for m in regex_tokenize.patterns.finditer(text)]


def _rust_tags(toks):
    return [t != "I-W" for t in _word_model().predict([[t] for t in toks])]


def test_tags_equal_underthesea_on_news_text():
    crf = word_crf()
    n = 0
    for text in TEXTS:
        toks = _syllables(text)
        assert crf.tag(toks) == _rust_tags(toks), text[:80]
        n += len(toks)
    assert n > 10_000


def test_emissions_equal_the_sum_of_underthesea_features():
    """Each syllable's score is the sum of the weights of the features underthesea builds."""
    crf = word_crf()
    feats = _word_model().featurizer
    toks = _syllables(TEXTS[-1])[:400]
    for got, fs in zip(crf.emissions(toks), feats.process([[[t] for t in toks]])[0]):
        want = sum(crf.w.get(f, 0.0) for f in fs)
        assert abs(got - want) < 1e-9


def _rust_unigram(toks):
    """underthesea's own lower / isdigit / istitle / is_in_dict of each token."""
    out = []
    for fs in _word_model().featurizer.process([[[t] for t in toks]])[0]:
        d = dict(f.split("=", 1) for f in fs if f.startswith("T[0]."))
        out.append((d["T[0].lower"], d["T[0].isdigit"], d["T[0].istitle"], d["T[0].is_in_dict"]))
    return out


def _ours(t):
    crf = word_crf()
    return (t.lower(), str(isdigit(t)), str(istitle(t)), str(t.lower() in crf.dictionary))


def test_every_safe_character_is_read_as_underthesea_reads_it():
    chars = [chr(c) for c in [*range(0x2700), *range(0xfe00, 0xfe10)]
             if SAFE_CHARS.fullmatch(chr(c)) and not chr(c).isspace()]
    assert len(chars) > 2600
    toks = []
    for c in chars:
        toks += [c, "A" + c, "a" + c, c + "a", c + "A", "1" + c, c + c, "Ab" + c]
    for i in range(0, len(toks), 2000):
        chunk = toks[i:i + 2000]
        assert _rust_unigram(chunk) == [_ours(t) for t in chunk]


def test_digits_and_titles_at_their_edges():
    toks = ["007", "2147483647", "2147483648", "12345678901234567890", "1.2", "1,5", "Hà", "hà", "HÀ",
            "1a", "aB", "Đà", "ª", "ß", "x1", "BÁC", "bác", "SĨ", "ABC", "abc"]
    assert _rust_unigram(toks) == [_ours(t) for t in toks]


def test_pairs_and_triples_read_titles_word_by_word():
    rng = random.Random(3)
    words = ["Hà", "nội", "Nội", "1", "bộ", "BỘ", "phận", "Y", "tế", "(", "UBND", "tỉnh", "x", "Đà", "Nẵng"]
    toks = [rng.choice(words) for _ in range(600)]
    assert crf_tags(toks) == _rust_tags(toks)


def crf_tags(toks):
    return word_crf().tag(toks)


def test_unchecked_characters_go_to_underthesea():
    toks = _syllables("Ông 李 nói: αβγ là ký hiệu, ǅa, ƛ và ⅰ cũng thế.")
    assert not SAFE_CHARS.fullmatch("".join(toks))
    assert word_crf().tag(toks) == _rust_tags(toks)


def test_a_tie_between_two_paths_is_left_to_underthesea():
    # "Pro", "G5", "Small", "Form" weigh alike: two segmentations score the same, and the
    # floats of CRFsuite's per-label sums keep "Pro G5 | Small | Form Factor"
    from extract.engine.segment import Segmentation, segment, segment_with_underthesea
    text = ("Đó là dòng máy tính văn phòng HP 280 Pro G6 Microtower, HP 280 Pro G5 Small Form Factor "
            "và HP ProDesk 400 G7 Microtower.")
    words = [text[s:e] for s, e in segment_with_underthesea(text)]
    assert words[-8:-4] == ["Pro G5", "Small", "Form Factor", "và"]
    assert segment(text) == segment_with_underthesea(text)
    seg = Segmentation(text)
    i = text.index("Pro G5")
    assert seg.between(i, i + 20) == [w for w in segment_with_underthesea(text) if i <= w[0] < i + 20]
    assert word_crf().viterbi(word_crf().emissions(_syllables(text))) is None
