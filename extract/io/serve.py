"""``vnextract serve --db facts.sqlite``: the fact database in a browser, through Datasette.

Datasette (optional extra ``[serve]``) shows every table with the metadata built here
(``metadata()``): descriptions of tables and columns in Vietnamese and English, facets
(type, unit, place, measure), canned queries for the common questions, and full-text
search (``search.py``) on the ``facts`` view, ``mentions`` and ``articles``. The plugin
in ``serve_plugin.py`` folds what is typed in the search box the way the index was folded
and lets the served database read only (``readonly.py``), with Datasette's own time and
row limits (``--timeout``, ``--max-rows``).
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from ..engine import errors as E
from ..engine.errors import StorageError
from . import search

PLUGIN = "vnextract"
SERVE_TIMEOUT = 5.0
SERVE_MAX_ROWS = 1000


def _both(vi: str, en: str) -> str:
    return f"{vi} — {en}"


# table -> (description vi, en), {column: (vi, en)}
_TABLES = {
    "facts": (("Mỗi dòng là một dữ kiện (một con số, ngày, chức danh, văn bản) cùng phát biểu của nó "
               "(đo gì, của ai, thời kỳ, nơi, so với gì, nguồn) và bài báo chứa nó. Gõ vào ô tìm kiếm: có "
               "dấu hay không dấu, bỏ dấu kiểu cũ (hoà) hay mới (hòa) đều được.",
               "One row per fact (a number, a date, an official, a legal reference) with its statement "
               "(what is measured, of whom, when, where, compared to what, by whose account) and its "
               "article. Search with or without diacritics, old (hoà) or new (hòa) tone placement alike."),
              {}),
    "mentions": (("Mỗi dòng là một dữ kiện tìm thấy trong một bài báo, đúng như văn bản ghi.",
                  "One row per fact found in an article, as written."), {}),
    "statements": (("Phát biểu của mỗi con số: đo gì, của ai, thời kỳ, nơi, so với gì, nguồn (nối với mentions "
                    "qua mention_id).",
                    "The statement of each number: measure, subject, period, place, comparison base, source "
                    "(joined to mentions on mention_id)."), {}),
    "articles": (("Mỗi dòng là một bài báo đã xử lý: tiêu đề, ngày đăng, tác giả, nguồn.",
                  "One row per processed article: title, publication date, author, source."), {}),
    "errors": (("Đầu vào không đọc được (tệp hỏng, dòng JSONL sai): mỗi vị trí một dòng.",
                "Input that could not be read (a broken file, a malformed JSONL line): one row per location."),
               {}),
    "runs": (("Mỗi lần chạy vnextract run --db: tuỳ chọn, số bài, số lỗi.",
              "One row per vnextract run --db: options, counts of articles and errors."), {}),
    "people": (("Mỗi dòng là một người (quan chức) được nhận ra qua nhiều bài báo.",
                "One row per person (an official) recognized across articles."), {}),
    "posts": (("Các chức vụ của mỗi người: chức danh, cơ quan, nơi, lần đầu và lần cuối thấy, số bài.",
               "Each person's posts: title, organization, place, first and last seen, number of articles."), {}),
    "person_mentions": (("Mọi chỗ một người được nhắc tới: họ tên đầy đủ (name) hoặc cách gọi ngắn sau đó "
                         "(short: ông Quang, Phó Thủ tướng).",
                         "Every place a person is written: the full name (name) or a later short form "
                         "(short: ông Quang, Phó Thủ tướng)."), {}),
    "post_mentions": (("Các dữ kiện OFFICIAL đứng sau mỗi chức vụ.", "The OFFICIAL facts behind each post."), {}),
}
_HIDDEN = {"people_dirty"}   # bookkeeping of vnextract run

_COLUMNS = {
    "mention_id": ("mã dữ kiện", "the fact's id"),
    "doc_id": ("mã bài báo", "the article's id"),
    "seq": ("thứ tự trong bài", "place in the article"),
    "type": ("loại: PERCENT (phần trăm), RATIO (tỷ số), RANK (thứ hạng), COUNT (số lượng), MONEY (tiền), "
             "DURATION (thời lượng), DATE (ngày), PERIOD (thời kỳ), OFFICIAL (quan chức), LEGAL_REF (văn bản "
             "pháp luật)", "the kind of fact"),
    "text": ("đoạn văn bản của dữ kiện, đúng như bài viết", "the fact's words, as written"),
    "start": ("vị trí bắt đầu trong bài (ký tự)", "start offset in the article (characters)"),
    "end": ("vị trí kết thúc trong bài (ký tự)", "end offset in the article (characters)"),
    "value": ("giá trị đã chuẩn hoá (JSON)", "the normalized value (JSON)"),
    "qualifier": ("hơn, gần, khoảng… (over, under, about…)", "over, under, about…"),
    "change": ("tăng (increase) hay giảm (decrease) khi con số là mức thay đổi",
               "increase or decrease when the number is a change, not a level"),
    "sentence": ("câu chứa dữ kiện", "the sentence the fact is in"),
    "unit": ("đơn vị: danh từ được đếm, hoặc mã tiền tệ ISO 4217", "unit: the counted noun, or the ISO 4217 currency"),
    "rule": ("quy tắc đã tìm ra dữ kiện", "the rule that found the fact"),
    "value_number": ("giá trị dạng số (phần trăm, số lượng, tiền, thứ hạng)",
                     "the value as a number (percent, count, money, rank)"),
    "date_iso": ("ngày dạng ISO của một DATE", "a DATE's ISO value"),
    "value_start": ("đầu thời kỳ của một PERIOD", "a PERIOD's start"),
    "value_end": ("cuối thời kỳ của một PERIOD", "a PERIOD's end"),
    "extra": ("các khoá khác của bản ghi (JSON)", "the record's other keys (JSON)"),
    "measure": ("đại lượng được đo (tỷ lệ, doanh thu…)", "what is measured (a rate, revenue…)"),
    "subject": ("của ai, ở đâu (chủ thể)", "of whom or what (the subject)"),
    "period": ("thời kỳ, như bài viết", "the period, as written"),
    "period_start": ("đầu thời kỳ (ISO, như viết)", "start of the period (ISO, as written)"),
    "period_end": ("cuối thời kỳ (ISO, như viết)", "end of the period (ISO, as written)"),
    "period_first_day": ("ngày đầu tiên của thời kỳ", "first day of the period"),
    "period_last_day": ("ngày cuối cùng của thời kỳ", "last day of the period"),
    "place": ("nơi, như bài viết", "the place, as written"),
    "place_code": ("mã tỉnh/thành của Tổng cục Thống kê", "the province's GSO code"),
    "place_name": ("tên tỉnh/thành", "the province's name"),
    "compared_to": ("so với (mốc so sánh)", "compared to (the base)"),
    "compared_to_start": ("đầu mốc so sánh", "start of the base"),
    "compared_to_end": ("cuối mốc so sánh", "end of the base"),
    "compared_to_first_day": ("ngày đầu của mốc so sánh", "first day of the base"),
    "compared_to_last_day": ("ngày cuối của mốc so sánh", "last day of the base"),
    "source": ("nguồn (theo ai)", "the source (by whose account)"),
    "about": ("toàn bộ phát biểu với vị trí từng phần (JSON)", "the whole statement with each part's offsets (JSON)"),
    "title": ("tiêu đề bài báo (ở posts: chức danh)", "the article's title (in posts: the title of the post)"),
    "published": ("ngày đăng", "publication date"),
    "url": ("địa chỉ bài báo", "the article's address"),
    "author": ("tác giả", "author"),
    "status": ("ok, hoặc error khi không xử lý được", "ok, or error when it could not be processed"),
    "error_code": ("mã lỗi", "error code"),
    "error": ("thông báo lỗi", "error message"),
    "sha256": ("mã băm của văn bản (để biết bài đã đổi)", "hash of the text (tells a changed article)"),
    "processed": ("lúc xử lý (UTC)", "when it was processed (UTC)"),
    "n_mentions": ("số dữ kiện", "number of facts"),
    "person_id": ("mã người", "the person's id"),
    "name": ("họ tên, như bài viết", "the name, as written"),
    "title_canonical": ("chức danh dạng chuẩn", "the title in a canonical form"),
    "organization": ("cơ quan", "organization"),
    "first_seen": ("ngày đăng đầu tiên thấy chức vụ này", "first publication date the post was seen"),
    "last_seen": ("ngày đăng cuối cùng thấy chức vụ này", "last publication date the post was seen"),
    "n_articles": ("số bài báo", "number of articles"),
    "post_id": ("mã chức vụ", "the post's id"),
    "office": ("chức vụ, không kèm cơ quan", "the office, without its body"),
    "former": ("1: nguyên (chức vụ cũ)", "1: a former post"),
    "name_key": ("họ tên dạng so sánh (chữ thường, một kiểu bỏ dấu)", "the name folded for comparison"),
    "name_ascii": ("họ tên không dấu", "the name without diacritics"),
    "place_codes": ("mã các tỉnh/thành của các chức vụ", "GSO codes of the posts' provinces"),
    "n_short": ("số lần được gọi ngắn (ông Quang…)", "number of short mentions (ông Quang…)"),
    "n_mentions_short": ("số lần được gọi ngắn", "number of short mentions"),
    "kind": ("name: họ tên đầy đủ; short: cách gọi ngắn", "name: the full name; short: a short form"),
}
for part in ("measure", "subject", "period", "place", "compared_to", "source"):
    _COLUMNS[f"{part}_carried"] = (f"1: {part} lấy từ câu hoặc đoạn trước, 0: viết ngay trong câu",
                                   f"1: the {part} is carried from an earlier sentence, 0: written in the sentence")

_FACETS = {
    "facts": ["type", "unit", "place_name", "measure"],
    "mentions": ["type", "unit"],
    "statements": ["place_name", "measure"],
    "posts": ["title_canonical", "place_code"],
}

_FACT_COLS = ("mention_id, type, text, value, unit, change, measure, subject, period, place_name, compared_to, "
              "source, sentence, title, published, doc_id")

CANNED_QUERIES = {
    "search": {
        "title": _both("Tìm dữ kiện theo từ", "Search facts by words"),
        "description": _both(
            "Tìm trong câu, tiêu đề và các phần của phát biểu; có dấu hay không dấu đều được (ty le = tỷ lệ).",
            "Searches sentences, titles and statement parts; with or without diacritics (ty le = tỷ lệ)."),
        "sql": f"SELECT {', '.join('f.' + c for c in _FACT_COLS.split(', '))}\n"
               "FROM facts_fts JOIN facts f ON f.mention_id = facts_fts.rowid\n"
               "WHERE facts_fts MATCH fts_query(:words)\nORDER BY facts_fts.rank, f.mention_id LIMIT 200",
    },
    "statements_by_measure_and_period": {
        "title": _both("Phát biểu theo đại lượng và thời kỳ", "Statements by measure and period"),
        "description": _both(
            "Đại lượng chứa các từ đã gõ (không phân biệt hoa thường, kiểu bỏ dấu); thời kỳ giao với "
            "2023, 2023-Q3, 2023-10, 2023-10-16 hoặc 2022..2023 (để trống: mọi thời kỳ).",
            "Measure contains the words typed (any case, any tone placement); period overlaps 2023, "
            "2023-Q3, 2023-10, 2023-10-16 or 2022..2023 (empty: any period)."),
        "sql": f"SELECT {_FACT_COLS.replace('period,', 'period, period_first_day, period_last_day,')} FROM facts\n"
               "WHERE measure IS NOT NULL AND instr(fold(measure), fold(:measure)) > 0\n"
               "  AND (:period = '' OR (period_first_day <= period_last_day_of(:period)\n"
               "                        AND period_last_day >= period_first_day_of(:period)))\n"
               "ORDER BY fold(measure), period_first_day, mention_id LIMIT 500",
    },
    "biggest_changes": {
        "title": _both("Thay đổi lớn nhất", "The biggest changes"),
        "description": _both(
            "Các con số tăng hoặc giảm, lớn nhất trước, theo từng loại (PERCENT: điểm phần trăm; để trống loại: "
            "PERCENT).",
            "Numbers that are an increase or a decrease, largest first, within one type (PERCENT: percent; "
            "empty type: PERCENT)."),
        "sql": f"SELECT {_FACT_COLS.replace('unit,', 'value_number, unit,')} FROM facts\n"
               "WHERE change IN ('increase', 'decrease') AND value_number IS NOT NULL\n"
               "  AND type = coalesce(nullif(upper(trim(:type)), ''), 'PERCENT')\n"
               "ORDER BY value_number DESC, mention_id LIMIT 100",
    },
    "facts_of_article": {
        "title": _both("Các dữ kiện của một bài báo", "The facts of one article"),
        "description": _both("Mã bài (doc_id), theo thứ tự trong bài.", "An article's doc_id, in article order."),
        "sql": f"SELECT {_FACT_COLS} FROM facts WHERE doc_id = :doc_id ORDER BY seq",
    },
}

# needs the people/posts tables (vnextract people); offered only when they are there
PERSON_POSTS = {
    "title": _both("Các chức vụ của một người", "A person's posts"),
    "description": _both(
        "Họ tên chứa các từ đã gõ (có dấu hay không dấu, không phân biệt hoa thường, kiểu bỏ dấu); mỗi chức vụ với lần đầu, lần cuối "
        "thấy và số bài.",
        "Name contains the words typed (with or without diacritics, any case, any tone placement); each post with when it was first and "
        "last seen and in how many articles."),
    "sql": "SELECT p.person_id, p.name, s.title, s.title_canonical, s.organization, s.place_code, s.place_name,\n"
           "       s.first_seen, s.last_seen, s.n_articles\n"
           "FROM people p JOIN posts s ON s.person_id = p.person_id\n"
           "WHERE instr(search_form(p.name), fold(:name)) > 0   -- with or without diacritics\n"
           "ORDER BY fold(p.name), p.person_id, s.first_seen LIMIT 500",
}
PERSON_POSTS_NEEDS = {"people": {"person_id", "name"},
                      "posts": {"person_id", "title", "title_canonical", "organization", "place_code",
                                "place_name", "first_seen", "last_seen", "n_articles"}}


def _columns_of(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    return {n: {r[1] for r in conn.execute(f"PRAGMA table_info({n})")} for n in names}


def has_people(columns: dict[str, set[str]]) -> bool:
    """Whether the database has the people and posts tables the person query reads."""
    return all(need <= columns.get(table, set()) for table, need in PERSON_POSTS_NEEDS.items())


def metadata(conn: sqlite3.Connection, database: str) -> dict:
    """Datasette metadata for the fact database ``database`` (its name in Datasette) open on ``conn``."""
    columns = _columns_of(conn)
    tables = {}
    for name, ((vi, en), _) in _TABLES.items():
        if name not in columns:
            continue
        t = {"description": _both(vi, en),
             "columns": {c: _both(*_COLUMNS[c]) for c in sorted(columns[name]) if c in _COLUMNS}}
        if name in _FACETS:
            t["facets"] = [f for f in _FACETS[name] if f in columns[name]]
        tables[name] = t
    # the search box: facts and mentions search facts_fts by mention_id, articles their titles
    for name in ("facts", "mentions"):
        tables[name].update(fts_table=search.FACTS_FTS, fts_pk="mention_id")
    tables["articles"].update(fts_table=search.ARTICLES_FTS, label_column="title")
    tables["mentions"]["label_column"] = "text"
    for name in (search.FACTS_FTS, search.ARTICLES_FTS, *(_HIDDEN & set(columns))):
        tables[name] = {"hidden": True}
    if "people" in columns and "name" in columns["people"]:
        tables["people"]["label_column"] = "name"
    queries = dict(CANNED_QUERIES)
    if has_people(columns):
        queries["person_posts"] = PERSON_POSTS
    about = _both(
        "Dữ kiện kiểm chứng được (con số, ngày, quan chức, văn bản) trích từ báo tiếng Việt bằng vnextract. "
        "Bắt đầu ở bảng facts: ô tìm kiếm, lọc theo loại, đơn vị, nơi, đại lượng; hoặc các truy vấn có sẵn.",
        "Checkable facts (numbers, dates, officials, legal references) extracted from Vietnamese news by "
        "vnextract. Start at the facts table: the search box, facets on type, unit, place, measure; or the "
        "ready-made queries.")
    return {
        "title": _both("Dữ kiện từ báo chí", "Facts from the news"),
        "description": about,
        "databases": {database: {"description": about, "tables": tables, "queries": queries}},
        "plugins": {PLUGIN: {"databases": [database]}},
    }


def add_serve_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="browse and search the fact database in a browser (Datasette)",
        description="Serve the fact database with Datasette (pip install 'vnextract[serve]'), read-only: "
                    "tables and columns described, facets, ready-made queries, full-text search blind to tone "
                    "placement and, typed without them, to diacritics.")
    p.add_argument("--db", default="facts.sqlite", help="the fact database (default facts.sqlite)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    p.add_argument("--timeout", type=float, default=SERVE_TIMEOUT, metavar="SECONDS",
                   help=f"stop a query after this many seconds (default {SERVE_TIMEOUT:g})")
    p.add_argument("--max-rows", type=int, default=SERVE_MAX_ROWS, metavar="N",
                   help=f"at most N rows from one query (default {SERVE_MAX_ROWS})")
    p.set_defaults(func=cmd_serve)


def make_datasette(db, timeout: float = SERVE_TIMEOUT, max_rows: int = SERVE_MAX_ROWS):
    """A Datasette instance serving the fact database ``db``, with the vnextract plugin."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from . import serve_plugin
    from .storage import _check_version, connect_readonly

    conn = connect_readonly(db)
    try:
        _check_version(conn, db, reading=True)
        name = Path(db).stem
        meta = metadata(conn, name)
    finally:
        conn.close()
    if not pm.is_registered(serve_plugin):
        pm.register(serve_plugin, name=PLUGIN)
    return Datasette([str(db)], metadata=meta, settings={
        "sql_time_limit_ms": int(timeout * 1000), "max_returned_rows": max_rows,
        "facet_time_limit_ms": 1000, "allow_download": False, "suggest_facets": False})


def cmd_serve(args) -> int:
    try:
        import uvicorn
        from datasette.utils.asgi import asgi_send  # noqa: F401  (Datasette is there)
    except ImportError as e:
        print(f"vnextract: E323 {E.E323.format(detail=e)} (pip install 'vnextract[serve]')", file=sys.stderr)
        return 2
    try:
        ds = make_datasette(args.db, args.timeout, args.max_rows)
    except StorageError as e:
        print(f"vnextract: {e}", file=sys.stderr)
        return 2
    import asyncio

    from datasette import handle_exception
    # Datasette prints each error page's traceback, with its locals, when rich is installed
    # (spaCy brings it): a query a user got wrong is shown in the browser, not a crash here.
    handle_exception.rich = None
    asyncio.run(ds.invoke_startup())
    print(f"vnextract: serving {args.db} read-only at http://{args.host}:{args.port}/ (Ctrl-C stops)",
          file=sys.stderr, flush=True)
    uvicorn.run(ds.app(), host=args.host, port=args.port, log_level="warning", lifespan="on")
    return 0
