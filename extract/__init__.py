"""vnextract: facts from Vietnamese news, as records in the shape of CONTRACT.md.

    >>> from extract import extract
    >>> [(r["type"], r["text"], r["value"]) for r in extract("Tỷ lệ đạt 50,2%.")]
    [('PERCENT', '50,2%', 50.2)]

``extract(text, published=None, doc_id="doc")`` returns a list of record dicts;
``extract_frame(df)`` runs over a pandas DataFrame of articles and returns one row per
record.
"""
from __future__ import annotations

__version__ = "0.1.0"

Record = dict   # a record is a plain dict with the contract's keys (see extract.records)


def extract(text: str, published: str | None = None, doc_id: str = "doc",
            title: str | None = None) -> list[Record]:
    """Every fact mention in ``text``, as contract records, in text order.

    ``published`` (ISO date ``YYYY-MM-DD``) resolves year-less and relative dates; a
    ``title`` given beside the text (not its first line) frames the statements as a title
    in the text does (the province it names). Offsets index ``text`` exactly as given,
    whatever its Unicode form or line ends.
    """
    from .pipeline.nlp import analyze
    from .pipeline.records import to_records

    ctx = analyze(text, published=published, meta={"title": title} if title else None)
    return to_records(doc_id, ctx, ctx.mentions)


def extract_frame(df, text_col: str = "text", id_col: str = "id",
                  published_col: str = "published"):
    """Records for every row of ``df`` as a DataFrame, one row per record.

    ``df`` needs a text column; an id column (else the row index is the doc_id) and a
    publication-date column are used when present. ``value`` and ``about`` stay Python
    objects (number, string or dict) as in the contract; ``about`` is also flattened into
    the columns ``measure``, ``subject``, ``period_start``, ``period_end``, ``place_code``,
    ``place_name``, ``compared_to``, ``compared_to_start``, ``compared_to_end``, ``source``
    (None where the record has no such part).
    """
    import pandas as pd
    from .pipeline.records import CONTRACT_KEYS, STATEMENT_COLUMNS, statement_columns

    rows = []
    has_id = id_col in df.columns
    has_pub = published_col in df.columns
    for idx, row in df.iterrows():
        pub = row[published_col] if has_pub else None
        pub = None if pub is None or (isinstance(pub, float) and pub != pub) else str(pub)
        rows.extend({**rec, **statement_columns(rec.get("about"))}
                    for rec in extract(str(row[text_col]), published=pub,
                                       doc_id=str(row[id_col]) if has_id else str(idx)))
    cols = list(CONTRACT_KEYS) + ["unit", "rule", "about"] + list(STATEMENT_COLUMNS)
    return pd.DataFrame(rows, columns=cols if not rows else None).reindex(
        columns=cols + sorted({k for r in rows for k in r} - set(cols)))


__all__ = ["extract", "extract_frame", "Record", "__version__"]
