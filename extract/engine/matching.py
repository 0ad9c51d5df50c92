"""The rule engine shared by every dimension: find spans with rules, resolve them.

A ``Dimension`` (quantities, time, legal references, …) names its rule files and its
resolvers. ``find`` runs every rule over the article body; each match goes to the rule's
resolver, which returns a ``Mention`` (what it means) or ``None`` (not this type after
all). Generic context checks (``reject_before`` words, ``reject_after`` regex) come from
the rule's ``options`` so they stay data.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import cached_property, lru_cache
from typing import Callable

import regex

from .context import ArticleContext, Mention
from .literal_hits import keys_of, literal_hits, word_heads, word_start_matches
from .numbers import number_words
from .patterns import Rule, alternation, compile_rules, load_toml
from .text import fold, word_suffixes

Resolver = Callable[[regex.Match, Rule, ArticleContext], "Mention | list[Mention] | None"]

TYPES = {"DATE", "PERIOD", "DURATION", "PERCENT", "RATIO", "RANK", "COUNT", "MONEY",
         "OFFICIAL", "LEGAL_REF"}


def word_table(rel: str, section: str) -> dict[str, str]:
    """``{folded word: key}`` for a ``[section]`` of key -> [words] in a TOML file."""
    data = load_toml(rel)
    if section not in data:
        raise KeyError(f"{rel} has no [{section}]")
    table = {}
    for key, words in data[section].items():
        for w in words:
            table[fold(w)] = key
    return table


def shared_pieces() -> dict[str, str]:
    """Pieces of patterns/pieces.toml plus pieces generated from the word lists."""
    pieces = dict(load_toml("pieces.toml", required={"pieces"})["pieces"])
    words = load_toml("quantities/words.toml")
    for section in ("qualifier", "change", "time_unit"):
        allw = [w for ws in words[section].values() for w in ws]
        pieces[section] = "(?i:" + alternation(allw) + ")"
    cur = [w for ws in words["currency"].values() for w in ws]
    pieces["currency"] = alternation(cur, lead=False)
    # currencies written before the number ("USD 20", "$20"): patterns/quantities/money_words.toml
    before = [w for ws in load_toml("quantities/money_words.toml")["currency_before"].values() for w in ws]
    # a sign may touch the number ("$20"); a code may not run on into a word ("USDT")
    pieces["currency_before"] = r"(?<![\p{L}\p{N}])" + alternation(before, boundary=False) + r"(?!\p{L})"
    pieces["currency_before_folded"] = alternation({fold(w) for w in before}, boundary=False)
    meas = [w for ws in words["measure"].values() for w in ws]
    pieces["measure"] = alternation(meas, boundary=False)
    # lower-case, tone-folded literals without boundaries: cheap ``near`` regexes (folded text)
    for section in ("currency", "measure", "time_unit"):
        allw = {fold(w) for ws in words[section].values() for w in ws}
        pieces[f"{section}_folded"] = alternation(allw, lead=False)
    nw = number_words()
    pieces["scale"] = "(?i:" + alternation(list(nw["scales"])) + r"(?:\s+(?:tỷ|tỉ))?)"
    every = (nw["digits"] + nw["tens"] + nw["after_tens"] + nw["connectors"] + nw["hundreds"]
             + list(nw["scales"]) + nw["half"] + nw["decimal_point"])
    one = alternation(every)
    pieces["numwords"] = rf"(?i:{one}(?:\s+{one})*)"
    return pieces


class Dimension:
    """A set of rule files and the resolvers that give their matches a meaning."""

    name = "dimension"
    rule_files: tuple[str, ...] = ()

    def resolvers(self) -> dict[str, Resolver]:
        raise NotImplementedError

    @cached_property
    def rules(self) -> list[Rule]:
        pieces = shared_pieces()
        names = set(self.resolvers())
        rules = []
        for rel in self.rule_files:
            rules.extend(compile_rules(rel, pieces, TYPES, names))
        return rules

    def find(self, ctx: ArticleContext) -> list[Mention]:
        out: list[Mention] = []
        resolvers = self.resolvers()
        for rule in self.rules:
            resolve = resolvers[rule.resolver]
            matches = rule_matches(rule, ctx)
            for m in matches:
                if rejected_by_context(m, rule, ctx):
                    continue
                got = resolve(m, rule, ctx)
                if got is None:
                    continue
                for mention in (got if isinstance(got, list) else [got]):
                    mention.priority = rule.priority
                    out.append(mention)
        return out


def rule_matches(rule: Rule, ctx: ArticleContext):
    """The rule's matches in the body, as ``finditer`` would give them, found the cheap way
    the rule's ``anchor`` allows (tests/test_anchoring.py checks they are the same)."""
    opts = rule.options
    anchor = opts.get("anchor")
    if anchor == "number":
        if "lookback" in opts:
            return window_matches(rule, ctx, number_anchors(ctx), opts["lookback"])
        return anchored_matches(rule, ctx)
    if anchor == "trigger":
        return window_matches(rule, ctx, hit_starts(ctx, opts["trigger"]), opts.get("lookback", _PREFIX_CHARS))
    return rule.regex.finditer(ctx.norm, ctx.body_start, ctx.body_end)


