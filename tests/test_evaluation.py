"""The evaluator checked against hand-computed answers, the gold set's validator run on every
gold file, the annotation formats round-tripped, and `vnextract eval` with a floor.

Scores here never depend on the pipeline's accuracy, except the one CLI test that runs the
pipeline with a floor low enough to pass whatever the rules find.
"""
import argparse
import json
import shutil
from pathlib import Path

import pytest

from extract.evaluation import gold as G
from extract.evaluation.evaluate import (Counts, add_eval_parser, add_gold_parser, check_floors, evaluate,
                                parse_floors, render_html, same, underthesea_records, value_correct)

ROOT = Path(__file__).parent.parent
GOLD = ROOT / "gold"
CORPUS = ROOT / "corpus"

TEXT = "Tỷ lệ đạt 50,2%, tăng 10% so với năm 2022; có hơn 39.000 hồ sơ và 63/63 địa phương."


def at(sub, nth=0, text=TEXT):
    """Half-open offsets of the ``nth`` occurrence of ``sub`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def rec(type_, sub, value, *, optional=False, unit=None, qualifier=None, change=None, span=None,
        doc_id="d", text=TEXT):
    s, e = span or at(sub, text=text)
    return {"doc_id": doc_id, "type": type_, "text": text[s:e], "start": s, "end": e, "value": value,
            "unit": unit, "qualifier": qualifier, "change": change, "optional": optional}


def score(gold, system, **kw):
    return evaluate(gold, system, {"d": TEXT}, **kw)


def counts(c: Counts):
    return (c.tp, c.fp, c.fn)


# --- hand-worked scores -------------------------------------------------------------------

def test_exact_versus_overlap():
    gold = [rec("PERCENT", "50,2%", 50.2), rec("PERCENT", "tăng 10%", 10, change="increase"),
            rec("DATE", "năm 2022", "2022")]
    system = [rec("PERCENT", "50,2%", 50.2), rec("PERCENT", "10%", 10), rec("DATE", "2022", "2022")]
    r = score(gold, system)
    p = r.rows["PERCENT"]
    assert (p.gold, p.system) == (2, 2)
    assert counts(p.span) == (1, 1, 1) and p.span.f1 == 0.5
    assert counts(p.overlap) == (2, 0, 0) and p.overlap.f1 == 1.0
    assert counts(p.fact) == (1, 1, 1)
    d = r.rows["DATE"]
    assert counts(d.span) == (0, 1, 1) and d.span.f1 == 0.0
    assert counts(d.overlap) == (1, 0, 0)
    assert counts(r.overall.span) == (1, 2, 2)
    assert r.overall.span.precision == pytest.approx(1 / 3)
    assert counts(r.overall.overlap) == (3, 0, 0)
    assert sorted(e["kind"] for e in r.errors) == ["boundary", "boundary"]


def test_off_by_one_ends():
    g = rec("PERCENT", "50,2%", 50.2)
    s, e = g["start"], g["end"]
    longer = rec("PERCENT", "", 50.2, span=(s, e + 1))    # one character too many
    shorter = rec("PERCENT", "", 50.2, span=(s, e - 1))   # the inclusive-end mistake
    touching = rec("PERCENT", "", 50.2, span=(e, e + 2))  # starts where the gold ends
    for sysrec in (longer, shorter):
        r = score([g], [sysrec])
        assert counts(r.rows["PERCENT"].span) == (0, 1, 1)
        assert counts(r.rows["PERCENT"].overlap) == (1, 0, 0)
        assert counts(r.rows["PERCENT"].fact) == (0, 1, 1)
    r = score([g], [touching])
    assert counts(r.rows["PERCENT"].overlap) == (0, 1, 1)   # [s, e) and [e, e+2) share nothing
    assert {x["kind"] for x in r.errors} == {"missed", "false"}


def test_optional_gold_is_neither_gained_nor_lost():
    gold = [rec("COUNT", "hơn 39.000 hồ sơ", 39000, unit="hồ sơ", qualifier="over"),
            rec("RATIO", "63/63 địa phương", {"numerator": 63, "denominator": 63}, unit="địa phương",
                optional=True),
            rec("DATE", "năm 2022", "2022", optional=True)]
    system = [rec("COUNT", "hơn 39.000 hồ sơ", 39000, unit="hồ sơ", qualifier="over"),
              rec("RATIO", "63/63 địa phương", {"numerator": 1, "denominator": 2}, unit="x")]
    r = score(gold, system)
    assert (r.overall.gold, r.overall.optional, r.overall.system) == (1, 2, 2)
    for c in (r.overall.span, r.overall.overlap, r.overall.fact):
        assert counts(c) == (1, 0, 0)
    assert r.overall.wrong_value == 0
    assert r.errors == []
    # a partial match of an optional mention: a false positive for exact spans only
    r = score(gold, [rec("DATE", "2022", "2022")])
    assert counts(r.rows["DATE"].span) == (0, 1, 0)
    assert counts(r.rows["DATE"].overlap) == (0, 0, 0)
    assert counts(r.rows["COUNT"].span) == (0, 0, 1)


def test_optional_gold_does_not_steal_a_required_match():
    text = "Sáng nay (16/10), họp."
    gold = [rec("DATE", "Sáng nay", "2023-10-16", optional=True, text=text),
            rec("DATE", "16/10", "2023-10-16", text=text)]
    wide = rec("DATE", "Sáng nay (16/10)", "2023-10-16", text=text)
    r = evaluate(gold, [wide], {"d": text})
    assert counts(r.rows["DATE"].overlap) == (1, 0, 0)
    assert counts(r.rows["DATE"].span) == (0, 1, 1)


def test_wrong_value_counts_once_each_way():
    gold = [rec("PERCENT", "50,2%", 50.2), rec("COUNT", "hơn 39.000 hồ sơ", 39000, unit="hồ sơ",
                                               qualifier="over")]
    system = [rec("PERCENT", "50,2%", 50.3),
              rec("COUNT", "hơn 39.000 hồ sơ", 39000.0, unit="hồ  sơ", qualifier=None)]
    r = score(gold, system)
    p, c = r.rows["PERCENT"], r.rows["COUNT"]
    assert counts(p.span) == (1, 0, 0) and counts(p.fact) == (0, 1, 1) and p.wrong_value == 1
    assert counts(c.fact) == (1, 0, 0)            # 39000.0 == 39000
    assert c.attrs["unit"] == [1, 1]              # whitespace runs compare as one space
    assert c.attrs["qualifier"] == [0, 1]
    assert c.attrs["change"] == [1, 1]
    assert r.overall.wrong_value == 1
    assert [e["kind"] for e in r.errors] == ["wrong_value"]
    assert r.errors[0]["gold"]["value"] == 50.2 and r.errors[0]["system"]["value"] == 50.3
    assert r.errors[0]["sentence"].startswith("Tỷ lệ đạt 50,2%")


def test_duplicate_system_mentions():
    gold = [rec("PERCENT", "50,2%", 50.2)]
    system = [rec("PERCENT", "50,2%", 50.2), rec("PERCENT", "50,2%", 50.2)]
    r = score(gold, system)
    p = r.rows["PERCENT"]
    assert p.system == 2
    assert counts(p.span) == (1, 1, 0) and counts(p.overlap) == (1, 1, 0) and counts(p.fact) == (1, 1, 0)
    assert p.span.precision == 0.5 and p.span.recall == 1.0
    assert p.span.f1 == pytest.approx(2 / 3)


def test_empty_system():
    gold = [rec("PERCENT", "50,2%", 50.2), rec("PERCENT", "tăng 10%", 10, change="increase"),
            rec("DATE", "năm 2022", "2022")]
    r = score(gold, [])
    assert counts(r.overall.span) == (0, 0, 3)
    assert (r.overall.span.precision, r.overall.span.recall, r.overall.span.f1) == (0.0, 0.0, 0.0)
    assert [e["kind"] for e in r.errors] == ["missed"] * 3
    assert r.rows["PERCENT"].gold == 2 and r.rows["DATE"].gold == 1


def test_wrong_type_is_a_miss_and_a_false_positive():
    r = score([rec("PERCENT", "50,2%", 50.2)], [rec("COUNT", "50,2%", 50.2, unit="%")])
    assert counts(r.rows["PERCENT"].span) == (0, 0, 1)
    assert counts(r.rows["COUNT"].span) == (0, 1, 0)
    notes = {e["kind"]: e.get("note") for e in r.errors}
    assert notes == {"missed": "system has COUNT here", "false": "gold has PERCENT here"}


def test_micro_average_sums_counts():
    gold = [rec("PERCENT", "50,2%", 50.2), rec("PERCENT", "tăng 10%", 10, change="increase"),
            rec("DATE", "năm 2022", "2022")]
    system = [rec("PERCENT", "50,2%", 50.2), rec("DATE", "năm 2022", "2021"),
              rec("COUNT", "hơn 39.000 hồ sơ", 39000, unit="hồ sơ")]
    r = score(gold, system)
    assert counts(r.overall.fact) == (1, 2, 2)    # PERCENT 1/0/1, DATE 0/1/1, COUNT 0/1/0
    assert r.overall.fact.f1 == pytest.approx(1 / 3)
    assert counts(r.overall.span) == (2, 1, 1)


def test_value_comparison():
    assert same(83.76 * 10**6, 83760000)
    assert not same(50.2, 50.21)
    assert not same(True, 1) and not same("2022", 2022)
    assert value_correct("OFFICIAL", {"name": "A B", "titles": ["x", "y"]}, {"name": "A B", "titles": ["y", "x"]})
    assert not value_correct("OFFICIAL", {"name": "A B", "titles": ["x", "y"]}, {"name": "A B", "titles": ["x"]})
    legal = {"kind": "Nghị định", "number": "61/2018/NĐ-CP", "issuer": "Chính phủ", "year": 2018}
    bare = {"kind": "Nghị định", "number": "61/2018/NĐ-CP"}
    assert value_correct("LEGAL_REF", legal, bare)                  # the contract's keys decide
    assert not value_correct("LEGAL_REF", legal, bare, strict=True)  # every gold key
    assert value_correct("LEGAL_REF", legal, dict(legal, extra=1), strict=True)
    assert not value_correct("RATIO", {"numerator": 61, "denominator": 63}, 61)


def test_details_and_strict_values():
    text = "Theo Nghị định số 61/2018/NĐ-CP của Chính phủ."
    legal = {"kind": "Nghị định", "number": "61/2018/NĐ-CP", "issuer": "Chính phủ", "year": 2018}
    g = rec("LEGAL_REF", "Nghị định số 61/2018/NĐ-CP", legal, text=text)
    s = rec("LEGAL_REF", "Nghị định số 61/2018/NĐ-CP", {"kind": "Nghị định", "number": "61/2018/NĐ-CP"},
            text=text)
    r = evaluate([g], [s], {"d": text})
    assert counts(r.overall.fact) == (1, 0, 0)
    assert r.overall.attrs["details"] == [0, 1]
    r = evaluate([g], [s], {"d": text}, strict_values=True)
    assert counts(r.overall.fact) == (0, 1, 1) and r.overall.wrong_value == 1


def test_records_of_other_articles_are_ignored_and_unknown_gold_is_an_error():
    r = score([rec("PERCENT", "50,2%", 50.2)], [rec("PERCENT", "50,2%", 50.2, doc_id="other")])
    assert r.ignored == 1 and counts(r.overall.span) == (0, 0, 1)
    with pytest.raises(ValueError, match="other"):
        score([rec("PERCENT", "50,2%", 50.2, doc_id="other")], [])


def test_floors():
    gold = [rec("PERCENT", "50,2%", 50.2), rec("DATE", "năm 2022", "2022")]
    r = score(gold, [rec("PERCENT", "50,2%", 50.2)])   # PERCENT F1 1.0, DATE 0.0, ALL 2/3
    assert parse_floors(["0.6", "percent=90%"]) == {"ALL": 0.6, "PERCENT": 0.9}
    assert check_floors(r, parse_floors(["0.6", "PERCENT=1"])) == []
    fails = check_floors(r, parse_floors(["0.7", "DATE=0.1"]))
    assert len(fails) == 2 and "ALL" in fails[0] and "DATE" in fails[1]
    with pytest.raises(ValueError):
        parse_floors(["NOPE=0.5"])


def test_html_shows_every_kind_of_mention():
    gold = [rec("PERCENT", "50,2%", 50.2), rec("PERCENT", "tăng 10%", 10, change="increase"),
            rec("DATE", "năm 2022", "2022"), rec("COUNT", "hơn 39.000 hồ sơ", 39000, unit="hồ sơ")]
    system = [rec("PERCENT", "50,2%", 50.2), rec("PERCENT", "10%", 10), rec("DATE", "năm 2022", "2021"),
              rec("RATIO", "63/63 địa phương", {"numerator": 63, "denominator": 63}, unit="địa phương")]
    r = score(gold, system)
    labels = {lab for *_, lab in r.marks["d"]}
    assert labels == {"FOUND:PERCENT", "BOUNDARY:PERCENT", "GOLD:PERCENT", "WRONG:DATE", "MISSED:COUNT",
                      "FALSE:RATIO"}
    page = render_html([r], {"d": TEXT})
    for lab in labels:
        assert lab in page
    assert "hơn 39.000 hồ sơ" in page and "&quot;2021&quot;" in page


# --- the gold set ----------------------------------------------------------------------------

def test_every_gold_file_is_valid():
    assert sorted(p.stem for p in GOLD.glob("*.jsonl")) == sorted(p.stem for p in CORPUS.glob("*.txt"))
    problems = G.validate_gold(GOLD, CORPUS)
    assert problems == [], "\n".join(map(str, problems))


def _copy_gold(tmp_path):
    g, c = tmp_path / "gold", tmp_path / "corpus"
    shutil.copytree(GOLD, g)
    shutil.copytree(CORPUS, c)
    return g, c


def test_validator_catches_broken_gold(tmp_path):
    g, c = _copy_gold(tmp_path)
    doc = "000_c3bb818650128224"
    lines = (g / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[1])
    shifted = dict(first, end=first["end"] + 1)                 # off by one
    badval = dict(json.loads(lines[2]), value="many", start=first["start"] + 0)
    lines = [lines[0], lines[1], lines[1], json.dumps(shifted, ensure_ascii=False),
             json.dumps(badval, ensure_ascii=False)] + lines[3:]
    (g / f"{doc}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    art = c / "001_75170cf0aa91f7b5.txt"
    art.write_bytes(art.read_bytes() + b" ")
    msgs = [str(p) for p in G.validate_gold(g, c)]
    assert any(f"{doc}:3: duplicate" in m for m in msgs)
    assert any(f"{doc}:4: article[" in m for m in msgs)
    assert any(f"{doc}:5: COUNT: value must be a number" in m for m in msgs)
    assert any("001_75170cf0aa91f7b5: article text changed" in m for m in msgs)


def test_doccano_round_trip(tmp_path):
    gold = G.load_gold(GOLD)
    arts = G.load_articles(CORPUS, gold)
    lines = G.to_doccano(gold, arts)
    text = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)
    back = G.from_doccano([json.loads(x) for x in text.splitlines()])
    assert {d for d, _, _ in back} == set(gold)
    for d, t, recs in back:
        assert t == arts[d]
        assert _canon(recs) == _canon(gold[d])
    # written back to disk: identical records, valid, manifest unchanged
    g, c = tmp_path / "gold", tmp_path / "corpus"
    shutil.copytree(CORPUS, c)
    for d, t, recs in back:
        G.write_gold(g, c, d, t, recs)
    assert G.validate_gold(g, c) == []
    assert json.loads((g / "MANIFEST.json").read_text()) == json.loads((GOLD / "MANIFEST.json").read_text())


def _canon(recs):
    return sorted(json.dumps({k: v for k, v in r.items() if v is not None or k != "note"},
                             ensure_ascii=False, sort_keys=True) for r in recs)


def test_labelstudio_round_trip():
    gold = G.load_gold(GOLD)
    arts = G.load_articles(CORPUS, gold)
    tasks = json.loads(json.dumps(G.to_labelstudio(gold, arts)))
    item = tasks[0]["annotations"][0]["result"][0]
    assert item["type"] == "labels" and set(item["value"]) == {"start", "end", "text", "labels"}
    back = G.from_labelstudio(tasks)
    for d, t, recs in back:
        assert t == arts[d] and _canon(recs) == _canon(gold[d])


def test_labelstudio_counts_utf16_units():
    text = "😀 đạt 50%"
    r = rec("PERCENT", "50%", 50, text=text)
    tasks = G.to_labelstudio({"d": [r]}, {"d": text}, predictions={"d": [r]})
    v = tasks[0]["annotations"][0]["result"][0]["value"]
    assert (v["start"], v["end"]) == (r["start"] + 1, r["end"] + 1)   # the emoji is two UTF-16 units
    assert tasks[0]["predictions"][0]["result"][0]["value"]["start"] == r["start"] + 1
    (d, t, recs), = G.from_labelstudio(tasks)
    assert (recs[0]["start"], recs[0]["end"], recs[0]["value"]) == (r["start"], r["end"], 50)
    (d, t, recs), = G.from_labelstudio(tasks, use="predictions")
    assert recs[0]["text"] == "50%"


def test_labelstudio_moved_span_loses_its_values():
    text = "đạt 50,2%"
    tasks = G.to_labelstudio({"d": [rec("PERCENT", "50,2%", 50.2, text=text)]}, {"d": text})
    tasks[0]["annotations"][0]["result"][0]["value"]["start"] -= 4   # annotator widened it
    (_, _, recs), = G.from_labelstudio(tasks)
    assert recs[0]["text"] == "đạt 50,2%" and recs[0]["value"] is None


def test_bio_export_of_a_short_text():
    text = "Tỷ lệ hồ sơ đạt 50,2% trong năm 2022.\nHà Nội xếp thứ 13/63."
    recs = [rec("PERCENT", "50,2%", 50.2, text=text), rec("DATE", "năm 2022", "2022", text=text),
            rec("RANK", "13/63", {"rank": 13, "of": 63}, text=text)]
    lines, skipped = G.bio_lines(text, recs)
    assert skipped == 0
    assert lines == ["Tỷ_lệ\tO", "hồ_sơ\tO", "đạt\tO", "50,2\tB-PERCENT", "%\tI-PERCENT", "trong\tO",
                     "năm\tB-DATE", "2022\tI-DATE", ".\tO", "",
                     "Hà_Nội\tO", "xếp\tO", "thứ\tO", "13/63\tB-RANK", ".\tO", ""]


def test_bio_cuts_a_word_at_a_label_boundary():
    text = "Tỷ lệ hồ sơ đạt 50,2% trong năm 2022."
    s, e = at("năm 2022", text=text)
    lines, _ = G.bio_lines(text, [rec("DATE", "", "2022", span=(s + 4, e), text=text)])
    assert "năm\tO" in lines and "2022\tB-DATE" in lines


# --- command line ----------------------------------------------------------------------------

def _run(argv):
    parser = argparse.ArgumentParser(prog="vnextract")
    sub = parser.add_subparsers(dest="command", required=True)
    add_eval_parser(sub)
    add_gold_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


def _gold_as_system(tmp_path, drop=()):
    out = tmp_path / "sys.jsonl"
    recs = [r for d, rs in sorted(G.load_gold(GOLD).items()) for r in rs if r["type"] not in drop]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return out


def test_cli_eval_system_file_with_floors(tmp_path, capsys):
    perfect = _gold_as_system(tmp_path)
    j, h = tmp_path / "r.json", tmp_path / "r.html"
    assert _run(["eval", "--gold", str(GOLD), "--corpus", str(CORPUS), "--system", str(perfect),
                 "--min-f1", "1.0", "--json", str(j), "--html", str(h)]) == 0
    out = capsys.readouterr().out
    assert "sys" in out and "PERCENT" in out and "ALL" in out
    data = json.loads(j.read_text(encoding="utf-8"))
    assert data["systems"][0]["overall"]["fact"]["f1"] == 1.0
    assert "FOUND:PERCENT" in h.read_text(encoding="utf-8")

    partial = _gold_as_system(tmp_path, drop=("DATE",))
    argv = ["eval", "--gold", str(GOLD), "--corpus", str(CORPUS), "--system", str(partial), "--quiet"]
    assert _run(argv + ["--min-f1", "PERCENT=1.0"]) == 0
    assert _run(argv + ["--min-f1", "DATE=0.5"]) == 1
    assert _run(argv + ["--min-f1", "0.99"]) == 1
    assert "below the floor" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        _run(argv + ["--min-f1", "BOGUS=1"])
    assert exc.value.code == 2 and "argument --min-f1: 'BOGUS=1': unknown type" in capsys.readouterr().err


def test_cli_eval_runs_the_pipeline_above_a_low_floor(tmp_path):
    doc = "000_c3bb818650128224"
    g = tmp_path / "gold"
    g.mkdir()
    shutil.copy(GOLD / f"{doc}.jsonl", g)
    (g / "MANIFEST.json").write_text(json.dumps({doc: json.loads((GOLD / "MANIFEST.json").read_text())[doc]}))
    j = tmp_path / "r.json"
    assert _run(["eval", "--gold", str(g), "--corpus", str(CORPUS), "--min-f1", "0.05",
                 "--metric", "span", "--json", str(j), "--quiet"]) == 0
    data = json.loads(j.read_text(encoding="utf-8"))["systems"][0]
    assert data["system"] == "vnextract" and data["documents"] == [doc]


def test_cli_gold_validate_export_import(tmp_path, capsys):
    assert _run(["gold", "validate", "--gold", str(GOLD), "--corpus", str(CORPUS)]) == 0
    assert "0 problem(s)" in capsys.readouterr().out
    exported = tmp_path / "gold.jsonl"
    assert _run(["gold", "export", "--format", "doccano", "--gold", str(GOLD), "--corpus", str(CORPUS),
                 "-o", str(exported)]) == 0
    g = tmp_path / "newgold"
    c = tmp_path / "newcorpus"   # empty: import writes the articles too
    assert _run(["gold", "import", str(exported), "--format", "doccano", "--gold", str(g),
                 "--corpus", str(c)]) == 0
    assert G.validate_gold(g, c) == []
    assert sorted(p.name for p in c.glob("*.txt")) == sorted(p.name for p in CORPUS.glob("*.txt"))
    conll = tmp_path / "gold.conll"
    assert _run(["gold", "export", "--format", "conll", "--gold", str(GOLD), "--corpus", str(CORPUS),
                 "-o", str(conll)]) == 0
    text = conll.read_text(encoding="utf-8")
    assert text.startswith("# doc_id = 000_c3bb818650128224\n")
    assert "\tB-PERCENT\n" in text and "\tB-OFFICIAL\n" in text


def test_underthesea_baseline_aligns_names():
    text = "Ông Tống Thanh Hải cho biết."
    recs = underthesea_records("d", text)
    assert [(r["type"], r["text"], r["start"], r["end"]) for r in recs] == [("OFFICIAL", "Tống Thanh Hải", 4, 18)]


def test_dateparser_baseline():
    pytest.importorskip("dateparser")
    from extract.evaluation.evaluate import dateparser_records
    text = "Ngày 8/8/2018, Thủ tướng ký."
    recs = dateparser_records("d", text)
    assert [(r["text"], r["value"]) for r in recs] == [("Ngày 8/8/2018", "2018-08-08")]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in recs)


# --- publication dates (held-out issue A) ------------------------------------------------
# An article whose only date has no year: its value is right only when the scorer passes
# the article's publication date to the pipeline.

PUB_DOC = "p1"
PUB_TEXT = "Sáng 22/4, UBND tỉnh tổ chức hội nghị sơ kết công tác cải cách hành chính.\n"


def _pub_gold(tmp_path, manifest_entry=None):
    g, c = tmp_path / "gold", tmp_path / "corpus"
    c.mkdir()
    (c / f"{PUB_DOC}.txt").write_bytes(PUB_TEXT.encode("utf-8"))
    r = dict(rec("DATE", "22/4", "2021-04-22", doc_id=PUB_DOC, text=PUB_TEXT))
    G.write_gold(g, c, PUB_DOC, PUB_TEXT, [r])
    if manifest_entry is not None:
        (g / "MANIFEST.json").write_text(json.dumps({PUB_DOC: manifest_entry}), encoding="utf-8")
    return g, c


def _date_f1(tmp_path, argv):
    j = tmp_path / "r.json"
    assert _run(["eval"] + argv + ["--json", str(j), "--quiet"]) == 0
    return json.loads(j.read_text(encoding="utf-8"))["systems"][0]["types"]["DATE"]["fact"]["f1"]


def test_eval_without_a_publication_date_cannot_know_the_year(tmp_path):
    g, c = _pub_gold(tmp_path)
    assert _date_f1(tmp_path, ["--gold", str(g), "--corpus", str(c)]) == 0.0   # XXXX-04-22


def test_eval_published_file(tmp_path):
    g, c = _pub_gold(tmp_path)
    pub = tmp_path / "published.json"
    pub.write_text(json.dumps({PUB_DOC: "2021-04-23"}), encoding="utf-8")
    assert _date_f1(tmp_path, ["--gold", str(g), "--corpus", str(c), "--published", str(pub)]) == 1.0
    # JSONL rows work too
    rows = tmp_path / "published.jsonl"
    rows.write_text(json.dumps({"id": PUB_DOC, "published": "2021-04-23"}) + "\n", encoding="utf-8")
    assert _date_f1(tmp_path, ["--gold", str(g), "--corpus", str(c), "--published", str(rows)]) == 1.0


def test_eval_published_in_the_manifest(tmp_path):
    g, c = _pub_gold(tmp_path)
    sha = json.loads((g / "MANIFEST.json").read_text())[PUB_DOC]
    (g / "MANIFEST.json").write_text(json.dumps({PUB_DOC: {"sha256": sha, "published": "2021-04-23"}}),
                                     encoding="utf-8")
    assert G.validate_gold(g, c) == []
    assert G.publication_dates(g) == {PUB_DOC: "2021-04-23"}
    assert _date_f1(tmp_path, ["--gold", str(g), "--corpus", str(c)]) == 1.0
    # --published wins over the manifest
    pub = tmp_path / "published.json"
    pub.write_text(json.dumps({PUB_DOC: "2022-04-23"}), encoding="utf-8")
    assert _date_f1(tmp_path, ["--gold", str(g), "--corpus", str(c), "--published", str(pub)]) == 0.0
    # relabelling keeps the date; a bad date is a problem
    G.write_gold(g, c, PUB_DOC, PUB_TEXT, G.load_gold(g)[PUB_DOC])
    assert json.loads((g / "MANIFEST.json").read_text())[PUB_DOC]["published"] == "2021-04-23"
    (g / "MANIFEST.json").write_text(json.dumps({PUB_DOC: {"sha256": sha, "published": "23/4/2021"}}),
                                     encoding="utf-8")
    assert any("not an ISO date" in str(p) for p in G.validate_gold(g, c))


def test_eval_corpus_as_jsonl_with_published(tmp_path):
    g, _ = _pub_gold(tmp_path)
    rows = tmp_path / "articles.jsonl"
    rows.write_text(json.dumps({"id": PUB_DOC, "text": PUB_TEXT, "published": "2021-04-23"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    assert G.validate_gold(g, rows) == []                       # same sha256 as the .txt
    assert G.load_articles(rows, [PUB_DOC]) == {PUB_DOC: PUB_TEXT}
    assert _date_f1(tmp_path, ["--gold", str(g), "--corpus", str(rows)]) == 1.0


def test_eval_bad_published_file_is_a_usage_error(tmp_path):
    g, c = _pub_gold(tmp_path)
    pub = tmp_path / "published.json"
    pub.write_text(json.dumps({PUB_DOC: "April 2021"}), encoding="utf-8")
    assert _run(["eval", "--gold", str(g), "--corpus", str(c), "--published", str(pub), "--quiet"]) == 2
    pub.write_text("[1, 2]", encoding="utf-8")
    assert _run(["eval", "--gold", str(g), "--corpus", str(c), "--published", str(pub), "--quiet"]) == 2


def test_eval_passes_publication_dates_to_the_baseline(tmp_path, monkeypatch):
    import extract.evaluation.evaluate as EV
    seen = {}

    def fake(name, articles, published=None):
        seen[name] = published
        return []

    monkeypatch.setattr(EV, "baseline_records", fake)
    g, c = _pub_gold(tmp_path)
    pub = tmp_path / "published.json"
    pub.write_text(json.dumps({PUB_DOC: "2021-04-23", "other": "2020-01-01"}), encoding="utf-8")
    assert _run(["eval", "--gold", str(g), "--corpus", str(c), "--published", str(pub),
                 "--baseline", "dateparser", "--quiet"]) == 0
    assert seen == {"dateparser": {PUB_DOC: "2021-04-23"}}


def test_seed_articles_resolve_their_years_without_publication_dates():
    """The five seed articles carry no publication date but 003's dateline; every year-less
    date of the gold comes out with the year the gold gives it (GUIDELINES §DATE)."""
    from extract import extract
    gold = G.load_gold(GOLD)
    arts = G.load_articles(CORPUS, gold)
    for d, recs in gold.items():
        got = {(r["start"], r["end"]): r["value"] for r in extract(arts[d], doc_id=d) if r["type"] == "DATE"}
        for r in recs:
            if r["type"] == "DATE" and not r["optional"]:
                assert got.get((r["start"], r["end"])) == r["value"], (d, r["text"])
