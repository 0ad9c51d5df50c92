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
from extract.evaluation.evaluate import (Counts, add_eval_parser, add_gold_parser, check_floors, compare_about,
                                         evaluate, format_table, parse_floors, render_html, same,
                                         underthesea_records, value_correct)

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


# --- statements (about), hand-worked ---------------------------------------------------------

ST_TEXT = ("9 tháng đầu năm 2023, tỷ lệ giải quyết hồ sơ của địa phương đạt 90%, của bộ, ngành đạt 50,2% "
           "(tăng 10% so với cùng kỳ năm 2022). Hà Nội có 30 quận, huyện. Theo Bộ Nội vụ, cả nước có "
           "11.956 bộ phận một cửa. Doanh thu đạt 20 tỷ đồng, tăng 5% so với kế hoạch.")
JAN_SEP_2023 = {"start": "2023-01", "end": "2023-09"}
JAN_SEP_2022 = {"start": "2022-01", "end": "2022-09"}


def part(sub, nth=0, text=ST_TEXT, **kw):
    s, e = at(sub, nth, text)
    return {"text": text[s:e], "start": s, "end": e, **kw}


def srec(type_, sub, value, about=None, **kw):
    r = rec(type_, sub, value, text=ST_TEXT, **kw)
    if about is not None:
        r["about"] = about
    return r


def statement_case():
    """Gold and system records for ST_TEXT, each part's outcome written beside it."""
    measure = part("tỷ lệ giải quyết hồ sơ")
    period = part("9 tháng đầu năm 2023", value=JAN_SEP_2023)
    gold = [
        srec("PERIOD", "9 tháng đầu năm 2023", JAN_SEP_2023),    # not a quantity: no statement
        srec("PERCENT", "90%", 90, about={"measure": measure, "subject": part("địa phương"), "period": period}),
        srec("PERCENT", "50,2%", 50.2, about={"measure": dict(measure, carried=True), "subject": part("bộ, ngành"),
                                              "period": dict(period, carried=True)}),
        srec("PERCENT", "tăng 10%", 10, change="increase",
             about={"measure": dict(measure, carried=True), "subject": dict(part("bộ, ngành"), carried=True),
                    "period": dict(period, carried=True),
                    "compared_to": part("cùng kỳ năm 2022", value=JAN_SEP_2022)}),
        srec("COUNT", "30 quận, huyện", 30, unit="quận, huyện",
             about={"measure": part("quận, huyện"), "subject": part("Hà Nội"),
                    "place": part("Hà Nội", code="01", name="Hà Nội")}),
        srec("COUNT", "11.956 bộ phận một cửa", 11956, unit="bộ phận một cửa",
             about={"measure": part("bộ phận một cửa"), "subject": part("cả nước"), "source": part("Bộ Nội vụ")}),
        srec("MONEY", "20 tỷ đồng", 20e9, unit="VND", about={"measure": part("Doanh thu")}),
        srec("PERCENT", "tăng 5%", 5, change="increase",
             about={"measure": dict(part("Doanh thu"), carried=True), "compared_to": part("kế hoạch", value=None)}),
    ]
    system = [
        srec("PERIOD", "9 tháng đầu năm 2023", JAN_SEP_2023, about={"measure": measure}),   # not scored
        # measure overlaps, subject same, period same value: right
        srec("PERCENT", "90%", 90, about={"measure": part("giải quyết hồ sơ"), "subject": part("địa phương"),
                                          "period": dict(period, text="năm 2023", start=period["end"] - 8)}),
        # carried not said (not scored): measure right; subject overlaps; period missing: FN
        srec("PERCENT", "50,2%", 50.2, about={"measure": measure, "subject": part("ngành")}),
        # paired by overlap (10% in tăng 10%): subject elsewhere: FP+FN; compared_to a whole year: FP+FN
        srec("PERCENT", "10%", 10, about={"measure": measure, "subject": part("địa phương"), "period": period,
                                          "compared_to": part("cùng kỳ năm 2022",
                                                              value={"start": "2022-01", "end": "2022-12"})}),
        # all right, plus a period the gold has not: FP; an unknown key is not scored
        srec("COUNT", "30 quận, huyện", 30, unit="quận, huyện",
             about={"measure": part("quận, huyện"), "subject": part("Hà Nội"), "place": part("Hà Nội", code="01"),
                    "period": part("năm 2023", value="2023"), "unit": part("quận")}),
        # 11.956 bộ phận một cửa not found: end to end its three parts are FN
        # about {}: the measure is missing, FN
        srec("MONEY", "20 tỷ đồng", 20e9, unit="VND", about={}),
        # compared_to null == null: right
        srec("PERCENT", "tăng 5%", 5, change="increase",
             about={"measure": part("Doanh thu"), "compared_to": part("kế hoạch", value=None)}),
        # a DURATION the gold has not: end to end its measure is FP
        srec("DURATION", "9 tháng", "P9M", about={"measure": measure}),
    ]
    return gold, system


