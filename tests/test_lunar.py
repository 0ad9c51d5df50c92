"""The lunar calendar wrapper (extract/engine/lunar.py) and lunar DATE records."""
import json
from datetime import date

import pytest

from extract import extract
from extract.engine import lunar as L


@pytest.mark.parametrize("year,tet", [
    # years where the Vietnamese calendar (UTC+7) and the Chinese one (UTC+8) part: a
    # Chinese-calendar library gives 1985-02-20 and 2007-02-18
    (1985, date(1985, 1, 21)),
    (2007, date(2007, 2, 17)),
    # and ordinary years
    (2021, date(2021, 2, 12)),
    (2024, date(2024, 2, 10)),
    (2025, date(2025, 1, 29)),
])
def test_tet_is_the_vietnamese_one(year, tet):
    assert L.to_solar(year, 1, 1) == tet


def test_contract_example_ram_thang_gieng_giap_thin():
    assert L.to_solar(2024, 1, 15) == date(2024, 2, 24)
    assert L.to_lunar(date(2024, 2, 24)) == (2024, 1, 15, False)


def test_day_30_of_a_29_day_month_does_not_exist():
    # month 12 of Giáp Thìn (2024) has 29 days: Tết Ất Tỵ is 2025-01-29
    assert L.last_day(2024, 12) == 29
    assert L.to_solar(2024, 12, 30) is None
    assert L.to_solar(2024, 12, 29) == date(2025, 1, 28)
    assert L.last_day(2023, 12) == 30
    assert L.to_solar(2023, 12, 30) == date(2024, 2, 9)


def test_leap_month_only_where_the_year_has_it():
    # Quý Mão (2023) has a leap month 2
    assert L.to_solar(2023, 2, 1, leap=True) == date(2023, 3, 22)
    assert L.to_solar(2023, 3, 1, leap=True) is None


@pytest.mark.parametrize("stem,branch,near,year", [
    ("Giáp", "Thìn", 2021, 2024), ("Ất", "Tỵ", 2024, 2025), ("Quý", "Mão", 2024, 2023),
    ("Tân", "Sửu", 2021, 2021), ("Canh", "Tý", 1985, 1960), ("Quí", "Mẹo", 2024, 2023),
    ("Giáp", "Thìn", None, 2024),
])
def test_stem_and_branch_names_the_nearest_year(stem, branch, near, year):
    assert L.can_chi_year(stem, branch, near) == year
    assert L.can_chi(year).split()[1] in (branch, {"Mẹo": "Mão"}.get(branch))


def test_stem_and_branch_of_other_parity_is_no_year():
    assert L.can_chi_year("Giáp", "Sửu", 2021) is None   # stems and branches pair by parity
    assert L.can_chi_year("Giáp", "Rồng", 2021) is None


def test_nearest_year_picks_the_coming_or_past_tet():
    assert L.nearest_year(1, 1, date(2024, 1, 25)) == 2024   # late January: the coming Tết
    assert L.nearest_year(1, 1, date(2024, 3, 25)) == 2024   # March: the past one
    assert L.nearest_year(1, 1, date(2024, 12, 20)) == 2025


def test_out_of_range_years_are_none():
    assert L.to_solar(1800, 1, 1) is None
    assert L.to_lunar(date(2200, 1, 1)) is None


def _lunar_records(text, published):
    return [(r["text"], r["value"], r.get("lunar")) for r in extract(text, published=published)
            if r["type"] == "DATE" and "lunar" in r]


def test_year_written_as_stem_and_branch_beats_the_publication_date():
    got = _lunar_records("Rằm tháng Giêng năm Giáp Thìn, người dân đi lễ chùa.", "2021-04-22")
    assert got == [("Rằm tháng Giêng năm Giáp Thìn", "2024-02-24", "2024-01-15")]


def test_mung_1_tet_in_late_january_is_the_coming_tet():
    got = _lunar_records("Nhiều gia đình đã chuẩn bị mâm cỗ cho sáng mùng 1 Tết.", "2024-01-25")
    assert got == [("mùng 1 Tết", "2024-02-10", "2024-01-01")]
    got = _lunar_records("Sáng mùng 1 Tết, người dân đi lễ chùa rất đông.", "2024-03-01")
    assert got == [("mùng 1 Tết", "2024-02-10", "2024-01-01")]


def test_30_tet_in_a_year_whose_month_12_has_29_days():
    # Tết Ất Tỵ is 2025-01-29; month 12 of Giáp Thìn has 29 days: "30 Tết" is its last day
    got = _lunar_records("Chiều 30 Tết, chợ hoa vẫn đông người mua.", "2025-01-20")
    assert got == [("30 Tết", "2025-01-28", "2024-12-29")]


def test_lunar_records_pass_the_contract_check(tmp_path):
    """Output with lunar dates passes ../shared/tools/check_contract.py (skipped without it)."""
    import subprocess
    import sys
    from pathlib import Path
    tool = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "check_contract.py"
    if not tool.exists():
        pytest.skip("../shared/tools/check_contract.py is not there")
    text = ("Thứ Hai, ngày 5/2/2024 | 08:00\nRằm tháng Giêng năm Giáp Thìn, người dân đi lễ chùa. "
            "Ngày giỗ Tổ Hùng Vương mùng 10/3 âm lịch là ngày lễ lớn. Chiều 30 Tết, chợ hoa đông.")
    records = extract(text, doc_id="lunar1")
    assert sum("lunar" in r for r in records) >= 3
    (tmp_path / "lunar1.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "records.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run([sys.executable, str(tool), str(out), str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_lunar_is_stored_and_read_back_from_the_fact_database(tmp_path):
    """`lunar` goes through records into the database's `extra` and back out (export)."""
    from db_helpers import rows, run, write_jsonl
    from extract.cli import main
    src = write_jsonl(tmp_path / "a.jsonl", [{
        "id": "tet1", "published": "2024-01-25",
        "text": "Nhiều gia đình đã chuẩn bị mâm cỗ cho sáng mùng 1 Tết. Rằm tháng Giêng năm nay chùa đông."}])
    db = tmp_path / "f.sqlite"
    assert run(src, "--db", db) == 0
    got = rows(db, "SELECT text, date_iso, json_extract(extra, '$.lunar') FROM mentions "
                   "WHERE type = 'DATE' ORDER BY seq")
    assert got == [("mùng 1 Tết", "2024-02-10", "2024-01-01"), ("Rằm tháng Giêng năm nay", "2024-02-24", "2024-01-15")]
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["text"], r["lunar"]) for r in exported if "lunar" in r] == [
        ("mùng 1 Tết", "2024-01-01"), ("Rằm tháng Giêng năm nay", "2024-01-15")]
