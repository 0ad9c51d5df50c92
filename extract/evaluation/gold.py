"""The gold set on disk: reading, validating, and trading it with annotation tools.

A gold set is a folder of ``<doc_id>.jsonl`` files (one record per labelled mention: the
contract keys without ``sentence``, plus ``unit``, ``optional``, ``note`` and ``about``, see
gold/GUIDELINES.md) and a ``MANIFEST.json`` that maps each doc_id to the sha256 of its
article's bytes: offsets are only valid for the exact text they were labelled on. An entry
may also carry the article's publication date: ``{"sha256": "…", "published": "2021-04-28"}``
instead of the bare hash; year-less and relative dates are resolved against it when the
gold set is scored (``publication_dates``).

The articles (the "corpus") are a folder of ``<doc_id>.txt`` files, or a ``.jsonl`` file
of rows ``{"id", "text", "published"?}``, or several of them (``read_corpus``): the gold
folder and its articles may live apart, e.g. labels of ``../shared/news/*.jsonl`` rows.

Quantity labels (PERCENT, RATIO, RANK, COUNT, MONEY, DURATION) may carry ``about``, the
statement parts of gold/GUIDELINES.md §6; ``record_problems`` checks their names, offsets and
value shapes. doccano and Label Studio carry ``about`` untouched in their side field (not as
spans an annotator sees or edits); CoNLL/BIO ignores it.

Formats:
- doccano JSONL: ``{"id", "text", "label": [[start, end, "TYPE"], ...], "vnextract": [...]}``;
  offsets are Python ``str`` indices (code points); ``vnextract`` carries our values.
- Label Studio JSON: a list of tasks ``{"data": {"text", "doc_id"}, "annotations":
  [{"result": [...]}], "predictions": [...]}``; each result item is of type ``labels`` with
  ``value: {start, end, text, labels: [TYPE]}`` and our values under ``vnextract``.
  Label Studio counts offsets in UTF-16 code units (JavaScript strings); they are converted
  both ways, so an emoji before a mention does not shift it.
- CoNLL/BIO: one underthesea word per line (syllables joined by ``_``), a tab, its tag
  (``B-TYPE``, ``I-TYPE`` or ``O``), a blank line between sentences. Article body only.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..engine.errors import iso_date_problem
from ..pipeline.contract import CHANGES, QUALIFIERS, TYPES, value_problem

UNIT_TYPES = {"COUNT", "RATIO", "MONEY"}
GOLD_KEYS = ("doc_id", "type", "text", "start", "end", "value", "qualifier", "change", "unit",
             "optional")
# what a label carries besides type and offsets (the side field of doccano/Label Studio)
VALUE_KEYS = ("value", "qualifier", "change", "unit", "optional", "note", "about", "range")
# the types whose labels say what they are about, and the parts (CONTRACT.md "Statements")
STATEMENT_TYPES = ("PERCENT", "RATIO", "RANK", "COUNT", "MONEY", "DURATION")
PARTS = ("measure", "subject", "period", "place", "compared_to", "source")
BODY_END_MARKERS = ("Viết bình luận mới", "Xem thêm", "Gửi phản hồi", "In bài viết",
                    "Thông tin bạn đọc")


# --- reading ---------------------------------------------------------------------------

def read_article(path: Path) -> str:
    """An article's text exactly as labelled: UTF-8, line ends untranslated."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


@dataclass(frozen=True)
class CorpusArticle:
    """One article of a corpus: its exact text, where it came from, its publication date."""

    text: str
    source: str
    published: str | None = None
    sha256: str = ""
    title: str | None = None   # a JSONL row's title, beside the text (vnextract run reads it too)


def corpus_paths(corpus) -> list[Path]:
    """``corpus`` (one path or several) as a list of paths."""
    if isinstance(corpus, (str, Path)):
        return [Path(corpus)]
    return [Path(c) for c in corpus]


def is_jsonl(path: Path) -> bool:
    return Path(path).suffix.lower() == ".jsonl" and Path(path).is_file()


