"""Reading articles from .txt files, folders, .jsonl and .csv files, one at a time.

Streams: a .jsonl or .csv of a million rows is read row by row, never whole. Bad input is
never fatal: each problem is yielded as an ``InputError`` naming the file (and line or
row), and reading goes on with the next article.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..engine import errors as E
from ..engine.errors import InputError

# A longer article is refused (clear error, batch goes on): segmentation cost and memory
# grow with it, and no news article comes near it. --max-chars changes it.
DEFAULT_MAX_CHARS = 2_000_000
SUFFIXES = (".txt", ".jsonl", ".csv")


@dataclass
class Article:
    """One article to process, with the metadata the input gave."""

    doc_id: str
    text: str
    source: str                    # file, with :line for rows
    title: str | None = None
    published: str | None = None
    url: str | None = None
    extra: dict = field(default_factory=dict)


def read_inputs(paths: list[str], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | InputError]:
    """Articles (or errors) from every input path, in a deterministic order."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError("E206", raw, E.E206, "check the path")
            continue
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield InputError("E207", raw, E.E207, "give the folder of the articles")
                continue
            for f in files:
                yield from read_file(f, max_chars)
        else:
            yield from read_file(path, max_chars)


def count_inputs(paths: list[str]) -> int | None:
    """About how many items ``read_inputs`` will give: files of folders, lines of JSONL,
    rows of CSV (a newline inside a quoted field counts twice). For the progress bar's ETA:
    a read of the raw bytes, much faster than extraction. None if a file cannot be read."""
    total = 0
    try:
        for raw in paths:
            path = Path(raw)
            if not path.exists():
                total += 1
                continue
            files = (sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
                     if path.is_dir() else [path])
            total += 0 if files or not path.is_dir() else 1
            for f in files:
                if f.suffix.lower() in (".jsonl", ".csv"):
                    lines, last = 0, b"\n"
                    with open(f, "rb") as fh:
                        for block in iter(lambda: fh.read(1 << 20), b""):
                            lines += block.count(b"\n")
                            last = block[-1:]
                    lines += last != b"\n"   # a last line without its newline
                    total += max(lines - (1 if f.suffix.lower() == ".csv" else 0), 0)
                else:
                    total += 1
    except OSError:
        return None
    return total


def read_file(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_chars)
    elif suffix == ".csv":
        yield from _read_csv(path, max_chars)
    elif suffix == ".txt":
        yield _read_txt(path, max_chars)
    else:
        yield InputError("E209", str(path), E.E209.format(suffix=suffix), "use .txt, .jsonl or .csv")


def _decode(data: bytes, source: str) -> str | InputError:
    if b"\x00" in data[:8192]:
        return InputError("E202", source, E.E202, "convert it to UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        return InputError("E201", source, E.E201.format(pos=e.start), "re-encode the file as UTF-8")


def _check_text(text, source: str, max_chars: int) -> InputError | None:
    if not isinstance(text, str):
        return InputError("E211", source, E.E211)
    if not text.replace("\ufeff", "").strip():   # a BOM alone is no text either
        return InputError("E203", source, E.E203)
    if len(text) > max_chars:
        return InputError("E208", source, E.E208.format(size=len(text), limit=max_chars),
                          "split it, or raise --max-chars")
    if "\x00" in text:
        return InputError("E202", source, E.E202, "remove NUL characters")
    return None


def _read_txt(path: Path, max_chars: int) -> Article | InputError:
    source = str(path)
    try:
        if path.stat().st_size > max_chars * 4 + 16:   # UTF-8 is at most 4 bytes a character
            return InputError("E208", source, E.E208.format(size=f"over {path.stat().st_size // 4}", limit=max_chars),
                              "split it, or raise --max-chars")
        data = path.read_bytes()
    except OSError as e:
        return InputError("E206", source, f"cannot read: {e.strerror}")
    text = _decode(data, source)
    if isinstance(text, InputError):
        return text
    err = _check_text(text, source, max_chars)
    return err or Article(path.stem, text, source)


def _row_article(row: dict, source: str, max_chars: int, default_id: str) -> Article | InputError:
    if "text" not in row:
        return InputError("E205", source, E.E205.format(cols=", ".join(map(str, row)) or "none"),
                          "each row needs a 'text' field")
    text = row["text"]
    err = _check_text(text, source, max_chars)
    if err:
        return err
    doc_id = row.get("id")
    doc_id = default_id if doc_id in (None, "") else str(doc_id)

    def opt(k):
        v = row.get(k)
        return None if v in (None, "") else str(v)

    return Article(doc_id, text, source, title=opt("title"), published=opt("published"), url=opt("url"),
                   extra={k: v for k, v in row.items() if k not in ("id", "text", "title", "published", "url")})


def _read_jsonl(path: Path, max_chars: int) -> Iterator[Article | InputError]:
    try:
        f = open(path, "rb")
    except OSError as e:
        yield InputError("E206", str(path), f"cannot read: {e.strerror}")
        return
    with f:
        n_items = 0
        for n, raw in enumerate(f, 1):
            source = f"{path}:{n}"
            if not raw.strip():
                continue
            n_items += 1
            if len(raw) > max_chars * 4 + 1024:
                yield InputError("E208", source, E.E208.format(size=f"over {len(raw) // 4}", limit=max_chars),
                                 "split it, or raise --max-chars")
                continue
            line = _decode(raw, source)
            if isinstance(line, InputError):
                yield line
                continue
            try:
                row = json.loads(line)
            except ValueError as e:
                yield InputError("E204", source, E.E204.format(detail=e), "fix or drop the line")
                continue
            if not isinstance(row, dict):
                yield InputError("E210", source, E.E210)
                continue
            yield _row_article(row, source, max_chars, f"{path.stem}-{n}")
        if not n_items:
            yield InputError("E214", str(path), E.E214, "give a file with one article a line")


def _read_csv(path: Path, max_chars: int) -> Iterator[Article | InputError]:
    # room for a field far over --max-chars, so that an over-long article is read whole and
    # refused (E208) with the rest of the file going on; a field over the csv module's limit
    # would end the file with a parse error
    csv.field_size_limit(min(2**31 - 1, max(max_chars * 4 + 1024, 1 << 28)))
    try:
        f = open(path, encoding="utf-8", newline="", errors="strict")
    except OSError as e:
        yield InputError("E206", str(path), f"cannot read: {e.strerror}")
        return
    with f:
        try:
            reader = csv.DictReader(f)
            fields = reader.fieldnames or []
        except UnicodeDecodeError as e:
            yield InputError("E201", str(path), E.E201.format(pos=e.start), "re-encode the file as UTF-8")
            return
        except csv.Error as e:
            yield InputError("E204", str(path), f"not valid CSV: {e}")
            return
        if "text" not in fields:
            yield InputError("E205", str(path), E.E205.format(cols=", ".join(fields) or "none"),
                             "the CSV needs a 'text' column (and optionally id, title, published, url)")
            return
        n = 1
        n_rows = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as e:
                yield InputError("E201", f"{path}:{n + 1}", E.E201.format(pos=e.start), "re-encode the file as UTF-8")
                break   # the decoder's position is lost: the rest of the file cannot be trusted
            except csv.Error as e:
                yield InputError("E204", f"{path}:{reader.line_num}", f"not valid CSV: {e}")
                break
            n = reader.line_num
            n_rows += 1
            yield _row_article(row, f"{path}:{n}", max_chars, f"{path.stem}-{n}")
        if not n_rows and n == 1:
            yield InputError("E214", str(path), E.E214, "give a CSV with a header and one article a row")