ALL_PARTS = ("measure", "subject", "period", "place", "compared_to", "source", "all")


def st_counts(st, name):
    c = st.all if name == "all" else st.parts[name]
    return (c.tp, c.fp, c.fn)


def test_statements_part_by_part_on_the_pairs():
    gold, system = statement_case()
    st = evaluate(gold, system, {"d": ST_TEXT}).statements
    assert st.documents == 1 and st.unmatched_gold == 1 and st.unmatched_system == 1
    m = st.matched
    assert {p: st_counts(m, p) for p in ALL_PARTS} == {
        "measure": (5, 0, 1), "subject": (3, 1, 1), "period": (2, 1, 1), "place": (1, 0, 0),
        "compared_to": (1, 1, 1), "source": (0, 0, 0), "all": (12, 3, 4)}
    assert (m.statements, m.right) == (6, 2)           # 90% and tăng 5%
    assert m.all.precision == 12 / 15 and m.all.recall == 12 / 16 and m.all.f1 == pytest.approx(24 / 31)
    assert m.parts["period"].f1 == pytest.approx(2 / 3)
    assert m.parts["source"].f1 == 0.0
    # the errors: each paired statement with a part not right, gold offsets, its sentence
    assert [(x["text"], x["wrong"]) for x in st.errors] == [
        ("50,2%", ["period"]), ("tăng 10%", ["subject", "compared_to"]), ("30 quận, huyện", ["period"]),
        ("20 tỷ đồng", ["measure"])]
    assert st.errors[1]["system_text"] == "10%" and st.errors[1]["sentence"].startswith("9 tháng đầu năm 2023")


def test_statements_end_to_end():
    gold, system = statement_case()
    e2e = evaluate(gold, system, {"d": ST_TEXT}).statements.end_to_end
    assert {p: st_counts(e2e, p) for p in ALL_PARTS} == {
        "measure": (5, 1, 2), "subject": (3, 1, 2), "period": (2, 1, 1), "place": (1, 0, 0),
        "compared_to": (1, 1, 1), "source": (0, 0, 1), "all": (12, 4, 7)}
    assert (e2e.statements, e2e.right) == (8, 2)       # an unpaired mention's statement is never right
    assert e2e.all.f1 == pytest.approx(24 / 35)


