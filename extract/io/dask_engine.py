"""Extraction on a Dask cluster: the per-article function of the local engine, run per partition.

Python recipe (a DataFrame of articles with columns ``id``, ``text`` and optionally
``title``, ``published``, ``url``)::

    import dask.dataframe as dd
    from distributed import Client
    from extract.io.dask_engine import extract_partition, records_meta

    client = Client()                        # or Client("tcp://scheduler:8786")
    articles = dd.read_parquet("articles/")  # or dd.read_json("articles.jsonl", lines=True, blocksize="64MB")
    facts = articles.map_partitions(extract_partition, meta=records_meta())
    facts.to_parquet("facts/")

``extract_partition`` gives one row per record (the columns of ``vnextract run -o
x.parquet``: ``value`` as a JSON string, ``value_number``, ``unit``, ``rule``, ``extra``)
plus an ``error`` column, null on records and set on the one row of an article that could
not be processed (empty text, internal error): ``facts[facts.error.isna()]`` are the facts.

``vnextract run INPUT... --engine dask -o OUT_DIR`` reads the inputs here, in the client,
exactly as the local engine does (same doc_ids, same input errors), ships the articles to
the workers in partitions of ``--partition-size`` and has each worker write its partition
as ``OUT_DIR/part-NNNNN.parquet``, in input order: ``pd.read_parquet(OUT_DIR)`` holds the
same rows as the local engine's ``-o facts.parquet``. Errors are printed and written to
``OUT_DIR/_errors.jsonl`` (the leading underscore keeps Parquet readers off it). With
``--scheduler`` the workers must be able to import ``extract`` and write to ``OUT_DIR``
(a shared folder).

Nothing here imports dask at module level: ``vnextract`` without the ``dask`` extra runs
as before.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter, deque
from datetime import date, datetime
from pathlib import Path

from ..engine import errors as E
from ..engine.errors import InputError, StorageError
from .readers import DEFAULT_MAX_CHARS
from .writers import FLOAT_COLUMNS, TABLE_COLUMNS

RECORD_COLUMNS = TABLE_COLUMNS + ["error"]
ARTICLE_COLUMNS = ["id", "text", "title", "published", "url", "_source"]
DEFAULT_PARTITION_SIZE = 64
_INT_COLUMNS = ("start", "end")
_FLOAT_COLUMNS = FLOAT_COLUMNS


def _dtypes() -> dict:
    import pandas as pd
    string = pd.StringDtype("pyarrow")   # what dask turns object columns into; same in pandas 2 and 3
    return {c: pd.Int64Dtype() if c in _INT_COLUMNS else "float64" if c in _FLOAT_COLUMNS else string
            for c in RECORD_COLUMNS}


def records_meta():
    """The empty DataFrame ``extract_partition`` returns rows of: ``meta=`` for Dask."""
    import pandas as pd
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _dtypes().items()})


def _plain(v):
    """A cell as the readers would give it: None for missing, ISO text for dates."""
    import pandas as pd
    if v is None or (not isinstance(v, (str, list, dict)) and pd.isna(v)):
        return None
    if isinstance(v, (pd.Timestamp, datetime)):
        return v.date().isoformat() if (v.hour, v.minute, v.second) == (0, 0, 0) else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def extract_partition(df, text_col: str = "text", id_col: str = "id", max_chars: int = DEFAULT_MAX_CHARS):
    """Records of every article (row) of ``df``, one row per record, in row order.

    Each row becomes an article as a JSONL row does in ``vnextract run`` (``id`` else the
    row's index is the doc_id; ``published`` resolves year-less dates) and is processed
    by the same function as the local engine, so the records are the same. A row that
    cannot be processed gives one row with ``doc_id`` and ``error`` set: nothing is lost,
    and one bad article never fails the partition.
    """
    import pandas as pd

    from .batch import process_article
    from .readers import _row_article
    from .writers import _row

    has_id = id_col in df.columns
    has_source = "_source" in df.columns
    optional = [c for c in ("title", "published", "url") if c in df.columns]
    rows: list[dict] = []
    for idx, rec in zip(df.index, df.to_dict("records")):
        doc_id = _plain(rec[id_col]) if has_id else None
        source = (_plain(rec["_source"]) if has_source else None) or f"row {idx}"
        row = {"id": doc_id, "text": _plain(rec.get(text_col))}
        row.update({c: _plain(rec[c]) for c in optional})
        article = _row_article(row, source, max_chars, default_id=str(idx))
        if isinstance(article, InputError):
            rows.append({"doc_id": str(doc_id) if doc_id is not None else str(idx), "error": str(article)})
            continue
        res = process_article(article)
        if res.error is not None:
            rows.append({"doc_id": article.doc_id, "error": str(res.error)})
        else:
            rows.extend(_row(r) for r in res.records)
    out = pd.DataFrame(rows, columns=RECORD_COLUMNS, dtype=object)
    return out.astype(_dtypes())


# -- the CLI engine ----------------------------------------------------------------------

def _parquet_schema():
    import pyarrow as pa
    # the schema of writers.RecordWriter's Parquet, so both engines write the same table
    return pa.schema([(c, pa.float64() if c in _FLOAT_COLUMNS else pa.int64() if c in _INT_COLUMNS
                       else pa.string()) for c in TABLE_COLUMNS])


def _summary_meta():
    import pandas as pd
    return pd.DataFrame({"part": pd.Series([], dtype="int64"), "articles": pd.Series([], dtype="int64"),
                         "records": pd.Series([], dtype="int64"), "types": pd.Series([], dtype=object),
                         "errors": pd.Series([], dtype=object), "seconds": pd.Series([], dtype="float64")})


def part_name(i: int) -> str:
    return f"part-{i:05d}.parquet"


def write_partition(df, out_dir: str, offset: int = 0, partition_info=None):
    """Extract one partition of articles and write its records to ``OUT_DIR/part-NNNNN.parquet``.

    Runs on a worker. The file is written under a dotted temporary name and renamed, so
    a reader never sees half a partition. Returns a one-row summary (counts, errors).
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    part = offset + (partition_info or {}).get("number", 0)
    recs = extract_partition(df)
    failed = recs["error"].notna()
    ok = recs.loc[~failed, TABLE_COLUMNS]
    # without pandas' metadata, so the files read back with the dtypes of the local engine's
    table = pa.Table.from_pandas(ok, schema=_parquet_schema(), preserve_index=False).replace_schema_metadata(None)
    path = Path(out_dir) / part_name(part)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    errors = [{"doc_id": d, "error": e} for d, e in zip(recs.loc[failed, "doc_id"], recs.loc[failed, "error"])]
    return pd.DataFrame({"part": [part], "articles": [len(df)], "records": [len(ok)],
                         "types": [json.dumps(Counter(ok["type"].tolist()))],
                         "errors": [json.dumps(errors, ensure_ascii=False)],
                         "seconds": [time.perf_counter() - t0]})


def articles_frame(articles: list):
    """A pandas partition of ``readers.Article``s, in the columns ``extract_partition`` reads."""
    import pandas as pd
    return pd.DataFrame([[a.doc_id, a.text, a.title, a.published, a.url, a.source] for a in articles],
                        columns=ARTICLE_COLUMNS, dtype=object)


def _partitions(items, size: int, on_error):
    """Lists of at most ``size`` articles from ``items``; input errors go to ``on_error``."""
    chunk = []
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _connect(scheduler: str | None, workers: int, timeout: str = "20s"):
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=timeout), None
        except (OSError, TimeoutError) as e:
            raise StorageError("E307", E.E307.format(address=scheduler, detail=e),
                               "start one with `dask scheduler`, or leave out --scheduler") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def prepare_out_dir(out) -> Path:
    """The output folder, emptied of a previous run's partitions (and of nothing else)."""
    if not out:
        raise StorageError("E306", E.E306.format(detail="give -o OUT_DIR"))
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise StorageError("E306", E.E306.format(detail=f"{out} is a file, not a folder"))
    path.mkdir(parents=True, exist_ok=True)
    for old in list(path.glob("part-*.parquet")) + list(path.glob(".part-*.parquet.tmp")) + [path / "_errors.jsonl"]:
        if old.exists():
            old.unlink()
    return path


