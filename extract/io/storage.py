"""The fact database: extracted records in SQLite, resumable, queryable with plain SQL.

``vnextract run INPUT... --db facts.sqlite`` stores every article and its mentions;
``vnextract query``, ``vnextract facts`` and ``vnextract export`` read them back.

Tables (schema version ``SCHEMA_VERSION``, kept in ``PRAGMA user_version``):

- ``articles``: one row per doc_id: ``status`` ``ok`` or ``error`` (``error_code``,
  ``error``), the ``sha256`` of its text, title, published, author, url, ``source``
  (file, with ``:line`` for rows), ``n_mentions``, ``processed`` (UTC time), ``run_id``.
- ``mentions``: one row per record: every contract key (``value`` as JSON), ``unit``,
  ``rule``, plus columns that make common questions plain SQL: ``value_number`` (the
  number of a PERCENT, COUNT or MONEY, the rank of a RANK), ``date_iso`` (a DATE's value),
  ``period_start``/``period_end`` (a PERIOD's ends), ``range_min``/``range_max`` (the ends
  of a numeric range, version 3); other keys a record carries are in ``extra`` (JSON, the
  ``range`` too). ``seq`` is the mention's place in its article.
- ``statements``: one row per mention that carries ``about`` (CONTRACT.md "Statements"),
  joined 1:1 on ``mention_id``: the text of each part (``measure``, ``subject``, ``period``,
  ``place``, ``compared_to``, ``source``), the ends of the period and of the comparison base
  as written (``period_start``/``period_end``: a DATE value is both ends) and as whole days
  (``period_first_day``/``period_last_day``, ``YYYY-MM-DD``, so that "holds during 2023" is
  ``period_first_day <= '2023-12-31' AND period_last_day >= '2023-01-01'`` whatever the
  precision), ``place_code``/``place_name``, ``<part>_carried`` (1 carried, 0 not, NULL no
  such part), and ``about`` (JSON: the whole object, every part's offsets).
- ``errors``: input that never became an article (undecodable file, malformed JSONL
  line, duplicate doc_id): one row per input location (``source``, split into ``input``
  and ``line``), the latest error there.
- ``runs``: one row per ``vnextract run --db``; ``finished`` stays NULL for a run that was
  killed (or is still going).
- view ``facts``: mentions with their statement and their article's title, published and
  url; a PERIOD mention's own ends are ``value_start``/``value_end`` there, as
  ``period_start``/``period_end`` are the statement's.
- ``facts_fts`` and ``articles_fts`` (version 3): full-text search (FTS5) over each
  mention's text, sentence, title and statement parts, and over titles, blind to tone
  placement and, for a word typed without them, to diacritics (``search.py``):
  ``SELECT * FROM facts WHERE mention_id IN (SELECT rowid FROM facts_fts WHERE facts_fts MATCH fts_query('ty le'))``.

SQLite function ``fold(text)`` (on every connection this module opens): lower case, NFC,
one tone placement (``engine.text.fold``), for matching ``hoà``/``hòa`` alike; and
``fts_query(text)``, ``search_form(text)`` of the full-text search.

Read-only connections (``connect_readonly``: ``query``, ``facts``, ``export``) can only read:
``readonly.py`` says how.

Resume: before an article is sent to extraction, its doc_id, text hash and given
publication date are looked up; an article already stored with status ``ok`` and the
same hash and date is skipped without being extracted again. Each article is written in
one transaction (old mentions deleted, article row upserted, mentions inserted), so a run
killed at any moment and started again ends with every article stored exactly once.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3
import sys
import time
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from ..engine import errors as E
from ..engine.errors import InputError, StorageError
from ..engine.text import fold
from ..pipeline.records import STATEMENT_PARTS, statement_columns, value_ends
from . import people, search
from .readers import Article
from .readonly import TimeLimit, guard

SCHEMA_VERSION = 5
DEFAULT_DB = "facts.sqlite"

_SCHEMA = """
CREATE TABLE runs (
    run_id      INTEGER PRIMARY KEY,
    started     TEXT NOT NULL,
    finished    TEXT,
    status      TEXT NOT NULL,
    command     TEXT,
    version     TEXT,
    workers     INTEGER,
    n_articles  INTEGER NOT NULL DEFAULT 0,
    n_errors    INTEGER NOT NULL DEFAULT 0,
    n_skipped   INTEGER NOT NULL DEFAULT 0,
    n_mentions  INTEGER NOT NULL DEFAULT 0,
    seconds     REAL
);
CREATE TABLE articles (
    doc_id          TEXT PRIMARY KEY,
    status          TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    sha256          TEXT NOT NULL,
    input_published TEXT,
    title           TEXT,
    published       TEXT,
    author          TEXT,
    url             TEXT,
    source          TEXT NOT NULL,
    chars           INTEGER NOT NULL,
    n_mentions      INTEGER NOT NULL,
    error_code      TEXT,
    error           TEXT,
    meta            TEXT,
    processed       TEXT NOT NULL,
    seconds         REAL,
    run_id          INTEGER REFERENCES runs(run_id)
);
CREATE TABLE mentions (
    mention_id   INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    value        TEXT NOT NULL,
    qualifier    TEXT,
    change       TEXT,
    sentence     TEXT,
    unit         TEXT,
    rule         TEXT,
    value_number REAL,
    date_iso     TEXT,
    period_start TEXT,
    period_end   TEXT,
    extra        TEXT,
    range_min    REAL,
    range_max    REAL
);
CREATE UNIQUE INDEX mentions_doc ON mentions(doc_id, seq);
CREATE INDEX mentions_type ON mentions(type, value_number);
CREATE TABLE errors (
    error_id INTEGER PRIMARY KEY,
    source   TEXT NOT NULL UNIQUE,
    input    TEXT NOT NULL,
    line     INTEGER,
    code     TEXT NOT NULL,
    message  TEXT NOT NULL,
    hint     TEXT,
    time     TEXT NOT NULL,
    run_id   INTEGER REFERENCES runs(run_id)
);
"""

# Version 2: statements.
_STATEMENTS = """
CREATE TABLE statements (
    mention_id            INTEGER PRIMARY KEY REFERENCES mentions(mention_id) ON DELETE CASCADE,
    measure               TEXT,
    subject               TEXT,
    period                TEXT,
    period_start          TEXT,
    period_end            TEXT,
    period_first_day      TEXT,
    period_last_day       TEXT,
    place                 TEXT,
    place_code            TEXT,
    place_name            TEXT,
    compared_to           TEXT,
    compared_to_start     TEXT,
    compared_to_end       TEXT,
    compared_to_first_day TEXT,
    compared_to_last_day  TEXT,
    source                TEXT,
    measure_carried       INTEGER,
    subject_carried       INTEGER,
    period_carried        INTEGER,
    place_carried         INTEGER,
    compared_to_carried   INTEGER,
    source_carried        INTEGER,
    about                 TEXT NOT NULL
);
CREATE INDEX statements_period ON statements(period_first_day, period_last_day);
CREATE INDEX statements_place ON statements(place_code);
"""


# The view over everything; (re)made by the latest migration. Version 3: range_min, range_max.
_FACTS_VIEW = """
CREATE VIEW facts AS
    SELECT m.mention_id, m.doc_id, m.seq, m.type, m.text, m.start, m.end, m.value, m.qualifier, m.change,
           m.sentence, m.unit, m.rule, m.value_number, m.date_iso,
           m.period_start AS value_start, m.period_end AS value_end, m.extra, m.range_min, m.range_max,
           s.measure, s.subject, s.period, s.period_start, s.period_end, s.period_first_day, s.period_last_day,
           s.place, s.place_code, s.place_name, s.compared_to, s.compared_to_start, s.compared_to_end,
           s.compared_to_first_day, s.compared_to_last_day, s.source,
           s.measure_carried, s.subject_carried, s.period_carried, s.place_carried, s.compared_to_carried,
           s.source_carried, s.about,
           a.title, a.published, a.url
    FROM mentions m JOIN articles a USING (doc_id) LEFT JOIN statements s USING (mention_id);
