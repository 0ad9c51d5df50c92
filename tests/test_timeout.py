"""A time budget per article (`vnextract run --timeout`): an article made slow on purpose is
stopped and recorded as E297 (stderr, the fact database), the rest of the batch comes out
with its exact records, and a worker stuck where the alarm cannot reach is killed and replaced.

The slow article is made by wrapping ``pipeline.nlp.analyze`` (fork carries the wrapper to
the workers): it sleeps for a minute when the text holds ``CHẬM``. No test times anything
but the budget itself.
"""
import json
import os
import signal
import sqlite3
import time

import pytest

import extract.io.batch as batch
import extract.pipeline.nlp as nlp
from extract import extract
from extract.cli import main
from extract.io.batch import process_stream
from extract.io.readers import Article

GOOD = [("g1", "Tỷ lệ hồ sơ trực tuyến đạt 50,2%."), ("g2", "Hỗ trợ 10 tỉ đồng cho quỹ."),
        ("g3", "Cả nước có 11.956 bộ phận một cửa.")]
SLOW = ("slow", "CHẬM: tỷ lệ đạt 90%.")


@pytest.fixture
def slow_analyze(monkeypatch, tmp_path):
    """``analyze`` that sleeps 60 s on a CHẬM article; ``hang=True`` also blocks SIGALRM
    first, as a call into native code that never returns would. Each call logs its pid."""
    real = nlp.analyze
    log = tmp_path / "pids.log"

    def install(hang=False):
        def analyze(text, *a, **k):
            with open(log, "a") as f:
                f.write(f"{os.getpid()} {text.split()[0]}\n")
            if text.startswith("CHẬM"):
                if hang:
                    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
                time.sleep(60)
            return real(text, *a, **k)
        monkeypatch.setattr(nlp, "analyze", analyze)
        return log
    return install


def _alive(pid: int) -> bool:
    """The process runs (a killed child not yet reaped is a zombie: not alive)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _jsonl(path, docs):
    path.write_text("".join(json.dumps({"id": d, "text": t}, ensure_ascii=False) + "\n" for d, t in docs),
                    encoding="utf-8")
    return path


def _expected(docs):
    return [r for d, t in docs if d != "slow" for r in extract(t, doc_id=d)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_slow_article_is_stopped_and_the_batch_goes_on(tmp_path, capsys, slow_analyze, workers):
    if workers > 1 and not hasattr(os, "fork"):
        pytest.skip("the wrapper reaches the workers by fork")
    slow_analyze()
    docs = [GOOD[0], SLOW, GOOD[1], GOOD[2]]
    src = _jsonl(tmp_path / "in.jsonl", docs)
    out, db = tmp_path / "out.jsonl", tmp_path / "facts.sqlite"
    t0 = time.monotonic()
    rc = main(["run", str(src), "-o", str(out), "--db", str(db), "--workers", str(workers), "--quiet",
               "--timeout", "2"])
    took = time.monotonic() - t0
    err = capsys.readouterr().err
    assert rc == 1
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: E297 {src}:2: stopped after 2 s, its time budget (--timeout) (the article is "
                      "stopped and the batch goes on; give a larger --timeout to let it finish)"]
    assert [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] == _expected(docs)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT doc_id, status, error_code FROM articles ORDER BY doc_id").fetchall()
    assert rows == [("g1", "ok", None), ("g2", "ok", None), ("g3", "ok", None), ("slow", "error", "E297")]
    assert took < 45   # stopped at its budget, not after the minute it would take


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the wrapper reaches the workers by fork")
def test_a_worker_stuck_past_its_budget_is_killed_and_replaced(monkeypatch, slow_analyze):
    log = slow_analyze(hang=True)
    monkeypatch.setattr(batch, "KILL_GRACE", 5.0)
    arts = [Article(d, t, f"in.jsonl:{i + 1}") for i, (d, t) in enumerate([GOOD[0], SLOW, GOOD[1], GOOD[2]])]
    t0 = time.monotonic()
    results = list(process_stream(arts, workers=2, chunk_size=2, timeout=1.0))
    took = time.monotonic() - t0
    assert [r.article.doc_id for r in results] == ["g1", "slow", "g2", "g3"]
    assert [(r.article.doc_id, r.error.code) for r in results if r.error] == [("slow", "E297")]
    for r, (d, t) in zip([results[0], results[2], results[3]], [GOOD[0], GOOD[1], GOOD[2]]):
        assert r.records == extract(t, doc_id=d)
    # the workers that held the stuck article are gone; others did the rest
    calls = [line.split() for line in log.read_text().splitlines()]
    stuck = {int(pid) for pid, head in calls if head == "CHẬM:"}
    assert stuck
    deadline = time.monotonic() + 20   # SIGKILL was sent; the kernel may take a moment to end it
    while any(_alive(pid) for pid in stuck) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in stuck)
    assert {int(pid) for pid, head in calls if head != "CHẬM:"} - stuck
    assert took < 55


def test_no_budget_in_a_thread_other_than_the_main_one():
    """A Dask worker runs articles in threads, where no alarm can be set: no budget there."""
    import threading

    got = []
    th = threading.Thread(target=lambda: got.append(batch.process_article(Article("g1", GOOD[0][1], "x"), 0.001)))
    th.start()
    th.join()
    assert got[0].error is None and got[0].records == extract(GOOD[0][1], doc_id="g1")


@pytest.mark.parametrize("bad", ["-1", "abc", "inf", "nan"])
def test_timeout_must_be_seconds(bad, capsys):
    with pytest.raises(SystemExit) as e:
        main(["run", "x.txt", "--timeout", bad])
    assert e.value.code == 2
    assert "is no number of seconds" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the wrapper reaches the workers by fork")
def test_an_error_in_a_worker_comes_back_as_itself(monkeypatch):
    """An E299 (or E297) made in a worker is sent back whole: errors pickle."""
    real = nlp.analyze

    def analyze(text, *a, **k):
        if text.startswith("LỖI"):
            raise ValueError("boom")
        return real(text, *a, **k)

    monkeypatch.setattr(nlp, "analyze", analyze)
    arts = [Article("g1", GOOD[0][1], "in.jsonl:1"), Article("bad", "LỖI: đạt 90%.", "in.jsonl:2")]
    results = list(process_stream(arts, workers=2, chunk_size=1))
    assert [(r.article.doc_id, r.error and str(r.error)) for r in results] == [
        ("g1", None),
        ("bad", "E299 in.jsonl:2: internal error while extracting: ValueError: boom "
                "(please report it with this article)")]
