"""patterns/officials/countries.txt is what scripts/gen_countries.py builds from CLDR."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_countries_file_is_generated_from_cldr():
    pytest.importorskip("babel")
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_countries.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_countries_hold_cldr_and_press_forms():
    names = {l.strip() for l in (ROOT / "patterns" / "officials" / "countries.txt").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")}
    assert {"Nga", "Thái Lan", "Trung Quốc", "Hoa Kỳ", "Mỹ", "Ukraine", "Ukraina"} <= names
    assert "Châu Âu" not in names and "Thế giới" not in names   # regions, not countries
