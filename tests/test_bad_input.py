"""Bad input never stops a batch: each is named on stderr with its code (and line), the
other articles of the same batch come out with their exact records, and the exit status is 1.

Every test runs ``vnextract run`` on a batch of good articles around one bad input: a .txt
before it and a .jsonl after it (rows as well, for bad rows inside a file).
"""
import csv
import json
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from extract import extract
from extract.cli import main
from extract.pipeline.contract import record_problems
from extract.io.readers import read_inputs

# The good articles of every batch, with the facts each must give (type, text, start, end, value).
BEFORE = ("before", "Cả nước có 11.956 bộ phận một cửa.")
ROW_1 = ("r1", "Tỷ lệ hồ sơ trực tuyến đạt 50,2%.")
ROW_2 = ("r2", "Hỗ trợ 10 tỉ đồng cho quỹ.")
FACTS = {
    "before": [("COUNT", "11.956 bộ phận một cửa", 11, 33, 11956)],
    "r1": [("PERCENT", "50,2%", 27, 32, 50.2)],
    "r2": [("MONEY", "10 tỉ đồng", 7, 17, 10_000_000_000)],
}


def _jsonl_rows(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _row(doc) -> dict:
    return {"id": doc[0], "text": doc[1]}


def _batch(tmp_path: Path, *bad: Path) -> list[Path]:
    """before.txt, the bad inputs, then after.jsonl holding rows r1 and r2."""
    before = tmp_path / "before.txt"
    before.write_text(BEFORE[1], encoding="utf-8")
    after = tmp_path / "after.jsonl"
    after.write_text(_jsonl_rows([_row(ROW_1), _row(ROW_2)]), encoding="utf-8")
    return [before, *bad, after]


def _run(tmp_path: Path, capsys, inputs, *options) -> tuple[int, list[dict], list[str]]:
    """Exit status, records written and error lines (without ``error: ``) of one run."""
    out = tmp_path / "out.jsonl"
    rc = main(["run", *map(str, inputs), "-o", str(out), "--workers", "1", "--quiet", *options])
    err = capsys.readouterr().err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = [line[len("error: "):] for line in err.splitlines() if line.startswith("error: ")]
    return rc, records, errors


def _assert_good_records(records: list[dict], docs) -> None:
    """``records`` are exactly those of ``docs``, in order, as ``extract`` gives them alone."""
    expected = [r for doc_id, text in docs for r in extract(text, doc_id=doc_id)]
    assert records == expected
    texts = dict(docs)
    got = [(r["doc_id"], r["type"], r["text"], r["start"], r["end"], r["value"]) for r in records]
    assert got == [(d, *f) for d, _ in docs for f in FACTS[d]]
    for r in records:
        assert record_problems(r, texts[r["doc_id"]]) == []


def _assert_one_error(errors: list[str], code: str, source) -> None:
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{code} {source}: "), errors


ALL_GOOD = [BEFORE, ROW_1, ROW_2]


@pytest.fixture
def _before(tmp_path):
    """before.txt alone, for tests that put the good rows around a bad row of their own file."""
    (tmp_path / "before.txt").write_text(BEFORE[1], encoding="utf-8")


# --- files -------------------------------------------------------------------------------

def test_undecodable_bytes(tmp_path, capsys):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Tỷ lệ đạt 50% ở ".encode("utf-8") + "Hà Nội".encode("latin-1", "replace") + b" \xe9t\xe9")
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, bad))
    assert rc == 1
    _assert_one_error(errors, "E201", bad)
    pos = len("Tỷ lệ đạt 50% ở H".encode("utf-8"))   # "à" in Latin-1 (0xe0) is the first bad byte
    assert f"cannot decode as UTF-8 at byte {pos}" in errors[0]
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.usefixtures("_before")
def test_undecodable_jsonl_line(tmp_path, capsys):
    rows = tmp_path / "rows.jsonl"
    rows.write_bytes(_jsonl_rows([_row(ROW_1)]).encode("utf-8")
                     + b'{"id": "x", "text": "\xff\xfe 50%"}\n'
                     + _jsonl_rows([_row(ROW_2)]).encode("utf-8"))
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "before.txt", rows])
    assert rc == 1
    _assert_one_error(errors, "E201", f"{rows}:2")
    _assert_good_records(records, ALL_GOOD)


def test_undecodable_csv(tmp_path, capsys):
    # a CSV is decoded as a stream: after a bad byte the rest of that file cannot be trusted,
    # so the error names the file (and the row when the bad byte is past the first block)
    bad = tmp_path / "rows.csv"
    bad.write_bytes(b"id,text\nx,\xff\xfe 50%\n")
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, bad))
    assert rc == 1
    _assert_one_error(errors, "E201", bad)
    _assert_good_records(records, ALL_GOOD)


