"""`vnextract run` end to end: formats, order, workers (bad inputs: test_bad_input.py)."""
import json
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.pipeline.contract import record_problems

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


# Bad inputs (undecodable, binary, empty, malformed rows, missing paths, over-long articles)
# are tested one by one in test_bad_input.py.


def test_unknown_output_format_is_a_usage_error(tmp_path):
    assert main(["run", str(CORPUS), "-o", str(tmp_path / "x.xlsx"), "--quiet"]) == 2


def test_output_dash_is_stdout_and_devnull_discards(tmp_path, capsys):
    import os
    from extract.cli import main
    art = tmp_path / "a.txt"
    art.write_text("Tỷ lệ đạt 50,2%.", encoding="utf-8")
    assert main(["run", str(art), "-o", "-", "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["text"] for line in out] == ["50,2%"]
    assert main(["run", str(art), "-o", os.devnull, "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    import subprocess
    import sys
    art = tmp_path / "a.txt"
    art.write_text("Tỷ lệ đạt 50,2%, tăng 10%, có 11.956 bộ phận một cửa. " * 400, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "run", str(art), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.read(40)
    proc.stdout.close()   # like `| head -c 40`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first.startswith(b'{"doc_id": "a", "type": "PERCENT"')
    assert "Traceback" not in err and "BrokenPipe" not in err, err
