"""What the linker linked, drawn: each statement's parts as displaCy dependency arcs.

For every sentence that holds a quantity with a non-empty ``about`` (CONTRACT.md
"Statements"), the sentence is cut into chunks — each number, each part's text and the text
between them — and an arc goes from each number to each of its parts, labelled with the part
name. A part written outside the sentence (carried from an earlier sentence, the lead or the
title) is an extra chunk at the start, marked ``↑`` (``↓`` if it stands after the sentence).
Under each drawing a table lists the parts with their values (period value, place code).

``sentence_groups`` and ``build_parse`` are pure (the displaCy manual ``{"words", "arcs"}``
dict); ``render_statements`` renders them.
"""
from __future__ import annotations

import html
import json

PART_ORDER = ("measure", "subject", "period", "place", "compared_to", "source")
QUANTITY_TYPES = ("PERCENT", "RATIO", "RANK", "COUNT", "MONEY", "DURATION")
MAX_BETWEEN_WORDS = 6    # longer in-between text is collapsed to its first and last words around "…"
MAX_CHUNK_CHARS = 48     # longer part texts are shortened around "…"


def _about(rec: dict) -> dict:
    a = rec.get("about")
    return a if isinstance(a, dict) else {}


def _has_about(rec: dict) -> bool:
    return rec.get("type") in QUANTITY_TYPES and bool(_about(rec)) and isinstance(rec.get("start"), int)


def _sentence_span(text: str, rec: dict) -> tuple[int, int]:
    """The offsets of the record's ``sentence`` in ``text`` (the occurrence that holds the
    mention), else of the line it stands in."""
    s, e = rec["start"], rec["end"]
    sent = rec.get("sentence") or ""
    if sent:
        i = text.find(sent)
        while 0 <= i <= s:
            if i + len(sent) >= e:
                return i, i + len(sent)
            i = text.find(sent, i + 1)
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    return a, len(text) if b < 0 else b


def sentence_groups(text: str, records: list[dict]) -> list[tuple[int, int, list[dict]]]:
    """``(start, end, quantities)`` for each sentence holding a quantity with a non-empty
    ``about``, in text order; the quantities in text order."""
    groups: dict[tuple[int, int], list[dict]] = {}
    for r in records:
        if _has_about(r):
            groups.setdefault(_sentence_span(text, r), []).append(r)
    return [(a, b, sorted(rs, key=lambda r: (r["start"], r["end"]))) for (a, b), rs in sorted(groups.items())]


def _shorten(s: str, limit: int = MAX_CHUNK_CHARS) -> str:
    s = " ".join(s.split())
    if len(s) <= limit:
        return s
    half = (limit - 1) // 2
    return s[:half].rstrip() + "…" + s[-half:].lstrip()


def _between(s: str) -> str:
    words = s.split()
    if len(words) > MAX_BETWEEN_WORDS:
        return " ".join(words[:2] + ["…"] + words[-2:])
    return " ".join(words)


def _parts(rec: dict):
    about = _about(rec)
    for name in PART_ORDER:
        p = about.get(name)
        if isinstance(p, dict):
            yield name, p
    for name, p in about.items():   # parts outside the contract's six, still drawn
        if name not in PART_ORDER and isinstance(p, dict):
            yield name, p


def _inside(p: dict, a: int, b: int) -> bool:
    s, e = p.get("start"), p.get("end")
    return isinstance(s, int) and isinstance(e, int) and a <= s and e <= b and s < e