"""


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would commit first: run the statements one by one instead, so
    # creating or migrating the schema is one transaction.
    for stmt in script.split(";"):
        if stmt.strip():
            conn.execute(stmt)


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Add ``statements``; an ``about`` that a version 1 store kept in ``extra`` moves to
    ``statements``. The ``facts`` view is made again at once (later migrations read it), with
    the range columns it shows (``_add_range_columns`` is idempotent)."""
    _execute_script(conn, "DROP VIEW facts;" + _STATEMENTS)
    moved = []
    for mention_id, extra in conn.execute(
            "SELECT mention_id, extra FROM mentions WHERE json_type(extra, '$.about') = 'object'").fetchall():
        extra = json.loads(extra)
        moved.append((statement_row(mention_id, extra.pop("about")),
                       json.dumps(extra, ensure_ascii=False) if extra else None, mention_id))
    conn.executemany(f"INSERT INTO statements ({', '.join(_STATEMENT_COLS)}) "
                     f"VALUES ({', '.join('?' * len(_STATEMENT_COLS))})", [m[0] for m in moved])
    conn.executemany("UPDATE mentions SET extra = ? WHERE mention_id = ?", [m[1:] for m in moved])
    _add_range_columns(conn)


def _add_range_columns(conn: sqlite3.Connection) -> None:
    """Add ``range_min``/``range_max`` to ``mentions`` (the numeric ends of a range, kept in
    ``extra`` too), filled from the ``range`` a stored record carries, and the new view."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(mentions)")}
    for col in ("range_min", "range_max"):
        if col not in have:
            conn.execute(f"ALTER TABLE mentions ADD COLUMN {col} REAL")
    conn.execute("UPDATE mentions SET range_min = json_extract(extra, '$.range.min'), "
                 "range_max = json_extract(extra, '$.range.max') "
                 "WHERE json_type(extra, '$.range.min') IN ('integer', 'real') "
                 "AND json_type(extra, '$.range.max') IN ('integer', 'real')")
    _execute_script(conn, "DROP VIEW IF EXISTS facts;" + _FACTS_VIEW)


# Migrations from version N to N + 1, run in order when an older database is opened for writing.
# Version 3: people and their posts (extract/io/people.py).
# Version 4: full-text search (search.py), indexing what is stored.
# Version 5: the ends of a range as columns of mentions (range_min, range_max).
_MIGRATIONS = {1: _migrate_1_to_2, 2: people.migrate_add_people, 3: search.create, 4: _add_range_columns}

_MENTION_COLS = ("doc_id", "seq", "type", "text", "start", "end", "value", "qualifier", "change",
                 "sentence", "unit", "rule", "value_number", "date_iso", "period_start", "period_end", "extra",
                 "range_min", "range_max")
_ARTICLE_COLS = ("doc_id", "status", "sha256", "input_published", "title", "published", "author", "url",
                 "source", "chars", "n_mentions", "error_code", "error", "meta", "processed", "seconds", "run_id")
_STATEMENT_COLS = ("mention_id", "measure", "subject", "period", "period_start", "period_end", "period_first_day",
                   "period_last_day", "place", "place_code", "place_name", "compared_to", "compared_to_start",
                   "compared_to_end", "compared_to_first_day", "compared_to_last_day", "source",
                   *(f"{p}_carried" for p in STATEMENT_PARTS), "about")
# keys with a column of their own (``about`` has the statements table), the rest go to ``extra``
_KNOWN_KEYS = {"doc_id", "type", "text", "start", "end", "value", "qualifier", "change", "sentence", "unit", "rule",
               "about"}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def text_sha256(text: str) -> str:
    """The hash that tells an article already stored from a changed one."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def split_source(source: str) -> tuple[str, int | None]:
    """``("in.jsonl", 7)`` for ``"in.jsonl:7"``; a plain path has no line."""
    m = re.fullmatch(r"(.+):(\d+)", source)
    return (m.group(1), int(m.group(2))) if m else (source, None)


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def mention_row(seq: int, rec: dict) -> tuple:
    """The ``mentions`` row of one record, with the query columns filled in."""
    v = rec.get("value")
    number = date_iso = p_start = p_end = None
    if _is_number(v):
        number = float(v)
    elif rec["type"] == "RANK" and isinstance(v, dict) and _is_number(v.get("rank")):
        number = float(v["rank"])
    if rec["type"] == "DATE" and isinstance(v, str):
        date_iso = v
    elif rec["type"] == "PERIOD" and isinstance(v, dict):
        p_start, p_end = v.get("start"), v.get("end")
    extra = {k: rec[k] for k in rec if k not in _KNOWN_KEYS}
    return (rec["doc_id"], seq, rec["type"], rec["text"], rec["start"], rec["end"],
            json.dumps(v, ensure_ascii=False), rec.get("qualifier"), rec.get("change"), rec.get("sentence"),
            rec.get("unit"), rec.get("rule"), number, date_iso, p_start, p_end,
            json.dumps(extra, ensure_ascii=False) if extra else None, *range_numbers(rec))


