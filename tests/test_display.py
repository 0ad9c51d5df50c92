"""The statement drawing: displaCy manual dicts (words, arcs), the HTML, `vnextract show`, the eval hook."""
import io
import sys

from extract import extract
from extract.cli import main
from extract.statements.display import build_parse, render_statements, sentence_groups

SENT = ("9 tháng đầu năm 2023, tỷ lệ giải quyết hồ sơ đúng hoặc sớm hạn của địa phương đạt 90%, "
        "của bộ, ngành đạt 50,2% (tăng 10% so với cùng kỳ năm 2022).")

WORDS = [("9 tháng đầu năm 2023", ""), (",", ""), ("tỷ lệ giải quyết hồ sơ đúng hoặc sớm hạn", ""),
         ("của", ""), ("địa phương", ""), ("đạt", ""), ("90%", "PERCENT"), (", của", ""), ("bộ, ngành", ""),
         ("đạt", ""), ("50,2%", "PERCENT"), ("(", ""), ("tăng 10%", "PERCENT"), ("so với", ""),
         ("cùng kỳ năm 2022", ""), (").", "")]
ARCS = [(2, 6, "measure", "left"), (4, 6, "subject", "left"), (0, 6, "period", "left"),
        (2, 10, "measure", "left"), (8, 10, "subject", "left"), (0, 10, "period", "left"),
        (2, 12, "measure", "left"), (8, 12, "subject", "left"), (0, 12, "period", "left"),
        (12, 14, "compared_to", "right")]


def _parse(text, records):
    return [build_parse(text, a, b, qs) for a, b, qs in sentence_groups(text, records)]


def test_build_parse_exact_words_and_arcs():
    groups = sentence_groups(SENT, extract(SENT))
    assert [(a, b, [q["text"] for q in qs]) for a, b, qs in groups] == [
        (0, len(SENT), ["90%", "50,2%", "tăng 10%"])]
    parse = build_parse(SENT, *groups[0])
    assert [(w["text"], w["tag"]) for w in parse["words"]] == WORDS
    assert [(a["start"], a["end"], a["label"], a["dir"]) for a in parse["arcs"]] == ARCS
    assert set(parse) == {"words", "arcs"}


def _q(text, start, end, about, sentence, type_="PERCENT"):
    return {"type": type_, "text": text, "start": start, "end": end, "sentence": sentence, "about": about}


def test_carried_part_is_a_leading_chunk_and_long_text_collapses():
    text = "Năm 2023 là năm bản lề.\nCon số đó theo các báo cáo tổng hợp gửi về trung ương là 5 tỷ đồng."
    s2 = text.split("\n")[1]
    ss = text.index(s2)
    money = text.index("5 tỷ đồng")
    measure = text.index("Con số")
    rec = _q("5 tỷ đồng", money, money + 9,
             {"period": {"text": "Năm 2023", "start": 0, "end": 8, "value": "2023", "carried": True},
              "measure": {"text": "Con số", "start": measure, "end": measure + 6}}, s2, "MONEY")
    assert sentence_groups(text, [rec]) == [(ss, len(text), [rec])]
    parse = build_parse(text, ss, len(text), [rec])
    assert parse["words"] == [{"text": "↑ Năm 2023", "tag": "carried"}, {"text": "Con số", "tag": ""},
                              {"text": "đó theo … ương là", "tag": ""},
                              {"text": "5 tỷ đồng", "tag": "MONEY"}, {"text": ".", "tag": ""}]
    assert parse["arcs"] == [{"start": 1, "end": 3, "label": "measure", "dir": "left"},
                             {"start": 0, "end": 3, "label": "period", "dir": "left"}]


def test_no_about_no_statement():
    text = "Ngày 16/10/2023 có 5 người."
    recs = [_q("5 người", 19, 26, {}, text, "COUNT")]
    assert sentence_groups(text, recs) == []
    assert "No statement" in render_statements(text, recs)


def test_html_has_labels_table_and_escapes():
    html = render_statements(SENT, extract(SENT))
    assert html.startswith("<!DOCTYPE html>")
    for label in ("measure", "subject", "period", "compared_to"):
        assert f">{label}</textPath>" in html
    assert "2023-01 … 2023-09" in html and "2022-01 … 2022-09" in html   # the table's period values
    frag = render_statements(SENT, extract(SENT), page=False)
    assert "<!DOCTYPE" not in frag and "displacy" in frag
    evil = "Nhóm <script>x</script> đạt 50%."
    i = evil.index("50%")
    recs = [_q("50%", i, i + 3, {"subject": {"text": "<script>x</script>", "start": 5, "end": 23}}, evil)]
    out = render_statements(evil, recs)
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_place_code_in_table():
    text = "Tại Hà Nội, tỷ lệ đạt 90%."
    i = text.index("90%")
    recs = [_q("90%", i, i + 3, {"place": {"text": "Hà Nội", "start": 4, "end": 10, "code": "01",
                                           "name": "Hà Nội"}}, text)]
    assert _parse(text, recs)[0]["arcs"] == [{"start": 1, "end": 3, "label": "place", "dir": "left"}]
    assert "code 01" in render_statements(text, recs)


def test_show_writes_the_file(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(SENT, encoding="utf-8")
    out = tmp_path / "out.html"
    assert main(["show", str(src), "--published", "2023-10-16", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert ">compared_to</textPath>" in page and "a.txt" in page


def test_show_stdin_default_output_and_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(SENT))
    assert main(["show", "-"]) == 0
    assert ">subject</textPath>" in (tmp_path / "show.html").read_text(encoding="utf-8")
    assert main(["show", "missing.txt", "-o", "x.html"]) == 2
    assert main(["show", SENT, "--published", "2023-13-01", "-o", "x.html"]) == 2
    assert not (tmp_path / "x.html").exists()
    assert main(["show", SENT, "-o", "t.html"]) == 0   # the text itself
    assert ">period</textPath>" in (tmp_path / "t.html").read_text(encoding="utf-8")


def test_eval_html_has_statement_arcs(tmp_path):
    from extract.evaluation.evaluate import evaluate, render_html
    arts = {"d": SENT}
    rep = evaluate([], [dict(r, doc_id="d") for r in extract(SENT)], arts, "vnextract")
    page = render_html([rep], arts)
    assert "statement arcs of vnextract: 3 quantities with parts" in page
    assert ">compared_to</textPath>" in page
