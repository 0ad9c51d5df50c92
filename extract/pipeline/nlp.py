"""The spaCy pipeline: an underthesea tokenizer and one component per dimension.

``spacy.blank("vi")`` would import pyvi for its tokenizer; we give the Vietnamese language
our own tokenizer instead (``vnextract.UnderTheSeaTokenizer``): it normalizes a matching
copy, finds the article body, segments it with underthesea and builds a ``Doc`` whose text
is exactly the input (``doc.text == text``), so spaCy's Matcher, ``filter_spans`` and
displaCy work on it. Every component and the tokenizer are registered here, in one place.

Doc extensions:
- ``doc._.ctx``: the ``ArticleContext`` (matching copy, words, sentences, metadata);
- ``doc._.mentions``: ``Mention`` objects found so far (offsets into the matching copy);
- ``doc.spans["facts"]``: the final mentions as spans labelled with their type.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..engine.context import ArticleContext, Mention
from ..dimensions.document import analyze as document_structure, sentences
from ..engine.overlaps import resolve_overlaps
from ..statements.linker import link_statements
from .registry import DIMENSIONS
from ..engine.segment import Segmentation, segment_with_underthesea
from ..engine.text import normalize

if not Doc.has_extension("ctx"):
    Doc.set_extension("ctx", default=None)
    Doc.set_extension("mentions", default=None)


class UnderTheSeaTokenizer:
    """Text -> Doc with underthesea words, lossless (``doc.text == text``)."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        ctx = make_context(text)
        words, spaces, norms = doc_words(ctx)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token, norm in zip(doc, norms):
            token.norm_ = norm   # NFC, lower case: Matcher patterns on NORM see one spelling
        doc._.ctx = ctx
        doc._.mentions = []
        return doc


def make_context(text: str, published: str | None = None, meta: dict | None = None,
                 reference_words: bool = False) -> ArticleContext:
    """Normalize, read the article's structure, segment the body and split it into sentences.

    The structure gives the metadata (``title``, ``published`` from the dateline,
    ``author`` from the byline, ``captions`` as original-text offsets); a ``published``
    given by the caller wins over the dateline's. The body is segmented where the resolvers
    ask for words (all of it for a Doc); ``reference_words`` segments all of it up front
    with underthesea's own tagger instead, the reference the lazy words are checked against.
    """
    nt = normalize(text)
    norm = nt.norm
    st = document_structure(norm)
    end = st.body_end
    tokens = segment_with_underthesea(norm[:end]) if reference_words else Segmentation(norm[:end])
    info = st.meta(norm)
    if st.captions:
        info["captions"] = [list(nt.orig_span(s, e)) for s, e in st.captions]
    cuts: set[int] = set()   # where over-long sentences were cut (records say so)
    ctx = ArticleContext(nt, tokens, sentences(norm, 0, end, cuts), published=st.published, body_end=end, meta=info,
                         title_span=st.title, dateline_span=st.dateline)
    ctx.cache["sentence_cuts"] = cuts
    _apply_meta(ctx, published, meta)
    return ctx


def doc_words(ctx: ArticleContext) -> tuple[list[str], list[bool], list[str]]:
    """Words of the original text for a Doc: body words, then the tail split on spaces.

    Whitespace other than one space after a word becomes a token of its own, as spaCy does,
    so the Doc's text is the original text. ``norms`` hold the NFC form of each word.
    """
    nt = ctx.text
    original = nt.original
    spans = list(ctx.tokens)
    import re as _re
    for m in _re.finditer(r"\S+", ctx.norm[ctx.body_end:]):
        spans.append((ctx.body_end + m.start(), ctx.body_end + m.end()))
    words: list[str] = []
    spaces: list[bool] = []
    norms: list[str] = []
    pos = 0
    for s, e in spans:
        os_, oe = nt.orig_span(s, e)
        if os_ < pos:
            continue
        _gap(original[pos:os_], words, spaces, norms)
        words.append(original[os_:oe])
        norms.append(ctx.norm[s:e].lower())
        spaces.append(False)
        pos = oe
    _gap(original[pos:], words, spaces, norms)
    return words, spaces, norms


