"""`vnextract query` reads only: every way a new user could change the database, make a
file or run forever is refused or stopped with its own error and exit status, and
ordinary reading (tables, the facts view, full-text search, pragmas that report) works."""
import hashlib
import os

import pytest

from extract.cli import main
from extract.io.readonly import ReadOnlyGuard
from extract.io.storage import SCHEMA_VERSION
from db_helpers import rows as _rows, run as _run, write_jsonl as _write_jsonl

ARTICLES = [
    {"id": "a1", "text": "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 50,2% trong năm 2023.", "title": "Cải cách hành chính"},
    {"id": "a2", "text": "Tỉnh Lai Châu xếp thứ 13/63 tỉnh, thành phố.", "title": "Lai Châu"},
    {"id": "a3", "text": "9 tháng đầu năm 2023, cả nước có 11.956 bộ phận một cửa."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("safety")
    db = tmp / "facts.sqlite"
    assert _run(_write_jsonl(tmp / "in.jsonl", ARTICLES), "--db", db) == 0
    return db


def _digest(db):
    """The database file and its WAL as bytes: what must not change (a reader may leave an
    empty WAL behind, which holds nothing)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in db.parent.glob(db.name + "*") if p.name.endswith(("sqlite", "-wal")) and p.stat().st_size}


def _query(db, sql, *opts):
    return main(["query", sql, "--db", str(db), *opts])


REFUSED = [
    ("ATTACH DATABASE 'x.db' AS e", "ATTACH 'x.db'"),
    ("DETACH DATABASE main", "DETACH 'main'"),
    ("VACUUM INTO 'copy.db'", "ATTACH 'copy.db'"),   # VACUUM INTO attaches its target
    ("PRAGMA user_version = 9", "PRAGMA user_version = 9"),
    ("PRAGMA query_only = 0", "PRAGMA query_only = 0"),
    ("PRAGMA journal_mode = DELETE", "PRAGMA journal_mode = DELETE"),
    ("PRAGMA writable_schema = 1", "PRAGMA writable_schema = 1"),
    ("PRAGMA wal_checkpoint", "PRAGMA wal_checkpoint"),
    ("PRAGMA optimize", "PRAGMA optimize"),
    ("INSERT INTO runs (started, status) VALUES ('x', 'done')", "INSERT runs"),
    ("UPDATE mentions SET value_number = 0", "UPDATE mentions"),
    ("DELETE FROM mentions", "DELETE mentions"),
    ("DROP TABLE errors", "DROP (a change of the schema)"),
    ("DROP VIEW facts", "DROP (a change of the schema)"),
    ("CREATE TABLE t (x)", "CREATE (a change of the schema)"),
    ("CREATE TEMP TABLE t (x)", "CREATE (a change of the schema)"),
    ("CREATE INDEX i ON mentions(unit)", "CREATE (a change of the schema)"),
    ("ALTER TABLE runs ADD COLUMN x", "ALTER TABLE runs"),
    ("ANALYZE", "CREATE (a change of the schema)"),   # of sqlite_stat1
    ("REINDEX", "REINDEX"),
    ("SELECT load_extension('/tmp/evil')", "function load_extension()"),
    ("INSERT INTO facts_fts (facts_fts) VALUES ('rebuild')", "INSERT facts_fts"),
    ("CREATE VIRTUAL TABLE v USING fts5(x)", "CREATE (a change of the schema)"),
]


@pytest.mark.parametrize("sql, what", REFUSED, ids=[s for s, _ in REFUSED])
def test_anything_but_reading_is_refused(db, sql, what, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)        # where ATTACH / VACUUM INTO would create their file
    before = _digest(db)
    assert _query(db, sql) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"vnextract: E320 not allowed: {what} (the database is opened for reading only)\n"
    assert os.listdir(tmp_path) == []  # no file made
    assert _digest(db) == before
    assert _rows(db, "SELECT count(*) FROM mentions") == [(5,)]


def test_a_runaway_recursive_query_is_stopped(db, capsys):
    sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    assert _query(db, sql, "--timeout", "0.3") == 4
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "vnextract: E321 query stopped after 0.3 s (--timeout) (narrow the query, or raise --timeout)\n"
    # the limit is per query, not a clock that a bounded recursion could hit
    assert _query(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                      "SELECT count(*), sum(i) FROM n", "--timeout", "5") == 0
    assert capsys.readouterr().out.splitlines()[2].split() == ["1000", "500500"]


def test_row_limit(db, capsys):
    sql = "SELECT doc_id, seq, text FROM mentions ORDER BY doc_id, seq"
    assert _query(db, sql, "--max-rows", "4") == 5
    out, err = capsys.readouterr()
    assert out == ""                   # nothing half printed
    assert err.startswith("vnextract: E322 query returns more than 4 rows (--max-rows) (add LIMIT")
    assert _query(db, sql, "--max-rows", "5", "--format", "csv") == 0      # exactly the limit is fine
    assert len(capsys.readouterr().out.splitlines()) == 1 + 5
    assert _query(db, sql, "--max-rows", "0", "--format", "csv") == 0      # 0: no limit
    assert len(capsys.readouterr().out.splitlines()) == 1 + 5


def test_reading_works(db, capsys):
    cases = [
        ("SELECT type, count(*) FROM mentions GROUP BY type ORDER BY type",
         ["COUNT,1", "DATE,1", "PERCENT,1", "PERIOD,1", "RANK,1"]),
        # the facts view, with a statement's parts
        ("SELECT text, measure, period_first_day, period_last_day FROM facts WHERE text = '50,2%'",
         ['"50,2%",Tỷ lệ hồ sơ giải quyết đúng hạn,2023-01-01,2023-12-31']),
        # full-text search, typed without diacritics, and fold()
        ("SELECT f.text FROM facts_fts JOIN facts f ON f.mention_id = facts_fts.rowid "
         "WHERE facts_fts MATCH fts_query('bo phan mot cua') ORDER BY f.seq", ["9 tháng đầu năm 2023", "11.956 bộ phận một cửa"]),
        ("SELECT title FROM articles WHERE rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH "
         "fts_query('cai cach'))", ["Cải cách hành chính"]),
        ("SELECT fold('Uỷ ban hoà giải') = fold('ủy ban hòa giải')", ["1"]),
        # pragmas that report, as statements and as table-valued functions
        ("PRAGMA user_version", [str(SCHEMA_VERSION)]),
        ("SELECT name FROM pragma_table_info('runs') WHERE cid < 2", ["run_id", "started"]),
        ("PRAGMA index_list(mentions)", None),
        ("SELECT json_extract(value, '$.of') FROM mentions WHERE type = 'RANK'", ["63"]),
    ]
    for sql, want in cases:
        assert _query(db, sql, "--format", "csv") == 0, sql
        got = capsys.readouterr().out.splitlines()[1:]
        if want is None:
            assert got, sql
        else:
            assert got == want, sql


def test_bad_sql_is_no_refusal(db, capsys):
    assert _query(db, "SELEC 1") == 2
    assert capsys.readouterr().err.startswith("vnextract: E305 query failed: near \"SELEC\"")


def test_guard_names_what_it_refused():
    import sqlite3
    g = ReadOnlyGuard()
    assert g(sqlite3.SQLITE_SELECT, None, None, None, None) == sqlite3.SQLITE_OK
    assert g(sqlite3.SQLITE_PRAGMA, "table_info", "mentions", None, None) == sqlite3.SQLITE_OK
    assert g(sqlite3.SQLITE_PRAGMA, "cache_size", "-2000", None, None) == sqlite3.SQLITE_DENY
    assert g.refused == "PRAGMA cache_size = -2000"
    g.reset()
    assert g(sqlite3.SQLITE_FUNCTION, None, "LOAD_EXTENSION", None, None) == sqlite3.SQLITE_DENY
    assert g.refused == "function LOAD_EXTENSION()"
