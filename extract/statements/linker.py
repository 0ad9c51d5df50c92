"""Statements: what each number is about (CONTRACT.md, "Statements"; gold/GUIDELINES.md §6).

Linking comes after finding (MeasEval's order): the dimensions have found and resolved every
mention; this layer reads those mentions and the words around each quantity and writes its
``about`` parts — measure, subject, period, place, compared_to, source — without changing a
mention. The words that link (measure heads, subject verbs, carrying cues, reporting verbs)
are data in patterns/statements/linking.toml.

Parts are ``Part`` objects with offsets into the matching copy (``ctx.norm``); records.py
maps them to the text as given.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex

from ..dimensions.document import is_flat_line, is_listing_title, is_photo_caption
from ..engine.context import ArticleContext, Mention
from ..engine.literal_hits import literal_hits, whole_word_spans
from ..engine.matching import word_table
from ..engine.patterns import load_toml, load_word_list
from ..engine.text import fold, foreign_syllable
from .periods import shift_value, value_year

QUANTITY_TYPES = ("PERCENT", "RATIO", "RANK", "COUNT", "MONEY", "DURATION")
TIME_TYPES = ("DATE", "PERIOD")
LINKING = "statements/linking.toml"


@dataclass
class Part:
    """One part of a statement: a span of ``ctx.norm`` and what the contract adds to it."""

    start: int
    end: int
    carried: bool = False
    extra: dict = field(default_factory=dict)   # value (period, compared_to), code and name (place)
    local: bool = False   # a common noun's subject ("Dự án sẽ …"): held in its sentence only
    own: bool = False     # what a size is of ("bức tường rộng 2m"): held for its own number only

    def moved(self, carried: bool = True) -> "Part":
        return Part(self.start, self.end, carried or self.carried, dict(self.extra), self.local, self.own)


def _cue_words(words) -> tuple[str, ...]:
    """A cue list folded and sorted: the key under which ``_cue_regex`` compiles it once."""
    return tuple(sorted({" ".join(fold(w).split()) for w in words}))


def _phrases(words) -> frozenset[str]:
    return frozenset(" ".join(fold(w).split()) for w in words)


@lru_cache(maxsize=1)
def cues() -> dict:
    """The linking words of patterns/statements/linking.toml, folded, by role."""
    d = load_toml(LINKING, required={"measure", "subject", "carry", "period", "compared_to", "source", "place"})
    m, s, c, p, k, src, pl = (d[x] for x in ("measure", "subject", "carry", "period", "compared_to", "source", "place"))
    compounds = sorted((fold(x) for x in load_word_list("quantities/unit_compounds.txt")), key=len, reverse=True)
    return {
        "heads": _phrases(m["heads"]), "result_words": _phrases(m["result_words"]), "price_heads": _phrases(m["price_heads"]), "threshold_heads": _phrases(m["threshold_heads"]), "not_heads": _phrases(m["not_heads"]), "rank_about": _phrases(m["rank_about"]), "passives": _phrases(m["passives"]), "bare": _phrases(m["bare"]), "dimensions": _phrases(m["dimensions"]), "share_verbs": _phrases(m["share_verbs"]), "own_measure_after": _phrases(m["own_measure_after"]),
        "stops": _phrases(m["stops"]), "unit_not_measure": _phrases(m["unit_not_measure"]),
        "subject_verbs": _phrases(s["verbs"]), "topic_words": _phrases(s["topic_words"]), "levels": _phrases(s["levels"]), "actors": _phrases(s["actors"]), "agent_nouns": _phrases(s["agent_nouns"]), "person_before_name": _phrases(s["person_before_name"]), "distributives": _phrases(s["distributives"]), "item_words": _phrases(s["item_words"]), "age_units": _phrases(s["age_units"]), "timeless_units": _phrases(p["timeless_units"]), "topic_about": _phrases(s["topic_about"]), "report_own": _phrases(src["report_own"]), "present_words": _phrases(p["present_words"]), "admin_words": _phrases(s["admin_words"]), "future_words": _phrases(p["future_words"]), "located_at": _phrases(pl["located_at"]), "address_tails": _phrases(pl["address_tails"]), "company_heads": tuple(" ".join(fold(w).split()) for w in pl["company_heads"]), "national_titles": _phrases(pl["national_titles"]), "anaphor_openers": _phrases(s["anaphor_openers"]), "company_anaphors": _phrases(s["company_anaphors"]), "holding_verbs": _phrases(s["holding_verbs"]), "list_openers": _phrases(s["list_openers"]), "address_words": _phrases(s["address_words"]), "price_links": _phrases(s["price_links"]), "located": _phrases(s["actors"]) | _phrases(s["located"]), "frames": _phrases(s["frames"]),
        "determiners": _phrases(s["determiners"]), "restating_verbs": _phrases(s["restating_verbs"]), "people_nouns": _phrases(s["people_nouns"]), "subordinate_openers": _phrases(s["subordinate_openers"]), "at": _phrases(s["at"]), "relative_markers": _phrases(s["relative_markers"]),
        "index_heads": _phrases(s["index_heads"]), "security_words": _phrases(s["security_words"]), "ticker": regex.compile(s["ticker"], regex.V1), "market_index": regex.compile(s["market_index"], regex.V1),
        "not_subjects": _phrases(s["not_subjects"]), "whole": _phrases(s["whole"]), "not_doer_verbs": _phrases(s["not_doer_verbs"]), "existential": _phrases(s["existential"]), "partition": _phrases(s["partition"]), "population_frames": _phrases(s["population_frames"]), "part_verbs": _phrases(s["part_verbs"]), "with_count_tail": _phrases(s["with_count_tail"]), "with_not_after": _phrases(s["with_not_after"]), "property_units": frozenset(fold(w) for w in s["property_units"]), "causatives": _phrases(s["causatives"]) | _phrases(s["causatives_harm"]), "causatives_harm": _phrases(s["causatives_harm"]), "permit_verbs": _phrases(s["permit_verbs"]), "harm_words": _cue_words(s["harm_words"]),
        "districts": _phrases(s["districts"]), "not_owned": _phrases(s["not_owned"]), "not_owned_by_name": _phrases(s["not_owned_by_name"]), "located_within": _phrases(s["located_within"]), "owner_gap": int(s["owner_gap"]), "place_nouns": _phrases(s["place_nouns"]), "origin_words": _phrases(s["origin_words"]), "area_words": _phrases(s["area_words"]),
        "auxiliaries": _phrases(s["auxiliaries"]), "copulas": _phrases(s["copulas"]),
        "joiners": _phrases(s["joiners"]), "head_after": _phrases(m["head_after"]), "head_modifiers": _phrases(m["head_modifiers"]), "from_to": _phrases(c["from_to"]), "change_sizes": _phrases(c["change_sizes"]), "detached_before": _phrases(m["detached_before"]), "head_after_prep": _phrases(m["head_after_prep"]),
        "qualifiers": frozenset(word_table("quantities/words.toml", "qualifier")),
        "measure_units": frozenset(word_table("quantities/words.toml", "measure")) | _phrases(m["measure_units"]),
        "continue": _phrases(c["continue_words"]), "clause_words": tuple(c["clause_words"]), "clause_words_not_after": tuple(c["clause_words_not_after"]), "route_words": tuple(c["route_words"]), "change": _phrases(c["change_words"]),
        "lead_sentences": int(c["lead_sentences"]), "lead_long": int(c["lead_long_chars"]), "dating_brackets": tuple(" ".join(fold(w).split()) for w in p["dating_brackets"]),
        "per_unit": regex.compile(c["per_unit_tail"], regex.V1),
        "not_after": _phrases(p["not_after"]), "not_after_except": _phrases(p["not_after_except"]), "as_of": _phrases(p["as_of"]), "up_to": _phrases(p["up_to"]), "now_words": _phrases(p["now_words"]), "day_openers": _phrases(p["day_openers"]), "day_anaphora": regex.compile(p["day_anaphora"], regex.V1), "event_dates": _phrases(p["event_dates"]), "part_of_month": tuple(" ".join(fold(w).split()) for w in p["part_of_month"]),
        "edition_kinds": _phrases(p["edition_kinds"]), "day_events": _cue_words(p["day_events"]), "not_day_events": _cue_words(p["not_day_events"]), "purpose_before": _phrases(p["purpose_before"]),
        "compare": _phrases(k["cues"]), "not_time": _phrases(k["not_time"]), "base_ends": _phrases(k["base_ends"]),
        "same_period": _phrases(k["same_period"]), "direct_base_verbs": _phrases(k["direct_base_verbs"]),
        "relative": {" ".join(fold(w).split()): tuple(v) for w, v in k["relative"].items()},
        "reporting": _phrases(src["reporting_verbs"]), "speech": _phrases(src["speech_verbs"]), "according": _phrases(src["according_to"]),
        "through": _phrases(src["through"]), "report_of": _phrases(src["report_of"]),
        "report_kinds": _phrases(src["report_kinds"]),
        "not_speakers": _phrases(src["not_speakers"]), "speech_tail": _phrases(src["speech_tail"]), "goes_on": _phrases(src["goes_on"]), "quote_opens": frozenset(src["quote_opens"]), "passive_report_verbs": _phrases(src["passive_report_verbs"]), "interview_lead": regex.compile(src["interview_lead"], regex.V1), "interview_question": regex.compile(src["interview_question"], regex.V1), "interview_min_questions": int(src["interview_min_questions"]), "goes_on_anaphora": regex.compile(src["goes_on_anaphora"], regex.V1), "person_nouns": _phrases(src["person_nouns"]),
        "role_words": _phrases(src["role_words"]), "source_quantifiers": _phrases(src["source_quantifiers"]), "witness_words": _phrases(src["witness_words"]), "honorifics": _phrases(src["honorifics"]), "given_name_honorifics": _phrases(src["given_name_honorifics"]), "passive_markers": _phrases(src["passive_markers"]), "verb_objects": _phrases(src["verb_objects"]), "speech_as_noun": _phrases(src["speech_as_noun"]), "speaks_for": _phrases(src["speaks_for"]), "source_bodies": _phrases(src["source_bodies"]), "speaker_heads": tuple(" ".join(fold(w).split()) for w in src["speaker_heads"]), "describers": _phrases(src["describers"]), "speech_adverbs": _phrases(src["speech_adverbs"]), "report_documents": _phrases(src["report_documents"]), "lead_data": _phrases(src["lead_data"]), "report_heard": _phrases(src["report_heard"]), "published_in": _phrases(src["published_in"]), "journal_words": _phrases(src["journal_words"]),
        "venue_words": _phrases(pl["venue_words"]), "event_words": _phrases(p["event_words"]), "venue_before": _phrases(pl["venue_before"]), "place_after": _phrases(pl["place_after"]), "body_heads": tuple(" ".join(fold(w).split()) for w in pl["body_heads"]), "lead_anaphora": _cue_words(pl["lead_anaphora"]),
        "anaphora": _phrases(pl["anaphora"]), "event_names": _phrases(pl["event_names"]), "national": _phrases(pl["national"]),
        "compounds": compounds,
    }


# a capitalised syllable of three or more plain Latin letters ("Retail", "Group") glued by
# the segmenter to the small-letter syllables after it
_FOREIGN_GLUE = regex.compile(r"([A-Z][A-Za-z]{2,})\s+(\p{Ll}\S*(?:\s+\S+)*)$", regex.V1)



# a name written as initials: "T", "M.T", "H.", "N.V.K" (two or more capitals with no dot
# between them are an acronym: "UBND")
_INITIALS = regex.compile(r"\p{Lu}(?:\.\p{Lu})*\.?", regex.V1)
# "dự án này", "công ty đó": a demonstrative closes a noun phrase, it does not cut it
_DEMONSTRATIVES = frozenset({"này", "đó", "ấy", "kia", "nọ"})
_PUNCT = regex.compile(r"[,;:()\[\]\"“”'‘’?!…–—]|\s-\s")
_NAME_TAIL = regex.compile(r"(?:\s+\p{Lu}[\p{L}\p{N}&.-]*)*", regex.V1)   # capitalised words going on a name


@lru_cache(maxsize=1)
def _clause_break() -> regex.Pattern:
    """Where a clause ends: punctuation, a spaced dash, or a clause word ([carry] clause_words)."""
    words = "|".join(regex.escape(w) for w in cues()["clause_words"])
    # "sau khi", "trước khi": a time clause of the same doer, no break
    not_after = "".join(rf"(?<!(?<!\p{{L}}){regex.escape(w)})" for w in cues()["clause_words_not_after"])
    return regex.compile(r"[;:()\[\]“”\"?!…]|,|\s[–—-]\s" + (rf"|{not_after}\s(?:{words})\s" if words else ""), regex.V1)


class Words:
    """The words of one stretch of the article, as folded strings with their spans.

    Phrase look-ups compare up to four words at a time with the word lists; the segmenter's
    words may hold several syllables ("bộ phận"), so each entry is compared syllable by
    syllable against the folded text.
    """

    def __init__(self, ctx: ArticleContext, start: int, end: int, cuts=()):
        # the words are read (and their stretch segmented) on first use: many sentences
        # never need them
        self.ctx = ctx
        self.start, self.end, self.cuts = start, end, cuts

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        ctx, out, cue = self.ctx, [], cues()
        for s, e in ctx.words_between(self.start, self.end):
            # a word never straddles where a mention starts: the segmenter may glue a name
            # to the verb after it ("UPCoM-Index giảm" before "giảm 0,69 điểm")
            for c in self.cuts:
                if s < c < e and ctx.norm[c - 1].isspace():
                    out.append((s, c - 1))
                    s = c
            # nor a foreign name and the Vietnamese word after it ("Vincom Retail sở hữu")
            m = _FOREIGN_GLUE.match(ctx.norm, s, e) if e - s > 6 else None
            if m and foreign_syllable(m.group(1)):
                out.append((s, m.end(1)))
                s = m.start(2)
            # nor a name and the size word or verb after it ("Phan Thiết dài hơn 100 km",
            # "Phan Thiết kẹt 10 km")
            sp = ctx.folded.rfind(" ", s, e) if ctx.norm[s].isupper() else -1
            if sp > s and all(w[:1].isupper() for w in ctx.norm[s:sp].split()):
                tail = " ".join(ctx.folded[sp + 1:e].split())
                if tail in cue["dimensions"] or tail in cue["subject_verbs"]:
                    out.append((s, sp))
                    s = sp + 1
            # nor a verb and the measure after it ("có giá" read as one word, "valuable")
            sp = ctx.folded.find(" ", s, e) if e - s <= 16 else -1
            if sp > 0 and ctx.folded[s:sp] in _split_heads() and " ".join(ctx.folded[s:e].split()) in _split_words():
                out.append((s, sp))
                s = sp + 1
            elif sp > 0 and e + 1 in self.cuts and ctx.norm[e] == " ":
                sp = _verb_then_head(ctx, s, e)
                if sp:
                    out.append((s, sp))   # "thử thách ngưỡng | 1.230 điểm": a verb glued to the measure's head
                    s = sp + 1
            out.append((s, e))
        return out

    @cached_property
    def folded(self) -> list[str]:
        f = self.ctx.folded
        return [" ".join(f[s:e].split()) for s, e in self.spans]

    @cached_property
    def starts(self) -> list[int]:
        return [s for s, _ in self.spans]

    def index_at(self, pos: int) -> int:
        return bisect_left(self.starts, pos)

    def ends_before(self, j: int, table: frozenset, max_words: int = 2) -> bool:
        """An entry of ``table`` (up to ``max_words`` words) ends right before word ``j``."""
        return any(j - n >= 0 and self.phrase_at(j - n, table, n) == n for n in range(1, max_words + 1))

    def phrase_at(self, i: int, table: frozenset, max_words: int = 4) -> int:
        """Number of words from ``i`` that form the longest entry of ``table`` (0: none)."""
        best = 0
        text = ""
        heads = _heads(table)
        for n in range(max_words):
            if i + n >= len(self.folded):
                break
            if n and self.ctx.norm[self.spans[i + n - 1][1]:self.spans[i + n][0]].strip():
                break   # punctuation between words ends a phrase
            text = self.folded[i + n] if not n else text + " " + self.folded[i + n]
            if text not in heads:
                break   # no entry begins so: no longer one either
            if text in table:
                best = n + 1
        return best


    def starts_with(self, i: int, table: frozenset, max_syllables: int = 5) -> bool:
        """True when the syllables from word ``i`` begin with an entry of ``table``: the
        segmenter may join a head to its complement ("tổng kim ngạch")."""
        syl: list[str] = []
        for n in range(4):
            if i + n >= len(self.folded):
                break
            if n and self.ctx.norm[self.spans[i + n - 1][1]:self.spans[i + n][0]].strip():
                break
            syl.extend(self.folded[i + n].split())
            if len(syl) >= max_syllables:
                break
        return any(" ".join(syl[:k]) in table for k in range(1, len(syl) + 1))


class ByStart:
    """Mentions (or places) sorted by start, and the ones a sentence or a window asks for:
    a scan of the whole article for every number was quadratic in the article's length."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.longest = max((m.end - m.start for m in self.items), default=0)

    def starting(self, s: int, e: int) -> list:
        """Those with ``s <= start < e``, in order."""
        return self.items[bisect_left(self.starts, s):bisect_left(self.starts, e)]

    def containing(self, s: int, e: int) -> list:
        """Those with ``start <= s`` and ``e <= end``."""
        return [m for m in self.starting(s - self.longest, s + 1) if m.end >= e]


@lru_cache(maxsize=4096)
def _verb_alone(word: str) -> bool:
    """``word`` is a verb by the tagger when a pronoun stands before it ("họ bày bán", "họ
    gieo cấy"): in a clause the CRF reads some compound verbs as nouns ("cơ sở này bày bán")."""
    from ..engine.segment import pos_tags
    return pos_tags(["họ", word])[1] == "V"