def hit_starts(ctx: ArticleContext, rx: regex.Pattern) -> list[int]:
    """Where ``rx`` (a rule's ``trigger`` or ``near``) matches in the folded body; cached,
    as rules share them ("tháng", "/", time units). Overlapped: a hit inside another hit
    may be the one a match contains."""
    key = ("hits", rx.pattern)
    hits = ctx.cache.get(key)
    if hits is None:
        hits = literal_hits(rx, ctx.folded, ctx.body_start, ctx.body_end)
        if hits is None:
            hits = [m.start() for m in rx.finditer(ctx.folded, ctx.body_start, ctx.body_end, overlapped=True)]
        ctx.cache[key] = hits
    return hits


_SYLLABLE_START = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}]")


def syllable_starts(ctx: ArticleContext, lo: int, hi: int) -> list[int]:
    """Where a syllable (run of letters or digits) of the body starts in ``lo``..``hi``
    (both included; the look-behind sees the text before ``lo``). Only the windows of the
    rules' anchors are asked: a list of every syllable of the body cost more than they do."""
    return [m.start() for m in _SYLLABLE_START.finditer(ctx.norm, lo, hi + 1)]


# The regex module looks for a rule's required literal ("trước" of "3 năm trước") all the
# way to ``endpos`` before it tries a match, so a match tried at every number of a line of n
# characters cost n each: quadratic on a long line (a 200 kB table flattened into one line
# took minutes). No mention is this long: a match is tried this far, and again up to the
# line's end only when it ends near that bound (a lookahead may look past the match).
MATCH_REACH = 2000
_REACH_MARGIN = 500


def line_bounds(ctx: ArticleContext, pos: int) -> tuple[int, int]:
    """Start and end of the line holding ``pos``, by bisection in the article's line breaks
    (cached): a ``find("\\n")`` from each number scans a long line once per number."""
    breaks = ctx.cache.get("line_breaks")
    if breaks is None:
        breaks = ctx.cache["line_breaks"] = [m.start() for m in regex.finditer("\n", ctx.norm)]
    i = bisect_left(breaks, pos)
    return (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else len(ctx.norm))


def match_in_line(rx: regex.Pattern, norm: str, pos: int, line_end: int):
    """``rx.match(norm, pos, line_end)``, in time bounded by MATCH_REACH, not by the line."""
    cut = pos + MATCH_REACH
    if cut >= line_end:
        return rx.match(norm, pos, line_end)
    m = rx.match(norm, pos, cut)
    if m is not None and m.end() > cut - _REACH_MARGIN:
        return rx.match(norm, pos, line_end)
    return m


def window_matches(rule: Rule, ctx: ArticleContext, anchors: list[int], lookback: int):
    """Matches of ``rule`` that contain one of ``anchors`` and start at most ``lookback``
    characters before it, on its line: the rule is tried at each syllable start of that
    window, earliest first. A date rule scanned over every character of an article costs
    a tenth of the segmentation; its anchors are a few dozen positions.
    """
    norm = ctx.norm
    last_end = ctx.body_start
    head = rule.options.get("head")
    if head is not None:   # where the head matches, shared by the rules with this head
        head_at = ctx.cache.setdefault(("head", head.pattern), {})
    for a in anchors:
        if a < last_end:
            continue
        line_start, line_end = line_bounds(ctx, a)
        line_end = min(line_end, ctx.body_end)
        if lookback <= 1:
            cands = (a,)
        else:
            cands = syllable_starts(ctx, max(last_end, line_start, a - lookback), a)
            if not cands or cands[-1] != a:
                cands.append(a)
        for s in cands:
            if head is not None:
                # a match at s begins with a match of the head at s, found within the same
                # reach (match_in_line tries the rule there first): no head, no match
                ok = head_at.get(s)
                if ok is None:
                    ok = head_at[s] = head.match(norm, s, min(line_end, s + MATCH_REACH)) is not None
                if not ok:
                    continue
            m = match_in_line(rule.regex, norm, s, line_end)
            if m and m.end() > a:
                yield m
                last_end = m.end()
                break