def _gap(gap: str, words, spaces, norms):
    if not gap:
        return
    if gap == " " and words and not spaces[-1]:
        spaces[-1] = True
        return
    if words and not spaces[-1] and gap.startswith(" "):
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        norms.append(gap)
        spaces.append(False)


@registry.tokenizers("vnextract.UnderTheSeaTokenizer")
def create_tokenizer():
    def make(nlp):
        return UnderTheSeaTokenizer(nlp.vocab)
    return make


class DimensionComponent:
    """Runs one dimension's rules over the doc's body and adds its mentions."""

    def __init__(self, dimension: str):
        self.dimension = DIMENSIONS[dimension]()

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions.extend(self.dimension.find(doc._.ctx))
        return doc


@Language.factory("vnx_dimension", default_config={"dimension": "quantities"})
def make_dimension(nlp: Language, name: str, dimension: str):
    return DimensionComponent(dimension)


@Language.factory("vnx_overlaps")
def make_overlaps(nlp: Language, name: str):
    """Keeps the non-overlapping mentions and exposes them as ``doc.spans["facts"]``."""

    def resolve(doc: Doc) -> Doc:
        chosen = resolve_overlaps(doc._.mentions)
        doc._.mentions = chosen
        doc._.ctx.mentions = chosen
        spans = []
        nt = doc._.ctx.text
        for m in chosen:
            s, e = nt.orig_span(m.start, m.end)
            span = doc.char_span(s, e, label=m.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["facts"] = spans
        return doc

    return resolve


@Language.factory("vnx_statements")
def make_statements(nlp: Language, name: str):
    """Links each quantity of ``doc.spans["facts"]`` to what it is about (``Mention.about``)."""

    def link(doc: Doc) -> Doc:
        link_statements(doc._.ctx)
        return doc

    return link


@lru_cache(maxsize=None)
def get_nlp(dimensions: tuple[str, ...] | None = None) -> Language:
    """The pipeline: tokenizer, one ``vnx_dimension`` per dimension, then overlaps."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vnextract.UnderTheSeaTokenizer"}}})
    for dim in (dimensions or tuple(DIMENSIONS)):
        nlp.add_pipe("vnx_dimension", name=f"vnx_{dim}", config={"dimension": dim})
    nlp.add_pipe("vnx_overlaps")
    nlp.add_pipe("vnx_statements")
    return nlp


def _apply_meta(ctx: ArticleContext, published: str | None, meta: dict | None) -> None:
    if published:   # else keep the dateline's date found by make_context
        ctx.published = published
        ctx.meta["published"] = published
        ctx.meta["published_source"] = "input"
    if meta:
        ctx.meta.update({k: v for k, v in meta.items() if v is not None})


def process(text: str, published: str | None = None, meta: dict | None = None) -> Doc:
    """Run the spaCy pipeline on one article: a Doc with ``doc.spans["facts"]``.

    For displaCy, the Matcher and other spaCy tools. Batch extraction uses ``analyze``,
    which runs the same dimensions and the same overlap resolution without building a Doc.
    """
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    _apply_meta(doc._.ctx, published, meta)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


@lru_cache(maxsize=1)
def _dimensions() -> tuple:
    return tuple(cls() for cls in DIMENSIONS.values())


def analyze(text: str, published: str | None = None, meta: dict | None = None,
            reference_words: bool = False) -> ArticleContext:
    """The article's context with its resolved mentions in ``ctx.mentions``.

    Same result as ``process`` (tests/test_pipeline.py checks it), without the cost of a
    spaCy Doc, which is a tenth of the segmentation's: this is the batch path.
    ``reference_words``: see ``make_context`` (the records must not change).
    """
    ctx = make_context(text, published, meta, reference_words)
    found = []
    for dim in _dimensions():
        found.extend(dim.find(ctx))
    ctx.mentions = resolve_overlaps(found)
    link_statements(ctx)
    return ctx


def mentions_of(doc: Doc) -> list[Mention]:
    return list(doc._.mentions)
