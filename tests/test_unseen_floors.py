"""The dev sets beside the seed gold (gold/unseen: sets A and B; gold/unseen_c, gold/unseen_d,
gold/unseen_e: sets C, D, E) stay at the scores reached on them (their floors.json), when
../shared/news holds their articles.

These sets' errors were read while the rules were written, so their scores are dev figures;
the blind sets (gold/unseen_f, gold/unseen_g) are not held here: their scores are reported,
not tuned to."""
import json
from pathlib import Path

import pytest

from extract.cli import main

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "news"


@pytest.mark.parametrize("folder", ["unseen", "unseen_c", "unseen_d", "unseen_e"])
def test_dev_set_meets_its_floors(folder, capsys):
    corpora = [NEWS / "dantri-unc.jsonl", NEWS / "newsmds.jsonl"]
    if not all(p.exists() for p in corpora):
        pytest.skip("../shared/news is not beside the repo")
    gold = ROOT / "gold" / folder
    floors = {k: v for k, v in json.loads((gold / "floors.json").read_text()).items() if not k.startswith("_")}
    args = ["eval", "--gold", str(gold)]
    for p in corpora:
        args += ["--corpus", str(p)]
    for name, x in floors.items():
        args += ["--min-f1", str(x) if name == "ALL" else f"{name}={x}"]
    code = main(args)
    out = capsys.readouterr()
    assert code == 0, out.out[-3000:] + out.err[-2000:]
    assert "statements (about) of vnextract," in out.out
