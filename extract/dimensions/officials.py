"""OFFICIAL: people the article says hold a post, on every full-name mention.

A rule-and-resolver shape does not fit here (a name is only an official because of a title
somewhere near it), so ``Officials.find`` works in three steps, all on the matching copy:

1. **names**: runs of capitalized syllables (``Trần Lưu Quang``); a name is a family name
   (patterns/officials/family_names.txt) and one to three more syllables. A run after a
   place cue (``thành phố``, ``đường``, ``Trường THPT``) is a place; a person's name can
   still end it (``UBND tỉnh Lai Châu Tống Thanh Hải``), and is then split off.
   All-capital words (``CAO OANH``, ``TTHC``) are never names.
2. **titles**: a title starts with an office (offices.txt, with ``Phó``, ``Thường trực``
   …) and runs on to punctuation or a word of title_stops.txt. A name is linked to the
   titles written right after it (``ông Đồng Văn Thanh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND
   tỉnh``; ``Trần Lưu Quang - Phó Thủ tướng …``; ``Nguyễn Văn A (Chủ tịch …)``) or right
   before it (``Phó Thủ tướng Chính phủ Trần Lưu Quang``; ``Bộ trưởng Bộ Y tế, bà …``).
3. **carry**: every other full-name mention of a linked name in the article gets the
   titles gathered for that name; a title ending in a bare ``tỉnh``/``Tỉnh ủy`` gets the
   province the article names (``location``).

A person with no post in the text (``ông Vừ A Lồng``) is never an OFFICIAL.
"""
from __future__ import annotations

from bisect import bisect_right

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..engine.context import ArticleContext, Mention
from ..engine.matching import Dimension
from ..engine.patterns import alternation, load_toml, load_word_list
from ..engine.text import fold, foreign_syllable, vietnamese_letters

TYPE = "OFFICIAL"
PRIORITY = 85
MAX_TITLE_WORDS = 20


@lru_cache(maxsize=1)
def _gaz():
    offices = [fold(w) for w in load_word_list("officials/offices.txt")]
    abbr = load_toml("officials/abbreviations.toml", required={"abbreviations", "bare_level"},
                     allowed={"abbreviations", "bare_level"})
    stops = [fold(w) for w in load_word_list("officials/title_stops.txt")]
    cues = [fold(w) for w in load_word_list("officials/place_cues.txt")]
    honor = [fold(w) for w in load_word_list("officials/honorifics.txt")]
    bare = {level: [fold(w) for w in words] for level, words in abbr["bare_level"].items()}
    not_after = [fold(w) for w in load_word_list("officials/not_office_after.txt")]
    title_words = [fold(w) for w in load_word_list("officials/title_words.txt")]
    return {
        # offices are found in the folded copy, so case and tone placement do not matter
        "office_rx": regex.compile(r"(?:(?:nguyên|cựu)\s+)?" + alternation(offices), regex.V1),
        "not_office_after_rx": regex.compile(r"(?:" + alternation(not_after) + r")\s+$", regex.V1),
        "stop_rx": regex.compile(alternation(stops), regex.V1),
        "not_stop_rx": regex.compile(alternation(title_words), regex.V1),
        "cue_rx": regex.compile(r"(?<![\p{L}\p{N}])(?:" + alternation(cues, boundary=False) + r")\.?\s+$", regex.V1),
        "level_rx": regex.compile(r"(?<![\p{L}\p{N}])(?:" + alternation(
            [fold(w) for w in load_word_list("officials/levels.txt")], boundary=False) + r")\.?\s+$", regex.V1),
        "honor_rx": regex.compile(r"(?:" + alternation(honor) + r")[\s:]*$", regex.V1),
        "honor_lead_rx": regex.compile(r"(?:" + alternation(honor) + r")[\s:]+", regex.V1),
        "honorifics": frozenset(honor),
        "province_cue_rx": regex.compile(r"(?<![\p{L}\p{N}])(?:" + alternation(
            [fold(w) for w in load_word_list("officials/province_cues.txt")], boundary=False) + r")\.?\s+$", regex.V1),
        "family": frozenset(fold(w) for w in load_word_list("officials/family_names.txt")),
        # "ông Danny Le - Tổng giám đốc …": a name with no Vietnamese family name after these
        "foreign_cue": regex.compile(r"(?<![\p{L}])(?:" + alternation(
            [fold(w) for w in load_word_list("officials/foreign_name_cues.txt")], boundary=False) + r")\s+$", regex.V1),
        "vietnamese": regex.compile("[" + vietnamese_letters() + "]", regex.V1),
        "org_words": frozenset(fold(w) for w in load_word_list("officials/org_words.txt")),
        "event_rx": regex.compile(alternation([fold(w) for w in load_word_list("officials/event_words.txt")]), regex.V1),
        "never": frozenset(fold(w) for w in load_word_list("officials/never_names.txt")),
        # generated from CLDR (scripts/gen_countries.py): "Tổng thống Nga Vladimir Putin"
        "countries": frozenset(fold(w) for w in load_word_list("officials/countries.txt")),
        "state_office_rx": regex.compile(r"(?<![\p{L}])(?:(?:nguyên|cựu)\s+)?(?:" + alternation(
            [fold(w) for w in load_word_list("officials/foreign_office_cues.txt")], boundary=False) + r")\s+$", regex.V1),
        "never_lengths": sorted({len(fold(w)) for w in load_word_list("officials/never_names.txt")}),
        "abbr": {fold(k): fold(v) for k, v in abbr["abbreviations"].items()},
        "bare": bare,
    }


