"""Statements (a record's ``about``) in the fact database, its filters, and table outputs.

Until the linker lands, ``about`` is added by hand: the ``linked`` fixture wraps
``to_records`` so real sentences give their real records plus the statements below."""
import io
import json
import sqlite3
import unicodedata

import pandas as pd
import pytest

import extract.pipeline.records as records
from extract import extract_frame
from extract.cli import main
from db_helpers import rows as _rows, run as _run, write_jsonl as _write_jsonl
from extract.io.storage import SCHEMA_VERSION, period_days

A = ("9 tháng đầu năm 2023, tỷ lệ giải quyết hồ sơ đúng hoặc sớm hạn của địa phương đạt 90%, "
     "của bộ, ngành đạt 50,2% (tăng 10% so với cùng kỳ năm 2022).")
B = "Ngày 16/10/2023, Hà Nội ghi nhận 3.000 ca mắc mới."
C = ("Từ tháng 11/2022 đến tháng 2/2023, tổng kim ngạch xuất khẩu của tỉnh Thừa Thiên Huế đạt 1,5 tỷ USD, "
     "theo báo cáo của Sở Công Thương.")
D = "Tỷ lệ hoà giải thành của Uỷ ban nhân dân xã đạt 85%, vượt 5% so với kế hoạch; tỉnh Lai Châu xếp thứ 13/63."
E = "Buổi họp kéo dài 30 phút."
ARTICLES = [{"id": "a", "text": A}, {"id": "b", "text": B}, {"id": "c", "text": C}, {"id": "d", "text": D},
            {"id": "e", "text": E}]


def part(text, phrase, carried=False, **keys):
    start = text.index(phrase)
    return {"text": phrase, "start": start, "end": start + len(phrase), **keys, **({"carried": True} if carried else {})}


JAN_SEP_2023 = {"start": "2023-01", "end": "2023-09"}
ABOUT = {
    ("a", "90%"): {"measure": part(A, "tỷ lệ giải quyết hồ sơ đúng hoặc sớm hạn"), "subject": part(A, "địa phương"),
                   "period": part(A, "9 tháng đầu năm 2023", value=JAN_SEP_2023)},
    ("a", "50,2%"): {"measure": part(A, "tỷ lệ giải quyết hồ sơ đúng hoặc sớm hạn", carried=True),
                     "subject": part(A, "bộ, ngành"),
                     "period": part(A, "9 tháng đầu năm 2023", carried=True, value=JAN_SEP_2023)},
    ("a", "tăng 10%"): {"measure": part(A, "tỷ lệ giải quyết hồ sơ đúng hoặc sớm hạn", carried=True),
                        "subject": part(A, "bộ, ngành", carried=True),
                        "period": part(A, "9 tháng đầu năm 2023", carried=True, value=JAN_SEP_2023),
                        "compared_to": part(A, "cùng kỳ năm 2022", value={"start": "2022-01", "end": "2022-09"})},
    ("b", "3.000 ca mắc mới"): {"measure": part(B, "ca mắc mới"), "subject": part(B, "Hà Nội"),
                        "period": part(B, "Ngày 16/10/2023", value="2023-10-16"),
                        "place": part(B, "Hà Nội", code="01", name="Hà Nội")},
    ("c", "1,5 tỷ USD"): {"measure": part(C, "tổng kim ngạch xuất khẩu"), "subject": part(C, "tỉnh Thừa Thiên Huế"),
                          "period": part(C, "Từ tháng 11/2022 đến tháng 2/2023",
                                         value={"start": "2022-11", "end": "2023-02"}),
                          "place": part(C, "tỉnh Thừa Thiên Huế", code="46", name="Thừa Thiên Huế"),
                          "source": part(C, "Sở Công Thương")},
    ("d", "85%"): {"measure": part(D, "Tỷ lệ hoà giải thành"), "subject": part(D, "Uỷ ban nhân dân xã")},
    ("d", "vượt 5%"): {"measure": part(D, "Tỷ lệ hoà giải thành", carried=True),
                       "subject": part(D, "Uỷ ban nhân dân xã", carried=True),
                       "compared_to": part(D, "kế hoạch", value=None)},
    ("d", "13/63"): {"place": part(D, "tỉnh Lai Châu", code="12", name="Lai Châu")},
    # e's 30 phút: about {} (a verb alone gives no measure)
}
STATEMENT_TYPES = {"PERCENT", "RATIO", "RANK", "COUNT", "MONEY", "DURATION"}


