"""`vnextract serve` without a browser: the Datasette it builds (extract/io/serve.py and
serve_plugin.py), asked through Datasette's own in-process client. The browser test is
tests/test_browser.py."""
import asyncio
import shutil
import sqlite3

import pytest

pytest.importorskip("datasette")

from extract.io.serve import make_datasette   # noqa: E402
from db_helpers import run as _run, write_jsonl as _write_jsonl   # noqa: E402

ARTICLES = [
    {"id": "h1", "title": "Hoà Bình đón 1,2 triệu lượt khách", "published": "2023-12-20",
     "text": "Năm 2023, tỉnh Hoà Bình đón 1,2 triệu lượt khách du lịch, tăng 15% so với năm 2022."},
    {"id": "h2", "title": "Uỷ ban nhân dân tỉnh họp", "published": "2023-10-05",
     "text": "Uỷ ban nhân dân tỉnh cho biết: 9 tháng đầu năm 2023, tỷ lệ hồ sơ trực tuyến của tỉnh đạt 45,5%, "
             "giảm 2% so với cùng kỳ."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "facts.sqlite"
    assert _run(_write_jsonl(tmp / "in.jsonl", ARTICLES), "--db", db) == 0
    return db


def _get(ds, *paths):
    async def go():
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]
    return asyncio.run(go())


def _json(ds, path):
    (r,) = _get(ds, path)
    assert r.status_code == 200, r.text
    return r.json()


def test_metadata_a_newcomer_can_read(db):
    ds = make_datasette(db)
    home, index, table = _get(ds, "/", "/facts", "/facts/facts")
    assert home.status_code == index.status_code == table.status_code == 200
    assert "Dữ kiện từ báo chí — Facts from the news" in home.text
    for words in ("Phát biểu theo đại lượng và thời kỳ", "Statements by measure and period", "The biggest changes",
                  "Start at the facts table"):
        assert words in index.text
    for words in ("Mỗi dòng là một dữ kiện", "One row per fact",
                  "đại lượng được đo (tỷ lệ, doanh thu…) — what is measured (a rate, revenue…)"):
        assert words in table.text
    facets = _json(ds, "/facts/facts.json?_search=nam+2023")["facet_results"]
    assert sorted(facets) == ["measure", "place_name", "type", "unit"]
    assert {r["value"]: r["count"] for r in facets["type"]["results"]}["PERCENT"] == 3
    # the search tables are hidden; the people query is offered
    tables = _json(ds, "/facts.json")
    assert {t["name"] for t in tables["tables"] if t["hidden"]} >= {"facts_fts", "articles_fts"}
    assert "person_posts" in {q["name"] for q in tables["queries"]}   # every database has the people tables


@pytest.mark.parametrize("words", ["Hoà Bình", "Hòa Bình", "hoa binh", "HOA BINH"])
def test_the_search_box_folds_what_is_typed(db, words):
    ds = make_datasette(db)
    got = _json(ds, f"/facts/facts.json?_search={words}&_shape=array&_col=text&_col=doc_id")
    assert [(r["doc_id"], r["text"]) for r in got] == [
        ("h1", "Năm 2023"), ("h1", "1,2 triệu lượt khách du lịch"), ("h1", "tăng 15%"), ("h1", "năm 2022")]
    # the mentions table and the article titles have the same search box
    assert [r["text"] for r in _json(ds, f"/facts/mentions.json?_search={words}&_shape=array")] == [
        "Năm 2023", "1,2 triệu lượt khách du lịch", "tăng 15%", "năm 2022"]


def test_search_titles_and_canned_search(db):
    ds = make_datasette(db)
    assert [r["doc_id"] for r in _json(ds, "/facts/articles.json?_search=uy+ban&_shape=array")] == ["h2"]
    got = _json(ds, "/facts/search.json?words=ty+le+ho+so&_shape=array")
    # ranked by bm25: the facts whose measure holds the words too come first
    assert [r["text"] for r in got] == ["45,5%", "giảm 2%", "9 tháng đầu năm 2023"]
    assert _json(ds, "/facts/search.json?words=&_shape=array") == []


def test_statements_by_measure_and_period(db):
    ds = make_datasette(db)
    path = "/facts/statements_by_measure_and_period.json?_shape=array&measure={}&period={}"
    got = _json(ds, path.format("Tỷ lệ hồ sơ", "2023-Q3"))
    assert [(r["text"], r["period_first_day"], r["period_last_day"]) for r in got] == [
        ("45,5%", "2023-01-01", "2023-09-30"), ("giảm 2%", "2023-01-01", "2023-09-30")]
    assert _json(ds, path.format("tỷ lệ hồ sơ", "2022")) == []
    assert _json(ds, path.format("tỷ lệ hồ sơ", "")) == got     # no period: any
    assert _json(ds, path.format("tỷ lệ hồ sơ", "not a period")) == []


def test_biggest_changes(db):
    ds = make_datasette(db)
    got = _json(ds, "/facts/biggest_changes.json?_shape=array&type=")
    assert [(r["text"], r["change"], r["value_number"]) for r in got] == [
        ("tăng 15%", "increase", 15.0), ("giảm 2%", "decrease", 2.0)]
    assert _json(ds, "/facts/biggest_changes.json?_shape=array&type=money") == []


def test_a_fact_links_to_its_row_page(db):
    ds = make_datasette(db)
    conn = sqlite3.connect(db)
    (mid,) = conn.execute("SELECT mention_id FROM mentions WHERE text = 'tăng 15%'").fetchone()
    conn.close()
    view, row = _get(ds, "/facts/facts?_search=tang+15", f"/facts/mentions/{mid}")
    assert f'<a href="/facts/mentions/{mid}">{mid}</a>' in view.text
    assert row.status_code == 200 and "tăng 15%" in row.text and "increase" in row.text


def test_person_posts_once_the_people_tables_exist(db, tmp_path):
    """The tables `vnextract people` adds (issue 12): the canned query is offered and reads them."""
    copy = tmp_path / "facts.sqlite"
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    with conn:
        # known people and posts in place of what the run resolved, in the columns the query reads
        for t in ("post_mentions", "person_mentions", "posts", "people", "people_dirty"):
            conn.execute(f"DROP TABLE {t}")
        conn.execute("CREATE TABLE people (person_id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT)")
        conn.execute("CREATE TABLE posts (post_id TEXT PRIMARY KEY, person_id TEXT REFERENCES people(person_id), "
                     "title TEXT, title_canonical TEXT, office TEXT, organization TEXT, place_code TEXT, "
                     "place_name TEXT, former INTEGER, first_seen TEXT, last_seen TEXT, n_articles INTEGER)")
        conn.execute("CREATE TABLE people_dirty (name_key TEXT PRIMARY KEY)")
        conn.execute("INSERT INTO people VALUES ('nguyen-van-hoa', 'Nguyễn Văn Hoà', 'nguyễn văn hòa'), "
                     "('tran-thi-mai', 'Trần Thị Mai', 'trần thị mai')")
        conn.execute("INSERT INTO posts VALUES ('p1', 'nguyen-van-hoa', 'Phó Chủ tịch UBND tỉnh', "
                     "'phó chủ tịch ủy ban nhân dân tỉnh', 'Phó Chủ tịch', 'UBND tỉnh Hòa Bình', '17', 'Hòa Bình', 0, "
                     "'2023-01-05', '2023-06-30', 4), "
                     "('p2', 'nguyen-van-hoa', 'Chủ tịch UBND tỉnh', 'chủ tịch ủy ban nhân dân tỉnh', 'Chủ tịch', "
                     "'UBND tỉnh Hòa Bình', '17', 'Hòa Bình', 0, '2023-07-02', '2023-12-20', 9)")
    conn.close()
    ds = make_datasette(copy)
    for name in ("nguyễn văn hòa", "Nguyen Van Hoa"):
        got = _json(ds, f"/facts/person_posts.json?_shape=array&name={name}")
        assert [(r["name"], r["title"], r["place_name"], r["first_seen"], r["n_articles"]) for r in got] == [
            ("Nguyễn Văn Hoà", "Phó Chủ tịch UBND tỉnh", "Hòa Bình", "2023-01-05", 4),
            ("Nguyễn Văn Hoà", "Chủ tịch UBND tỉnh", "Hòa Bình", "2023-07-02", 9)]
    (person,) = _get(ds, "/facts/people/nguyen-van-hoa")
    assert person.status_code == 200 and "Nguyễn Văn Hoà" in person.text
    tables = {t["name"]: t for t in _json(ds, "/facts.json")["tables"]}
    assert tables["people_dirty"]["hidden"] and not tables["posts"]["hidden"]


def test_the_served_database_reads_only(db):
    ds = make_datasette(db, timeout=0.3)
    ext, loop, pragma = _get(
        ds, "/facts.json?sql=select+load_extension('x')",
        "/facts.json?sql=with+recursive+n(i)+as+(select+1+union+all+select+i%2B1+from+n)+select+count(*)+from+n",
        "/facts.json?sql=select+*+from+pragma_table_info('runs')")
    assert ext.status_code == 400 and ext.json()["error"] == "not authorized to use function: load_extension"
    assert loop.status_code == 400 and loop.json()["title"] == "SQL Interrupted"
    assert pragma.status_code == 200 and pragma.json()["rows"][0][1] == "run_id"
    # Datasette itself refuses anything but SELECT: the guard is the second wall
    (attach,) = _get(ds, "/facts.json?sql=ATTACH+DATABASE+'x.db'+AS+e")
    assert attach.status_code == 400


def test_serve_without_datasette_says_how_to_get_it(db, monkeypatch, capsys):
    import sys
    from extract.cli import main
    monkeypatch.setitem(sys.modules, "datasette.utils.asgi", None)   # import fails as if not installed
    assert main(["serve", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vnextract: E323 vnextract serve needs Datasette: ") and "pip install 'vnextract[serve]'" in err


def test_serve_refuses_a_missing_database(tmp_path, capsys):
    from extract.cli import main
    assert main(["serve", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "E303 no fact database" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()
