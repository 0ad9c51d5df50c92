"""People and their posts, across articles: OFFICIAL mentions resolved into persons.

An *article person* is every OFFICIAL record of one name in one article (they carry the same
titles). Article persons of the same name (folded: case, tone placement, ``Ð``/``Đ``) are one
person when their posts agree (``patterns/people/merge.toml``): the same body (``Phó Chủ
tịch`` then ``Chủ tịch UBND tỉnh Quảng Nam``), a known career move inside one province's or
the national leadership, or an office written alone that fits exactly one person's post.
Otherwise they stay apart: two ``Nguyễn Văn Hùng``, one Chủ tịch UBND tỉnh Quảng Trị and one
Giám đốc Sở ở Cần Thơ, are two people. Article persons are taken in publication order, so
the result does not depend on the order articles were stored in.

Tables (created by ``create_tables``; kept current by ``vnextract run --db``):

- ``people``: one row per person: ``person_id`` (stable: the name's ASCII slug, with a short
  hash of the person's first post when the name has several people; kept across runs),
  ``name`` as written (the commonest form), ``name_key`` (folded), ``name_ascii``, counts,
  ``first_seen``/``last_seen`` (publication dates), ``place_codes``.
- ``posts``: one row per post of a person: ``title`` as written (commonest form),
  ``title_canonical`` (folded, abbreviations expanded), ``office``, ``organization``,
  ``place_code``/``place_name`` (GSO code of the province in the title), ``former``,
  ``first_seen``/``last_seen``, ``n_articles``, ``n_mentions``.
- ``person_mentions``: every place a person is written: full-name OFFICIAL mentions
  (``kind = 'name'``, with ``mention_id``) and their short later mentions (``kind = 'short'``:
  ``ông Quang``, ``Phó Thủ tướng``; the record's ``mentions_short``), offsets into the article.
- ``post_mentions``: the full-name mentions behind each post.
- ``people_dirty``: names whose mentions changed since the people were last resolved;
  ``run --db`` marks them as it stores articles and resolves them at the end of the run (a
  killed run leaves them for the next one).
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import sqlite3
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..dimensions.titles import canonical_post, comparison_key
from ..engine.patterns import load_toml
from ..engine.text import fold

PEOPLE_SCHEMA = """
CREATE TABLE people (
    person_id   TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    name_ascii  TEXT NOT NULL,
    n_articles  INTEGER NOT NULL,
    n_mentions  INTEGER NOT NULL,
    n_short     INTEGER NOT NULL,
    first_seen  TEXT,
    last_seen   TEXT,
    place_codes TEXT
);
CREATE INDEX people_name ON people(name_key);
CREATE TABLE posts (
    post_id         TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES people(person_id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    title_canonical TEXT NOT NULL,
    office          TEXT,
    organization    TEXT,
    place_code      TEXT,
    place_name      TEXT,
    former          INTEGER NOT NULL,
    first_seen      TEXT,
    last_seen       TEXT,
    n_articles      INTEGER NOT NULL,
    n_mentions      INTEGER NOT NULL
);
CREATE INDEX posts_person ON posts(person_id);
CREATE INDEX posts_place ON posts(place_code);
CREATE TABLE person_mentions (
    person_id  TEXT NOT NULL REFERENCES people(person_id) ON DELETE CASCADE,
    doc_id     TEXT NOT NULL,
    mention_id INTEGER REFERENCES mentions(mention_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('name', 'short')),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    published  TEXT
);
CREATE INDEX person_mentions_person ON person_mentions(person_id);
CREATE INDEX person_mentions_doc ON person_mentions(doc_id);
CREATE TABLE post_mentions (
    post_id    TEXT NOT NULL REFERENCES posts(post_id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL REFERENCES mentions(mention_id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, mention_id)
);
CREATE TABLE people_dirty (name_key TEXT PRIMARY KEY)
"""


# --- names -----------------------------------------------------------------------------

def name_key(name: str) -> str:
    """A name's comparison form: folded, one space, ``Ð`` (eth) read as ``Đ``."""
    s = unicodedata.normalize("NFC", name).replace("Ð", "Đ").replace("ð", "đ")
    return " ".join(fold(s).split())


def ascii_fold(s: str) -> str:
    """Lower case without diacritics: ``nguyễn văn hùng`` -> ``nguyen van hung``."""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name)).strip("-") or "x"