def test_binary_file(tmp_path, capsys):
    bad = tmp_path / "image.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, bad))
    assert rc == 1
    _assert_one_error(errors, "E202", bad)
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.usefixtures("_before")
def test_nul_characters_in_a_jsonl_text(tmp_path, capsys):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(_jsonl_rows([_row(ROW_1), {"id": "x", "text": "Đạt\u0000 50%."}, _row(ROW_2)]), encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "before.txt", rows])
    assert rc == 1
    _assert_one_error(errors, "E202", f"{rows}:2")
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.parametrize("content", [
    b"", b"  \n\t\r\n",
    "\ufeff\n".encode("utf-8"),
], ids=["0-bytes", "blank", "bom-only"])
def test_empty_file(tmp_path, capsys, content):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(content)
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, bad))
    assert rc == 1
    _assert_one_error(errors, "E203", bad)
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.parametrize("name,content", [("empty.jsonl", ""), ("header.csv", "id,text\n")])
def test_empty_table_file(tmp_path, capsys, name, content):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, bad))
    _assert_good_records(records, ALL_GOOD)
    assert rc == 1
    _assert_one_error(errors, "E214", bad)


def _write_huge(path: Path, chars: int) -> None:
    """A ``chars``-long article, written in pieces (the test itself must not hold it)."""
    piece = "Tỷ lệ đạt 50,2% so với cùng kỳ năm trước. " * 1000
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(chars // len(piece) + 1):
            f.write(piece)


def test_50mb_article_is_refused_without_being_read(tmp_path, capsys):
    bad = tmp_path / "huge.txt"
    _write_huge(bad, 50_000_000)
    assert bad.stat().st_size > 50_000_000
    tracemalloc.start()
    try:
        got = list(read_inputs([str(bad)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [e.code for e in got] == ["E208"]
    assert peak < 1_000_000, f"reading a refused 50 MB file took {peak:,} bytes"
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, bad))   # default --max-chars
    assert rc == 1
    _assert_one_error(errors, "E208", bad)
    assert "over the limit of 2000000" in errors[0] and "raise --max-chars" in errors[0]
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.usefixtures("_before")
def test_50mb_jsonl_row_is_refused_and_the_file_goes_on(tmp_path, capsys):
    # the line is read (rows are read whole), then refused before decoding or parsing
    rows = tmp_path / "rows.jsonl"
    with open(rows, "w", encoding="utf-8") as f:
        f.write(_jsonl_rows([_row(ROW_1)]))
        f.write('{"id": "huge", "text": "')
        piece = "Tỷ lệ đạt 50,2% so với cùng kỳ năm trước. " * 1000
        for _ in range(50_000_000 // len(piece) + 1):
            f.write(piece)
        f.write('"}\n')
        f.write(_jsonl_rows([_row(ROW_2)]))
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "before.txt", rows])
    assert rc == 1
    _assert_one_error(errors, "E208", f"{rows}:2")
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.usefixtures("_before")
def test_50mb_csv_row_is_refused_and_the_file_goes_on(tmp_path, capsys):
    rows = tmp_path / "rows.csv"
    with open(rows, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        w.writerow(ROW_1)
        w.writerow(["huge", "Tỷ lệ đạt 50,2% so với cùng kỳ năm trước. " * 1_200_000])
        w.writerow(ROW_2)
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "before.txt", rows])
    assert rc == 1
    _assert_one_error(errors, "E208", f"{rows}:3")
    _assert_good_records(records, ALL_GOOD)


# --- rows --------------------------------------------------------------------------------

