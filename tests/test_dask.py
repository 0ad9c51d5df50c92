"""The Dask engine: the per-partition function, `vnextract run --engine dask` on a real local
cluster of worker processes, and the `map_partitions` recipe; records equal the local engine's."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.io.dask_engine import extract_partition, records_meta

REPO = Path(__file__).parent.parent
CORPUS = REPO / "corpus"


def test_extract_partition_exact_rows():
    df = pd.DataFrame({"id": ["a1", None, "a3"],
                       "text": ["Tỷ lệ đạt 50,2% trong năm 2023.", "Sáng 16/10, có 11.956 bộ phận một cửa.", ""],
                       "published": [None, pd.Timestamp("2023-10-16"), None]}, index=[10, 11, 12])
    out = extract_partition(df)
    assert out.dtypes.to_dict() == records_meta().dtypes.to_dict()
    cols = ["doc_id", "type", "text", "start", "end", "value", "unit", "rule", "value_number", "error"]
    rows = [tuple(None if pd.isna(v) else v for v in r) for r in out[cols].itertuples(index=False)]
    assert rows == [
        ("a1", "PERCENT", "50,2%", 10, 15, "50.2", None, "percent", 50.2, None),
        ("a1", "DATE", "năm 2023", 22, 30, '"2023"', None, "date.year", None, None),
        # no id: the row's index is the doc_id; published (a Timestamp) resolves the year
        ("11", "DATE", "16/10", 5, 10, '"2023-10-16"', None, "date.dm", None, None),
        ("11", "COUNT", "11.956 bộ phận một cửa", 15, 37, "11956", "bộ phận một cửa", "count.noun", 11956.0, None),
        ("a3", None, None, None, None, None, None, None, None, "E203 row 12: empty article (no text)"),
    ]
    assert out.loc[0, "sentence"] == "Tỷ lệ đạt 50,2% trong năm 2023."
    assert extract_partition(df.iloc[:0]).dtypes.to_dict() == records_meta().dtypes.to_dict()


def _inputs(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "j1", "text": "Tỷ lệ đạt 50,2% trong năm 2023.", "published": "2023-10-16"}\n'
                   '{bad json\n{"id": "j2", "text": "Hỗ trợ 10 tỉ đồng cho quỹ."}\n', encoding="utf-8")
    return [str(CORPUS), str(src)]


def test_cli_dask_engine_equals_plain_engine(tmp_path, capsys):
    inputs = _inputs(tmp_path)
    plain = tmp_path / "plain.parquet"
    assert main(["run", *inputs, "-o", str(plain), "--workers", "1", "--quiet"]) == 1
    out = tmp_path / "facts"
    out.mkdir()
    (out / "part-00042.parquet").write_bytes(b"stale")   # a previous run's partition: removed
    (out / "keep.txt").write_text("not ours")
    capsys.readouterr()
    # a real local cluster: 2 worker processes, started by the command
    rc = main(["run", *inputs, "--engine", "dask", "--workers", "2", "--partition-size", "2", "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1                                   # the bad line, as with the local engine
    assert "error: E204" in err and "7 articles" in err and "(4 partitions)" in err
    assert sorted(p.name for p in out.iterdir()) == [
        "_errors.jsonl", "keep.txt", "part-00000.parquet", "part-00001.parquet", "part-00002.parquet",
        "part-00003.parquet"]
    (out / "keep.txt").unlink()                      # not a Parquet file: pd.read_parquet(folder) would fail
    errors = [json.loads(x) for x in (out / "_errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["code"], e["source"]) for e in errors] == [("E204", f"{inputs[1]}:2")]
    got, ref = pd.read_parquet(out), pd.read_parquet(plain)
    assert len(ref) > 100
    assert got.equals(ref)
    # one file per partition, in input order: the first holds the first two articles
    first = pd.read_parquet(out / "part-00000.parquet")
    assert list(first["doc_id"].unique()) == ["000_c3bb818650128224", "001_75170cf0aa91f7b5"]
    last = pd.read_parquet(out / "part-00003.parquet")
    assert list(zip(last["doc_id"], last["type"], last["text"], last["value_number"])) == [
        ("j2", "MONEY", "10 tỉ đồng", 1e10)]


def test_cli_dask_usage_errors(tmp_path, capsys):
    assert main(["run", str(CORPUS), "--engine", "dask"]) == 2
    assert "E306" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["run", str(CORPUS), "--engine", "dask", "-o", str(tmp_path / "file")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_recipe_map_partitions_on_a_scheduler(tmp_path):
    """The README recipe, and `--scheduler ADDRESS`, on one in-process cluster (the worker
    processes of a real local cluster are tested above; here the warm pipeline of this
    process keeps the test fast)."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(CORPUS.glob("*.txt"))]
    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    plain = tmp_path / "plain.parquet"
    assert main(["run", str(src), "-o", str(plain), "--workers", "1", "--quiet"]) == 0
    ref = pd.read_parquet(plain)

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster):
        articles = dd.from_pandas(pd.DataFrame(rows), npartitions=2)
        facts = articles.map_partitions(extract_partition, meta=records_meta())
        got = facts.compute()
        assert got["error"].isna().all()
        # same values as the local engine's Parquet, row for row
        cols = ["doc_id", "type", "text", "start", "end", "value", "unit", "rule", "value_number"]
        norm = lambda df: [tuple(None if pd.isna(v) else v for v in r) for r in df[cols].itertuples(index=False)]
        assert norm(got.reset_index(drop=True)) == norm(ref)
        # the recipe's to_parquet writes the same facts
        facts[facts.error.isna()].to_parquet(str(tmp_path / "recipe"), write_index=False)
        assert len(pd.read_parquet(tmp_path / "recipe")) == len(ref)
        # the CLI on an existing scheduler
        out = tmp_path / "cli"
        assert main(["run", str(src), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                     "--partition-size", "3", "-o", str(out), "--quiet"]) == 0
        assert pd.read_parquet(out).equals(ref)
        assert sorted(p.name for p in out.glob("part-*")) == ["part-00000.parquet", "part-00001.parquet"]