def build_parse(text: str, start: int, end: int, quantities: list[dict]) -> dict:
    """The displaCy manual dict ``{"words": [{"text", "tag"}], "arcs": [{"start", "end",
    "label", "dir"}]}`` of one sentence ``text[start:end]`` and its ``quantities``.

    Words: the parts written outside the sentence first (``↑ text``, tag ``carried``), then
    the sentence in chunks: each number (tag: its type), each part's text (tag: empty) and the
    stripped text between them (tag: empty; long text collapsed around ``…``). Arcs go from
    each number to each of its parts, labelled with the part name. A part whose span overlaps
    a chunk already taken (a number, or another part) is linked to that chunk."""
    # spans in the sentence: numbers first, then parts by position; an overlapping one is merged
    taken: list[list] = []          # [start, end, tag]

    def place(s: int, e: int, tag: str) -> int:
        for k, (ts, te, _) in enumerate(taken):
            if s < te and ts < e:
                return k
        taken.append([s, e, tag])
        return len(taken) - 1

    num_idx = {id(q): place(q["start"], q["end"], q["type"]) for q in quantities}
    outside: dict[tuple, int] = {}    # (start, end, text) -> order of appearance
    links = []   # (quantity, part name, ("in", k) or ("out", key))
    inner = sorted(((q, n, p) for q in quantities for n, p in _parts(q) if _inside(p, start, end)),
                   key=lambda x: (x[2]["start"], -x[2]["end"]))
    in_idx = {(id(q), n): place(p["start"], p["end"], "") for q, n, p in inner}
    for q in quantities:
        for n, p in _parts(q):
            if (id(q), n) in in_idx:
                links.append((q, n, ("in", in_idx[id(q), n])))
            else:
                key = (p.get("start"), p.get("end"), p.get("text") or "")
                outside.setdefault(key, len(outside))
                links.append((q, n, ("out", key)))

    words: list[dict] = []
    out_pos: dict[tuple, int] = {}
    for key in sorted(outside, key=lambda k: (k[0] if isinstance(k[0], int) else -1, outside[k])):
        s = key[0]
        mark = "↓" if isinstance(s, int) and s >= end else "↑"
        out_pos[key] = len(words)
        words.append({"text": f"{mark} {_shorten(key[2])}", "tag": "carried"})
    in_pos: dict[int, int] = {}
    cur = start
    for k in sorted(range(len(taken)), key=lambda k: taken[k][0]):
        s, e, tag = taken[k]
        gap = _between(text[cur:s])
        if gap:
            words.append({"text": gap, "tag": ""})
        in_pos[k] = len(words)
        words.append({"text": _shorten(text[s:e]), "tag": tag})
        cur = e
    gap = _between(text[cur:end])
    if gap:
        words.append({"text": gap, "tag": ""})

    arcs, seen = [], set()
    for q, n, (where, ref) in links:
        head = in_pos[num_idx[id(q)]]
        dep = in_pos[ref] if where == "in" else out_pos[ref]
        if dep == head or (head, dep, n) in seen:
            continue
        seen.add((head, dep, n))
        arcs.append({"start": min(head, dep), "end": max(head, dep), "label": n,
                     "dir": "right" if dep > head else "left"})
    return {"words": words, "arcs": arcs}


def _part_value(name: str, p: dict) -> str:
    bits = []
    if "value" in p:
        v = p["value"]
        if isinstance(v, dict) and set(v) == {"start", "end"}:
            bits.append(f"{v['start']} … {v['end']}")
        else:
            bits.append(json.dumps(v, ensure_ascii=False))
    if p.get("code") is not None:
        bits.append(f"code {p['code']}")
    if p.get("name"):
        bits.append(str(p["name"]))
    return "; ".join(bits)


def parts_table(quantities: list[dict]) -> str:
    """An HTML table of each quantity's parts: number, part, text [offsets], value/code, carried."""
    e = html.escape
    rows = ["<table class='vnx-parts'><tr><th>number</th><th>part</th><th>text</th>"
            "<th>value / code</th><th>carried</th></tr>"]
    for q in quantities:
        ps = list(_parts(q))
        for i, (n, p) in enumerate(ps):
            head = (f"<td rowspan={len(ps)}>{e(q.get('type', ''))} {e(q.get('text', ''))}</td>" if i == 0 else "")
            rows.append(f"<tr>{head}<td class='k'>{e(n)}</td><td>{e(p.get('text') or '')} "
                        f"[{e(str(p.get('start')))}:{e(str(p.get('end')))})</td>"
                        f"<td>{e(_part_value(n, p))}</td><td>{'✓' if p.get('carried') else ''}</td></tr>")
    rows.append("</table>")
    return "\n".join(rows)