# A syllable written with a capital and then small letters (a single capital: "Vừ A Lồng").
# A Scottish or Irish "Mac"/"Mc" may open it before a second capital ("Neil MacGregor").
_SYL = r"(?:Ma?c(?=\p{Lu}\p{Ll}))?\p{Lu}\p{Ll}*(?![\p{L}\p{N}])"
# The last syllable of a name may be glued to the next word where scraped text lost the
# space: "ông Nguyễn Văn AnChủ tịch …". Only a small letter followed by a capital and a
# small letter ("nC" + "hủ") is such a boundary; "Kháicho biết" (small to small) is not split.
_GLUED_SYL = r"\p{Lu}\p{Ll}+(?=\p{Lu}\p{Ll})"
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{_SYL})(?:[ ](?:{_SYL}))*(?:[ ](?:{_GLUED_SYL}))?", regex.V1)
_SYLLABLE = regex.compile(r"\p{L}+", regex.V1)
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[.\-'&][\p{L}\p{N}]+)*|&|\S", regex.V1)


# --- 1. names --------------------------------------------------------------------------

_ACRONYMS_BEFORE = regex.compile(r"(?:[\p{Lu}\p{N}][\p{Lu}\p{N}&.\-]*\s+)+", regex.V1)


def _starts_word(ctx: ArticleContext, pos: int) -> bool:
    """``pos`` starts a word of the segmenter, or the segmenter glued only acronyms before
    it ("Chủ tịch HĐTV | EVN Dương Quang Thành")."""
    word = ctx.word_containing(pos)
    if word is None:
        return True
    return bool(_ACRONYMS_BEFORE.fullmatch(ctx.norm, word[0], pos))


def _split_run(run: list[tuple[int, int]], ctx: ArticleContext, after_cue: bool) -> tuple[int, int] | None:
    """The person's name inside a run of capitalized syllables, as a ``norm`` span.

    The whole run when it starts with a family name, has two to four syllables and does
    not follow a place cue; else the tail that does (``Theo Lê Văn A``, ``tỉnh Lai Châu
    Tống Thanh Hải``), preferring a three-syllable name, the commonest length.
    """
    g = _gaz()
    if 3 <= len(run) <= 5 and fold(ctx.norm[run[0][0]:run[0][1]]) in g["honorifics"] \
            and fold(ctx.norm[run[1][0]:run[1][1]]) in g["family"]:
        # "Tối 4/2, Ông Vương Thái Dương, …": an honorific written with a capital opens the
        # run (and the segmenter may glue it to the family name)
        return run[1][0], run[-1][1]
    fam = [fold(ctx.norm[s:e]) in g["family"] for s, e in run]
    n = len(run)
    if not after_cue and fam[0] and 2 <= n <= 4 and _starts_word(ctx, run[0][0]):
        return run[0][0], run[-1][1]
    options = [i for i in range(1, n - 1) if fam[i] and 2 <= n - i <= 4
               and _starts_word(ctx, run[i][0])]
    if not options:
        return None

    def known_place(i: int) -> bool:
        # "Facebook Việt Nam | Lê Diệp Kiều Trang": the part before is a known place
        words = [fold(ctx.norm[s:e]) for s, e in run[:i]]
        return any(" ".join(words[j:]) in g["never"] for j in range(len(words)))

    i = min(options, key=lambda i: (not known_place(i), {3: 0, 4: 1, 2: 2}[n - i], i))
    return run[i][0], run[-1][1]


def _with_post_after(run: list[tuple[int, int]], ctx: ArticleContext) -> tuple[int, int] | None:
    """The run's span when a dash or a comma and an office follow it ("… Danny Le - Tổng giám
    đốc …", "Marc Chandler, CEO …"): a foreign name is read only with its post beside it."""
    e = run[-1][1]
    sep = regex.match(r"\s*(?:[-–—]|,)\s*", ctx.norm[e:e + 5])
    if sep is None or _office_at(ctx, e + sep.end()) is None:
        return None
    return run[0][0], e


def _foreign_name(run: list[tuple[int, int]], ctx: ArticleContext, before: str) -> tuple[int, int] | None:
    """A name with no Vietnamese family name ("ông Danny Le - Tổng giám đốc Tập đoàn Masan",
    "bà Margrethe Vestager, Phó Chủ tịch EC"): after "ông"/"bà" and before a dash or comma
    and an office (patterns/officials/foreign_name_cues.txt)."""
    cue = _gaz()["foreign_cue"]
    if run and cue.fullmatch(fold(ctx.norm[run[0][0]:run[0][1]]) + " "):
        before, run = before + fold(ctx.norm[run[0][0]:run[0][1]]) + " ", run[1:]   # "Bà Margrethe Vestager" opens the line
    if not 2 <= len(run) <= 4 or not cue.search(before):
        return None
    return _with_post_after(run, ctx)


# what may stand before a foreign name that opens its clause: nothing on the line, a
# sentence's or a clause's punctuation, or "theo" ("Theo Michael Dunne, CEO …")
_APPOSITION_BEFORE = regex.compile(r"(?:^|[.!?;:,\"“(]|(?<![\p{L}])theo)\s*$", regex.V1)


def _foreign_apposition(run: list[tuple[int, int]], ctx: ArticleContext, line_start: int) -> tuple[int, int] | None:
    """"Marc Chandler, Giám đốc Bannockburn Global Forex, cho rằng …", "Ole Hansen -
    Giám đốc chiến lược hàng hóa tại Saxo Bank": a foreign name that opens its clause with
    no honorific, its post in apposition right after it. The run is two or three syllables,
    no Vietnamese letter, at least one syllable Vietnamese could not write, and no word of
    a company's name (org_words.txt: "Thai Group, Chủ tịch …" names the company)."""
    g = _gaz()
    if run and fold(ctx.norm[run[0][0]:run[0][1]]) == "theo":
        run = run[1:]   # "Theo Bill Russo, Giám đốc …" opens the sentence
    if not 2 <= len(run) <= 3:
        return None
    words = [ctx.norm[a:b] for a, b in run]
    if any(g["vietnamese"].search(w) for w in words) or any(fold(w) in g["org_words"] for w in words):
        return None
    if not any(foreign_syllable(w) for w in words):
        return None   # "Anh Tuan": Vietnamese written without its marks may be
    if not _APPOSITION_BEFORE.search(ctx.folded, line_start, run[0][0]):
        return None
    return _with_post_after(run, ctx)


def _foreign_after_country(run: list[tuple[int, int]], ctx: ArticleContext) -> tuple[int, int] | None:
    """"Thủ tướng Thái Lan Srettha Thavisin": after an office and a country (a listed
    never-name), two or three syllables with no Vietnamese letter are the person's name."""
    g = _gaz()
    words = [fold(ctx.norm[a:b]) for a, b in run]
    for i in range(1, len(run) - 1):
        tail = run[i:]
        country = " ".join(words[:i])
        if (country in g["never"] or country in g["countries"]) and 2 <= len(tail) <= 3 \
                and not any(g["vietnamese"].search(ctx.norm[a:b]) for a, b in tail):
            head = ctx.folded[max(0, run[0][0] - 60):run[0][0]]
            offices = list(g["office_rx"].finditer(head))
            # the office right before the country, nothing but words between ("phát ngôn
            # viên Điện Kremlin" is no country): a full stop before the office is no matter
            if offices and not regex.search(r"[,.;:()]", head[offices[-1].end():]) \
                    and len(head) - offices[-1].end() <= 20:
                return tail[0][0], tail[-1][1]
    return None


def _foreign_after_office(run: list[tuple[int, int]], ctx: ArticleContext) -> tuple[int, int] | None:
    """"Tổng thống Joe Biden": right after the office of a head of state or government
    (foreign_office_cues.txt), two or three syllables with no Vietnamese letter."""
    g = _gaz()
    if not 2 <= len(run) <= 3 or any(g["vietnamese"].search(ctx.norm[a:b]) for a, b in run):
        return None
    head = ctx.folded[max(0, run[0][0] - 30):run[0][0]]
    return (run[0][0], run[-1][1]) if g["state_office_rx"].search(head) else None


def _opens_with_entry(key: str, table: frozenset) -> bool:
    """True when ``key`` starts with an entry of ``table`` and a space ("nv + ' '"): one set
    look-up per space of ``key``, not one ``startswith`` per entry."""
    return any(c == " " and key[:i] in table for i, c in enumerate(key))


def _ends_with_entry(key: str, table: frozenset) -> bool:
    """True when ``key`` ends with a space and an entry of ``table`` of two or more words."""
    return any(c == " " and " " in key[i + 1:] and key[i + 1:] in table for i, c in enumerate(key))


def find_names(ctx: ArticleContext) -> list[tuple[int, int]]:
    """Spans of ``ctx.norm`` (in the body) that are written like a person's full name."""
    g = _gaz()
    out = []
    for m in _RUN.finditer(ctx.norm, ctx.body_start, ctx.body_end):
        run = [(m.start() + s.start(), m.start() + s.end()) for s in _SYLLABLE.finditer(m.group())]
        if len(run) < 2:
            continue
        line_start = ctx.norm.rfind("\n", 0, m.start()) + 1
        before = ctx.folded[max(line_start, m.start() - 30):m.start()]
        after_cue = bool(g["cue_rx"].search(before))
        if after_cue and g["province_cue_rx"].search(before):
            # every province is a listed never-name: an unlisted run may be a person
            whole = fold(m.group())
            after_cue = whole in g["never"] or _opens_with_entry(whole, g["never"])
        span = _foreign_after_country(run, ctx) if 3 <= len(run) <= 6 else None
        if span is None:
            span = _foreign_after_office(run, ctx)
        if span is None:
            span = _split_run(run, ctx, after_cue)
        if span is None:
            span = _foreign_name(run, ctx, before)
        if span is None:
            span = _foreign_apposition(run, ctx, line_start)
        if span is None:
            continue
        s, e = span
        key = fold(ctx.norm[s:e])
        # "Hoàng Anh Gia Lai" (a company): four syllables ending in a place; but "Trương
        # Hòa Bình" (three) is a person
        never = g["never"]
        if key in never or _opens_with_entry(key, never) or (key.count(" ") >= 3 and _ends_with_entry(key, never)):
            continue
        # "Đoàn Thanh niên": a listed never-name goes on past the run
        tail = ctx.folded[s:s + 40]
        if any(len(tail) >= n and tail[:n] in never and not tail[n:n + 1].isalpha() for n in g["never_lengths"]):
            continue
        out.append(span)
    return out


# --- 2. titles -------------------------------------------------------------------------

_SPACES = regex.compile(r"\s*", regex.V1)


def _after_spaces(ctx: ArticleContext, pos: int) -> int:
    return _SPACES.match(ctx.norm, pos).end()   # (no copy of the rest of the article)


def _body_word_at(ctx: ArticleContext, pos: int, name_starts: set[int]) -> regex.Match | None:
    """The word at ``pos`` when a title may go on into it: capitalized, no office of its own
    and no person's name ("Sở Lao động - Thương binh", "Bộ Khoa học và Công nghệ", "tại Kitco")."""
    nxt = _WORD.match(ctx.norm, pos)
    if nxt and nxt.group()[0].isupper() and not _office_at(ctx, nxt.start()) and nxt.start() not in name_starts:
        return nxt
    return None


def title_end(ctx: ArticleContext, start: int, limit: int, name_starts: set[int]) -> int:
    """Where a title that starts at ``start`` (an office) ends, in ``norm``.

    Stops at punctuation, a line end, a word of title_stops.txt (not when it is capitalized,
    "Ban Chỉ đạo", nor when it is only part of a word, "Việc làm", "dự án"), the start of a
    name, a small-letter word after a named place ("Sở Y tế TP Đà Nẵng tham mưu"), or
    ``và``/``&`` that does not join two capitalized words ("Bộ Khoa học và Công nghệ").
    """
    g = _gaz()
    end = start
    n = 0
    in_place = False
    skip_to = None
    for w in _WORD.finditer(ctx.norm, start, limit):
        ws, word = w.start(), w.group()
        if ws > start and ws in name_starts:
            break
        if ctx.norm[end:ws].count("\n"):
            break
        if word in ("-", "–") and ctx.norm[w.end():w.end() + 1] == " " and ctx.norm[ws - 1:ws] == " ":
            # "Sở Lao động - Thương binh và Xã hội": a dash between two capitalized words
            nxt = _body_word_at(ctx, w.end() + 1, name_starts)
            if nxt and end > start:
                continue
            break
        if word == "(" and end > start:
            # "Chủ tịch Hội đồng quản trị (HĐQT) Tân Tạo": an abbreviation in brackets inside
            # the title, the body's name after it
            ab = _TITLE_ABBR.match(ctx.norm, ws)
            if ab:
                nxt = _body_word_at(ctx, ab.end(), name_starts)
                if nxt and nxt.start() < limit:
                    skip_to = ab.end()
                    end = ws + len(ab.group().rstrip())
                    continue
        if skip_to is not None and ws < skip_to:
            continue
        if word != "&" and not word[0].isalnum():
            # "Ban Chỉ đạo phòng, chống dịch": the comma of a fixed pair
            if not (word == "," and fold(ctx.norm[start:end]).endswith("phòng")
                    and regex.match(r",\s*chống(?!\p{L})", ctx.folded[ws:ws + 10], regex.V1)):
                break
            continue
        upper = word[0].isupper()
        if ws > start:
            if upper and g["level_rx"].search(ctx.folded, end - 30 if end > 30 else 0, ws):
                in_place = True
            elif in_place and not upper and not word[0].isdigit():
                break
            if not upper and _is_stop(ctx, ws):
                if fold(word) == "tại" and end > start:
                    nxt = _body_word_at(ctx, _after_spaces(ctx, w.end()), name_starts)
                    if nxt and nxt.start() < limit and not g["event_rx"].match(ctx.folded, nxt.start()):
                        end = w.end()   # "nhà phân tích cấp cao tại Kitco News": where the post is held
                        n += 1
                        continue
                if fold(word) in ("và", "&"):
                    nxt = _body_word_at(ctx, _after_spaces(ctx, w.end()), name_starts)
                    if nxt:
                        end = w.end()
                        n += 1
                        continue
                break
        end = w.end()
        n += 1
        if n >= MAX_TITLE_WORDS:
            break
    return end


_TITLE_ABBR = regex.compile(r"\(\s*[\p{Lu}\d&.\-]{2,10}\s*\)\s+", regex.V1)


def _is_stop(ctx: ArticleContext, pos: int) -> bool:
    """A word of title_stops.txt at ``pos`` that is a word of its own there."""
    g = _gaz()
    m = g["stop_rx"].match(ctx.folded, pos)
    if not m or g["not_stop_rx"].match(ctx.folded, pos):
        return False
    t = ctx.word_containing(pos)
    if t is not None and ctx.norm[t[0]].isupper():
        return False   # the tail of a capitalized word: "Việc làm", "Thiết bị"
    return True


def _office_at(ctx: ArticleContext, pos: int) -> regex.Match | None:
    """The office that starts at ``pos``; not after "Ban" ("Ban Giám đốc" is a board).
    At a name glued to it ("Nguyễn Văn AnChủ tịch") the office starts inside a word."""
    g = _gaz()
    if glued_after(ctx, pos):
        return g["office_rx"].match(ctx.folded[pos:pos + 80])
    m = g["office_rx"].match(ctx.folded, pos)
    if m and g["not_office_after_rx"].search(ctx.folded, max(0, pos - 12), pos):
        return None
    return m


_NAME_GAP = regex.compile(r"[ \t]*(?:[-–—:][ \t]*)?", regex.V1)
_SEP_AFTER = regex.compile(r"[ \t]*(?:,|[-–—:]|\()[ \t]*", regex.V1)
# between two titles of one person: ", " or " và "
_NEXT_TITLE = regex.compile(r"[ \t]*(?:,|[ \t]và)[ \t]*", regex.V1)


_EMPTY = regex.compile(r"", regex.V1)


def glued_after(ctx: ArticleContext, end: int) -> bool:
    """A name that ends right against the next word (a small letter, then a capital)."""
    return (0 < end < len(ctx.norm) and ctx.norm[end - 1].islower() and ctx.norm[end].isupper())


def titles_after(ctx: ArticleContext, end: int, limit: int, name_starts: set[int]) -> list[str]:
    """Titles written right after a name: ``, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh``."""
    sep = _SEP_AFTER.match(ctx.norm, end)
    if not sep:
        if not glued_after(ctx, end):
            return []
        sep = _EMPTY.match(ctx.norm, end)   # "Nguyễn Văn AnChủ tịch": the space was lost
    bracket = sep.group().strip() == "("
    if bracket:
        close = ctx.norm.find(")", sep.end(), limit)
        if close < 0:
            return []
        limit = close
    pos = sep.end()
    titles = []
    while pos < limit and _office_at(ctx, pos):
        te = title_end(ctx, pos, limit, name_starts)
        if te <= pos:
            break
        if _NAME_GAP.match(ctx.norm, te).end() in name_starts:
            break   # "A, Thủ tướng Chính phủ B": the title is B's, written before B's name
        titles.append(ctx.norm[pos:te])
        nxt = _NEXT_TITLE.match(ctx.norm, te)
        if not nxt or not _office_at(ctx, nxt.end()):
            break
        pos = nxt.end()
    return titles


# the dot of an abbreviation glued to a name is no break: "Bí thư Thành ủy TP.HCM Nguyễn
# Văn Nên"; a sentence glued to the next one is ("ngân sách.Chủ tịch UBND …")
_CLAUSE_BREAK = regex.compile(
    r"[,;:!?()\[\]\"“”\n]|(?<!(?<!\p{L})\p{Lu}\p{L}{0,2})\.|\.(?![\p{L}\p{N}])|\s[-–—]\s", regex.V1)


def _clause_start(ctx: ArticleContext, pos: int, floor: int) -> int:
    """Start of the clause that ends at ``pos``: after the last punctuation before it."""
    last = floor
    for m in _CLAUSE_BREAK.finditer(ctx.norm, floor, pos):
        last = m.end()
    return last


def _title_in_clause(ctx: ArticleContext, cs: int, ce: int, name_starts: set[int],
                     anywhere: bool) -> int | None:
    """Start of an office in ``[cs, ce)`` whose title runs exactly to ``ce``.

    ``anywhere``: the title may start inside the clause ("Dự hội nghị có Bộ trưởng …");
    else only at its start, after an honorific.
    """
    g = _gaz()
    lead = regex.match(r"\s*", ctx.norm[cs:ce]).end() + cs
    positions = [lead]
    if anywhere:
        positions = [m.start() for m in regex.finditer(r"(?<![\p{L}\p{N}])\p{L}", ctx.norm[cs:ce], regex.V1)]
        positions = [cs + p for p in positions]
    else:
        h = g["honor_lead_rx"].match(ctx.folded, lead, ce)
        if h:
            positions.append(h.end())
    for p in positions:
        if not _office_at(ctx, p):
            continue
        te = title_end(ctx, p, ce, name_starts)
        if ctx.norm[te:ce].strip() == "":
            return p
    return None


_DASH_BEFORE = regex.compile(r"\s[-–—]\s$", regex.V1)


def titles_before(ctx: ArticleContext, start: int, name_starts: set[int], name_ends: set[int]) -> list[str]:
    """Titles written right before a name: ``Phó Thủ tướng Chính phủ Trần Lưu Quang``,
    ``Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Đinh Tiến Dũng``, ``Bộ trưởng Bộ Y tế,
    bà Đào Hồng Lan``."""
    g = _gaz()
    sent_start, _ = ctx.sentence_span(start)
    floor = max(sent_start, ctx.norm.rfind("\n", 0, start) + 1)

    def owned(cs: int) -> bool:
        # "ông A, Chủ tịch UBND tỉnh, …": a list of titles after a name is that name's
        before = ctx.norm[floor:cs].rstrip(" ,-–—:(")
        return floor + len(before) in name_ends

    cs = _clause_start(ctx, start, floor)
    ce = start
    lead = ctx.folded[cs:start].strip()
    if not lead or g["honor_rx"].fullmatch(lead + " "):
        # "Bộ trưởng Bộ Y tế, bà Đào Hồng Lan": an honorific alone, the title before it;
        # likewise after a dash ("Chủ tịch UBND tỉnh Hưng Yên - Đỗ Quốc Văn")
        dash = _DASH_BEFORE.search(ctx.norm, max(floor, cs - 4), cs)
        if cs - 1 >= floor and ctx.norm[cs - 1] == ",":
            ce = cs - 1
        elif dash:
            ce = dash.start()
        else:
            return []
        cs = _clause_start(ctx, ce, floor)
    p = _title_in_clause(ctx, cs, ce, name_starts, anywhere=True)
    # a title that runs into the name is that name's, even in a list after another name
    # ("Chủ tịch nước A, Thủ tướng Chính phủ B"; titles_after leaves it to B)
    if p is None or (owned(cs) and ce != start):
        return []
    if ce != start and regex.search(r"(?<![\p{L}])của\s+$", ctx.folded[max(cs, p - 8):p]):
        return []   # "thực hiện chỉ đạo của Thủ tướng Chính phủ, GS.TS Nguyễn Thanh Long, Bộ trưởng …": whose the directive is
    titles = [ctx.norm[p:title_end(ctx, p, ce, name_starts)]]
    if ctx.norm[cs:p].strip():
        return titles   # the title starts inside its clause: no list before it
    # earlier titles of the same list, each a clause of its own
    while cs - 1 >= floor and ctx.norm[cs - 1] == ",":
        ce2 = cs - 1
        cs2 = _clause_start(ctx, ce2, floor)
        p2 = _title_in_clause(ctx, cs2, ce2, name_starts, anywhere=False)
        if p2 is None or owned(cs2):
            break
        earlier = ctx.norm[p2:title_end(ctx, p2, ce2, name_starts)]
        if head_and_deputy(earlier, titles[0]):
            break   # "Thủ tướng Chính phủ, Phó Thủ tướng Chính phủ B": two people, B the deputy
        titles.insert(0, earlier)
        cs = cs2
    return titles


def head_and_deputy(a: str, b: str) -> bool:
    """One title is the head of a body and the other its deputy (``Thủ tướng Chính phủ`` and
    ``Phó Thủ tướng Chính phủ``): no one holds both."""
    from .titles import canonical_post

    pa, pb = canonical_post(a), canonical_post(b)
    if not pa.organization or fold(pa.organization) != fold(pb.organization):
        return False
    oa, ob = pa.office.split(" thường trực")[0], pb.office.split(" thường trực")[0]
    return oa == "phó " + ob or ob == "phó " + oa


# --- 3. carry and location -------------------------------------------------------------

@dataclass
class Person:
    titles: list[str] = field(default_factory=list)
    location: str | None = None


def _title_key(title: str) -> str:
    """A title's comparison form: folded, spaces collapsed, abbreviations expanded."""
    abbr = _gaz()["abbr"]
    words = fold(regex.sub(r"\s+", " ", title.strip())).split(" ")
    return " ".join(abbr.get(w, w) for w in words)


def merge_titles(titles: list[str]) -> list[str]:
    """Titles in order, without repeats and without one that another one extends
    (``Phó Thủ tướng`` beside ``Phó Thủ tướng Chính phủ``)."""
    keys = [_title_key(t) for t in titles]
    out, seen = [], set()
    for t, k in zip(titles, keys):
        if k in seen or any(o != k and o.startswith(k + " ") for o in keys):
            continue
        seen.add(k)
        out.append(t)
    return out


_PLACE = regex.compile(rf"(?:{_SYL})(?:[ ](?:{_SYL})){{0,3}}(?:[ ]-[ ](?:{_SYL})(?:[ ](?:{_SYL}))?)?", regex.V1)


def _places(ctx: ArticleContext, level: str, s: int, e: int, name_starts: set[int]) -> list[tuple[int, str]]:
    """``(offset, name)`` of every ``<level> <Place>`` in ``norm[s:e]``."""
    out = []
    prefixes = sorted({level} | {w for w in _gaz()["bare"].get(level, []) if w.startswith(level)}, key=len, reverse=True)
    rx = r"(?<!\p{L})(?:" + "|".join(regex.escape(p) for p in prefixes) + r")\.?[ ]+"
    cached = ctx.cache.get("official_name_starts")   # sorted once per article, not once per place
    if cached is None or cached[0] is not name_starts:
        cached = ctx.cache["official_name_starts"] = (name_starts, sorted(name_starts))
    starts = cached[1]
    for m in regex.finditer(rx, ctx.folded[s:e], regex.V1):
        ps = s + m.end()
        pm = _PLACE.match(ctx.norm, ps)
        if not pm or ps in name_starts:
            continue
        pe = pm.end()
        i = bisect_right(starts, ps)   # a name that starts inside the place ends it
        if i < len(starts) and starts[i] < pe:
            pe = starts[i]
        out.append((ps, ctx.norm[ps:pe].strip()))
    return out


def location_for(ctx: ArticleContext, titles: list[str], name_start: int, name_starts: set[int]) -> str | None:
    """The province a bare ``… tỉnh`` title refers to: named in a title, else in the
    sentence (the last one before the name, else the first after), else the article's
    commonest."""
    g = _gaz()
    level = None
    for t in titles:
        ft = fold(t.strip())
        for lv, endings in g["bare"].items():
            if any(ft == e or ft.endswith(" " + e) for e in endings):
                level = lv
                break
        if level:
            break
    if level is None:
        return None
    for t in titles:
        m = regex.search(r"(?<!\p{L})" + regex.escape(level) + r"[ ]+(?P<p>" + _PLACE.pattern + ")", t, regex.V1)
        if m:
            return m.group("p")
    ss, se = ctx.sentence_span(name_start)
    found = _places(ctx, level, ss, se, name_starts)
    before = [p for o, p in found if o < name_start]
    if before:
        return before[-1]
    if found:
        return found[0][1]
    key = ("official_places", level)   # the article's places of a level: read once, not once per name
    cached = ctx.cache.get(key)
    if cached is None or cached[0] is not name_starts:
        cached = ctx.cache[key] = (name_starts, Counter(
            p for _, p in _places(ctx, level, ctx.body_start, ctx.body_end, name_starts)))
    counts = cached[1]
    if counts:
        return counts.most_common(1)[0][0]
    return None


class Officials(Dimension):
    """Full-name mentions of people with a post stated in the article."""

    name = "officials"
    rule_files = ()

    def resolvers(self):
        return {}

    def find(self, ctx: ArticleContext) -> list[Mention]:
        names = find_names(ctx)
        if not names:
            return []
        name_starts = {s for s, _ in names}
        name_ends = {e for _, e in names}
        people: dict[str, Person] = {}
        order: list[str] = []
        written: dict[tuple[int, int], list[str]] = {}
        for s, e in names:
            _, sent_end = ctx.sentence_span(s)
            line_end = ctx.norm.find("\n", e)
            limit = min(x for x in (sent_end, line_end if line_end >= 0 else len(ctx.norm), ctx.body_end))
            titles = titles_before(ctx, s, name_starts, name_ends) + titles_after(ctx, e, limit, name_starts)
            if not titles:
                continue
            written[(s, e)] = titles
            key = fold(ctx.norm[s:e])
            if key not in people:
                people[key] = Person()
                order.append(key)
            p = people[key]
            p.titles = merge_titles(p.titles + [t.strip() for t in titles])
            if p.location is None:
                p.location = location_for(ctx, p.titles, s, name_starts)
        short = short_mentions(ctx, names, people, written)
        out = []
        for s, e in names:
            p = people.get(fold(ctx.norm[s:e]))
            if p is None:
                continue
            value: dict = {"name": ctx.norm[s:e], "titles": list(p.titles)}
            if p.location:
                value["location"] = p.location
            extra = {"mentions_short": short[fold(ctx.norm[s:e])]} if fold(ctx.norm[s:e]) in short else {}
            out.append(Mention(TYPE, s, e, value, "official", priority=PRIORITY, extra=extra))
        return out


def short_mentions(ctx: ArticleContext, names, people: dict[str, Person],
                   written: dict[tuple[int, int], list[str]]) -> dict[str, list[dict]]:
    """``{folded name: [{start, end, text}]}``: the later ``ông Quang``, ``Phó Thủ tướng`` of
    each official (extract/dimensions/official_refs.py), spans of the article as given."""
    from .official_refs import find_short_mentions

    found = find_short_mentions(ctx, names, {k: (p.titles, p.location) for k, p in people.items()},
                                title_end, _office_at, lambda s, e: written.get((s, e), []))
    out = {}
    for key, spans in found.items():
        out[key] = []
        for s, e in spans:
            os_, oe = ctx.text.orig_span(s, e)
            out[key].append({"start": os_, "end": oe, "text": ctx.text.original[os_:oe]})
    return out