def _day(published) -> str | None:
    if not published:
        return None
    m = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(published))
    return m.group() if m else None


# --- posts -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _merge_rules():
    data = load_toml("people/merge.toml", required={"career"}, allowed={"career"})
    bodies = []
    for g in data["career"]:
        if g.get("scope") not in ("province", "national"):
            raise ValueError(f"patterns/people/merge.toml: career group {g.get('name')!r}: scope must be "
                             "province or national")
        for b in g["bodies"]:
            bodies.append((" ".join(fold(b).split()), g["name"], g["scope"]))
    bodies.sort(key=lambda x: -len(x[0]))
    return bodies


@dataclass(frozen=True)
class PostKey:
    """A post as compared across articles."""
    canonical: str            # title_canonical
    office: str
    organization: str         # readable body
    org_key: str              # folded body, provinces as their code ("ủy ban nhân dân tỉnh #45")
    place_code: str | None
    place_name: str | None
    former: bool
    career: tuple[str, str] | None   # (group, scope) of the body


@lru_cache(maxsize=20000)
def post_key(title: str, location: str | None, published: str | None = None) -> PostKey:
    from ..statements.places import province_mentions

    p = canonical_post(title, location)
    org = p.organization
    found = province_mentions(org) if org else []
    if org and not found:
        # "Sở Nông nghiệp và Phát triển nông thôn Đồng Tháp": a province that ends the body,
        # after a small-letter word, is not read without its "tỉnh"
        words = org.split()
        for n in (3, 2, 1):
            tail = " ".join(words[-n:])
            if len(words) > n and tail[:1].isupper():
                pl = province_mentions("tỉnh " + tail)
                if pl and pl[0].end == len(tail) + 5:
                    shift = len(org) - len(tail) - 5
                    found = [type(pl[0])(pl[0].start + shift + 5, pl[0].end + shift, pl[0].code, pl[0].name)]
                    break
    places = found
    if found and published:
        from ..statements.places import code_set
        if code_set(published) == "34":
            places = [x for x in province_mentions(org, published=published)] or found
    keyed = org
    for pl in reversed(found):
        keyed = keyed[:pl.start] + f" #{pl.code} " + keyed[pl.end:]
    org_key = comparison_key(keyed) if org else ""
    # "ủy ban nhân dân tỉnh #45" and "ủy ban nhân dân #45" (TP HCM written without "thành phố")
    org_key = re.sub(r"(?:tỉnh|thành phố) (#\d\d)", r"\1", org_key)
    career = None
    if org_key:
        for body, group, scope in _merge_rules():
            if org_key == body or org_key.startswith(body + " "):
                career = (group, scope)
                break
    return PostKey(p.canonical, p.office, org, org_key, places[0].code if places else None,
                   places[0].name if places else None, p.former, career)


def _strong(a: PostKey, b: PostKey) -> bool:
    """Same body, or a known career move (same province / both national)."""
    if a.org_key and a.org_key == b.org_key:
        return True
    if a.career and b.career and a.career == b.career:
        if a.career[1] == "province":
            return a.place_code is not None and a.place_code == b.place_code
        return a.place_code is None and b.place_code is None
    return False


def _prefix(a: str, b: str) -> bool:
    return not a or b == a or b.startswith(a + " ")


def _weak(a: PostKey, b: PostKey) -> bool:
    """The same office, one body written alone or shorter (``Bộ trưởng``, ``Phó giám đốc
    trung tâm``, ``Cục trưởng Cục Lãnh sự``) than the other (``… Bộ Ngoại giao``)."""
    return a.office == b.office and (_prefix(a.org_key, b.org_key) or _prefix(b.org_key, a.org_key))


# --- article persons and their clustering ----------------------------------------------

@dataclass
class Unit:
    """Every OFFICIAL record of one name in one article."""
    doc_id: str
    key: str
    published: str | None
    names: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    location: str | None = None
    mentions: list[tuple] = field(default_factory=list)     # (mention_id, start, end, text)
    shorts: dict = field(default_factory=dict)              # start -> (start, end, text)

    def posts(self) -> list[tuple[str, PostKey]]:
        return [(t, post_key(t, self.location, self.published)) for t in self.titles]

    def order(self):
        return (self.published or "9999", self.doc_id)