def test_unreachable_scheduler_is_an_error(tmp_path):
    from extract.io.dask_engine import run_dask
    from extract.engine.errors import StorageError

    with pytest.raises(StorageError) as e:
        run_dask([str(CORPUS)], tmp_path / "o", scheduler="tcp://127.0.0.1:1", connect_timeout="1s")
    assert e.value.code == "E307" and "tcp://127.0.0.1:1" in str(e.value)


def _many(tmp_path, copies=2):
    """The seed articles, ``copies`` times with new ids: one JSONL."""
    rows = [{"id": f"{p.stem}~{k}", "text": p.read_text(encoding="utf-8")}
            for k in range(copies) for p in sorted(CORPUS.glob("*.txt"))]
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return src, len(rows)


def test_a_killed_dask_run_resumes_writing_nothing_twice(tmp_path, capsys):
    src, n = _many(tmp_path)
    out = tmp_path / "facts"
    cmd = [sys.executable, "-m", "extract", "run", str(src), "--engine", "dask", "--workers", "1",
           "--partition-size", "1", "-o", str(out), "--quiet"]
    # a real local cluster in a subprocess, killed (with its workers) once the first partition lands
    proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while not (out / "part-00000.parquet").exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    landed = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}
    assert "part-00000.parquet" in landed and len(landed) < n, landed
    (out / ".part-00009.parquet.tmp").write_bytes(b"half")          # what a kill mid-write leaves
    (out / f"part-{n + 3:05d}.parquet").write_bytes(b"other run")   # a partition of other inputs
    capsys.readouterr()
    assert main(["run", str(src), "--engine", "dask", "--workers", "1", "--partition-size", "1",
                 "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{n} articles" in err and f"({n} partitions, {len(landed)} kept from the last run)" in err
    # the partitions written before the kill are not written again; the others are written once
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet") if p.name in landed} == landed
    assert sorted(p.name for p in out.iterdir()) == ["_errors.jsonl"] + [f"part-{i:05d}.parquet" for i in range(n)]
    plain = tmp_path / "plain.parquet"
    assert main(["run", str(src), "-o", str(plain), "--workers", "1", "--quiet"]) == 0
    assert pd.read_parquet(out).equals(pd.read_parquet(plain))


def _db_rows(db):
    with sqlite3.connect(db) as conn:
        arts = conn.execute("SELECT doc_id, status, sha256, error_code, n_mentions, title, published, author, source "
                            "FROM articles ORDER BY doc_id").fetchall()
        ments = conn.execute("SELECT doc_id, seq, type, text, start, end, value, sentence, unit, rule, extra "
                             "FROM mentions ORDER BY doc_id, seq").fetchall()
        stmts = conn.execute("SELECT m.doc_id, m.seq, s.about FROM statements s JOIN mentions m USING (mention_id) "
                             "ORDER BY m.doc_id, m.seq").fetchall()
        errs = conn.execute("SELECT source, code FROM errors ORDER BY source").fetchall()
    return arts, ments, stmts, errs


def test_dask_engine_stores_the_fact_database_of_the_local_engine(tmp_path, capsys):
    from distributed import Client, LocalCluster

    inputs = _inputs(tmp_path)
    local_db, dask_db = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    assert main(["run", *inputs, "--db", str(local_db), "--workers", "1", "--quiet"]) == 1
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster):
        args = ["run", *inputs, "--engine", "dask", "--scheduler", cluster.scheduler_address,
                "--partition-size", "2", "--db", str(dask_db)]
        capsys.readouterr()
        assert main(args) == 1                                  # the bad JSONL line, as locally
        err = capsys.readouterr().err
        assert "error: E204" in err and "7 articles" in err
        assert _db_rows(dask_db) == _db_rows(local_db)
        arts, ments, stmts, errs = _db_rows(dask_db)
        assert len(arts) == 7 and len(ments) > 100 and stmts and errs == [(f"{inputs[1]}:2", "E204")]
        # again: every article is stored with the same text, none is extracted
        assert main(args) == 1
        err = capsys.readouterr().err
        assert "0 articles, 0 facts" in err and "7 skipped (already stored)" in err
        assert _db_rows(dask_db) == _db_rows(local_db)
        with sqlite3.connect(dask_db) as conn:
            runs = conn.execute("SELECT status, n_articles, n_skipped FROM runs ORDER BY run_id").fetchall()
        assert runs == [("done", 7, 0), ("done", 0, 7)]
