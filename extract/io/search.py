"""Full-text search in the fact database (SQLite FTS5), blind to tone placement and,
for a word typed without them, to diacritics.

``facts_fts`` has one row per mention (``rowid`` = ``mention_id``) over its text, its
sentence, its article's title and its statement's parts; ``articles_fts`` one row per
article (``rowid`` = the article's rowid) over its title. Each column holds
``search_form(text)``: the text folded (lower case, one tone placement: ``hoà`` and
``hòa`` alike, ``engine.text.fold``) followed, when it has any, by the same words without
diacritics (``tỷ lệ`` -> ``tỷ lệ ty le``, ``đ`` -> ``d``). A query goes through
``fts_query``: folded the same way, each word quoted (FTS5 syntax is not needed to search).
So ``hoà`` finds ``hòa``, ``Uỷ ban`` finds ``Ủy ban``, and ``ty le`` finds ``tỷ lệ``; a word
typed with its diacritics (``lê``) only finds that word, not ``lệ``.

``vnextract run --db`` keeps both tables current (``index_article`` in the transaction
that stores an article; a trigger drops the rows of deleted mentions).
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata

from ..engine.text import fold

FACTS_FTS = "facts_fts"
ARTICLES_FTS = "articles_fts"
# (column of facts_fts, column of the facts view it indexes)
FACTS_FTS_COLUMNS = ("text", "sentence", "title", "measure", "subject", "period", "place", "compared_to",
                     "source")

SCHEMA = (
    f"CREATE VIRTUAL TABLE {FACTS_FTS} USING fts5({', '.join(FACTS_FTS_COLUMNS)}, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"CREATE VIRTUAL TABLE {ARTICLES_FTS} USING fts5(title, tokenize = 'unicode61 remove_diacritics 0')",
    # the rows of a mention or an article go with it, whoever deletes it
    f"CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN "
    f"DELETE FROM {FACTS_FTS} WHERE rowid = old.mention_id; END",
    f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    f"DELETE FROM {ARTICLES_FTS} WHERE rowid = old.rowid; END",
)


def bare(s: str) -> str:
    """``s`` without diacritics: tone and vowel marks dropped, ``đ`` -> ``d``."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))


def search_form(s: str | None) -> str | None:
    """What an FTS column holds for the text ``s``: folded, then without diacritics if that differs."""
    if s is None:
        return None
    folded = fold(unicodedata.normalize("NFC", str(s)))
    plain = bare(folded)
    return folded if plain == folded else f"{folded}\n{plain}"


_PHRASE_OR_WORD = re.compile(r'"[^"]*"?|[^\s"]+')


def fts_query(q: str | None) -> str:
    """An FTS5 MATCH expression for what a user typed: folded like ``search_form``; each
    word quoted (all must occur), a ``"quoted phrase"`` kept as a phrase; nothing typed
    gives ``""``, which matches nothing (an empty MATCH would be an error)."""
    if q is None:
        return '""'
    q = fold(unicodedata.normalize("NFC", q))
    parts = []
    for m in _PHRASE_OR_WORD.finditer(q):
        words = m.group().strip('"').replace('"', " ").split()
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " ".join(parts) or '""'


def add_functions(conn: sqlite3.Connection) -> None:
    """SQL functions ``search_form(text)`` and ``fts_query(text)``: ``... WHERE facts_fts MATCH fts_query('ty le')``."""
    conn.create_function("search_form", 1, search_form, deterministic=True)
    conn.create_function("fts_query", 1, fts_query, deterministic=True)


def _facts_select(where: str) -> str:
    cols = ", ".join(f"search_form({c})" for c in FACTS_FTS_COLUMNS)
    return f"SELECT mention_id, {cols} FROM facts{where}"


def index_article(conn: sqlite3.Connection, doc_id: str) -> None:
    """(Re)index one article's mentions and title; its old mentions' rows are already gone
    with them (trigger)."""
    conn.execute(f"INSERT INTO {FACTS_FTS} (rowid, {', '.join(FACTS_FTS_COLUMNS)}) "
                 + _facts_select(" WHERE doc_id = ?"), (doc_id,))
    conn.execute(f"DELETE FROM {ARTICLES_FTS} WHERE rowid = (SELECT rowid FROM articles WHERE doc_id = ?)", (doc_id,))
    conn.execute(f"INSERT INTO {ARTICLES_FTS} (rowid, title) SELECT rowid, search_form(title) FROM articles "
                 "WHERE doc_id = ? AND title IS NOT NULL", (doc_id,))


def create(conn: sqlite3.Connection) -> None:
    """Create both tables and index everything stored (a new database, or the upgrade to version 3)."""
    for stmt in SCHEMA:
        conn.execute(stmt)
    conn.execute(f"INSERT INTO {FACTS_FTS} (rowid, {', '.join(FACTS_FTS_COLUMNS)}) " + _facts_select(""))
    conn.execute(f"INSERT INTO {ARTICLES_FTS} (rowid, title) SELECT rowid, search_form(title) FROM articles "
                 "WHERE title IS NOT NULL")
