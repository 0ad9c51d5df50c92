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


def _partition_results(df, text_col: str = "text", id_col: str = "id", max_chars: int = DEFAULT_MAX_CHARS):
    """``(doc_id, Result)`` of every row of ``df``, in row order: the article of the row (as a
    JSONL row is read by ``vnextract run``) processed by the local engine's function, or the
    row's input error (``Result.article`` None)."""
    from .batch import Result, process_article
    from .readers import _row_article

    has_id = id_col in df.columns
    has_source = "_source" in df.columns
    optional = [c for c in ("title", "published", "url") if c in df.columns]
    out = []
    for idx, rec in zip(df.index, df.to_dict("records")):
        doc_id = _plain(rec[id_col]) if has_id else None
        source = (_plain(rec["_source"]) if has_source else None) or f"row {idx}"
        row = {"id": doc_id, "text": _plain(rec.get(text_col))}
        row.update({c: _plain(rec[c]) for c in optional})
        article = _row_article(row, source, max_chars, default_id=str(idx))
        if isinstance(article, InputError):
            out.append((str(doc_id) if doc_id is not None else str(idx), Result(None, error=article)))
        else:
            out.append((article.doc_id, process_article(article)))
    return out


def _records_frame(results):
    import pandas as pd

    from .writers import _row

    rows: list[dict] = []
    for doc_id, res in results:
        if res.error is not None:
            rows.append({"doc_id": doc_id, "error": str(res.error)})
        else:
            rows.extend(_row(r) for r in res.records)
    return pd.DataFrame(rows, columns=RECORD_COLUMNS, dtype=object).astype(_dtypes())


def extract_partition(df, text_col: str = "text", id_col: str = "id", max_chars: int = DEFAULT_MAX_CHARS):
    """Records of every article (row) of ``df``, one row per record, in row order.

    Each row becomes an article as a JSONL row does in ``vnextract run`` (``id`` else the
    row's index is the doc_id; ``published`` resolves year-less dates) and is processed
    by the same function as the local engine, so the records are the same. A row that
    cannot be processed gives one row with ``doc_id`` and ``error`` set: nothing is lost,
    and one bad article never fails the partition.
    """
    return _records_frame(_partition_results(df, text_col, id_col, max_chars))


# -- the CLI engine ----------------------------------------------------------------------

def _parquet_schema():
    import pyarrow as pa
    # the schema of writers.RecordWriter's Parquet, so both engines write the same table
    return pa.schema([(c, pa.float64() if c in _FLOAT_COLUMNS else pa.int64() if c in _INT_COLUMNS
                       else pa.string()) for c in TABLE_COLUMNS])


def part_name(i: int) -> str:
    return f"part-{i:05d}.parquet"


# the key of a partition's summary in its Parquet file's metadata: what a resumed run reads
# to skip it (the articles it holds, by hash) and to count what it holds
SUMMARY_KEY = b"vnextract.partition"