class Linker:
    """Builds the statement of every quantity mention of one article."""

    def __init__(self, ctx: ArticleContext):
        self.ctx = ctx
        self.c = cues()
        ms = sorted(ctx.mentions, key=lambda m: m.start)
        self.quantities = [m for m in ms if m.type in QUANTITY_TYPES]
        self.times = [m for m in ms if m.type in TIME_TYPES]
        self.officials = [m for m in ms if m.type == "OFFICIAL"]
        self.legal = [m for m in ms if m.type == "LEGAL_REF"]
        self.mentions = ms
        self._all, self._q, self._t = ByStart(ms), ByStart(self.quantities), ByStart(self.times)
        self._o, self._l = ByStart(self.officials), ByStart(self.legal)
        self._sent_starts = [s for s, _ in ctx.sentences]
        from .places import province_mentions   # the gazetteer is loaded once, on first use
        self.places = [p for p in province_mentions(ctx.norm, ctx.body_start, ctx.body_end,
                                                    published=ctx.published)
                       if not p.capital and not self._inside_mention(p.start, p.end)]
        self._p = ByStart(self.places)
        # where a time or quantity mention covers a character, and where a time ends: looked
        # up for every word the linker reads, so built once (a scan per word was quadratic)
        self._covered = {}
        for m in ms:
            if m.type in TIME_TYPES or m.type in QUANTITY_TYPES:
                for i in range(m.start, m.end):
                    self._covered.setdefault(i, m)
        self._time_at = {i: t for t in self.times for i in range(t.start, t.end)}
        self._routes = self._route_spans()
        self._compound_list = sorted(self._compound_spans())
        self._compound_starts = [a for a, _ in self._compound_list]
        self._protected = sorted(self._compound_list + self._routes)
        self._embedded_at: set[int] = set()   # where a count inside an owner's name starts (_embedded_counts)
        self.title_span = ctx.title_span
        self.lead = self._lead_span()
        self._people = self._named_people()
        self._event_date_rx = _event_date_regex(tuple(sorted(self.c["event_dates"])))
        self._speech_rx = _cue_regex("source", tuple(sorted(self.c["speech"])))
        self._role_rx = _cue_regex("role", tuple(sorted(self.c["role_words"])))
        self._witness_rx = _cue_regex("witness", tuple(sorted(self.c["witness_words"])))
        self._not_period: dict[int, bool] = {}
        self._frame_lead_only = False   # set by _frame_period
        self._named_again: Part | None = None   # set by _other_speaker
        self._told: dict[int, bool] = {}   # the day of a telling, by time start (every sentence asks)
        self._source_cues = _cue_regex("source", tuple(sorted(self.c["according"] | self.c["through"]
                                                               | self.c["reporting"] | self.c["report_kinds"]
                                                               | self.c["published_in"] | self.c["passive_report_verbs"])))

    # --- the article's frame: title and lead -------------------------------------------
    def _lead_span(self):
        norm = self.ctx.norm
        pos = self.title_span[1] if self.title_span else self.ctx.body_start
        for line in regex.finditer(r"[^\n]+", norm[:self.ctx.body_end], pos=pos):
            s, e = line.span()
            if norm[s:e].strip() and (s, e) != self.ctx.dateline_span \
                    and not is_photo_caption(norm[s:e]):   # a photo's caption comes before the lead
                return s, self._lead_end(s, e)
        return None

    def _lead_end(self, s: int, e: int) -> int:
        """A long first line (an article flattened to one line) is no lead as a whole: its
        first sentences are."""
        if e - s <= self.c["lead_long"]:
            return e
        inside = self._sentences_in(s, e)
        n = self.c["lead_sentences"]
        return inside[n - 1][1] if len(inside) > n else e

    def _sentences_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """The sentences that lie wholly inside ``a..b`` (a paragraph, the lead), found by bisect."""
        sents = self.ctx.sentences
        out = []
        for i in range(bisect_left(self._sent_starts, a), len(sents)):
            s, e = sents[i]
            if s >= b:
                break
            if e <= b:
                out.append((s, e))
        return out

    def _tags(self, words: "Words", k: int, end: int, ahead: int = 0) -> list[str]:
        """Parts of speech of words ``k..end``, tagged with ``ahead`` words after them as context."""
        from ..engine.segment import pos_tags
        raw = [self.ctx.norm[a:b] for a, b in words.spans[k:end + ahead]]
        return pos_tags(raw)[:end - k] if raw else []

    def _inside_mention(self, s: int, e: int, types=("OFFICIAL", "LEGAL_REF")) -> bool:
        return any(m.type in types for m in self._all.containing(s, e))

    def _named_people(self) -> list[tuple[int, int]]:
        """Where a person is named after an honorific ("ông Đỗ Minh Quân", "bà Nguyễn Thị
        Hà"): the name's span, for a speaker the officials' gazetteer gives no office."""
        rx = _honorific_name_regex(tuple(sorted(self.c["honorifics"])))
        # "anh Thành", "chị Tuyền": a citizen is often named by the given name alone
        short = _honorific_name_regex(tuple(sorted(self.c["given_name_honorifics"])), 0)
        out = []
        matches = sorted(list(rx.finditer(self.ctx.norm, self.ctx.body_start, self.ctx.body_end))
                         + [m for m in short.finditer(self.ctx.norm, self.ctx.body_start, self.ctx.body_end)
                            if " " not in m.group("name")], key=lambda m: m.start())
        for m in matches:
            s, e = m.span("name")
            if not any(o.start <= s < o.end for o in self.officials) \
                    and not any(p.start < e and s < p.end for p in self.places):   # "tỉnh Bà Rịa Vũng Tàu"
                out.append((s, e))
        return out

    # --- clauses -------------------------------------------------------------------------
    def clauses(self, s: int, e: int) -> list[tuple[int, int]]:
        """The clauses of a sentence: stretches between commas, semicolons, brackets and
        dashes, except a comma inside a coordinated noun that is one unit ("bộ, ngành")."""
        norm = self.ctx.norm
        i = bisect_left(self._protected, (s, -1))
        protected = self._protected[i:bisect_left(self._protected, (e, -1), i)]
        for b in regex.finditer(r"\([^()\d]{1,40}\)", norm[s:e]):   # "(PCI)", "(Vietcombank)"
            protected.append((s + b.start(), s + b.end()))
        for b in (regex.finditer(r"\([^()]{1,30}\)", norm[s:e]) if "(" in norm[s:e] else ()):
            # "(tăng gần 61%)", "(chiếm 72%)": a change or share of the figure before, in brackets,
            # is no clause of its own
            bs, be = s + b.start(), s + b.end()
            if not any(ch.isdigit() for ch in norm[bs:be]):
                continue   # (no number, no time: the loop above has it)
            inner = [m for m in self._q.starting(bs, be) if m.end <= be]
            head = " ".join(self.ctx.folded[bs + 1:inner[0].start].split()) if len(inner) == 1 else None
            # (a bare number in brackets is the value of the name before it: "Vietnam Airlines (gần 14.183 tỷ đồng)")
            if head is not None and not norm[inner[0].end:be - 1].strip() and (
                    head in self.c["share_verbs"] or (not head and inner[0].change is not None)):
                protected.append((bs, be))
            times = [m for m in self._t.starting(bs, be) if m.end <= be]
            if not inner and len(times) == 1 and not norm[bs + 1:times[0].start].strip() \
                    and not norm[times[0].end:be - 1].strip():
                protected.append((bs, be))   # "5 thành viên HĐQT nhiệm kỳ VI (2015-2020)": the time dates what it follows
        for b in regex.finditer(r"[\"“][^\"“”,;.\d]{1,30}[\"”]", norm[s:e]):   # a quoted term: 'tại "gã khổng lồ" công nghệ …'
            protected.append((s + b.start(), s + b.end()))
        for m in self._all.starting(s, e):   # a mention is never cut ("bộ, ngành" in a count, a title)
            protected.append((m.start, m.end))
        out, cur = [], s
        for b in _clause_break().finditer(norm, s, e):
            if any(ps <= b.start() < pe for ps, pe in protected):
                continue
            if b.group() == "," and norm[b.start() - 1:b.start()].isdigit() and norm[b.end():b.end() + 1].isdigit():
                continue   # a decimal comma
            if b.group().strip() in "-–—" and norm[b.start() - 1:b.start()].isdigit() and norm[b.end():b.end() + 1].isdigit():
                continue   # "55,45 - 55,85 triệu đồng/lượng (mua vào - bán ra)": a pair of numbers
            if b.start() > cur:
                out.append((cur, b.start()))
            cur = b.end()
        if cur < e:
            out.append((cur, e))
        return out or [(s, e)]

    def _compound_spans(self) -> list[tuple[int, int]]:
        """Where a coordinated noun with a comma ("bộ, ngành") stands in the body: one scan."""
        comps = [c for c in self.c["compounds"] if "," in c]
        if not comps:
            return []
        rx = _compound_regex(tuple(comps))
        folded, start, end = self.ctx.folded, self.ctx.body_start, self.ctx.body_end
        # the match at each start an overlapped finditer reports, found by str.find on the
        # literals (the regex module tries every branch at every character)
        hits = literal_hits(rx, folded, start, end)
        if hits is not None:
            return [rx.match(folded, p, end).span() for p in hits]
        return [m.span() for m in rx.finditer(folded, start, end, overlapped=True)]

    def _names_route(self, s: int, e: int) -> bool:
        """Words ``s..e`` are a route word and the route's two names ("cao tốc Vĩnh Hảo - Phan Thiết")."""
        return any(s < rs and re == e and len(self.ctx.norm[s:rs].split()) <= 4 for rs, re in self._routes)

    def _route_spans(self) -> list[tuple[int, int]]:
        """Where a road or link between two names stands ("cao tốc Vĩnh Hảo – Phan Thiết"):
        its spaced dash is no clause break."""
        norm, start, end = self.ctx.norm, self.ctx.body_start, self.ctx.body_end
        if " - " not in norm[start:end] and " – " not in norm[start:end]:
            return []
        return [m.span(1) for m in _route_regex(tuple(self.c["route_words"])).finditer(norm, start, end)]

    # --- the whole article -------------------------------------------------------------
    def run(self) -> None:
        ctx = self.ctx
        if is_listing_title(ctx.meta.get("title") if isinstance(ctx.meta.get("title"), str) else None):
            frame_period = frame_place = frame_subject = None   # teasers of many articles: no frame
        else:
            frame_period = self._frame_period()
            frame_place = self._frame_place()
            frame_subject = self._frame_subject()
        frame_source = self._frame_source()
        interview, interview_from = self._interviewee()
        q_starts = [q.start for q in self.quantities]
        sentences = ctx.sentences
        sent_starts = [s for s, _ in sentences]
        prev_line = prev_para = None
        for line in regex.finditer(r"[^\n]+", ctx.norm[:ctx.body_end], pos=ctx.body_start):
            prev_carried = prev_para.source if prev_para is not None else None
            para = Paragraph()
            flat = is_flat_line(line.end() - line.start())
            # a quotation closed by its speaker ("“… 15% …”, ông Kính nói."): the speaker is
            # the source of every number inside it, the sentences before the attribution too
            para.source = self._quote_speaker(line.start(), line.end(), sentences, sent_starts)
            if para.source is None and prev_line is not None:
                para.source = self._account_goes_on(line.start(), line.end(), prev_line, prev_carried)
            if frame_source is not None and self.lead and line.start() >= self.lead[1]:
                if self._other_speaker(line.start(), line.end(), frame_source):
                    frame_source = None   # another speaker: the lead's account has ended
                else:
                    if para.source is None:
                        para.source = frame_source.moved()   # the lead's report goes on
                    if self._named_again is not None and not self._named_again.carried:
                        frame_source = self._named_again   # "Kế hoạch của UBND tỉnh Cà Mau cho biết, …"
            if ctx.norm[line.start():line.end()].strip() and not is_photo_caption(ctx.norm[line.start():line.end()]):
                prev_line, prev_para = line.span(), para   # a photo's caption is no account the next paragraph goes on with
            for i in range(bisect_left(sent_starts, line.start()), len(sentences)):
                s, e = sentences[i]
                if s >= line.end():
                    break
                if e > line.end():
                    continue
                # what a sentence carries serves only the numbers after it in its paragraph:
                # past the paragraph's last number, no sentence changes a statement
                k = bisect_left(q_starts, s)
                if k == len(q_starts) or q_starts[k] >= line.end():
                    break
                before, before_subject = para.period, para.subject
                in_lead = self.lead is not None and s < self.lead[1]
                if interview is not None and s >= interview_from and para.source is None \
                        and not ctx.norm[s:e].rstrip(" \"”").endswith("?"):
                    para.source = interview.moved()   # an answer of the interview
                # in an article flattened to one line the lead's named opener frames the
                # lead only, and a sentence's subject goes on into the next sentence only
                self.sentence(s, e, para, frame_period, frame_place,
                              frame_subject if not (flat and not in_lead) else None)
                if flat and para.subject is before_subject:
                    para.subject = None
                if flat and para.period is before:
                    # an article flattened to one line shows no paragraphs: a sentence's time
                    # goes on into the next sentence only, not over the whole article
                    para.period = None
                if flat and para.source is not None and para.source.carried:
                    para.source = None   # and so does its speaker

    def _account_goes_on(self, ls: int, le: int, prev: tuple[int, int], prev_carried: Part | None) -> Part | None:
        """A paragraph that opens on "Cụ thể, …" / "Theo đó, …" / "Trong 4 trường hợp này, …"
        goes on with the account the paragraph before ended on: the source of that
        paragraph's last sentence holds, else the one that paragraph itself went on with."""
        head = " ".join(self.ctx.folded[ls:min(le, ls + 60)].split())
        # a paragraph that opens a quotation no one else closes (the caller tried that first)
        # quotes the speaker the paragraph before ended on: "Theo ông Vũ, … \n “Có được kết quả này …”"
        quoted = head[:1] in self.c["quote_opens"]
        if not quoted and not any(head.startswith(w) and not head[len(w):len(w) + 1].isalpha() for w in self.c["goes_on"]) \
                and not self.c["goes_on_anaphora"].match(head):
            return None   # a plain look at the paragraph's first words: no segmenting
        last = self._sentences_in(*prev)
        if not last:
            return None
        if quoted:   # the speaker the paragraph before named last
            src = next((got for s, e in reversed(last)
                        if (got := self._source(s, e, Words(self.ctx, s, e), Paragraph())) is not None), None)
        else:
            s, e = last[-1]
            src = self._source(s, e, Words(self.ctx, s, e), Paragraph()) or prev_carried
        return src.moved() if src is not None else None

    def _quote_speaker(self, ls: int, le: int, sentences, sent_starts) -> Part | None:
        """The speaker named after a quotation that fills its paragraph: the paragraph opens
        with a quotation mark and its last sentence closes it, then names who said it."""
        norm = self.ctx.norm
        text = norm[ls:le].lstrip()
        if not any(ls <= q.start < le for q in self.quantities):
            return None
        if not text[:1] in "“\"":
            # a quotation that opened in the paragraph before and closes in this one ("“Theo quy
            # định, …\nNếu … phải chờ 5 năm nữa”- Phó Bí thư Thành ủy nói."): this paragraph is
            # inside it up to the close
            close = text.rfind("”")
            ps = norm.rfind("\n", 0, max(0, ls - 1)) + 1
            before = norm[ps:ls]
            if close < 0 or "“" in text[:close] or before.rfind("“") <= before.rfind("”"):
                return None
        i = bisect_left(sent_starts, le) - 1
        if i < 0 or sentences[i][0] < ls:
            return None
        s, e = sentences[i]
        close = max(norm.rfind("”", s, e), norm.rfind('"', s, e))
        if close < 0 or not _cue_regex("source", tuple(sorted(self.c["speech"]))).search(self.ctx.folded, close, e):
            return None
        words = Words(self.ctx, close + 1, e)
        for k in range(len(words.folded)):
            if words.phrase_at(k, self.c["speech"]):
                sp = self._speaker_before(words, k, close + 1)
                return sp.moved() if sp is not None else None
        return None

    def _frame_period(self) -> Part | None:
        """A period that the title, else the lead, sets for the whole article: one not of a
        day (a day in the lead is the day of the event reported)."""
        for span in (self.title_span, self.lead):
            if not span:
                continue
            event = self._reports_event(span)
            nl = self.ctx.norm.find("\n", span[0])
            flat = is_flat_line((len(self.ctx.norm) if nl < 0 else nl) - span[0])
            got = [t for t in self.times
                   if span[0] <= t.start and t.end <= span[1] and not self._not_a_period(t)
                   and not (_is_day(t.value) and (event or span == self.title_span or self._ahead(t)))
                   and not self._told_in_brackets(t, *self.ctx.sentence_span(t.start), None)]
            if not got:
                continue
            # a time in a sentence that gives a figure is the figures' time; one elsewhere in
            # the lead may set a scene ("Vừa trở lại sau kỳ nghỉ cuối tuần, …")
            t = next((t for t in got if self._sentence_has_quantity(t)), got[0])
            # the day of an article flattened to one line is the day of its first story, not
            # of every figure after it (a feature, a round-up): it frames the lead's sentences only
            self._frame_lead_only = (flat and (_is_day(t.value) or _is_days(t.value))) or self._part_of_month(t)
            return Part(t.start, t.end, True, {"value": t.value})
        return None

    def _part_of_month(self, t) -> bool:
        """"Đầu tháng 4", "cuối tuần trước": a part of a month or week, the time of an event."""
        v = t.value
        if not (isinstance(v, str) and (len(v) == 7 or "-W" in v)):
            return False
        head = " ".join(self.ctx.folded[t.start:t.end].split())
        return any(head.startswith(w + " ") for w in self.c["part_of_month"])

    def _title_national(self) -> bool:
        """The title (in the text or given beside it) speaks of the whole country and names
        no province."""
        rx = _cue_regex("national_title", tuple(sorted(self.c["national_titles"])))
        if self.title_span:
            a, b = self.title_span
            return not any(a <= p.start and p.end <= b for p in self.places) and bool(rx.search(self.ctx.folded, a, b))
        title = self.ctx.meta.get("title")
        if not title or not isinstance(title, str):
            return False
        return not self._title_beside_provinces and bool(rx.search(fold(title)))

    @cached_property
    def _title_beside_provinces(self) -> list:
        """The provinces a title given beside the text (a JSONL ``title``) names, read once."""
        title = self.ctx.meta.get("title") if self.title_span is None else None
        if not title or not isinstance(title, str):
            return []
        from .places import province_mentions
        return province_mentions(title, published=self.ctx.published)

    def _frame_source(self) -> Part | None:
        """Who the lead says reports what the article gives ("Ông Đầu Thanh Tùng, Phó chủ tịch
        UBND tỉnh … vừa ký văn bản báo cáo nhu cầu đào tạo giáo viên năm 2021 …"): the source
        of the later paragraphs' figures while no other speaks."""
        if not self.lead:
            return None
        for s, e in self._sentences_in(*self.lead):
            words = Words(self.ctx, s, e)
            if not any(words.phrase_at(k, self.c["report_documents"]) and not words.ends_before(k, self.c["report_heard"])
                       for k in range(len(words.folded))) and not self._opens_on_data(words):
                continue   # a speaker's word ("… cho biết"), a report heard ("chủ trì cuộc họp nghe báo cáo")
            src = self._source(s, e, words, Paragraph())
            if src is not None:
                return src
        return None

    def _opens_on_data(self, words: Words) -> bool:
        """The sentence opens on whose figures it gives ("Qua thống kê của UBND tỉnh Cà Mau,
        …", "Theo số liệu của Tổng cục Thống kê, …"): in the lead, the figures of the whole
        article are that body's."""
        c = self.c
        n = words.phrase_at(0, c["according"] | c["through"])
        if not n:
            return False
        m = words.phrase_at(n, c["lead_data"])
        return bool(m) and bool(words.phrase_at(n + m, c["report_of"]))

    def _interviewee(self) -> tuple[Part | None, int]:
        """The official the lead says answers an interview, and where the answers begin (the
        end of that lead sentence); (None, 0) when the article is no interview."""
        if not self.lead:
            return None, 0
        norm, c = self.ctx.norm, self.c
        body = norm[self.lead[0]:self.ctx.body_end]
        if len(c["interview_question"].findall(body)) < c["interview_min_questions"]:
            return None, 0
        for s, e in self._sentences_in(*self.lead):
            cue = c["interview_lead"].search(norm, s, e)
            if cue is None:
                continue
            who = next(((o.start, o.end) for o in self.officials if s <= o.start < cue.start()), None) \
                or next(((a, b) for a, b in self._people if s <= a < cue.start()), None)   # "Bà Phạm Thị Thanh Ngà, Viện phó …"
            return (Part(*who), e) if who is not None else (None, 0)
        return None, 0

    def _other_speaker(self, ls: int, le: int, src: Part) -> bool:
        """A paragraph names a speaker other than ``src`` (one scan for cues first)."""
        self._named_again = None
        if not self._source_cues.search(self.ctx.folded, ls, le):
            return False
        for s, e in self._sentences_in(ls, le):
            got = self._source(s, e, Words(self.ctx, s, e), Paragraph())
            if got is None or (got.start, got.end) == (src.start, src.end):
                continue
            if not self._same_speaker(got, src):
                return True
            self._named_again = got   # the same speaker named again: carried from there on
        return False

    def _same_speaker(self, a: Part, b: Part) -> bool:
        """Two spans that name one speaker: the same words ("Kế hoạch của UBND tỉnh Cà Mau cho
        biết" after "Qua thống kê của UBND tỉnh Cà Mau"), or one the other's short form
        ("UBND tỉnh" … "UBND tỉnh Cà Mau") of the same body."""
        fa = " ".join(self.ctx.folded[a.start:a.end].split())
        fb = " ".join(self.ctx.folded[b.start:b.end].split())
        return fa == fb or (len(fa) >= 8 and (fb.startswith(fa + " ") or fb.endswith(" " + fa))) \
            or (len(fb) >= 8 and (fa.startswith(fb + " ") or fa.endswith(" " + fb)))

    def _ahead(self, t: Mention) -> bool:
        """A day after the publication date ("ngày mai (27/4)", "áp dụng từ ngày 28/4/2021"):
        the lead announces what is to come; the figures reported are of before it."""
        pub = self.ctx.published
        return bool(pub) and t.value[:10] > pub[:10]

    def _sentence_has_quantity(self, t: Mention) -> bool:
        sents = self.ctx.sentences
        i = bisect_right(self._sent_starts, t.start) - 1
        if i < 0 or t.start >= sents[i][1]:
            return False
        return bool(self._q.starting(*sents[i]))

    def _frame_subject(self) -> Part | None:
        """The body the lead is about: the subject of its first statement, where that is
        a name ("PVcomBank", "Bộ Y tế"), which the article's numbers go on about."""
        if not self.lead:
            return None
        first = self._sentences_in(*self.lead)[:1]
        if not first:
            return None
        s, e = first[0]
        words = Words(self.ctx, s, e)
        qs = self._q.starting(s, e)
        if not qs:
            # a lead that gives no figure still names who the article is about:
            # "Chiều nay (24/4), Ngân hàng TMCP … (PVcomBank) tổ chức Đại hội …"
            return self._lead_opener(words, words.index_at(s), len(words.spans), e)
        q = qs[0]
        k = words.index_at(s)
        sub = self._doer(words, k, words.index_at(q.start), q)
        if sub is not None and not sub.local and self.ctx.norm[sub.start].isupper():
            place = self._place_in(sub.start, sub.end)
            if place is not None and place.start == sub.start and place.end == sub.end:
                return None   # a province the lead opens on is the article's place, not whose every figure is (§6.2)
            return Part(sub.start, sub.end, True)
        if sub is None:   # "Tập đoàn X vừa công bố báo cáo … với doanh thu thuần tăng …"
            return self._lead_opener(words, k, words.index_at(q.start), q.start)
        return None

    def _lead_opener(self, words: Words, k: int, j: int, until: int) -> Part | None:
        """The lead's named opener, unless the lead goes on to name another ("Sở GDCK TPHCM
        vừa có thông báo về việc đưa cổ phiếu HAG của Tập đoàn …": the exchange tells of
        another company's figures)."""
        got = self._named_opener(words, k, j)
        if got is not None and regex.search(r"(?<![\p{L}])(?:\p{Lu}{2,}(?![\p{L}])|(?i:của)\s+\p{Lu})", self.ctx.norm[got.end:until]):
            return None
        return got

    def _company_anaphor(self, part: Part) -> bool:
        """A company's kind alone ("ngân hàng", "công ty này") names the company the article is
        about, as its name would: it goes on to the paragraph's later sentences."""
        said = " ".join(self.ctx.folded[part.start:part.end].split())
        if said.endswith(" này"):
            said = said[:-4]
        return said in self.c["company_anaphors"]

    def _anaphor_subject(self, words: Words, s: int) -> Part | None:
        """A sentence that opens on "Đây là", "Đó là" and a body noun points back to the name
        the sentence before opens on: "Công ty TNHH Chang Shin Việt Nam có vốn …. Đây là doanh nghiệp đông
        công nhân nhất tỉnh với hơn 40.000 nhân công" → the company."""
        n = words.phrase_at(0, self.c["anaphor_openers"]) if words.folded else 0
        if n and n < len(words.folded) and words.folded[n] == "một":
            n += 1
        if not n or not words.phrase_at(n, self.c["actors"]):
            return None   # "Đây là cách mà …": not a body named again
        i = bisect_right(self._sent_starts, s - 1) - 1
        if i < 0:
            return None
        ps, pe = self.ctx.sentences[i]
        if pe > s or s - pe > 3:
            return None
        norm = self.ctx.norm
        prev = Words(self.ctx, ps, pe)
        end = 0
        while end < len(prev.spans) and norm[prev.spans[end][0]].isupper() and not self._is_time(prev.spans[end][0]):
            end += 1
        if end == 0:
            return None
        a, b = prev.spans[0][0], prev.spans[end - 1][1]
        place = self._place_in(a, b)
        if end < 2 and place is None:
            return None
        return Part(a, b, True)

    def _nearest_written(self, part: Part, before: int) -> Part:
        """A carried subject points to where it was last written before the number: the
        name again, or its short form in brackets ("Ngân hàng TMCP … (PVcomBank)" →
        a later "PVcomBank")."""
        ctx = self.ctx
        text = ctx.folded[part.start:part.end]
        forms = {text}
        for b in regex.finditer(r"\(([^()]{2,40})\)", text):
            # "(HAGL - mã chứng khoán: HAG)": the short name is the bracket's first piece
            forms.add(regex.split(r"\s[-–]\s|[,;:]", b.group(1))[0].strip())
        best = None
        for f in forms:
            spans = (whole_word_spans(ctx.folded, f, part.end, before) if f
                     else [m.span() for m in _word_regex(f).finditer(ctx.folded, part.end, before)])
            for span in spans:
                if best is None or span[0] > best[0]:
                    best = span
        if best is None:
            return part.moved()
        return Part(best[0], best[1], True)

    def _named_opener(self, words: Words, k: int, j: int) -> Part | None:
        """The name that opens a sentence as the doer of its first verb: capitalised words
        (a bracketed short name included) tagged as a proper noun, before a verb."""
        from ..engine.segment import pos_tags
        c = self.c
        while k < j:   # frames, times and punctuation before the doer
            n = words.phrase_at(k, c["frames"])
            if n:
                k += n
            elif self._is_time(words.spans[k][0]):
                k = max(k + 1, words.index_at(self._time_end(words.spans[k][0])))
            elif not any(ch.isalnum() for ch in words.folded[k]):
                k += 1
            else:
                break
        if k >= j:
            return None
        raw = [self.ctx.norm[a:b] for a, b in words.spans[k:min(j, k + 14)]]
        tags = pos_tags(raw)
        end, depth, adverb = None, 0, None
        for n, (w, t) in enumerate(zip(raw, tags)):
            depth += w == "("
            depth -= w == ")"
            if depth:
                continue
            if t == "V" and not w[:1].isupper():
                end = n if adverb is None else adverb
                break
            if t == "R" and not w[:1].isupper() and n > 0:
                adverb = n if adverb is None else adverb   # "HAGL vừa công bố …": the adverb before the verb
                continue
            if w in (",", ";", ":"):
                if any(tg == "Np" and x[:1].isalpha() for x, tg in zip(raw[:n], tags[:n])):
                    return None   # "Bác sĩ A, Chủ tịch …": an apposition, not a name before its verb
                return self._named_opener(words, k + n + 1, j)   # "Sáng 15/3, …": a frame before it
            if w[:1].isalpha() and not w[:1].isupper():
                return None   # a common word before the verb: no name opens the sentence
        if not end or "Np" not in tags[:end] or not raw[0][:1].isupper():
            return None
        s0, e0 = words.spans[k][0], words.spans[k + end - 1][1]
        if any(o.start < e0 and s0 < o.end for o in self.officials):
            return None   # a person opening the lead is who speaks, not what the figures are about
        syl = self.ctx.folded[s0:words.spans[min(len(words.spans), k + end + 1) - 1][1]].split()
        if any(" ".join(syl[:n]) in c["heads"] for n in range(2, min(len(syl), 4) + 1)):
            return None   # "Doanh thu quý I …": a measure the segmenter split at a capital, no name
        return Part(s0, e0, True)

    def _reports_event(self, span) -> bool:
        """The line tells of a meeting or ceremony: its day is the event's, not the figures'."""
        return bool(_cue_regex("event", tuple(sorted(self.c["event_words"]))).search(self.ctx.folded, span[0], span[1]))

    def _frame_place(self) -> Part | None:
        """The province that the title, else the lead, says the article is about: the only
        one named there that is not a meeting's venue."""
        outside = self._title_outside_place()
        if outside is not None:
            return outside
        if self._title_national():
            return None   # "Giá gạo bán lẻ trong nước lên cao kỷ lục": a dealer's province in the lead is no topic
        for span in (self.title_span, self.lead):
            if not span:
                continue
            got = {p.code: p for p in self.places if span[0] <= p.start and p.end <= span[1]
                   and not self._is_venue(p, span) and not self._in_event_name(p)
                   and not (self._in_body_name(p) and not self._speaks_of_province(span)
                            and not self._gives_figures_of(p, span))}
            seats = {p.code for p in self.places if span[0] <= p.start and p.end <= span[1]
                     and self.ctx.folded[max(0, p.start - 2):p.start].rstrip().endswith("(")}
            if len(got) == 1 and not (seats and len(seats | set(got)) > 1):
                # (not "Học viện Quân y (Hà Nội) và huyện Bến Lức (Long An)": two places the
                # lead names in brackets, neither the article's)
                p = next(iter(got.values()))
                return Part(p.start, p.end, True, {"code": p.code, "name": p.name})
            if got or seats:
                return None
        return None

    def _gives_figures_of(self, p, span) -> bool:
        """The province's own body gives the lead's figures ("Qua thống kê của UBND tỉnh Cà
        Mau, số lượng cán bộ … là 1.890 người"): they are the province's."""
        for s, e in self._sentences_in(*span):
            if s <= p.start < e:
                comma = self.ctx.norm.find(",", s, e)
                return (comma < 0 or p.end <= comma) and self._opens_on_data(Words(self.ctx, s, e))
        return False

    def _speaks_of_province(self, span) -> bool:
        return bool(_cue_regex("lead_anaphora", self.c["lead_anaphora"]).search(self.ctx.folded, span[0], span[1]))

    def _in_body_name(self, p, heads: str = "body_heads") -> bool:
        """The province ends a body's name: "Sở GD&ĐT Hà Nội", "UBKT Tỉnh ủy Đắk Nông"."""
        before = self.ctx.folded[max(0, p.start - 48):p.start]
        if before.rstrip().endswith("(") and heads == "body_heads":
            # "Cảng vụ hàng hải Vũng Tàu (tỉnh Bà Rịa - Vũng Tàu) cho biết": a bracket that
            # places a body is its seat, as a province inside its name is
            before = self.ctx.folded[max(0, p.start - 72):p.start].rstrip()[:-1]
        clause = regex.split(r"[,.;:()\n]", before)[-1]
        words = clause.split()
        table, longest = _head_set(self.c[heads])
        for n in range(1, min(len(words), 7) + 1):   # a head that opens one of the last seven words
            start = len(words) - n
            if any(" ".join(words[start:start + m]) in table for m in range(1, min(longest, n) + 1)):
                return True
        return False

    def _in_event_name(self, p, folded: str | None = None) -> bool:
        """The province is part of an event's name ("Giải chạy đêm TP HCM 2024", "Lễ hội
        pháo hoa quốc tế Đà Nẵng"): where the event is held, not what the article's numbers
        are about. ``folded``: the text ``p`` is in, when not the article's (a title)."""
        folded = self.ctx.folded if folded is None else folded
        before = folded[max(0, p.start - 40):p.start].split()[-5:]
        return any(" ".join(before[i:i + n]) in self.c["event_names"]
                   for n in (1, 2, 3) for i in range(len(before)))

    def _title_outside_place(self) -> Part | None:
        """A title given beside the text (a JSONL ``title``) that names one province: the
        part points to where the body first writes that province (a title outside the
        text has no offsets); none where the body never writes it."""
        title = self.ctx.meta.get("title") if self.title_span is None else None
        if not title or not isinstance(title, str):
            return None
        codes = {p.code for p in self._title_beside_provinces
                 if not p.capital and not self._in_event_name(p, fold(title))}
        if len(codes) != 1:
            return None
        code = codes.pop()
        p = next((p for p in self.places if p.code == code), None)
        return Part(p.start, p.end, True, {"code": p.code, "name": p.name}) if p is not None else None

    # --- one sentence --------------------------------------------------------------------
    def sentence(self, s: int, e: int, para: "Paragraph", frame_period, frame_place, frame_subject=None) -> None:
        qs = self._q.starting(s, e)
        words = Words(self.ctx, s, e, cuts=[m.start for m in self._all.starting(s + 1, e)])
        clauses = self.clauses(s, e)
        source = self._source(s, e, words, para)
        topic = self._topic(clauses, words, qs)
        population = self._population(s, qs)
        own_period = sent_subject = None
        now_frame = bool(words.folded) and bool(words.phrase_at(0, self.c["now_words"]))
        # "Bộ Y tế sáng nay công bố 300 ca": a sentence dated by its telling carries no
        # earlier sentence's period, nor the lead's
        told_on = any(self._statement_day(t) for t in self._t.starting(s, e))
        # "… sau một phiên giảm 12/4. Cụ thể, tại kỳ điều chỉnh này, …": goes on about that day
        day_goes_on = para.day is not None and bool(words.folded) and (
            bool(words.phrase_at(0, self.c["day_openers"])) or bool(self.c["day_anaphora"].search(self.ctx.folded, s, e)))
        done: list[tuple[Mention, dict]] = []
        embedded = self._embedded_counts(qs, clauses, words)
        for q in qs:
            ci = next((i for i, (cs, ce) in enumerate(clauses) if cs <= q.start < ce), 0)
            cs, ce = clauses[ci]
            prev_in_clause = [m for m, _ in done if cs <= m.start and m.end <= q.start and m not in embedded]
            lo = prev_in_clause[-1].end if prev_in_clause else cs
            about: dict[str, Part] = {}
            level = self._level_before(q, ci, clauses, done)
            if q in embedded:
                # "tổng số hồ sơ của Công an 63 địa phương đạt 34 triệu hồ sơ": a count inside
                # the owner of a measure counts its own noun, and the owner is the next number's
                measure = self._counted(q, words, words.index_at(q.start))
                if measure is not None:
                    about["measure"] = measure
            else:
                self._measure_subject(q, lo, cs, ci, clauses, words, done, level, about)
            sub = about.get("subject")
            if sub is not None and q.unit and " ".join(self.ctx.folded[sub.start:sub.end].split()) == " ".join(fold(q.unit).split()):
                del about["subject"]   # "hồ sơ trong hạn là 13 hồ sơ": a counted noun is not its own subject
            elif sub is not None and " ".join(self.ctx.folded[sub.start:sub.end].split()) in self.c["report_kinds"]:
                del about["subject"]   # "Dữ liệu từ Hiệp hội … ghi nhận giá gạo … tăng": a report tells, it has no figures
            aged = self._aged(q, s)
            if aged is not None:
                about["subject"] = aged   # "Carlson, 54 tuổi, …": whose age it is
            owner = self._owner_after(q, ce, words)   # "Hai nhà máy của Toyota", "10.000 nhân viên Boeing"
            if owner is not None:
                about["subject"] = owner   # whose the counted things are, over the clause's doer
            if "subject" not in about:
                after = self._at_after(q, ce, words)   # "150 hộ ở quận 12, Gò Vấp được …"
                if after is not None:
                    about["subject"] = after
            if "measure" not in about and q.type == "RANK":
                after = self._measure_after(q, ce, words)
                if after is not None:
                    about["measure"] = after
            period = self._period(q, s, e, cs, ce, words)
            if period is None and level is not None and "period" in level[1]:
                period = level[1]["period"].moved(level[1]["period"].carried)
            if period is not None:
                own_period = own_period or period
                about["period"] = period
            elif q.type == "DURATION":
                pass   # an amount of time is no figure of an earlier sentence's period (§6.3)
            elif self._timeless(q, about, cs):
                pass   # a size ("dài 55 km"), a figure of the same time before ("cùng kỳ … là 41,9 tỷ đồng")
            elif now_frame or told_on or (self._now_in_clause(words, cs, q.start)
                                          and not self._is_today(para, frame_period, day_goes_on)):
                pass   # "Hiện chỉ còn khoảng 2.000 Bib", "Ngày nay, …", "… hiện có giá niêm yết 499,9
                       # triệu đồng": the time is now, not the period before (unless that is today)
            else:
                carried = None
                if day_goes_on:
                    carried = para.day
                elif para.period is not None:
                    carried = para.period
                elif frame_period is not None and not (self._frame_lead_only and self.lead and s >= self.lead[1]) \
                        and not (self.lead and self.lead[0] <= frame_period.start < self.lead[1] and e <= frame_period.start):
                    # (a time the lead sets frames what comes after it, not a sentence of the lead before it)
                    carried = frame_period
                to_come = self._cue_in_clause("future_words", words, cs, q.start) or bool(
                    words.folded and words.phrase_at(0, self.c["future_words"]))   # "Tới đây, …" opening the sentence
                if carried is not None and not (to_come and self._before_publication(carried)):
                    # (not "Samsung sẽ vẫn là nhà cung cấp … với 65,1% …" after "trong năm qua":
                    # a figure to come is of no period already past)
                    about["period"] = carried.moved()
            comp = self._compared(q, cs, ce, s, e, about.get("period"))
            if comp is not None:
                about["compared_to"] = comp
            place = self._place(q, s, cs, about, level)
            if place is None and not self._national(about):
                if self._about_province(about):
                    place = self._province_of_anaphor(q, para, frame_place)
                elif frame_place is not None and not (s <= frame_place.start < e):
                    place = frame_place.moved()
            if place is not None:
                about["place"] = place
                if not place.carried:
                    para.place = place
            local_only = self._local_only(q, about, words, cs)
            if "subject" not in about and population is not None and q.start >= population.end \
                    and not any("subject" in a and not a["subject"].carried and m is not qs[0] for m, a in done):
                # (not once a clause of the sentence named its own: "… thì Lai Châu có 6/8 …")
                about["subject"] = population   # "Trong 14 nhà phân tích Phố Wall, 42% cho rằng …"
            if "subject" not in about and topic is not None:   # "Riêng Hà Nội, 30 xã đã đạt chuẩn"
                about["subject"] = self._nearest_written(topic, q.start)   # "Tại TP.HCM, vàng giao dịch ở …"
            if "subject" not in about and not local_only:
                if sent_subject is not None and sent_subject.own and not (
                        sent_subject.end <= cs and self._opens_predicate(words, cs, q.start)):
                    # what a size is of goes on into the predicates after it only: not "Các tảng
                    # đá nặng hơn 1 tấn …, trên cùng là 2 lớp đá tảng", nor "Dự án trị giá 12 tỷ
                    # đô la bắt đầu … và chỉ 6 năm sau"
                    sent_subject = None
                carried = sent_subject or (None if q.type == "DURATION" else (   # an amount of time takes no
                    self._anaphor_subject(words, s) or para.subject or (   # subject from another sentence,
                        frame_subject if frame_subject and not (s <= frame_subject.start < e) else None)))   # as no period (§6.2)
                if carried is not None:
                    about["subject"] = self._nearest_written(carried, q.start)
                elif frame_subject is not None and s <= frame_subject.start < q.start and "measure" in about \
                        and about["measure"].end != q.end:
                    # the lead's named opener, in its own sentence: "Tập đoàn X vừa công bố … doanh thu thuần tăng …"
                    about["subject"] = Part(frame_subject.start, frame_subject.end)
            elif aged is not None:
                pass   # whose age it is goes on to no other figure
            elif "subject" in about and about["subject"].own and not about["subject"].carried:
                if self._opens_clause(words, about["subject"].start, cs):
                    # "Cao tốc Vĩnh Hảo – Phan Thiết dài hơn 100 km, tổng đầu tư 11.000 tỷ
                    # đồng, đi qua 4 huyện": what opens the sentence goes on in its predicates
                    sent_subject = Part(about["subject"].start, about["subject"].end, local=True, own=True)
            elif "subject" in about and not about["subject"].carried:
                if about["subject"].local and not self._company_anaphor(about["subject"]):
                    sent_subject = about["subject"]
                else:
                    para.subject, sent_subject = about["subject"], None
            if "place" not in about and about.get("subject") is not None and about["subject"].carried \
                    and self._about_province(about):
                place = self._province_of_anaphor(q, para, frame_place)
                if place is not None:
                    about["place"] = place   # "Toàn tỉnh còn 2 bệnh nhân …, 724 bệnh nhân đã xuất viện"
            if source is not None:
                about["source"] = source
            q.about = about
            done.append((q, about))
        # what the next sentences of the paragraph may carry
        if own_period is not None and not own_period.carried and (
                not _is_day(own_period.extra["value"]) or self._as_of(own_period.start)):
            para.period = own_period
        else:
            fp = self._sentence_frame_time(s, e)
            if fp is not None:
                para.period = fp
        if own_period is not None and not own_period.carried and _is_day(own_period.extra["value"]):
            para.day = own_period
        elif not qs:
            days = [t for t in self._t.starting(s, e) if t.type == "DATE" and _is_day(t.value)
                    and not self._not_a_period(t) and self._bracket(t.start, s, e) is None]
            if days:
                para.day = Part(days[-1].start, days[-1].end, extra={"value": days[-1].value})
        elif not day_goes_on:
            para.day = None
        if source is not None:
            para.source = source

    # --- measure and subject -------------------------------------------------------------
    def _level_before(self, q, ci, clauses, done):
        """The level this number is the change of: ", tăng 10%" / "(tăng 10% …)" right after
        the clause that ended with a number."""
        if ci == 0 or not done:
            return None
        cs, _ = clauses[ci]
        words = Words(self.ctx, cs, q.start + 1)
        i = 0
        if not words.folded:
            return None
        starts_change = words.phrase_at(i, self.c["change"]) or self.ctx.norm[cs:q.start].strip() == ""
        if not starts_change:
            return None
        bracket = self.ctx.norm[:cs].rstrip()[-1:] == "("
        if q.change is None and not words.phrase_at(i, self.c["change"]) and not bracket:
            return None   # "(khoảng 40-176 triệu đồng một căn)": the level again in another unit
        ps, pe = clauses[ci - 1]
        last = done[-1]
        gap = self.ctx.norm[last[0].end:cs].strip(" ,(")
        # nothing, or the level's per-unit tail: "60 triệu đồng/m2, tăng 12%", "… mỗi lượng, giảm …"
        own = last[1].get("measure")   # "hơn 37.265 tỷ đồng tổng tài sản, tăng …": the level's measure after it
        if ps <= last[0].start and (gap == "" or self.c["per_unit"].fullmatch(fold(gap))
                                    or own is not None and own.start >= last[0].end and own.end >= cs - 2
                                    and not self.ctx.norm[last[0].end:own.start].strip()):
            return last
        return None

    def _measure_subject(self, q, lo, cs, ci, clauses, words: Words, done, level, about) -> None:
        c = self.c
        i, j = words.index_at(lo), words.index_at(q.start)
        measure = subject = None
        dim = self._dimension_before(q, words, i)
        if dim is not None:   # "một bức tường rộng 2m", "Con đường mới dài 12 km": size and what has it
            about["measure"] = Part(*words.spans[dim])
            subject = self._noun_before(words, dim, i) or self._doer(words, i, j, q)
            if subject is not None:
                about["subject"] = subject
            return
        # a measure head in the stretch before the number, in its clause; not across "trong
        # (vòng)", "sau": "nộp khoản thuế này trong vòng 5 năm" times the paying, not the tax
        k = j if j > i and words.ends_before(j, c["detached_before"]) else i
        cause = None
        for x in range(j - 1, k - 1, -1):
            n = words.phrase_at(x, c["result_words"])
            if n:   # "Lượng xe tăng cao khiến cao tốc … kẹt 10 km": the cause's head measures nothing after it
                k = x + n
                if j - k >= 2 and not words.phrase_at(k, c["determiners"]) and not self._starts_mention(words.spans[k][0]):
                    cause = (i, x)   # the result clause may have its own doer ("Vụ tai nạn khiến 3 người …" has none)
                    i = k
                break
        index_subject = None
        while k < j:
            n = words.phrase_at(k, c["heads"]) or (1 if words.starts_with(k, c["heads"]) else 0)
            named_index = self._market_index(words, k, j) if n else None
            if named_index is not None:
                index_subject, k = named_index   # "Chỉ số VN30-Index tăng 14,22 điểm": whose level, no measure
                continue
            if n and words.starts_with(k, c["not_heads"]):
                n = 0   # "tổng cộng" (in all) begins like the head "tổng"
            if n and not self._opens_phrase(words, k, i) and not self._verb_object_head(words, k, n, i, j) \
                    and not (q.type == "MONEY" and words.phrase_at(k, c["price_heads"]) and self._phrase_end(words, k + n, j) >= j):
                n = 0   # "cơ quan thuế": a head inside another noun phrase (not "ốc nhảy lớn giá 450.000 đồng")
            if n and words.phrase_at(k, c["threshold_heads"]) == n and self._counts_own(q):
                n = 0   # "cán mốc 13 triệu lượt xem": the views are counted, the milestone measures nothing
            if n and not self._inside_mention(words.spans[k][0], words.spans[k][1], ("OFFICIAL", "LEGAL_REF", "DATE", "PERIOD")) \
                    and not (k > 0 and words.folded[k - 1] == "ở"):
                end_k = self._phrase_end(words, k + n, j)
                span = (words.spans[k][0], words.spans[end_k - 1][1])
                head = " ".join(words.folded[k:end_k])
                if not (head in c["bare"] and end_k >= j):
                    if end_k + 1 < j and words.phrase_at(end_k, c["head_after_prep"]) \
                            and words.phrase_at(end_k + 1, c["heads"]) and not self._starts_mention(words.spans[end_k + 1][0]):
                        k = end_k + 1   # "mua cổ phần với giá 20.000 đồng": the head after the preposition
                        continue
                    measure = Part(*span)
                    if words.folded[k] == "việc":
                        # "khẳng định việc … ban hành thông báo không đủ thời hạn 3 tháng": an
                        # action names no quantity when a head runs up to the number
                        later = self._head_at_number(words, end_k, j)
                        if later is not None:
                            measure, k, end_k = later
                        elif q.type in ("COUNT", "RATIO") and q.unit and not words.phrase_at(end_k - 1, c["heads"]):
                            # "vi phạm trong việc ký 32 quyết định", "việc bổ sung 4 nhân vật lịch
                            # sử": an act, whose count's own noun is what is counted
                            measure = None
                            k = end_k
                            continue
                    subject = self._relative_subject(words, end_k, j)
                    if subject is None:
                        subject = self._cua_subject(words, end_k, j)
                    if subject is None:
                        subject = self._at_subject(words, end_k, j)
                    if subject is None:
                        subject = self._cua_later(words, end_k, j)
                    if subject is None and q.type == "MONEY" and words.phrase_at(k, c["price_heads"]):
                        subject = self._price_item(words, words.index_at(cs), k)
                    if subject is None:   # "… thuộc về hạng C với 8%", "Morgan Stanley với mức thiệt hại 911 triệu USD"
                        w = j - 1
                        while w > end_k and words.folded[w] in c["with_count_tail"]:
                            w -= 1
                        if w >= end_k and words.folded[w] == "với":
                            subject = self._np_before_with(words, end_k, w)
                        elif k - 1 > i and words.folded[k - 1] == "với":
                            # not "mua gạo Việt với giá 650 USD": the manner of an act
                            subject = self._np_before_with(words, words.index_at(cs), k - 1, after_copula=True)
                    if subject is None:
                        subject = index_subject or self._doer(words, i, k, q)
                    break
                k = end_k
                continue
            k += 1
        listed = False
        if measure is None:
            part = self._breakdown(words, i, j, done)
            if part is not None:   # "…, trong đó giáo viên mầm non 905 người, …"
                about["subject"], about["measure"] = part
                return
            subject = self._cua_subject(words, i, j) if i < j and words.folded[i] == "của" else None
            if subject is None:
                subject = index_subject
            if subject is None and i == j:
                named = self._named_before_bracket(q, words)
                if named is not None:   # "vượt cả Vietnam Airlines (gần 14.183 tỷ đồng)"
                    subject = named
                    prev = next((a for _, a in reversed(done) if "measure" in a), None)
                    if prev is not None and level is None:
                        measure = prev["measure"].moved()
                    elif prev is None and level is None:
                        # "vốn điều lệ của Bamboo Airways vượt cả Vietnam Airlines (gần 14.183 tỷ
                        # đồng)": the value compared is of the measure the sentence named
                        measure = self._nearest_head(words, words.index_at(named.start))
            if subject is None:
                # a list goes on from a figure that named its own subject ("RON 95 là 18.970 đồng; dầu diesel 14.141 đồng")
                listing = bool(done) and (("subject" in done[-1][1] and not done[-1][1]["subject"].carried)
                                          or self._list_after_measure(done[-1], q, cs))
                subject = self._enumerated(words, i, j, q, listing=listing)
                listed = listing and subject is not None
            if subject is None:
                subject = self._with_count(words, words.index_at(cs), j)
            if subject is None:
                subject = self._cause(words, words.index_at(cs), j)
            permitted = self._permitted(words, i, j)
            if permitted is not None:
                subject = permitted   # "Sở GD&ĐT cho phép mỗi học sinh đăng ký tối đa 3 nguyện vọng"
            if subject is None:
                subject = self._doer(words, i, j, q)
            if level is not None:
                lv = level[1]
                if "measure" in lv:
                    measure = lv["measure"].moved()
                if subject is None and "subject" in lv:
                    subject = lv["subject"].moved()
            elif done and (self._continues(words, i, j, subject) or listed or self._bare_list_item(done[-1][0], q)) \
                    and not self._counts_own(q):
                # "RON 95 là 18.970 đồng/lít; dầu diesel 14.141 đồng/lít": a list item has the first's measure
                prev_q, prev = done[-1]
                if "measure" in prev and not self._counted_noun_of(prev_q, prev["measure"], q):
                    measure = prev["measure"].moved()
            elif done and self._from_to(done[-1][0], q):
                prev_q, prev = done[-1]   # "cổ phần … đã tăng từ 0,7% trước đó lên 1,63%": one measure, two levels
                if "measure" in prev and " ".join(self.ctx.folded[prev["measure"].start:prev["measure"].end].split()) \
                        not in self.c["change_sizes"]:   # "với mức giảm 1,86% xuống 5.810 đồng": the price, not the fall
                    measure = prev["measure"].moved()
                if subject is None and "subject" in prev:
                    subject = prev["subject"].moved()
            if subject is None and done and self._second_predicate(words, i, j):
                prev = done[-1][1]   # "Việt Nam xuất khẩu …, thu về 1,2 tỷ USD"
                if "subject" in prev and not (prev["subject"].own and not self._opens_clause(
                        words, prev["subject"].start, words.spans[0][0])):   # "xây lối đi rộng 6m, trồng 300 cây"
                    subject = prev["subject"].moved()
        if measure is None and ci > 0 and i < len(words.folded) and words.index_at(cs) == i \
                and words.phrase_at(i, c["copulas"]) and words.folded[i] not in c["existential"] \
                and not words.phrase_at(i, c["share_verbs"]):   # (a share's whole is the noun after it)
            # "khối lượng giao dịch thấp, đạt 348,87 triệu cổ phiếu": a clause that opens on
            # its verb has the measure the clause before named (one with no number)
            ps, pe = clauses[ci - 1]
            bare = self.ctx.norm[ps:pe]
            for tm in self._t.starting(ps, pe):   # a time may stand in it: "… so với cùng kỳ 2022, đạt …"
                bare = bare[:tm.start - ps] + " " * (tm.end - tm.start) + bare[tm.end - ps:]
            if not any(ch.isdigit() for ch in bare):
                head = self._nearest_head(words, i)
                if head is not None and head.start >= ps:
                    measure = head
        if measure is None and level is None and ci > 0 and q.change and q.type == "PERCENT" \
                and words.index_at(cs) == i == j and fold(self.ctx.norm[q.start:q.end]).split()[0] in c["change"]:
            # "hơn 156.000 lao động mất việc …, tăng hơn 9,7% so với cùng kỳ", "tổng số thí sinh …
            # là 642.945, giảm 1,46%": a change that is its clause is of what the sentence measured
            prev = done[-1][1] if done else None
            if prev is not None and "measure" in prev and done[-1][0].start >= words.spans[0][0]:
                measure = prev["measure"].moved()
            else:
                head = self._nearest_head(words, i, bare_noun=True)
                if head is not None and head.start >= words.spans[0][0]:
                    measure = head.moved()
        if measure is None:
            measure = self._counted(q, words, i) or self._head_after_money(q, words)
        if subject is None and q.type == "COUNT" and q.unit and i < j and self.ctx.norm[words.spans[j - 1][1]:q.start] == " " \
                and fold(q.unit).split()[0] in c["property_units"] and not _verb_alone(self.ctx.norm[slice(*words.spans[j - 1])]) \
                and self.ctx.norm[words.spans[j - 1][0]].islower() and not words.phrase_at(j - 1, c["heads"]) \
                and not words.phrase_at(j - 1, c["stops"]) and not words.ends_before(j, c["not_subjects"]) \
                and not self._is_time(words.spans[j - 1][0]) and not self._covered.get(words.spans[j - 1][0]) \
                and self._tags(words, j - 1, j, ahead=2)[0] == "N":
            # "chiếc xe 4 chỗ", "sà lan 800 tấn", "khối động cơ 4 xy-lanh": a noun right before
            # a count of what it is built with is what has that many
            subject = self._noun_before(words, j, i)
        if subject is None and ci > 0 and not done and (self._second_predicate(words, words.index_at(cs), j)
                                                        or self._opens_on_measure(words, cs, measure)):
            # "hãng bay của … vừa điều chỉnh đăng ký kinh doanh, tăng vốn điều lệ từ 12.500
            # tỷ đồng …": a clause that opens on a verb goes on about the doer of the first
            subject = self._first_clause_doer(q, clauses, words)
        if subject is None and i < j and words.folded[i] in _DEMONSTRATIVES and self._has_verb(words, i, j):
            prev = self._covered.get(words.spans[i][0] - 1) or self._covered.get(words.spans[i][0] - 2)
            if prev is not None and prev.type == "COUNT" and prev.unit and prev.start >= words.spans[0][0] \
                    and self._opens_clause(words, prev.start, cs):
                subject = Part(prev.start, words.spans[i][1], local=True)   # "Hai loại xăng này đều tăng ở mức 3%"
        if subject is None and cause is not None:
            subject = self._doer(words, cause[0], cause[1], q)   # "HAGL điều chỉnh … dẫn đến lỗ lũy kế … là 4.766 tỷ đồng"
        if q.type == "PERCENT" and measure is not None and measure.carried and self._counts_own(q):
            measure = self._counted(q, words, i) or measure   # "…, chiếm hơn 10% tổng dân số": its own whole
        if subject is None and done and q.type == "COUNT" and q.unit:
            prev_q, prev = done[-1]
            if prev_q.type == "COUNT" and prev_q.unit and prev_q.end <= q.start and "subject" in prev \
                    and not prev["subject"].own and _LIST_GAP.fullmatch(self.ctx.folded, prev_q.end, q.start):
                subject = prev["subject"].moved()   # "Tỉnh Lai Châu có 106 xã, 8 huyện và 1 thành phố"
        restated = self._restated_count(q, cs, words, done)
        if restated is not None:
            subject = restated   # "9,13 triệu người cao tuổi … làm việc, tương đương 13,6% lực lượng lao động"
        if measure is not None and measure.carried and subject is not None and \
                self.ctx.folded[measure.start:measure.end] == self.ctx.folded[subject.start:subject.end]:
            measure = None   # "100% cán bộ, viên chức thực hiện 100% …": who does it measures nothing
        if measure is not None:
            about["measure"] = measure
        if subject is not None:
            about["subject"] = subject

    def _security(self, words: Words, k: int, j: int) -> Part | None:
        """``cổ phiếu <TICKER>`` opening the clause: the stock whose price and moves follow."""
        n = words.phrase_at(k, self.c["security_words"]) if k < j else 0
        if not n or k + n >= j:
            return None
        s0 = words.spans[k + n][0]
        m = self.c["ticker"].match(self.ctx.norm, s0, words.spans[k + n][1])
        if m is None or m.end() != words.spans[k + n][1]:
            return None
        return Part(words.spans[k][0], m.end())

    def _named_head(self, words: Words, k: int) -> int:
        """Words from ``k`` that are a measure's head naming something, not a bare "số",
        "tổng", "việc" (0: none)."""
        n = words.phrase_at(k, self.c["heads"])
        return n if n and words.phrase_at(k, self.c["bare"]) != n else 0

    def _head_at_number(self, words: Words, a: int, j: int):
        """A measure head between words ``a`` and ``j`` whose phrase ends at the number (a
        copula between at most): the phrase, its first word and the word after it."""
        for x in range(a, j):
            n = self._named_head(words, x)
            if not n:
                continue
            end = self._phrase_end(words, x + n, j)
            if all(words.folded[y] in self.c["copulas"] for y in range(end, j)):
                return Part(words.spans[x][0], words.spans[end - 1][1]), x, end
        return None

    def _head_after_money(self, q, words: Words) -> Part | None:
        """A sum followed by what it is: "hơn 37.265 tỷ đồng tổng tài sản", "3,63 triệu
        đồng/tháng chi phí sinh hoạt" — a measure head right after the money."""
        if q.type != "MONEY":
            return None
        end = q.end   # a per-unit tail is inside the mention ("3,63 triệu đồng/tháng"): quantities/per_unit.toml
        k = words.index_at(end)
        if k >= len(words.spans) or self.ctx.norm[end:words.spans[k][0]] != " ":
            return None
        n = self._named_head(words, k)
        if not n or self._starts_mention(words.spans[k][0]):
            return None
        end = self._phrase_end(words, k + n, len(words.spans))
        return Part(words.spans[k][0], words.spans[end - 1][1])

    def _nearest_head(self, words: Words, j: int, bare_noun: bool = False) -> Part | None:
        """The nearest measure head of the sentence before word ``j``, as a carried measure
        ("kết hợp vốn của Trung ương (4.000 tỷ đồng)" → vốn, not the earlier "ngân sách");
        with ``bare_noun``, a bare head before a noun as well ("tổng số thí sinh")."""
        for k in range(j - 1, -1, -1):
            n = self._named_head(words, k)
            if not n and bare_noun and words.phrase_at(k, self.c["heads"]) and k + 1 < j:
                b = words.phrase_at(k, self.c["heads"])
                if k + b < j and self._tags(words, k + b, k + b + 1, ahead=1)[0] == "N":
                    n = b
            if n and (
                    self._opens_phrase(words, k, 0) or k > 0 and self._tags(words, k - 1, k + 1)[0] == "V"):
                end = self._phrase_end(words, k + n, j)
                return Part(words.spans[k][0], words.spans[end - 1][1], True)
        return None

    def _market_index(self, words: Words, k: int, j: int) -> tuple[Part, int] | None:
        """``chỉ số (chính) <index name>`` at word ``k``: the named index and the word after it."""
        n = words.phrase_at(k, self.c["index_heads"])
        if not n or k + n >= j:
            return None
        m = self.c["market_index"].match(self.ctx.norm, words.spans[k + n][0], words.spans[j - 1][1])
        if m is None:
            return None
        return Part(m.start(), m.end()), words.index_at(m.end())

    def _trim_doer(self, words: Words, k: int, end: int) -> tuple[int, int]:
        """A doer's words end at a stop or frame word inside them ("quận Gò Vấp tổng cộng
        có …", "… Nước Lên được TP HCM khởi công"); "X của Y" is Y's ("Mô hình của Tân Tạo")."""
        c = self.c
        for x in range(k + 1, end):
            if (words.phrase_at(x, c["stops"]) or words.phrase_at(x, c["frames"])) and words.folded[x] not in _DEMONSTRATIVES:
                if words.folded[x] == "của" and x + 1 < end:
                    h = max((y + 1 for y in range(k, x) if not any(ch.isalnum() for ch in words.folded[y])), default=k)
                    if words.phrase_at(h, c["actors"]) and not words.phrase_at(h, c["not_subjects"]):
                        continue   # "hãng bay của đại gia Trịnh Văn Quyết": the airline is the doer
                    k = x + 1
                    continue
                return k, x
        return k, end

    def _first_clause_doer(self, q, clauses, words: Words) -> Part | None:
        """The doer of a sentence's first clause that holds no number of its own."""
        fs, fe = clauses[0]
        if any(fs <= m.start < fe for m in self.quantities):
            return None
        i, j = words.index_at(fs), words.index_at(fe)
        k = i
        while k < j:   # a frame clause ("Cụ thể, …") is no doer: the next clause may be
            n = words.phrase_at(k, self.c["frames"])
            if not n:
                break
            k += n
        if k >= j and len(clauses) > 2:
            fs, fe = clauses[1]
            if any(fs <= m.start < fe for m in self.quantities) or fs > q.start:
                return None
            i, j = words.index_at(fs), words.index_at(fe)
        if any(words.phrase_at(x, self.c["subordinate_openers"]) for x in range(max(0, i - 1), min(j, i + 3))):
            return None   # "(Và) khi Fed không có khả năng …, giá vàng …": a condition's doer is not the sentence's
        d = self._doer(words, i, j, q)
        if d is None:
            d = self._name_before_verb(words, i, j)
        if d is not None and any(t.start - d.end <= 1 for t in self._t.starting(d.end, d.end + 2)):
            return None   # "Năm học 2025 - 2026, …": the words of a time are no doer
        return d.moved() if d is not None else None

    def _name_before_verb(self, words: Words, i: int, j: int) -> Part | None:
        """The name that opens a clause, up to its first verb, whatever verb it is ("Giải
        chạy đêm TP HCM khởi tranh ngày 3/3", "Tập đoàn Hòa Phát vừa công bố …"): the doer
        that the sentence's next clauses go on about. Not a person (§6.2), not a frame.
        Unlike ``_named_opener`` (the lead's opener), small-letter words may stand inside the
        name up to its last capital ("Giải chạy đêm"); replacing this by it loses those."""
        c = self.c
        k = i
        while k < j and (words.phrase_at(k, c["frames"]) or words.phrase_at(k, c["determiners"])):
            k += words.phrase_at(k, c["frames"]) or 1
        while k < j and self._is_time(words.spans[k][0]):
            k = words.index_at(self._time_end(words.spans[k][0]))
        if k >= j or words.folded[k] in c["honorifics"] or words.phrase_at(k, c["heads"]) \
                or words.phrase_at(k, c["stops"]) or words.phrase_at(k, c["not_subjects"]):
            return None
        tags = self._tags(words, k, min(j, k + 8), ahead=1)
        raw = [self.ctx.norm[a:b] for a, b in words.spans[k:k + len(tags)]]
        if not raw or not raw[0][:1].isupper() or tags[0][:1] in ("C", "E", "P", "R"):
            return None   # not "Và khi Fed không …": a clause that opens on a joiner names no doer
        # the name runs to its last capitalised word ("Giải chạy đêm TP HCM"); a verb or an
        # auxiliary must follow it
        m = 1 + max(n for n, w in enumerate(raw[:7]) if w[:1].isupper())
        if m >= len(raw) or not raw[m][:1].islower() or not (
                tags[m].startswith("V") or tags[m] == "R" or words.phrase_at(k + m, c["auxiliaries"])):
            return None
        if not any(t in ("Np", "Ny") for t in tags[:m]) and not self._place_in(words.spans[k][0], words.spans[k + m - 1][1]):
            return None
        s0, e0 = words.spans[k][0], words.spans[k + m - 1][1]
        if "," in self.ctx.norm[s0:e0] or self._q.containing(s0, e0) or self._t.starting(s0, words.spans[k + m][1]) \
                or any(o.start < e0 and s0 < o.end for o in self.officials) or self._person_named(words, k, k + m):
            return None
        return Part(s0, e0)

    def _counted_noun_of(self, prev_q, measure: Part, q) -> bool:
        """The earlier measure is that number's own counted noun or unit ("32 độ C"), which
        names no measure for a number of another type ("…, độ ẩm trên 90%")."""
        return prev_q.type != q.type and prev_q.start <= measure.start and measure.end <= prev_q.end

    def _counts_own(self, q) -> bool:
        """A count with a counted noun of its own names its measure ("…, trong đó có hơn
        3,1 triệu ca tử vong" counts deaths, not the earlier clause's measure)."""
        if q.type == "PERCENT":
            # "BOE sẽ thực hiện 5,3% đơn đặt hàng", "chiếm hơn 10% tổng dân số": the noun after
            # a share is what it is a share of
            from ..dimensions.quantities import noun_after
            got = noun_after(self.ctx, q.end)
            if got is None:
                return False
            noun = " ".join(self.ctx.folded[got[0]:got[1]].split())
            # "bằng 133% kế hoạch năm": a base after the share is compared_to, no whole
            return noun.split()[0] not in self.c["stops"] and not self._starts_mention(got[0]) \
                and not any(noun == w or noun.startswith(w + " ") for w in self.c["not_time"] | self.c["same_period"])
        return q.type == "COUNT" and bool(q.unit) and not q.rule.startswith("count.measure") \
            and " ".join(fold(q.unit).split()) not in self.c["unit_not_measure"]

    def _opens_phrase(self, words: Words, k: int, i: int) -> bool:
        """A measure head opens a noun phrase: at the start of the stretch, or after a verb,
        a preposition, a frame word, a time or punctuation — not after another noun."""
        if k <= i:
            return True
        prev = words.folded[k - 1]
        c = self.c
        return (not any(ch.isalnum() for ch in prev) or prev in c["stops"] or prev in c["subject_verbs"]
                or prev in c["frames"] or prev in c["determiners"] or prev in c["according"]
                or prev in c["report_kinds"] or prev in c["reporting"]
                or self._is_time(words.spans[k - 1][0]) or prev in c["head_after"]
                or words.ends_before(k, c["reporting"])   # "Chandler cho rằng giá vàng sẽ về …" ("cho" "rằng" apart)
                # "ngân hàng lãi hợp nhất trước thuế 23.050 tỷ đồng": a head that is also a verb
                # ("lãi", "lỗ", "thu") right after a company's kind opens the figure's phrase
                or ((words.phrase_at(k, c["subject_verbs"]) or words.starts_with(k, c["subject_verbs"])) and prev in c["company_anaphors"]))

    def _verb_object_head(self, words: Words, k: int, n: int, i: int, j: int) -> bool:
        """A head right after a verb, whose phrase runs up to the number (a copula or "lên"
        between at most): "thử thách ngưỡng 1.230 điểm", "mở rộng quy mô nuôi lên hơn 20
        ao"; not "29% dự đoán giá sẽ thấp hơn và khoảng 27%" (the verb's object, no measure)."""
        if k <= i or self.ctx.norm[words.spans[k - 1][0]].isupper():
            return False
        end = self._phrase_end(words, k + n, j)
        if any(words.folded[x] not in self.c["copulas"] and words.folded[x] not in self.c["from_to"]
               for x in range(end, j)) or any(words.folded[x] in self.c["joiners"] for x in range(k, end)):
            return False   # "mất đi mốc hỗ trợ và việc lùi về dưới 2.000 USD": two phrases, not a head's
        return self._tags(words, k - 1, k + 1, ahead=1)[0] == "V"

    def _phrase_end(self, words: Words, k: int, j: int) -> int:
        """Index after the last word of a phrase that starts before ``k``: it runs until a
        stop word, punctuation, a mention, the number, or twelve words."""
        c, norm = self.c, self.ctx.norm
        start = k
        while k < j and k - start < 12:
            at = words.spans[k][0]
            x = bisect_left(self._compound_starts, at) - 1
            if x >= 0 and self._compound_list[x][1] > at and not self._covered.get(at):
                # "số lượng cán bộ, công chức cấp tỉnh": a comma inside a coordinated noun
                e0 = self._compound_list[x][1]
                while k < j and words.spans[k][1] <= e0:
                    k += 1
                continue
            if norm[words.spans[k - 1][1]:words.spans[k][0]].strip():
                break
            if k == start and words.phrase_at(k, c["head_modifiers"]):
                k += words.phrase_at(k, c["head_modifiers"])   # "giá trung bình là …", "giá bán tối đa"
                start = k
                continue
            if words.phrase_at(k, c["stops"]) or words.phrase_at(k, c["subject_verbs"]) and words.folded[k] in ("có", "đạt", "là", "chiếm"):
                break
            if words.phrase_at(k, c["auxiliaries"]):
                break   # "Lượng đá … có thể tạo thành": the phrase ends where its verb begins
            inside = self._covered.get(words.spans[k][0])
            if inside is not None and inside.start not in self._embedded_at:
                break
            if not any(ch.isalnum() for ch in words.folded[k]):
                break
            k += 1
        return k

    def _starts_mention(self, pos: int) -> bool:
        return pos in self._covered

    def _measure_after(self, q, ce: int, words: Words) -> Part | None:
        """A rank's measure written after it: "xếp thứ 13/63 về Chỉ số cải cách hành
        chính", "đứng thứ 2 cả nước về thu hút vốn FDI"."""
        k, j = words.index_at(q.end), words.index_at(ce)
        for n in range(k, min(j, k + 6)):
            if words.folded[n] in self.c["rank_about"]:
                np = self._np(words, n + 1, j)
                if np is not None:
                    return np
                return None
            if self.ctx.norm[words.spans[n - 1][1]:words.spans[n][0]].strip() if n > k else False:
                return None
        return None

    def _np(self, words: Words, k: int, j: int) -> Part | None:
        """A noun phrase from word ``k``: determiners dropped, up to a stop or a verb."""
        c = self.c
        while k < j and words.phrase_at(k, c["determiners"]):
            k += 1
        if k >= j:
            return None
        end = self._phrase_end(words, k + 1, j) if not words.phrase_at(k, c["stops"]) else k
        while end > k + 1 and words.folded[end - 1] not in _DEMONSTRATIVES and (
                words.folded[end - 1] in c["joiners"] or words.folded[end - 1] in c["stops"]):
            end -= 1   # "của Mỹ và ba cuộc họp …": the phrase ends before the conjunction
        if end <= k:
            return None
        # a comma inside a coordinated noun ("bộ, ngành") belongs to the phrase
        for comp in c["compounds"]:
            s0 = words.spans[k][0]
            if self.ctx.folded.startswith(comp, s0):
                e0 = s0 + len(comp)
                while end < j and words.spans[end][1] <= e0:
                    end += 1
                break
        return Part(words.spans[k][0], words.spans[end - 1][1])

    def _cua_subject(self, words: Words, k: int, j: int) -> Part | None:
        """``của <subject>`` at word ``k`` (a time mention between is skipped)."""
        while k < j and (self._is_time(words.spans[k][0]) or words.folded[k] == "("):
            if words.folded[k] == "(":
                close = self.ctx.norm.find(")", words.spans[k][0], words.spans[j - 1][1] if j else k)
                if close < 0:
                    return None
                k = words.index_at(close + 1)
            else:
                k = words.index_at(self._time_end(words.spans[k][0]))
        if k < j and words.folded[k] == "của":
            if k + 1 < j and self._is_time(words.spans[k + 1][0]):
                return None   # "mức lỗ của năm 2019": whose time, not whose value
            return self._np(words, k + 1, j)
        return None

    def _relative_subject(self, words: Words, k: int, j: int) -> Part | None:
        """``<measure> mà <subject> <verb>`` at word ``k``: the doer of the relative clause
        ("giá mỗi cổ phiếu BVH mà Sumitomo Life mua vào lên tới 96.817 đồng")."""
        from ..engine.segment import pos_tags
        c = self.c
        if k + 1 >= j or not words.phrase_at(k, c["relative_markers"]):
            return None
        a = k + 1
        while a < j and words.phrase_at(a, c["determiners"]):
            a += 1
        raw = [self.ctx.norm[s:e] for s, e in words.spans[a:j]]
        tags = pos_tags(raw)
        v = next((x for x, (w, t) in enumerate(zip(raw, tags)) if w[:1].islower()
                  and (t.startswith("V") or any(words.phrase_at(a + x, c[n]) for n in ("auxiliaries", "subject_verbs", "holding_verbs")))), None)
        if not v or v > 10 or tags[0] not in ("N", "Nc", "Np", "Ny") and not words.phrase_at(a, c["honorifics"]):
            return None
        s0, e0 = words.spans[a][0], words.spans[a + v - 1][1]
        # a name ends at its first small-letter syllable: "SMBC để | mua", "ông Jay Y. Lee nắm |
        # giữ" (the segmenter may glue that syllable to the name)
        name_from = 1 if words.phrase_at(a, c["honorifics"]) else 0
        if name_from < v and raw[name_from][:1].isupper():
            small = next((m for m in _SYLLABLE.finditer(self.ctx.norm, words.spans[a + name_from][0], e0)
                          if m.group()[:1].islower()), None)
            if small is not None:
                e0 = len(self.ctx.norm[:small.start()].rstrip())
        if self._q.containing(s0, e0) or "," in self.ctx.norm[s0:e0]:
            return None
        if words.phrase_at(a, c["honorifics"]):
            verb = self.ctx.folded[e0:e0 + 24].lstrip()
            if not any(verb.startswith(h + " ") for h in c["holding_verbs"]):
                return None   # "lợi nhuận mà anh Hải thu được": a person in a story; not "mà ông Lee nắm giữ"
        return Part(s0, e0, local=not self._proper(words, a, a + v))

    def _cua_later(self, words: Words, k: int, j: int) -> Part | None:
        """``<measure> được … của <subject> đạt``: a measure that a passive clause goes on
        (``tỷ lệ hồ sơ được cấp kết quả … của các bộ, ngành đạt 26,93%``)."""
        if k >= j or words.folded[k] not in self.c["passives"]:
            return None
        for n in range(k + 1, min(j, k + 14)):
            w = words.folded[n]
            if w in self.c["copulas"] or self.ctx.norm[words.spans[n - 1][1]:words.spans[n][0]].strip():
                return None
            if w == "của":
                return self._np(words, n + 1, j)
        return None

    def _at_subject(self, words: Words, k: int, j: int) -> Part | None:
        """``<measure> tại <Hà Nội>``: the place or named body the measure is taken at (a time
        between skipped: "Tỷ lệ cổ tức từ năm 2008 đến 2013 tại Eximbank là …")."""
        if k < j and self._is_time(words.spans[k][0]):
            k = words.index_at(self._time_end(words.spans[k][0]))
        if k < j and words.folded[k] in self.c["at"]:
            np = self._np(words, k + 1, j)
            if np and (self._place_in(np.start, np.end)
                       or any(w[:1].isupper() for w in self.ctx.norm[np.start:np.end].split())):   # "sàn HNX"
                return np
        return None

    def _is_today(self, para, frame_period, day_goes_on) -> bool:
        """The period a figure would carry is the publication day ("Mở cửa phiên giao dịch sáng
        nay (23/4), … vàng hiện giao dịch ở …"): "hiện" is that day."""
        got = para.day if day_goes_on else para.period or frame_period
        pub = self.ctx.published
        return got is not None and bool(pub) and str(got.extra.get("value", ""))[:10] == pub[:10]

    def _now_in_clause(self, words: Words, cs: int, qs: int) -> bool:
        """A word of the present ("hiện", "hiện tại", "hiện nay") in the number's clause before it."""
        return self._cue_in_clause("present_words", words, cs, qs)

    def _cue_in_clause(self, table: str, words: Words, cs: int, qs: int) -> bool:
        """A word of ``self.c[table]`` in the number's clause, before it: one scan of the text
        first, then whole words only ("hiện tượng" is no "hiện")."""
        if not _cue_regex(table, tuple(sorted(self.c[table]))).search(self.ctx.folded, cs, qs):
            return False
        a, b = words.index_at(cs), words.index_at(qs)
        return any(words.phrase_at(x, self.c[table]) for x in range(a, b))

    def _is_age(self, q) -> bool:
        return q.type == "COUNT" and bool(q.unit) and " ".join(fold(q.unit).split()) in self.c["age_units"]

    def _aged(self, q, s: int) -> Part | None:
        """Whose age a count of years is, when it stands as an apposition right after them:
        "Carlson, 54 tuổi, …", "anh Lê Khắc Sơn, 24 tuổi", "tài xế Phan Đình Kiều (55 tuổi, …)",
        "…: Bệnh nhân nữ, 25 tuổi, …". Words of address are left out of a name; a stretch that
        is no name nor a capitalised noun phrase opening its clause gives none ("… là nam, 51
        tuổi", "hỏi chủ quán (khoảng 30 - 40 tuổi)")."""
        if not self._is_age(q):
            return None
        norm = self.ctx.norm
        head = norm[s:q.start].rstrip()
        if not head or head[-1] not in ",(":
            return None
        cut = s + len(head) - 1
        stretch_start = max([s] + [norm.rfind(b, s, cut) + len(b) for b in (",", ":", ";", "(", ")", " - ", " – ", "\n", "\"", "“", "”")
                                   if norm.rfind(b, s, cut) >= 0])
        while stretch_start < cut and norm[stretch_start].isspace():
            stretch_start += 1
        for ps, pe in self._people:
            if stretch_start <= ps and pe <= cut and not norm[pe:cut].strip():
                return Part(ps, pe)
        tokens = [m.span() for m in _NONSPACE.finditer(norm, stretch_start, cut)]
        if not tokens:
            return None
        run = len(tokens)
        while run > 0 and norm[tokens[run - 1][0]].isupper():
            run -= 1
        first = run
        while first < len(tokens) and fold(norm[slice(*tokens[first])]) in self.c["address_words"]:
            first += 1
        named = run > 0 and fold(norm[slice(*tokens[run - 1])]) in self.c["address_words"]   # "chị N.T.H."
        if first < len(tokens) and (len(tokens) - first >= 2 or run == 0 or named):
            a, b = tokens[first][0], tokens[-1][1]   # a name: "Lê Khắc Sơn", "Carlson", "Bà Lifschitz" → "Lifschitz"
        elif norm[tokens[0][0]].isupper() and len(tokens) <= 4 and run == len(tokens) \
                and not any(ch.isdigit() for ch in norm[stretch_start:cut]):
            a, b = tokens[0][0], tokens[-1][1]   # a noun phrase opening its clause: "Bệnh nhân nữ"
        else:
            return None
        if self._place_in(a, b) or self._inside_mention(a, b):
            return None
        return Part(a, b)

    def _owner_after(self, q, ce: int, words: Words) -> Part | None:
        """A count's counted noun followed by whose the things are: "Hai nhà máy của Toyota
        Kirloskar Motor" (``của`` and a noun phrase), "10.000 nhân viên Boeing" (a name right
        after it, not a place or a country: "4 người Hải Phòng" tells where they are from).
        It holds for that number only."""
        if q.type != "COUNT" or not q.unit or q.rule.startswith("count.measure"):
            return None
        unit = " ".join(fold(q.unit).split())
        if unit in self.c["measure_units"] or unit in self.c["unit_not_measure"] or unit in self.c["not_owned"] \
                or self.ctx.norm[q.end - len(q.unit):q.end] != q.unit:
            return None
        k, j = words.index_at(q.end), words.index_at(ce)
        if k >= j or self.ctx.norm[q.end:words.spans[k][0]] != " " or self._covered.get(words.spans[k][0]):
            return None
        of = self._after_noun_tail(words, k, j, ("của",), capitals=True)
        if of is not None:   # "Hai nhà máy của Toyota", "3 người tự ứng cử của Hà Nội"
            if of + 1 < j and self._covered.get(words.spans[of + 1][0]):
                return None   # "1.068 người của 320 hộ gia đình": another count, not whose
            np = self._np(words, of + 1, j)
            if np is None or of > k and not self.ctx.norm[np.start].isupper() and "V" in self._tags(words, k, of, ahead=1):
                return None   # "5 người nhận tiền của công ty": whose money, not whose people
            return Part(np.start, np.end, own=True)
        if unit in self.c["not_owned_by_name"]:
            return None   # "4 người Hải Phòng": where they come from
        end = k
        if words.folded[k] in self.c["districts"] and k + 1 < j and self.ctx.norm[words.spans[k + 1][0]].isupper():
            end = k + 1   # "2 lãnh đạo huyện Krông Nô": the district's (a district word, then its name)
            while end < j and self.ctx.norm[words.spans[end][0]].isupper() and not self._covered.get(words.spans[end][0]):
                end += 1
            return Part(words.spans[k][0], words.spans[end - 1][1], own=True)
        while end < j and self.ctx.norm[words.spans[end][0]].isupper() and not self._covered.get(words.spans[end][0]):
            end += 1
        if end == k:
            return None
        s0, e0 = words.spans[k][0], words.spans[end - 1][1]
        if self._place_in(s0, e0) or " ".join(words.folded[k:end]) in _countries() or words.folded[k].split()[0] in self.c["place_nouns"] \
                or not self._proper(words, k, end) or self._inside_mention(s0, e0):
            return None
        last = self.ctx.norm[q.start:q.end].split()[-1]
        if fold(last) in self.c["districts"]:
            s0 = q.end - len(last)   # the count took the district word in: "3 cán bộ huyện | Đam Rông"
        return Part(s0, e0, own=True)

    def _at_after(self, q, ce: int, words: Words) -> Part | None:
        """A count of people or bodies followed by where they are: "6 doanh nghiệp ở Phong
        Khê", "150 hộ ở quận 12" — the place or named body is whose count it is."""
        if q.type not in ("COUNT", "RATIO") or not q.unit:
            return None
        k, j = words.index_at(q.end), words.index_at(ce)
        if k >= j or self.ctx.norm[q.end:words.spans[k][0]] != " ":
            return None
        k = self._after_noun_tail(words, k, j, tuple(self.c["at"] | self.c["located_within"]))
        if k is None:
            return None
        unit = fold(q.unit).split()
        if not any(" ".join(unit[:n]) in self.c["located"] for n in range(len(unit), 0, -1)):
            return None   # "30 km ở phía bắc": a distance, not a population ("6 đảng đối lập tại …" is)
        if k + 1 < j and self._covered.get(words.spans[k + 1][0]):
            return None   # "1.068 người của 320 hộ …": another count, not whose
        if k + 1 < j and words.phrase_at(k + 1, self.c["districts"]):   # "150 hộ ở quận 12"
            return self._np(words, k + 1, j)
        if k + 1 < j and words.phrase_at(k + 1, self.c["area_words"]):
            return None   # "80 doanh nghiệp trên địa bàn TP HCM": where they are, a place only
        if words.folded[k] in self.c["located_within"]:
            if k + 1 >= j or self._is_time(words.spans[k + 1][0]) or self._covered.get(words.spans[k + 1][0]):
                return None   # "3 ca trong ngày": when, not where
            np = self._np(words, k + 1, j)
            if np is None or words.phrase_at(k + 1, self.c["not_subjects"]) or self._q.containing(np.start, np.end):
                return None
            if not any(w[:1].isupper() for w in self.ctx.norm[np.start:np.end].split()) \
                    and (len(self.ctx.norm[np.start:np.end].split()) > 3 or not self._common_np(words, k + 1, words.index_at(np.end - 1) + 1)):
                return None   # "9 người trong một nhà", "5 người trong gia đình": a short common noun
            return np
        return self._at_subject(words, k, j)

    def _after_noun_tail(self, words: Words, k: int, j: int, links: tuple, capitals: bool = False) -> int | None:
        """The index of a linking word (``của``, ``ở`` …) at word ``k`` or after a few words
        that still qualify a count's noun ("20 tên đường mới ở …", "3 người tự ứng cử của …"):
        no punctuation, mention, stop word or verb of the clause's own between."""
        c = self.c
        for x in range(k, min(j, k + c["owner_gap"] + 1)):
            w = words.folded[x]
            if w in links:
                if x > k and not capitals and "V" in self._tags(words, k, x, ahead=1):
                    return None   # "11 người trở về nhà riêng tại thôn A Đăng": where they went
                return x
            if x > k and self.ctx.norm[words.spans[x - 1][1]:words.spans[x][0]] != " ":
                return None
            if not any(ch.isalpha() for ch in w) or self._covered.get(words.spans[x][0]) \
                    or words.phrase_at(x, c["stops"]) or words.phrase_at(x, c["copulas"]) \
                    or words.phrase_at(x, c["auxiliaries"]) or words.phrase_at(x, c["subject_verbs"]) \
                    or w in c["at"] or w in c["located_within"] or w == "của" \
                    or (self.ctx.norm[words.spans[x][0]].isupper() and not capitals):
                return None
        return None

    def _topic(self, clauses, words: Words, qs) -> Part | None:
        """A sentence that opens on who or where it is about, in a clause of its own with no
        number: "Tại TP.HCM, …", "Đối với các cơ sở lưu trú du lịch: …", "Riêng Hà Nội, …"."""
        cs, ce = clauses[0]
        if len(clauses) < 2 or any(cs <= q.start < ce for q in qs):
            return None
        i, j = words.index_at(cs), words.index_at(ce)
        while i < j and words.phrase_at(i, self.c["frames"]) and not words.phrase_at(i, self.c["topic_words"]):
            i += words.phrase_at(i, self.c["frames"])   # "Theo đó, đối với các cơ sở lưu trú: …"
        n = words.phrase_at(i, self.c["topic_words"]) if i < j else 0
        if not n:
            return None
        while i + n < j and words.phrase_at(i + n, self.c["topic_words"]):   # "Còn về phía …"
            n += words.phrase_at(i + n, self.c["topic_words"])
        np = self._np(words, i + n, j)
        rest = self.ctx.norm[np.end:ce].strip() if np is not None else ""
        if rest and any(t.start == np.end + len(self.ctx.norm[np.end:ce]) - len(self.ctx.norm[np.end:ce].lstrip())
                        and t.end >= ce - 1 for t in self._t.starting(np.end, ce)):
            rest = ""   # "Với vụ Đông Xuân 2023-2024, …": the season's years end the clause
        if np is None or words.index_at(np.end) < j - 0 and rest:
            return None   # the phrase must fill the clause: "Tại hội nghị sáng nay" is no topic
        k = words.index_at(np.start)
        raw = self.ctx.norm[np.start:np.end]
        if self._is_time(np.start):
            return None   # "Còn quý IV-2023, …": a time opens the sentence, no topic
        place = self._place_in(np.start, np.end)
        if place is not None and place.start == np.start and place.end == np.end and words.phrase_at(i, self.c["at"]) \
                and not words.phrase_at(k, self.c["admin_words"]):
            # "Tại Hà Nội, giá thuê … đạt 580.000 đồng": where, the statement's place; not "Riêng
            # Hà Nội, …" nor "Tại tỉnh Lai Châu, …" (the province named as a body: its figures)
            return None
        if place is not None or words.phrase_at(k, self.c["actors"]) \
                or any(w[:1].isupper() for w in raw.split()):
            return Part(np.start, np.end)
        if words.phrase_at(i, self.c["topic_about"]) and self._common_np(words, k, words.index_at(np.end)):
            return Part(np.start, np.end)   # "Với lúa mùa, đã thu hoạch …", "Đối với các cơ sở lưu trú: …"
        return None

    def _population(self, s: int, qs) -> Part | None:
        """A sentence that opens on ``Trong (số) <count>``: the counted noun is the population
        the later figures are shares of ("Trong 14 nhà phân tích Phố Wall, 42% cho rằng …",
        "Trong số 7 trường hợp thì có 3 người là đảng viên")."""
        if not qs or qs[0].type != "COUNT" or not qs[0].unit:
            return None
        q0 = qs[0]
        head = " ".join(regex.split(r"[,:]", self.ctx.folded[s:q0.start])[-1].split())   # "Đáng nói, trong số …"
        if head not in self.c["population_frames"]:
            return None
        us = q0.end - len(q0.unit)
        if self.ctx.norm[us:q0.end] != q0.unit:
            return None
        # the name that goes on the counted noun: "nhà phân tích Phố Wall"
        end = _NAME_TAIL.match(self.ctx.norm, q0.end, min(len(self.ctx.norm), q0.end + 60)).end()
        return Part(us, end, True)

    def _breakdown(self, words: Words, i: int, j: int, done) -> tuple[Part, Part] | None:
        """``<total> là 5.139 người, trong đó giáo viên mầm non 905 người, giáo viên tiểu học
        2.431 người``: after a partition word, a noun phrase right before a number (a copula
        between at most) is whose part of the total it is; the total's measure is measured."""
        if not done or i >= j:
            return None
        norm = self.ctx.norm
        here = words.spans[j][0] if j < len(words.spans) else words.spans[-1][1]
        total = cue_end = None
        for m, a in reversed(done):
            cue = self._partition_after(m.end, here)
            if cue is not None:
                total, cue_end = a, cue
                break
        if total is None or "measure" not in total:
            return None
        k = i
        while k < j and words.spans[k][0] < cue_end:
            k += 1   # the partition word in this clause ("trong đó bậc học mầm non 11.124 lớp")
        while k < j and words.phrase_at(k, self.c["partition"]):
            k += words.phrase_at(k, self.c["partition"])
        end = j
        while end > k and words.folded[end - 1] in self.c["part_verbs"]:
            end -= 1
        if end <= k or end - k > 5 or self._q.containing(words.spans[k][0], words.spans[end - 1][1]) \
                or any(words.phrase_at(x, self.c["stops"]) for x in range(k, end)):
            return None
        s0, e0 = words.spans[k][0], words.spans[end - 1][1]
        if any(ch in norm[s0:e0] for ch in ",;()") or words.phrase_at(k, self.c["not_subjects"]):
            return None   # "trong đó, mức độ một phần là 32 thủ tục": a part of the measure, not of the subject
        named = self._place_in(s0, e0) or all(w[:1].isupper() for w in norm[s0:e0].split())
        if not named and not self._common_np(words, k, end):
            if self._tags(words, k, end)[0] not in ("N", "Nc"):
                return None   # a noun opens the part's name ("bậc học mầm non": the tagger calls "học" a verb)
        return Part(s0, e0, local=not named), total["measure"].moved()

    def _with_count(self, words: Words, i: int, j: int) -> Part | None:
        """``<NP> với (tổng cộng) <count>`` opening a clause: "Hai tàu đầu tiên với tổng cộng
        13 ngư dân bị bắt", "Đoàn công tác với 20 thành viên" — what has that many."""
        v = j - 1
        while v > i and words.folded[v] in self.c["with_count_tail"]:
            v -= 1
        if v > i + 1 and words.folded[v] != "với" and words.ends_before(v + 1, self.c["heads"], 3):
            h = next(n for n in (1, 2, 3) if words.phrase_at(v + 1 - n, self.c["heads"], n) == n)
            if words.folded[v - h] == "với":
                v -= h   # "… với diện tích hơn 69 ha": a measure between "với" and the count
        if v <= i or words.folded[v] != "với":
            return None
        k = i
        while k < v and words.phrase_at(k, self.c["frames"]):
            k += words.phrase_at(k, self.c["frames"])
        if k < v and (v - k > 6 or any(ch in self.ctx.norm[words.spans[k][0]:words.spans[v - 1][1]] for ch in ",;:()")):
            return self._np_before_with(words, k, v)   # "mức tăng cao nhất thuộc về hạng C với 8%"
        if k >= v or v - k > 6 or self._is_time(words.spans[k][0]):
            return None
        s0, e0 = words.spans[k][0], words.spans[v - 1][1]
        if any(ch in self.ctx.norm[s0:e0] for ch in ",;:()"):
            return None
        counted = self._q.containing(s0, s0 + 1)   # "Hai tàu đầu tiên": a count opens the phrase
        head = words.index_at(counted[0].end) if counted else k
        if counted:
            if any(words.phrase_at(x, self.c["stops"]) for x in range(head, v)):
                return None
            return Part(s0, e0, local=True)
        named = self._place_in(s0, e0) or all(w[:1].isupper() for w in self.ctx.norm[s0:e0].split())
        if not named:
            tags = self._tags(words, head, v)
            if tags[0] not in ("N", "Nc", "Np") or "V" in tags or any(words.phrase_at(x, self.c["stops"]) for x in range(head, v)):
                return None   # "cùng với 20 thành viên mới": no noun phrase before "với"
        return Part(s0, e0, local=not named)

    def _np_before_with(self, words: Words, k: int, v: int, after_copula: bool = False) -> Part | None:
        """The name right before ``với`` at word ``v``, inside a longer clause: "… thuộc về hạng
        C với 8%", "… cách ly toàn bộ thôn Quan Nhân với 320 hộ", "Morgan Stanley với mức thiệt
        hại 911 triệu USD" — whose the figure is."""
        if words.ends_before(v, self.c["with_not_after"]):
            return None   # "so với", "cùng với", "tương đương với": no owner
        tags = self._tags(words, k, v, ahead=1)
        b = v
        while b > k and b - 1 >= 0 and (tags[b - 1 - k] in ("N", "Nc", "Np", "Ny") or self.ctx.norm[words.spans[b - 1][0]].isupper()
                                       or (words.folded[b - 1].isdigit() and b - 2 >= k and self.ctx.norm[words.spans[b - 2][0]].isupper())
                                       or (words.folded[b - 1] == "và" and b - 2 >= k and self.ctx.norm[words.spans[b - 2][0]].isupper())) \
                and not words.phrase_at(b - 1, self.c["stops"]) and not self._covered.get(words.spans[b - 1][0]) and v - b < 12:
            b -= 1
        if b >= v or words.folded[b] == "và" or self._is_time(words.spans[b][0]) or words.phrase_at(b, self.c["heads"]):
            return None
        if b > k and tags[b - 1 - k] not in ("V", "E", "CH", "L", "P", "R") and self.ctx.norm[words.spans[b - 1][1]:words.spans[b][0]] == " ":
            return None   # the phrase goes on before: no clear start
        s0, e0 = words.spans[b][0], words.spans[v - 1][1]
        if not (self._place_in(s0, e0) or any(w[:1].isupper() for w in self.ctx.norm[s0:e0].split())):
            return None   # "đâm vào dải phân cách với tốc độ 80 km/h": the manner of the act, no owner
        if after_copula and not (b > k and words.phrase_at(b - 1, self.c["copulas"])):
            return None
        return Part(s0, e0, local=True)   # the figure's own, not the next sentences

    def _permitted(self, words: Words, i: int, j: int) -> Part | None:
        """``<body> cho phép (mỗi) <NP> <verb> … <number>``: whom the body lets do it holds the
        number ("cho phép mỗi học sinh đăng ký tối đa 3 nguyện vọng" → học sinh)."""
        for x in range(i, j):
            n = words.phrase_at(x, self.c["permit_verbs"])
            if not n:
                continue
            k = x + n
            while k < j and words.phrase_at(k, self.c["determiners"]):
                k += words.phrase_at(k, self.c["determiners"])
            if k >= j - 1:
                return None
            tags = self._tags(words, k, j)
            end = 0
            while end < len(tags) and tags[end] in ("N", "Nc", "Np", "A") and not words.phrase_at(k + end, self.c["stops"]):
                end += 1
            if end == 0 or end >= len(tags) or tags[0] not in ("N", "Nc", "Np") or tags[end] != "V":
                return None
            return Part(words.spans[k][0], words.spans[k + end - 1][1], local=True)
        return None

    def _cause(self, words: Words, i: int, j: int) -> Part | None:
        """``<event> khiến/làm <count>``: "Vụ tai nạn khiến 3 mẹ con chết", "Vụ cháy làm 2 người
        bị thương" — the event whose toll it is (the noun phrase that opens the clause)."""
        v = j
        while v > i and words.folded[v - 1] in self.c["qualifiers"]:
            v -= 1
        n = next((m for m in (2, 1) if v - m > i and " ".join(words.folded[v - m:v]) in self.c["causatives"]), 0)
        if not n:
            return None
        verb = " ".join(words.folded[v - n:v])
        if verb in self.c["causatives_harm"]:
            # "làm 2 người bị thương" is a toll; "làm 19 cống" is building: a harm word follows
            if not _cue_regex("harm", self.c["harm_words"]).search(" ".join(words.folded[j:j + 6])):
                return None
        k, end = i, v - n
        if any(words.phrase_at(x, self.c["auxiliaries"]) or words.folded[x] in self.c["joiners"] for x in range(k, end)):
            return None   # "Dự án sẽ kè … và làm 19 cống": a clause, not an event's name
        while k < end and words.phrase_at(k, self.c["frames"]):
            k += words.phrase_at(k, self.c["frames"])
        if k >= end or end - k > 8 or self._is_time(words.spans[k][0]):
            return None
        s0, e0 = words.spans[k][0], words.spans[end - 1][1]
        if any(ch in self.ctx.norm[s0:e0] for ch in ",;:()") or self._q.containing(s0, e0):
            return None
        if self._tags(words, k, end)[0] not in ("N", "Nc", "Np"):
            return None   # "gây tai nạn … làm 3 người chết": a verb opens it, no event named
        return Part(s0, e0, local=True)

    def _partition_after(self, a: int, b: int) -> int | None:
        """Where a partition word ("trong đó", "trong số đó") that opens a clause between
        ``a`` and ``b`` ends, with no sentence break between."""
        gap = self.ctx.folded[a:b]
        if regex.search(r"[!?]|\.(?!\d)", gap):
            return None   # a sentence ends between (a thousands dot does not end one)
        for w in self.c["partition"]:
            for m in regex.finditer(r"(?:^|[,;:(]\s*)" + regex.escape(w) + r"(?![\p{L}])", gap):
                return a + m.end()
        return None

    def _price_item(self, words: Words, i: int, k: int) -> Part | None:
        """``<item> (có) giá <money>``: in a price list the item before the price word is whose
        price it is ("loại nhỏ giá 480.000 đồng", "xăng E5 RON 92 có giá 23.500 đồng"); not
        when a verb stands between ("tiểu thương bán sầu riêng với giá …" is a sale)."""
        c = self.c
        end = k
        while end > i and words.phrase_at(end - 1, c["price_links"]):
            end -= 1
        start = i
        while start < end and (words.phrase_at(start, c["frames"]) or words.phrase_at(start, c["determiners"])):
            start += words.phrase_at(start, c["frames"]) or words.phrase_at(start, c["determiners"])
        items = [x for x in range(start, end) if words.phrase_at(x, c["item_words"])]
        if items and any(words.phrase_at(x, c["stops"]) or words.phrase_at(x, c["subject_verbs"])
                         for x in range(start, items[-1])):
            start = items[-1]   # "trong bảng giá … ốc hương loại nhỏ giá …": the item opens on its kind word
        if end <= start or end - start > 10:
            return None
        s0, e0 = words.spans[start][0], words.spans[end - 1][1]
        if self._q.containing(s0, s0 + 1) and not items:
            return None
        for x in range(start + 1, end):
            gap = self.ctx.norm[words.spans[x - 1][1]:words.spans[x][0]]
            if gap.strip() and not self._q.containing(words.spans[x - 1][0], words.spans[x][1]):
                return None   # a comma or a bracket between the item's words, outside a count in it
        for x in range(start, end):
            a, b = words.spans[x]
            if self._q.containing(a, b):
                continue   # "loại từ 80 - 90 con/kg": a count inside the item's name
            if words.phrase_at(x, c["subject_verbs"]) or words.phrase_at(x, c["auxiliaries"]) \
                    or words.phrase_at(x, c["stops"]) or self._is_time(a):
                return None
        if words.phrase_at(start, c["not_subjects"]) and not words.phrase_at(start, c["item_words"]):
            return None
        if not items and not self._common_np(words, start, end) and not self._proper(words, start, end):
            return None
        return Part(s0, e0, local=True)

    def _enumerated(self, words: Words, i: int, j: int, q, listing: bool = False) -> Part | None:
        """``Hà Nội 12%``: a named subject right before the number, with no verb between;
        in a list after a first figure, a common noun as well ("…; dầu diesel 14.141 đồng/lít");
        a name after the copula that opens a list ("5 mã giảm là VNM giảm 1,4%; MSN …")."""
        for x in range(j - 2, i - 1, -1):
            n = words.phrase_at(x, self.c["list_openers"])
            if n and x + n < j:
                s0, e0 = words.spans[x + n][0], words.spans[j - 1][1]
                if j - x - n <= 3 and all(w[:1].isupper() for w in self.ctx.norm[s0:e0].split()) \
                        and not self._inside_mention(s0, e0, ("OFFICIAL", "LEGAL_REF", "DATE", "PERIOD")):
                    return Part(s0, e0)
                break
        if j - i < 1 or j - i > 5:
            return None
        k = i
        while k < j and words.phrase_at(k, self.c["frames"]):
            k += words.phrase_at(k, self.c["frames"])
        each = False
        while k < j and (words.phrase_at(k, self.c["determiners"]) or words.folded[k] in self.c["whole"]):
            each = each or words.folded[k] in self.c["distributives"]
            k += 1   # "Cả 3 công dân": a determiner of the count, capitalised at the sentence start
        if k >= j:
            return None
        # "Hà Nội 12%", "Hà Nội là 12%", "tại Đà Nẵng đạt 9%"
        if words.folded[k] in self.c["at"]:
            k += 1
        elif words.phrase_at(k, self.c["stops"]):
            return None   # "Trong 8 chỉ số …": a preposition, capitalised at the sentence start
        end = j
        while end > k and words.folded[end - 1] in self.c["copulas"]:
            end -= 1
        if any(words.phrase_at(x, self.c["subject_verbs"]) or words.phrase_at(x, self.c["stops"])
               for x in range(k + 1, end)):
            return None   # "tỉnh Lai Châu xếp hạng thứ 13/63": a clause, the doer's verb is in it
        if end <= k:
            return None
        if words.folded[end - 1] in self.c["joiners"] or words.folded[end - 1] in self.c["stops"] \
                or words.folded[end - 1] == "cùng" or words.phrase_at(k, self.c["origin_words"]):
            return None   # "quê Thanh Hóa cùng ba người bạn": a companion, not whose number it is
        s0, e0 = words.spans[k][0], words.spans[end - 1][1]
        if words.phrase_at(k, self.c["not_subjects"]) == end - k and not self._place_in(s0, e0):
            return None   # "Cứ 2-3 ngày …": a common word capitalised at the sentence start
        place = self._place_in(s0, e0)
        if place is not None and place.end < e0 and self._has_verb(words, k, end):
            # "TP. Hà Nội rà soát có khoảng 1.579 nhà": the place, not the clause it opens
            return Part(s0, place.end) if place.start == s0 else None
        if place is not None or all(w[:1].isupper() for w in self.ctx.norm[s0:e0].split()) \
                or words.phrase_at(k, self.c["levels"]) == end - k:   # "cấp huyện 15 thủ tục"
            return Part(s0, e0)
        if each and end == j and end - k <= 3 and self._common_np(words, k, end):
            return Part(s0, e0, local=True)   # "Mỗi ao 1.000 m2": what each of has that much
        if listing and end == j and end - k <= 3 and self.ctx.norm[max(0, s0 - 8):s0].rstrip()[-1:] in ",;" \
                and (self._common_np(words, k, end) or words.phrase_at(k, self.c["item_words"])
                     or self._noun_first(words, k, end)):   # "…, loại lớn 1,2 triệu đồng", "…, cát xây tô 280.000 đồng/m3"
            return Part(s0, e0, local=True)
        return None

    def _list_after_measure(self, prev, q, cs: int) -> bool:
        """The clause of ``q`` opens right after a figure of the same type that named its own
        measure ("giá cát lấp … từ 180.000 đồng đến 200.000 đồng/m3, cát xây tô 280.000
        đồng/m3"): an item of that figure's list."""
        prev_q, about = prev
        m = about.get("measure")
        # prices and rates only, after a comma: "…; thu nhận trên 64,3 triệu hồ sơ" is a clause
        return prev_q.type == q.type and q.type in ("MONEY", "PERCENT") and m is not None and not m.carried \
            and prev_q.end <= cs and self.ctx.folded[prev_q.end:cs].strip() == ","

    def _noun_first(self, words: Words, k: int, end: int) -> bool:
        """Words ``k..end`` open on a noun by their part of speech ("cát xây tô": the tagger
        reads the kind as a verb, the noun before it names the item)."""
        from ..engine.segment import pos_tags
        raw = [self.ctx.norm[a:b] for a, b in words.spans[k:end + 1]]
        return pos_tags(raw)[0] == "N" and all(any(ch.isalpha() for ch in w) for w in raw[:end - k]) \
            and not words.phrase_at(k, self.c["not_subjects"])

    def _doer(self, words: Words, i: int, j: int, q, speech: bool = True) -> Part | None:
        """``<subject> <verb> … <value>``: the phrase that opens the clause, when it names a
        doer (a place, a named body, an actor noun) and a subject verb follows it."""
        got = self._doer_of_clause(words, i, j, q, speech)
        if got is not None and i < j and "," in self.ctx.norm[got.end:words.spans[j - 1][1]] and any(
                words.phrase_at(x, self.c["subordinate_openers"]) for x in range(i, min(j, i + 3))
                if words.spans[x][0] < got.start):
            return None   # "Và khi Fed không giảm lãi suất …, giá vàng sẽ …": the condition's doer
        if got is not None:
            raw = self.ctx.norm[got.start:got.end]
            cut = len(raw.rstrip(" :;,-–"))
            if 0 < cut < len(raw):   # "Hà Nội: Thu ngân sách …": the name, not its colon
                got = Part(got.start, got.start + cut, got.carried, got.extra, local=got.local, own=got.own)
        return got

    def _doer_of_clause(self, words: Words, i: int, j: int, q, speech: bool = True) -> Part | None:
        c = self.c
        k = i
        # "Ông Quân cho biết thêm công ty cần 300 công nhân": the clause reported opens after
        # the verb of speech
        for x in range(j - 1, i - 1, -1) if speech else ():   # (the verb may open the stretch: "… (50 tuổi) cho hay có 3 người")
            n = words.phrase_at(x, c["speech"])
            if n and not words.ends_before(x, c["speech_as_noun"]):
                k = x + n
                while k < j and words.folded[k] in c["speech_tail"]:
                    k += 1
                got = self._doer(words, k, j, q, speech=False)
                if got is None and ((k < j and words.phrase_at(k, c["verb_objects"])) or (
                        k < len(words.folded) and words.phrase_at(k, c["heads"]) and words.phrase_at(x, c["report_own"]))):
                    # (or "SMFG đã công bố lợi nhuận 163,8 tỷ yên": who reports its own figure)
                    # "gia đình Samsung đã tiết lộ về kế hoạch nộp …": no clause is reported,
                    # the one who tells of its own plan is the doer
                    got = self._doer(words, i, x + n, q, speech=False)
                return got
        while k < j:
            n = words.phrase_at(k, c["frames"])
            if not n:
                break
            k += n
        while k < j and self._is_time(words.spans[k][0]):
            k = words.index_at(self._time_end(words.spans[k][0]))
        while k < j and words.phrase_at(k, c["determiners"]):
            k += 1
        security = self._security(words, k, j)
        if security is not None:
            return security
        if k >= j or words.phrase_at(k, c["stops"]) or words.phrase_at(k, c["heads"]):
            return None
        before = self._covered.get(words.spans[k - 1][1] - 1) if k > 0 else None
        if before is not None and before.end == words.spans[k - 1][1] and before in self.quantities \
                and not self.ctx.norm[before.end:words.spans[k][0]].strip() and not (
                    before.type == "PERCENT" and ";" not in self.ctx.norm[before.end:q.start]
                    and not any(words.phrase_at(x, c["joiners"]) or words.phrase_at(x, c["copulas"]) for x in range(k, j))):
            return None   # "5,5 triệu mét khối nước biển đã được bơm": what the count before measures (but "100% cán bộ … thực hiện 100% …": a share of people, who do the next)
        # the doer ends at the first auxiliary or subject verb
        v, end = k + 1, None
        if words.folded[k] in c["agent_nouns"] and k + 2 < j and (
                words.phrase_at(k + 2, c["auxiliaries"]) or words.phrase_at(k + 2, c["subject_verbs"])):
            v = k + 2   # "Bên vay có thể được giảm …", "Người mua phải trả …": the verb is part of the doer
        while v < j and not words.phrase_at(v, c["subject_verbs"]):
            if end is None and self._is_time(words.spans[v][0]):
                end = v   # "Honda ngày 29/4 cũng ra thông báo …": a time after the doer ends it
                v = words.index_at(self._time_end(words.spans[v][0]))
                continue
            if words.phrase_at(v, c["auxiliaries"]):
                end = v if end is None else end
            elif end is not None:
                break
            elif words.phrase_at(v, c["heads"]):
                return None
            v += 1
        if v >= j and end is None:
            said = [w for w in words.folded[k:j] if w != "này"]
            if said and " ".join(said) in c["company_anaphors"] and j - k <= 2:
                # "ngân hàng lãi hợp nhất trước thuế 23.050 tỷ đồng": the company's kind, right
                # before the figure's head, is whose the figure is
                return Part(words.spans[k][0], words.spans[j - 1][1], local=True)
            if q.change and j - k <= 6 and fold(self.ctx.norm[q.start:q.end]).split()[0] in c["change"]:
                # "dầu diesel giảm 100 đồng/lít": the change word opens the number, the
                # phrase before it is what changed
                s0, e0 = words.spans[k][0], words.spans[j - 1][1]
                raw = self.ctx.norm[s0:e0]
                if "," not in raw and not self._q.containing(s0, s0 + 1) and words.folded[j - 1] not in c["stops"]:
                    if self._place_in(s0, e0) or (raw[:1].isupper() and self._proper(words, k, j)):
                        return Part(s0, e0)
                    if self._common_np(words, k, j):
                        return Part(s0, e0, local=True)
            return self._named_doer(words, k, j)
        if end is not None and (v >= j or not words.phrase_at(v, c["subject_verbs"])):
            # "Dự án sẽ kè … và làm 19 cống": an auxiliary marks where the clause's subject
            # ends, whatever verb follows it
            k, end = self._trim_doer(words, k, end)
            if end <= k:
                return None
            if self._person_named(words, k, end):
                return None   # "tài xế Kiều đã chở …": a person in a story (§6.2)
            if self._doer_np(words, k, end):
                return Part(words.spans[k][0], words.spans[end - 1][1], local=True)
            if end - k <= 8 and words.phrase_at(k, c["actors"]) and not words.phrase_at(k, c["not_subjects"]) \
                    and "," not in self.ctx.norm[words.spans[k][0]:words.spans[end - 1][1]] \
                    and not self._q.containing(words.spans[k][0], words.spans[end - 1][1]):
                # "Thí sinh dự thi vào trường công lập sẽ thi 4 môn": an actor noun and what
                # qualifies it, up to the auxiliary
                return Part(words.spans[k][0], words.spans[end - 1][1], local=True)
            s0, e0 = words.spans[k][0], words.spans[end - 1][1]
            raw = self.ctx.norm[s0:e0]
            if end - k <= 6 and (self._place_in(s0, e0) or (raw[:1].isupper() and self._proper(words, k, end))) \
                    and not self._q.containing(s0, s0 + 1) and "," not in raw and not self._has_verb(words, k, end):
                return Part(s0, e0)   # "… của đại gia Trịnh Văn Quyết vừa tiếp tục …"
            return None
        if v >= j or v - k > 10:
            return None
        end = v if end is None else end
        k, end = self._trim_doer(words, k, end)
        if end <= k:
            return None
        s0, e0 = words.spans[k][0], words.spans[end - 1][1]
        if self.ctx.norm[s0:e0].count(",") and not any(self.ctx.folded.startswith(comp, s0) for comp in c["compounds"]):
            return None
        first = words.folded[k]
        raw = self.ctx.norm[s0:e0]
        if end - k > 1 and raw[:1].isupper():
            tags = self._tags(words, k, end, ahead=2)
            m = next((x for x in range(1, end - k) if tags[x] == "V" and words.folded[k + x][:1].isalpha()
                      and self.ctx.norm[words.spans[k + x][0]].islower()), None)
            if m is not None and (self._place_in(s0, words.spans[k + m - 1][1]) or (
                    all(self.ctx.norm[words.spans[x][0]].isupper() and tags[x - k] in ("Np", "Ny") for x in range(k, k + m))
                    and not (self._covered.get(s0 - 1) or self._covered.get(s0 - 2)))):   # not "10.000 nhân viên Boeing …"
                # "TP. Hà Nội rà soát có khoảng 1.579 nhà …", "EIB dừng ở mức 27.400 đồng": the
                # place or the name, before its first verb
                end = k + m
                e0 = words.spans[end - 1][1]
                raw = self.ctx.norm[s0:e0]
        named = (self._place_in(s0, e0) or words.phrase_at(k, c["actors"]) or self._names_route(s0, e0)
                 or (raw[:1].isupper() and not self.ctx.is_sentence_start(s0))
                 or (raw[:1].isupper() and self._proper(words, k, end))
                 or (first in c["honorifics"] and end - k >= 2 and self.ctx.norm[words.spans[k + 1][0]].isupper()))
        if self._person_named(words, k, end):
            return None
        if named or self._doer_np(words, k, end):
            if self._q.containing(s0, s0 + 1):
                return None
            if first in c["heads"]:
                return None
            if named and words.folded[k] in c["honorifics"] and not words.phrase_at(v, c["holding_verbs"]):
                return None   # "Ông Đông còn ký 4 quyết định …": a person in a story (§6.2)
            if named and raw[:1].isupper() and not words.phrase_at(k, c["actors"]) and not self._place_in(s0, e0) \
                    and end - k > 1 and self._has_verb(words, k, end):
                return None   # "Luật pháp Hàn Quốc cho phép nộp …": a clause before the verb, no name
            return Part(s0, e0, local=not named)
        return None

    def _has_verb(self, words: Words, k: int, end: int) -> bool:
        """A small-letter word tagged a verb among words ``k..end`` ("Cổ phiếu HAG đóng cửa
        phiên 20/4 …": a clause, not a name)."""
        raw = [self.ctx.norm[a:b] for a, b in words.spans[k:end]]
        return any(t == "V" and not w[:1].isupper() for t, w in zip(self._tags(words, k, end, ahead=2), raw))

    def _named_before_bracket(self, q, words: Words) -> Part | None:
        """A number alone in brackets right after a name: "Vietnam Airlines (gần 14.183 tỷ
        đồng)", "Hà Nội (12%)" — that name's value. The name: capitalised words (or a place)
        right before the bracket."""
        norm = self.ctx.norm
        b = norm.rfind("(", 0, q.start)
        if b < 0 or norm[b + 1:q.start].strip() or not norm[q.end:q.end + 12].lstrip().startswith(")")                 and not regex.match(r"\s*(?:mỗi|một|/)\s*\S+\s*\)", norm[q.end:q.end + 20]):
            return None
        k = words.index_at(b)
        end = k
        while k > 0 and k > end - 8:
            w = norm[slice(*words.spans[k - 1])]
            if not w[:1].isupper() or not any(ch.isalpha() for ch in w):
                break
            k -= 1
        if k == end:
            return None
        s0, e0 = words.spans[k][0], words.spans[end - 1][1]
        if self.ctx.is_sentence_start(s0) and k == end - 1 and not self._place_in(s0, e0):
            return None
        if any(o.start < e0 and s0 < o.end for o in self.officials):
            return None
        return Part(s0, e0, local=True, own=True)

    def _dimension_before(self, q, words: Words, i: int) -> int | None:
        """The index of a dimension word right before a COUNT ("rộng 2m", "dài gần 32 km")."""
        if q.type not in ("COUNT", "MONEY"):
            return None   # "khối tài sản trị giá 21 tỷ USD" as "con đường dài 12 km"
        k = words.index_at(q.start) - 1
        while k >= i and (words.folded[k] in self.c["qualifiers"] or words.folded[k] == "tới"):
            k -= 1
        return k if k >= i and words.folded[k] in self.c["dimensions"] else None

    def _noun_before(self, words: Words, k: int, i: int) -> Part | None:
        """The noun phrase right before word ``k`` (a dimension word): "lối đi bộ rộng 6m",
        "hai con đê dài 1,2km" — what is that long or wide. Up to four words back, nouns only."""
        from ..engine.segment import pos_tags
        prev = self._covered.get(words.spans[k - 1][0]) if k > 0 else None
        if prev is not None and prev.type == "COUNT" and prev.unit and prev.end == words.spans[k - 1][1] \
                and self.ctx.norm[prev.end - len(prev.unit):prev.end] == prev.unit:
            # "Hai con đê dài 1,2 km": the size is of what the count before it counts
            return Part(prev.end - len(prev.unit), prev.end, local=True, own=True)
        lo = max(i, k - 5)
        if lo >= k:
            return None
        raw = [self.ctx.norm[a:b] for a, b in words.spans[lo:k]]
        tags = pos_tags(raw + [self.ctx.norm[a:b] for a, b in words.spans[k:k + 2]])[:len(raw)]
        n = len(raw)
        while n > 0:
            if n > 1 and n < len(raw) and raw[n - 1] in ("-", "–") and raw[n - 2][:1].isupper() and raw[n][:1].isupper():
                n -= 1   # a route between two names: "Cao tốc Vĩnh Hảo – Phan Thiết dài hơn 100 km"
                continue
            if not (tags[n - 1] in ("N", "Nc", "Np", "A") and any(ch.isalpha() for ch in raw[n - 1])
                    and not words.phrase_at(lo + n - 1, self.c["stops"]) and not self._starts_mention(words.spans[lo + n - 1][0])):
                break
            n -= 1
        while n < len(raw) and tags[n] == "A":
            n += 1   # a phrase opens on a noun
        if n >= len(raw) or tags[n] not in ("N", "Nc", "Np"):
            return None
        if words.phrase_at(lo + n, self.c["not_subjects"]) == len(raw) - n:
            return None   # "nối đuôi nhau dài hơn 3 km": a pronoun names nothing that long
        return Part(words.spans[lo + n][0], words.spans[k - 1][1], local=True, own=True)

    def _person_named(self, words: Words, k: int, end: int) -> bool:
        """A noun that names a person and a given name after it: "tài xế Kiều", "cháu Lò Văn Tú"."""
        n = words.phrase_at(k, self.c["person_before_name"])
        return bool(n) and k + n < end and self.ctx.norm[words.spans[k + n][0]:words.spans[k + n][0] + 1].isupper()

    def _doer_np(self, words: Words, k: int, end: int) -> bool:
        """Words ``k..end`` are a common noun phrase short enough to be a clause's doer: six
        words, or ten when a name stands inside it ("Dự án cao tốc Bắc - Nam phía đông"; not
        a person, "anh Hải mạnh dạn mở rộng …", §6.2)."""
        n = end - k
        names = any(self.ctx.norm[a:a + 1].isupper() for a, _ in words.spans[k + 1:end])
        fits = n <= 6 or (n <= 10 and names and words.folded[k] not in self.c["honorifics"])
        return fits and self._common_np(words, k, end)

    def _common_np(self, words: Words, k: int, end: int) -> bool:
        """Words ``k..end`` are a noun phrase by their parts of speech, a noun first ("Dự
        án", "Kim loại quý này", "Khách thuê", "Toàn tuyến"): the subject of its clause."""
        from ..engine.segment import pos_tags
        raw = [self.ctx.norm[a:b] for a, b in words.spans[k:end]]
        tags = pos_tags(raw + [self.ctx.norm[a:b] for a, b in words.spans[end:end + 2]])[:len(raw)]
        if words.phrase_at(k, self.c["not_subjects"]):
            return False
        if tags[0] == "Nc" and (len(tags) == 1 or tags[1] not in ("N", "Np")):
            return False   # "Cuộc họp kéo dài …": a classifier before a verb names nothing
        if len(tags) in (2, 3) and tags[:2] == ["N", "V"] and words.folded[k] in self.c["agent_nouns"]:
            tags[1] = "N"   # "Khách thuê", "Người mua nhà": a person noun and a verb are one agent noun
        first = tags[0] in ("N", "Nc", "Np") or (words.folded[k] in self.c["whole"] and len(raw) > 1) \
            or (tags[0] == "Ny" and raw[0].isupper() and raw[0].isalpha() and len(raw) > 1)   # "UBND quận", "HĐND tỉnh"
        # a grade's number after its code belongs to the noun: "xăng RON 92", "dầu DO 0,05S"
        code = [x > 0 and w[:1].isdigit() and raw[x - 1].split()[-1].isupper() and raw[x - 1].split()[-1].isalpha()
                for x, w in enumerate(raw)]   # the segmenter may glue the code to a grade: "E5 RON | 92"
        # "một" inside a fixed name is no count: "bộ phận một cửa", "Công ty TNHH một thành viên"
        one = [t == "M" and fold(w) == "một" and x + 1 < len(raw) for x, (t, w) in enumerate(zip(tags, raw))]
        # a name inside the phrase, whatever the tagger makes of its words: "Gói thầu Nhà ga
        # hành khách T3", "Thủy điện Đak Mi 4" (its number too), "cao tốc Bắc - Nam"
        name = [x > 0 and (w[:1].isupper() or (w.isdigit() and raw[x - 1][:1].isupper() and tags[x - 1] in ("Np", "Ny"))
                           or (w in ("-", "–") and 0 < x < len(raw) - 1 and raw[x - 1][:1].isupper() and raw[x + 1][:1].isupper()))
                for x, w in enumerate(raw)]
        return first and all(t in ("N", "Nc", "Np", "A", "P", "L", "Ny", "Nb") or cd or o or nm
                             for t, cd, o, nm in zip(tags[1:], code[1:], one[1:], name[1:])) \
            and all(any(ch.isalpha() for ch in w) or cd or nm for w, cd, nm in zip(raw, code, name))

    def _named_doer(self, words: Words, k: int, j: int) -> Part | None:
        """A name (capitalised words, one tagged a proper noun) right before a verb that the
        number follows closely, when the verb is none of the listed subject verbs ("Vietjet
        Air khai thác 120 đường bay"); the part-of-speech tagger decides what is a verb."""
        from ..engine.segment import pos_tags
        if j - k < 2 or j - k > 12:
            return None
        raw = [self.ctx.norm[a:b] for a, b in words.spans[k:j]]
        tags = pos_tags(raw + [self.ctx.norm[a:b] for a, b in words.spans[j:j + 1]])[:len(raw)]
        m = next((n for n, (w, t) in enumerate(zip(raw, tags)) if t.startswith("V") and w[:1].islower()), None)
        if m is None:   # "cơ sở này bày bán 2 lô …": the tagger read a compound verb as a noun
            m = next((n for n, w in enumerate(raw) if n and w[:1].islower() and _verb_alone(w)), None)
        if m is None:   # "Toàn tuyến dài gần 32 km": a dimension's adjective as the predicate
            m = next((n for n, (w, t) in enumerate(zip(raw, tags))
                      if t == "A" and words.folded[k + n] in self.c["dimensions"]), None)
        if not m or len(raw) - m > 4 or m > 6:
            return None
        if not all(w[:1].isupper() or w in ("(", ")") for w in raw[:m]) \
                or not any(t in ("Np", "Ny") and w[:1].isalpha() for w, t in zip(raw[:m], tags[:m])):
            if self._common_np(words, k, k + m) and not words.phrase_at(k + m, self.c["not_doer_verbs"]) \
                    and not self._person_named(words, k, k + m):
                # "Kim loại quý này duy trì trên 1.930 USD"; not "đại biểu đề xuất tăng 15%"
                return Part(words.spans[k][0], words.spans[k + m - 1][1], local=True)
            return None
        s0, e0 = words.spans[k][0], words.spans[k + m - 1][1]
        if any(o.start < e0 and s0 < o.end for o in self.officials) or self.ctx.norm[s0:e0].count(","):
            return None
        if words.folded[k] in self.c["honorifics"]:
            return None   # "Ông Quý thấy bốn nạn nhân …": a person in a story (§6.2)
        return Part(s0, e0)

    def _local_only(self, q, about, words: Words | None = None, cs: int | None = None) -> bool:
        """A count of the doers themselves ("15 bộ, ngành đã hoàn thành", "63/63 địa
        phương đã triển khai") takes no subject from elsewhere: the counted noun is who it is
        about. A count of them as an object ("Riêng quận 12, … với 179 hộ") is not."""
        if not (q.type in ("COUNT", "RATIO") and bool(q.unit) and " ".join(fold(q.unit).split()) in self.c["actors"]):
            return False
        if words is None or cs is None:
            return True
        k, j = words.index_at(cs), words.index_at(q.start)
        c = self.c
        if k < j and words.phrase_at(k, c["partition"]):
            return False   # "…, trong đó có 1 người …": a part of what the clause before counts
        while k < j:
            if self._is_time(words.spans[k][0]):
                k = max(k + 1, words.index_at(self._time_end(words.spans[k][0])))
                continue
            # "đã có 21/22 bộ, ngành … công bố": an existential "có" still opens on the count
            n = (words.phrase_at(k, c["frames"]) or words.phrase_at(k, c["determiners"])
                 or words.phrase_at(k, c["auxiliaries"]) or words.phrase_at(k, c["existential"]))
            if not n:
                break
            k += n
        return k >= j

    def _embedded_counts(self, qs, clauses, words: Words) -> set:
        """Counts written inside the owner of a measure, after ``của`` and at most three
        capitalised words, with a number of that measure after them in the clause: "tổng số
        hồ sơ của Công an 63 địa phương đạt khoảng 34 triệu hồ sơ", "Tỷ lệ … của 63 địa
        phương đạt 90%"."""
        out = set()
        for x, q in enumerate(qs):
            if q.type not in ("COUNT", "RATIO") or not q.unit or x + 1 >= len(qs):
                continue
            cs, ce = next(((a, b) for a, b in clauses if a <= q.start < b), (None, None))
            if cs is None or not (qs[x + 1].start < ce):
                continue
            before = self.ctx.norm[cs:q.start].split()[-4:]
            at = max((n for n, w in enumerate(before) if fold(w) == "của"), default=None)
            # right after "của", or after a name that opens on a capital ("của Công an …")
            if at is not None and (at == len(before) - 1 or before[at + 1][:1].isupper()) \
                    and not any(ch in " ".join(before[at:]) for ch in ",;()"):
                out.add(q)
                self._embedded_at.add(q.start)
                continue
            # a body's name that opens the clause, its count after it: "Công an 63 địa
            # phương đã làm sạch dữ liệu 85.157.192/98.713.820 nhân khẩu"
            k = words.index_at(q.start)
            b = k
            while b > 0 and k - b < 3 and words.spans[b - 1][0] >= cs and self.ctx.norm[words.spans[b - 1][0]].isupper():
                b -= 1
            head = " ".join(self.ctx.folded[words.spans[b][0]:q.start].split()) if b < k else ""
            if head and any(head == h or head.startswith(h + " ") for h in self.c["body_heads"]) \
                    and self._opens_clause(words, words.spans[b][0], cs):
                out.add(q)
                self._embedded_at.add(q.start)
        return out

    def _opens_clause(self, words: Words, pos: int, cs: int) -> bool:
        """Nothing but frame words, determiners and times stand between the clause start and ``pos``."""
        k, j = words.index_at(cs), words.index_at(pos)
        while k < j:
            if self._is_time(words.spans[k][0]):
                k = max(k + 1, words.index_at(self._time_end(words.spans[k][0])))
                continue
            n = words.phrase_at(k, self.c["frames"]) or words.phrase_at(k, self.c["determiners"])
            if not n and not any(ch.isalnum() for ch in words.folded[k]):
                n = 1
            if not n:
                return False
            k += n
        return True

    def _opens_predicate(self, words: Words, cs: int, pos: int) -> bool:
        """The clause from ``cs`` opens on what is said of a subject, not on a noun phrase of
        its own: a verb or adjective ("đi qua 4 huyện"), a size word or a measure's head
        ("tổng đầu tư 11.000 tỷ đồng")."""
        k, j = words.index_at(cs), words.index_at(pos)
        while k < j:
            n = (words.phrase_at(k, self.c["frames"]) or words.phrase_at(k, self.c["auxiliaries"])
                 or words.phrase_at(k, self.c["joiners"]))
            if not n:
                break
            k += n
        if k >= j:
            return True   # a list goes on: "… đã chữa khỏi 2.516 trường hợp, 35 ca tử vong"
        if words.folded[k] in self.c["dimensions"] or words.phrase_at(k, self.c["heads"]):
            return True
        return self._tags(words, k, k + 1, ahead=1)[0] in ("V", "A")

    def _restated_count(self, q, cs: int, words: Words, done) -> Part | None:
        """A share that restates the count before it, in a clause of its own that opens on a
        verb of equivalence ("12,59 triệu người trên 80 tuổi, chiếm hơn 10% tổng dân số",
        "… 9,13 triệu người cao tuổi …, tương đương 13,6% lực lượng lao động"): the counted
        people are whose share it is."""
        if q.type != "PERCENT" or not done or cs <= words.spans[0][0]:
            return None
        k = words.index_at(cs)
        if not words.phrase_at(k, self.c["restating_verbs"]) or words.index_at(q.start) - k > 3:
            return None
        x = len(done) - 1
        while x > 0 and self._is_age(done[x][0]):
            x -= 1   # "12,59 triệu người trên 80 tuổi": the people, not their age
        prev = done[x][0]
        if prev.type != "COUNT" or not prev.unit or prev.end > cs \
                or " ".join(fold(prev.unit).split()[:1]) not in self.c["agent_nouns"] | self.c["people_nouns"]:
            return None
        unit = fold(prev.unit)
        at = self.ctx.folded.rfind(unit, prev.start, prev.end)
        return Part(at, at + len(unit)).moved() if at >= 0 else None

    def _opens_on_measure(self, words: Words, cs: int, measure: Part | None) -> bool:
        """The clause opens on the measure it names, with no owner of its own ("Giải chạy …
        khởi tranh ngày 3/3, quy mô dự kiến 11.000 VĐV"): it goes on about the sentence's doer."""
        if measure is None or measure.carried or self.ctx.norm[:cs].rstrip()[-1:] == "(":
            return False   # not "(vốn đầu tư 2,58 tỷ USD)": a bracket is of what it follows
        k = words.index_at(cs)
        while k < len(words.folded) and words.phrase_at(k, self.c["frames"] | self.c["joiners"]):
            k += 1
        return k < len(words.spans) and words.spans[k][0] == measure.start

    def _second_predicate(self, words: Words, i: int, j: int) -> bool:
        """The clause opens with a subject verb: it goes on about the doer before it."""
        k = i
        while k < j and words.phrase_at(k, self.c["auxiliaries"] | self.c["joiners"]):
            k += 1
        return k < j and bool(words.phrase_at(k, self.c["subject_verbs"])) and words.folded[k] not in self.c["copulas"]

    def _proper(self, words: Words, k: int, end: int) -> bool:
        """The capitalised words that open a sentence name someone (a proper noun by its
        part of speech: "Vietcombank", "Bộ Y tế"), not a sentence-initial common word."""
        from ..engine.segment import pos_tags
        raw = [self.ctx.norm[s:e] for s, e in words.spans[k:end]]
        if len(raw) > 1 and all(w[:1].isupper() for w in raw):
            return True
        # tagged with the words that follow: alone, "Vietcombank" is read as a numeral
        window = raw + [self.ctx.norm[s:e] for s, e in words.spans[end:end + 2]]
        return "Np" in pos_tags(window)[:min(2, len(raw))]

    def _from_to(self, prev_q, q) -> bool:
        """``từ <a> (trước đó) lên/xuống/còn <b>``: the second level of one measure; so is the
        level after a change, ``tăng <a> lên <b>`` ("Chi phí bán hàng tăng gần 15% lên hơn 354
        tỷ đồng")."""
        gap = " ".join(self.ctx.folded[prev_q.end:q.start].split())
        if not gap.split() or gap.split()[-1] not in self.c["from_to"] or len(gap.split()) > 4 \
                or any(ch in gap for ch in ",;.()"):
            return False
        if prev_q.change is not None and fold(self.ctx.norm[prev_q.start:prev_q.end]).split()[0] in self.c["change"]:
            return True
        lead = self.ctx.folded[max(0, prev_q.start - 12):prev_q.start].split()[-2:]
        if lead and lead[-1] in ("tới", "đến") and len(lead) == 2 and lead[0] in self.c["change"]:
            return True   # "tăng tới gần 140% lên 1.851 tỷ đồng"
        before = " ".join(self.ctx.folded[max(0, prev_q.start - 5):prev_q.start].split())
        return prev_q.type == q.type and before.endswith("từ")

    def _bare_list_item(self, prev, q) -> bool:
        """``q`` follows the number before it with only a comma or "và" between, of the same
        type: an item of one list ("Tỷ lệ cổ tức … là 82,55%, 12%, 13,5% và 4%", "giá niêm yết
        tương ứng 499,9 triệu đồng và 559,9 triệu đồng")."""
        return prev.type == q.type and q.type in ("MONEY", "PERCENT") and prev.end <= q.start \
            and bool(_LIST_GAP.fullmatch(self.ctx.folded, prev.end, q.start)) \
            and not any(self.ctx.folded[q.end:q.end + 14].lstrip().startswith(w + " ") for w in self.c["own_measure_after"])   # "và âm 0,5% đối với lãi suất tiền gửi": its own

    def _continues(self, words: Words, i: int, j: int, subject) -> bool:
        """The clause goes on about the number before it and names no measure of its own."""
        if i >= j:
            return False
        if words.phrase_at(i, self.c["continue"]):
            return True
        return subject is not None and not subject.local and j - i <= 6

    def _counted(self, q, words: Words, i: int) -> Part | None:
        """The counted noun as the measure of a COUNT or RATIO (or of a PERCENT of people);
        after a unit of measure, the noun it measures."""
        ctx = self.ctx
        unit = " ".join(fold(q.unit).split()) if q.unit else ""
        if q.type in ("COUNT", "RATIO") and q.unit and not q.rule.startswith("count.measure") \
                and unit not in self.c["unit_not_measure"] and unit not in self.c["measure_units"]:
            # a unit of measure is no measure (§6.1): "8-10m2" measures nothing named
            us = q.end - len(q.unit)
            if ctx.norm[us:q.end] == q.unit:
                return Part(us, q.end)
        dim = self._dimension_before(q, words, i)
        if dim is not None:   # "dài 12 km nối …": the dimension before the number, not a word after it
            return Part(*words.spans[dim])
        if q.type in ("PERCENT", "COUNT"):
            from ..dimensions.quantities import noun_after
            got = noun_after(ctx, q.end)
            if got is not None:
                w = " ".join(fold(ctx.norm[got[0]:got[1]]).split())
                if w.split()[0] not in self.c["stops"] and w not in self.c["stops"] \
                        and not self._starts_mention(got[0]):
                    return Part(*got)
        return None

    # --- time ----------------------------------------------------------------------------
    def _is_time(self, pos: int) -> bool:
        return pos in self._time_at

    def _time_end(self, pos: int) -> int:
        return self._time_at[pos].end

    def _not_a_period(self, t: Mention) -> bool:
        """A time that is a comparison's base or a document's date (answered once per time:
        every number of its sentence asks)."""
        got = self._not_period.get(t.start)
        if got is None:
            got = self._not_period[t.start] = self._not_a_period_uncached(t)
        return got

    def _not_a_period_uncached(self, t: Mention) -> bool:
        ctx = self.ctx
        before = ctx.folded[max(0, t.start - 40):t.start]
        clause_start = max(before.rfind(ch) for ch in ",;(.!?\n")
        tail = before[clause_start + 1:]
        # the base of a comparison, up to a conjunction that opens the next clause: not "so với
        # các vụ trước nhưng diện tích năm nay tăng thêm 30.000 ha"
        if _base_tail_regex(tuple(sorted(self.c["base_ends"]))).search(tail):
            return True
        for lr in self._l.starting(t.start - self._l.longest - 12, t.start + 1):
            if lr.start <= t.start < lr.end:
                return True
            if 0 <= t.start - lr.end <= 12:
                v = lr.value if isinstance(lr.value, dict) else {}
                if v.get("number") is None and fold(str(v.get("kind") or "")) in self.c["edition_kinds"]:
                    continue   # "Chương trình … năm 2021": the programme's edition, its figures' time
                return True
        words = tail.split()
        if words and words[-1] == "ngày":
            words = words[:-1]
        first = ctx.folded[t.start:t.end].split()[:1]
        with_first = words + (first if first == ["ngày"] else [])   # the mention "ngày 1/1/2008" opens on "ngày"
        if any(" ".join(ws[-len(w.split()):]) == w for w in self.c["not_after"] for ws in (words, with_first)) \
                and not any(" ".join(words[-len(w.split()):]) == w for w in self.c["not_after_except"]):
            return True   # "ký ngày 12/3", "sau ngày 1/1/2008": a signing date, a condition's threshold
        if self._event_date_rx.search(tail):
            return True   # "khởi công hồi tháng 2 năm ngoái với tổng vốn 8.200 tỷ đồng": the start's date
        if self._statement_day(t):
            return True
        return False

    def _statement_day(self, t) -> bool:
        got = self._told.get(t.start)
        if got is None:
            got = self._told[t.start] = self._statement_day_uncached(t)
        return got

    def _statement_day_uncached(self, t) -> bool:
        """"Ngày 28/4, ông A - Chủ tịch UBND xã B cho biết, …": a day that opens a sentence
        told by a speaker is the day the statement was made, not the period of its figures
        (§6.3)."""
        if not _is_day(t.value):
            return False
        ctx = self.ctx
        s, e = ctx.sentence_span(t.start)
        # "<speaker> ngày 6/1 nói", "Bộ Y tế hôm 12/3 thông báo": the day between a doer and
        # its verb of speech
        m = self._speech_rx.match(ctx.folded, t.end + len(ctx.folded[t.end:t.end + 4]) - len(ctx.folded[t.end:t.end + 4].lstrip(" ,")))
        if m is not None:
            return True
        head = ctx.folded[s:t.start].split()
        if len(head) > 3 or any(ch.isdigit() for w in head for ch in w):
            return False   # the day opens the sentence ("Ngày", "Sáng", "Trước đó, hôm" before it)
        return bool(self._speech_rx.search(ctx.folded, t.end, min(e, t.end + 200)))

    def _day_of_event(self, t, q) -> bool:
        """The day a statement was made is the period of what happened that day and is told
        in the same sentence: "Chiều tối 30/4, thông tin từ Sở Y tế Hà Tĩnh, … đã ghi nhận có 3
        trường hợp dương tính" (GUIDELINES §6.3: "Ngày 12/3, cả nước ghi nhận 3.000 ca")."""
        if not self._statement_day(t) or t.end > q.start:
            return False
        folded = self.ctx.folded
        return bool(_cue_regex("day_events", self.c["day_events"]).search(folded, t.end, q.start)) \
            and not _cue_regex("not_day_events", self.c["not_day_events"]).search(folded, t.end, q.start)

    def _timeless(self, q, about, cs: int) -> bool:
        """A figure that takes no period from elsewhere: a size or distance (what a road or a
        plot is, not what it was then), or one told of the same time a year before ("(cùng
        kỳ vẫn có lãi 116,6 tỷ đồng)"), whose period is the base, which no mention names."""
        m = about.get("measure")
        if m is not None and not m.carried and " ".join(self.ctx.folded[m.start:m.end].split()) in self.c["dimensions"]:
            return True
        if q.type == "COUNT" and q.unit and q.unit.split() and fold(q.unit.split()[0]) in self.c["timeless_units"]:
            return True   # "Carlson, 54 tuổi": an age is told of now
        return self._of_same_period(cs, q.start)

    def _of_same_period(self, cs: int, qs: int) -> bool:
        """The number's clause, before it, says the figure is of the same time before ("cùng kỳ
        vẫn có lãi …"), not as a comparison's base ("so với cùng kỳ")."""
        return bool(_cue_regex("same_period", tuple(sorted(self.c["same_period"]))).search(self.ctx.folded, cs, qs)) \
            and not _SO_VOI.search(self.ctx.folded, cs, qs)

    def _before_publication(self, part: Part) -> bool:
        """The period ``part`` resolves to ends before the publication date, at its own grain
        ("2020" in an article of 2021-04-29); False when either is unknown or not comparable."""
        pub = self.ctx.published
        v = part.extra.get("value")
        v = v.get("end") if isinstance(v, dict) else v
        if not pub or not isinstance(v, str) or "W" in v or "Q" in v or not v[:4].isdigit():
            return False
        return v < pub[:len(v)]

    def _base_time(self, q, cs: int, ce: int) -> Part | None:
        """A figure inside a comparison's base ("so với mức xấp xỉ 11% của năm 2019", "so với
        mức lỗ của năm 2019 là 2.005 tỷ đồng"): the base's own time is its period."""
        m = None
        for m in _SO_VOI.finditer(self.ctx.folded, cs, q.start):
            pass
        if m is None or q.change is not None:
            return None   # (a change after a base is a new comparison: "… so với tháng trước và tăng 3.000 đồng")
        inside = [t for t in self._t.starting(m.end(), ce)
                  if t.end <= q.start or regex.fullmatch(r"\s*của\s*", self.ctx.folded[q.end:t.start])]
        if not inside:
            return None
        t = min(inside, key=lambda t: abs(t.start - q.start))
        return Part(t.start, t.end, False, {"value": t.value})

    def _period(self, q, s, e, cs, ce, words) -> Part | None:
        base = self._base_time(q, cs, ce)
        if base is not None:
            return base
        qb = self._bracket(q.start, s, e)
        cands = [t for t in self._t.starting(s, e) if (not self._not_a_period(t) or self._day_of_event(t, q))
                 and not (q.start <= t.start < q.end) and not self._told_in_brackets(t, s, e, qb)]
        purpose = [t for t in cands if self._for_purpose(t)]
        if purpose and len(purpose) < len(cands):
            cands = [t for t in cands if t not in purpose]   # "… năm 2021 để đáp ứng … cho năm học 2025-2026"
        same = [t for t in cands if cs <= t.start < ce]
        before = [t for t in same if t.end <= q.start]
        upto = [t for t in same if t.start >= q.end and self._words_before(t.start, self.c["up_to"])]
        if upto and before and not self._as_of(before[-1].start):
            t = upto[0]   # "lên sóng từ tối 1/7 nhưng đã cán mốc 13 triệu lượt xem đến trưa nay 2/7"
        elif before:
            t = before[-1]
        elif same:
            t = same[0]
        else:
            earlier = [t for t in cands if t.end <= q.start]
            if self._now_in_clause(words, cs, q.start):
                return None   # "…, trong đó gạo xát trắng đang được bán với giá 15.500 đồng": of now, not of the clause before
            if self._of_same_period(cs, q.start):
                return None   # "năm vừa rồi, HAGL … lỗ … (cùng kỳ vẫn có lãi 116,6 tỷ đồng)": the year before
            if q.type == "DURATION":
                # "Sau 7 năm liền …, thì từ năm ngoái …": a stretch of time is dated in its
                # clause, or by a time that opens the sentence ("Tuần vừa qua, …", "Tính đến 1/5, …")
                earlier = [t for t in earlier if self._opens_sentence(t, s)]
            if not earlier:
                return None
            t = earlier[-1]
        return Part(t.start, t.end, False, {"value": t.value})

    def _opens_sentence(self, t: Mention, s: int) -> bool:
        """The time stands in the sentence's first clause and ends it: "Tuần vừa qua, …"."""
        head = self.ctx.norm[s:t.start]
        return len(head.split()) <= 3 and not regex.search(r"[,;:]", head) \
            and self.ctx.norm[t.end:t.end + 2].lstrip()[:1] in (",", ":")

    def _for_purpose(self, t: Mention) -> bool:
        return self._words_before(t.start, self.c["purpose_before"])

    def _words_before(self, pos: int, table: frozenset) -> bool:
        before = " ".join(self.ctx.folded[max(0, pos - 16):pos].split())
        return any(before == w or before.endswith(" " + w) for w in table)

    def _bracket(self, pos: int, s: int, e: int) -> tuple[int, int] | None:
        """The brackets around ``pos`` within the sentence, if any: a time inside "(người vừa
        qua đời năm ngoái)" dates what the brackets tell, not the numbers outside them."""
        norm = self.ctx.norm
        o = norm.rfind("(", s, pos)
        if o < 0 or norm.rfind(")", o, pos) >= 0:
            return None
        c = norm.find(")", pos, e)
        return (o, c if c >= 0 else e)

    def _told_in_brackets(self, t: Mention, s: int, e: int, qb) -> bool:
        """A time inside brackets that tell something else ("(người vừa qua đời năm ngoái)"),
        away from the number: the brackets' own event. A time bracketed alone ("1061 tin được
        tiếp nhận (từ 10/3 đến 19/4)") dates what it follows."""
        tb = self._bracket(t.start, s, e)
        if tb is None or tb == qb:
            return False
        head = self.ctx.folded[tb[0] + 1:t.start]
        if any(head.lstrip().startswith(w + " ") for w in self.c["dating_brackets"]):
            return False   # "(ngày cấp đăng ký thay đổi là 26/4/2021)": the brackets date what they follow
        rest = (head + " " + self.ctx.folded[t.end:tb[1]]).split()
        return len(rest) >= 2

    def _sentence_frame_time(self, s, e) -> Part | None:
        """A time that opens a sentence without numbers ("Năm 2022, …") frames what follows."""
        for t in self._t.starting(s, e):
            if not self.ctx.norm[s:t.start].strip(" ,") and not _is_day(t.value):
                return Part(t.start, t.end, False, {"value": t.value})
        return None

    def _as_of(self, pos: int) -> bool:
        before = " ".join(self.ctx.folded[max(0, pos - 20):pos].split())
        return any(before.endswith(w) for w in self.c["as_of"])

    # --- comparison ----------------------------------------------------------------------
    def _compared(self, q, cs, ce, s, e, period: Part | None) -> Part | None:
        ctx = self.ctx
        folded = ctx.folded
        # the comparison after the number, in its clause, with no other number between
        m = _SO_VOI.search(folded, q.end, ce)
        if m is None:
            # "tăng 1.000 đồng (5%) so với tháng trước": a bracket right after the number, or
            # the number's own bracket closing, then the base
            b = _BRACKET_THEN.match(folded, q.end)
            if b is not None:
                m = _SO_VOI.match(folded, b.end())
                if m is not None:
                    ce = e
        if m is None and q.type == "PERCENT":
            m = self._direct_base(q, ce)   # "bằng 133% kế hoạch năm": a share of the base
        if m is None:
            # "So với cùng kỳ, doanh thu tăng 10%": a base that opens the sentence
            m0 = _SO_VOI.match(folded, s)
            if m0 is None or q.change is None:
                return None
            first_change = next((x for x in self._q.starting(s, e) if x.change), None)
            if first_change is not q:
                return None
            m = m0
        else:
            between = [x for x in self._q.starting(q.end, m.start()) if not self._bracketed_after(q, x)]
            if between:
                return None
        bs = m.end()
        # a decimal comma or a thousands dot inside a number is no stop: "so với mức 0,06% trước đó"
        stop = regex.compile(r"(?<!\d)[,.]|[,.](?!\d)|[;()\n]|\s(?:và|nhưng|trong khi|khi)\s").search(ctx.norm, bs, e)
        be = stop.start() if stop else e
        while be > bs and not ctx.norm[be - 1].isalnum():
            be -= 1
        if be <= bs:
            return None
        text = " ".join(folded[bs:be].split())
        value = self._base_value(text, bs, be, period)
        return Part(bs, be, False, {"value": value})

    def _bracketed_after(self, q, x) -> bool:
        """``x`` stands alone in a bracket right after ``q`` ("tăng 1.000 đồng (5%)")."""
        return bool(regex.fullmatch(r"\s*\(\s*", self.ctx.norm[q.end:x.start])) \
            and self.ctx.norm[x.end:x.end + 1] == ")"

    def _direct_base(self, q, ce):
        """A percentage written right before its base, with no "so với": "bằng 133% kế
        hoạch năm", "đạt 105% dự toán", "bằng 95% cùng kỳ". A match whose end is the base's start."""
        c = self.c
        rest = self.ctx.folded[q.end:ce]
        lead = len(rest) - len(rest.lstrip(" "))
        if not lead:
            return None
        tail = " ".join(rest.split()).rstrip(".;:!?…")
        before = self.ctx.folded[max(0, q.start - 24):q.start].split()[-2:]
        if not any(" ".join(before[x:]) in c["direct_base_verbs"] for x in range(len(before))) \
                and self.ctx.folded[q.start:q.end].split()[0] not in c["direct_base_verbs"]:
            return None   # "Không quá 25% chỉ tiêu mỗi chuyên ngành": a share of the quota, no comparison
        if any(tail.startswith(w + " ") or tail == w for w in c["not_time"] | c["same_period"]):
            return regex.compile(r"\s+").match(self.ctx.folded, q.end)
        return None

    def _base_value(self, text: str, bs: int, be: int, period: Part | None):
        c = self.c
        t = next(iter(self._t.starting(bs, be)), None)
        pv = period.extra["value"] if period is not None else None
        same = any(text.startswith(w) for w in c["same_period"])
        if same:
            if t is not None and pv is not None:
                year, own = value_year(t.value), value_year(pv)
                # the statement's period moved to the base's year; a period without a year
                # ("XXXX-10") cannot be moved, so the base's own time is the value
                return shift_value(pv, "Y", year - own) if year and own else t.value
            if t is not None:
                return t.value
            return shift_value(pv, "Y", -1) if pv is not None else None
        for words, (unit, n) in c["relative"].items():
            if text.startswith(words):
                if pv is None and t is not None:
                    return t.value   # "so với tháng trước" with no period: the base as resolved against the publication date
                base = pv if pv is not None else self.ctx.published and self.ctx.published[:10]
                got = shift_value(base, unit, n) if base else None
                # a period that cannot be moved by that unit (days by a month): the base as resolved
                return got if got is not None or t is None else t.value
        if any(text.startswith(w) for w in c["not_time"]):
            return None
        if t is not None:
            return t.value
        return None

    # --- place ---------------------------------------------------------------------------
    def _place_in(self, s: int, e: int):
        return next((p for p in self._p.starting(s, e) if p.end <= e), None)

    def _is_venue(self, p, span) -> bool:
        ctx = self.ctx
        before = " ".join(ctx.folded[max(span[0], p.start - 30):p.start].split())
        words = before.split()
        # right after "tại", or a few words after it: "tại hội trường tỉnh X", "tại điểm
        # cẩu tỉnh X" (a typo of "điểm cầu" still names where the meeting sits)
        near = [" ".join(words[i:]) for i in range(max(0, len(words) - 4), len(words))]
        if not any(before.endswith(w) for w in self.c["venue_before"]) and \
                not any(n.split()[0] in self.c["venue_before"] for n in near if n):
            return False
        return bool(_cue_regex("venue", tuple(sorted(self.c["venue_words"]))).search(ctx.folded, span[0], span[1]))

    def _place(self, q, s, cs, about, level) -> Part | None:
        for part in ("subject", "measure"):
            p = about.get(part)
            if p is not None and not p.carried:
                got = self._place_in(p.start, p.end)
                if got and not self._in_event_name(got) and not self._in_body_name(got, "company_heads"):
                    # (not "Công ty Vàng bạc đá quý Sài Gòn giảm 300.000 đồng": a company's name)
                    return Part(got.start, got.end, False, {"code": got.code, "name": got.name})
        sent = self.ctx.sentence_span(q.start)
        for got in self._p.starting(cs, q.start):
            if got.end <= q.start and not self._is_venue(got, sent) \
                    and not self._in_title_before_name(got) and not self._in_event_name(got) \
                    and not self._in_body_name(got) \
                    and not self._describes_person(got, sent):   # "Sở GD&ĐT Hà Nội cho phép mỗi học sinh …": the body's seat
                return Part(got.start, got.end, False, {"code": got.code, "name": got.name})
        for got in self._p.starting(s, cs):   # a place that opens the sentence: "Tại Hà Nội, …"
            if got.end <= cs and not self._is_venue(got, sent) \
                    and not self.ctx.norm[s:got.start].strip(" ,").split(" ", 1)[-1].strip() \
                    .lower().replace("tại", "").strip():
                return Part(got.start, got.end, False, {"code": got.code, "name": got.name})
        located = self._located_earlier(q, s, cs, sent)
        if located is not None:
            return located
        after = self._place_after(q) or self._located_later(q, sent)
        if after is not None:
            return after
        if level is not None and "place" in level[1]:
            return level[1]["place"].moved()
        return None

    def _located_earlier(self, q, s: int, cs: int, sent) -> Part | None:
        """The one province of the sentence, written before the number's clause as where its
        teller or shop is ("anh Thành - đại lý gạo ở quận Tân Bình (TP HCM) - cho biết gạo …
        có giá 21.000 đồng", "cửa hàng SJC … (quận 1, TP HCM) …"): the figures told are of there."""
        found = [p for p in self._p.starting(s, cs) if p.end <= cs]
        if len(found) != 1 or any(p.code != found[0].code for p in self._p.starting(cs, sent[1])):
            return None
        got = found[0]
        before = self.ctx.folded[max(s, got.start - 45):got.start]
        if not _located_regex(tuple(sorted(self.c["located_at"])), tuple(sorted(self.c["districts"]))).search(before) \
                and not _address_regex(tuple(sorted(self.c["districts"] | self.c["address_tails"]))).search(before):
            return None   # (or the last link of an address: "(đoạn qua huyện Phong Điền, Thừa Thiên - Huế)")
        if self._is_venue(got, sent) or self._in_body_name(got) or self._in_title_before_name(got) or self._in_event_name(got) \
                or self._describes_person(got, sent):
            return None
        return Part(got.start, got.end, False, {"code": got.code, "name": got.name})

    def _located_later(self, q, sent) -> Part | None:
        """The one province of the sentence, written after the number as the last link of an
        address ("cách ly toàn bộ thôn Quan Nhân (tỉnh Hà Nam)", "… phường Thịnh Lang, thành phố
        Hòa Bình, tỉnh Hòa Bình", "(đoạn qua huyện Phong Điền, Thừa Thiên - Huế)"): where the
        figures of the sentence are."""
        found = list(self._p.starting(q.end, sent[1]))
        if not found or any(p.code != found[0].code for p in self._p.starting(sent[0], sent[1])):
            return None
        got = found[0]
        if not _address_regex(tuple(sorted(self.c["districts"] | self.c["address_tails"]))).search(
                self.ctx.folded[max(q.end, got.start - 45):got.start]):
            return None
        if self._is_venue(got, sent) or self._in_body_name(got) or self._in_title_before_name(got) \
                or self._in_event_name(got) or self._describes_person(got, sent):
            return None
        return Part(got.start, got.end, False, {"code": got.code, "name": got.name})

    def _describes_person(self, got, sent) -> bool:
        """The province stands in brackets that say where an official's office is or where a
        person lives ("Chủ tịch UBND xã Tà Rụt (huyện Đakrông, tỉnh Quảng Trị)", "tài công H.
        (ngụ huyện Châu Phú, tỉnh An Giang)"): it places the person, not the figures."""
        norm = self.ctx.norm
        if self._inside_mention(got.start, got.end, ("OFFICIAL",)):
            return True
        op = norm.rfind("(", sent[0], got.start)
        if op < 0 or norm.find(")", op, got.start) >= 0:
            return False
        # the official, then their post in apposition, then the brackets: "ông A - Chủ tịch UBND
        # xã B (" (a trader's shop is where the prices are: "đại lý gạo ở quận Tân Bình (TP HCM)")
        if any(0 <= op - o.end <= 70 and "," not in norm[o.end:op] for o in self.officials):
            return True
        head = self.ctx.folded[op + 1:got.start].lstrip()
        return any(head.startswith(w + " ") for w in self.c["origin_words"]) or bool(
            regex.search(r"\p{Lu}\.\s*$", norm[max(sent[0], op - 6):op]))   # "tài công H. ("

    def _place_after(self, q) -> Part | None:
        """A province right after what a count counts, or after its "của/tại/ở" (brackets
        between skipped): "12 người Hải Dương", "4 huyện (…) của Bình Thuận"."""
        e = self.ctx.sentence_span(q.start)[1]
        for got in self._p.starting(q.end, min(e, q.end + 120)):
            gap = " ".join(regex.sub(r"\([^()]*\)", " ", self.ctx.folded[q.end:got.start]).split())
            if any(ch in gap for ch in ",;.:()") or any(ch.isdigit() for ch in gap) or self._is_venue(got, (q.start, e)):
                return None
            if gap == "" or gap in self.c["place_after"]:
                return Part(got.start, got.end, False, {"code": got.code, "name": got.name})
            return None
        return None

    def _in_title_before_name(self, p) -> bool:
        """``Chủ tịch UBND tỉnh Quảng Nam Lê Trí Thanh``: a province inside a title."""
        return bool(self._o.starting(p.end, p.end + 4))

    def _national(self, about) -> bool:
        """``cả nước``, ``toàn quốc``: a statement about the whole country has no place."""
        sub = about.get("subject")
        return sub is not None and " ".join(self.ctx.folded[sub.start:sub.end].split()) in self.c["national"]

    def _province_of_anaphor(self, q, para, frame_place) -> Part | None:
        """The province "toàn tỉnh", "trên địa bàn" refers to: the one named before it, else
        the article's."""
        return self._province_before(q, para) or (frame_place.moved() if frame_place is not None else None)

    def _province_before(self, q, para) -> Part | None:
        """The province a statement about "the province" refers to: the last one named
        before it in its sentence (an organization's name too: "Sở Y tế Hà Nội cho biết,
        … thành phố ghi nhận"), else in its paragraph."""
        s, _ = self.ctx.sentence_span(q.start)
        before = [p for p in self._p.starting(s, q.start) if p.end <= q.start]
        if not before and para.place is not None:
            return para.place.moved()
        if not before:
            # "Tính đến chiều 1/5, Hải Dương đã 37 ngày không có ca mắc. Toàn tỉnh còn 2 bệnh
            # nhân …": a province named in the sentence before, in the same paragraph
            i = bisect_right(self._sent_starts, s - 1) - 1
            if i >= 0 and "\n" not in self.ctx.norm[self.ctx.sentences[i][0]:s]:
                ps = self.ctx.sentences[i][0]
                before = [p for p in self._p.starting(ps, s) if not self._in_body_name(p)]
        if before:
            p = before[-1]
            return Part(p.start, p.end, True, {"code": p.code, "name": p.name})
        return None

    def _about_province(self, about) -> bool:
        sub = about.get("subject")
        if sub is None:
            return False
        w = " ".join(self.ctx.folded[sub.start:sub.end].split())
        return w in self.c["anaphora"]

    # --- source --------------------------------------------------------------------------
    def _source(self, s, e, words: Words, para) -> Part | None:
        got = self._source_as_written(s, e, words, para)
        if got is not None and not got.carried:
            raw = self.ctx.norm[got.start:got.end]
            if raw.count(")") > raw.count("("):
                return None   # "tài công H. (ngụ …, tỉnh An Giang) cho biết": the tail of a bracket, no one
        return self._full_name(got) if got is not None and not got.carried else got

    @cached_property
    def _short_mentions(self) -> list[tuple[int, int]]:
        """The spans of every official's short mentions (``Thủ tướng``, ``ông Quang``)."""
        return sorted({(sm["start"], sm["end"]) for o in self.officials for sm in o.extra.get("mentions_short", ())})

    def _full_name(self, part: Part) -> Part:
        """A speaker written short stands for the full name given before (§6.6): "Bộ trưởng
        Bộ Y tế nhận định" after "Bộ trưởng Bộ Y tế Nguyễn Thanh Long", "Chandler cho rằng"
        after "Ông Marc Chandler"."""
        for o in reversed(self.officials):   # the last full mention before it
            if o.end <= part.start and any(sm["start"] == part.start and sm["end"] == part.end
                                           for sm in o.extra.get("mentions_short", ())):
                return Part(o.start, o.end, True)
        said = fold(self.ctx.norm[part.start:part.end]).split()
        if len(said) >= 2:
            # "Phó Bí thư Thành ủy nói" after "Ông Trần Lưu Quang, Phó Bí thư Thường trực Thành
            # ủy TPHCM": a title written shorter, its words in order within the official's title
            for o in reversed(self.officials):
                if o.end > part.start:
                    continue
                for title in (o.value or {}).get("titles", ()) if isinstance(o.value, dict) else ():
                    words, x = fold(title).split(), 0
                    for w in words:
                        if x < len(said) and w == said[x]:
                            x += 1
                    if x == len(said) and words[:1] == said[:1]:
                        return Part(o.start, o.end, True)
        raw = self.ctx.norm[part.start:part.end]
        if " " not in raw and raw[:1].isupper():
            for ps, pe in reversed(self._people):
                if pe <= part.start and self.ctx.norm[ps:pe].split()[-1] == raw and pe - ps > len(raw):
                    return Part(ps, pe, True)
        return part

    def _source_as_written(self, s, e, words: Words, para) -> Part | None:
        c, ctx = self.c, self.ctx
        if not self._source_cues.search(ctx.folded, s, e):
            return para.source.moved() if para.source is not None else None   # no cue: one scan, not one per word
        n = len(words.folded)
        for k in range(n):
            through = words.folded[k] in c["through"]
            opening = not through and self._opens_report(words, k)
            if words.folded[k] in c["according"] or through or opening:
                j = k if opening else k + 1
                kind = words.phrase_at(j, c["report_kinds"])
                if through and not kind:
                    continue   # "qua đó", "qua 3 năm": only "qua niêm yết của …" names a source
                if kind:
                    j += kind
                    if j < n and self._is_time(words.spans[j][0]):   # "theo ước tính năm 2019 của …"
                        j = words.index_at(self._time_end(words.spans[j][0]))
                    if j < n and words.folded[j] in c["report_of"]:
                        j += 1   # "theo thống kê của / từ Bộ Công an"
                    elif opening or j < n and words.phrase_at(j, c["report_kinds"]) == 0 and not ctx.norm[words.spans[j][0]].isupper():
                        continue
                if j >= n or self._l.containing(words.spans[j][0], words.spans[j][0] + 1):
                    continue   # "Theo Nghị định số 15/2022/NĐ-CP, …": a legal basis, not a reporter
                if words.phrase_at(j, c["heads"]) and not words.phrase_at(j, c["bare"]):
                    continue   # "Theo Bộ chỉ số …, tỉnh xếp thứ 13/63": what is measured, not who says it
                off = self._official_at(words.spans[j][0], e)
                if off is not None:
                    return off
                if words.folded[j] in c["honorifics"] and j + 1 < n:   # "theo bà Yến, …"
                    named = self._named_by_given(words, j + 1) or self._initials(words, j + 1)
                    if named is not None:
                        return named
                back = self._person_anaphora(words, j)   # "Theo chuyên gia này, …"
                if back is not None:
                    return back
                np = self._source_np(words, j)
                if np is not None:
                    return np
        for k in range(n):
            # "Nghiên cứu được công bố trên tạp chí PLOS Medicine, cho thấy …": where a study
            # appeared names its source
            v = words.phrase_at(k, c["published_in"])
            if v and k + v < n and any(words.phrase_at(x, c["report_kinds"]) for x in range(max(0, k - 4), k)):
                j = k + v + words.phrase_at(k + v, c["journal_words"])
                if j < n:
                    np = self._source_np(words, j)
                    if np is not None:
                        return Part(words.spans[k + v][0], np.end)
        for k in range(n):
            # "Số liệu được Bộ Nội vụ Nhật Bản công bố ngày 17/9", "Dự thảo Thông tư … vừa được
            # Bộ GD&ĐT đưa ra lấy ý kiến": the body a passive report names is its source
            if words.folded[k] != "được" or k + 1 >= n or not ctx.norm[words.spans[k + 1][0]].isupper():
                continue
            v = next((x for x in range(k + 2, min(n, k + 12)) if words.phrase_at(x, c["passive_report_verbs"])
                      and ctx.norm[words.spans[x][0]].islower()   # not "Tổng cục Thống kê"
                      or not any(ch.isalnum() for ch in words.folded[x]) and words.folded[x] not in ("&", "-", "–")), None)
            if v is None or not words.phrase_at(v, c["passive_report_verbs"]):
                continue
            end = v
            while end > k + 2 and (words.phrase_at(end - 1, c["auxiliaries"]) or self._is_time(words.spans[end - 1][0])):
                end -= 1
            return self._official_at(words.spans[k + 1][0], words.spans[end - 1][1]) \
                or Part(words.spans[k + 1][0], words.spans[end - 1][1])
        for k in range(n):
            v = words.phrase_at(k, c["reporting"])
            if not v:
                continue
            if k + v < n and words.folded[k + v] in c["verb_objects"] \
                    and not (words.folded[k + v] == "việc" and words.phrase_at(k, c["speech"])):
                continue   # "thông báo về …"; but "VKSND Tối cao khẳng định việc …" says it
            if k and ctx.norm[words.spans[k][0]].isupper():
                continue   # "Sở Thông tin và Truyền thông": a capitalised word inside a name
            if k and (words.folded[k - 1] in self.c["according"] or words.folded[k - 1] == "của"):
                continue   # "theo báo cáo": the report, not someone reporting
            if words.ends_before(k, c["speech_as_noun"]):
                continue   # "Hệ thống thông tin quản lý": a noun, no one telling
            speaker = self._speaker_before(words, k, s)
            if speaker is not None:
                return speaker
        if para.source is not None:
            return para.source.moved()   # the same account goes on in its paragraph
        return None

    def _person_anaphora(self, words: Words, k: int) -> Part | None:
        """``ông này``, ``bà này``, ``chuyên gia này`` at word ``k``: the official last named
        before it (carried), the one the text goes on quoting."""
        n = words.phrase_at(k, self.c["person_nouns"])
        if not n or k + n >= len(words.folded) or words.folded[k + n] != "này":
            return None
        before = words.spans[k][0]
        for o in reversed(self.officials):
            if o.end <= before:
                return Part(o.start, o.end, True) if before - o.end <= 1500 else None
        return None

    def _named_by_given(self, words: Words, k: int) -> Part | None:
        """``ông/bà <given name>`` at word ``k``: the earlier official of that given name
        (the span of the full name, carried)."""
        given = self.ctx.norm[slice(*words.spans[k])]
        before = words.spans[k][0]
        for o in reversed(self.officials):
            if o.end <= before and isinstance(o.value, dict) and o.value.get("name", "").split()[-1:] == [given]:
                return Part(o.start, o.end, True)
        return None

    def _initials(self, words: Words, k: int) -> Part | None:
        """A person the press names by initials only, at word ``k`` after ``ông/bà/anh/chị``:
        "Theo ông T, …", "Theo anh M.T, …" → "T", "M.T" (without a closing dot)."""
        s0, e0 = words.spans[k]
        m = _INITIALS.fullmatch(self.ctx.norm, s0, e0)
        if m is None:
            return None
        return Part(s0, e0 - 1 if self.ctx.norm[e0 - 1] == "." and e0 - s0 > 1 else e0)

    def _opens_report(self, words: Words, k: int) -> bool:
        """A clause that opens on a report and its body, with no "theo": "Số liệu của Trung
        tâm dịch vụ việc làm, …", "Khảo sát của Kitco News với … cho thấy"."""
        if k and any(ch.isalnum() for ch in words.folded[k - 1]) and not words.phrase_at(k - 1, self.c["frames"]):
            return False
        n = words.phrase_at(k, self.c["report_kinds"])
        return bool(n) and k + n < len(words.folded) and words.folded[k + n] in self.c["report_of"]

    def _only_titles(self, o, gap: str) -> bool:
        """Between an official and the verb stand only that official's titles (and a place
        in brackets after them): "…, Chủ tịch UBND xã Kỳ Lợi (thị xã Kỳ Anh, Hà Tĩnh), "."""
        if len(gap) > 200 or not isinstance(o.value, dict):
            return False
        rest = regex.sub(r"\([^()]*\)", " ", gap)
        for t in sorted(o.value.get("titles") or [], key=len, reverse=True):
            rest = rest.replace(t, " ")
        return not rest.strip(" ,-–")

    def _body_head_at(self, words: Words, x: int) -> bool:
        """A body's head noun, in small letters, opens word ``x`` ("phòng Giáo dục …", "sở")."""
        head = words.folded[x]
        return any(head == h or head.startswith(h + " ") for h in self.c["body_heads"] + self.c["speaker_heads"])

    def _dash_in_name(self, words: Words, x: int, k: int) -> bool:
        """A spaced dash between capitals inside a body's name: "Sở Lao động - Thương binh và
        Xã hội", "Cục Quản lý Khám chữa bệnh - Bộ Y tế"."""
        return (words.folded[x] in ("-", "–") and 0 < x and x + 1 < k
                and self.ctx.norm[words.spans[x + 1][0]].isupper() and self.ctx.norm[words.spans[x - 1][0]].isalnum())

    def _names_body(self, words: Words, i: int, k: int) -> bool:
        """Words ``i..k`` name a speaking body ("ADB", "Tổng cục Thống kê", "Bộ Y tế"): no
        verb among them ("ADB lạc quan với … và dự báo" is a clause, not a name), and not a
        lone common noun opening the sentence ("Mức dự báo này …")."""
        from ..engine.segment import pos_tags
        if words.phrase_at(i, self.c["stops"]) or words.phrase_at(i, self.c["frames"]):
            return False   # "Nhưng một đồng minh … nói": a conjunction opens the clause
        s0, e0 = words.spans[i][0], words.spans[k - 1][1]
        if any(q.start < e0 and s0 < q.end for q in self.quantities):
            return False   # "Hai nguồn tin thân cận … nói": a counted noun, not a named body
        norm = self.ctx.norm
        if k - i >= 2 and self._body_head_at(words, i) and (norm[words.spans[i + 1][0]].isupper() or (
                norm[words.spans[i][0]].isupper() and any(norm[a].isupper() for a, _ in words.spans[i + 2:k]))):
            return True   # "Cục Quản lý Khám chữa bệnh": a body's head and its capitalised name, verbs and all
        raw = [self.ctx.norm[a:b] for a, b in words.spans[i:k]]
        tags = pos_tags(raw + [self.ctx.norm[a:b] for a, b in words.spans[k:k + 2]])[:len(raw)]
        actor = words.phrase_at(i, self.c["actors"])   # "Đoàn kiểm tra": a verb inside the body's noun
        if any(t.startswith("V") for n, (t, w) in enumerate(zip(tags, raw)) if not w[:1].isupper() and n >= actor):
            return False
        if actor or words.phrase_at(i, self.c["report_kinds"]) == k - i:
            return True   # "các sở cho biết", "Báo cáo chỉ ra", "Khảo sát cho thấy"
        return (any(t == "Np" for t in tags) or any(w.isupper() and len(w) >= 2 for w in raw)   # "ADB"
                or (len(raw) > 1 and all(w[:1].isupper() for w in raw if w[:1].isalpha())))

    def _official_at(self, pos: int, e: int) -> Part | None:
        for o in self._o.starting(pos, min(e, pos + 60)):
            if not self.ctx.norm[pos:o.start].count(","):
                return Part(o.start, o.end)
        return None

    def _source_np(self, words: Words, j: int) -> Part | None:
        ctx = self.ctx
        n = words.phrase_at(j, self.c["speaks_for"])
        if n and j + n < len(words.spans) and ctx.norm[words.spans[j + n][0]].isupper():
            j += n   # "Theo đại diện Đội tuần tra …": who speaks for a body names the body
        n = words.phrase_at(j, self.c["source_quantifiers"])
        if n and j + n < len(words.spans) and words.phrase_at(j + n, self.c["actors"]):
            j += n   # "qua niêm yết của một số doanh nghiệp lớn": the span keeps them
            s0 = words.spans[j - n][0]
        else:
            s0 = words.spans[j][0]
        body = words.phrase_at(j, self.c["source_bodies"])
        if body and (j + body >= len(words.spans) or words.folded[j + body] in _DEMONSTRATIVES
                     or not any(ch.isalnum() for ch in words.folded[j + body])
                     or ctx.norm[words.spans[j + body - 1][1]:words.spans[j + body][0]].strip()):
            body = 0   # "Theo chuyên gia này" points back; a bare "chuyên gia" names no one
        if not ctx.norm[words.spans[j][0]].isupper() and not words.phrase_at(j, self.c["actors"]) and not body:
            named = self._name_after_description(words, j)
            if named is None:
                return None   # a body is named ("Bộ Y tế") or is one ("tỉnh Lai Châu", "các sở", "tình báo Mỹ")
            j = named   # "Theo nhà cung cấp dữ liệu hàng không Cirium, …": the name the description leads to
            s0 = words.spans[j][0]
        end = j
        while end < len(words.spans):
            raw = ctx.norm[slice(*words.spans[end])]
            glued = (end + 1 < len(words.spans) and words.spans[end][0] == words.spans[end - 1][1]
                     and words.spans[end][1] == words.spans[end + 1][0])
            # a spaced dash before a capital goes on too: "Sở Lao động - Thương binh và Xã hội",
            # "Cục Quản lý Khám chữa bệnh - Bộ Y tế" (a body and the one it belongs to)
            dashed = (raw in "-–" and end > j and end + 1 < len(words.spans) and end + 1 - j < 10
                      and ctx.norm[words.spans[end + 1][0]].isupper())
            if not any(ch.isalnum() for ch in raw) and not (raw in ".-&" and glued) and not dashed:
                break   # a dot or dash inside a name goes on: "Kitco.com", "Vina-Capital"
            if end > j and ctx.norm[words.spans[end - 1][1]:words.spans[end][0]].strip():
                break
            named = raw[:1].isupper()   # "Tổng cục Thống kê": a name goes on over its capitals
            if end > j and not named and words.phrase_at(end, self.c["stops"]) and words.folded[end] not in ("và",):
                break
            if end > j and not named and words.phrase_at(end, self.c["reporting"]):
                break
            if end - j >= 10 or (end > j and self._is_time(words.spans[end][0])):
                break   # "Bộ Y tế sáng nay công bố": the time is no part of the name
            end += 1
        return Part(s0, words.spans[end - 1][1]) if end > j else None

    def _name_after_description(self, words: Words, j: int) -> int | None:
        """Where a name starts after a common-noun description of who it is, within the
        clause: "nhà cung cấp dữ liệu hàng không Cirium", "hãng nghiên cứu thị trường Omdia";
        None when a verb or a stop word comes first ("theo đó", "theo quy định")."""
        from ..engine.segment import pos_tags
        ctx = self.ctx
        end = j
        while end < len(words.spans) and end - j <= 7:
            raw = ctx.norm[slice(*words.spans[end])]
            if not any(ch.isalnum() for ch in raw):
                return None
            if raw[:1].isupper():
                break
            end += 1
        else:
            return None
        if end == j or end - j > 7 or end >= len(words.spans):
            return None
        raw = [ctx.norm[a:b] for a, b in words.spans[j:end]]
        if any(words.phrase_at(x, self.c["stops"]) for x in range(j, end)) \
                or any(t.startswith("V") or t in ("E", "C", "P") for t in pos_tags(raw)):
            return None
        if not words.phrase_at(j, self.c["describers"]):
            return None
        return end

    def _speaker_before(self, words: Words, k: int, s: int) -> Part | None:
        ctx = self.ctx
        vpos = words.spans[k][0]
        for o in reversed(self._o.starting(s, vpos)):
            if o.end > vpos:
                continue
            gap = ctx.norm[o.end:vpos]
            if not gap.strip(" ,").count(",") and len(gap) <= 80:
                return Part(o.start, o.end)
            if self._only_titles(o, gap):
                return Part(o.start, o.end)   # "Ông A, Chủ tịch UBND xã B (huyện C, tỉnh D), cho biết"
        # "Thủ tướng cho biết", "Bộ trưởng nhấn mạnh": an official's short mention (a title
        # alone, a given name) right before the verb is that official, carried (§6.6)
        for ss, se in self._short_mentions:
            if s <= ss and se <= vpos <= se + 24 and all(
                    words.phrase_at(x, self.c["auxiliaries"]) or words.phrase_at(x, self.c["speech_adverbs"])
                    for x in range(words.index_at(se + 1), k)):
                return self._full_name(Part(ss, se))
        # "Ông Đỗ Minh Quân, phụ trách tuyển dụng, cho biết": a named person with no office
        # that the officials' gazetteer knows
        for ps, pe in reversed(self._people):
            if s <= ps and pe <= vpos:
                gap = ctx.norm[pe:vpos]
                # only one who holds a post speaks as a source (§6.6): the apposition names it
                # ("…, phụ trách tuyển dụng, cho biết"); a witness ("…, 50 tuổi, bảo vệ …") is none
                if len(gap) <= 100 and ((gap.lstrip()[:1] in ",-–" and gap.rstrip()[-1:] in ",-–")
                                        or (gap.lstrip()[:1] == "(" and gap.rstrip().rstrip(",")[-1:] == ")")) \
                        and not self._source_cues.search(ctx.folded, pe, vpos) \
                        and self._role_rx.search(ctx.folded, pe, vpos) and not self._witness_rx.search(ctx.folded, pe, vpos):
                    return Part(ps, pe)
                break
        # "Ông này cho biết", "vị chuyên gia này nói": the person last named before
        for x in range(max(0, k - 3), k - 1):
            if x + words.phrase_at(x, self.c["person_nouns"]) == k - 1:   # "này" right before the verb
                back = self._person_anaphora(words, x)
                if back is not None:
                    return back
        # "Ông Quang cho biết", "Ông Trump nhiều lần khẳng định": the official of that given name
        k0 = k - 1
        while k0 > 1:   # back over what stands between the name and the verb
            n = next((m for m in (2, 1) if k0 - m + 1 >= 2 and (
                words.phrase_at(k0 - m + 1, self.c["speech_adverbs"], m) == m
                or words.phrase_at(k0 - m + 1, self.c["auxiliaries"], m) == m)), 0)
            if not n:
                break
            k0 -= n
        if k0 >= 1 and words.folded[k0 - 1] in self.c["honorifics"]:
            named = self._named_by_given(words, k0)
            if named is not None:
                return named
        if 0 <= k0 < k and ctx.norm[words.spans[k0][0]].isupper() and (k0 == 0 or not any(
                ch.isalnum() for ch in words.folded[k0 - 1])):
            named = self._named_by_given(words, k0)   # "Chandler cho rằng": a foreign official by the family name
            if named is not None:
                return named
        # "<Body> cho biết": a named body that opens the clause
        cs = max(ctx.norm.rfind(",", s, vpos), ctx.norm.rfind(";", s, vpos), s - 1) + 1
        longest = 8
        if cs > s and not ctx.norm[cs:vpos].strip() and ctx.norm[cs - 1] == "," \
                and ctx.norm[:cs - 1].rstrip().endswith(")"):
            # "Trung tâm kiểm soát bệnh tật TPHCM (HCDC), cho biết": a body and its
            # abbreviation, then a comma before the verb
            k = words.index_at(cs - 1)
            vpos = cs - 1
            longest = 10   # the abbreviation's brackets and words count too
            cs = max(ctx.norm.rfind(",", s, vpos), ctx.norm.rfind(";", s, vpos), s - 1) + 1
        i = words.index_at(cs)
        while i < k and (words.phrase_at(i, self.c["frames"]) or words.folded[i] in ("-", "–", "—")):
            i += words.phrase_at(i, self.c["frames"]) or 1   # (or the dash after a quotation: "…”- Phó Bí thư nói")
        nq = words.phrase_at(i, self.c["source_quantifiers"])
        if nq and i + nq < k and words.phrase_at(i + nq, self.c["source_bodies"]):
            i += nq   # "các quan chức Ukraine cho hay": the officials, without the quantifier
        n = max(words.phrase_at(i, self.c["report_kinds"]), words.phrase_at(i, self.c["report_documents"]))
        if n and i + n + 1 < k and words.folded[i + n] in self.c["report_of"]:
            i += n + 1   # "Kế hoạch của UBND tỉnh Cà Mau cho biết": the body whose plan it is
        n = words.phrase_at(i, self.c["speaks_for"])
        if n and i + n < k and (ctx.norm[words.spans[i + n][0]].isupper() or self._body_head_at(words, i + n)):
            i += n   # "đại diện Sở Thông tin và Truyền thông cho biết", "đại diện phòng Giáo dục …": the body it speaks for
        if not words.phrase_at(k, self.c["speech"]) and not (k < len(words.folded) and words.folded[k] == ","
                                                             and words.phrase_at(k + 1, self.c["speech"])):
            return None   # "Việt Nam ghi nhận …": a doer, not a speaker
        if k > i and words.folded[k - 1] in self.c["passive_markers"]:
            return None   # "Tính năng của tên lửa … chưa được công bố": what is told, not who tells
        while k > i and (words.phrase_at(k - 1, self.c["auxiliaries"]) or self._is_time(words.spans[k - 1][0])):
            k -= 1   # "Bộ Y tế sáng nay công bố": the body without its time
        before_verb = ctx.norm[words.spans[i][0]:words.spans[k - 1][1]] if i < k else ""
        if before_verb.endswith(")") and "(" in before_verb and not before_verb.startswith("("):
            # "Cảng vụ hàng hải Vũng Tàu (tỉnh Bà Rịa - Vũng Tàu) cho biết": the body, without
            # the bracket that places it
            opened = words.spans[i][0] + before_verb.rfind("(")
            inside = ctx.norm[opened + 1:words.spans[k - 1][1] - 1].strip()
            where = self._place_in(opened + 1, words.spans[k - 1][1] - 1)
            if inside[:1].islower() or (where is not None and ctx.norm[where.start:where.end] == inside) \
                    or len(inside.split()) > 3 or ":" in inside:
                # not "Tổ chức Y tế Thế giới (WHO)", "(CDC Bắc Ninh)": a short name is the body's;
                # "(HAGL - mã chứng khoán: HAG)" tells more of it, and is left out
                k = words.index_at(opened)
        # "cơ quan Thực thi Hàng hải Malaysia (MMEA) cho biết": a body noun before its name
        noun = max(words.phrase_at(i, self.c["actors"]), words.phrase_at(i, self.c["source_bodies"])) if i + 1 < k else 0
        named_noun = bool(noun) and i + noun < k and ctx.norm[words.spans[i + noun][0]].isupper()
        # "ngành y tế Hòa Bình xác định có 47 trường hợp": a common noun that names who
        # reports, with what qualifies it, speaks as a body
        body_noun = words.phrase_at(i, self.c["source_bodies"]) if i + 1 < k else 0
        if not named_noun and i + 1 < k and self._body_head_at(words, i) and (
                ctx.norm[words.spans[i + 1][0]].isupper() or any(ch.isupper() for ch in ctx.norm[slice(*words.spans[i])])):
            named_noun = True   # "phòng Giáo dục đào tạo huyện M'Đrắk": a body's head, then its name
        if i < k and (ctx.norm[words.spans[i][0]].isupper() or named_noun or body_noun) and k - i <= longest and not self._is_time(words.spans[i][0]):
            w = words.folded[i]
            if w not in self.c["not_speakers"] and w not in self.c["according"] \
                    and all(any(ch.isalnum() for ch in x) or x in ("(", ")") or self._dash_in_name(words, i + y, k)
                            for y, x in enumerate(words.folded[i:k])) \
                    and self._names_body(words, i, k):
                return self._full_name(Part(words.spans[i][0], words.spans[k - 1][1]))
        return None


