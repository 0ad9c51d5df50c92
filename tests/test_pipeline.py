"""The spaCy pipeline and the batch path give the same mentions; the Doc is lossless."""
from pathlib import Path

import spacy
from spacy.matcher import Matcher
from spacy.util import filter_spans

from extract.pipeline.nlp import analyze, get_nlp, process

CORPUS = Path(__file__).parent.parent / "corpus"


def test_doc_and_batch_paths_agree_on_the_corpus():
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = process(text)
        ctx = analyze(text)
        assert doc.text == text   # lossless round trip
        assert [(m.type, m.start, m.end, m.value) for m in doc._.mentions] == \
               [(m.type, m.start, m.end, m.value) for m in ctx.mentions]


def test_facts_are_spans_displacy_can_render():
    doc = process("Tỉnh xếp thứ 13/63 tỉnh, thành phố; tỷ lệ đạt 50,2% và có 11.956 bộ phận một cửa.")
    assert [(s.label_, s.text) for s in doc.spans["facts"]] == [
        ("RANK", "13/63"), ("PERCENT", "50,2%"), ("COUNT", "11.956 bộ phận một cửa")]
    html = spacy.displacy.render(doc, style="span", options={"spans_key": "facts"}, page=False)
    # displaCy renders one token per fragment: "50,2" and "%" are separate tokens.
    assert all(label in html for label in ("RANK", "PERCENT", "COUNT"))
    assert "50,2" in html and "11.956" in html


def test_tokens_are_underthesea_words_with_nfc_norms():
    import unicodedata
    doc = get_nlp().make_doc(unicodedata.normalize("NFD", "Thủ tướng Chính phủ họp"))
    assert [t.norm_ for t in doc] == ["thủ tướng", "chính phủ", "họp"]
    matcher = Matcher(doc.vocab)
    matcher.add("PM", [[{"NORM": "thủ tướng"}, {"NORM": "chính phủ"}]])
    spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
    assert [s.text for s in spans] == [unicodedata.normalize("NFD", "Thủ tướng Chính phủ")]
