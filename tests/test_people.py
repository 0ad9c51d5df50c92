"""People and their posts across articles (extract/io/people.py, extract/dimensions/titles.py):
canonical titles, which mentions are one person, the tables `run --db` keeps, `vnextract people`."""
from __future__ import annotations

import json
import random
import sqlite3

import pytest

from extract.cli import main
from extract.dimensions.titles import canonical_post, canonical_title, title_examples
from extract.io.people import name_key, render_people_timeline, resolve

from db_helpers import rows, run, write_jsonl


@pytest.mark.parametrize("title,canonical", [pytest.param(t, c, id=t) for t, c in title_examples()])
def test_title_examples(title, canonical):
    assert canonical_title(title) == canonical


def test_canonical_post_parts():
    p = canonical_post("nguyên Phó Chủ tịch Thường trực UBND tỉnh", "Lai Châu")
    assert (p.office, p.organization, p.former) == ("phó chủ tịch thường trực", "Ủy ban nhân dân tỉnh Lai Châu", True)
    assert canonical_title("Chủ tịch UBND TP.Bạc Liêu") == "chủ tịch ủy ban nhân dân thành phố bạc liêu"
    assert canonical_title("Thứ trưởng Thường trực Bộ Ngoại giao") == "thứ trưởng thường trực bộ ngoại giao"
    # a body that starts with the implied word is not doubled; a company keeps its name
    assert canonical_title("Thứ trưởng Bộ Y tế") == "thứ trưởng bộ y tế"
    assert canonical_title("Tổng Giám đốc Vietjet") == "tổng giám đốc vietjet"


def test_name_key():
    assert name_key("Nguyễn Ðức Chi") == name_key("nguyễn  Đức chi") == "nguyễn đức chi"
    assert name_key("Lê Thị Hoà") == name_key("Lê Thị Hòa")


def _rec(doc, name, titles, location=None):
    v = {"name": name, "titles": titles}
    if location:
        v["location"] = location
    return {"doc_id": doc, "type": "OFFICIAL", "text": name, "start": 0, "end": len(name), "value": v}


def _people(*mentions):
    """People from (doc_id, published, name, titles[, location]) tuples."""
    rows_ = [(i, _rec(m[0], m[2], m[3], *m[4:]), m[1]) for i, m in enumerate(mentions)]
    return resolve(rows_)


def _shape(people):
    return sorted((p["name"], sorted(q["title"] for q in p["posts"])) for p in people)


# -- one person ----------------------------------------------------------------------------