def test_statements_empty_optional_and_unlabelled():
    # {} against {} is a right statement; a system record without about says nothing
    gold = [srec("MONEY", "20 tỷ đồng", 20e9, unit="VND", about={}),
            srec("COUNT", "30 quận, huyện", 30, unit="quận, huyện", about={"measure": part("quận, huyện")}),
            srec("COUNT", "11.956 bộ phận một cửa", 11956, unit="bộ phận một cửa", optional=True,
                 about={"measure": part("bộ phận một cửa")}),
            srec("PERCENT", "tăng 5%", 5, optional=True, about={"measure": part("Doanh thu")})]
    system = [srec("MONEY", "20 tỷ đồng", 20e9, unit="VND", about={}),
              srec("COUNT", "30 quận, huyện", 30, unit="quận, huyện"),
              # paired with an optional gold mention: neutral, whatever its parts
              srec("COUNT", "11.956 bộ phận một cửa", 11956, unit="bộ phận một cửa",
                   about={"subject": part("cả nước")})]
    st = evaluate(gold, system, {"d": ST_TEXT}).statements
    assert (st.matched.statements, st.matched.right) == (2, 1)
    assert st_counts(st.matched, "measure") == (0, 0, 1) and st_counts(st.matched, "subject") == (0, 0, 0)
    # the optional tăng 5% missed is no FN
    assert (st.unmatched_gold, st.unmatched_system) == (0, 0) and st_counts(st.end_to_end, "all") == (0, 0, 1)
    # an article whose gold has no about is not scored: the system's parts cannot be judged
    st = evaluate([srec("PERCENT", "90%", 90)], [srec("PERCENT", "90%", 90, about={"measure": part("tỷ lệ")})],
                  {"d": ST_TEXT}).statements
    assert st.documents == 0 and st.matched.statements == 0 and st_counts(st.end_to_end, "all") == (0, 0, 0)


def test_statement_parts_compare_values_and_codes():
    g = part("kế hoạch", value=None)
    assert compare_about({"compared_to": g}, {"compared_to": dict(g, value=None)}) == {"compared_to": "right"}
    assert compare_about({"compared_to": g}, {"compared_to": dict(g, value="2022")}) == {"compared_to": "wrong"}
    assert compare_about({"compared_to": g}, {"compared_to": {"text": "kế hoạch", "start": 0, "end": 3}}) == \
        {"compared_to": "wrong"}                       # no value is not the value null
    p = part("Hà Nội", code="01")
    assert compare_about({"place": p}, {"place": dict(p, code="79")}) == {"place": "wrong"}
    assert compare_about({"place": p}, {"place": dict(part("30"), code="01")}) == {"place": "right"}   # code only
    m = part("Doanh thu")
    touching = {"text": "", "start": m["end"], "end": m["end"] + 2}
    assert compare_about({"measure": m}, {"measure": touching}) == {"measure": "wrong"}   # touching, no overlap
    assert compare_about({"source": m}, {"source": "Doanh thu"}) == {"source": "wrong"}   # not a part
    assert compare_about({}, {"subject": m}) == {"subject": "extra"}
    assert compare_about({"subject": m}, {}) == {"subject": "missing"}
    assert compare_about({}, {}) == {}


def test_statements_in_table_json_and_html(tmp_path, capsys):
    gold, system = statement_case()
    r = evaluate(gold, system, {"d": ST_TEXT})
    table = format_table([r])
    assert ("statements (about) of system, 1 article(s) with about labels: 6 of 7 gold quantity mentions "
            "paired (span overlap), 1 system mention(s) unpaired") in table
    line = next(x for x in table.splitlines() if x.startswith("all parts"))
    assert line.split() == ["all", "parts", "12", "3", "4", "|", "80.0", "75.0", "77.4", "|", "75.0", "63.2", "68.6"]
    assert "statements with every part right: 2/6 (33.3%) of the pairs; end to end 2/8 (25.0%)" in table
    d = r.to_dict()["statements"]
    assert set(d) == {"scored", "pairing", "documents", "matched", "end_to_end", "unmatched_gold",
                      "unmatched_system", "errors"}
    assert d["matched"]["all"] == {"tp": 12, "fp": 3, "fn": 4, "precision": 0.8, "recall": 0.75, "f1": 0.7742}
    assert d["matched"]["parts"]["compared_to"]["f1"] == 0.5 and d["end_to_end"]["share_right"] == 0.25
    page = render_html([r], {"d": ST_TEXT})
    assert "Statements (about)" in page and "compared_to ✗" in page
    assert "&#x27;cùng kỳ năm 2022&#x27; [" in page and '{&quot;start&quot;: &quot;2022-01&quot;' in page
    # no about in the gold: said, not scored
    assert "not scored, no gold label carries about" in format_table([score([rec("PERCENT", "50,2%", 50.2)], [])])


