#!/usr/bin/env python3
"""Self-check for the hand-labelled gold set.

Usage:  python3 gold/_check.py [CORPUS_DIR]

CORPUS_DIR defaults to $VNEXTRACT_CORPUS, else <repo>/../shared/corpus
(shared/ sits beside the repository clone).

Checks, per gold/<doc_id>.jsonl:
  * MANIFEST.json lists exactly the gold files, and each article's sha256
    (of its raw bytes) matches the manifest
  * every record has the required keys with the right kinds of values
  * text == article[start:end] (Python str offsets, file read with newline="")
  * no duplicate (type, start, end); records sorted by start
  * nothing is labelled after the end of the article body
Exits non-zero on any failure. Plain python3, no dependencies.
"""
import hashlib
import json
import os
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent
TYPES = {"DATE", "PERIOD", "DURATION", "PERCENT", "RATIO", "RANK", "COUNT",
         "MONEY", "OFFICIAL", "LEGAL_REF"}
UNIT_TYPES = {"COUNT", "RATIO", "MONEY"}
QUALIFIERS = {None, "approx", "over", "under", "at_least", "at_most"}
CHANGES = {None, "increase", "decrease"}
REQUIRED = ["doc_id", "type", "text", "start", "end", "value", "qualifier",
            "change", "unit", "optional"]
BODY_END_MARKERS = ["Viết bình luận mới", "Xem thêm", "Gửi phản hồi",
                    "In bài viết", "Thông tin bạn đọc"]


def corpus_dir():
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    if os.environ.get("VNEXTRACT_CORPUS"):
        return Path(os.environ["VNEXTRACT_CORPUS"])
    return GOLD.parent.parent / "shared" / "corpus"


def body_end(text):
    ends = [text.find("\n" + m) for m in BODY_END_MARKERS]
    ends = [e for e in ends if e >= 0]
    return min(ends) if ends else len(text)


def check_value(r, err):
    t, v = r["type"], r["value"]
    if t == "DATE" or t == "DURATION":
        ok = isinstance(v, str) and v
    elif t == "PERIOD":
        ok = isinstance(v, dict) and isinstance(v.get("start"), str) and isinstance(v.get("end"), str)
    elif t in ("PERCENT", "COUNT", "MONEY"):
        ok = isinstance(v, (int, float)) and not isinstance(v, bool)
    elif t == "RATIO":
        ok = isinstance(v, dict) and all(isinstance(v.get(k), int) for k in ("numerator", "denominator"))
    elif t == "RANK":
        ok = isinstance(v, dict) and all(isinstance(v.get(k), int) for k in ("rank", "of"))
    elif t == "OFFICIAL":
        ok = (isinstance(v, dict) and v.get("name") == r["text"]
              and isinstance(v.get("titles"), list) and v["titles"])
    elif t == "LEGAL_REF":
        ok = isinstance(v, dict) and isinstance(v.get("kind"), str) and "number" in v
    else:
        ok = False
    if not ok:
        err(f"bad value for {t}: {v!r}")
    if t in UNIT_TYPES:
        if (not isinstance(r["unit"], str) or not r["unit"]) and not (t == "RATIO" and r["unit"] is None):
            err(f"{t} needs a unit")   # a RATIO with no noun after it ("một nửa") has null (§7)
    elif r["unit"] is not None:
        err(f"{t} must have unit null")


def main():
    cdir = corpus_dir()
    failures = 0
    manifest = json.loads((GOLD / "MANIFEST.json").read_text(encoding="utf-8"))
    gold_files = sorted(GOLD.glob("*.jsonl"))
    gold_ids = {p.stem for p in gold_files}
    if gold_ids != set(manifest):
        print(f"FAIL manifest ids {sorted(manifest)} != gold files {sorted(gold_ids)}")
        failures += 1
    summary = {}
    for path in gold_files:
        doc_id = path.stem
        art_path = cdir / (doc_id + ".txt")
        if not art_path.exists():
            print(f"FAIL {doc_id}: article not found at {art_path}")
            failures += 1
            continue
        raw = art_path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != manifest.get(doc_id):
            print(f"FAIL {doc_id}: article text changed (sha256 mismatch with MANIFEST.json)")
            failures += 1
        with open(art_path, encoding="utf-8", newline="") as f:
            art = f.read()
        bend = body_end(art)
        seen = set()
        prev_start = -1
        counts = {}
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue

            def err(msg, n=n):
                nonlocal failures
                failures += 1
                print(f"FAIL {doc_id}:{n}: {msg}")

            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"invalid JSON: {e}")
                continue
            missing = [k for k in REQUIRED if k not in r]
            if missing:
                err(f"missing keys {missing}")
                continue
            if r["doc_id"] != doc_id:
                err(f"doc_id {r['doc_id']!r} != file stem")
            if r["type"] not in TYPES:
                err(f"unknown type {r['type']!r}")
            if r["qualifier"] not in QUALIFIERS:
                err(f"bad qualifier {r['qualifier']!r}")
            if r["change"] not in CHANGES:
                err(f"bad change {r['change']!r}")
            if not isinstance(r["optional"], bool):
                err("optional must be true/false")
            s, e = r["start"], r["end"]
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(art)):
                err(f"bad offsets {s},{e}")
                continue
            if art[s:e] != r["text"]:
                err(f"offset mismatch: article[{s}:{e}]={art[s:e]!r} text={r['text']!r}")
            if e > bend:
                err(f"mention after the end of the body (body ends at {bend})")
            key = (r["type"], s, e)
            if key in seen:
                err(f"duplicate {key}")
            seen.add(key)
            if s < prev_start:
                err("records not sorted by start")
            prev_start = s
            if r["type"] in TYPES:
                check_value(r, err)
            counts[r["type"]] = counts.get(r["type"], 0) + 1
        summary[doc_id] = counts
    for doc_id, counts in summary.items():
        total = sum(counts.values())
        print(f"{doc_id}: {total} mentions " + ", ".join(f"{k}={counts[k]}" for k in sorted(counts)))
    if failures:
        print(f"{failures} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