_DIGIT_RUN = regex.compile(r"(?<![\d.,])\d")
# how far back a prefix (qualifier + change + qualifier: "ước tăng không quá") may start
_PREFIX_CHARS = 32


def number_anchors(ctx: ArticleContext) -> list[int]:
    """Start offsets of every number in the body: digit runs and number-word tokens.

    Cached on the context; shared by every rule with ``anchor = "number"``.
    """
    cached = ctx.cache.get("number_anchors")
    if cached is not None:
        return cached
    starts = {m.start() for m in _DIGIT_RUN.finditer(ctx.norm, ctx.body_start, ctx.body_end)}
    first = _number_word_starts()
    # a word whose first syllable is a number word: such a word starts on a syllable that
    # is one (number words are letters only), so only there is the text segmented
    seg, folded = ctx.tokens, ctx.folded
    cands = []
    rx = _number_word_rx()
    at = literal_hits(rx, folded, ctx.body_start, ctx.body_end)   # str.find on the words
    if at is None:
        at = [m.start() for m in rx.finditer(folded, ctx.body_start, ctx.body_end, overlapped=True)]
    for p in at:
        syl = seg.syllable_at(p)
        if syl is not None and folded[syl[0]:syl[1]].split(" ", 1)[0] in first:
            cands.append(p)
    seg.settle_around(cands)   # nearby candidates share a window
    for p in cands:
        word = seg.word_starting_at(p)
        if word is not None and folded[word[0]:word[1]].split(" ", 1)[0] in first:
            starts.add(word[0])
    anchors = sorted(starts)
    ctx.cache["number_anchors"] = anchors
    return anchors


_NW_START: frozenset | None = None
_NW_RX: regex.Pattern | None = None


def _number_word_rx() -> regex.Pattern:
    """Any number word in the folded text, even inside another word (checked afterwards)."""
    global _NW_RX
    if _NW_RX is None:
        alt = "|".join(sorted(map(regex.escape, _number_word_starts()), key=len, reverse=True))
        _NW_RX = regex.compile(alt)
    return _NW_RX


def _number_word_starts() -> frozenset:
    global _NW_START
    if _NW_START is None:
        nw = number_words()
        _NW_START = frozenset(nw["digits"] + ["mười"])
    return _NW_START


def anchored_matches(rule: Rule, ctx: ArticleContext):
    """The matches ``finditer`` would give for a rule that always contains a number, found
    by trying the rule only where a number starts, or where the qualifier and change words
    right before it start. Scanning every character with the full rule regex costs about
    as much as the segmentation; numbers are a few dozen per article. A rule with ``near``
    is tried only at numbers that its cheap ``near`` regex finds soon after.
    """
    norm = ctx.norm
    last_end = ctx.body_start
    prefixes = prefix_starts(ctx)
    at_number = rule.options.get("at_number", rule.regex)
    prefix_set = ctx.cache["prefix_set"]   # where some prefix starts (set by prefix_starts)
    near = rule.options.get("near")
    if near is not None:
        hits = hit_starts(ctx, near)
        if not hits:
            return
        ahead = rule.options["lookahead"]
    for a in number_anchors(ctx):
        if a < last_end:
            continue
        if near is not None:
            i = bisect_left(hits, a)
            if i == len(hits) or hits[i] > a + ahead:
                continue
        line_end = min(line_bounds(ctx, a)[1], ctx.body_end)
        p = prefixes.get(a)
        for s in ((p, a) if p is not None and p >= last_end else (a,)):
            # {pre} can only be empty at a number, unless a prefix starts there ("không quá 35")
            m = match_in_line(at_number if s == a and a not in prefix_set else rule.regex, norm, s, line_end)
            if m and m.start() <= a < m.end():
                yield m
                last_end = m.end()
                break