@pytest.fixture
def linked(monkeypatch):
    """Records as the linker will give them: ``about`` on every quantity."""
    real = records.to_records

    def with_about(doc_id, ctx, mentions):
        recs = real(doc_id, ctx, mentions)
        for r in recs:
            if r["type"] in STATEMENT_TYPES:
                r["about"] = ABOUT.get((doc_id, r["text"]), {})
        return recs

    monkeypatch.setattr(records, "to_records", with_about)





@pytest.fixture
def db(tmp_path, linked):
    path = tmp_path / "facts.sqlite"
    assert _run(_write_jsonl(tmp_path / "in.jsonl", ARTICLES), "--db", path) == 0
    return path


STATEMENT_SQL = ("SELECT m.doc_id, m.text, measure, subject, period, s.period_start, s.period_end, period_first_day, "
                 "period_last_day, place, place_code, place_name, compared_to, compared_to_start, compared_to_end, "
                 "compared_to_first_day, compared_to_last_day, source, measure_carried, subject_carried, "
                 "period_carried, place_carried, compared_to_carried, source_carried "
                 "FROM statements s JOIN mentions m USING (mention_id) ORDER BY m.doc_id, m.seq")
M = "tỷ lệ giải quyết hồ sơ đúng hoặc sớm hạn"
P = ("9 tháng đầu năm 2023", "2023-01", "2023-09", "2023-01-01", "2023-09-30")
NO_PERIOD = (None,) * 5
NO_PLACE = (None,) * 3
NO_BASE = (None,) * 5
STATEMENTS = [
    ("a", "90%", M, "địa phương", *P, *NO_PLACE, *NO_BASE, None, 0, 0, 0, None, None, None),
    ("a", "50,2%", M, "bộ, ngành", *P, *NO_PLACE, *NO_BASE, None, 1, 0, 1, None, None, None),
    ("a", "tăng 10%", M, "bộ, ngành", *P, *NO_PLACE,
     "cùng kỳ năm 2022", "2022-01", "2022-09", "2022-01-01", "2022-09-30", None, 1, 1, 1, None, 0, None),
    ("b", "3.000 ca mắc mới", "ca mắc mới", "Hà Nội", "Ngày 16/10/2023", "2023-10-16", "2023-10-16", "2023-10-16",
     "2023-10-16", "Hà Nội", "01", "Hà Nội", *NO_BASE, None, 0, 0, 0, 0, None, None),
    ("c", "1,5 tỷ USD", "tổng kim ngạch xuất khẩu", "tỉnh Thừa Thiên Huế",
     "Từ tháng 11/2022 đến tháng 2/2023", "2022-11", "2023-02", "2022-11-01", "2023-02-28",
     "tỉnh Thừa Thiên Huế", "46", "Thừa Thiên Huế", *NO_BASE, "Sở Công Thương", 0, 0, 0, 0, None, 0),
    ("d", "85%", "Tỷ lệ hoà giải thành", "Uỷ ban nhân dân xã", *NO_PERIOD, *NO_PLACE, *NO_BASE, None,
     0, 0, None, None, None, None),
    ("d", "vượt 5%", "Tỷ lệ hoà giải thành", "Uỷ ban nhân dân xã", *NO_PERIOD, *NO_PLACE,
     "kế hoạch", None, None, None, None, None, 1, 1, None, None, 0, None),
    ("d", "13/63", None, None, *NO_PERIOD, "tỉnh Lai Châu", "12", "Lai Châu", *NO_BASE, None,
     None, None, None, 0, None, None),
    ("e", "30 phút", *(None,) * 16, *(None,) * 6),
]