def range_numbers(rec: dict) -> tuple[float | None, float | None]:
    """``(min, max)`` of a record's numeric ``range`` (CONTRACT.md); a DURATION range (ISO
    strings) and a record without one give ``(None, None)``: its ``range`` stays in ``extra``."""
    rg = rec.get("range")
    if isinstance(rg, dict) and _is_number(rg.get("min")) and _is_number(rg.get("max")):
        return float(rg["min"]), float(rg["max"])
    return None, None


def _days(value) -> tuple[str | None, str | None]:
    """The first day of a time value's start and the last day of its end, ``YYYY-MM-DD``."""
    from ..dimensions.time import iso_days

    start, end = value_ends(value)
    first, last = iso_days(start), iso_days(end)
    return first[0].isoformat() if first else None, last[1].isoformat() if last else None


def statement_row(mention_id: int, about: dict) -> tuple:
    """The ``statements`` row of a record's ``about``."""
    cols = statement_columns(about)
    parts = {p: about.get(p) or {} for p in STATEMENT_PARTS}
    carried = [None if not parts[p] else int(bool(parts[p].get("carried"))) for p in STATEMENT_PARTS]
    return (mention_id, cols["measure"], cols["subject"], parts["period"].get("text"),
            cols["period_start"], cols["period_end"], *_days(parts["period"].get("value")),
            parts["place"].get("text"), cols["place_code"], cols["place_name"],
            cols["compared_to"], cols["compared_to_start"], cols["compared_to_end"],
            *_days(parts["compared_to"].get("value")), cols["source"],
            *carried, json.dumps(about, ensure_ascii=False))


