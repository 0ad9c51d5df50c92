"""Benchmark of vnextract on real news: throughput against underthesea, cost of each stage,
speed-up with workers, and peak memory of ``vnextract run`` over 10k (and 100k) articles;
and time and output of made-up articles of 10 kB to 200 kB without a sentence end.

    .venv/bin/python bench/bench.py [CORPUS.jsonl ...] [--limit N] [--repeat-to N]
        [--workers-list 1,2] [--rounds 3] [--rss-sizes 10000[,100000]] [--long-sizes 10000,...,200000]
        [--parts throughput,stages,workers,rss,long] [--json OUT]

The corpora default to ../shared/news/{dantri-unc,newsmds}.jsonl next to the repository;
they are read in place and never copied into the project. See bench/README.md for what
each figure means.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["RUST_BACKTRACE"] = "0"   # a panic in underthesea's Rust code: one line, not a page

from extract.io.batch import process_article, process_stream  # noqa: E402
from extract.io.readers import Article, read_inputs  # noqa: E402

DEFAULT_CORPORA = [REPO.parent / "shared" / "news" / "dantri-unc.jsonl",
                   REPO.parent / "shared" / "news" / "newsmds.jsonl"]
PARTS = ("throughput", "stages", "equality", "workers", "rss", "long")


# --- input --------------------------------------------------------------------------------

def load_articles(paths: list[Path], limit: int | None, repeat_to: int | None) -> list[Article]:
    """The articles of ``paths`` (input errors skipped), cut to ``limit``, then repeated
    with new ids until there are ``repeat_to`` of them."""
    arts = [a for a in read_inputs([str(p) for p in paths]) if isinstance(a, Article)]
    if limit:
        arts = arts[:limit]
    if not arts:
        sys.exit("bench: no articles in " + ", ".join(map(str, paths)))
    if repeat_to and repeat_to > len(arts):
        base = arts
        arts = [a if i < len(base) else replace(a, doc_id=f"{a.doc_id}~{i // len(base)}")
                for i, a in zip(range(repeat_to), itertools.cycle(base))]
    return arts


def write_repeated_jsonl(arts: list[Article], n: int, path: Path) -> None:
    """``n`` articles in a JSONL file, cycling through ``arts`` with new ids; streamed."""
    with open(path, "w", encoding="utf-8") as f:
        for i, a in zip(range(n), itertools.cycle(arts)):
            row = {"id": f"{a.doc_id}~{i // len(arts)}", "text": a.text, "title": a.title,
                   "published": a.published, "url": a.url}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# --- articles the pipeline fails on ------------------------------------------------------

def extract_one(article: Article, failed: dict[str, str]) -> None:
    """``process_article``, noting in ``failed`` an article it fails on.

    process_article turns an ``Exception`` into an E299 error (noted here too), but not a
    ``BaseException`` such as pyo3's ``PanicException`` from underthesea's Rust code:
    `vnextract run` dies on it with one worker and hangs with several. The benchmark goes
    on and reports both kinds.
    """
    try:
        res = process_article(article)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:
        failed.setdefault(article.doc_id, f"raised {type(e).__name__}: {e}")
        return
    if res.error is not None:
        failed.setdefault(article.doc_id, f"{res.error.code}: {res.error.message}")


def find_failures(arts: list[Article]) -> dict[str, str]:
    """doc_id -> what went wrong, for every article process_article fails on (one pass)."""
    failed: dict[str, str] = {}
    for i, a in enumerate(arts, 1):
        extract_one(a, failed)
        if i % 500 == 0:
            print(f"  {i}/{len(arts)} articles checked, {len(failed)} failed", flush=True)
    return failed


# --- 1. throughput: pipeline against word_tokenize ----------------------------------------

def throughput(arts: list[Article], rounds: int, block: int, failed: dict[str, str],
               fresh: bool = False) -> dict:
    """Pipeline and word_tokenize over the same articles, in alternating blocks.

    Within a round, each block of ``block`` articles goes through both, the order switching
    from block to block, so drifts (thermal, other load) hit both sides alike. Figures are
    the medians over rounds. Articles the pipeline fails on are noted in ``failed``.

    ``fresh``: what a long archive run sees. The articles are cut into ``rounds + 1``
    slices; the first only warms the pipeline's caches (untimed), and each round reads a
    slice of its own, so no round meets an article twice (repeated articles find every
    syllable and window of theirs in the caches, which new articles do not).
    """
    from underthesea import word_tokenize

    def run_pipeline(chunk):
        for a in chunk:
            extract_one(a, failed)

    def run_tokenize(chunk):
        for a in chunk:
            word_tokenize(a.text)

    # warm up: load the models, compile the rules, fill the caches
    for a in arts[:5]:
        extract_one(a, failed)
        word_tokenize(a.text)

    from extract.engine.segment import clear_pos_cache

    if fresh:
        per = len(arts) // (rounds + 1)
        for a in arts[:per]:
            extract_one(a, failed)
        slices = [arts[(r + 1) * per:(r + 2) * per] for r in range(rounds)]
        arts = [a for sl in slices for a in sl]
    else:
        slices = [arts] * rounds
    chars = sum(len(a.text) for a in slices[0])
    per_round = []
    for r in range(rounds):
        round_arts = slices[r]
        # every round reads the same articles: after the first, the part-of-speech tags of
        # each of their exact windows would be in the cache, which new articles do not give
        # (wordcrf's syllable and pair weights stay: those recur across any articles)
        clear_pos_cache()
        t_pipe = t_tok = 0.0
        for k in range(0, len(round_arts), block):
            chunk = round_arts[k:k + block]
            order = (("p", run_pipeline), ("t", run_tokenize))
            if (k // block + r) % 2:
                order = order[::-1]
            for side, fn in order:
                t0 = time.perf_counter()
                fn(chunk)
                dt = time.perf_counter() - t0
                if side == "p":
                    t_pipe += dt
                else:
                    t_tok += dt
        per_round.append({"pipeline_s": t_pipe, "word_tokenize_s": t_tok, "ratio": t_tok / t_pipe,
                          "articles": len(round_arts), "characters": sum(len(a.text) for a in round_arts)})
        print(f"  round {r + 1}/{rounds}: pipeline {t_pipe:.1f}s, word_tokenize {t_tok:.1f}s, "
              f"ratio {t_tok / t_pipe:.3f}", flush=True)
    if fresh:   # slices differ a little in size: per-round means, and the ratio's median
        chars = statistics.mean(x["characters"] for x in per_round)
        tp = statistics.mean(x["pipeline_s"] for x in per_round)
        tt = statistics.mean(x["word_tokenize_s"] for x in per_round)
    else:
        tp = statistics.median(x["pipeline_s"] for x in per_round)
        tt = statistics.median(x["word_tokenize_s"] for x in per_round)
    return {
        "articles": len(slices[0]), "characters": chars, "rounds": rounds, "block": block, "fresh": fresh,
        "pipeline": {"seconds": tp, "chars_per_s": chars / tp, "articles_per_s": len(arts) / tp},
        "word_tokenize": {"seconds": tt, "chars_per_s": chars / tt, "articles_per_s": len(arts) / tt},
        "ratio": statistics.median(x["ratio"] for x in per_round),
        "target_ratio": 1.5,
        "per_round": per_round,
    }


# --- 2. cost of each stage -----------------------------------------------------------------

def stages(arts: list[Article]) -> dict:
    """Time in each stage of ``extract.pipeline.nlp.analyze`` plus records, over ``arts``.

    The steps of ``make_context``/``analyze`` are replicated here with a timer around each
    (pipeline.py is not touched). Words are segmented lazily, where a dimension or the
    linker asks (``Segmentation``): the time spent segmenting is counted by the
    ``Segmentation`` itself and shown as its own stage, taken out of the stage that asked.
    The records of the replica are compared with those of ``process_article``: a
    difference means pipeline.py changed and this replica must follow.
    """
    from extract.engine.context import ArticleContext
    from extract.dimensions.document import analyze as document_structure, sentences
    from extract.engine.overlaps import resolve_overlaps
    from extract.pipeline.nlp import _apply_meta, _dimensions
    from extract.pipeline.records import to_records
    from extract.pipeline.registry import DIMENSIONS
    from extract.engine.segment import Segmentation
    from extract.engine.text import normalize
    from extract.statements.linker import link_statements

    dims = list(zip(DIMENSIONS, _dimensions()))
    names = (["normalization", "document structure", "segmentation (lazy, where asked)", "sentences & metadata",
              "context (folding, indexes)"] + [f"dimension: {n}" for n, _ in dims]
             + ["overlaps", "statements (linker)", "records"])
    totals = dict.fromkeys(names, 0.0)
    counts = {"syllables": 0, "syllables_tagged": 0, "windows": 0}
    clock = time.perf_counter
    seg_key = "segmentation (lazy, where asked)"

    def timed(name, seg, fn):
        t, s0 = clock(), seg.seconds
        out = fn()
        spent = seg.seconds - s0
        totals[name] += clock() - t - spent
        totals[seg_key] += spent
        return out

    def one(a: Article) -> list[dict]:
        t = clock()
        nt = normalize(a.text)
        norm = nt.norm
        t1 = clock(); totals["normalization"] += t1 - t
        st = document_structure(norm)
        end = st.body_end
        t2 = clock(); totals["document structure"] += t2 - t1
        tokens = Segmentation(norm[:end])
        t3 = clock(); totals[seg_key] += t3 - t2
        info = st.meta(norm)
        if st.captions:
            info["captions"] = [list(nt.orig_span(s, e)) for s, e in st.captions]
        sents = sentences(norm, 0, end)
        t4 = clock(); totals["sentences & metadata"] += t4 - t3
        ctx = ArticleContext(nt, tokens, sents, published=st.published, body_end=end, meta=info,
                             title_span=st.title, dateline_span=st.dateline)
        _apply_meta(ctx, a.published, {"title": a.title, "url": a.url})
        t5 = clock(); totals["context (folding, indexes)"] += t5 - t4
        found = []
        for name, dim in dims:
            found.extend(timed(f"dimension: {name}", tokens, lambda: dim.find(ctx)))
        t = clock()
        ctx.mentions = resolve_overlaps(found)
        totals["overlaps"] += clock() - t
        timed("statements (linker)", tokens, lambda: link_statements(ctx))
        t6 = clock()
        recs = to_records(a.doc_id, ctx, ctx.mentions)
        totals["records"] += clock() - t6
        counts["syllables"] += len(tokens.starts_word)
        counts["syllables_tagged"] += sum(1 for x in tokens.starts_word if x)
        counts["windows"] += tokens.windows
        return recs

    for a in arts[:5]:
        one(a)
    check = arts[:200]
    mismatched = [a.doc_id for a in check if one(a) != process_article(a).records]
    # timed pass apart from the check, so process_article's own time is not in the way
    for k in totals:
        totals[k] = 0.0
    for k in counts:
        counts[k] = 0
    t0 = time.perf_counter()
    for a in arts:
        one(a)
    wall = time.perf_counter() - t0
    total = sum(totals.values())
    return {
        "articles": len(arts),
        "stages": [{"stage": k, "seconds": v, "percent": 100 * v / total} for k, v in totals.items()],
        "sum_of_stages_s": total, "wall_s": wall,
        "syllables": counts["syllables"], "syllables_tagged": counts["syllables_tagged"],
        "share_tagged": counts["syllables_tagged"] / max(1, counts["syllables"]),
        "windows_per_article": counts["windows"] / max(1, len(arts)),
        "replica_checked_articles": len(check),
        "replica_matches_pipeline": not mismatched, "mismatched_doc_ids": mismatched[:20],
    }


# --- 2b. equality: lazy words against underthesea's own full segmentation ------------------

def equality(arts: list[Article]) -> dict:
    """Every record of ``process_article`` (lazy segmentation, ``wordcrf``) against the
    records of the same pipeline with the whole body segmented up front by underthesea's
    own featurizer and tagger (``analyze(..., reference_words=True)``). Every article whose
    records differ is listed with its first differing record; the goal is none."""
    from extract.pipeline.nlp import analyze
    from extract.pipeline.records import to_records

    def reference(a: Article):
        try:
            ctx = analyze(a.text, published=a.published, meta={"title": a.title, "url": a.url},
                          reference_words=True)
            return to_records(a.doc_id, ctx, ctx.mentions)
        except Exception as e:   # the same failure on both sides is no difference
            return f"error: {type(e).__name__}: {e}"

    differ, n_records, t_lazy, t_ref = [], 0, 0.0, 0.0
    for i, a in enumerate(arts, 1):
        t0 = time.perf_counter()
        res = process_article(a)
        t1 = time.perf_counter()
        ref = reference(a)
        t_ref += time.perf_counter() - t1
        t_lazy += t1 - t0
        lazy = res.records if res.error is None else f"error: {res.error.message.split(': ', 1)[-1]}"
        if isinstance(lazy, list):
            n_records += len(lazy)
        if lazy != ref:
            first = None
            if isinstance(lazy, list) and isinstance(ref, list):
                first = next(({"lazy": x, "reference": y} for x, y in zip(lazy, ref) if x != y),
                             {"lazy_count": len(lazy), "reference_count": len(ref)})
            else:
                first = {"lazy": str(lazy)[:300], "reference": str(ref)[:300]}
            differ.append({"doc_id": a.doc_id, "first_difference": first})
        if i % 500 == 0:
            print(f"  {i}/{len(arts)} articles compared, {len(differ)} differ", flush=True)
    return {"articles": len(arts), "records": n_records, "articles_differing": len(differ),
            "differences": differ, "lazy_s": t_lazy, "reference_s": t_ref}


# --- 3. workers ------------------------------------------------------------------------

def workers(arts: list[Article], workers_list: list[int]) -> dict:
    """Articles/s of ``process_stream(..., workers=N)`` for each N, pool start included."""
    import resource

    def cpu():
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    out = []
    for n in workers_list:
        c0, t0 = cpu(), time.perf_counter()
        count = sum(1 for _ in process_stream(iter(arts), workers=n))
        dt, dc = time.perf_counter() - t0, cpu() - c0
        assert count == len(arts)
        out.append({"workers": n, "seconds": dt, "articles_per_s": len(arts) / dt, "cpu_seconds": dc,
                    "load_after": os.getloadavg()[0]})
        print(f"  workers={n}: {dt:.1f}s, {len(arts) / dt:.2f} articles/s, CPU {dc:.1f}s", flush=True)
    base = out[0]["articles_per_s"]
    for x in out:
        x["speedup"] = x["articles_per_s"] / base
    return {"articles": len(arts), "cpu_count": os.cpu_count(), "runs": out}


# --- 4. peak memory --------------------------------------------------------------------

def _tree_pids(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc (no psutil needed)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _mem_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of ``pid`` in kB; PSS shares copy-on-write pages among the workers."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])   # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


def peak_memory(arts: list[Article], sizes: list[int], n_workers: int, tmpdir: Path,
                stall_s: float = 120.0) -> dict:
    """Peak memory of ``vnextract run`` over ``size`` articles, for each size.

    ``max_process_rss_mb``: ru_maxrss from wait4, the largest RSS any single process of the
    run reached (the main process or one worker). ``peak_tree_rss_mb`` / ``peak_tree_pss_mb``:
    the largest sum over the process tree, sampled twice a second. A run whose processes
    use no CPU for ``stall_s`` seconds is hung (a worker died): it is stopped and reported.
    """
    out = []
    for size in sizes:
        path = tmpdir / f"vnx-bench-{os.getpid()}-{size}.jsonl"
        print(f"  writing {size} articles to {path} ...", flush=True)
        write_repeated_jsonl(arts, size, path)
        # records go to stdout, thrown away: `-o /dev/null` is refused (no .jsonl suffix)
        cmd = [sys.executable, "-m", "extract", "run", str(path), "--quiet", "--workers", str(n_workers)]
        print(f"  {' '.join(cmd)} > /dev/null", flush=True)
        peak = {"rss": 0, "pss": 0, "hung": False}
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        done = threading.Event()

        def sample():
            last_ticks, last_change = -1, time.monotonic()
            while not done.is_set():
                pids = _tree_pids(proc.pid)
                mem = [_mem_kb(p) for p in pids]
                peak["rss"] = max(peak["rss"], sum(m[0] for m in mem))
                peak["pss"] = max(peak["pss"], sum(m[1] for m in mem))
                ticks = sum(_cpu_ticks(p) for p in pids)
                if ticks != last_ticks:
                    last_ticks, last_change = ticks, time.monotonic()
                elif time.monotonic() - last_change > stall_s:
                    peak["hung"] = True
                    for p in reversed(pids):   # only the processes of this run
                        try:
                            os.kill(p, 9)
                        except OSError:
                            pass
                    return
                done.wait(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        dt = time.perf_counter() - t0
        path.unlink()
        row = {"articles": size, "workers": n_workers, "seconds": dt, "articles_per_s": size / dt,
               "exit_status": proc.returncode, "hung": peak["hung"],
               "max_process_rss_mb": usage.ru_maxrss / 1024,   # Linux: kB
               "peak_tree_rss_mb": peak["rss"] / 1024, "peak_tree_pss_mb": peak["pss"] / 1024}
        if proc.returncode not in (0, 1) or peak["hung"]:
            row["stderr_tail"] = stderr[-2000:]
            print(f"  vnextract run {'hung' if peak['hung'] else 'failed'}:\n{stderr[-2000:]}", flush=True)
        out.append(row)
        print(f"  {size} articles: {dt:.0f}s, max process RSS {row['max_process_rss_mb']:.0f} MB, "
              f"peak tree RSS {row['peak_tree_rss_mb']:.0f} MB, PSS {row['peak_tree_pss_mb']:.0f} MB, "
              f"exit {proc.returncode}", flush=True)
    res = {"runs": out}
    if len(out) > 1:
        a, b = out[0], out[-1]
        res["ratio_largest_to_smallest"] = {
            k: b[k] / a[k] for k in ("max_process_rss_mb", "peak_tree_rss_mb", "peak_tree_pss_mb") if a[k]}
    return res


# --- 5. articles an archive holds: long sentences without punctuation ----------------------

# News-style words written for the benchmark (no article copied): what a record is made of.
_PROSE = ("tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đạt 50,2% tăng 10% so với cùng kỳ năm 2022 "
          "trong đó có 11.956 bộ phận một cửa tiếp nhận hơn 39.000 hồ sơ với tổng kinh phí 10 tỉ đồng "
          "Chủ tịch UBND tỉnh Nguyễn Văn Sơn chỉ đạo thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 ")
_PROVINCES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Nghệ An", "Lào Cai", "Bình Dương", "Quảng Ninh")
LONG_SHAPES = ("prose", "table", "dots", "numbers")


def long_text(shape: str, size: int) -> str:
    """An article of ``size`` characters of one shape, all on one line, with no sentence end:
    ``prose`` (news sentences without punctuation), ``table`` (a table flattened into one
    line: row number, province, counts, percentages, ranks), ``dots`` (``1.1.1.…``) and
    ``numbers`` (one line of numbers separated by spaces)."""
    if shape == "prose":
        return (_PROSE * (size // len(_PROSE) + 1))[:size]
    if shape == "table":
        rows, n, i = [], 0, 1
        while n < size:
            row = (f"{i} {_PROVINCES[i % len(_PROVINCES)]} {11956 + 37 * i:,} hồ sơ {i % 100},{i % 10}% "
                   f"{i % 63 + 1}/63 ").replace(",", "#").replace("#", ".", 1).replace("#", ",")
            rows.append(row)
            n += len(row)
            i += 1
        return "".join(rows)[:size]
    if shape == "dots":
        return ("1." * (size // 2 + 1))[:size]
    if shape == "numbers":
        return " ".join(str(1000 + i) for i in range(size // 5 + 1))[:size]
    raise ValueError(f"unknown shape {shape!r}; choose among {LONG_SHAPES}")


def long_articles(sizes: list[int], shapes=LONG_SHAPES, rounds: int = 3) -> dict:
    """Time (the best of ``rounds``) and JSONL bytes of ``process_article`` on one article of
    each shape and size.

    Both must grow linearly with the size: the ``growth`` of each shape is (time at the
    largest size / time at the smallest) / (largest / smallest), 1.0 when linear, 2.0 when
    twice what linear would be; likewise for the output bytes.
    """
    process_article(Article("warm", "Khởi động: đạt 50%.", "warm"))
    out = {"sizes": sizes, "shapes": {}}
    for shape in shapes:
        rows = []
        for size in sizes:
            art = Article(f"{shape}-{size}", long_text(shape, size), f"{shape}-{size}")
            times = []
            for _ in range(max(1, rounds)):   # the best of a few: other load only adds time
                t0 = time.perf_counter()
                res = process_article(art)
                times.append(time.perf_counter() - t0)
            dt = min(times)
            nbytes = sum(len((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8")) for r in res.records)
            rows.append({"size": size, "seconds": dt, "records": len(res.records), "bytes": nbytes,
                         "cut": sum(bool(r.get("sentence_cut")) for r in res.records),
                         "longest_sentence": max((len(r["sentence"]) for r in res.records), default=0),
                         "error": str(res.error) if res.error else None})
            print(f"  {shape} {size:,}: {dt:.2f}s, {len(res.records)} records, {nbytes:,} bytes", flush=True)
        first, last = rows[0], rows[-1]
        grow = last["size"] / first["size"]
        out["shapes"][shape] = {
            "runs": rows,
            "time_growth": (last["seconds"] / first["seconds"]) / grow if first["seconds"] else None,
            "bytes_growth": (last["bytes"] / first["bytes"]) / grow if first["bytes"] else None}
    return out


# --- report ----------------------------------------------------------------------------

def report(res: dict) -> None:
    print("\n" + "=" * 78)
    print(f"vnextract benchmark  {res['when']}  {res['machine']}  commit {res['commit']}")
    print(f"corpora: {', '.join(res['corpora'])}")
    print("1-min load average (other processes compete for the CPUs when it exceeds the workers): "
          + ", ".join(f"{k} {v:.2f}" for k, v in res["load_average"].items()))
    if "throughput" in res:
        t = res["throughput"]
        fresh = ("new articles each round, after a warm-up slice" if t.get("fresh")
                 else "the same articles each round")
        print(f"\n1. Throughput, single process, {t['articles']} articles, {t['characters']:,.0f} characters, "
              f"median of {t['rounds']} rounds ({fresh})")
        print(f"   {'':34} {'chars/s':>10} {'articles/s':>11} {'seconds':>9}")
        for k, label in (("pipeline", "pipeline (process_article)"),
                         ("word_tokenize", "underthesea word_tokenize(text)")):
            x = t[k]
            print(f"   {label:34} {x['chars_per_s']:>10,.0f} {x['articles_per_s']:>11.2f} {x['seconds']:>9.1f}")
        ok = "meets" if t["ratio"] >= t["target_ratio"] else "BELOW"
        print(f"   ratio pipeline / word_tokenize throughput: {t['ratio']:.3f} "
              f"({ok} the target {t['target_ratio']})")
    if res.get("failed"):
        raised = sum(why.startswith("raised") for why in res["failed"].values())
        print(f"\n   FAILURES: process_article raised on {raised} articles (`vnextract run` dies on them with "
              f"1 worker, hangs with several) and gave an error on {len(res['failed']) - raised}:")
        for doc_id, why in list(res["failed"].items())[:10]:
            print(f"     {doc_id}: {why}")
        print("   they are counted in 1. and left out of 2.-4.")
    if "stages" in res:
        s = res["stages"]
        print(f"\n2. Cost of each stage over {s['articles']} articles (single process)")
        print(f"   {'stage':34} {'seconds':>9} {'%':>7}")
        for x in s["stages"]:
            print(f"   {x['stage']:34} {x['seconds']:>9.2f} {x['percent']:>6.1f}%")
        print(f"   {'total':34} {s['sum_of_stages_s']:>9.2f} {100:>6.1f}%   (wall {s['wall_s']:.2f}s)")
        if not s["replica_matches_pipeline"]:
            print(f"   WARNING: the timed replica's records differ from process_article's on "
                  f"{len(s['mismatched_doc_ids'])}+ articles (e.g. {s['mismatched_doc_ids'][:3]}): "
                  f"pipeline.analyze changed, update stages() in bench/bench.py")
    if "stages" in res:
        s = res["stages"]
        print(f"   lazy segmentation tagged {100 * s['share_tagged']:.1f} % of the body's syllables, "
              f"{s['windows_per_article']:.1f} CRF windows per article")
    if "equality" in res:
        q = res["equality"]
        print(f"\n2b. Equality: records with lazy words against underthesea's full segmentation, "
              f"{q['articles']} articles, {q['records']:,} records")
        print(f"   articles whose records differ: {q['articles_differing']}"
              + ("  (none: identical)" if not q["articles_differing"] else ""))
        for d in q["differences"][:20]:
            print(f"     {d['doc_id']}: {json.dumps(d['first_difference'], ensure_ascii=False)[:400]}")
        print(f"   time: pipeline {q['lazy_s']:.1f}s, with reference segmentation {q['reference_s']:.1f}s")
    if "workers" in res:
        w = res["workers"]
        print(f"\n3. Workers: process_stream over {w['articles']} articles ({w['cpu_count']} CPUs)")
        for x in w["runs"]:
            print(f"   workers={x['workers']}: {x['articles_per_s']:.2f} articles/s, {x['seconds']:.1f}s wall, "
                  f"{x['cpu_seconds']:.1f}s CPU, speed-up x{x['speedup']:.2f}")
    if "rss" in res:
        m = res["rss"]
        print("\n4. Peak memory of `vnextract run` (subprocess, records to stdout > /dev/null)")
        print(f"   {'articles':>9} {'workers':>7} {'max process RSS':>16} {'tree RSS':>10} {'tree PSS':>10} "
              f"{'articles/s':>10} {'exit':>5}")
        for x in m["runs"]:
            print(f"   {x['articles']:>9,} {x['workers']:>7} {x['max_process_rss_mb']:>13.0f} MB "
                  f"{x['peak_tree_rss_mb']:>7.0f} MB {x['peak_tree_pss_mb']:>7.0f} MB "
                  f"{x['articles_per_s']:>10.2f} {x['exit_status']:>5}" + ("  HUNG, stopped" if x["hung"] else ""))
        if "ratio_largest_to_smallest" in m:
            r = m["ratio_largest_to_smallest"]
            print("   ratio largest/smallest run: " + ", ".join(f"{k} x{v:.3f}" for k, v in r.items()))
    if "long" in res:
        lg = res["long"]
        print("\n5. One article on one line without sentence ends (process_article): time, JSONL bytes")
        print(f"   {'shape':8} " + " ".join(f"{f'{n // 1000} kB':>17}" for n in lg["sizes"])
              + f"  {'growth: time':>12} {'bytes':>6}")
        for shape, x in lg["shapes"].items():
            cells = " ".join(f"{r['seconds']:>6.2f}s {r['bytes'] / 1e6:>6.2f}MB" + (" !" if r["error"] else "  ")
                             for r in x["runs"])
            fmt = lambda g: "  -" if g is None else f"{g:.2f}"
            print(f"   {shape:8} {cells}  {fmt(x['time_growth']):>12} {fmt(x['bytes_growth']):>6}")
        print(f"   growth = (largest / smallest) / ({lg['sizes'][-1] // 1000} kB / {lg['sizes'][0] // 1000} kB): "
              "1.00 is linear; ! = the article gave an error")
    print("=" * 78)


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "extract", "patterns"],
                               cwd=REPO, capture_output=True, text=True).stdout.strip()
        return out + ("+uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _ints(s: str) -> list[int]:
    return [int(x) for x in s.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpora", nargs="*", type=Path, help="JSONL files of articles (default: ../shared/news/*)")
    p.add_argument("--limit", type=int, default=None, help="use the first N articles only")
    p.add_argument("--repeat-to", type=int, default=None,
                   help="repeat the articles (new ids) up to N for parts 1-3")
    p.add_argument("--workers-list", type=_ints, default=[1, 2], help="worker counts to compare (default 1,2)")
    p.add_argument("--rounds", type=int, default=3, help="rounds of the throughput comparison (default 3)")
    p.add_argument("--block", type=int, default=50, help="articles per alternating block (default 50)")
    p.add_argument("--fresh", action="store_true",
                   help="part 1 as a long archive run sees it: warm the caches on a first slice of "
                        "the articles, then give each round new articles (rounds + 1 slices of --limit)")
    p.add_argument("--rss-sizes", type=_ints, default=[10_000],
                   help="article counts for the peak-memory runs (default 10000; e.g. 10000,100000)")
    p.add_argument("--rss-workers", type=int, default=os.cpu_count() or 1,
                   help="--workers of the peak-memory runs (default: cores, as vnextract run)")
    p.add_argument("--parts", default=",".join(PARTS), help=f"which parts to run (default {','.join(PARTS)})")
    p.add_argument("--long-sizes", type=_ints, default=[10_000, 25_000, 50_000, 100_000, 200_000],
                   help="article sizes in characters of part 5 (default 10000,25000,50000,100000,200000)")
    p.add_argument("--long-rounds", type=int, default=3, help="runs of each article of part 5, the best kept (default 3)")
    p.add_argument("--tmpdir", type=Path, default=Path(tempfile.gettempdir()),
                   help="where the peak-memory inputs are written (default /tmp)")
    p.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = p.parse_args(argv)
    parts = [x.strip() for x in args.parts.split(",") if x.strip()]
    if unknown := set(parts) - set(PARTS):
        p.error(f"unknown parts {sorted(unknown)}; choose among {PARTS}")

    if parts == ["long"]:   # made-up articles only: no corpus needed
        res = {"when": time.strftime("%Y-%m-%d %H:%M"), "commit": _commit(), "corpora": [],
               "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
               "load_average": {"start": os.getloadavg()[0]}}
        print("5. long articles ...", flush=True)
        res["long"] = long_articles(args.long_sizes, rounds=args.long_rounds)
        res["load_average"]["long"] = os.getloadavg()[0]
        report(res)
        if args.json:
            args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return 0
    corpora = args.corpora or DEFAULT_CORPORA
    missing = [str(c) for c in corpora if not c.exists()]
    if missing:
        sys.exit(f"bench: corpus not found: {', '.join(missing)}")
    base = load_articles(corpora, args.limit, None)
    arts = load_articles(corpora, args.limit, args.repeat_to) if args.repeat_to else base
    res = {"when": time.strftime("%Y-%m-%d %H:%M"), "commit": _commit(),
           "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
           "corpora": [str(c) for c in corpora], "articles": len(arts),
           "characters": sum(len(a.text) for a in arts)}
    print(f"{len(arts)} articles, {res['characters']:,} characters", flush=True)
    res["load_average"] = {"start": os.getloadavg()[0]}
    failed: dict[str, str] = {}
    if "throughput" in parts:
        print("1. throughput ...", flush=True)
        res["throughput"] = throughput(arts, args.rounds, args.block, failed, fresh=args.fresh)
        res["load_average"]["throughput"] = os.getloadavg()[0]
    elif set(parts) & {"stages", "workers", "rss"}:   # (equality compares failures too)
        print("0. looking for articles the pipeline fails on ...", flush=True)
        failed = find_failures(base)
    # the other parts run without them: one would stop (or hang) a whole batch
    res["failed"] = failed
    if failed:
        print(f"  process_article fails on {len(failed)} articles; left out of parts 2-4", flush=True)
    ok = [a for a in arts if a.doc_id not in failed]
    ok_base = [a for a in base if a.doc_id not in failed]
    steps = [("stages", "2. stages", lambda: stages(ok)),
             ("equality", "2b. equality", lambda: equality(base)),
             ("workers", "3. workers", lambda: workers(ok, args.workers_list)),
             ("rss", "4. peak memory", lambda: peak_memory(ok_base, args.rss_sizes, args.rss_workers, args.tmpdir)),
             ("long", "5. long articles", lambda: long_articles(args.long_sizes, rounds=args.long_rounds))]
    for key, title, fn in steps:
        if key in parts and (key != "rss" or args.rss_sizes):
            print(f"{title} ...", flush=True)
            res[key] = fn()
            res["load_average"][key] = os.getloadavg()[0]
    report(res)
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
