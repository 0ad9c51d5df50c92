"""The fact database (`vnextract run --db`, `query`, `facts`, `export`): exact rows from real
sentences, idempotent and resumable runs, changed articles replaced, bad input recorded."""
import hashlib
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

import extract.io.batch as batch
from extract.cli import main
from db_helpers import rows as _rows, run as _run, write_jsonl as _write_jsonl
from extract.io.storage import SCHEMA_VERSION

REPO = Path(__file__).parent.parent
CORPUS = REPO / "corpus"

ARTICLES = [
    {"id": "a1", "text": "Tỷ lệ đạt 50,2% trong năm 2023."},
    {"id": "a2", "text": "Tỉnh Lai Châu xếp thứ 13/63 tỉnh, thành phố.", "title": "Lai Châu", "url": "https://x.vn/a2"},
    {"id": "a3", "text": "9 tháng đầu năm 2023, cả nước có 11.956 bộ phận một cửa."},
    {"id": "a4", "text": "Sáng 16/10, tỉnh có hơn 39.000 hồ sơ được giải quyết.", "published": "2023-10-16"},
    {"id": "a5", "text": "Hỗ trợ 10 tỉ đồng cho quỹ trong 30 phút."},
]

MENTION_COLS = ("doc_id, seq, type, text, start, end, value, qualifier, change, unit, value_number, "
                "date_iso, period_start, period_end")





@pytest.fixture
def counting(monkeypatch):
    """The doc_ids that go to extraction (the local engine with one worker calls process_article here)."""
    seen = []
    real = batch.process_article

    def spy(article, timeout=None):
        seen.append(article.doc_id)
        return real(article, timeout)

    monkeypatch.setattr(batch, "process_article", spy)
    return seen