def row_record(row: dict) -> dict:
    """The contract record a ``mentions`` row was made from (inverse of ``mention_row``)."""
    from ..pipeline.records import CONTRACT_KEYS, UNIT_TYPES

    rec = {k: row[k] for k in CONTRACT_KEYS}
    rec["value"] = json.loads(row["value"])
    if row["type"] in UNIT_TYPES or row.get("unit") is not None:
        rec["unit"] = row.get("unit")
    rec["rule"] = row.get("rule")
    if row.get("extra"):
        rec.update(json.loads(row["extra"]))
    if row.get("about") is not None:
        rec["about"] = json.loads(row["about"])
    return rec


def _sql_fold(s):
    return None if s is None else fold(unicodedata.normalize("NFC", str(s)))


def _add_functions(conn: sqlite3.Connection) -> None:
    """SQL functions of the fact database: ``fold(text)``, ``fts_query(text)``, ``search_form(text)``."""
    conn.create_function("fold", 1, _sql_fold, deterministic=True)
    search.add_functions(conn)


def _version_of(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _check_version(conn: sqlite3.Connection, path, reading: bool = False) -> int:
    """The schema version of a vnextract database; an error for any other file, or for an
    empty one when ``reading``."""
    found = _version_of(conn)
    if found > SCHEMA_VERSION:
        raise StorageError("E302", E.E302.format(path=path, found=found, supported=SCHEMA_VERSION),
                           "upgrade vnextract")
    if found == 0 and (reading or conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]):
        raise StorageError("E301", E.E301.format(path=path), "give the --db path of `vnextract run`")
    if reading and found < SCHEMA_VERSION:
        raise StorageError("E308", E.E308.format(path=path, found=found, supported=SCHEMA_VERSION),
                           "upgrade it in place with: vnextract run INPUT... --db PATH (stored articles are kept)")
    return found


class ReadOnlyConnection(sqlite3.Connection):
    """A connection that reads only; ``guard.refused`` names what it refused last."""
    guard = None


def connect_readonly(path) -> ReadOnlyConnection:
    """A read-only connection (``mode=ro``, ``query_only`` and an authorizer that refuses
    anything but reading, ``readonly.py``): queries cannot change the database or make files."""
    p = Path(path)
    if not p.is_file():
        raise StorageError("E303", E.E303.format(path=path), "create it with: vnextract run INPUT... --db PATH")
    try:
        conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True, factory=ReadOnlyConnection)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _add_functions(conn)
        conn.guard = guard(conn)
    except sqlite3.Error as e:
        raise StorageError("E304", E.E304.format(path=path, detail=e)) from None
    return conn