MERGES = [
    pytest.param([("a", "2023-02-01", "Phan Văn Mãi", ["Chủ tịch UBND TP HCM"]),
                  ("b", "2023-05-01", "Phan Văn Mãi", ["Chủ tịch UBND TP.HCM"]),
                  ("c", "2024-01-01", "Phan Văn Mãi", ["Chủ tịch UBND Thành phố Hồ Chí Minh"])],
                 1, id="one post written three ways"),
    pytest.param([("a", "2017-02-14", "Huỳnh Khánh Toàn", ["Phó Chủ tịch UBND tỉnh Quảng Nam"]),
                  ("b", "2020-06-01", "Huỳnh Khánh Toàn", ["Chủ tịch UBND tỉnh Quảng Nam"])],
                 2, id="promotion in one body"),
    pytest.param([("a", "2021-01-01", "Võ Văn Hưng", ["Chủ tịch UBND tỉnh Quảng Trị"]),
                  ("b", "2023-01-01", "Võ Văn Hưng", ["Bí thư Tỉnh ủy Quảng Trị"])],
                 2, id="career move inside one province's leadership"),
    pytest.param([("a", "2023-09-20", "Huỳnh Thành Đạt", ["Bộ trưởng Khoa học và Công nghệ"]),
                  ("b", "2024-02-16", "Huỳnh Thành Đạt", ["Bộ trưởng"])],
                 1, id="an office alone fits the one post of that office"),
    pytest.param([("a", "2023-03-15", "Nguyễn Văn Hùng", ["Bộ trưởng Bộ VH-TT&DL"]),
                  ("b", "2023-06-01", "Nguyễn Văn Hùng", ["Bộ trưởng Văn hóa, Thể thao và Du lịch"])],
                 1, id="abbreviation and commas"),
    pytest.param([("a", "2023-10-16", "Trần Lưu Quang", ["Phó Thủ tướng Chính phủ"]),
                  ("b", "2024-01-10", "Trần Lưu Quang", ["Phó thủ tướng"])],
                 1, id="Phó Thủ tướng = Phó Thủ tướng Chính phủ"),
    pytest.param([("a", "2023-10-16", "Nguyễn Ðức Chi", ["Thứ trưởng Tài chính"]),
                  ("b", "2024-01-10", "Nguyễn Đức Chi", ["Thứ trưởng Bộ Tài chính"])],
                 1, id="eth written for Đ; the implied Bộ"),
    pytest.param([("a", "2023-10-16", "Nguyễn Văn Sơn", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"], "Tuyên Quang"),
                  ("b", "2024-01-10", "Nguyễn Văn Sơn", ["Chủ tịch UBND tỉnh Tuyên Quang"])],
                 2, id="bare tỉnh with the record's location"),
    pytest.param([("a", "2019-05-10", "Nguyễn Thị Hương Lan", ["Phó Cục trưởng Cục Lãnh sự"]),
                  ("b", "2023-07-19", "Nguyễn Thị Hương Lan", ["cục trưởng Lãnh sự"]),
                  ("c", "2023-12-25", "Nguyễn Thị Hương Lan", ["cựu cục trưởng Lãnh sự Bộ Ngoại giao"])],
                 2, id="promotion, then the same post with its ministry"),
    pytest.param([("a", "2023-07-25", "Lê Quốc Điền", ["Phó giám đốc Sở NN-PTNT tỉnh Đồng Tháp"]),
                  ("b", "2024-01-29", "Lê Quốc Điền", ["Phó giám đốc Sở Nông nghiệp và Phát triển nông thôn Đồng Tháp"])],
                 1, id="province with and without tỉnh"),
]


@pytest.mark.parametrize("mentions,n_posts", MERGES)
def test_one_person(mentions, n_posts):
    people = _people(*mentions)
    assert len(people) == 1, _shape(people)
    (p,) = people
    assert len(p["posts"]) == n_posts, p["posts"]
    assert p["n_articles"] == len(mentions)
    days = sorted(m[1] for m in mentions)
    assert (p["first_seen"], p["last_seen"]) == (days[0], days[-1])


# -- several people ------------------------------------------------------------------------

SPLITS = [
    pytest.param([("a", "2023-01-01", "Nguyễn Văn Hùng", ["Chủ tịch UBND tỉnh Quảng Trị"]),
                  ("b", "2023-02-01", "Nguyễn Văn Hùng", ["Giám đốc Sở Xây dựng thành phố Cần Thơ"])],
                 2, id="common name, two provinces"),
    pytest.param([("a", "2023-03-15", "Nguyễn Văn Hùng", ["Bộ trưởng Văn hóa Thể thao và Du lịch"]),
                  ("b", "2024-01-29", "Nguyễn Văn Hùng", ["Giám đốc HTX dịch vụ nông nghiệp Thắng Lợi"]),
                  ("c", "2024-02-16", "Nguyễn Văn Hùng", ["Chủ tịch công đoàn Công ty Đại Dũng"])],
                 3, id="common name, a minister, a cooperative, a union"),
    pytest.param([("a", "2023-01-01", "Lê Văn Thành", ["Chủ tịch UBND tỉnh Quảng Nam"]),
                  ("b", "2023-02-01", "Lê Văn Thành", ["Chủ tịch UBND tỉnh Quảng Ngãi"])],
                 2, id="same post, two provinces"),
    pytest.param([("a", "2023-01-01", "Lê Văn Thành", ["Bí thư Tỉnh ủy Quảng Nam"]),
                  ("b", "2023-02-01", "Lê Văn Thành", ["Chủ tịch UBND tỉnh Bình Định"])],
                 2, id="career bodies of two provinces"),
    pytest.param([("a", "2023-01-01", "Trần Văn Nam", ["Bộ trưởng Bộ Y tế"]),
                  ("b", "2023-02-01", "Trần Văn Nam", ["Bộ trưởng Bộ Tài chính"]),
                  ("c", "2023-03-01", "Trần Văn Nam", ["Bộ trưởng"])],
                 3, id="an office alone that fits two people is a third"),
    pytest.param([("a", "2023-01-01", "Trần Văn Nam", ["Chủ tịch UBND tỉnh Quảng Nam"]),
                  ("b", "2023-02-01", "Trần Văn Nam", ["Chủ tịch", "Giám đốc Sở Y tế Cần Thơ"])],
                 2, id="an office alone in an article that names another province"),
    pytest.param([("a", "2023-01-01", "Nguyễn Quang Thuân", ["Chủ tịch FiinGroup"]),
                  ("b", "2023-02-01", "Nguyễn Quang Thuân", ["Tổng Giám đốc FiinRatings"])],
                 2, id="two companies (the group and its daughter: a known wrong split)"),
]


@pytest.mark.parametrize("mentions,n_people", SPLITS)
def test_several_people(mentions, n_people):
    people = _people(*mentions)
    assert len(people) == n_people, _shape(people)
    assert len({p["person_id"] for p in people}) == n_people


def test_order_of_articles_does_not_matter():
    mentions = [m for case in MERGES + SPLITS for m in case.values[0]]
    mentions = [(f"{i}", *m[1:]) for i, m in enumerate(mentions)]
    want = _people(*mentions)
    for seed in range(3):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        got = _people(*shuffled)
        assert sorted((p["person_id"], p["n_articles"], len(p["posts"])) for p in got) == \
            sorted((p["person_id"], p["n_articles"], len(p["posts"])) for p in want)


def test_timeline_html():
    people = _people(("a", "2017-02-14", "Huỳnh Khánh Toàn", ["Phó Chủ tịch UBND tỉnh Quảng Nam"]),
                     ("b", "2020-06-01", "Huỳnh Khánh Toàn", ["Chủ tịch UBND tỉnh Quảng Nam"]),
                     ("c", None, "Huỳnh Khánh Toàn", ["Chủ tịch UBND tỉnh Quảng Nam"]))
    page = render_people_timeline(people)
    assert "Huỳnh Khánh Toàn" in page and "2017-02-14" in page and "Quảng Nam" in page
    # the first post's bar starts at the left end, the second's ends at the right end
    # Feb 2017 .. Jun 2020 is 41 months: the second post is the last month, 1/41 of the width
    assert "left:0.00%;width:2.44%" in page and "left:97.56%;width:2.44%" in page


# -- the database --------------------------------------------------------------------------

A1 = "Ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Quảng Trị, cho biết tỉnh sẽ hỗ trợ 500 hộ dân. Ông Hùng nói thêm rằng việc này cấp bách."
A2 = "Ông Nguyễn Văn Hùng, Giám đốc Sở Xây dựng thành phố Cần Thơ, cho biết đã cấp 120 giấy phép."
A3 = "Phó Thủ tướng Trần Lưu Quang chủ trì cuộc họp với 20 bộ, ngành. Phó Thủ tướng yêu cầu hoàn thành trong năm."
A4 = "Chủ tịch UBND tỉnh Quảng Trị Nguyễn Văn Hùng đã tiếp đoàn công tác gồm 15 người."
A0 = "Ông Nguyễn Văn Hùng, Giám đốc Sở Xây dựng thành phố Cần Thơ, kiểm tra 3 công trình."


def _people_cli(db, capsys, *args):
    capsys.readouterr()
    assert main(["people", "--db", str(db), "--format", "json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_people_kept_by_run_db(tmp_path, capsys):
    db = tmp_path / "f.sqlite"
    arts = [{"id": "a1", "text": A1, "published": "2023-01-05"},
            {"id": "a2", "text": A2, "published": "2023-06-01"},
            {"id": "a3", "text": A3, "published": "2024-02-01"}]
    assert run(write_jsonl(tmp_path / "in.jsonl", arts), "--db", db) == 0
    people = {p["person_id"]: p for p in _people_cli(db, capsys)}
    assert sorted(people) == ["nguyen-van-hung", "nguyen-van-hung-" + sorted(people)[1][-4:], "tran-luu-quang"]
    qt = people["nguyen-van-hung"]
    assert [(q["title"], q["place_code"], q["first_seen"]) for q in qt["posts"]] == \
        [("Chủ tịch UBND tỉnh Quảng Trị", "45", "2023-01-05")]
    ct_id = next(i for i in people if i.startswith("nguyen-van-hung-"))
    assert [q["place_code"] for q in people[ct_id]["posts"]] == ["92"]
    # the short mentions: where else each person is written
    assert rows(db, "SELECT person_id, kind, text FROM person_mentions ORDER BY doc_id, start") == [
        ("nguyen-van-hung", "name", "Nguyễn Văn Hùng"), ("nguyen-van-hung", "short", "Ông Hùng"),
        (ct_id, "name", "Nguyễn Văn Hùng"),
        ("tran-luu-quang", "name", "Trần Lưu Quang"), ("tran-luu-quang", "short", "Phó Thủ tướng")]
    assert rows(db, "SELECT count(*) FROM post_mentions") == [(3,)]
    assert rows(db, "SELECT count(*) FROM people_dirty") == [(0,)]

    # more articles, one earlier than all: the ids stay, the posts grow
    more = arts + [{"id": "a4", "text": A4, "published": "2024-03-01"},
                   {"id": "a0", "text": A0, "published": "2022-01-01"}]
    assert run(write_jsonl(tmp_path / "in.jsonl", more), "--db", db) == 0
    people2 = {p["person_id"]: p for p in _people_cli(db, capsys)}
    assert sorted(people2) == sorted(people)
    assert (people2["nguyen-van-hung"]["n_articles"], people2["nguyen-van-hung"]["last_seen"]) == (2, "2024-03-01")
    assert (people2[ct_id]["n_articles"], people2[ct_id]["first_seen"]) == (2, "2022-01-01")

    # an article changed: its mentions go, and the person with them when it was the only one
    changed = [dict(a, text="Cần Thơ cấp 120 giấy phép xây dựng.") if a["id"] in ("a2", "a0") else a for a in more]
    assert run(write_jsonl(tmp_path / "in.jsonl", changed), "--db", db) == 0
    assert sorted(p["person_id"] for p in _people_cli(db, capsys)) == ["nguyen-van-hung", "tran-luu-quang"]
    assert rows(db, "PRAGMA foreign_key_check") == []

    # filters: name without diacritics, a post with its abbreviation, a place code or name
    assert [p["person_id"] for p in _people_cli(db, capsys, "--name", "nguyen van hung")] == ["nguyen-van-hung"]
    assert [p["person_id"] for p in _people_cli(db, capsys, "--name", "TRẦN LƯU")] == ["tran-luu-quang"]
    assert [p["person_id"] for p in _people_cli(db, capsys, "--post", "Chủ tịch Ủy ban nhân dân")] == ["nguyen-van-hung"]
    assert [p["person_id"] for p in _people_cli(db, capsys, "--post", "phó thủ tướng")] == ["tran-luu-quang"]
    assert [p["person_id"] for p in _people_cli(db, capsys, "--place", "45")] == ["nguyen-van-hung"]
    assert [p["person_id"] for p in _people_cli(db, capsys, "--place", "quảng trị")] == ["nguyen-van-hung"]
    assert _people_cli(db, capsys, "--place", "92") == []

    capsys.readouterr()
    assert main(["people", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Chủ tịch UBND tỉnh Quảng Trị" in out and "(2 people)" in out
    assert main(["people", "--db", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("person_id,name,title,place_code")
    assert main(["people", "--db", str(db), "--format", "html", "-o", str(tmp_path / "p.html")]) == 0
    assert "Trần Lưu Quang" in (tmp_path / "p.html").read_text(encoding="utf-8")


def test_version_2_database_gains_people(tmp_path, capsys):
    db = tmp_path / "f.sqlite"
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a1", "text": A1, "published": "2023-01-05"}])
    assert run(src, "--db", db) == 0
    conn = sqlite3.connect(db)
    with conn:
        for table in ("post_mentions", "person_mentions", "posts", "people", "people_dirty"):
            conn.execute(f"DROP TABLE {table}")
        for t in ("mentions_fts_delete", "articles_fts_delete"):   # and the search tables of version 4
            conn.execute(f"DROP TRIGGER {t}")
        conn.execute("DROP TABLE facts_fts")
        conn.execute("DROP TABLE articles_fts")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    capsys.readouterr()
    assert main(["people", "--db", str(db)]) == 2
    assert "E308" in capsys.readouterr().err
    assert run(src, "--db", db) == 0   # stores nothing new, upgrades and resolves
    assert [p["person_id"] for p in _people_cli(db, capsys)] == ["nguyen-van-hung"]


def test_eval_report_shows_people(tmp_path):
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "r.html"
    assert main(["eval", "--gold", str(root / "gold"), "--corpus", str(root / "corpus"), "--html", str(out),
                 "--quiet"]) == 0
    page = out.read_text(encoding="utf-8")
    section = page[page.index("people of vnextract"):]
    section = section[:section.index("</details>")]
    # Trần Lưu Quang is in two seed articles: one person, his posts on the timeline
    assert "Trần Lưu Quang" in section and "2 articles" in section and "Phó Thủ tướng Chính phủ" in section
