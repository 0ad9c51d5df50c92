"""`vnextract run` end to end: formats, order, workers, and bad input that never stops a batch."""
import json
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.contract import record_problems

CORPUS = Path(__file__).parent.parent / "corpus"


def _articles():
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}


def _jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_run_corpus_contract_valid(tmp_path):
    out = tmp_path / "facts.jsonl"
    assert main(["run", str(CORPUS), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    records = _jsonl(out)
    arts = _articles()
    assert {r["doc_id"] for r in records} == set(arts)
    for r in records:
        assert record_problems(r, arts[r["doc_id"]]) == []
    # a fact from each seed article, with its exact value
    facts = {(r["doc_id"][:3], r["type"], r["text"]): r["value"] for r in records}
    assert facts[("000", "COUNT", "11.956 bộ phận một cửa")] == 11956
    assert facts[("001", "RATIO", "437 TTHC/1.086 TTHC")] == {"numerator": 437, "denominator": 1086}
    assert facts[("002", "DURATION", "gần 2 tiếng đồng hồ")] == "PT2H"
    assert facts[("003", "PERCENT", "tăng 31,4%")] == 31.4
    assert facts[("000", "RANK", "13/63")] == {"rank": 13, "of": 63}


def test_nothing_from_the_tail_of_003(tmp_path):
    out = tmp_path / "f.jsonl"
    main(["run", str(CORPUS / "003_54d7fde0b963b228.txt"), "-o", str(out), "--quiet"])
    text = (CORPUS / "003_54d7fde0b963b228.txt").read_text(encoding="utf-8")
    tail = text.index("Viết bình luận mới")
    records = _jsonl(out)
    assert records and all(r["end"] <= tail for r in records)
    assert not any(r["type"] == "MONEY" for r in records)   # "10 tỉ đồng" is in a teaser, not the article


def test_workers_give_identical_output(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    main(["run", str(CORPUS), "-o", str(a), "--workers", "1", "--quiet"])
    main(["run", str(CORPUS), "-o", str(b), "--workers", "2", "--quiet"])
    assert a.read_bytes() == b.read_bytes()


def test_csv_and_parquet_outputs_hold_the_same_records(tmp_path):
    main(["run", str(CORPUS), "-o", str(tmp_path / "f.jsonl"), "--quiet"])
    main(["run", str(CORPUS), "-o", str(tmp_path / "f.csv"), "--quiet"])
    main(["run", str(CORPUS), "-o", str(tmp_path / "f.parquet"), "--quiet"])
    ref = _jsonl(tmp_path / "f.jsonl")
    for df in (pd.read_csv(tmp_path / "f.csv"), pd.read_parquet(tmp_path / "f.parquet")):
        assert len(df) == len(ref)
        assert [json.loads(v) for v in df["value"]] == [r["value"] for r in ref]
        assert list(df["text"]) == [r["text"] for r in ref]


def test_jsonl_and_csv_inputs_with_metadata(tmp_path):
    rows = [{"id": "a1", "text": "Năm nay tỉnh có 1.250 điểm cầu, đạt 50,2%.", "published": "2023-10-16"},
            {"id": "a2", "text": "Hỗ trợ 10 tỉ đồng cho quỹ."}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    pd.DataFrame(rows).to_csv(tmp_path / "in.csv", index=False)
    for name in ("in.jsonl", "in.csv"):
        out = tmp_path / f"{name}.out.jsonl"
        assert main(["run", str(tmp_path / name), "-o", str(out), "--quiet"]) == 0
        got = [(r["doc_id"], r["type"], r["text"], r["value"], r.get("unit")) for r in _jsonl(out)
               if r["type"] in ("COUNT", "PERCENT", "MONEY")]
        assert got == [("a1", "COUNT", "1.250 điểm cầu", 1250, "điểm cầu"), ("a1", "PERCENT", "50,2%", 50.2, None),
                       ("a2", "MONEY", "10 tỉ đồng", 10000000000, "VND")]


def _bad_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Cả nước có 11.956 bộ phận một cửa.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Tỷ lệ đạt 50% ở Hà Nội".encode("utf-8")[:-3] + "Hà Nội".encode("latin-1", "replace") + b"\xff\xfe")  # Latin-1 bytes in UTF-8 text
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text('{"id": "r1", "text": "Đạt 90%."}\n{not json\n{"id": "r3"}\n[1, 2]\n'
                                         '{"id": "r5", "text": "Có 15 bộ, ngành."}\n', encoding="utf-8")
    (tmp_path / "other.csv").write_text("name,body\nx,y\n", encoding="utf-8")
    (tmp_path / "emptydir").mkdir()
    return good


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path, capsys):
    good = _bad_inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    inputs = [str(tmp_path / n) for n in ("latin1.txt", "binary.txt", "empty.txt", "rows.jsonl", "other.csv")]
    inputs += [str(tmp_path / "missing.txt"), str(tmp_path / "emptydir"), str(good)]
    rc = main(["run", *inputs, "-o", str(out), "--workers", "1", "--max-chars", "1000"])
    err = capsys.readouterr().err
    assert rc == 1
    for code, where in [("E201", "latin1.txt"), ("E202", "binary.txt"), ("E203", "empty.txt"),
                        ("E204", "rows.jsonl:2"), ("E205", "rows.jsonl:3"), ("E210", "rows.jsonl:4"),
                        ("E205", "other.csv"), ("E206", "missing.txt"), ("E207", "emptydir")]:
        assert any(code in line and where in line for line in err.splitlines()), (code, where, err)
    got = [(r["doc_id"], r["text"]) for r in _jsonl(out)]
    assert got == [("r1", "90%"), ("r5", "15 bộ, ngành"), ("good", "11.956 bộ phận một cửa")]
    assert "6 errors" not in err and "9 errors" in err


def test_huge_article_is_refused_with_a_clear_error(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text("Đạt 50%. " * 2000, encoding="utf-8")
    assert main(["run", str(big), "-o", str(tmp_path / "o.jsonl"), "--max-chars", "10000", "--quiet"]) == 1
    assert "E208" in capsys.readouterr().err


def test_unknown_output_format_is_a_usage_error(tmp_path):
    assert main(["run", str(CORPUS), "-o", str(tmp_path / "x.xlsx"), "--quiet"]) == 2