def test_statements_round_trip(db, tmp_path, capsys):
    assert _rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(5,)]
    assert _rows(db, STATEMENT_SQL) == STATEMENTS
    # every part's offsets are kept (the whole about, as JSON); about is not repeated in extra
    assert _rows(db, "SELECT s.about FROM statements s JOIN mentions m USING (mention_id) WHERE m.text = '50,2%'") \
        == [(json.dumps(ABOUT["a", "50,2%"], ensure_ascii=False),)]
    assert _rows(db, "SELECT about FROM statements s JOIN mentions m USING (mention_id) WHERE doc_id = 'e'") == [("{}",)]
    assert _rows(db, "SELECT count(*) FROM mentions WHERE extra LIKE '%about%'") == [(0,)]
    # only quantities have statements; DATE and PERIOD mentions have none
    assert _rows(db, "SELECT type, count(s.mention_id) FROM mentions m LEFT JOIN statements s USING (mention_id) "
                     "GROUP BY type ORDER BY type") == [
        ("COUNT", 1), ("DATE", 0), ("DURATION", 1), ("MONEY", 1), ("PERCENT", 5), ("PERIOD", 0), ("RANK", 1)]
    # the facts view: the statement's period, and a PERIOD mention's own ends as value_start/value_end
    assert _rows(db, "SELECT type, text, period_start, period_end, value_start, value_end, place_code FROM facts "
                     "WHERE doc_id = 'c' ORDER BY seq") == [
        ("PERIOD", "Từ tháng 11/2022 đến tháng 2/2023", None, None, "2022-11", "2023-02", None),
        ("MONEY", "1,5 tỷ USD", "2022-11", "2023-02", None, None, "46")]
    # facts --format json and export give back the records of a plain run, about and all
    plain = tmp_path / "plain.jsonl"
    assert _run(tmp_path / "in.jsonl", "-o", plain) == 0
    ref = [json.loads(x) for x in plain.read_text(encoding="utf-8").splitlines()]
    assert [r.get("about") for r in ref if r["type"] in STATEMENT_TYPES] == \
        [ABOUT.get((r["doc_id"], r["text"]), {}) for r in ref if r["type"] in STATEMENT_TYPES]
    capsys.readouterr()
    assert main(["facts", "--db", str(db), "--format", "json"]) == 0
    assert [json.loads(x) for x in capsys.readouterr().out.splitlines()] == ref
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "x.jsonl"), "--quiet"]) == 0
    assert [json.loads(x) for x in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()] == ref
    # a re-run replaces a changed article's statements and leaves no orphans
    _write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1] + [{"id": "b", "text": "Hà Nội có 12 ca."}] + ARTICLES[2:])
    assert _run(tmp_path / "in.jsonl", "--db", db) == 0
    assert _rows(db, "SELECT count(*) FROM statements") == [(len(STATEMENTS),)]
    assert _rows(db, "SELECT count(*) FROM statements WHERE mention_id NOT IN (SELECT mention_id FROM mentions)") \
        == [(0,)]
    assert _rows(db, "SELECT measure, about FROM facts WHERE doc_id = 'b'") == [(None, "{}")]


def _facts(db, capsys, *args):
    capsys.readouterr()
    assert main(["facts", "--db", str(db), "--format", "json", *args]) == 0
    return [(r["doc_id"], r["text"]) for r in map(json.loads, capsys.readouterr().out.splitlines())]


A3 = [("a", "90%"), ("a", "50,2%"), ("a", "tăng 10%")]
B1, C1 = [("b", "3.000 ca mắc mới")], [("c", "1,5 tỷ USD")]


@pytest.mark.parametrize("when, expected", [
    ("2023", A3 + B1 + C1),
    ("2023-Q4", B1),                 # a DATE 2023-10-16
    ("2023-10", B1),
    ("2023-10-16", B1),
    ("2023-10-17", []),
    ("2022", C1),                    # a PERIOD 2022-11..2023-02 overlaps 2022 and 2023; a's base 2022 is no period
    ("2022-10", []),
    ("2022-11", C1),
    ("2023-02", A3 + C1),
    ("2023-03", A3),
    ("2023-Q3", A3),
    ("2023-W40", []),                # 2023-10-02 … 2023-10-08
    ("2023-W42", B1),                # 2023-10-16 … 2023-10-22
    ("2022..2023", A3 + B1 + C1),
    ("2023-09..2023-10", A3 + B1),
    ("2021", []),
])
def test_period_filter_overlaps(db, capsys, when, expected):
    assert _facts(db, capsys, "--period", when) == expected


