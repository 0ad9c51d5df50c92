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

from ..engine.errors import InputError
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
    from ..pipeline.nlp import analyze
    from ..pipeline.records import to_records

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
    from ..pipeline.nlp import analyze
    analyze("Khởi động 1 lần: đạt 50%.")  # load underthesea's models and compile the rules once per worker


def process_stream(items: Iterable[Article | InputError], workers: int = 1,
                   chunk_size: int = 8) -> Iterator[Result]:
    """Results for every article or error in ``items``, in input order.

    With several workers, chunks of articles go to a process pool, at most ``4 × workers``
    chunks ahead of the output. A worker that dies (a crash in a native extension, the
    OOM killer) does not stop the batch nor lose an article: the pool is restarted, the
    chunks it held are processed again one article per task, and an article that kills a
    worker a second time gets error E298.
    """
    if workers <= 1:
        for item in items:
            yield Result(None, error=item) if isinstance(item, InputError) else process_article(item)
        return
    pool = _Pool(workers)
    window = workers * 4
    try:
        pending: deque = deque()   # (errors before the chunk, the chunk, its future)
        chunk: list[Article] = []
        errors: list[InputError] = []

        def submit():
            pending.append((list(errors), list(chunk), pool.submit(_process_chunk, list(chunk))))
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
                    yield from _drain(pending.popleft(), pool)
        if chunk:
            submit()
        elif errors:
            pending.append((list(errors), [], None))
        while pending:
            yield from _drain(pending.popleft(), pool)
    finally:
        pool.shutdown()


class _Pool:
    """A process pool that is started again when one of its workers dies."""

    def __init__(self, workers: int):
        import multiprocessing as mp
        self.workers = workers
        self.mp = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.executor = None

    def submit(self, fn, *args):
        from concurrent.futures.process import BrokenProcessPool
        for _ in range(2):
            if self.executor is None:
                from concurrent.futures import ProcessPoolExecutor
                if self.mp.get_start_method() == "fork":
                    _warm()   # load the models once here: forked workers share them, no load each
                self.executor = ProcessPoolExecutor(self.workers, mp_context=self.mp, initializer=_warm)
            try:
                return self.executor.submit(fn, *args)
            except BrokenProcessPool:
                self.restart()
        raise RuntimeError("the worker pool cannot be started")

    def restart(self):
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def shutdown(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _drain(entry, pool: _Pool) -> Iterator[Result]:
    from concurrent.futures.process import BrokenProcessPool
    errs, chunk, future = entry
    for e in errs:
        yield Result(None, error=e)
    if future is None:
        return
    try:
        yield from future.result()
        return
    except BrokenProcessPool:
        pool.restart()
    # A worker died while this chunk was in the pool (not necessarily because of it):
    # every article again, each its own task, so one that kills a worker is found.
    futures = [pool.submit(_process_chunk, [a]) for a in chunk]
    for article, f in zip(chunk, futures):
        try:
            yield f.result()[0]
            continue
        except BrokenProcessPool:
            pool.restart()
        try:
            yield pool.submit(_process_chunk, [article]).result()[0]
        except BrokenProcessPool:
            pool.restart()
            yield Result(article, error=InputError(
                "E298", article.source, "the worker process died while extracting this article",
                "it was tried twice; please report it with this article"))
