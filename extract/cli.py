"""Command line: ``vnextract run INPUT... [-o OUT]`` and friends (eval, gold, query, facts, export, people, show, serve).

Exit status: 0 when every input was processed, 1 when some inputs failed (they are named
on stderr and the rest of the batch was processed), 2 for a usage error.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

from .engine.errors import VnextractError


def _add_run(sub):
    p = sub.add_parser("run", help="extract facts from articles",
                       description="Extract facts from .txt files, folders of them, .jsonl and .csv "
                                   "files (columns id, text, optional title, published, url).")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", help="output file: .jsonl (default, stdout without -o), .csv or .parquet")
    p.add_argument("--workers", type=int, default=None,
                   help="parallel processes (default: the machine's cores)")
    p.add_argument("--max-chars", type=int, default=None,
                   help="refuse longer articles (default 2,000,000 characters)")
    p.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="stop an article that takes longer and record it as error E297 "
                        "(default 120; 0: no limit)")
    p.add_argument("--quiet", action="store_true", help="no progress bar, no summary")
    p.add_argument("--db", metavar="FACTS.sqlite",
                   help="store articles and facts in this SQLite fact database; articles already stored "
                        "are skipped, so a re-run resumes (alone: no JSONL on stdout)")
    p.add_argument("--refresh", action="store_true",
                   help="with --db: extract stored articles again (after a rules update)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (-o is then a folder of Parquet files)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler (default: a local cluster of --workers processes)")
    p.add_argument("--partition-size", type=int, default=None, metavar="N",
                   help="with --engine dask: articles per partition (default 64)")
    p.set_defaults(func=cmd_run)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is no number of seconds (give e.g. 120, 2.5, or 0 for no limit)")
    return value


def cmd_run(args) -> int:
    from .io.batch import DEFAULT_TIMEOUT, process_stream
    from .io.readers import DEFAULT_MAX_CHARS, count_inputs, read_inputs
    from .io.writers import RecordWriter

    if args.engine == "dask":
        from .io.dask_engine import cmd_run_dask
        return cmd_run_dask(args)
    store = None
    try:
        writer = RecordWriter(args.output) if args.output or not args.db else None
        if args.db:
            from .io.storage import FactStore
            store = FactStore(args.db)
    except (ValueError, OSError, VnextractError) as e:
        print(f"vnextract: {e}", file=sys.stderr)
        return 2
    workers = args.workers or os.cpu_count() or 1
    items = read_inputs(args.inputs, max_chars=args.max_chars or DEFAULT_MAX_CHARS)
    if store:
        store.begin_run({k: v for k, v in vars(args).items() if k != "func"}, workers)
        items = store.pending(items, refresh=args.refresh)   # in this process, before any extraction
    show = not args.quiet and sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm
        bar = tqdm(total=count_inputs(args.inputs), unit=" articles", file=sys.stderr, dynamic_ncols=True)
    by_type: Counter = Counter()
    n_ok = n_err = 0
    t0 = time.perf_counter()
    status = "failed"
    try:
        timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout or None
        for res in process_stream(items, workers=workers, timeout=timeout):
            if store:
                store.save(res)
            if res.error is not None:
                n_err += 1
                msg = f"error: {res.error}"
                if bar is not None:
                    bar.write(msg, file=sys.stderr)
                else:
                    print(msg, file=sys.stderr)
            else:
                n_ok += 1
                if writer:
                    writer.write(res.records)
                by_type.update(r["type"] for r in res.records)
            if bar is not None:
                # articles already stored (--db) were skipped before extraction: count them as done
                done = n_ok + n_err + (store.skipped + store.duplicates if store else 0)
                bar.update(done - bar.n)
                bar.set_postfix(facts=sum(by_type.values()), errors=n_err, refresh=False)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if writer:
            writer.close()
        if store:
            store.end_run(status)
            store.close()
        if bar is not None:
            bar.close()
    if not args.quiet:
        dt = time.perf_counter() - t0
        kinds = ", ".join(f"{t} {n}" for t, n in sorted(by_type.items())) or "none"
        skipped = f", {store.skipped + store.duplicates} skipped (already stored)" if store else ""
        dest = " and ".join(d for d in (args.output, args.db) if d)
        print(f"vnextract: {n_ok} articles, {sum(by_type.values())} facts ({kinds}), "
              f"{n_err} errors{skipped}, {dt:.1f}s" + (f" -> {dest}" if dest else ""), file=sys.stderr)
    return 1 if n_err else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vnextract", description="Facts from Vietnamese news articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_run(sub)
    # Imported here so `vnextract run` does not pay for the evaluator's imports.
    from .evaluation.evaluate import add_eval_parser, add_gold_parser
    add_eval_parser(sub)
    add_gold_parser(sub)
    from .io.storage import add_export_parser, add_facts_parser, add_query_parser
    add_query_parser(sub)
    add_facts_parser(sub)
    add_export_parser(sub)
    from .io.people import add_people_parser
    add_people_parser(sub)
    from .statements.display import add_show_parser
    add_show_parser(sub)
    from .io.serve import add_serve_parser
    add_serve_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # the reader of stdout went away (`vnextract run … | head`, `vnextract facts … | head`):
        # stop quietly, and point stdout at /dev/null so the flush at exit raises nothing
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