def units_from_records(rows) -> dict[str, list[Unit]]:
    """``{name_key: [Unit]}`` from ``(mention_id, record, published)`` rows of OFFICIAL records."""
    units: dict[tuple[str, str], Unit] = {}
    for mention_id, rec, published in rows:
        v = rec.get("value") or {}
        if rec.get("type") != "OFFICIAL" or not isinstance(v, dict) or not v.get("name"):
            continue
        k = name_key(v["name"])
        u = units.get((rec["doc_id"], k))
        if u is None:
            u = units[(rec["doc_id"], k)] = Unit(rec["doc_id"], k, _day(published))
        u.names.append(v["name"])
        for t in v.get("titles") or []:
            if t not in u.titles:
                u.titles.append(t)
        u.location = u.location or v.get("location")
        u.mentions.append((mention_id, rec["start"], rec["end"], rec["text"]))
        for sm in rec.get("mentions_short") or []:
            u.shorts.setdefault(sm["start"], (sm["start"], sm["end"], sm["text"]))
    out: dict[str, list[Unit]] = {}
    for u in units.values():
        out.setdefault(u.key, []).append(u)
    for us in out.values():
        us.sort(key=Unit.order)
    return out


def _places(posts) -> set[str]:
    return {p.place_code for _, p in posts if p.place_code}


def cluster(units: list[Unit]) -> list[list[Unit]]:
    """The people among the article persons of one name (see the module doc), in order."""
    clusters: list[dict] = []
    for u in sorted(units, key=Unit.order):
        posts = u.posts()
        strong = [c for c in clusters if any(_strong(a, b) for _, a in posts for _, b in c["posts"])]
        if strong:
            target = strong[0]
            for other in strong[1:]:   # the article joins two: they were one person
                target["units"] += other["units"]
                target["posts"] += other["posts"]
                clusters.remove(other)
        else:
            mine = _places(posts)
            weak = [c for c in clusters
                    if any(_weak(a, b) for _, a in posts for _, b in c["posts"])
                    and not (mine and _places(c["posts"]) and not mine & _places(c["posts"]))]
            if len(weak) == 1:
                target = weak[0]
            else:
                target = {"units": [], "posts": []}
                clusters.append(target)
        target["units"].append(u)
        target["posts"] += posts
    return [sorted(c["units"], key=Unit.order) for c in clusters]


def summarize(units: list[Unit]) -> dict:
    """A person: name, dates, counts and posts (each with its units), from its article persons."""
    posts: dict[str, dict] = {}
    for u in units:
        for title, pk in u.posts():
            # one post whatever the wording: office and body (provinces as codes)
            p = posts.setdefault(f"{pk.office}|{pk.org_key}", {"key": pk, "titles": Counter(), "canon": Counter(),
                                                                "former": [], "units": [], "mentions": []})
            p["titles"][title] += 1
            p["canon"][pk.canonical] += 1
            p["former"].append(pk.former)
            if u not in p["units"]:
                p["units"].append(u)
                p["mentions"] += [m[0] for m in u.mentions]
    # an office written alone (or with a shorter body) folds into the one longer post of that office
    for k, p in sorted(posts.items(), key=lambda kv: len(kv[1]["key"].org_key)):
        fits = [q for k2, q in posts.items() if k2 != k and q["key"].office == p["key"].office
                and q["key"].org_key != p["key"].org_key and _prefix(p["key"].org_key, q["key"].org_key)]
        if len(fits) == 1:
            q = fits[0]
            q["titles"].update(p["titles"])
            q["former"] += p["former"]
            for u in p["units"]:
                if u not in q["units"]:
                    q["units"].append(u)
                    q["mentions"] += [m[0] for m in u.mentions]
            del posts[k]

    def commonest(c: Counter) -> str:
        order = list(c)
        return max(c.items(), key=lambda kv: (kv[1], -order.index(kv[0])))[0]

    out_posts = []
    for p in posts.values():
        days = [u.published for u in p["units"] if u.published]
        pk = p["key"]
        out_posts.append({
            "title": commonest(p["titles"]), "title_canonical": commonest(p["canon"]),
            "office": pk.office, "organization": pk.organization or None,
            "place_code": pk.place_code, "place_name": pk.place_name, "former": int(all(p["former"])),
            "first_seen": min(days) if days else None, "last_seen": max(days) if days else None,
            "n_articles": len({u.doc_id for u in p["units"]}), "n_mentions": len(p["mentions"]),
            "mentions": p["mentions"], "key": f"{pk.office}|{pk.org_key}",
        })
    out_posts.sort(key=lambda p: (p["first_seen"] or "9999", -p["n_articles"], p["title_canonical"]))
    names = Counter(n for u in units for n in u.names)
    days = [u.published for u in units if u.published]
    return {
        "name": max(names.items(), key=lambda kv: (kv[1], kv[0]))[0],
        "name_key": units[0].key,
        "n_articles": len({u.doc_id for u in units}),
        "n_mentions": sum(len(u.mentions) for u in units),
        "n_short": sum(len(u.shorts) for u in units),
        "first_seen": min(days) if days else None, "last_seen": max(days) if days else None,
        "place_codes": ",".join(sorted({p["place_code"] for p in out_posts if p["place_code"]})) or None,
        "posts": out_posts, "units": units,
    }