def test_exact_rows_from_real_sentences(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "facts.sqlite"
    assert _run(src, "--db", db) == 0
    got = _rows(db, f"SELECT {MENTION_COLS} FROM mentions ORDER BY doc_id, seq")
    assert got == [
        ("a1", 0, "PERCENT", "50,2%", 10, 15, "50.2", None, None, None, 50.2, None, None, None),
        ("a1", 1, "DATE", "năm 2023", 22, 30, '"2023"', None, None, None, None, "2023", None, None),
        ("a2", 0, "RANK", "13/63", 22, 27, '{"rank": 13, "of": 63}', None, None, None, 13.0, None, None, None),
        ("a3", 0, "PERIOD", "9 tháng đầu năm 2023", 0, 20, '{"start": "2023-01", "end": "2023-09"}',
         None, None, None, None, None, "2023-01", "2023-09"),
        ("a3", 1, "COUNT", "11.956 bộ phận một cửa", 33, 55, "11956", None, None, "bộ phận một cửa", 11956.0,
         None, None, None),
        ("a4", 0, "DATE", "16/10", 5, 10, '"2023-10-16"', None, None, None, None, "2023-10-16", None, None),
        ("a4", 1, "COUNT", "hơn 39.000 hồ sơ", 20, 36, "39000", "over", None, "hồ sơ", 39000.0, None, None, None),
        ("a5", 0, "MONEY", "10 tỉ đồng", 7, 17, "10000000000", None, None, "VND", 1e10, None, None, None),
        ("a5", 1, "DURATION", "30 phút", 32, 39, '"PT30M"', None, None, None, None, None, None, None),
    ]
    sentence, rule = _rows(db, "SELECT sentence, rule FROM mentions WHERE doc_id = 'a1' AND seq = 0")[0]
    assert (sentence, rule) == ("Tỷ lệ đạt 50,2% trong năm 2023.", "percent")
    arts = _rows(db, "SELECT doc_id, status, sha256, title, published, url, source, n_mentions, error_code, "
                     "input_published, run_id FROM articles ORDER BY doc_id")
    sha = {a["id"]: hashlib.sha256(a["text"].encode()).hexdigest() for a in ARTICLES}
    assert arts == [
        ("a1", "ok", sha["a1"], None, None, None, f"{src}:1", 2, None, None, 1),
        ("a2", "ok", sha["a2"], "Lai Châu", None, "https://x.vn/a2", f"{src}:2", 1, None, None, 1),
        ("a3", "ok", sha["a3"], None, None, None, f"{src}:3", 2, None, None, 1),
        ("a4", "ok", sha["a4"], None, "2023-10-16", None, f"{src}:4", 2, None, "2023-10-16", 1),
        ("a5", "ok", sha["a5"], None, None, None, f"{src}:5", 2, None, None, 1),
    ]
    assert _rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _rows(db, "PRAGMA journal_mode") == [("wal",)]
    indexes = {r[0] for r in _rows(db, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"mentions_doc", "mentions_type"} <= indexes
    # the view joins article metadata
    assert _rows(db, "SELECT text, title, url FROM facts WHERE doc_id = 'a2'") == [("13/63", "Lai Châu", "https://x.vn/a2")]
    run = _rows(db, "SELECT run_id, status, n_articles, n_errors, n_skipped, n_mentions, finished IS NOT NULL FROM runs")
    assert run == [(1, "done", 5, 0, 0, 9, 1)]


def test_corpus_metadata_and_author(tmp_path):
    db = tmp_path / "f.sqlite"
    assert _run(CORPUS, "--db", db) == 0
    got = dict(_rows(db, "SELECT doc_id, author FROM articles WHERE author IS NOT NULL"))
    assert got == {"003_54d7fde0b963b228": "CAO OANH", "004_2bcce0462b1ae0d6": "Dương Liễu"}
    assert _rows(db, "SELECT title, published FROM articles WHERE doc_id = '003_54d7fde0b963b228'")[0][1] == "2023-10-16"
    assert _rows(db, "SELECT value_number, unit FROM mentions WHERE doc_id = '000_c3bb818650128224' "
                     "AND text = '11.956 bộ phận một cửa'") == [(11956.0, "bộ phận một cửa")]


def test_rerun_adds_nothing_and_extracts_nothing(tmp_path, counting):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "facts.sqlite"
    assert _run(src, "--db", db) == 0
    assert counting == ["a1", "a2", "a3", "a4", "a5"]
    before_a = _rows(db, "SELECT * FROM articles ORDER BY doc_id")
    before_m = _rows(db, "SELECT * FROM mentions ORDER BY mention_id")
    counting.clear()
    assert _run(src, "--db", db) == 0
    assert counting == []                     # skipped before extraction, not after
    assert _rows(db, "SELECT * FROM articles ORDER BY doc_id") == before_a    # processed times unchanged
    assert _rows(db, "SELECT * FROM mentions ORDER BY mention_id") == before_m
    assert _rows(db, "SELECT run_id, status, n_articles, n_skipped, n_mentions FROM runs ORDER BY run_id") == [
        (1, "done", 5, 0, 9), (2, "done", 0, 5, 0)]
    # the same input given twice in one run is extracted once
    db2 = tmp_path / "twice.sqlite"
    counting.clear()
    assert _run(src, src, "--db", db2) == 0
    assert counting == ["a1", "a2", "a3", "a4", "a5"]
    assert _rows(db2, "SELECT count(*) FROM mentions") == [(9,)]


def test_changed_article_is_replaced(tmp_path, counting):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "facts.sqlite"
    _run(src, "--db", db)
    old = dict(_rows(db, "SELECT doc_id, processed FROM articles"))
    changed = [dict(a) for a in ARTICLES]
    changed[0]["text"] = "Tỷ lệ đạt 75% trong năm 2024, tăng 3,5%."
    changed[3]["published"] = "2022-05-01"           # same text, another publication date
    _write_jsonl(src, changed)
    counting.clear()
    assert _run(src, "--db", db) == 0
    assert counting == ["a1", "a4"]
    assert _rows(db, "SELECT type, text, value_number, change FROM mentions WHERE doc_id = 'a1' ORDER BY seq") == [
        ("PERCENT", "75%", 75.0, None), ("DATE", "năm 2024", None, None), ("PERCENT", "tăng 3,5%", 3.5, "increase")]
    assert _rows(db, "SELECT date_iso FROM mentions WHERE doc_id = 'a4' AND type = 'DATE'") == [("2022-10-16",)]
    new = dict(_rows(db, "SELECT doc_id, processed FROM articles"))
    assert new["a1"] != old["a1"] and new["a4"] != old["a4"]
    assert {k: new[k] for k in ("a2", "a3", "a5")} == {k: old[k] for k in ("a2", "a3", "a5")}
    assert _rows(db, "SELECT sha256, n_mentions, run_id FROM articles WHERE doc_id = 'a1'") == [
        (hashlib.sha256(changed[0]["text"].encode()).hexdigest(), 3, 2)]
    assert _rows(db, "SELECT count(*) FROM mentions") == [(10,)]
    # --refresh extracts everything again, and still stores each article once
    counting.clear()
    assert _run(src, "--db", db, "--refresh") == 0
    assert counting == ["a1", "a2", "a3", "a4", "a5"]
    assert _rows(db, "SELECT count(*) FROM mentions") == [(10,)]


def _paragraph_articles(copies=2):
    paras = [line for p in sorted(CORPUS.glob("*.txt")) for line in p.read_text(encoding="utf-8").split("\n")
             if len(line) > 200]
    return [{"id": f"p{i:03d}-{c}", "text": t} for c in range(copies) for i, t in enumerate(paras)]


def test_resume_after_kill_stores_each_article_once(tmp_path):
    arts = _paragraph_articles()
    src = _write_jsonl(tmp_path / "in.jsonl", arts)
    clean, db = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    assert _run(src, "--db", clean) == 0
    proc = subprocess.Popen([sys.executable, "-m", "extract", "run", str(src), "--db", str(db), "--workers", "1",
                             "--quiet"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                stored = _rows(db, "SELECT count(*) FROM articles")[0][0]
            except sqlite3.Error:
                stored = 0
            if stored >= 3:
                break
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert 3 <= stored < len(arts), "the run should have been killed mid-way"
    at_kill = _rows(db, "SELECT count(*) FROM articles")[0][0]
    assert _rows(db, "SELECT status, finished FROM runs") == [("running", None)]
    assert _run(src, "--db", db) == 0
    assert _rows(db, "SELECT n_articles + n_skipped FROM runs WHERE run_id = 2") == [(len(arts),)]
    assert _rows(db, "SELECT n_skipped FROM runs WHERE run_id = 2") == [(at_kill,)]
    key = "doc_id, status, sha256, n_mentions"
    assert _rows(db, f"SELECT {key} FROM articles ORDER BY doc_id") == _rows(clean, f"SELECT {key} FROM articles ORDER BY doc_id")
    assert len(_rows(db, "SELECT doc_id FROM articles")) == len(arts)
    cols = "doc_id, seq, type, text, start, end, value, qualifier, change, sentence, unit, rule, value_number"
    assert _rows(db, f"SELECT {cols} FROM mentions ORDER BY doc_id, seq") == \
        _rows(clean, f"SELECT {cols} FROM mentions ORDER BY doc_id, seq")
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(db, "PRAGMA foreign_key_check") == []


def test_bad_inputs_are_recorded(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"T\xe1\xbb\xb7 l\xff\xfe 50%")
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "j1", "text": "Tỷ lệ đạt 50,2% trong năm 2023."}\n{bad json\n{"id": "j3", "text": ""}\n',
                   encoding="utf-8")
    db = tmp_path / "facts.sqlite"
    assert _run(tmp_path / "bad.txt", src, tmp_path / "missing.txt", "--db", db) == 1
    assert _rows(db, "SELECT source, input, line, code, run_id FROM errors ORDER BY error_id") == [
        (f"{tmp_path}/bad.txt", f"{tmp_path}/bad.txt", None, "E201", 1),
        (f"{src}:2", str(src), 2, "E204", 1),
        (f"{src}:3", str(src), 3, "E203", 1),
        (f"{tmp_path}/missing.txt", f"{tmp_path}/missing.txt", None, "E206", 1),
    ]
    assert _rows(db, "SELECT message FROM errors WHERE code = 'E201'") == [("cannot decode as UTF-8 at byte 6",)]
    assert _rows(db, "SELECT doc_id, status FROM articles") == [("j1", "ok")]
    assert _rows(db, "SELECT n_articles, n_errors FROM runs") == [(1, 4)]
    # a re-run records each error once; a fixed line loses its error and becomes an article
    assert _run(tmp_path / "bad.txt", src, tmp_path / "missing.txt", "--db", db) == 1
    assert _rows(db, "SELECT count(*), max(run_id) FROM errors") == [(4, 2)]
    src.write_text('{"id": "j1", "text": "Tỷ lệ đạt 50,2% trong năm 2023."}\n{"id": "j2", "text": "Đạt 90%."}\n',
                   encoding="utf-8")
    assert _run(tmp_path / "bad.txt", src, "--db", db) == 1
    assert [r[0] for r in _rows(db, "SELECT code FROM errors ORDER BY error_id")] == ["E201", "E203", "E206"]
    assert _rows(db, "SELECT doc_id, n_mentions FROM articles ORDER BY doc_id") == [("j1", 2), ("j2", 1)]


def test_internal_error_is_an_article_with_status_error(tmp_path, monkeypatch):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES[:2])
    db = tmp_path / "facts.sqlite"
    import extract.pipeline.nlp as pipeline
    real = pipeline.analyze

    def broken(text, **kw):
        if "Lai Châu" in text:
            raise RuntimeError("boom")
        return real(text, **kw)

    monkeypatch.setattr(pipeline, "analyze", broken)
    assert _run(src, "--db", db) == 1
    assert _rows(db, "SELECT doc_id, status, error_code, error, n_mentions FROM articles ORDER BY doc_id") == [
        ("a1", "ok", None, None, 2),
        ("a2", "error", "E299", "internal error while extracting: RuntimeError: boom", 0)]
    assert _rows(db, "SELECT count(*) FROM errors") == [(0,)]
    monkeypatch.setattr(pipeline, "analyze", real)
    assert _run(src, "--db", db) == 0                 # failed articles are tried again
    assert _rows(db, "SELECT doc_id, status, error_code, n_mentions FROM articles ORDER BY doc_id") == [
        ("a1", "ok", None, 2), ("a2", "ok", None, 1)]


def test_duplicate_doc_id_with_another_text_is_an_error(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", [ARTICLES[0], {"id": "a1", "text": "Đạt 90%."}, ARTICLES[0]])
    db = tmp_path / "facts.sqlite"
    assert _run(src, "--db", db) == 1
    assert _rows(db, "SELECT source, code, message FROM errors") == [
        (f"{src}:2", "E213", f"doc_id 'a1' was already given by {src}:1 in this run, with a different text")]
    assert _rows(db, "SELECT type, text FROM mentions") == [("PERCENT", "50,2%"), ("DATE", "năm 2023")]
    assert _run(src, "--db", db) == 1                 # the first one still wins on a re-run
    assert _rows(db, "SELECT type, text FROM mentions") == [("PERCENT", "50,2%"), ("DATE", "năm 2023")]
    assert _rows(db, "SELECT count(*) FROM errors") == [(1,)]


def test_db_with_output_writes_both(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1])
    out, db = tmp_path / "f.jsonl", tmp_path / "f.sqlite"
    assert _run(src, "--db", db, "-o", out) == 0
    assert [(r["type"], r["value"]) for r in map(json.loads, out.read_text().splitlines())] == [
        ("PERCENT", 50.2), ("DATE", "2023")]
    capsys.readouterr()
    assert _run(src, "--db", tmp_path / "alone.sqlite") == 0
    assert capsys.readouterr().out == ""             # --db alone: nothing on stdout


def test_query_is_read_only_and_formats(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "facts.sqlite"
    _run(src, "--db", db)
    capsys.readouterr()
    sql = "SELECT doc_id, text, value_number FROM mentions WHERE type = 'PERCENT'"
    assert main(["query", sql, "--db", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["doc_id,text,value_number", "a1,\"50,2%\",50.2"]
    assert main(["query", sql, "--db", str(db), "--format", "json"]) == 0
    assert capsys.readouterr().out == '{"doc_id": "a1", "text": "50,2%", "value_number": 50.2}\n'
    assert main(["query", "SELECT type, count(*) AS n FROM mentions GROUP BY type ORDER BY type", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "type      n", "--------  -", "COUNT     2", "DATE      2", "DURATION  1", "MONEY     1", "PERCENT   1",
        "PERIOD    1", "RANK      1", "(7 rows)"]
    assert main(["query", "DELETE FROM mentions", "--db", str(db)]) == 3     # refused (test_query_safety.py)
    assert "E320" in capsys.readouterr().err
    assert _rows(db, "SELECT count(*) FROM mentions") == [(9,)]
    assert main(["query", "SELECT 1", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "E303 no fact database" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_facts_command(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "facts.sqlite"
    _run(src, "--db", db)
    capsys.readouterr()
    assert main(["facts", "--type", "count", "--db", str(db), "--format", "json"]) == 0
    recs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["doc_id"], r["text"], r["value"], r["unit"], r["qualifier"]) for r in recs] == [
        ("a3", "11.956 bộ phận một cửa", 11956, "bộ phận một cửa", None), ("a4", "hơn 39.000 hồ sơ", 39000, "hồ sơ", "over")]
    assert main(["facts", "--type", "COUNT", "--type", "MONEY", "--min", "20000", "--db", str(db),
                 "--format", "csv"]) == 0
    df = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert list(zip(df["doc_id"], df["text"], df["value_number"])) == [("a4", "hơn 39.000 hồ sơ", 39000.0),
                                                                      ("a5", "10 tỉ đồng", 1e10)]
    assert main(["facts", "--doc", "a2", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["doc_id", "type", "text", "value", "qualifier", "change", "unit", "measure",
                                "subject", "period", "place", "compared_to", "source", "sentence"]
    assert lines[2].startswith("a2      RANK  13/63  {\"rank\": 13, \"of\": 63}") and lines[-1] == "(1 row)"
    assert main(["facts", "--limit", "2", "--db", str(db), "--format", "json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_export_equals_plain_run(tmp_path):
    db, plain = tmp_path / "facts.sqlite", tmp_path / "plain.jsonl"
    assert _run(CORPUS, "--db", db) == 0
    assert _run(CORPUS, "-o", plain) == 0
    ref = [json.loads(x) for x in plain.read_text(encoding="utf-8").splitlines()]
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "x.jsonl"), "--quiet"]) == 0
    got = [json.loads(x) for x in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()]
    assert got == ref                                  # corpus files are in doc_id order already
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "x.parquet"), "--quiet"]) == 0
    assert _run(CORPUS, "-o", tmp_path / "plain.parquet") == 0
    assert pd.read_parquet(tmp_path / "x.parquet").equals(pd.read_parquet(tmp_path / "plain.parquet"))
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "p.csv"), "--type", "PERCENT", "--quiet"]) == 0
    df = pd.read_csv(tmp_path / "p.csv", dtype={"value": str})
    assert set(df["type"]) == {"PERCENT"} and len(df) == sum(r["type"] == "PERCENT" for r in ref)
    assert [json.loads(v) for v in df["value"]] == [r["value"] for r in ref if r["type"] == "PERCENT"]


def test_foreign_or_newer_database_is_refused(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1])
    assert _run(src, "--db", other) == 2
    assert "E301" in capsys.readouterr().err
    newer = tmp_path / "newer.sqlite"
    _run(src, "--db", newer)
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert _run(src, "--db", newer) == 2
    assert "E302" in capsys.readouterr().err
    assert main(["facts", "--db", str(newer)]) == 2
    (tmp_path / "empty.sqlite").write_bytes(b"")
    assert main(["export", "--db", str(tmp_path / "empty.sqlite"), "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "E301" in capsys.readouterr().err and not (tmp_path / "x.jsonl").exists()
