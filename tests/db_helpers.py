"""Helpers shared by the fact-database tests (test_storage.py, test_statements_db.py)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from extract.cli import main


def write_jsonl(path: Path, rows) -> Path:
    """Articles (or any rows) as a JSONL file at ``path``."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def rows(db, sql, params=()):
    """All rows of one query on the SQLite file ``db``."""
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def run(*args) -> int:
    """``vnextract run ARGS`` in-process, one worker, quiet: its exit status."""
    return main(["run", *map(str, args), "--workers", "1", "--quiet"])