def _read_jsonl_corpus(path: Path, wanted: set[str] | None, out: dict[str, CorpusArticle]) -> None:
    # A row is parsed only when a wanted id stands in its line, as written or \u-escaped:
    # scoring a dozen labelled rows of a 3,000-row file need not parse the rest. (An id
    # written with optional escapes such as "\/" would be missed; no writer does that.)
    tokens = None
    if wanted is not None:
        tokens = tuple({x for d in wanted for x in (d, json.dumps(d)[1:-1])})
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            fallback = f"{path.stem}-{n}"   # the id of a row without one
            if tokens is not None and fallback not in wanted and not any(t in line for t in tokens):
                continue
            row = json.loads(line)
            d = str(row.get("id") or row.get("doc_id") or fallback)
            if (wanted is not None and d not in wanted) or d in out:   # an earlier corpus wins
                continue
            text = row["text"]
            pub = row.get("published") or None
            title = row.get("title") if isinstance(row.get("title"), str) else None
            out[d] = CorpusArticle(text, f"{path}:{n}", None if pub is None else str(pub),
                                   hashlib.sha256(text.encode("utf-8")).hexdigest(), title or None)


def read_corpus(corpus, doc_ids=None) -> dict[str, CorpusArticle]:
    """The articles of ``corpus``, limited to ``doc_ids`` when given.

    ``corpus`` is one path or several: a folder of ``<doc_id>.txt`` files, or a ``.jsonl``
    file of rows with ``id`` (or ``doc_id``), ``text`` and optionally ``published``. An id
    found twice is the first one's. A folder's files are hashed as bytes; a row's text as
    UTF-8. With ``doc_ids``, rows of other articles are skipped before being parsed.
    """
    wanted = None if doc_ids is None else {str(d) for d in doc_ids}
    out: dict[str, CorpusArticle] = {}
    for path in corpus_paths(corpus):
        if is_jsonl(path):
            _read_jsonl_corpus(path, wanted, out)
            continue
        ids = sorted(wanted) if wanted is not None else sorted(p.stem for p in path.glob("*.txt"))
        for d in ids:
            p = path / f"{d}.txt"
            if d not in out and p.exists():
                out[d] = CorpusArticle(read_article(p), str(p), None, sha256_of(p))
    return out


def manifest_entry(entry) -> tuple[str | None, str | None]:
    """``(sha256, published)`` of a MANIFEST.json entry: a bare hash or an object."""
    if isinstance(entry, dict):
        return entry.get("sha256"), entry.get("published")
    return entry, None


def load_published(path: Path) -> dict[str, str]:
    """Publication dates from a file: a JSON object ``{doc_id: "YYYY-MM-DD", …}``, or JSONL
    rows with ``id`` (or ``doc_id``) and ``published``."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".jsonl":
        out = {}
        for line in raw.splitlines():
            if line.strip():
                row = json.loads(line)
                d = row.get("id") or row.get("doc_id")
                if d is not None and row.get("published"):
                    out[str(d)] = str(row["published"])
        return out
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object doc_id -> ISO date")
    return {str(k): str(v) for k, v in data.items() if v}


def publication_dates(gold_dir: Path, corpus=None, published_file: Path | None = None,
                      doc_ids=None) -> dict[str, str]:
    """The publication date of each gold article that has one, from (later wins) the
    MANIFEST.json entries' ``published``, the corpus JSONL rows' ``published`` (of
    ``doc_ids`` only, when given; ``corpus`` is one path or several) and
    ``published_file`` (``load_published``)."""
    out: dict[str, str] = {}
    mpath = Path(gold_dir) / "MANIFEST.json"
    if mpath.exists():
        for d, entry in json.loads(mpath.read_text(encoding="utf-8")).items():
            pub = None if d.startswith("_") else manifest_entry(entry)[1]
            if pub:
                out[d] = str(pub)
    if corpus is not None:
        rows = [c for c in corpus_paths(corpus) if is_jsonl(c)]
        if rows:
            out.update({d: a.published for d, a in read_corpus(rows, doc_ids).items() if a.published})
    if published_file is not None:
        out.update(load_published(published_file))
    return out


def default_corpus(gold_dir: Path) -> Path:
    """``corpus/`` beside the gold folder, else ``../shared/corpus`` beside the repository."""
    gold_dir = Path(gold_dir).resolve()
    here = gold_dir.parent / "corpus"
    return here if here.is_dir() else gold_dir.parent.parent / "shared" / "corpus"


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Gold records per doc_id (file stem), in file order. Blank lines are skipped."""
    out: dict[str, list[dict]] = {}
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        out[path.stem] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                          if line.strip()]
    return out