def test_period_days_and_bad_periods(capsys):
    assert period_days("2023") == ("2023-01-01", "2023-12-31")
    assert period_days("2024-02") == ("2024-02-01", "2024-02-29")
    assert period_days("2023-Q3") == ("2023-07-01", "2023-09-30")
    assert period_days("2022..2023-Q1") == ("2022-01-01", "2023-03-31")
    for bad in ("23", "2023-13", "XXXX-10", "2024..2023", "2021..2022..2023", "năm 2023"):
        with pytest.raises(ValueError):
            period_days(bad)
    with pytest.raises(SystemExit) as e:
        main(["facts", "--period", "2023-13"])
    assert e.value.code == 2 and "'2023-13' is no period" in capsys.readouterr().err


def test_place_filter_by_code_and_name(db, capsys):
    assert _facts(db, capsys, "--place", "01") == B1
    assert _facts(db, capsys, "--place", "1") == B1
    assert _facts(db, capsys, "--place", "79") == []
    assert _facts(db, capsys, "--place", "hà nội") == B1
    assert _facts(db, capsys, "--place", "HÀ  NỘI") == B1
    assert _facts(db, capsys, "--place", "46") == C1
    assert _facts(db, capsys, "--place", "Thừa Thiên Huế") == C1
    assert _facts(db, capsys, "--place", "Lai Châu") == [("d", "13/63")]
    assert _facts(db, capsys, "--place", "Hà") == []             # a name is matched whole, not in part


def test_measure_and_subject_fold_case_and_tone_placement(db, capsys):
    assert _facts(db, capsys, "--measure", "hòa giải") == [("d", "85%"), ("d", "vượt 5%")]   # stored "hoà"
    assert _facts(db, capsys, "--measure", "HOÀ GIẢI THÀNH") == [("d", "85%"), ("d", "vượt 5%")]
    assert _facts(db, capsys, "--measure", unicodedata.normalize("NFD", "hoà giải")) == [("d", "85%"), ("d", "vượt 5%")]
    assert _facts(db, capsys, "--measure", "tỷ lệ") == A3 + [("d", "85%"), ("d", "vượt 5%")]
    assert _facts(db, capsys, "--measure", "ca mắc") == B1
    assert _facts(db, capsys, "--measure", "doanh thu") == []
    assert _facts(db, capsys, "--subject", "ủy ban") == [("d", "85%"), ("d", "vượt 5%")]    # stored "Uỷ"
    assert _facts(db, capsys, "--subject", "bộ, ngành") == [("a", "50,2%"), ("a", "tăng 10%")]


def test_statement_filters_combine_with_the_others(db, capsys):
    assert _facts(db, capsys, "--measure", "tỷ lệ", "--period", "2023", "--min", "50") == [("a", "90%"), ("a", "50,2%")]
    assert _facts(db, capsys, "--measure", "tỷ lệ", "--doc", "d", "--max", "10") == [("d", "vượt 5%")]
    assert _facts(db, capsys, "--type", "MONEY", "--period", "2023", "--place", "46") == C1
    assert _facts(db, capsys, "--type", "PERCENT", "--place", "01") == []
    assert _facts(db, capsys, "--measure", "tỷ lệ", "--limit", "1") == [("a", "90%")]
    assert _facts(db, capsys, "--text", "Hà Nội", "--period", "2023-10") == B1