def resolve(rows) -> list[dict]:
    """People (``summarize``) from ``(mention_id, record, published)`` rows, in memory (the
    eval report); ``person_id`` as a fresh database would give them."""
    out = []
    for key, units in sorted(units_from_records(rows).items()):
        people = [summarize(c) for c in cluster(units)]
        for p, pid in zip(people, _fresh_ids(key, people, set())):
            p["person_id"] = pid
        out += people
    return out


def _fresh_ids(key: str, people: list[dict], taken: set[str]) -> list[str]:
    """Ids for new people of one name: the slug for the first (earliest) when free, else
    the slug and a short hash of the person's first post and article."""
    ids = []
    for p in people:
        base = slug(key)
        pid = base
        if pid in taken:
            first = p["posts"][0]["title_canonical"] if p["posts"] else ""
            seed = f"{first}|{p['units'][0].doc_id}"
            n = 0
            while pid in taken:
                pid = f"{base}-{hashlib.sha1(f'{seed}|{n}'.encode()).hexdigest()[:4]}"
                n += 1
        taken.add(pid)
        ids.append(pid)
    return ids


# --- the database ----------------------------------------------------------------------

def _execute(conn: sqlite3.Connection, script: str) -> None:
    for stmt in script.split(";"):
        if stmt.strip():
            conn.execute(stmt)


def create_tables(conn: sqlite3.Connection) -> None:
    """The people tables, in the caller's transaction."""
    _execute(conn, PEOPLE_SCHEMA)


def migrate_add_people(conn: sqlite3.Connection) -> None:
    """Schema migration: add the people tables and mark every stored name to be resolved."""
    create_tables(conn)
    keys = {name_key(json.loads(v)["name"]) for (v,) in
            conn.execute("SELECT value FROM mentions WHERE type = 'OFFICIAL'")}
    conn.executemany("INSERT OR IGNORE INTO people_dirty VALUES (?)", [(k,) for k in keys])


def mark_dirty(conn: sqlite3.Connection, doc_id: str, records) -> None:
    """Names of an article's stored and new OFFICIAL records, to be resolved again; call it
    in the article's transaction, before its old mentions are deleted."""
    keys = {name_key(json.loads(v)["name"]) for (v,) in conn.execute(
        "SELECT value FROM mentions WHERE doc_id = ? AND type = 'OFFICIAL'", (doc_id,))}
    keys |= {name_key(r["value"]["name"]) for r in records or ()
             if r.get("type") == "OFFICIAL" and isinstance(r.get("value"), dict) and r["value"].get("name")}
    if keys:
        conn.executemany("INSERT OR IGNORE INTO people_dirty VALUES (?)", [(k,) for k in keys])


