"""The assembly layer: the spaCy pipeline over the dimensions and statements, and the
records it emits in the contract's shape. ``get_nlp``, ``process`` and ``analyze`` are the
entry points (extract.pipeline.get_nlp() is public API)."""
from .nlp import analyze, get_nlp, make_context, mentions_of, process

__all__ = ["analyze", "get_nlp", "make_context", "mentions_of", "process"]
