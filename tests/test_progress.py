"""The progress bar on a terminal: a total for the ETA, facts and errors, and no crash."""
import io
import json

from extract.cli import main
from extract.io.readers import count_inputs


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _inputs(tmp_path):
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a.txt").write_text("Tỷ lệ đạt 50,2%.", encoding="utf-8")
    (tmp_path / "arts" / "b.txt").write_text("Có 11.956 bộ phận một cửa.", encoding="utf-8")
    rows = [{"id": "j1", "text": "Xếp thứ 13/63 tỉnh."}, {"id": "j2", "text": "Tăng 10%."}]
    (tmp_path / "more.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
                                         + "\n{broken\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text("id,text\nc1,Đạt 90%.\nc2,Gần 40 lượt.", encoding="utf-8")
    return [str(tmp_path / "arts"), str(tmp_path / "more.jsonl"), str(tmp_path / "rows.csv")]


def test_count_inputs_counts_files_lines_and_rows(tmp_path):
    paths = _inputs(tmp_path)
    assert count_inputs(paths) == 2 + 3 + 2
    assert count_inputs(paths + [str(tmp_path / "missing.txt")]) == 8   # its error is one item


def test_progress_bar_on_a_terminal(tmp_path, monkeypatch):
    paths = _inputs(tmp_path)
    term = _Terminal()
    monkeypatch.setattr("sys.stderr", term)
    monkeypatch.setenv("COLUMNS", "120")
    code = main(["run", *paths, "-o", str(tmp_path / "out.jsonl"), "--workers", "1"])
    out = term.getvalue()
    assert code == 1   # the broken JSONL line
    assert "7/7" in out and "errors=1" in out and "facts=6" in out
    assert "error: E204" in out
    assert "vnextract: 6 articles, 6 facts" in out