def test_statement_floors():
    gold, system = statement_case()
    r = evaluate(gold, system, {"d": ST_TEXT})   # all parts F1 24/31 = 0.774 on the pairs
    assert check_floors(r, parse_floors(["about=0.77", "about.place=100%", "about.measure=0.9"])) == []
    fails = check_floors(r, parse_floors(["about=0.78", "about.source=0.1"]))
    assert fails == ["statement F1 of about on the paired mentions is 0.774, below the floor 0.780",
                     "statement F1 of about.source on the paired mentions is 0.000, below the floor 0.100"]
    none = score([rec("PERCENT", "50,2%", 50.2)], [rec("PERCENT", "50,2%", 50.2)])
    assert check_floors(none, {"about": 0.5}) == [
        "statement F1 of about on the paired mentions is 0.000, below the floor 0.500 (no gold label carries about)"]


@pytest.mark.parametrize("spec, expected", [
    ("0.85", ("ALL", 0.85)), ("85%", ("ALL", 0.85)), ("1", ("ALL", 1.0)), ("0", ("ALL", 0.0)),
    ("100%", ("ALL", 1.0)), (" 0.5 ", ("ALL", 0.5)), ("all=0.5", ("ALL", 0.5)), ("percent=90%", ("PERCENT", 0.9)),
    ("about=0.85", ("about", 0.85)), ("about.measure=0.75", ("about.measure", 0.75)),
    ("About.Compared_To=80%", ("about.compared_to", 0.8)), ("=0.3", ("ALL", 0.3))])
def test_min_f1_accepts(spec, expected):
    from extract.evaluation.evaluate import floor_spec
    name, v = floor_spec(spec)
    assert name == expected[0] and v == pytest.approx(expected[1])


@pytest.mark.parametrize("spec, message", [
    ("1.01", "'1.01' is not an F1 between 0 and 1"), ("85", "'85' is not an F1"), ("-0.1", "'-0.1' is not"),
    ("abc", "'abc' is not"), ("101%", "'101%' is not"), ("nan", "'nan' is not"), ("inf", "'inf' is not"),
    ("", "'' is not"), ("DATE=1.5", "'DATE=1.5': '1.5' is not"), ("NOPE=0.5", "unknown type 'NOPE'"),
    ("about.unit=0.5", "unknown statement part 'unit'"), ("about.=0.5", "unknown statement part ''")])
def test_min_f1_refuses(spec, message, capsys):
    with pytest.raises(SystemExit) as exc:
        _run(["eval", "--min-f1", spec])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "argument --min-f1: " in err and message in err, err
    with pytest.raises(ValueError, match="--min-f1"):
        parse_floors([spec])


# --- gold about validation -----------------------------------------------------------------

def about_msgs(type_, sub, about, **kw):
    r = srec(type_, sub, 1 if type_ != "DATE" else "2022", about=about, **kw)
    return G.record_problems(r, ST_TEXT, "d")