_CSS = ("<style>.vnx-stmt{margin:1em 0 2em}.vnx-stmt .vnx-sent{color:#444;font-size:90%}"
        ".vnx-scroll{overflow-x:auto}table.vnx-parts{border-collapse:collapse;font-size:90%}"
        "table.vnx-parts td,table.vnx-parts th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top}"
        ".k{font-weight:bold}</style>")


def render_statements(text: str, records: list[dict], *, page: bool = True, title: str = "vnextract statements") -> str:
    """HTML drawing each statement's links: per sentence, displaCy arcs from each number to
    its parts (``build_parse``) and the table of the parts with their values. ``page=False``
    gives a fragment (for embedding), else a whole page."""
    from spacy import displacy

    e = html.escape
    out = []
    for n, (a, b, qs) in enumerate(sentence_groups(text, records)):
        parse = build_parse(text, a, b, qs)
        # displaCy escapes word texts but not tags: escape them here
        parse = {"words": [{"text": w["text"], "tag": e(w["tag"])} for w in parse["words"]],
                 "arcs": parse["arcs"]}
        longest = max((len(w["text"]) for w in parse["words"]), default=10)
        options = {"distance": max(110, min(420, 8 * longest + 30)), "compact": True,
                   "word_spacing": 30, "offset_x": 60}
        svg = displacy.render(parse, style="dep", manual=True, page=False, jupyter=False, options=options)
        out.append(f"<div class='vnx-stmt'><p class='vnx-sent'>[{a}:{b}) {e(text[a:b])}</p>"
                   f"<div class='vnx-scroll'>{svg}</div>{parts_table(qs)}</div>")
    body = "\n".join(out) or "<p>No statement: no quantity with parts.</p>"
    if not page:
        return _CSS + body
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{e(title)}</title>{_CSS}"
            f"<style>body{{font-family:sans-serif;margin:2em}}</style></head><body><h1>{e(title)}</h1>\n"
            f"{body}\n</body></html>")


# --- vnextract show ------------------------------------------------------------------------------

def add_show_parser(subparsers) -> None:
    p = subparsers.add_parser("show", help="draw the statements of one article as HTML",
                              description="Run the pipeline on one article (a .txt file, - for stdin, or "
                                          "the text itself) and write an HTML page drawing each statement: "
                                          "displaCy arcs from each number to its parts, and a table of the "
                                          "parts with their values.")
    p.add_argument("source", metavar="FILE_OR_TEXT", help="a .txt file, - for stdin, or the article text")
    p.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD)")
    p.add_argument("-o", "--output", default="show.html", help="the HTML file (default: show.html)")
    p.set_defaults(func=cmd_show)


def cmd_show(args) -> int:
    import sys
    from pathlib import Path

    from .. import extract
    from ..engine.errors import VnextractError

    src = args.source
    if args.published:
        from ..engine.errors import iso_date_problem
        problem = iso_date_problem(args.published)
        if problem:
            print(f"vnextract: {problem}", file=sys.stderr)
            return 2
    try:
        if src == "-":
            text, name = sys.stdin.read(), "stdin"
        elif Path(src).is_file():
            text, name = Path(src).read_text(encoding="utf-8-sig"), Path(src).name
        elif src.endswith(".txt") or "\n" not in src and len(src) < 200 and Path(src).suffix:
            print(f"vnextract: {src}: no such file", file=sys.stderr)
            return 2
        else:
            text, name = src, "text"
    except (OSError, UnicodeDecodeError) as e:
        print(f"vnextract: cannot read {src}: {e}", file=sys.stderr)
        return 2
    try:
        records = extract(text, published=args.published)
    except (ValueError, VnextractError) as e:
        print(f"vnextract: {e}", file=sys.stderr)
        return 2
    out = Path(args.output)
    try:
        out.write_text(render_statements(text, records, title=f"vnextract statements — {name}"), encoding="utf-8")
    except OSError as e:
        print(f"vnextract: cannot write {out}: {e}", file=sys.stderr)
        return 2
    print(out)
    return 0
