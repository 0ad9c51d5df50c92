"""Writing records as JSONL (default), CSV or Parquet; the output's suffix picks the format.

JSONL keeps ``value`` as JSON (number, string or object, as the contract says). CSV and
Parquet are tables, so ``value`` is written as a JSON string there, plus ``value_number``
for numeric values so spreadsheets and pandas can filter on it directly (``range_min``,
``range_max`` for the ends of a numeric range; every ``range`` is in ``extra``), and a
statement's ``about`` flattened into ``STATEMENT_COLUMNS`` (measure, subject, period_start,
… source); the whole ``about``, with every part's offsets, stays in ``extra``.
"""
from __future__ import annotations

import csv
import json
import sys
import os
from pathlib import Path

from ..pipeline.records import CONTRACT_KEYS, STATEMENT_COLUMNS, statement_columns

TABLE_COLUMNS = (list(CONTRACT_KEYS) + ["unit", "rule", "value_number", "range_min", "range_max", "extra"]
                 + list(STATEMENT_COLUMNS))
# numeric columns of the tables: the value and the ends of a numeric range
FLOAT_COLUMNS = ("value_number", "range_min", "range_max")


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _row(rec: dict) -> dict:
    row = {k: rec.get(k) for k in CONTRACT_KEYS}
    v = rec.get("value")
    row["value"] = json.dumps(v, ensure_ascii=False)
    row["value_number"] = v if _is_number(v) else None
    rg = rec.get("range")
    ends = (rg.get("min"), rg.get("max")) if isinstance(rg, dict) else (None, None)
    # a numeric range's ends; a DURATION range (ISO strings) is in ``extra`` only
    row["range_min"], row["range_max"] = ends if all(_is_number(x) for x in ends) else (None, None)
    row["unit"] = rec.get("unit")
    row["rule"] = rec.get("rule")
    extra = {k: rec[k] for k in rec if k not in CONTRACT_KEYS and k not in ("unit", "rule")}
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
    row.update(statement_columns(rec.get("about")))
    return row


class RecordWriter:
    """Streams records to ``path`` (stdout when None) in the format its suffix names."""

    def __init__(self, path: str | None):
        self.path = path
        # "-" is stdout and os.devnull discards (benchmarks): both take JSONL
        if path == "-":
            self.path = path = None
        self.format = "jsonl" if path is None or path == os.devnull else {
            ".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet"}.get(Path(path).suffix.lower())
        if self.format is None:
            raise ValueError(f"E212 output {path}: unknown format; use .jsonl, .csv or .parquet")
        self.count = 0
        self._parquet_rows: list[dict] = []
        self._pq_writer = None
        if self.format == "parquet":
            self._fh = None
        else:
            self._fh = sys.stdout if path is None else open(path, "w", encoding="utf-8", newline="")
        if self.format == "csv":
            self._csv = csv.DictWriter(self._fh, fieldnames=TABLE_COLUMNS)
            self._csv.writeheader()

    def write(self, records: list[dict]) -> None:
        for rec in records:
            if self.format == "jsonl":
                self._fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            elif self.format == "csv":
                self._csv.writerow(_row(rec))
            else:
                self._parquet_rows.append(_row(rec))
                if len(self._parquet_rows) >= 50_000:
                    self._flush_parquet()
            self.count += 1

    def _flush_parquet(self):
        import pyarrow as pa
        import pyarrow.parquet as pq
        schema = pa.schema([(c, pa.float64() if c in FLOAT_COLUMNS else
                             pa.int64() if c in ("start", "end") else pa.string()) for c in TABLE_COLUMNS])
        rows = self._parquet_rows
        table = pa.Table.from_pylist(
            [{**r, **{c: None if r[c] is None else float(r[c]) for c in FLOAT_COLUMNS}} for r in rows],
            schema=schema)
        if self._pq_writer is None:
            self._pq_writer = pq.ParquetWriter(self.path, schema)
        self._pq_writer.write_table(table)
        self._parquet_rows = []

    def close(self) -> None:
        if self.format == "parquet":
            if self._parquet_rows or self._pq_writer is None:
                self._flush_parquet()
            self._pq_writer.close()
        elif self._fh is not sys.stdout:
            self._fh.close()
        else:
            self._fh.flush()