def test_gold_about_is_checked():
    ok = {"measure": part("quận, huyện"), "subject": part("Hà Nội"), "place": part("Hà Nội", code="01"),
          "period": part("năm 2023", value="2023", carried=True),
          "compared_to": part("kế hoạch", value=None), "source": part("Bộ Nội vụ")}
    assert about_msgs("COUNT", "30 quận, huyện", ok, unit="quận, huyện") == []
    assert about_msgs("COUNT", "30 quận, huyện", {}, unit="quận, huyện") == []
    assert about_msgs("PERCENT", "90%", {"period": part("9 tháng đầu năm 2023", value=JAN_SEP_2023),
                                        "compared_to": part("cùng kỳ năm 2022", value="2022-Q3")}) == []
    bad = [
        ("DATE", {}, "about is only for PERCENT, RATIO, RANK, COUNT, MONEY, DURATION labels, not DATE"),
        ("PERCENT", [], "about must be an object of parts ({} for none), got []"),
        ("PERCENT", {"unit": part("Hà Nội")}, "about.unit: unknown part (use measure, subject, period, place, "
                                              "compared_to, source)"),
        ("PERCENT", {"measure": "tỷ lệ"}, "about.measure must be an object {text, start, end, ...}, got 'tỷ lệ'"),
        ("PERCENT", {"measure": dict(part("tỷ lệ"), end=part("tỷ lệ")["end"] + 1)},
         "about.measure: article[22:28] is 'tỷ lệ ', text is 'tỷ lệ'"),
        ("PERCENT", {"subject": dict(part("Hà Nội"), start=-1)}, "about.subject: bad offsets -1,"),
        ("PERCENT", {"source": dict(part("Hà Nội"), end=10_000)}, "about.source: offsets"),
        ("PERCENT", {"subject": dict(part("Hà Nội"), carried="yes")}, "about.subject: carried must be true or false"),
        ("PERCENT", {"period": part("năm 2023")}, "about.period: missing keys ['value']"),
        ("PERCENT", {"period": part("năm 2023", value=None)}, "about.period: value None is neither a DATE value"),
        ("PERCENT", {"period": part("năm 2023", value="2023/09")},
         "about.period: value '2023/09' is not an ISO date"),
        ("PERCENT", {"period": part("năm 2023", value={"start": "2023-01"})},
         "about.period: value {'start': '2023-01'} is neither a DATE value nor a PERIOD value {start, end}"),
        ("PERCENT", {"compared_to": part("kế hoạch")}, "about.compared_to: missing keys ['value']"),
        ("PERCENT", {"compared_to": part("kế hoạch", value="năm trước")},
         "about.compared_to: value 'năm trước' is not an ISO date (or null)"),
        ("PERCENT", {"place": part("Hà Nội")}, "about.place: missing keys ['code']"),
        ("PERCENT", {"place": part("Hà Nội", code="1")}, "about.place: code must be the province's two-digit"),
        ("PERCENT", {"place": part("Hà Nội", code=1)}, "about.place: code must be"),
        ("PERCENT", {"place": part("Hà Nội", code="01", name="")}, "about.place: name must be a non-empty string"),
    ]
    for type_, about, msg in bad:
        msgs = about_msgs(type_, "90%" if type_ == "PERCENT" else "năm 2022", about)
        assert len(msgs) == 1 and msgs[0].startswith(msg), (about, msgs)


def _st_gold(tmp_path, gold, name="st"):
    g, c = tmp_path / f"{name}-gold", tmp_path / f"{name}-corpus"
    c.mkdir()
    (c / "d.txt").write_bytes(ST_TEXT.encode("utf-8"))
    G.write_gold(g, c, "d", ST_TEXT, gold)
    return g, c


def test_gold_about_on_every_quantity_label_or_none(tmp_path):
    gold, _ = statement_case()
    g, c = _st_gold(tmp_path, gold)
    assert G.validate_gold(g, c) == []
    del gold[4]["about"]                     # 30 quận, huyện, line 5 (after the PERIOD and three PERCENT)
    del gold[7]["about"]                     # tăng 5% made optional: it need not have one
    gold[7]["optional"] = True
    g, c = _st_gold(tmp_path, gold, "partial")
    assert [str(p) for p in G.validate_gold(g, c)] == [
        "d:5: COUNT has no about while other labels of this article have (every quantity label carries one, "
        "{} for none; GUIDELINES §6)"]
    # the seed gold has none yet, and is valid
    assert not any("about" in str(p) for p in G.validate_gold(GOLD, CORPUS))


def test_about_survives_doccano_and_label_studio(tmp_path):
    gold, _ = statement_case()
    recs = sorted(gold, key=lambda r: (r["start"], r["end"], r["type"]))
    back = G.from_doccano(G.to_doccano({"d": recs}, {"d": ST_TEXT}))[0][2]
    assert [r.get("about") for r in back] == [r.get("about") for r in recs]
    back = G.from_labelstudio(G.to_labelstudio({"d": recs}, {"d": ST_TEXT}))[0][2]
    assert [r.get("about") for r in back] == [r.get("about") for r in recs]
    assert "about" not in back[0]            # the PERIOD has none, and gets no key


