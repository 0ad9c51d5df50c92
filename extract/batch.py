"""Processing a stream of articles, in one process or several, in input order.

Memory stays flat: articles are read lazily and at most ``window`` chunks are in flight.
Results come out in input order whatever the number of workers, so two runs over the
same input give the same output byte for byte.
"""
from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .errors import InputError
from .readers import Article


@dataclass
class Result:
    """What became of one input: its records and metadata, or the error that stopped it."""

    article: Article | None
    records: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    error: InputError | None = None
    seconds: float = 0.0


def process_article(article: Article) -> Result:
    """Extract one article; an unexpected failure becomes an error, never a crash."""
    from .pipeline import analyze
    from .records import to_records

    t0 = time.perf_counter()
    try:
        ctx = analyze(article.text, published=article.published,
                      meta={"title": article.title, "url": article.url})
        records = to_records(article.doc_id, ctx, ctx.mentions)
        return Result(article, records, dict(ctx.meta, published=ctx.published),
                      seconds=time.perf_counter() - t0)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # a bug on one article must not stop a million-article batch
        # (BaseException: a panic in a Rust extension arrives as pyo3's PanicException)
        err = InputError("E299", article.source, f"internal error while extracting: {type(e).__name__}: {e}",
                         "please report it with this article")
        return Result(article, error=err, seconds=time.perf_counter() - t0)


def _process_chunk(chunk: list[Article]) -> list[Result]:
    return [process_article(a) for a in chunk]


def _warm():
    from .pipeline import analyze
    analyze("Khởi động 1 lần: đạt 50%.")  # load underthesea's models and compile the rules once per worker


def process_stream(items: Iterable[Article | InputError], workers: int = 1,
                   chunk_size: int = 8) -> Iterator[Result]:
    """Results for every article or error in ``items``, in input order."""
    if workers <= 1:
        for item in items:
            yield Result(None, error=item) if isinstance(item, InputError) else process_article(item)
        return
    import multiprocessing as mp
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    window = workers * 4
    with ctx.Pool(workers, initializer=_warm) as pool:
        pending: deque = deque()   # (errors before the chunk, async result)
        chunk: list[Article] = []
        errors: list[InputError] = []

        def submit():
            pending.append((list(errors), pool.apply_async(_process_chunk, (list(chunk),))))
            chunk.clear()
            errors.clear()

        for item in items:
            if isinstance(item, InputError):
                if chunk:
                    submit()
                errors.append(item)
                continue
            chunk.append(item)
            if len(chunk) >= chunk_size:
                submit()
                while len(pending) >= window:
                    yield from _drain(pending.popleft())
        if chunk or errors:
            submit() if chunk else pending.append((list(errors), None))
        while pending:
            yield from _drain(pending.popleft())


def _drain(entry) -> Iterator[Result]:
    errs, async_result = entry
    for e in errs:
        yield Result(None, error=e)
    if async_result is not None:
        yield from async_result.get()