def load_articles(corpus_dir, doc_ids) -> dict[str, str]:
    """The text of each article in ``doc_ids`` that the corpus holds (folders of
    ``<doc_id>.txt``, ``.jsonl`` files: ``read_corpus``)."""
    return {d: a.text for d, a in read_corpus(corpus_dir, doc_ids).items()}


def load_records(path: Path) -> list[dict]:
    """Records from a JSONL file (a system's output in the contract shape)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- validation ------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One thing wrong with a gold file: where (doc_id, 1-based line or 0) and what."""

    doc_id: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.doc_id}:{self.line}: {self.message}" if self.line else f"{self.doc_id}: {self.message}"


@lru_cache(maxsize=64)
def body_end(text: str) -> int:
    """Where the labelled body stops: the first line that starts with an end-of-body
    marker, or a site footer (``© …``, ``Tổng Biên tập: …``, ``Trụ sở: …``) near the end,
    found as the engine finds it (``extract.dimensions.document.footer_start``)."""
    from ..dimensions.document import footer_start
    from ..engine.text import normalize
    ends = [i for i in (text.find("\n" + m) for m in BODY_END_MARKERS) if i >= 0]
    end = min(ends) if ends else len(text)
    nt = normalize(text)
    foot = footer_start(nt.norm)
    if foot is not None:
        end = min(end, nt.orig_offset(foot))
    return end


def record_problems(rec: dict, article: str | None, doc_id: str) -> list[str]:
    """Every way one gold record breaks the guidelines (empty when it is valid)."""
    missing = [k for k in GOLD_KEYS if k not in rec]
    if missing:
        return [f"missing keys {missing}"]
    p = []
    if rec["doc_id"] != doc_id:
        p.append(f"doc_id {rec['doc_id']!r} is not the file's ({doc_id!r})")
    t = rec["type"]
    if t not in TYPES:
        p.append(f"unknown type {t!r}")
    else:
        vp = value_problem(t, rec["value"])
        if vp:
            p.append(f"{t}: {vp}, got {rec['value']!r}")
        rg = rec.get("range")
        if rg is not None and not (isinstance(rg, dict) and set(rg) == {"min", "max"}):
            p.append(f"{t}: range must be {{min, max}}, got {rg!r}")
        # a RATIO with no noun after it ("một nửa", "50/50") counts nothing named: null (§7)
        if t in UNIT_TYPES and not (isinstance(rec["unit"], str) and rec["unit"]) \
                and not (t == "RATIO" and rec["unit"] is None):
            p.append(f"{t} needs a unit")
        if t not in UNIT_TYPES and rec["unit"] is not None:
            p.append(f"{t} must have unit null")
        if t == "OFFICIAL" and isinstance(rec["value"], dict):
            if rec["value"].get("name") != rec["text"]:
                p.append("OFFICIAL value.name must be the mention's text")
            if not rec["value"].get("titles"):
                p.append("OFFICIAL needs at least one title")
    if rec["qualifier"] not in QUALIFIERS:
        p.append(f"unknown qualifier {rec['qualifier']!r}")
    if rec["change"] not in CHANGES:
        p.append(f"unknown change {rec['change']!r}")
    if not isinstance(rec["optional"], bool):
        p.append("optional must be true or false")
    s, e = rec["start"], rec["end"]
    ints = all(isinstance(x, int) and not isinstance(x, bool) for x in (s, e))
    if article is not None:
        if not (ints and 0 <= s < e <= len(article)):
            p.append(f"offsets {s!r},{e!r} do not index the article (length {len(article)})")
        else:
            if article[s:e] != rec["text"]:
                p.append(f"article[{s}:{e}] is {article[s:e]!r}, text is {rec['text']!r}")
            if e > body_end(article):
                p.append(f"labelled after the end of the body (offset {body_end(article)})")
    elif not (ints and 0 <= s < e):
        p.append(f"bad offsets {s!r},{e!r}")
    if "about" in rec:
        p.extend(about_problems(rec, article))
    return p