def test_cli_eval_statements_json_and_floor(tmp_path, capsys):
    gold, system = statement_case()
    g, c = _st_gold(tmp_path, gold)
    sysf = tmp_path / "sys.jsonl"
    sysf.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in system), encoding="utf-8")
    j, h = tmp_path / "r.json", tmp_path / "r.html"
    argv = ["eval", "--gold", str(g), "--corpus", str(c), "--system", str(sysf)]
    assert _run(argv + ["--json", str(j), "--html", str(h), "--min-f1", "about=0.77"]) == 0
    st = json.loads(j.read_text(encoding="utf-8"))["systems"][0]["statements"]
    assert st["matched"]["statements"] == 6 and st["end_to_end"]["all"]["fn"] == 7
    assert "<h4>4 statement(s) with a part not right</h4>" in h.read_text(encoding="utf-8")
    assert _run(argv + ["--quiet", "--min-f1", "about.subject=80%"]) == 1      # 3/4 right: 0.75
    assert "FAIL statement F1 of about.subject on the paired mentions is 0.750" in capsys.readouterr().err


# --- a corpus of several JSONL files -------------------------------------------------------

def test_eval_corpus_of_several_jsonl_files(tmp_path, monkeypatch):
    import extract.evaluation.evaluate as EV
    g, _ = _pub_gold(tmp_path)                      # p1: its only date has no year
    other = dict(rec("PERCENT", "50,2%", 50.2), doc_id="n2")
    G.write_gold(g, tmp_path / "c2", "n2", TEXT, [other])
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "x1", "text": "Không có nhãn."}) + "\n"
                 + '{"id": "zzz", "text": broken row, never parsed\n'
                 + json.dumps({"id": PUB_DOC, "text": PUB_TEXT, "published": "2021-04-23T08:00:00+07:00"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    b.write_text(json.dumps({"id": "n2", "text": TEXT, "published": "2023-10-16"}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": PUB_DOC, "text": "a later copy: the first corpus wins"}) + "\n",
                 encoding="utf-8")
    read = G.read_corpus([a, b], [PUB_DOC, "n2"])
    assert {d: (x.source, x.published) for d, x in read.items()} == {
        PUB_DOC: (f"{a}:3", "2021-04-23T08:00:00+07:00"), "n2": (f"{b}:1", "2023-10-16")}
    assert G.validate_gold(g, [a, b]) == []
    ran = []
    real = EV._pipeline_records
    monkeypatch.setattr(EV, "_pipeline_records", lambda arts, *rest: ran.append(sorted(arts)) or real(arts, *rest))
    j = tmp_path / "r.json"
    assert _run(["eval", "--gold", str(g), "--corpus", str(a), "--corpus", str(b), "--json", str(j), "--quiet"]) == 0
    assert ran == [["n2", PUB_DOC]]                 # only the articles with gold are run
    data = json.loads(j.read_text(encoding="utf-8"))["systems"][0]
    assert data["documents"] == ["n2", PUB_DOC]
    date = data["types"]["DATE"]["fact"]               # 22/4 took its year from the row's published
    assert (date["tp"], date["fn"]) == (1, 0)          # (n2's năm 2022 is a false DATE: its gold has none)
    with pytest.raises(ValueError):                 # the broken row is only skipped, not mended
        G.read_corpus([a])
    assert _run(["eval", "--gold", str(g), "--corpus", str(tmp_path / "none.jsonl"), "--quiet"]) == 2
    assert _run(["gold", "validate", "--gold", str(g), "--corpus", str(a), "--corpus", str(b)]) == 0


def test_manifest_comment_is_no_article(tmp_path):
    g, c = _pub_gold(tmp_path)
    sha = json.loads((g / "MANIFEST.json").read_text())[PUB_DOC]
    (g / "MANIFEST.json").write_text(json.dumps({"_comment": "where these come from", PUB_DOC: sha}),
                                     encoding="utf-8")
    assert G.validate_gold(g, c) == [] and G.publication_dates(g) == {}