@pytest.mark.usefixtures("_before")
def test_malformed_jsonl_line(tmp_path, capsys):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(_jsonl_rows([_row(ROW_1)]) + '{"id": "x", "text": "Đạt 50%.\n' + _jsonl_rows([_row(ROW_2)]),
                    encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "before.txt", rows])
    assert rc == 1
    _assert_one_error(errors, "E204", f"{rows}:2")
    assert "not valid JSON" in errors[0]
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.parametrize("bad_row,code", [
    ({"id": "x", "title": "Đạt 50%"}, "E205"),      # no text field
    ({"id": "x", "text": None}, "E211"),             # text is not a string
    ({"id": "x", "text": ["Đạt 50%."]}, "E211"),
    ({"id": "x", "text": "   "}, "E203"),            # blank text
    (["Đạt 50%."], "E210"),                          # not an object
], ids=["no-text", "null", "list", "blank", "array-row"])
@pytest.mark.usefixtures("_before")
def test_jsonl_row_without_text(tmp_path, capsys, bad_row, code):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(_jsonl_rows([_row(ROW_1), bad_row, _row(ROW_2)]), encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "before.txt", rows])
    assert rc == 1
    _assert_one_error(errors, code, f"{rows}:2")
    if code == "E205":
        assert "columns: id, title" in errors[0]
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.parametrize("bad_line,code", [
    ("x", "E211"),      # a short row: no text cell at all ('text' is None)
    ("x,", "E203"),     # an empty text cell
    ('x,"  "', "E203"),
], ids=["short-row", "empty-cell", "blank-cell"])
@pytest.mark.usefixtures("_before")
def test_csv_row_without_text(tmp_path, capsys, bad_line, code):
    rows = tmp_path / "rows.csv"
    rows.write_text(f'id,text\nr1,"{ROW_1[1]}"\n{bad_line}\nr2,"{ROW_2[1]}"\n', encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "before.txt", rows])
    assert rc == 1
    _assert_one_error(errors, code, f"{rows}:3")
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.usefixtures("_before")
def test_csv_extra_columns_are_ignored(tmp_path, capsys):
    rows = tmp_path / "rows.csv"
    with open(rows, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "id", "category", "text", "words"])
        w.writerow(["dantri", ROW_1[0], "xã hội", ROW_1[1], 7])
        w.writerow(["vnexpress", ROW_2[0], "kinh tế, tài chính", ROW_2[1], 6])
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "before.txt", rows])
    assert rc == 0 and errors == []
    _assert_good_records(records, ALL_GOOD)
    assert all(set(r) <= {"doc_id", "type", "text", "start", "end", "value", "qualifier", "change", "sentence",
                          "unit", "rule", "about"} for r in records)   # the extra columns do not leak into records


def test_csv_without_a_text_column(tmp_path, capsys):
    bad = tmp_path / "other.csv"
    bad.write_text(f"id,body,title\nx,{ROW_1[1]},T\n", encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, bad))
    assert rc == 1
    _assert_one_error(errors, "E205", bad)
    assert "columns: id, body, title" in errors[0] and "needs a 'text' column" in errors[0]
    _assert_good_records(records, ALL_GOOD)


# --- paths -------------------------------------------------------------------------------

def test_missing_path(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "articles.jsonl"
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, missing))
    assert rc == 1
    _assert_one_error(errors, "E206", missing)
    assert "path does not exist" in errors[0]
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.parametrize("files", [[], ["notes.md", "photo.jpg", "sub/data.parquet"]], ids=["empty", "no-articles"])
def test_directory_with_no_articles(tmp_path, capsys, files):
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("Đạt 50%.", encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, folder))
    assert rc == 1
    _assert_one_error(errors, "E207", folder)
    _assert_good_records(records, ALL_GOOD)


def test_unsupported_file_type(tmp_path, capsys):
    bad = tmp_path / "articles.docx"
    bad.write_bytes(b"PK\x03\x04")
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path, bad))
    assert rc == 1
    _assert_one_error(errors, "E209", bad)
    _assert_good_records(records, ALL_GOOD)


# --- Unicode forms -----------------------------------------------------------------------

