"""Full-text search in the fact database (extract/io/search.py): blind to tone placement,
and to diacritics for words typed without them; kept current by `run --db`; built for a
version 2 database by the upgrade."""
import sqlite3

import pytest

from extract.io.search import bare, fts_query, search_form
from extract.io.storage import _MIGRATIONS, SCHEMA_VERSION

# the schema version that added the search tables
SEARCH_VERSION = 1 + next(v for v, step in _MIGRATIONS.items() if step.__module__ == "extract.io.search")
from db_helpers import rows as _rows, run as _run, write_jsonl as _write_jsonl

ARTICLES = [
    {"id": "h1", "title": "Hoà Bình đón 1,2 triệu lượt khách",
     "text": "Năm 2023, tỉnh Hoà Bình đón 1,2 triệu lượt khách du lịch, tăng 15% so với năm 2022."},
    {"id": "h2", "title": "Uỷ ban nhân dân tỉnh họp",
     "text": "Uỷ ban nhân dân tỉnh cho biết tỷ lệ hồ sơ trực tuyến đạt 45,5% trong 9 tháng đầu năm 2023."},
    {"id": "h3", "text": "Ông Lê Văn Thành cho biết có 320 doanh nghiệp đăng ký mới trong tháng 10/2023."},
]


def test_forms():
    assert bare("Tỷ lệ Đồng Nai, ủy ban") == "Ty le Dong Nai, uy ban"
    assert search_form("Uỷ ban Hoà Bình") == "ủy ban hòa bình\nuy ban hoa binh"
    assert search_form("COVID 19") == "covid 19"   # nothing to strip: written once
    assert search_form(None) is None
    assert fts_query("Uỷ ban") == '"ủy" "ban"'
    assert fts_query('ty le "ho so"') == '"ty" "le" "ho so"'
    assert fts_query('a "unclosed') == '"a" "unclosed"'
    assert fts_query("") == fts_query("  ") == fts_query(None) == '""'   # matches nothing, no syntax error


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("search")
    db = tmp / "facts.sqlite"
    assert _run(_write_jsonl(tmp / "in.jsonl", ARTICLES), "--db", db) == 0
    return db


def _found(db, words, table="facts_fts"):
    """(doc_id, text) of the facts whose indexed columns match ``words``."""
    conn = sqlite3.connect(db)
    from extract.io.search import add_functions
    add_functions(conn)
    try:
        return conn.execute(
            f"SELECT DISTINCT m.doc_id FROM {table} JOIN mentions m ON m.mention_id = {table}.rowid "
            f"WHERE {table} MATCH fts_query(?) ORDER BY m.doc_id", (words,)).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("words, docs", [
    ("Hoà Bình", ["h1"]), ("Hòa Bình", ["h1"]), ("hoa binh", ["h1"]), ("HOÀ BÌNH", ["h1"]),
    ("Ủy ban", ["h2"]), ("uỷ ban", ["h2"]), ("uy ban", ["h2"]),
    ("ty le ho so", ["h2"]), ("tỷ lệ hồ sơ", ["h2"]),
    ("dang ky", ["h3"]), ("đăng ký", ["h3"]),   # đ -> d
    ("lê", ["h3"]), ("le", ["h2", "h3"]),        # typed with its marks, a word finds only itself
    ("lệ", ["h2"]),
    ('"tinh hoa binh"', ["h1"]), ('"binh hoa"', []),   # a phrase: those words in that order
    ('"hoa binh don"', ["h1"]),                  # the title's words (each fact carries its title)
    ("ha noi", []),
])
def test_search_words(db, words, docs):
    assert [d for (d,) in _found(db, words)] == docs


def test_titles_are_searched_too(db):
    # each fact of h1 carries its article's title; articles_fts holds titles alone
    assert _found(db, "don luot khach") == [("h1",)]
    assert _rows(db, "SELECT doc_id FROM articles WHERE rowid IN (SELECT rowid FROM articles_fts "
                     "WHERE articles_fts MATCH '\"uy ban\"')") == [("h2",)]


def test_statement_parts_are_searched(db):
    # "so với năm 2022" is the compared_to of "tăng 15%", in no other column of another fact
    conn = sqlite3.connect(db)
    from extract.io.search import add_functions
    add_functions(conn)
    got = conn.execute("SELECT m.text FROM facts_fts JOIN mentions m ON m.mention_id = facts_fts.rowid "
                       "WHERE compared_to MATCH fts_query('nam 2022')").fetchall()
    conn.close()
    assert got == [("tăng 15%",)]


def test_kept_current_by_run(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1])
    db = tmp_path / "facts.sqlite"
    assert _run(src, "--db", db) == 0
    n = _rows(db, "SELECT count(*) FROM mentions")[0][0]
    assert _rows(db, "SELECT count(*) FROM facts_fts") == [(n,)]
    assert _found(db, "hoa binh") == [("h1",)]
    # the article changes: its old words are gone from the index, its new ones are in
    _write_jsonl(src, [{"id": "h1", "title": "Đà Nẵng", "text": "Năm 2023, Đà Nẵng đón 8 triệu lượt khách."}])
    assert _run(src, "--db", db) == 0
    assert _found(db, "hoa binh") == []
    assert _found(db, "da nang") == [("h1",)]
    assert _rows(db, "SELECT count(*) FROM facts_fts") == _rows(db, "SELECT count(*) FROM mentions")
    assert _rows(db, "SELECT count(*) FROM articles_fts") == [(1,)]
    # --refresh re-extracts: one row per mention still
    assert _run(src, "--db", db, "--refresh") == 0
    assert _rows(db, "SELECT count(*) FROM facts_fts") == _rows(db, "SELECT count(*) FROM mentions")


def test_an_older_database_is_indexed_by_the_upgrade(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "facts.sqlite"
    assert _run(src, "--db", db) == 0
    conn = sqlite3.connect(db)
    with conn:   # the database as the schema before the search tables left it
        for t in ("mentions_fts_delete", "articles_fts_delete"):
            conn.execute(f"DROP TRIGGER {t}")
        conn.execute("DROP TABLE facts_fts")
        conn.execute("DROP TABLE articles_fts")
        conn.execute(f"PRAGMA user_version = {SEARCH_VERSION - 1}")
    conn.close()
    from extract.cli import main
    assert main(["query", "SELECT 1", "--db", str(db)]) == 0   # query reads any version
    if _has_datasette():   # serve needs the search tables: it says how to get them
        assert main(["serve", "--db", str(db)]) == 2
        assert "E308" in capsys.readouterr().err
    capsys.readouterr()
    assert _run(src, "--db", db) == 0                         # nothing to extract, the upgrade indexes
    assert _rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _rows(db, "SELECT n_articles, n_skipped FROM runs ORDER BY run_id DESC LIMIT 1") == [(0, 3)]
    assert _rows(db, "SELECT count(*) FROM facts_fts") == _rows(db, "SELECT count(*) FROM mentions")
    assert [d for (d,) in _found(db, "uy ban")] == ["h2"]
    assert _rows(db, "SELECT count(*) FROM articles_fts") == [(2,)]


def _has_datasette() -> bool:
    try:
        import datasette  # noqa: F401
        return True
    except ImportError:
        return False
