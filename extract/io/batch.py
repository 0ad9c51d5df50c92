"""Processing a stream of articles, in one process or several, in input order.

Memory stays flat: articles are read lazily and at most ``window`` chunks are in flight.
Results come out in input order whatever the number of workers, so two runs over the
same input give the same output byte for byte.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..engine import errors as E
from ..engine.errors import InputError
from .readers import Article

# The time budget of one article (``vnextract run --timeout``). A news article takes well
# under a second, the longest accepted (2 M characters) under a minute: past this, an
# article is stopped and recorded as E297 and the batch goes on.
DEFAULT_TIMEOUT = 120.0
# How much longer than its budget a worker may stay silent before it is killed and replaced:
# the alarm that stops an article cannot interrupt a call into native code that never returns.
KILL_GRACE = 30.0


@dataclass
class Result:
    """What became of one input: its records and metadata, or the error that stopped it."""

    article: Article | None
    records: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    error: InputError | None = None
    seconds: float = 0.0


class ArticleTimeout(BaseException):
    """The article ran past its time budget (a BaseException: no ``except Exception`` of the
    pipeline may swallow it)."""


@contextmanager
def time_budget(seconds: float | None):
    """Raise ``ArticleTimeout`` in this thread after ``seconds`` (None or 0: no budget).

    A SIGALRM timer: it stops the article wherever Python code runs (every resolver, the
    linker, between calls into the segmenter's native code). Signals reach only the main
    thread; elsewhere (a Dask worker's thread) there is no budget.
    """
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise ArticleTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timeout_error(article: Article, seconds: float) -> InputError:
    return InputError("E297", article.source, E.E297.format(seconds=f"{seconds:g}"),
                      "the article is stopped and the batch goes on; give a larger --timeout to let it finish")


def process_article(article: Article, timeout: float | None = None) -> Result:
    """Extract one article; an unexpected failure becomes an error, never a crash, and an
    article that runs past ``timeout`` seconds is stopped (E297)."""
    from ..pipeline.nlp import analyze
    from ..pipeline.records import to_records

    t0 = time.perf_counter()
    try:
        try:
            with time_budget(timeout):
                ctx = analyze(article.text, published=article.published,
                              meta={"title": article.title, "url": article.url})
                records = to_records(article.doc_id, ctx, ctx.mentions)
        except ArticleTimeout:
            return Result(article, error=timeout_error(article, timeout), seconds=time.perf_counter() - t0)
        return Result(article, records, dict(ctx.meta, published=ctx.published),
                      seconds=time.perf_counter() - t0)
    except (KeyboardInterrupt, SystemExit):
        raise
    except ArticleTimeout:   # the alarm rang just as the article finished
        return Result(article, error=timeout_error(article, timeout), seconds=time.perf_counter() - t0)
    except BaseException as e:  # a bug on one article must not stop a million-article batch
        # (BaseException: a panic in a Rust extension arrives as pyo3's PanicException)
        err = InputError("E299", article.source, f"internal error while extracting: {type(e).__name__}: {e}",
                         "please report it with this article")
        return Result(article, error=err, seconds=time.perf_counter() - t0)


def _process_chunk(chunk: list[Article], timeout: float | None = None) -> list[Result]:
    return [process_article(a, timeout) for a in chunk]


def _warm():
    from ..pipeline.nlp import analyze
    analyze("Khởi động 1 lần: đạt 50%.")  # load underthesea's models and compile the rules once per worker


def process_stream(items: Iterable[Article | InputError], workers: int = 1,
                   chunk_size: int = 8, timeout: float | None = DEFAULT_TIMEOUT) -> Iterator[Result]:
    """Results for every article or error in ``items``, in input order.

    With several workers, chunks of articles go to a process pool, at most ``4 × workers``
    chunks ahead of the output. A worker that dies (a crash in a native extension, the
    OOM killer) does not stop the batch nor lose an article: the pool is restarted, the
    chunks it held are processed again one article per task, and an article that kills a
    worker a second time gets error E298.

    An article that runs past ``timeout`` seconds is stopped by an alarm in the process
    that runs it and gets error E297. A worker that does not answer ``KILL_GRACE`` seconds
    after its articles' budgets (stuck in native code, where the alarm cannot reach) is
    killed and the pool replaced; the article it held gets E297, the others are run again.
    With one worker the articles run in this process, under the alarm alone.
    """
    if workers <= 1:
        if timeout:
            _warm()   # the budget is the article's, not the loading of the models
        for item in items:
            yield Result(None, error=item) if isinstance(item, InputError) else process_article(item, timeout)
        return
    pool = _Pool(workers)
    window = workers * 4
    try:
        pending: deque = deque()   # (errors before the chunk, the chunk, its future)
        chunk: list[Article] = []
        errors: list[InputError] = []

        def submit():
            pending.append((list(errors), list(chunk), pool.submit(_process_chunk, list(chunk), timeout)))
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
                    yield from _drain(pending.popleft(), pool, timeout)
        if chunk:
            submit()
        elif errors:
            pending.append((list(errors), [], None))
        while pending:
            yield from _drain(pending.popleft(), pool, timeout)
    finally:
        pool.shutdown()


class _Pool:
    """A process pool that is started again when one of its workers dies."""

    def __init__(self, workers: int):
        import multiprocessing as mp
        self.workers = workers
        self.mp = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.executor = None
        self.warmed = None   # a no-op task queued first in a new pool: done once a worker is warm

    def submit(self, fn, *args):
        from concurrent.futures.process import BrokenProcessPool
        for _ in range(2):
            if self.executor is None:
                from concurrent.futures import ProcessPoolExecutor
                if self.mp.get_start_method() == "fork":
                    _warm()   # load the models once here: forked workers share them, no load each
                self.executor = ProcessPoolExecutor(self.workers, mp_context=self.mp, initializer=_warm)
                self.warmed = self.executor.submit(os.getpid)
            try:
                return self.executor.submit(fn, *args)
            except BrokenProcessPool:
                self.restart()
        raise RuntimeError("the worker pool cannot be started")

    def wait_warm(self):
        """Wait until a worker of the current pool has loaded the models: a budget counts the
        article's time, not the start of a new pool."""
        from concurrent.futures.process import BrokenProcessPool
        if self.warmed is not None:
            try:
                self.warmed.result()
            except BrokenProcessPool:
                pass
            self.warmed = None

    def kill(self):
        """Stop every worker now (one is stuck) and start a new pool on the next submit."""
        if self.executor is not None:
            for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
                try:
                    proc.kill()
                except (OSError, AttributeError):
                    pass
        self.restart()

    def restart_if_broken(self):
        """Start again after a dead worker, once: the other futures of the same broken pool
        raise too, and must not stop the new one."""
        if self.executor is not None and getattr(self.executor, "_broken", True):
            self.restart()

    def restart(self):
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def shutdown(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _drain(entry, pool: _Pool, timeout: float | None = None) -> Iterator[Result]:
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures.process import BrokenProcessPool
    errs, chunk, future = entry
    for e in errs:
        yield Result(None, error=e)
    if future is None:
        return
    try:
        # the head of the queue runs first: its budget counts from now at the latest
        yield from future.result(timeout=timeout * len(chunk) + KILL_GRACE if timeout else None)
        return
    except BrokenProcessPool:
        pool.restart_if_broken()
    except FutureTimeout:
        pool.kill()   # a worker past every budget of its chunk: replaced
    # A worker died or was stopped while this chunk was in the pool (not necessarily
    # because of it): every article again, each its own task, so the one at fault is found.
    futures = [pool.submit(_process_chunk, [a], timeout) for a in chunk]
    for article, f in zip(chunk, futures):
        for attempt in range(2):
            pool.wait_warm()
            try:
                yield f.result(timeout=timeout + KILL_GRACE if timeout else None)[0]
                break
            except BrokenProcessPool:
                pool.restart_if_broken()
            except FutureTimeout:
                pool.kill()
                yield Result(article, error=timeout_error(article, timeout))
                break
            if attempt == 0:
                f = pool.submit(_process_chunk, [article], timeout)
        else:
            yield Result(article, error=InputError(
                "E298", article.source, "the worker process died while extracting this article",
                "it was tried twice; please report it with this article"))