# a DATE value as GUIDELINES §4 writes it: a year (or XXXX), then a month, quarter or week,
# a day, a time of day; or a time alone
_ISO_DATE = re.compile(r"(?:\d{4}|XXXX)(?:-(?:Q[1-4]|W\d{2}|\d{2}(?:-\d{2})?))?(?:T\d{2}:\d{2}(?::\d{2})?)?"
                       r"|T\d{2}:\d{2}")


def _time_value_problem(v) -> str | None:
    """Why ``v`` is neither a DATE value (ISO string) nor a PERIOD value ({start, end}), or None."""
    if isinstance(v, str):
        return None if _ISO_DATE.fullmatch(v) else f"{v!r} is not an ISO date"
    if isinstance(v, dict) and set(v) == {"start", "end"}:
        bad = [x for x in (v["start"], v["end"]) if not (isinstance(x, str) and _ISO_DATE.fullmatch(x))]
        return f"{bad[0]!r} is not an ISO date" if bad else None
    return f"{v!r} is neither a DATE value nor a PERIOD value {{start, end}}"


def about_problems(rec: dict, article: str | None) -> list[str]:
    """Every way a gold record's ``about`` breaks GUIDELINES §6 (empty when it is valid)."""
    about, t = rec["about"], rec.get("type")
    if t not in STATEMENT_TYPES:
        return [f"about is only for {', '.join(STATEMENT_TYPES)} labels, not {t}"]
    if not isinstance(about, dict):
        return [f"about must be an object of parts ({{}} for none), got {about!r}"]
    p = []
    for name, part in about.items():
        where = f"about.{name}"
        if name not in PARTS:
            p.append(f"{where}: unknown part (use {', '.join(PARTS)})")
            continue
        if not isinstance(part, dict):
            p.append(f"{where} must be an object {{text, start, end, ...}}, got {part!r}")
            continue
        missing = [k for k in ("text", "start", "end") if k not in part]
        missing += [k for k, need in (("value", ("period", "compared_to")), ("code", ("place",)))
                    if name in need and k not in part]
        if missing:
            p.append(f"{where}: missing keys {missing}")
            continue
        s, e = part["start"], part["end"]
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (s, e)) or not 0 <= s < e:
            p.append(f"{where}: bad offsets {s!r},{e!r}")
        elif article is not None:
            if e > len(article):
                p.append(f"{where}: offsets {s},{e} do not index the article (length {len(article)})")
            elif article[s:e] != part["text"]:
                p.append(f"{where}: article[{s}:{e}] is {article[s:e]!r}, text is {part['text']!r}")
        if "carried" in part and not isinstance(part["carried"], bool):
            p.append(f"{where}: carried must be true or false")
        if name == "period" or (name == "compared_to" and part["value"] is not None):
            vp = _time_value_problem(part["value"])
            if vp:
                p.append(f"{where}: value {vp}" + (" (or null)" if name == "compared_to" else ""))
        if name == "place":
            code = part["code"]
            if not (isinstance(code, str) and len(code) == 2 and code.isascii() and code.isdigit()):
                p.append(f"{where}: code must be the province's two-digit GSO code as a string, got {code!r}")
            if "name" in part and not (isinstance(part["name"], str) and part["name"]):
                p.append(f"{where}: name must be a non-empty string")
    return p