@dataclass
class Paragraph:
    """What a paragraph's next sentences may carry."""

    subject: "Part | None" = None
    period: Part | None = None
    place: Part | None = None
    source: Part | None = None
    day: Part | None = None   # the day the last sentence told of, for a sentence that goes on about it


@lru_cache(maxsize=1)
def _split_words() -> frozenset[str]:
    """Words the segmenter glues that the linker reads as two (linking.toml [measure] split_words)."""
    return _phrases(load_toml(LINKING)["measure"]["split_words"])


def _verb_then_head(ctx, s: int, e: int) -> int:
    """Where a verb ends and a measure's head begins in the word ``s..e`` right before a
    number, glued by the segmenter ("thử thách ngưỡng", "vượt mốc"); 0 for a compound noun
    ("đơn giá", "tổng số") or a size word ("trị giá")."""
    c = cues()
    whole = " ".join(ctx.folded[s:e].split())
    if whole in c["heads"] or whole in c["dimensions"]:
        return 0
    from ..engine.segment import pos_tags
    sp = ctx.folded.find(" ", s, e)
    while sp > 0:
        head = " ".join(ctx.folded[sp + 1:e].split())
        if head in c["heads"] and head not in c["bare"]:
            return sp if pos_tags([ctx.norm[s:sp], ctx.norm[sp + 1:e]]) == ["V", "N"] else 0
        sp = ctx.folded.find(" ", sp + 1, e)
    return 0


