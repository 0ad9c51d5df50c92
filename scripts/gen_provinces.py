"""Generate ``patterns/statements/provinces.toml``: the province gazetteer of the statement part
``place`` (CONTRACT.md, "Statements").

    python scripts/gen_provinces.py [--wheels DIR] [--out PATH] [--check]

What it writes, all from published libraries, nothing typed by hand except the press forms of
``patterns/statements/province_aliases.toml``:

- the 63 provinces and centrally-run cities in force before 2025-07-01 (GSO two-digit code,
  canonical name, official full name), from ``vietnam-provinces`` 0.6.0;
- the 34 in force from 2025-07-01 (same), from ``vietnam-provinces`` 2025.10.1;
- the map old code -> new code, from the old->new mapping rows of
  ``vietnam-address-converter`` 1.0.5 (joined on the libraries' ascii slugs), checked against
  an independent source: the GSO ward codes, since each new ward took the code of one of the
  wards it was made of, so the old province of a new ward's code tells where it went;
- the written forms of each: the names that the three sources give (they differ: ``Bà Rịa -
  Vũng Tàu`` / ``Bà Rịa-Vũng Tàu``, ``Hoà Bình`` / ``Hòa Bình``), plus the hand-kept press
  forms (``TP.HCM``, ``BR-VT``, ``Daklak``…), recorded apart under ``press``.

Packages it needs: none installed. Two releases of one package (vietnam-provinces 0.6.0 and
2025.10.1) cannot be installed side by side, so there is no ``gen`` extra: the script fetches
the pinned wheels with ``python -m pip download --no-deps`` (PyPI) into a temporary folder, or
reads them from ``--wheels DIR``, and reads their data files from the zip without importing
them (the converter's data module is read with ``ast``, not executed). ``--check`` compares
the result with the file in place and exits 1 when they differ.
"""
from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "patterns" / "statements" / "provinces.toml"
ALIASES = ROOT / "patterns" / "statements" / "province_aliases.toml"

OLD = ("vietnam-provinces", "0.6.0")        # the 63 (GSO codes), data of 2025-01-04
NEW = ("vietnam-provinces", "2025.10.1")    # the 34 (GSO codes), data of 2025-10-18
CONV = ("vietnam-address-converter", "1.0.5")  # old -> new administrative units
MERGER = "2025-07-01"

sys.path.insert(0, str(ROOT))
from extract.engine.text import fold  # noqa: E402  (same folding as the matcher)


# --- fetching and reading the wheels -------------------------------------------------------

def wheel(dist: tuple[str, str], wheels: Path) -> Path:
    name, version = dist
    stem = f"{name.replace('-', '_')}-{version}-"
    found = [p for p in wheels.glob("*.whl") if p.name.startswith(stem)]
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        "-q", "-d", str(wheels), f"{name}=={version}"], check=True)
        found = [p for p in wheels.glob("*.whl") if p.name.startswith(stem)]
    if len(found) != 1:
        raise SystemExit(f"expected one wheel of {name} {version} in {wheels}, found {found}")
    return found[0]


def read_member(whl: Path, member: str) -> str:
    with zipfile.ZipFile(whl) as z:
        return z.read(member).decode("utf-8")


