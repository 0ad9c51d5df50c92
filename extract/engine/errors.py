"""Every error the tool reports, numbered and kept in one place (after spaCy's errors.py).

Each message names the input it is about and what to do. Codes: E1xx patterns, E2xx input,
E3xx the fact database and the Dask engine.
"""


class VnextractError(Exception):
    """Base class: an error that names its input."""


class PatternError(VnextractError):
    """A file in patterns/ is missing or malformed (E1xx)."""


class StorageError(VnextractError):
    """The fact database cannot be opened or used, or an engine option is wrong (E3xx)."""

    def __init__(self, code: str, message: str, hint: str = ""):
        self.code, self.message, self.hint = code, message, hint
        super().__init__(f"{code} {message}" + (f" ({hint})" if hint else ""))

    def __reduce__(self):
        return type(self), (self.code, self.message, self.hint)


class InputError(VnextractError):
    """One input (file, line, row) cannot be processed (E2xx); the batch goes on."""

    def __init__(self, code: str, source: str, message: str, hint: str = ""):
        self.code, self.source, self.message, self.hint = code, source, message, hint
        super().__init__(f"{code} {source}: {message}" + (f" ({hint})" if hint else ""))

    def __reduce__(self):   # picklable: a worker process sends its errors back to the parent
        return type(self), (self.code, self.source, self.message, self.hint)


# Input error codes and their messages.
E201 = "cannot decode as UTF-8 at byte {pos}"
E202 = "looks like a binary file (NUL bytes), not text"
E203 = "empty article (no text)"
E204 = "not valid JSON: {detail}"
E205 = "row has no 'text' field (columns: {cols})"
E206 = "path does not exist"
E207 = "folder holds no .txt, .jsonl or .csv articles"
E208 = "article is {size} characters, over the limit of {limit}"
E209 = "unsupported input type {suffix!r}"
E210 = "row is not a JSON object"
E211 = "'text' is not a string"
E212 = "output {path}: unknown format"   # extract/writers.py
E214 = "file holds no articles (no rows)"
E213 = "doc_id {doc_id!r} was already given by {first} in this run, with a different text"
E297 = "stopped after {seconds} s, its time budget (--timeout)"   # extract/batch.py
E298 = "the worker process died while extracting this article"   # extract/batch.py
E299 = "internal error while extracting: {detail}"                # extract/batch.py

# Fact database and engine error codes and their messages.
E301 = "{path} is not a vnextract fact database"
E302 = "{path} has schema version {found}, newer than this vnextract's {supported}"
E303 = "no fact database at {path}"
E304 = "cannot open the fact database {path}: {detail}"
E305 = "query failed: {detail}"
E306 = "--engine dask writes a folder of Parquet partitions: {detail}"
E307 = "cannot reach the Dask scheduler at {address}: {detail}"
E308 = "{path} has schema version {found}, older than this vnextract's {supported}"
# reading only (extract/io/readonly.py): vnextract query and serve
E320 = "not allowed: {what}"
E321 = "query stopped after {seconds:g} s (--timeout)"
E322 = "query returns more than {n} rows (--max-rows)"
E323 = "vnextract serve needs Datasette: {detail}"


def iso_date_problem(value) -> str | None:
    """Why ``value`` is not an ISO date (``YYYY-MM-DD``, optionally with a time), or None:
    every layer that takes a publication date from a user checks it the same way."""
    from datetime import date
    try:
        date.fromisoformat(str(value)[:10])
    except ValueError:
        return f"published {value!r} is not an ISO date (YYYY-MM-DD)"
    return None