def run_dask(inputs: list[str], out_dir, scheduler: str | None = None, workers: int | None = None,
             partition_size: int = DEFAULT_PARTITION_SIZE, max_chars: int = DEFAULT_MAX_CHARS,
             on_error=None, on_progress=None, connect_timeout: str = "20s") -> dict:
    """Extract every article of ``inputs`` on Dask into ``out_dir``; returns the counts.

    Partitions go to the cluster in waves of about twice its threads, and the next wave
    is read while one computes, so the client holds a bounded number of articles
    whatever the input's size.
    """
    import dask.dataframe as dd

    from .readers import read_inputs

    out = prepare_out_dir(out_dir)
    workers = workers or os.cpu_count() or 1
    errors_file = open(out / "_errors.jsonl", "w", encoding="utf-8")
    stats = {"articles": 0, "records": 0, "errors": 0, "partitions": 0, "types": Counter()}

    def error(e: InputError | dict):
        stats["errors"] += 1
        if isinstance(e, InputError):
            e = {"code": e.code, "source": e.source, "message": e.message, "hint": e.hint, "error": str(e)}
        errors_file.write(json.dumps(e, ensure_ascii=False) + "\n")
        if on_error:
            on_error(e["error"])

    def collect(summary):
        for row in summary.itertuples(index=False):
            stats["articles"] += int(row.articles)
            stats["records"] += int(row.records)
            stats["types"].update(json.loads(row.types))
            for e in json.loads(row.errors):
                stats["articles"] -= 1
                error(e)
            if on_progress:
                on_progress(int(row.articles))

    client, cluster = _connect(scheduler, workers, connect_timeout)
    try:
        threads = sum(client.nthreads().values()) or 1
        wave_size = max(2, 2 * threads)
        parts = _partitions(read_inputs(inputs, max_chars=max_chars), partition_size, error)
        in_flight: deque = deque()
        offset = 0
        while True:
            wave = [articles_frame(chunk) for _, chunk in zip(range(wave_size), parts)]
            if wave:
                frames = client.scatter(wave)
                ddf = dd.from_delayed(frames, meta=articles_frame([]), verify_meta=False)
                summary = ddf.map_partitions(write_partition, str(out), offset, meta=_summary_meta())
                in_flight.append(client.compute(summary))
                offset += len(wave)
            while in_flight and (len(in_flight) > 1 or not wave):
                collect(in_flight.popleft().result())
            if not wave and not in_flight:
                break
        stats["partitions"] = offset
    finally:
        errors_file.close()
        client.close()
        if cluster is not None:
            cluster.close()
    return stats


