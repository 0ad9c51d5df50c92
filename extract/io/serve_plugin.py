"""The Datasette plugin of ``vnextract serve`` (registered by ``serve.make_datasette``).

On every connection to a served fact database (the databases named in the metadata's
``plugins.vnextract.databases``; others are left alone):

- the search box folds what is typed as the index was folded: Datasette turns
  ``?_search=`` into ``MATCH escape_fts(:search)``, and ``escape_fts`` is replaced here by
  ``search.fts_query`` (so ``hoà`` finds ``hòa``, ``ty le`` finds ``tỷ lệ``);
- the SQL functions of the fact database (``fold``, ``fts_query``, ``search_form``) and
  ``period_first_day_of(text)``/``period_last_day_of(text)`` for the canned queries;
- the read-only guard (``readonly.guard``): a query, canned or typed, can only read.

``render_cell`` links a fact's ``mention_id`` in the ``facts`` view and in query results
to its row page, since a view has no row pages of its own.
"""
from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

from . import search
from .readonly import guard

PLUGIN = "vnextract"


def _served(datasette) -> set[str]:
    return set((datasette.plugin_config(PLUGIN) or {}).get("databases") or ())


def _day(when, end: int):
    from .storage import period_days
    try:
        return period_days(str(when))[end]
    except (ValueError, TypeError):
        return None


# trylast: after Datasette's own prepare_connection, whose escape_fts this replaces
@hookimpl(trylast=True)
def prepare_connection(conn, database, datasette):
    if database not in _served(datasette):
        return
    from .storage import _add_functions
    _add_functions(conn)
    conn.create_function("escape_fts", 1, search.fts_query, deterministic=True)
    conn.create_function("period_first_day_of", 1, lambda w: _day(w, 0), deterministic=True)
    conn.create_function("period_last_day_of", 1, lambda w: _day(w, 1), deterministic=True)
    guard(conn)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column != "mention_id" or table not in ("facts", None) or database not in _served(datasette):
        return None
    if not isinstance(value, int):
        return None
    url = datasette.urls.table(database, "mentions") + f"/{value}"
    return Markup(f'<a href="{escape(url)}">{value}</a>')


# The column descriptions are long in two languages: folded under one line, opened on a click;
# sentences get room to be read.
_FOLD_DESCRIPTIONS = """
const dl = document.querySelector("dl.column-descriptions");
if (dl) {
  const box = document.createElement("details"), title = document.createElement("summary");
  title.textContent = "Các cột — Columns (" + dl.querySelectorAll("dt").length + ")";
  dl.before(box);
  box.append(title, dl);
}
document.head.insertAdjacentHTML("beforeend",
  "<style>.rows-and-columns td.col-sentence, .rows-and-columns td.col-title { min-width: 24em; }</style>");
"""


@hookimpl
def extra_body_script(template, database, table, columns, view_name, request, datasette):
    if database in _served(datasette) and view_name == "table":
        return _FOLD_DESCRIPTIONS
    return ""