class FactStore:
    """The fact database open for writing by one run.

    ``pending(items)`` filters the article stream (skips what is stored, flags
    duplicate doc_ids); ``save(result)`` stores one article or error in one transaction.
    Counters (``stored``, ``failed``, ``errors``, ``skipped``, ``duplicates``, ``mentions``)
    say what this run did.
    """

    def __init__(self, path=DEFAULT_DB):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self.conn.execute("PRAGMA busy_timeout = 60000")
            self.conn.execute("PRAGMA journal_mode = WAL")
            # WAL with synchronous=NORMAL: a commit survives a killed process (only a power
            # loss can take back the last commits), and a commit costs no fsync.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            _add_functions(self.conn)
            self._migrate()
            self.conn.execute("CREATE TEMP TABLE seen (doc_id TEXT PRIMARY KEY, sha256 TEXT, source TEXT)")
        except sqlite3.Error as e:
            raise StorageError("E304", E.E304.format(path=self.path, detail=e)) from None
        self._error_sources = {r[0] for r in self.conn.execute("SELECT source FROM errors")}
        self.run_id: int | None = None
        self.stored = self.failed = self.errors = self.skipped = self.duplicates = self.mentions = 0
        self._t0 = time.perf_counter()

    # -- schema ------------------------------------------------------------------------

    def _migrate(self) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            found = _check_version(c, self.path)
            if found == 0:
                _execute_script(c, _SCHEMA + _STATEMENTS + _FACTS_VIEW)
                people.create_tables(c)
                search.create(c)
            else:
                for version in range(found, SCHEMA_VERSION):
                    _MIGRATIONS[version](c)
            c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    # -- runs --------------------------------------------------------------------------

    def begin_run(self, command: dict | list | None = None, workers: int | None = None) -> int:
        """Record a run (its options as JSON in ``command``); its id goes on what it stores."""
        from .. import __version__
        cur = self.conn.execute(
            "INSERT INTO runs (started, status, command, version, workers) VALUES (?, 'running', ?, ?, ?)",
            (now_iso(), json.dumps(command, ensure_ascii=False) if command is not None else None,
             __version__, workers))
        self.run_id = cur.lastrowid
        return self.run_id

    def end_run(self, status: str = "done") -> None:
        if self.run_id is None:
            return
        people.refresh(self.conn)   # the names this run touched (and any a killed run left)
        self.conn.execute(
            "UPDATE runs SET finished = ?, status = ?, n_articles = ?, n_errors = ?, n_skipped = ?, "
            "n_mentions = ?, seconds = ? WHERE run_id = ?",
            (now_iso(), status, self.stored, self.failed + self.errors, self.skipped + self.duplicates,
             self.mentions, round(time.perf_counter() - self._t0, 3), self.run_id))

    def close(self) -> None:
        self.conn.close()

    # -- before extraction -------------------------------------------------------------

    def pending(self, items: Iterable[Article | InputError], refresh: bool = False
                ) -> Iterator[Article | InputError]:
        """``items`` less the articles already stored (same doc_id, text and published),
        so resuming costs a lookup per article, not an extraction.

        A doc_id given twice in one run is extracted once: the repeat is dropped when
        its text is the same, and is an E213 error when it differs (the first one wins,
        here and on every re-run). ``refresh`` re-extracts stored articles too.
        """
        c = self.conn
        for item in items:
            if isinstance(item, InputError):
                yield item
                continue
            sha = text_sha256(item.text)
            if c.execute("INSERT OR IGNORE INTO temp.seen VALUES (?, ?, ?)",
                         (item.doc_id, sha, item.source)).rowcount == 0:
                first_sha, first = c.execute("SELECT sha256, source FROM temp.seen WHERE doc_id = ?",
                                             (item.doc_id,)).fetchone()
                if first_sha == sha:
                    self.duplicates += 1
                    self._clear_error(item.source)
                else:
                    yield InputError("E213", item.source, E.E213.format(doc_id=item.doc_id, first=first),
                                     "give each article a unique id")
                continue
            if not refresh:
                row = c.execute("SELECT 1 FROM articles WHERE doc_id = ? AND status = 'ok' AND sha256 = ? "
                                "AND input_published IS ?", (item.doc_id, sha, item.published)).fetchone()
                if row:
                    self.skipped += 1
                    self._clear_error(item.source)
                    continue
            yield item

    def _clear_error(self, source: str) -> None:
        if source in self._error_sources:   # an input location that failed before and is good now
            self.conn.execute("DELETE FROM errors WHERE source = ?", (source,))
            self._error_sources.discard(source)

    # -- after extraction --------------------------------------------------------------

    def save(self, res) -> None:
        """Store one ``batch.Result``: an article (ok or failed) or an input error."""
        if res.article is None:
            self.save_error(res.error)
            return
        a: Article = res.article
        meta = res.meta or {}
        err = res.error
        article_row = (
            a.doc_id, "error" if err else "ok", text_sha256(a.text), a.published,
            meta.get("title") or a.title, meta.get("published") or a.published, meta.get("author"),
            meta.get("url") or a.url, a.source, len(a.text), 0 if err else len(res.records),
            err.code if err else None, err.message if err else None,
            json.dumps(meta, ensure_ascii=False, default=str) if meta else None,
            now_iso(), round(res.seconds, 4), self.run_id)
        rows = [] if err else [mention_row(i, r) for i, r in enumerate(res.records)]
        abouts = [] if err else [(i, r["about"]) for i, r in enumerate(res.records) if isinstance(r.get("about"), dict)]
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            people.mark_dirty(c, a.doc_id, None if err else res.records)
            c.execute("DELETE FROM mentions WHERE doc_id = ?", (a.doc_id,))
            c.execute(f"INSERT INTO articles ({', '.join(_ARTICLE_COLS)}) "
                      f"VALUES ({', '.join('?' * len(_ARTICLE_COLS))}) ON CONFLICT (doc_id) DO UPDATE SET "
                      + ", ".join(f"{k} = excluded.{k}" for k in _ARTICLE_COLS[1:]), article_row)
            c.executemany(f"INSERT INTO mentions ({', '.join(_MENTION_COLS)}) "
                          f"VALUES ({', '.join('?' * len(_MENTION_COLS))})", rows)
            if abouts:
                ids = dict(c.execute("SELECT seq, mention_id FROM mentions WHERE doc_id = ?", (a.doc_id,)))
                c.executemany(f"INSERT INTO statements ({', '.join(_STATEMENT_COLS)}) "
                              f"VALUES ({', '.join('?' * len(_STATEMENT_COLS))})",
                              [statement_row(ids[i], about) for i, about in abouts])
            search.index_article(c, a.doc_id)
            self._clear_error(a.source)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        if err:
            self.failed += 1
        else:
            self.stored += 1
            self.mentions += len(rows)

    def save_error(self, err: InputError) -> None:
        """An input that never became an article: one row per input location."""
        inp, line = split_source(err.source)
        self.conn.execute(
            "INSERT INTO errors (source, input, line, code, message, hint, time, run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET input = excluded.input, "
            "line = excluded.line, code = excluded.code, message = excluded.message, hint = excluded.hint, "
            "time = excluded.time, run_id = excluded.run_id",
            (err.source, inp, line, err.code, err.message, err.hint or None, now_iso(), self.run_id))
        self._error_sources.add(err.source)
        self.errors += 1