def test_facts_csv_and_table_show_statements(db, capsys):
    capsys.readouterr()
    assert main(["facts", "--db", str(db), "--format", "csv", "--place", "46"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert list(df.columns) == [
        "doc_id", "type", "text", "value", "qualifier", "change", "unit", "start", "end", "sentence", "rule",
        "value_number", "date_iso", "value_start", "value_end", "extra", "range_min", "range_max",
        "measure", "subject", "period", "period_start", "period_end", "period_first_day", "period_last_day",
        "place", "place_code", "place_name", "compared_to", "compared_to_start", "compared_to_end",
        "compared_to_first_day", "compared_to_last_day", "source", "measure_carried", "subject_carried",
        "period_carried", "place_carried", "compared_to_carried", "source_carried", "about"]
    row = df.iloc[0]
    assert (row["measure"], row["period_start"], row["period_last_day"], row["place_code"], row["source"],
            row["place_carried"], row["compared_to_carried"]) == (
        "tổng kim ngạch xuất khẩu", "2022-11", "2023-02-28", "46", "Sở Công Thương", "0", "")
    assert json.loads(row["about"]) == ABOUT["c", "1,5 tỷ USD"]
    assert main(["facts", "--db", str(db), "--place", "01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["doc_id", "type", "text", "value", "qualifier", "change", "unit", "measure",
                                "subject", "period", "place", "compared_to", "source", "sentence"]
    assert lines[2].split("  ")[0:1] == ["b"] and "ca mắc mới" in lines[2] and "Ngày 16/10/2023" in lines[2]
    assert lines[-1] == "(1 row)"


def test_query_has_fold(db, capsys):
    capsys.readouterr()
    assert main(["query", "SELECT text FROM facts WHERE fold(subject) = fold('UỶ BAN NHÂN DÂN XÃ') ORDER BY seq",
                 "--db", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["text", "85%", "vượt 5%"]


FLAT = ["measure", "subject", "period_start", "period_end", "place_code", "place_name", "compared_to",
        "compared_to_start", "compared_to_end", "source"]
FLAT_ROWS = [  # (doc_id, text, *FLAT) of every record with a statement part, in output order
    ("a", "90%", M, "địa phương", "2023-01", "2023-09", None, None, None, None, None, None),
    ("a", "50,2%", M, "bộ, ngành", "2023-01", "2023-09", None, None, None, None, None, None),
    ("a", "tăng 10%", M, "bộ, ngành", "2023-01", "2023-09", None, None, "cùng kỳ năm 2022", "2022-01", "2022-09", None),
    ("b", "3.000 ca mắc mới", "ca mắc mới", "Hà Nội", "2023-10-16", "2023-10-16", "01", "Hà Nội", None, None, None, None),
    ("c", "1,5 tỷ USD", "tổng kim ngạch xuất khẩu", "tỉnh Thừa Thiên Huế", "2022-11", "2023-02", "46",
     "Thừa Thiên Huế", None, None, None, "Sở Công Thương"),
    ("d", "85%", "Tỷ lệ hoà giải thành", "Uỷ ban nhân dân xã", None, None, None, None, None, None, None, None),
    ("d", "vượt 5%", "Tỷ lệ hoà giải thành", "Uỷ ban nhân dân xã", None, None, None, None, "kế hoạch", None, None,
     None),
    ("d", "13/63", None, None, None, None, "12", "Lai Châu", None, None, None, None),
]


def _flat(df):
    rows = [tuple(None if pd.isna(v) else v for v in r) for r in df[["doc_id", "text"] + FLAT].itertuples(index=False)]
    return [r for r in rows if any(v is not None for v in r[2:])]


def test_csv_and_parquet_output_columns(tmp_path, linked):
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    assert _run(src, "-o", tmp_path / "x.csv") == 0
    assert _run(src, "-o", tmp_path / "x.parquet") == 0
    csv_df = pd.read_csv(tmp_path / "x.csv", dtype=str)
    pq_df = pd.read_parquet(tmp_path / "x.parquet")
    table_columns = ["doc_id", "type", "text", "start", "end", "value", "qualifier", "change", "sentence",
                     "unit", "rule", "value_number", "range_min", "range_max", "extra"] + FLAT
    assert list(csv_df.columns) == list(pq_df.columns) == table_columns
    assert _flat(csv_df) == _flat(pq_df) == FLAT_ROWS
    # every part's offsets stay in extra's about; DATE rows have no statement columns
    extra = json.loads(pq_df.loc[pq_df["text"] == "tăng 10%", "extra"].iloc[0])
    assert extra["about"] == ABOUT["a", "tăng 10%"]
    assert pq_df.loc[pq_df["type"] == "DATE", FLAT].isna().all().all()
    # export of the database writes the same table as run -o
    db = tmp_path / "f.sqlite"
    assert _run(src, "--db", db) == 0
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "e.parquet"), "--quiet"]) == 0
    assert pd.read_parquet(tmp_path / "e.parquet").equals(pq_df)
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "e.csv"), "--quiet"]) == 0
    assert (tmp_path / "e.csv").read_text(encoding="utf-8") == (tmp_path / "x.csv").read_text(encoding="utf-8")