@lru_cache(maxsize=1)
def _split_heads() -> frozenset[str]:
    return frozenset(w.split()[0] for w in _split_words())


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """The country names (generated from CLDR, patterns/officials/countries.txt), folded."""
    return frozenset(" ".join(fold(w).split()) for w in load_word_list("officials/countries.txt"))


@lru_cache(maxsize=512)
def _word_regex(form: str) -> regex.Pattern:
    """``form`` as a whole word (not inside a longer word or number)."""
    return regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(form) + r"(?![\p{L}\p{N}])")


_SO_VOI = regex.compile(r"(?<!\p{L})so(?:\s+với)?(?!\p{L})\s+")


_HEADS: dict = {}


def _heads(table: frozenset) -> frozenset:
    """Every syllable prefix of the entries of ``table`` ("tỷ", "tỷ lệ" for "tỷ lệ"); cached."""
    got = _HEADS.get(table)
    if got is None:
        if len(_HEADS) > 64:
            _HEADS.clear()
        parts = [e.split(" ") for e in table]
        got = _HEADS[table] = frozenset(" ".join(p[:k]) for p in parts for k in range(1, len(p) + 1))
    return got


@lru_cache(maxsize=None)
def _honorific_name_regex(honorifics: tuple[str, ...], least: int = 1) -> regex.Pattern:
    # two to five capitalised syllables after the honorific: a Vietnamese full name
    # ("Đỗ Minh Quân") or a foreign one ("Sean Lusk"); one syllable ("ông Quân") is a given
    # name, resolved against the full names (``least=0``: a given name alone is a name)
    alts = "|".join(regex.escape(h) for h in honorifics)
    return regex.compile(rf"(?<![\p{{L}}\d])(?i:{alts})\s+(?P<name>\p{{Lu}}[\p{{L}}'-]*(?:\s+\p{{Lu}}[\p{{L}}'-]*){{{least},4}})(?![\p{{L}}\d])")