def refresh(conn: sqlite3.Connection) -> int:
    """Resolve the people of every dirty name again, in one transaction; returns how many
    names were resolved. A person keeps its id while it keeps most of its articles."""
    dirty = {k for (k,) in conn.execute("SELECT name_key FROM people_dirty")}
    if not dirty:
        return 0
    rows = []
    for mid, doc_id, start, end, text, value, extra, published in conn.execute(
            "SELECT m.mention_id, m.doc_id, m.start, m.end, m.text, m.value, m.extra, a.published "
            "FROM mentions m JOIN articles a USING (doc_id) WHERE m.type = 'OFFICIAL' AND a.status = 'ok'"):
        v = json.loads(value)
        if not isinstance(v, dict) or name_key(v.get("name") or "") not in dirty:
            continue
        rec = {"doc_id": doc_id, "type": "OFFICIAL", "start": start, "end": end, "text": text, "value": v}
        if extra:
            rec.update(json.loads(extra))
        rows.append((mid, rec, published))
    by_name = units_from_records(rows)
    own = conn.in_transaction
    if not own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        for key in sorted(dirty):
            _store_name(conn, key, by_name.get(key, []))
        conn.execute("DELETE FROM people_dirty")
        if not own:
            conn.execute("COMMIT")
    except BaseException:
        if not own:
            conn.execute("ROLLBACK")
        raise
    return len(dirty)