def fingerprint(df) -> str:
    """The hash of a partition of articles (ids, texts, publication dates, in order): a
    partition file of a previous run is kept only for the same articles."""
    import hashlib

    h = hashlib.sha256()
    for rec in df[["id", "text", "published"]].to_dict("records"):
        for v in (rec["id"], rec["text"], rec["published"]):
            h.update(b"\x1f" + str(_plain(v)).encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()


def write_partition(df, out_dir: str | None, part: int, with_results: bool = False) -> dict:
    """Extract one partition of articles; write its records to ``OUT_DIR/part-NNNNN.parquet``.

    Runs on a worker. The file is written under a dotted temporary name and renamed when
    whole, so a file of that name is always a complete partition; its metadata holds the
    partition's summary (fingerprint, counts, errors). Returns the summary, and with
    ``with_results`` each article's (records, metadata, error, seconds) for the fact database.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    results = _partition_results(df)
    recs = _records_frame(results)
    failed = recs["error"].notna()
    ok = recs.loc[~failed, TABLE_COLUMNS]
    errors = [{"doc_id": d, "error": e} for d, e in zip(recs.loc[failed, "doc_id"], recs.loc[failed, "error"])]
    summary = {"part": part, "fingerprint": fingerprint(df), "articles": len(df), "records": len(ok),
               "types": dict(Counter(ok["type"].tolist())), "errors": errors}
    if out_dir is not None:
        # without pandas' metadata, so the files read back with the dtypes of the local engine's
        table = pa.Table.from_pandas(ok, schema=_parquet_schema(), preserve_index=False).replace_schema_metadata(
            {SUMMARY_KEY: json.dumps(summary, ensure_ascii=False).encode("utf-8")})
        path = Path(out_dir) / part_name(part)
        tmp = path.with_name(f".{path.name}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    summary["seconds"] = time.perf_counter() - t0
    if with_results:
        summary["results"] = [(res.records, res.meta, res.error, res.seconds) for _, res in results]
    return summary


def stored_summary(out_dir: Path, part: int, fp: str) -> dict | None:
    """The summary of a complete partition file of a previous run holding the same articles
    (same fingerprint), else None (no file, another partition's, unreadable)."""
    import pyarrow.parquet as pq

    path = out_dir / part_name(part)
    if not path.is_file():
        return None
    try:
        meta = pq.read_schema(path).metadata or {}
        summary = json.loads(meta[SUMMARY_KEY])
    except Exception:   # missing key, bad JSON, a file pyarrow cannot read: not a complete partition
        return None
    return summary if summary.get("fingerprint") == fp and summary.get("part") == part else None


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


def prepare_out_dir(out, keep_parts: bool = True) -> Path:
    """The output folder, without the temporary files of a killed run; a previous run's
    partitions are kept for ``run_dask`` to resume from (or removed: ``keep_parts=False``)."""
    if not out:
        raise StorageError("E306", E.E306.format(detail="give -o OUT_DIR"))
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise StorageError("E306", E.E306.format(detail=f"{out} is a file, not a folder"))
    path.mkdir(parents=True, exist_ok=True)
    old = list(path.glob(".part-*.parquet.tmp")) + ([] if keep_parts else list(path.glob("part-*.parquet")))
    for f in old:
        f.unlink(missing_ok=True)
    return path


def run_dask(inputs: list[str], out_dir, scheduler: str | None = None, workers: int | None = None,
             partition_size: int = DEFAULT_PARTITION_SIZE, max_chars: int = DEFAULT_MAX_CHARS,
             on_error=None, on_progress=None, connect_timeout: str = "20s", store=None,
             refresh: bool = False) -> dict:
    """Extract every article of ``inputs`` on Dask into ``out_dir`` and/or ``store``; the counts.

    Partition ``i`` holds the ``i``-th ``partition_size`` articles of the input. A partition
    file of a previous run that holds the same articles (its fingerprint) is kept and not
    extracted again (``skipped``), unless ``refresh``: a killed run started again writes
    nothing twice and loses nothing. Files of other partitions are removed at the end.

    With ``store`` (an open ``storage.FactStore``) the articles already stored are left out
    before partitioning, as by the local engine, and each finished partition's articles are
    stored by this client, one transaction per article; ``out_dir`` may then be None.

    At most about twice the cluster's threads of partitions are in flight, so the client
    holds a bounded number of articles whatever the input's size.
    """
    from .batch import Result
    from .readers import read_inputs

    out = prepare_out_dir(out_dir, keep_parts=not refresh and store is None) if out_dir is not None else None
    workers = workers or os.cpu_count() or 1
    errors_file = open(out / "_errors.jsonl", "w", encoding="utf-8") if out is not None else None
    stats = {"articles": 0, "records": 0, "errors": 0, "partitions": 0, "skipped": 0, "types": Counter()}

    def error(e: InputError | dict, save: bool = True):
        stats["errors"] += 1
        if isinstance(e, InputError):
            if store is not None and save:
                store.save_error(e)
            e = {"code": e.code, "source": e.source, "message": e.message, "hint": e.hint, "error": str(e)}
        if errors_file is not None:
            errors_file.write(json.dumps(e, ensure_ascii=False) + "\n")
        if on_error:
            on_error(e["error"])

    def collect(chunk, summary):
        stats["articles"] += int(summary["articles"]) - len(summary["errors"])
        stats["records"] += int(summary["records"])
        stats["types"].update(summary["types"])
        if store is not None and "results" in summary:
            for article, got in zip(chunk, summary["results"]):
                records, meta, err, seconds = got
                store.save(Result(article, records, meta, err, seconds))
        for e in summary["errors"]:
            error(e)
        if on_progress:
            on_progress(int(summary["articles"]))

    items = read_inputs(inputs, max_chars=max_chars)
    if store is not None:
        items = store.pending(items, refresh=refresh)   # in this process, before any extraction
    client, cluster = _connect(scheduler, workers, connect_timeout)
    try:
        threads = sum(client.nthreads().values()) or 1
        ahead = max(2, 2 * threads)
        in_flight: deque = deque()   # (chunk, future or the summary of a kept partition), in input order
        n = 0
        for chunk in _partitions(items, partition_size, error):
            frame = articles_frame(chunk)
            kept = None if refresh or out is None or store is not None else stored_summary(out, n, fingerprint(frame))
            if kept is not None:
                stats["skipped"] += 1
                in_flight.append((chunk, kept))
            else:
                future = client.submit(write_partition, client.scatter(frame), None if out is None else str(out), n,
                                       store is not None, pure=False)
                in_flight.append((chunk, future))
            n += 1
            while len(in_flight) > ahead:
                c, f = in_flight.popleft()
                collect(c, f if isinstance(f, dict) else f.result())
        while in_flight:
            c, f = in_flight.popleft()
            collect(c, f if isinstance(f, dict) else f.result())
        stats["partitions"] = n
        if out is not None:   # a previous run's partitions past this run's last (other inputs)
            for f in out.glob("part-*.parquet"):
                num = f.name[len("part-"):-len(".parquet")]
                if not num.isdigit() or int(num) >= n:
                    f.unlink(missing_ok=True)
    finally:
        if errors_file is not None:
            errors_file.close()
        client.close()
        if cluster is not None:
            cluster.close()
    return stats


def cmd_run_dask(args) -> int:
    """``vnextract run --engine dask``: same inputs, errors and exit status as the local engine."""
    if not args.output and not args.db:
        print("vnextract: E306 " + E.E306.format(detail="give -o OUT_DIR (or --db FACTS.sqlite)"), file=sys.stderr)
        return 2
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        print('vnextract: --engine dask needs Dask: pip install "vnextract[dask]"', file=sys.stderr)
        return 2
    store = None
    if args.db:
        from .storage import FactStore
        try:
            store = FactStore(args.db)
        except StorageError as e:
            print(f"vnextract: {e}", file=sys.stderr)
            return 2
        store.begin_run({k: v for k, v in vars(args).items() if k != "func"}, args.workers)
    show = not args.quiet and sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm
        bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)

    def say(msg):
        (bar.write if bar else print)(f"error: {msg}", file=sys.stderr)

    t0 = time.perf_counter()
    status = "failed"
    try:
        stats = run_dask(args.inputs, args.output, args.scheduler, args.workers,
                         args.partition_size or DEFAULT_PARTITION_SIZE, args.max_chars or DEFAULT_MAX_CHARS,
                         on_error=say, on_progress=bar.update if bar else None, store=store,
                         refresh=getattr(args, "refresh", False))
        status = "done"
    except StorageError as e:
        print(f"vnextract: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if bar:
            bar.close()
        if store is not None:
            store.end_run(status)
            store.close()
    if not args.quiet:
        kinds = ", ".join(f"{t} {n}" for t, n in sorted(stats["types"].items())) or "none"
        kept = f", {stats['skipped']} kept from the last run" if stats["skipped"] else ""
        stored = f", {store.skipped + store.duplicates} skipped (already stored)" if store is not None else ""
        dest = " and ".join(d for d in (args.output, args.db) if d)
        print(f"vnextract: {stats['articles']} articles, {stats['records']} facts ({kinds}), "
              f"{stats['errors']} errors{stored}, {time.perf_counter() - t0:.1f}s -> {dest} "
              f"({stats['partitions']} partitions{kept})", file=sys.stderr)
    return 1 if stats["errors"] else 0