@lru_cache(maxsize=4)
def _event_date_regex(verbs: tuple[str, ...]) -> regex.Pattern:
    alt = "|".join(regex.escape(v).replace("\\ ", r"\s+") for v in sorted(verbs, key=len, reverse=True))
    return regex.compile(rf"(?<!\p{{L}})(?:{alt})\s+(?:(?:vào|hồi|từ|trong|năm|tháng|ngày)\s+)?$")


@lru_cache(maxsize=32)
def _cue_regex(name: str, words: tuple[str, ...]) -> regex.Pattern:
    """One regex for a cue list, whole words only, on the folded text (``name`` keys the cache)."""
    alt = "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<!\p{{L}})(?:{alt})(?!\p{{L}})")


_NONSPACE = regex.compile(r"\S+")
_SYLLABLE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}.&'-]*", regex.V1)


@lru_cache(maxsize=4)
def _address_regex(units: tuple[str, ...]) -> regex.Pattern:
    """An address's link right before a province: "thôn Quan Nhân (", "thành phố Hòa Bình, ",
    "huyện Phong Điền, " ([subject] districts, [place] address_tails)."""
    alt = "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(units, key=len, reverse=True))
    return regex.compile(rf"(?<!\p{{L}})(?:{alt})\s+[^,;()]{{1,30}}?\s*[,(]\s*$")