def test_nfd_text_gives_the_nfc_records_with_offsets_into_the_original(tmp_path, capsys):
    text = ("Đến 10/10/2023 đã cấp trên 83,76 triệu thẻ căn cước công dân; tỷ lệ đạt 26,93% "
            "(tăng 16,15% so với cùng kỳ), 21/22 bộ, ngành và 61/63 địa phương công bố 4.028 TTHC nội bộ.")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text and len(nfd) > len(text)
    (tmp_path / "nfc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "nfd.txt").write_text(nfd, encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text(_jsonl_rows([{"id": "nfd-row", "text": nfd}]), encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, [tmp_path / "nfc.txt", tmp_path / "nfd.txt", tmp_path / "rows.jsonl"])
    assert rc == 0 and errors == []
    by_doc = {d: [r for r in records if r["doc_id"] == d] for d in ("nfc", "nfd", "nfd-row")}
    assert len(by_doc["nfc"]) >= 5

    def key(r):
        return (r["type"], unicodedata.normalize("NFC", r["text"]), r["value"], r["qualifier"], r["change"],
                r.get("unit"), unicodedata.normalize("NFC", r["sentence"]))

    for doc in ("nfd", "nfd-row"):
        assert [key(r) for r in by_doc[doc]] == [key(r) for r in by_doc["nfc"]]
        for r, ref in zip(by_doc[doc], by_doc["nfc"]):
            assert nfd[r["start"]:r["end"]] == r["text"]
            assert record_problems(r, nfd) == []
            # the offsets are those of the same characters in the NFD string
            assert len(unicodedata.normalize("NFD", text[:ref["start"]])) == r["start"]
    for r in by_doc["nfc"]:
        assert record_problems(r, text) == []


# --- limits and many bad inputs at once (moved here from test_cli.py) --------------------

def test_article_over_max_chars(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text("Đạt 50%. " * 200, encoding="utf-8")        # 1 800 characters, 2 000+ bytes
    rows = tmp_path / "rows.jsonl"
    rows.write_text(_jsonl_rows([_row(ROW_1), {"id": "long", "text": "Đạt 50%. " * 200}, _row(ROW_2)]),
                    encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, [*_batch(tmp_path, big)[:2], rows], "--max-chars", "1000")
    assert rc == 1
    assert len(errors) == 2, errors
    assert errors[0].startswith(f"E208 {big}: article is 1800 characters, over the limit of 1000"), errors
    assert errors[1].startswith(f"E208 {rows}:2: article is 1800 characters, over the limit of 1000"), errors
    _assert_good_records(records, ALL_GOOD)


@pytest.mark.parametrize("shape", ["prose", "table", "dots"])
def test_an_article_without_sentence_ends_gives_bounded_sentences_and_the_batch_goes_on(tmp_path, capsys, shape):
    """A scraped list, a flattened table, ``1.1.1.…``: 60 kB on one line. Its records carry
    pieces of at most the bound, marked ``sentence_cut``; the articles around it are exact."""
    from extract.dimensions.document import sentence_max_chars

    unit = {"prose": "tỷ lệ hồ sơ đạt 50,2% tăng 10% so với cùng kỳ trong đó có 11.956 bộ phận một cửa ",
            "table": "1 Hà Nội 11.956 hồ sơ 50,2% 13/63 2 Hải Phòng 3.450 hồ sơ 60,1% 2/63 ",
            "dots": "1."}[shape]
    n = 60_000 // len(unit)
    text = unit * n
    rows = tmp_path / "rows.jsonl"
    rows.write_text(_jsonl_rows([_row(ROW_1), {"id": "long", "text": text}, _row(ROW_2)]), encoding="utf-8")
    rc, records, errors = _run(tmp_path, capsys, _batch(tmp_path)[:1] + [rows])
    assert rc == 0 and errors == []
    long = [r for r in records if r["doc_id"] == "long"]
    _assert_good_records([r for r in records if r["doc_id"] != "long"], ALL_GOOD)
    if shape == "dots":
        assert long == []
        return
    # every repeat in the middle gives the mentions of the middle one of three repeats
    def at(recs, k):
        return [(r["type"], r["text"], r["start"] - k * len(unit), r["value"]) for r in recs
                if k * len(unit) <= r["start"] < (k + 1) * len(unit)]
    middle = at(extract(unit * 3), 1)
    assert len(middle) >= 3
    for k in range(1, n - 1):
        assert at(long, k) == middle
    for r in long:
        assert record_problems(r, text) == []
        assert len(r["sentence"]) <= sentence_max_chars() and r["sentence_cut"] is True


@pytest.mark.parametrize("workers", ["1", "2"])
def test_every_bad_input_in_one_batch(tmp_path, capsys, workers):
    """All kinds at once: each named in input order, the good ones extracted, one summary."""
    (tmp_path / "latin1.txt").write_bytes("Tỷ lệ đạt 50% ở ".encode("utf-8") + "Hà Nội".encode("latin-1", "replace"))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(_jsonl_rows([_row(ROW_1)]) + '{not json\n{"id": "r3"}\n[1, 2]\n' + _jsonl_rows([_row(ROW_2)]),
                    encoding="utf-8")
    (tmp_path / "other.csv").write_text("name,body\nx,y\n", encoding="utf-8")
    (tmp_path / "emptydir").mkdir()
    before = tmp_path / "before.txt"
    before.write_text(BEFORE[1], encoding="utf-8")
    names = ["latin1.txt", "binary.txt", "before.txt", "empty.txt", "rows.jsonl", "other.csv", "missing.txt", "emptydir"]
    out = tmp_path / "out.jsonl"
    rc = main(["run", *(str(tmp_path / n) for n in names), "-o", str(out), "--workers", workers])   # not quiet
    err = capsys.readouterr().err
    assert rc == 1
    errors = [line[len("error: "):] for line in err.splitlines() if line.startswith("error: ")]
    expected = [("E201", "latin1.txt"), ("E202", "binary.txt"), ("E203", "empty.txt"), ("E204", "rows.jsonl:2"),
                ("E205", "rows.jsonl:3"), ("E210", "rows.jsonl:4"), ("E205", "other.csv"), ("E206", "missing.txt"),
                ("E207", "emptydir")]
    assert [e.split(": ", 1)[0] for e in errors] == [f"{code} {tmp_path / where}" for code, where in expected]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    _assert_good_records(records, [BEFORE, ROW_1, ROW_2])
    assert "3 articles" in err and "9 errors" in err