def data_version(whl: Path, package: str) -> str:
    """``__data_version__`` of a vietnam-provinces release (its data retrieval date)."""
    tree = ast.parse(read_member(whl, f"{package}/__init__.py"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__data_version__"
                                                for t in node.targets):
            return ast.literal_eval(node.value)
    return "?"


def converter_data(whl: Path) -> dict:
    """``DEFAULT_DATA`` of vietnam_address_converter/data.py: ``json.loads('<literal>')``."""
    tree = ast.parse(read_member(whl, "vietnam_address_converter/data.py"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "loads"
                and node.args and isinstance(node.args[0], ast.Constant)):
            return json.loads(node.args[0].value)
    raise SystemExit("vietnam_address_converter/data.py: no json.loads literal found")


# --- names ---------------------------------------------------------------------------------

_PREFIXES = ("Thành phố ", "Thành Phố ", "Tỉnh ")


def short_name(full: str) -> str:
    for p in _PREFIXES:
        if full.startswith(p):
            return full[len(p):]
    return full


def new_style(name: str) -> str:
    """Tone on the first vowel of an open oa/oe/uy syllable (Hoà -> Hòa), as fold() does,
    keeping the case: the libraries mix both placements (0.6.0 has ``Hoà Bình`` beside
    ``Thanh Hóa``); canonical names use one."""
    folded = fold(name)
    return "".join(f.upper() if c.isupper() else f for c, f in zip(name, folded))


def slug(codename: str) -> str:
    for p in ("thanh_pho_", "tinh_"):
        if codename.startswith(p):
            return codename[len(p):]
    return codename


def key(form: str) -> str:
    """What the matcher cannot tell apart: fold, and any dash with any spacing."""
    f = fold(unicodedata.normalize("NFC", form))
    for d in "–—":
        f = f.replace(d, "-")
    return " ".join(f.replace("-", " - ").split())


# --- building ------------------------------------------------------------------------------

def build(wheels: Path) -> str:
    w_old, w_new, w_conv = wheel(OLD, wheels), wheel(NEW, wheels), wheel(CONV, wheels)
    old = json.loads(read_member(w_old, "vietnam_provinces/data/nested-divisions.json"))
    new = json.loads(read_member(w_new, "vietnam_provinces/data/nested-divisions.json"))
    conv = converter_data(w_conv)
    assert len(old) == 63 and len(new) == 34, (len(old), len(new))

    def code(n: int) -> str:
        assert 0 < n < 100
        return f"{n:02d}"

    old_by_slug = {slug(p["codename"]): p for p in old}
    new_by_slug = {slug(p["codename"]): p for p in new}
    assert len(old_by_slug) == 63 and len(new_by_slug) == 34

    # old -> new from the converter's rows, joined on slugs
    c_old = {v["code"]: v for v in conv["oldProvinces"].values()}
    c_new = {v["code"]: v for v in conv["newProvinces"].values()}
    to34: dict[str, set[str]] = defaultdict(set)
    for row in conv["mapping"]["rows"]:
        o = old_by_slug[c_old[row["old"]["province_code"]]["slug"].replace("-", "_")]
        n = new_by_slug[c_new[row["new"]["province_code"]]["slug"].replace("-", "_")]
        to34[code(o["code"])].add(code(n["code"]))
    assert len(to34) == 63, "converter does not cover every old province"
    bad = {o: n for o, n in to34.items() if len(n) != 1}
    assert not bad, f"old provinces split between new ones: {bad}"
    old_to_new = {o: next(iter(n)) for o, n in to34.items()}

    # independent check: new ward codes are old ward codes; their old province votes
    ward_old_prov = {w["code"]: code(p["code"]) for p in old for d in p["districts"] for w in d["wards"]}
    votes: dict[str, Counter] = defaultdict(Counter)
    for p in new:
        for w in p["wards"]:
            if w["code"] in ward_old_prov:
                votes[ward_old_prov[w["code"]]][code(p["code"])] += 1
    for o, n in old_to_new.items():
        top = votes[o].most_common(1)
        assert top and top[0][0] == n, f"ward codes send {o} to {votes[o]}, converter to {n}"
    # a new province keeps the name (and contains) one of its old ones
    for p in new:
        o = old_by_slug[slug(p["codename"])]
        assert old_to_new[code(o["code"])] == code(p["code"]), p["name"]

    # written forms
    forms: dict[str, list[str]] = defaultdict(list)

    def add(c: str, form: str, into=forms):
        form = unicodedata.normalize("NFC", form.strip())
        if key(form) not in {key(f) for f in into[c]}:
            into[c].append(form)

    canon63 = {}
    for p in old:
        c = code(p["code"])
        canon63[c] = new_style(short_name(p["name"]))
        add(c, canon63[c])
        add(c, short_name(p["name"]))
    for v in conv["oldProvinces"].values():
        c = code(old_by_slug[v["slug"].replace("-", "_")]["code"])
        add(c, v["name"])
        add(c, short_name(v["name_with_type"]))

    hand = tomllib.loads(ALIASES.read_text(encoding="utf-8"))
    press: dict[str, list[str]] = defaultdict(list)
    for entry in hand["alias"]:
        c = entry["code"]
        assert c in canon63, f"{ALIASES.name}: unknown code {c}"
        assert key(entry["name"]) in {key(f) for f in forms[c]}, \
            f"{ALIASES.name}: {entry['name']!r} is not the name of {c} ({forms[c]})"
        for f in entry.get("forms", []):
            if key(f) not in {key(x) for x in forms[c]}:
                add(c, f, press)
    seen: dict[str, str] = {}
    for c in canon63:
        for f in forms[c] + press[c]:
            assert seen.setdefault(key(f), c) == c, f"form {f!r} of both {seen[key(f)]} and {c}"

    canon34 = {code(p["code"]): new_style(short_name(p["name"])) for p in new}
    from63 = defaultdict(list)
    for o, n in sorted(old_to_new.items()):
        from63[n].append(o)

    q = lambda s: json.dumps(s, ensure_ascii=False)  # a TOML basic string
    qs = lambda xs: "[" + ", ".join(q(x) for x in xs) + "]"
    full_old = {code(p["code"]): new_style(p["name"]) for p in old}
    full_new = {code(p["code"]): new_style(p["name"] if p["name"].startswith("Thành phố")
                                           else "Tỉnh " + p["name"]) for p in new}
    meta = conv["mapping"]["meta"]["version"]
    src63 = f"{OLD[0]} {OLD[1]} (data of {data_version(w_old, 'vietnam_provinces')})"
    src34 = f"{NEW[0]} {NEW[1]} (data of {data_version(w_new, 'vietnam_provinces')})"
    src_map = (f"{CONV[0]} {CONV[1]} (mapping {meta}, {len(conv['mapping']['rows'])} rows), "
               "checked against the ward codes of both vietnam-provinces releases")
    out = [
        "# Generated by scripts/gen_provinces.py: do not edit. Edit the script or",
        "# province_aliases.toml (the press forms) and run it again.",
        "# p63: the 63 provinces before the merger; p34: the 34 from it on; to34: the province of",
        "# the 34 that an old one is now part of. aliases: the names the libraries give; press: the",
        "# hand-kept forms. When a form counts (prefixes, ambiguous names) is in place_rules.toml.",
        "",
        "[source]",
        f"generator = {q('scripts/gen_provinces.py')}",
        f"set63 = {q(src63)}",
        f"set34 = {q(src34)}",
        f"old_to_new = {q(src_map)}",
        f"hand_aliases = {q('patterns/statements/province_aliases.toml')}",
        f"merger = {q(MERGER)}",
    ]
    for c in sorted(canon63):
        out += ["", "[[p63]]", f"code = {q(c)}", f"name = {q(canon63[c])}", f"full = {q(full_old[c])}",
                f"to34 = {q(old_to_new[c])}", f"aliases = {qs(forms[c])}"]
        if press[c]:
            out.append(f"press = {qs(press[c])}")
    for c in sorted(canon34):
        out += ["", "[[p34]]", f"code = {q(c)}", f"name = {q(canon34[c])}", f"full = {q(full_new[c])}",
                f"from63 = {qs(from63[c])}"]
    text = "\n".join(out) + "\n"
    tomllib.loads(text)  # what we write must read back
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheels", type=Path, help="folder holding (or to receive) the pinned wheels")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if --out differs from what would be written")
    args = ap.parse_args(argv)
    if args.wheels:
        args.wheels.mkdir(parents=True, exist_ok=True)
        text = build(args.wheels)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            text = build(Path(tmp))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from what the generator writes'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