def test_extract_frame_statement_columns(linked):
    df = extract_frame(pd.DataFrame({"id": [a["id"] for a in ARTICLES], "text": [a["text"] for a in ARTICLES]}))
    assert list(df.columns[:12]) == ["doc_id", "type", "text", "start", "end", "value", "qualifier", "change",
                                     "sentence", "unit", "rule", "about"]
    assert list(df.columns[12:22]) == FLAT
    assert _flat(df) == FLAT_ROWS
    row = df[df["text"] == "1,5 tỷ USD"].iloc[0]
    assert row["about"] == ABOUT["c", "1,5 tỷ USD"]                  # the object itself
    assert df[df["text"] == "30 phút"].iloc[0]["about"] == {}


def test_extract_frame_without_about_has_the_columns():
    df = extract_frame(pd.DataFrame({"id": ["x"], "text": ["Ngày 16/10/2023."]}))
    assert list(df["type"]) == ["DATE"]
    assert {"about", *FLAT} <= set(df.columns) and df[FLAT].isna().all().all()


def _downgrade_to_v1(db):
    """The database as vnextract 1 left it: no statements table, about kept in extra."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE mentions SET extra = json_set(coalesce(extra, '{}'), '$.about', "
                     "json((SELECT about FROM statements s WHERE s.mention_id = mentions.mention_id))) "
                     "WHERE mention_id IN (SELECT mention_id FROM statements)")
        conn.execute("DROP VIEW facts")
        conn.execute("DROP TABLE statements")
        for fts in ("facts_fts", "articles_fts"):   # version 4 (test_search.py)
            conn.execute(f"DROP TABLE {fts}")
        for trigger in ("mentions_fts_delete", "articles_fts_delete"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("CREATE VIEW facts AS SELECT m.*, a.title, a.published, a.url FROM mentions m "
                     "JOIN articles a USING (doc_id)")
        for table in ("post_mentions", "person_mentions", "posts", "people", "people_dirty"):
            conn.execute(f"DROP TABLE {table}")   # version 3
        conn.execute("PRAGMA user_version = 1")
    conn.close()


def test_version_1_database_is_refused_for_reading_and_migrated_by_a_run(db, tmp_path, capsys):
    _downgrade_to_v1(db)
    assert _rows(db, "SELECT count(*) FROM mentions WHERE json_type(extra, '$.about') = 'object'") == [(9,)]
    capsys.readouterr()
    assert main(["facts", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"E308 {db} has schema version 1, older than this vnextract's {SCHEMA_VERSION}" in err
    assert "vnextract run INPUT... --db PATH" in err
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "E308" in capsys.readouterr().err and not (tmp_path / "x.jsonl").exists()
    # a run (here one that stores nothing new) migrates it: statements as a version 2 run stores them
    assert _run(tmp_path / "in.jsonl", "--db", db) == 0
    assert _rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _rows(db, "SELECT n_articles, n_skipped FROM runs ORDER BY run_id DESC LIMIT 1") == [(0, 5)]
    assert _rows(db, STATEMENT_SQL) == STATEMENTS
    assert _rows(db, "SELECT count(*) FROM mentions WHERE extra LIKE '%about%'") == [(0,)]
    assert _rows(db, "PRAGMA foreign_key_check") == []
    assert _facts(db, capsys, "--measure", "hòa giải", "--place", "12") == []
    assert _facts(db, capsys, "--period", "2022") == C1
