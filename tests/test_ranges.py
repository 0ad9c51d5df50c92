"""Ranges (CONTRACT.md "Ranges, signs and times of day") through every output: records, CSV and
Parquet columns, the fact database (schema 3 and its migration), the evaluator, the contract
checker. What the rules find is in tests/specs/ranges.jsonl, signs.jsonl, multipliers.jsonl."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from db_helpers import rows as _rows, run as _run, write_jsonl as _write_jsonl
from extract import extract
from extract.cli import main
from extract.evaluation.evaluate import evaluate
from extract.io.storage import _MIGRATIONS, SCHEMA_VERSION

# the schema version that added the range columns
RANGE_VERSION = 1 + next(v for v, step in _MIGRATIONS.items() if step.__name__ == "_add_range_columns")
from extract.pipeline.contract import record_problems

TEXT = "Mỗi tổ phụ trách 30-40 hộ, cách ly từ 5 đến 7 ngày, chi phí 120 - 130 tỷ đồng và lỗ âm 2%."
ARTICLES = [{"id": "r1", "text": TEXT}, {"id": "r2", "text": "Có 50 hộ dân."}]
CHECKER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "check_contract.py"


def _by_text(records):
    return {r["text"]: r for r in records}


def test_records_carry_range_and_keep_the_contract():
    got = _by_text(extract(TEXT, doc_id="r1"))
    assert got["30-40 hộ"]["range"] == {"min": 30, "max": 40} and got["30-40 hộ"]["value"] == 40
    assert got["từ 5 đến 7 ngày"]["range"] == {"min": "P5D", "max": "P7D"}
    assert got["120 - 130 tỷ đồng"]["range"] == {"min": 120_000_000_000, "max": 130_000_000_000}
    assert got["âm 2%"]["value"] == -2 and "range" not in got["âm 2%"]
    assert all(record_problems(r, TEXT) == [] for r in got.values())


def test_csv_and_parquet_range_columns(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    assert _run(src, "-o", tmp_path / "x.csv") == 0
    assert _run(src, "-o", tmp_path / "x.parquet") == 0
    for df in (pd.read_csv(tmp_path / "x.csv"), pd.read_parquet(tmp_path / "x.parquet")):
        df = df.set_index("text")
        assert (df.loc["30-40 hộ", "range_min"], df.loc["30-40 hộ", "range_max"]) == (30, 40)
        assert df.loc["120 - 130 tỷ đồng", "range_max"] == 130e9
        # a DURATION range has ISO ends: no numeric columns, the range is in extra
        assert pd.isna(df.loc["từ 5 đến 7 ngày", "range_min"])
        assert json.loads(df.loc["từ 5 đến 7 ngày", "extra"])["range"] == {"min": "P5D", "max": "P7D"}
        assert pd.isna(df.loc["50 hộ dân", "range_min"])


def test_database_stores_and_gives_back_the_range(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "f.sqlite"
    assert _run(src, "--db", db) == 0
    assert _rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _rows(db, "SELECT text, range_min, range_max FROM facts WHERE range_max IS NOT NULL ORDER BY seq") == [
        ("30-40 hộ", 30.0, 40.0), ("120 - 130 tỷ đồng", 120e9, 130e9)]
    assert _rows(db, "SELECT range_min FROM mentions WHERE text = 'từ 5 đến 7 ngày'") == [(None,)]
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "e.jsonl"), "--quiet"]) == 0
    exported = _by_text(json.loads(l) for l in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines())
    assert exported["từ 5 đến 7 ngày"]["range"] == {"min": "P5D", "max": "P7D"}
    assert exported["30-40 hộ"]["range"] == {"min": 30, "max": 40}


def test_version_2_database_is_migrated_with_its_ranges(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "f.sqlite"
    assert _run(src, "--db", db) == 0
    conn = sqlite3.connect(db)
    with conn:   # the database as the schema before the range columns left it: the range in extra only
        conn.execute("DROP VIEW facts")
        conn.execute("ALTER TABLE mentions DROP COLUMN range_min")
        conn.execute("ALTER TABLE mentions DROP COLUMN range_max")
        conn.execute("CREATE VIEW facts AS SELECT m.*, a.title FROM mentions m JOIN articles a USING (doc_id)")
        conn.execute(f"PRAGMA user_version = {RANGE_VERSION - 1}")
    conn.close()
    assert main(["facts", "--db", str(db)]) == 2          # E308: refused for reading
    assert _run(src, "--db", db) == 0                     # a run upgrades it in place
    assert _rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _rows(db, "SELECT text, range_min, range_max FROM facts WHERE range_max IS NOT NULL ORDER BY seq") == [
        ("30-40 hộ", 30.0, 40.0), ("120 - 130 tỷ đồng", 120e9, 130e9)]


def test_evaluator_compares_a_gold_range():
    text = "Có 30-40 hộ."
    base = {"doc_id": "d", "type": "COUNT", "text": "30-40 hộ", "start": 3, "end": 11, "value": 40,
            "unit": "hộ", "qualifier": None, "change": None, "optional": False}
    gold = [dict(base, range={"min": 30, "max": 40})]
    right = evaluate(gold, [dict(base, range={"min": 30, "max": 40})], {"d": text}).rows["COUNT"]
    wrong = evaluate(gold, [dict(base, range={"min": 35, "max": 40})], {"d": text}).rows["COUNT"]
    missing = evaluate(gold, [base], {"d": text}).rows["COUNT"]
    assert (right.fact.tp, wrong.fact.tp, missing.fact.tp) == (1, 0, 0)
    # a gold without a range asks none: the system's range is not held against it
    assert evaluate([base], [dict(base, range={"min": 30, "max": 40})], {"d": text}).rows["COUNT"].fact.tp == 1


@pytest.mark.skipif(not CHECKER.exists(), reason="../shared/tools/check_contract.py is not here")
def test_contract_checker_passes_output_with_ranges(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    assert _run(src, "-o", tmp_path / "x.jsonl") == 0
    assert '"range"' in (tmp_path / "x.jsonl").read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, str(CHECKER), str(tmp_path / "x.jsonl"), str(src)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().endswith(", 0 failing")