@lru_cache(maxsize=4)
def _located_regex(at: tuple[str, ...], districts: tuple[str, ...]) -> regex.Pattern:
    """A province right after where someone is: "ở quận Tân Bình (", "ở chợ Bến Thành (",
    "tại quận 1, ", "ở " ([subject] at, districts)."""
    alt = lambda ws: "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(ws, key=len, reverse=True))
    return regex.compile(rf"(?<!\p{{L}})(?:{alt(at)})\s+(?:[^,;()]{{1,30}}?\s*\(\s*|(?:{alt(districts)})\s+[^,;()]{{1,25}}?\s*,\s*)?$")


@lru_cache(maxsize=4)
def _base_tail_regex(ends: tuple[str, ...]) -> regex.Pattern:
    """A time inside a comparison's base: up to six words after "so (với)", none of them a
    word that ends the base and opens the next clause ([compared_to] base_ends)."""
    alt = "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(ends, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])so(?:\s+với)?\s+(?:cùng\s+kỳ\s+|cùng\s+kì\s+)?(?:(?!(?:{alt})\s)\S+\s+){{0,6}}$")


@lru_cache(maxsize=8)
def _head_set(heads: tuple[str, ...]) -> tuple[frozenset, int]:
    """A head list as a set, and its longest entry in words (for _in_body_name)."""
    return frozenset(heads), max((len(h.split()) for h in heads), default=1)