def validate_gold(gold_dir: Path, corpus_dir=None) -> list[Problem]:
    """Every problem in a gold folder; empty when it is valid.

    Checks: MANIFEST.json lists exactly the gold files and each article's sha256 matches
    (else its offsets are void); publication dates (MANIFEST.json ``published``, corpus
    rows) are ISO dates; each line is a JSON object with the gold keys; type,
    value, unit, qualifier and change are well-formed (``extract.pipeline.contract``);
    ``text == article[start:end]``; nothing after the end of the body; no duplicate
    ``(type, start, end)``; records sorted by start; ``about`` (``about_problems``), and
    in an article where some required quantity label has it, every one has.
    ``corpus_dir`` is one corpus path or several (``read_corpus``).
    """
    gold_dir = Path(gold_dir)
    corpora = corpus_paths(corpus_dir) if corpus_dir else [default_corpus(gold_dir)]
    problems: list[Problem] = []
    mpath = gold_dir / "MANIFEST.json"
    manifest = json.loads(mpath.read_text(encoding="utf-8")) if mpath.exists() else None
    files = sorted(gold_dir.glob("*.jsonl"))
    if not files:
        return [Problem(str(gold_dir), 0, "no gold files (<doc_id>.jsonl)")]
    if manifest is None:
        problems.append(Problem("MANIFEST.json", 0, f"missing in {gold_dir}: run `vnextract gold import` "
                                                    "or write the sha256 of each article"))
    else:
        # a key that starts with "_" is a comment (as in floors.json), not an article
        for d in sorted(d for d in set(manifest) - {p.stem for p in files} if not d.startswith("_")):
            problems.append(Problem(d, 0, "in MANIFEST.json but has no gold file"))
    corpus = read_corpus(corpora, [p.stem for p in files])
    for path in files:
        doc_id = path.stem
        art = corpus.get(doc_id)
        article = None
        if art is None:
            where = " or ".join(f"a row of {c}" if is_jsonl(c) else str(c / f"{doc_id}.txt") for c in corpora)
            problems.append(Problem(doc_id, 0, f"article not found at {where}"))
        else:
            article = art.text
            if art.published and iso_date_problem(art.published):
                problems.append(Problem(doc_id, 0, f"corpus: {iso_date_problem(art.published)}"))
            if manifest is not None:
                sha, pub = manifest_entry(manifest.get(doc_id))
                if doc_id not in manifest:
                    problems.append(Problem(doc_id, 0, "not in MANIFEST.json"))
                elif art.sha256 != sha:
                    problems.append(Problem(doc_id, 0, "article text changed since labelling "
                                                       "(sha256 differs from MANIFEST.json): re-label it"))
                if pub and iso_date_problem(pub):
                    problems.append(Problem(doc_id, 0, f"MANIFEST.json: {iso_date_problem(pub)}"))
        seen: set = set()
        prev = -1
        with_about, without_about = 0, []   # required quantity labels (line, type)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                problems.append(Problem(doc_id, n, f"invalid JSON: {e}"))
                continue
            if not isinstance(rec, dict):
                problems.append(Problem(doc_id, n, "not a JSON object"))
                continue
            msgs = record_problems(rec, article, doc_id)
            problems.extend(Problem(doc_id, n, m) for m in msgs)
            if msgs and msgs[0].startswith("missing keys"):
                continue
            key = (rec["type"], rec["start"], rec["end"])
            if key in seen:
                problems.append(Problem(doc_id, n, f"duplicate {key}"))
            seen.add(key)
            if isinstance(rec["start"], int):
                if rec["start"] < prev:
                    problems.append(Problem(doc_id, n, "records not sorted by start"))
                prev = rec["start"]
            if rec["type"] in STATEMENT_TYPES and rec["optional"] is not True:
                if "about" in rec:
                    with_about += 1
                else:
                    without_about.append((n, rec["type"]))
        # statements are scored per article: one left unlabelled would count its system parts as false
        if with_about:
            problems.extend(Problem(doc_id, n, f"{t} has no about while other labels of this article have "
                                               "(every quantity label carries one, {} for none; GUIDELINES §6)")
                            for n, t in without_about)
    return problems


# --- writing ---------------------------------------------------------------------------