# -- reading back ----------------------------------------------------------------------

def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v)
    return str(v)


def _clip(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[:width - 1] + "…"


def print_rows(columns: list[str], rows: Iterable[tuple], fmt: str = "table", out=None,
               width: int = 60) -> int:
    """Print ``rows`` as an aligned table, CSV or JSON lines; returns the number of rows.

    The table clips cells to ``width`` characters and ends with a row count; CSV and
    JSON lines are complete and streamed.
    """
    out = out or sys.stdout
    n = 0
    if fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        for n, row in enumerate(rows, 1):
            w.writerow(["" if v is None else v for v in row])
        return n
    if fmt == "json":
        for n, row in enumerate(rows, 1):
            out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n")
        return n
    rows = list(rows)
    cells = [[_clip(_cell(v), width) for v in row] for row in rows]
    numeric = [all(isinstance(r[i], (int, float)) or r[i] is None for r in rows) and rows
               for i in range(len(columns))]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(vals):
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(vals, widths, numeric)).rstrip()

    out.write(line(columns) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write(line(r) + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return len(rows)


def _say(msg: str) -> None:
    print(f"vnextract: {msg}", file=sys.stderr)


def _add_db_arg(p) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"the fact database (default {DEFAULT_DB})")


QUERY_TIMEOUT = 10.0
QUERY_MAX_ROWS = 10_000
# exit statuses of `vnextract query` (2 is any other error: no database, bad SQL)
EXIT_REFUSED, EXIT_TIMEOUT, EXIT_TOO_MANY_ROWS = 3, 4, 5


def add_query_parser(subparsers) -> None:
    """``vnextract query "SQL"``: any read-only SQL over the fact database."""
    p = subparsers.add_parser(
        "query", help="run a read-only SQL query on the fact database",
        description="Run one SQL statement on the fact database, opened read-only: anything that is not "
                    "reading (INSERT, UPDATE, DELETE, CREATE, DROP, ATTACH, DETACH, VACUUM INTO, a pragma that "
                    "sets, load_extension) is refused (exit 3), a query over --timeout is stopped (exit 4), "
                    "one of more than --max-rows rows prints nothing (exit 5). Tables: articles, mentions, "
                    "statements, errors, runs; view facts (mentions with their statement and title, published, "
                    "url); full-text search: facts_fts MATCH fts_query('words').")
    p.add_argument("sql", help='e.g. "SELECT type, count(*) FROM mentions GROUP BY type"')
    _add_db_arg(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table (default), csv, or json (one object per line)")
    p.add_argument("--timeout", type=float, default=QUERY_TIMEOUT, metavar="SECONDS",
                   help=f"stop the query after this many seconds (default {QUERY_TIMEOUT:g}; 0: no limit)")
    p.add_argument("--max-rows", type=int, default=QUERY_MAX_ROWS, metavar="N",
                   help=f"refuse a result of more than N rows (default {QUERY_MAX_ROWS}; 0: no limit); "
                        "add LIMIT, or use `vnextract export` for everything")
    p.set_defaults(func=cmd_query)


def cmd_query(args) -> int:
    try:
        conn = connect_readonly(args.db)
    except StorageError as e:
        _say(str(e))
        return 2
    limit = TimeLimit(conn, args.timeout)
    conn.guard.reset()
    try:
        cur = conn.execute(args.sql)
        columns = [d[0] for d in cur.description or ()]
        rows = cur.fetchmany(args.max_rows + 1) if args.max_rows > 0 else cur.fetchall()
        if args.max_rows > 0 and len(rows) > args.max_rows:
            _say(f"E322 {E.E322.format(n=args.max_rows)} (add LIMIT, raise --max-rows, "
                 "or write everything with: vnextract export)")
            return EXIT_TOO_MANY_ROWS
        if columns:
            print_rows(columns, rows, args.format)
    except (sqlite3.Error, sqlite3.Warning) as e:
        if limit.expired:
            _say(f"E321 {E.E321.format(seconds=args.timeout)} (narrow the query, or raise --timeout)")
            return EXIT_TIMEOUT
        if conn.guard.refused:
            _say(f"E320 {E.E320.format(what=conn.guard.refused)} (the database is opened for reading only)")
            return EXIT_REFUSED
        _say(f"E305 {E.E305.format(detail=e)}")
        return 2
    finally:
        conn.close()
    return 0


def add_facts_parser(subparsers) -> None:
    """``vnextract facts --type PERCENT``: the common questions, without SQL."""
    from ..pipeline.contract import TYPES

    p = subparsers.add_parser(
        "facts", help="list stored facts by type, article and value",
        description="List facts from the fact database, in article order; filters combine (AND). "
                    "--format json prints records in the contract's shape, csv every column of the facts "
                    "view's mentions and statements.")
    p.add_argument("--type", action="append", type=str.upper, choices=sorted(TYPES), metavar="TYPE",
                   help=f"only this type (repeatable): {', '.join(sorted(TYPES))}")
    p.add_argument("--doc", action="append", metavar="ID", help="only this article (repeatable)")
    p.add_argument("--min", type=float, help="value_number at least this")
    p.add_argument("--max", type=float, help="value_number at most this")
    p.add_argument("--text", metavar="WORDS", help="only mentions whose sentence contains WORDS")
    p.add_argument("--measure", metavar="WORDS",
                   help="only statements whose measure contains WORDS (any case and tone placement)")
    p.add_argument("--subject", metavar="WORDS",
                   help="only statements whose subject contains WORDS (any case and tone placement)")
    p.add_argument("--period", type=_period_arg, metavar="WHEN",
                   help="only statements whose period overlaps WHEN: 2023, 2023-Q3, 2023-10, 2023-10-16, "
                        "or a range 2022..2023")
    p.add_argument("--place", metavar="CODE|NAME",
                   help="only statements about this province: its two-digit GSO code (01) or its name "
                        "(any case and tone placement)")
    p.add_argument("--limit", type=int, default=None, help="at most N facts")
    _add_db_arg(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_facts)


FACT_COLUMNS = ("doc_id", "type", "text", "value", "qualifier", "change", "unit", "start", "end",
                "sentence", "rule", "value_number", "date_iso", "value_start", "value_end", "extra",
                "range_min", "range_max", *_STATEMENT_COLS[1:])
_TABLE_FACT_COLUMNS = ("doc_id", "type", "text", "value", "qualifier", "change", "unit",
                       "measure", "subject", "period", "place", "compared_to", "source", "sentence")


def period_days(when: str) -> tuple[str, str]:
    """``(first day, last day)`` of ``2023``, ``2023-Q3``, ``2023-10``, ``2023-10-16`` or a
    range ``2022..2023`` (from the first day of one to the last day of the other)."""
    from ..dimensions.time import iso_days

    ends = [iso_days(e.strip()) for e in when.split("..")]
    if len(ends) > 2 or None in ends or ends[0][0] > ends[-1][1]:
        raise ValueError(f"{when!r} is no period: give 2023, 2023-Q3, 2023-10, 2023-10-16 or 2022..2023")
    return ends[0][0].isoformat(), ends[-1][1].isoformat()


def _period_arg(when: str) -> tuple[str, str]:
    import argparse
    try:
        return period_days(when)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def select_facts(conn: sqlite3.Connection, types=None, docs=None, min_value=None, max_value=None,
                 text=None, limit=None, measure=None, subject=None, period=None, place=None) -> sqlite3.Cursor:
    """A cursor over ``FACT_COLUMNS`` of the mentions that pass the filters, in article order.

    ``measure`` and ``subject`` match a part of the statement's text after ``fold`` (case and
    tone placement); ``period`` (``(first day, last day)``, see ``period_days``) keeps the
    statements whose period overlaps it; ``place`` is a GSO code (``01``, ``1``) or a place
    name, equal after ``fold``. A statement without that part never passes its filter.
    """
    where, params = [], []
    if types:
        where.append(f"type IN ({', '.join('?' * len(types))})")
        params += list(types)
    if docs:
        where.append(f"doc_id IN ({', '.join('?' * len(docs))})")
        params += list(docs)
    if min_value is not None:
        where.append("value_number >= ?")
        params.append(min_value)
    if max_value is not None:
        where.append("value_number <= ?")
        params.append(max_value)
    if text:
        where.append("instr(sentence, ?) > 0")
        params.append(text)
    for column, words in (("measure", measure), ("subject", subject)):
        if words:
            where.append(f"instr(fold({column}), ?) > 0")
            params.append(_sql_fold(words))
    if period:
        first, last = period
        where.append("period_first_day <= ? AND period_last_day >= ?")
        params += [last, first]
    if place:
        if re.fullmatch(r"\d{1,2}", place.strip()):
            where.append("place_code = ?")
            params.append(place.strip().zfill(2))
        else:
            where.append("fold(place_name) = ?")
            params.append(_sql_fold(" ".join(place.split())))
    sql = (f"SELECT {', '.join(FACT_COLUMNS)} FROM facts"
           + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY doc_id, seq")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return conn.execute(sql, params)


def cmd_facts(args) -> int:
    try:
        conn = connect_readonly(args.db)
        _check_version(conn, args.db, reading=True)
    except StorageError as e:
        _say(str(e))
        return 2
    try:
        cur = select_facts(conn, args.type, args.doc, args.min, args.max, args.text, args.limit,
                           measure=args.measure, subject=args.subject, period=args.period, place=args.place)

        def write():
            if args.format == "json":   # records in the contract's shape
                for row in cur:
                    sys.stdout.write(json.dumps(row_record(dict(zip(FACT_COLUMNS, row))), ensure_ascii=False) + "\n")
            elif args.format == "csv":
                print_rows(list(FACT_COLUMNS), cur, "csv")
            else:
                keep = [FACT_COLUMNS.index(c) for c in _TABLE_FACT_COLUMNS]
                print_rows(list(_TABLE_FACT_COLUMNS), ([row[i] for i in keep] for row in cur), "table")

        write()
    except sqlite3.Error as e:
        _say(f"E305 {E.E305.format(detail=e)}")
        return 2
    finally:
        conn.close()
    return 0


def add_export_parser(subparsers) -> None:
    """``vnextract export -o facts.parquet``: the stored mentions as a file."""
    from ..pipeline.contract import TYPES

    p = subparsers.add_parser(
        "export", help="export the stored facts to Parquet, CSV or JSONL",
        description="Write every stored mention (ordered by doc_id, then place in the article) to a file "
                    "whose suffix picks the format, the same as `vnextract run -o`: .parquet and .csv hold "
                    "value as a JSON string plus value_number and the statement columns; .jsonl holds "
                    "contract records.")
    _add_db_arg(p)
    p.add_argument("-o", "--output", required=True, help="output file: .parquet, .csv or .jsonl")
    p.add_argument("--type", action="append", type=str.upper, choices=sorted(TYPES), metavar="TYPE",
                   help="only this type (repeatable)")
    p.add_argument("--quiet", action="store_true", help="no summary")
    p.set_defaults(func=cmd_export)


def export_facts(db, output: str, types=None, chunk_rows: int = 50_000) -> int:
    """Write the stored mentions to ``output`` through pandas, in chunks; returns the count."""
    import pandas as pd

    from .writers import RecordWriter

    conn = connect_readonly(db)
    try:
        _check_version(conn, db, reading=True)
        writer = RecordWriter(output)
    except BaseException:
        conn.close()
        raise
    try:
        where = f" WHERE type IN ({', '.join('?' * len(types))})" if types else ""
        sql = f"SELECT {', '.join(FACT_COLUMNS)} FROM facts{where} ORDER BY doc_id, seq"
        for chunk in pd.read_sql_query(sql, conn, params=list(types or ()), chunksize=chunk_rows):
            missing = chunk.isna().to_numpy()
            rows = [{c: None if gone else v for c, v, gone in zip(chunk.columns, vals, miss)}
                    for vals, miss in zip(chunk.itertuples(index=False, name=None), missing)]
            writer.write([row_record(r) for r in rows])
    finally:
        writer.close()
        conn.close()
    return writer.count


def cmd_export(args) -> int:
    try:
        n = export_facts(args.db, args.output, args.type)
    except StorageError as e:
        _say(str(e))
        return 2
    except (ValueError, OSError) as e:
        _say(str(e))
        return 2
    except sqlite3.Error as e:
        _say(f"E305 {E.E305.format(detail=e)}")
        return 2
    if not args.quiet:
        _say(f"{n} facts from {args.db} -> {args.output}")
    return 0
