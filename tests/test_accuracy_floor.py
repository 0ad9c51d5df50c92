"""CI's accuracy floor: `vnextract eval` on gold/ must stay at the F1 reached (gold/floors.json).

Keys are ALL or a type (fact F1), and, once the gold carries `about`, `about` (every statement
part) or `about.<part>` (statement F1 on the paired mentions); the lead sets them."""
import json
from pathlib import Path

from extract.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_eval_on_the_gold_set_meets_the_floors(capsys):
    floors = {k: v for k, v in json.loads((ROOT / "gold" / "floors.json").read_text()).items()
              if not k.startswith("_")}
    args = ["eval", "--gold", str(ROOT / "gold"), "--corpus", str(ROOT / "corpus")]
    for name, x in floors.items():
        args += ["--min-f1", str(x) if name == "ALL" else f"{name}={x}"]
    code = main(args)
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    # the table has one row per type with the fact F1 it was held to
    rows = {line.split()[1]: line for line in out.out.splitlines() if line.startswith("vnextract ")}
    types = {k for k in floors if not k.startswith("about")}
    assert types <= set(rows), sorted(rows)
    # and a statement floor is held on statements that were scored
    if len(types) < len(floors):
        assert "statements (about) of vnextract," in out.out, out.out