def cmd_run_dask(args) -> int:
    """``vnextract run --engine dask``: same inputs, errors and exit status as the local engine."""
    if args.db:
        print("vnextract: E306 " + E.E306.format(detail="--db works with the local engine; "
                                                         "load the Parquet folder with pandas instead"),
              file=sys.stderr)
        return 2
    if not args.output:
        print("vnextract: E306 " + E.E306.format(detail="give -o OUT_DIR"), file=sys.stderr)
        return 2
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        print('vnextract: --engine dask needs Dask: pip install "vnextract[dask]"', file=sys.stderr)
        return 2
    show = not args.quiet and sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm
        bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)

    def say(msg):
        (bar.write if bar else print)(f"error: {msg}", file=sys.stderr)

    t0 = time.perf_counter()
    try:
        stats = run_dask(args.inputs, args.output, args.scheduler, args.workers,
                         args.partition_size or DEFAULT_PARTITION_SIZE, args.max_chars or DEFAULT_MAX_CHARS,
                         on_error=say, on_progress=bar.update if bar else None)
    except StorageError as e:
        print(f"vnextract: {e}", file=sys.stderr)
        return 2
    finally:
        if bar:
            bar.close()
    if not args.quiet:
        kinds = ", ".join(f"{t} {n}" for t, n in sorted(stats["types"].items())) or "none"
        print(f"vnextract: {stats['articles']} articles, {stats['records']} facts ({kinds}), "
              f"{stats['errors']} errors, {time.perf_counter() - t0:.1f}s -> {args.output} "
              f"({stats['partitions']} partitions)", file=sys.stderr)
    return 1 if stats["errors"] else 0