def _store_name(conn: sqlite3.Connection, key: str, units: list[Unit]) -> None:
    old: dict[str, set[str]] = {}
    for pid, doc_id in conn.execute(
            "SELECT DISTINCT p.person_id, pm.doc_id FROM people p JOIN person_mentions pm USING (person_id) "
            "WHERE p.name_key = ? AND pm.kind = 'name'", (key,)):
        old.setdefault(pid, set()).add(doc_id)
    old_ids = {pid for (pid,) in conn.execute("SELECT person_id FROM people WHERE name_key = ?", (key,))}
    conn.execute("DELETE FROM people WHERE name_key = ?", (key,))
    people = [summarize(c) for c in cluster(units)] if units else []
    # each old id goes to the new person that has most of its articles (ties: the earlier)
    ids: list[str | None] = [None] * len(people)
    pairs = sorted(((len(old[pid] & {u.doc_id for u in p["units"]}), -i, pid, i)
                    for pid in old for i, p in enumerate(people)), reverse=True)
    used = set()
    for overlap, _, pid, i in pairs:
        if overlap and ids[i] is None and pid not in used:
            ids[i] = pid
            used.add(pid)
    taken = {r[0] for r in conn.execute("SELECT person_id FROM people")} | used | (old_ids - used)
    fresh = iter(_fresh_ids(key, [p for p, i in zip(people, ids) if i is None], taken))
    ids = [i if i is not None else next(fresh) for i in ids]
    for pid, p in zip(ids, people):
        conn.execute("INSERT INTO people (person_id, name, name_key, name_ascii, n_articles, n_mentions, n_short, "
                     "first_seen, last_seen, place_codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (pid, p["name"], key, ascii_fold(p["name"]), p["n_articles"], p["n_mentions"], p["n_short"],
                      p["first_seen"], p["last_seen"], p["place_codes"]))
        for post in p["posts"]:
            post_id = f"{pid}:{hashlib.sha1(post['key'].encode()).hexdigest()[:6]}"
            conn.execute("INSERT INTO posts (post_id, person_id, title, title_canonical, office, organization, "
                         "place_code, place_name, former, first_seen, last_seen, n_articles, n_mentions) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (post_id, pid, post["title"], post["title_canonical"], post["office"],
                          post["organization"], post["place_code"], post["place_name"], post["former"],
                          post["first_seen"], post["last_seen"], post["n_articles"], post["n_mentions"]))
            conn.executemany("INSERT OR IGNORE INTO post_mentions VALUES (?, ?)",
                             [(post_id, m) for m in post["mentions"] if m is not None])
        rows = []
        for u in p["units"]:
            rows += [(pid, u.doc_id, mid, "name", s, e, t, u.published) for mid, s, e, t in u.mentions]
            rows += [(pid, u.doc_id, None, "short", s, e, t, u.published) for s, e, t in u.shorts.values()]
        conn.executemany("INSERT INTO person_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


# --- reading back: vnextract people ----------------------------------------------------

def select_people(conn: sqlite3.Connection, name=None, post=None, place=None, limit=None) -> list[dict]:
    """People that pass the filters (combined), each with every one of its posts, the most
    written first. ``name`` and ``post`` match a part after ``fold`` (case, tone placement;
    a filter typed without diacritics matches without them); ``post`` also matches the
    canonical title (``Chủ tịch UBND`` finds ``Chủ tịch Ủy ban nhân dân``); ``place`` is a
    GSO code or a province name, and keeps people with a post there."""
    from ..dimensions.titles import canonical_title

    _add_ascii(conn)
    where, params = [], []
    if name:
        if name.isascii():
            where.append("instr(p.name_ascii, ?) > 0")
            params.append(ascii_fold(name))
        else:
            where.append("instr(fold(p.name), ?) > 0")
            params.append(name_key(name))
    if post:
        if post.isascii():
            cond = ("EXISTS (SELECT 1 FROM posts q WHERE q.person_id = p.person_id AND "
                    "(instr(ascii_fold(q.title), ?) > 0 OR instr(ascii_fold(q.title_canonical), ?) > 0))")
            params += [ascii_fold(post), ascii_fold(canonical_title(post))]
        else:
            cond = ("EXISTS (SELECT 1 FROM posts q WHERE q.person_id = p.person_id AND "
                    "(instr(fold(q.title), ?) > 0 OR instr(q.title_canonical, ?) > 0))")
            params += [name_key(post), canonical_title(post)]
        where.append(cond)
    if place:
        if re.fullmatch(r"\d{1,2}", place.strip()):
            where.append("EXISTS (SELECT 1 FROM posts q WHERE q.person_id = p.person_id AND q.place_code = ?)")
            params.append(place.strip().zfill(2))
        else:
            where.append("EXISTS (SELECT 1 FROM posts q WHERE q.person_id = p.person_id AND fold(q.place_name) = ?)")
            params.append(name_key(place))
    sql = ("SELECT p.person_id, p.name, p.n_articles, p.n_mentions, p.n_short, p.first_seen, p.last_seen "
           "FROM people p" + (f" WHERE {' AND '.join(where)}" if where else "")
           + " ORDER BY p.n_articles DESC, p.name_key, p.person_id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    cols = ("person_id", "name", "n_articles", "n_mentions", "n_short", "first_seen", "last_seen")
    people = [dict(zip(cols, r)) for r in conn.execute(sql, params)]
    post_cols = ("post_id", "title", "title_canonical", "office", "organization", "place_code", "place_name",
                 "former", "first_seen", "last_seen", "n_articles", "n_mentions")
    for p in people:
        p["posts"] = [dict(zip(post_cols, r)) for r in conn.execute(
            f"SELECT {', '.join(post_cols)} FROM posts WHERE person_id = ? "
            "ORDER BY n_articles DESC, first_seen, title_canonical", (p["person_id"],))]
    return people


_POST_ROW = ("person_id", "name", "title", "place_code", "place_name", "first_seen", "last_seen",
             "n_articles", "title_canonical", "organization")


def add_people_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "people", help="list the people (officials) of the fact database with their posts",
        description="List people resolved from OFFICIAL mentions across articles, with their posts "
                    "(first and last publication date each was seen). Filters combine (AND); matching "
                    "ignores case and tone placement, and diacritics when the filter has none.")
    p.add_argument("--name", metavar="TEXT", help="people whose name contains TEXT")
    p.add_argument("--post", metavar="TEXT", help="people with a post whose title contains TEXT (UBND = Ủy ban nhân dân)")
    p.add_argument("--place", metavar="CODE|NAME", help="people with a post in this province (GSO code or name)")
    p.add_argument("--limit", type=int, default=None, help="at most N people")
    p.add_argument("--db", default="facts.sqlite", help="the fact database (default facts.sqlite)")
    p.add_argument("--format", choices=("table", "json", "csv", "html"), default="table",
                   help="table (one row per post, default), json (one person per line, posts nested), "
                        "csv (one row per post), html (a timeline of each person's posts)")
    p.add_argument("-o", "--output", help="with --format html: the page to write (default people.html)")
    p.set_defaults(func=cmd_people)


def _add_ascii(conn) -> None:
    conn.create_function("ascii_fold", 1, lambda s: None if s is None else ascii_fold(str(s)), deterministic=True)


def cmd_people(args) -> int:
    from ..engine.errors import StorageError
    from .storage import _check_version, connect_readonly, print_rows

    try:
        conn = connect_readonly(args.db)
        _check_version(conn, args.db, reading=True)
    except StorageError as e:
        print(f"vnextract: {e}", file=sys.stderr)
        return 2
    try:
        pending = conn.execute("SELECT count(*) FROM people_dirty").fetchone()[0]
        people = select_people(conn, args.name, args.post, args.place, args.limit)
    except sqlite3.Error as e:
        print(f"vnextract: E305 query failed: {e}", file=sys.stderr)
        return 2
    finally:
        conn.close()
    if pending:
        print(f"vnextract: {pending} name(s) not resolved yet (a run was stopped): the next `run --db` "
              "resolves them", file=sys.stderr)
    if args.format == "json":
        for p in people:
            sys.stdout.write(json.dumps(p, ensure_ascii=False) + "\n")
    elif args.format == "html":
        from pathlib import Path
        out = args.output or "people.html"
        Path(out).write_text(render_people_html(people), encoding="utf-8")
        print(f"vnextract: {len(people)} people -> {out}", file=sys.stderr)
    else:
        rows = ([p["person_id"], p["name"], q["title"], q["place_code"], q["place_name"], q["first_seen"],
                 q["last_seen"], q["n_articles"], q["title_canonical"], q["organization"]]
                for p in people for q in p["posts"])
        if args.format == "csv":
            print_rows(list(_POST_ROW), rows, "csv")
        else:
            keep = _POST_ROW[:-2]
            print_rows(list(keep), (r[:len(keep)] for r in rows), "table")
            print(f"({len(people)} people)")
    return 0


# --- the timeline ----------------------------------------------------------------------

def _month_index(day: str | None) -> int | None:
    if not day:
        return None
    y = int(day[:4])
    m = int(day[5:7]) if len(day) >= 7 else 1
    return y * 12 + m - 1


def render_people_timeline(people: list[dict], page: bool = False) -> str:
    """Each person's posts as bars on one time axis (first -> last seen, by month); posts of
    unknown date are listed without a bar."""
    e = html.escape
    months = [m for p in people for q in p["posts"] for m in (_month_index(q["first_seen"]), _month_index(q["last_seen"]))
              if m is not None]
    lo, hi = (min(months), max(months) + 1) if months else (0, 1)
    span = max(hi - lo, 1)
    parts = ["<style>.ppl{border-collapse:collapse;font-size:90%}.ppl td{padding:.15em .4em;vertical-align:middle}"
             ".ppl .bar{position:relative;height:.9em;width:24em;background:#f2f2f2}"
             ".ppl .bar span{position:absolute;top:0;height:100%;background:#4a7ebb;min-width:3px}"
             ".ppl .who{font-weight:bold;border-top:1px solid #ccc}</style>",
             f"<table class='ppl'><tr><th>person / post</th><th>place</th><th>seen</th><th>articles</th>"
             f"<th>{e(_label(lo))} … {e(_label(hi - 1))}</th></tr>"]
    for p in people:
        parts.append(f"<tr><td class='who' colspan='5'>{e(p['name'])} <small>({e(p.get('person_id') or '')}, "
                     f"{p['n_articles']} article{'s' if p['n_articles'] != 1 else ''})</small></td></tr>")
        for q in p["posts"]:
            a, b = _month_index(q["first_seen"]), _month_index(q["last_seen"])
            bar = ""
            if a is not None:
                left = 100 * (a - lo) / span
                width = 100 * (b - a + 1) / span
                bar = f"<span style='left:{left:.2f}%;width:{width:.2f}%'></span>"
            seen = (q["first_seen"] or "?") + ("" if q["last_seen"] == q["first_seen"] else f" → {q['last_seen']}")
            place = q.get("place_name") or ""
            parts.append(f"<tr><td>{'nguyên ' if q.get('former') else ''}{e(q['title'])}</td><td>{e(place)}</td>"
                         f"<td>{e(seen)}</td><td>{q['n_articles']}</td><td><div class='bar'>{bar}</div></td></tr>")
    parts.append("</table>")
    body = "\n".join(parts)
    if not page:
        return body
    return ("<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>People</title></head>"
            f"<body style='font-family:sans-serif;margin:2em'><h1>People and their posts</h1>{body}</body></html>")


def _label(month: int) -> str:
    return f"{month // 12}-{month % 12 + 1:02d}" if month else ""


def render_people_html(people: list[dict]) -> str:
    return render_people_timeline(people, page=True)