def prefix_starts(ctx: ArticleContext) -> dict[int, int]:
    """For each number anchor, where the qualifier/change words right before it begin.

    Computed once per article for all rules: ``{pre}`` is tried only where a word that can
    begin it stands in the few characters before the number (found in one scan of the
    folded body), and the earliest one that ends at the number wins.
    """
    cached = ctx.cache.get("prefix_starts")
    if cached is not None:
        return cached
    pre, first = _prefix_regexes()
    norm = ctx.norm
    starts = [m.start() for m in word_matches(first, ctx.folded, ctx.body_start, ctx.body_end)]
    out = {}
    for a in number_anchors(ctx):
        lo = max(line_bounds(ctx, a)[0], a - _PREFIX_CHARS)
        for i in range(bisect_left(starts, lo), bisect_left(starts, a)):
            m = pre.match(norm, starts[i], a)
            if m and m.end() == a and m.end() > m.start():
                out[a] = m.start()
                break
    ctx.cache["prefix_starts"] = out
    ctx.cache["prefix_set"] = frozenset(out.values())
    return out


_PRE_RX = None


def word_matches(rx: regex.Pattern, text: str, start: int, end: int):
    """``rx.finditer(text, start, end)``; for a whole-word alternation of literals
    (``(?<![\\p{L}\\p{N}])(?:khoảng|không|…)``) found by ``str.find`` on their first words
    (literal_hits.word_start_matches), which the regex module scans slowly."""
    heads = _word_heads_of(rx.pattern)
    if heads is None:
        return rx.finditer(text, start, end)
    return word_start_matches(rx, text, heads, start, end)


@lru_cache(maxsize=256)
def _word_heads_of(pattern: str) -> tuple[str, ...] | None:
    if not pattern.startswith(r"(?<![\p{L}\p{N}])") or "(?i" in pattern:
        return None
    keys = keys_of(pattern)
    return word_heads(keys) if keys else None


def _prefix_regexes():
    """``{pre}``, and a regex for the words that can begin it (on the folded text)."""
    global _PRE_RX
    if _PRE_RX is None:
        from .patterns import expand
        words = load_toml("quantities/words.toml")
        firsts = {fold(w).split()[0] for section in ("qualifier", "change")
                  for ws in words[section].values() for w in ws}
        _PRE_RX = (regex.compile(expand("{pre}", shared_pieces(), "pieces.toml {pre}"), regex.V1),
                   regex.compile(alternation(sorted(firsts)), regex.V1))
    return _PRE_RX


# how far back on its line ``reject_before_regex`` looks
_BEFORE_CHARS = 48


def rejected_by_context(m: regex.Match, rule: Rule, ctx: ArticleContext) -> bool:
    """Apply the rule's ``reject_before`` words, ``reject_before_regex`` (a regex that must
    not end right at the match: words the segmenter glues to the match, "Cách mạng tháng
    Tám") and ``reject_after`` regex."""
    opts = rule.options
    before = opts.get("reject_before")
    if before:
        if preceded_by(ctx, m.start(), before):
            return True
    before_rx = opts.get("reject_before_regex")
    if before_rx:
        lo = max(ctx.norm.rfind("\n", 0, m.start()) + 1, m.start() - _BEFORE_CHARS)
        if _compiled(f"(?:{before_rx})\\s*\\Z").search(ctx.norm, lo, m.start()):
            return True
    after = opts.get("reject_after")
    if after and _compiled(after).match(ctx.norm, m.end()):
        return True
    return False


_cache: dict = {}


def folded_set(words) -> frozenset[str]:
    """``words`` folded, one space between syllables; cached per word list."""
    key = ("fold", tuple(words))
    if key not in _cache:
        _cache[key] = frozenset(" ".join(fold(w).split()) for w in words)
    return _cache[key]


def preceded_by(ctx: ArticleContext, pos: int, words, n: int = 3) -> bool:
    """True when the (up to ``n``) words right before ``pos``, on its line, end with one of
    ``words`` ("ngày", "thứ hai"), compared folded."""
    return not word_suffixes(ctx.words_before(pos, n)).isdisjoint(folded_set(words))


def _compiled(pattern: str) -> regex.Pattern:
    key = ("rx", pattern)
    if key not in _cache:
        _cache[key] = regex.compile(pattern, regex.V1 | regex.IGNORECASE)
    return _cache[key]