def gold_record(doc_id: str, text: str, type_: str, start: int, end: int, extra: dict | None) -> dict:
    """A gold record from a label and its side values (missing values are null)."""
    extra = extra or {}
    rec = {"doc_id": doc_id, "type": type_, "text": text[start:end], "start": start, "end": end}
    for k in VALUE_KEYS:
        rec[k] = extra.get(k, False if k == "optional" else None)
    if rec["note"] is None:
        del rec["note"]
    if "about" not in extra:   # {} says "about nothing"; no key says "not labelled"
        del rec["about"]
    if "range" not in extra:   # only a range has one (CONTRACT.md "Ranges, signs …")
        del rec["range"]
    return rec


def write_gold(gold_dir: Path, corpus_dir: Path, doc_id: str, text: str, records: list[dict]) -> None:
    """Write ``<doc_id>.jsonl`` (sorted by start), the article if the corpus lacks it, and
    its sha256 in MANIFEST.json. Refuses to relabel an article whose text differs."""
    gold_dir, corpus_dir = Path(gold_dir), Path(corpus_dir)
    art = corpus_dir / f"{doc_id}.txt"
    if art.exists():
        if read_article(art) != text:
            raise ValueError(f"{doc_id}: the imported text differs from {art}; "
                             "labels must be made on the corpus text as it is")
    else:
        corpus_dir.mkdir(parents=True, exist_ok=True)
        art.write_bytes(text.encode("utf-8"))
    gold_dir.mkdir(parents=True, exist_ok=True)
    records = sorted(records, key=lambda r: (r["start"], r["end"], r["type"]))
    with open(gold_dir / f"{doc_id}.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    mpath = gold_dir / "MANIFEST.json"
    manifest = json.loads(mpath.read_text(encoding="utf-8")) if mpath.exists() else {}
    if isinstance(manifest.get(doc_id), dict):   # keep its publication date
        manifest[doc_id] = dict(manifest[doc_id], sha256=sha256_of(art))
    else:
        manifest[doc_id] = sha256_of(art)
    mpath.write_text(json.dumps(dict(sorted(manifest.items())), indent=2) + "\n", encoding="utf-8")


def _side(rec: dict) -> dict:
    return {"type": rec["type"], "start": rec["start"], "end": rec["end"],
            **{k: rec[k] for k in VALUE_KEYS if k in rec}}


# --- doccano ---------------------------------------------------------------------------

def to_doccano(gold: dict[str, list[dict]], articles: dict[str, str]) -> list[dict]:
    """One doccano sequence-labelling line per article, our values in ``vnextract``."""
    return [{"id": d, "text": articles[d],
             "label": [[r["start"], r["end"], r["type"]] for r in recs],
             "vnextract": [_side(r) for r in recs]}
            for d, recs in gold.items()]


def from_doccano(lines: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """``(doc_id, text, gold records)`` per doccano line. Values come from the side field
    ``vnextract`` (matched by type and offsets); a label without one gets null values."""
    out = []
    for n, row in enumerate(lines, 1):
        text = row["text"]
        doc_id = str(row.get("doc_id") or row.get("id") or f"doc{n}")
        side = {(s["type"], s["start"], s["end"]): s for s in row.get("vnextract") or []}
        labels = row.get("label") or row.get("labels") or []
        recs = []
        for item in labels:
            s, e, t = item[:3] if isinstance(item, list) else (item["start_offset"], item["end_offset"], item["label"])
            recs.append(gold_record(doc_id, text, t, s, e, side.get((t, s, e))))
        out.append((doc_id, text, recs))
    return out


# --- Label Studio ----------------------------------------------------------------------

def _utf16_map(text: str) -> list[int]:
    """UTF-16 offset of each code point offset 0..len(text)."""
    out, n = [0], 0
    for ch in text:
        n += 2 if ord(ch) > 0xFFFF else 1
        out.append(n)
    return out


def _ls_results(recs: list[dict], text: str, prefix: str) -> list[dict]:
    u16 = _utf16_map(text)
    return [{"id": f"{prefix}{i}", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": u16[r["start"]], "end": u16[r["end"]],
                       "text": text[r["start"]:r["end"]], "labels": [r["type"]]},
             "vnextract": _side(r)}
            for i, r in enumerate(recs)]


def to_labelstudio(gold: dict[str, list[dict]], articles: dict[str, str],
                   predictions: dict[str, list[dict]] | None = None,
                   model_version: str = "vnextract") -> list[dict]:
    """Label Studio tasks: gold as ``annotations``, a system's records as ``predictions``."""
    tasks = []
    for d in sorted(set(gold) | set(predictions or {})):
        if d not in articles:
            continue
        text = articles[d]
        task = {"data": {"text": text, "doc_id": d}}
        if d in gold:
            task["annotations"] = [{"result": _ls_results(gold[d], text, f"{d}-g")}]
        if predictions and d in predictions:
            task["predictions"] = [{"model_version": model_version,
                                    "result": _ls_results(predictions[d], text, f"{d}-p")}]
        tasks.append(task)
    return tasks


def from_labelstudio(tasks: list[dict], use: str = "annotations") -> list[tuple[str, str, list[dict]]]:
    """``(doc_id, text, gold records)`` per task from its last annotation (or prediction)."""
    out = []
    for n, task in enumerate(tasks, 1):
        data = task.get("data") or {}
        text = data["text"]
        doc_id = str(data.get("doc_id") or task.get("id") or f"doc{n}")
        back = {u: i for i, u in enumerate(_utf16_map(text))}
        sets = task.get(use) or []
        results = sets[-1].get("result", []) if sets else []
        recs = []
        for item in results:
            if item.get("type") != "labels":
                continue
            v = item["value"]
            s, e = back[v["start"]], back[v["end"]]
            for t in v["labels"]:
                side = item.get("vnextract")
                if side and (side.get("type"), side.get("start"), side.get("end")) != (t, s, e):
                    side = None   # the annotator moved or relabelled the span: values no longer apply
                recs.append(gold_record(doc_id, text, t, s, e, side))
        out.append((doc_id, text, recs))
    return out


# --- CoNLL / BIO -----------------------------------------------------------------------

def bio_lines(text: str, records: list[dict]) -> tuple[list[str], int]:
    """CoNLL lines for the body of ``text`` tagged with ``records``, and how many records
    could not be tagged (they overlap an earlier one).

    Words come from the engine's segmentation (underthesea, offsets into the text as
    given); a word that a label starts or ends inside is cut at the label's boundary, so
    every label maps to whole tokens. A word's syllables are joined with ``_``.
    """
    from ..dimensions.document import body_end as find_body_end, sentences
    from ..engine.segment import segment
    from ..engine.text import normalize

    nt = normalize(text)
    end = find_body_end(nt.norm)
    tokens = segment(nt.norm[:end])
    spans = sorted(((r["start"], r["end"], r["type"]) for r in records), key=lambda x: (x[0], -x[1]))
    kept, skipped, last_end = [], 0, -1
    for s, e, t in spans:
        if s < last_end:
            skipped += 1
            continue
        kept.append((s, e, t))
        last_end = e
    cuts = sorted({x for s, e, _ in kept for x in (s, e)})
    lines: list[str] = []
    k = 0   # index of the first kept label that may still apply
    for ss, se in sentences(nt.norm, 0, end):
        sent_lines = []
        for ts, te in tokens:
            if ts < ss or te > se:
                continue
            os_, oe = nt.orig_span(ts, te)
            inner = [c for c in cuts if os_ < c < oe]
            for ps, pe in zip([os_] + inner, inner + [oe]):
                word = "_".join(text[ps:pe].split())
                if not word:
                    continue
                while k < len(kept) and kept[k][1] <= ps:
                    k += 1
                tag = "O"
                if k < len(kept) and kept[k][0] <= ps < kept[k][1]:
                    s, _, t = kept[k]
                    tag = ("B-" if ps == s or not _started(sent_lines, kept[k], text) else "I-") + t
                sent_lines.append((ps, f"{word}\t{tag}"))
        if sent_lines:
            lines.extend(line for _, line in sent_lines)
            lines.append("")
    return lines, skipped


def _started(sent_lines, label, text) -> bool:
    """True when an earlier token of this sentence already carries ``label``."""
    s, e, _ = label
    return any(s <= ps < e for ps, _ in sent_lines)
