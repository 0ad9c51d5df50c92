"""Reading only: what ``vnextract query`` and ``vnextract serve`` let a query do.

Three layers, each enough against a different mistake: the file is opened ``mode=ro`` with
``PRAGMA query_only`` (SQLite refuses to write it), an authorizer refuses every action that
is not reading (``ReadOnlyGuard``: it also stops what ``mode=ro`` lets through, such as
``ATTACH`` or ``VACUUM INTO`` creating a new file, and ``load_extension``), and
``time_limit`` interrupts a query that runs past its time (a runaway recursive CTE).
"""
from __future__ import annotations

import sqlite3
import time

# Actions a read needs. Anything else (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, ATTACH,
# DETACH, ANALYZE, REINDEX, virtual tables) is refused.
_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
                 sqlite3.SQLITE_RECURSIVE, sqlite3.SQLITE_PRAGMA,
                 # BEGIN/COMMIT/SAVEPOINT change nothing on a read-only connection
                 sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT}

# Pragmas that only report, asked without a value (``PRAGMA user_version``; with a value,
# ``PRAGMA user_version = 3``, they would set it).
READ_PRAGMAS = frozenset("""
    application_id auto_vacuum busy_timeout cache_size collation_list compile_options data_version
    database_list encoding foreign_keys freelist_count function_list journal_mode max_page_count
    module_list page_count page_size pragma_list query_only recursive_triggers schema_version
    secure_delete synchronous table_list temp_store user_version
    foreign_key_check integrity_check quick_check
""".split())
# Pragmas whose argument names what to report on, never a new setting.
NAMED_PRAGMAS = frozenset("""
    table_info table_xinfo table_list index_list index_info index_xinfo foreign_key_list
    foreign_key_check integrity_check quick_check
""".split())
# Functions that reach outside the database.
REFUSED_FUNCTIONS = frozenset({"load_extension", "fts3_tokenizer", "readfile", "writefile", "edit"})

_ACTION_NAMES = {getattr(sqlite3, "SQLITE_" + n): n.replace("_", " ") for n in """
    CREATE_INDEX CREATE_TABLE CREATE_TEMP_INDEX CREATE_TEMP_TABLE CREATE_TEMP_TRIGGER CREATE_TEMP_VIEW
    CREATE_TRIGGER CREATE_VIEW DELETE DROP_INDEX DROP_TABLE DROP_TEMP_INDEX DROP_TEMP_TABLE
    DROP_TEMP_TRIGGER DROP_TEMP_VIEW DROP_TRIGGER DROP_VIEW INSERT UPDATE ATTACH DETACH ALTER_TABLE
    REINDEX ANALYZE CREATE_VTABLE DROP_VTABLE""".split()}
_SCHEMA_TABLES = {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"}


class ReadOnlyGuard:
    """A ``set_authorizer`` callback that allows reading only; ``refused`` says what it
    refused since ``reset()`` (for the error message), e.g. ``ATTACH 'x.db'`` or
    ``PRAGMA user_version = 3``."""

    def __init__(self):
        self.refused: str | None = None

    def __call__(self, action, arg1, arg2, db_name, trigger) -> int:
        what = None
        if action == sqlite3.SQLITE_UPDATE and arg1 in _SCHEMA_TABLES and trigger is None:
            # SQLite asks this while it connects a virtual table (FTS5, pragma_table_info())
            # to this connection; a user's UPDATE of the schema table is refused by SQLite
            # itself, and mode=ro / query_only stop any write.
            return sqlite3.SQLITE_OK
        if action not in _READ_ACTIONS:
            what = _ACTION_NAMES.get(action, f"action {action}")
            if arg1 in _SCHEMA_TABLES:   # the first step of a CREATE or a DROP: its schema row
                what = {sqlite3.SQLITE_INSERT: "CREATE", sqlite3.SQLITE_DELETE: "DROP"}.get(action, what)
                what += " (a change of the schema)"
            elif action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
                what += f" {arg1!r}" if arg1 else ""
            elif action == sqlite3.SQLITE_ALTER_TABLE:
                what += f" {arg2}"
            elif arg1 and action not in (sqlite3.SQLITE_ANALYZE, sqlite3.SQLITE_REINDEX):
                what += f" {arg1}"
        elif action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in REFUSED_FUNCTIONS:
            what = f"function {arg2}()"
        elif action == sqlite3.SQLITE_PRAGMA:
            name = (arg1 or "").lower()
            if not ((arg2 is None and name in READ_PRAGMAS) or (arg2 is not None and name in NAMED_PRAGMAS)):
                what = f"PRAGMA {arg1}" + (f" = {arg2}" if arg2 is not None else "")
        if what is None:
            return sqlite3.SQLITE_OK
        if self.refused is None:   # the first refusal stops the statement: name that one
            self.refused = what
        return sqlite3.SQLITE_DENY

    def reset(self) -> None:
        """Forget what was refused (before the next statement)."""
        self.refused = None


def guard(conn: sqlite3.Connection) -> ReadOnlyGuard:
    """Let ``conn`` read only, from now on; returns the guard (its ``refused`` names what
    it refused)."""
    g = ReadOnlyGuard()
    conn.set_authorizer(g)
    return g


class TimeLimit:
    """A progress handler that interrupts the running statement after ``seconds``
    (``None`` or 0: no limit); ``expired`` tells an interrupt it caused from any other error."""

    # SQLite calls the handler every this many virtual-machine steps (~ a millisecond)
    STEPS = 10_000

    def __init__(self, conn: sqlite3.Connection, seconds: float | None):
        self.seconds = seconds
        self.expired = False
        self._deadline = time.monotonic() + seconds if seconds else None
        if self._deadline is not None:
            conn.set_progress_handler(self._check, self.STEPS)

    def _check(self) -> int:
        if time.monotonic() > self._deadline:
            self.expired = True
            return 1
        return 0