# what stands between two items of a bare list of numbers: "82,55%, 12%", "499,9 triệu đồng và 559,9 triệu đồng"
_LIST_GAP = regex.compile(r"\s*(?:,\s*(?:và\s+)?|(?:và|hoặc)\s+)?")


# a bracket of a few words right after a number, or the close of the number's own bracket,
# before "so với": "tăng 1.000 đồng (5%) so với tháng trước", "(5%) so với …"
_BRACKET_THEN = regex.compile(r"\s*(?:\([^()\n]{1,40}\)|\))\s*")


@lru_cache(maxsize=1)
def _route_regex(words: tuple[str, ...]) -> regex.Pattern:
    name = r"\p{Lu}[\p{L}\p{N}.]*(?:\s+\p{Lu}[\p{L}\p{N}.]*){0,3}"
    alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"\b(?i:{alt})\s+({name}\s+[-–]\s+{name})", regex.V1)


@lru_cache(maxsize=4)
def _compound_regex(comps: tuple[str, ...]) -> regex.Pattern:
    return regex.compile("|".join(regex.escape(c) for c in sorted(comps, key=len, reverse=True)))


def _is_day(value) -> bool:
    """A DATE value of a day or a time of day ("2023-10-16", "2023-10-16T10:45")."""
    return isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7:8] == "-"


def _is_days(value) -> bool:
    """A PERIOD of a few days ("hai ngày qua" → 2023-10-30 … 2023-10-31) or a week: a day's
    stretch, which in a flattened lead frames the lead only, as a day does."""
    if isinstance(value, str):
        return "-W" in value
    return isinstance(value, dict) and _is_day(value.get("start")) and _is_day(value.get("end")) \
        and value["start"][:7] == value["end"][:7] and int(value["end"][8:10]) - int(value["start"][8:10]) < 7


def link_statements(ctx: ArticleContext) -> None:
    """Give every quantity mention of ``ctx.mentions`` its statement (``mention.about``)."""
    if not any(m.type in QUANTITY_TYPES for m in ctx.mentions):
        return
    Linker(ctx).run()
