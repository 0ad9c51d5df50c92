"""underthesea's word-segmentation CRF, decoded here from the model's own weights.

underthesea tags each syllable B-W / I-W with a linear-chain CRF (CRFsuite model in its
wheel) over 43 feature templates that look two syllables either way. Its Rust featurizer
builds those 43 feature strings for every syllable, as Python strings, before tagging:
that is three quarters of ``word_tokenize``'s time. A feature's weight only depends on the
syllables it names, so here the weights are summed once per syllable, per pair and per
triple of syllables (bounded caches) and Viterbi runs over the summed scores. The model,
its feature templates, its dictionary and its decoding are the same, so the tags are the
same as ``word_tokenize``'s (tests/test_wordcrf.py compares both, feature by feature and
tag by tag; bench/bench.py --parts equality compares the records over the news corpora).

What the featurizer does with a syllable, checked against underthesea_core 3.3:
``lower`` is ``str.lower``; ``istitle`` holds when each space-separated part's first
character is its own upper case (``"1a"``, ``"Hà Nội"``, ``"ª"``; not ``"Hà nội"``);
``isdigit`` when the syllable parses as a 32-bit signed integer (``"007"``, not
``"2147483648"`` nor ``"²"``); ``is_in_dict`` looks the lower-cased text up in the model's
dictionary. A syllable with a character outside the scripts checked (``SAFE_CHARS``) sends
its text to underthesea's own featurizer instead, so nothing rests on an unchecked guess.
"""
from __future__ import annotations

import struct
from os.path import dirname, join

import regex

TEMPLATES = [
    'T[-2]', 'T[-1]', 'T[0]', 'T[1]', 'T[2]', 'T[-2,-1]', 'T[-1,0]', 'T[0,1]', 'T[1,2]', 'T[-2,0]',
    'T[-1,1]', 'T[0,2]', 'T[-2].lower', 'T[-1].lower', 'T[0].lower', 'T[1].lower', 'T[2].lower',
    'T[-2,-1].lower', 'T[-1,0].lower', 'T[0,1].lower', 'T[1,2].lower', 'T[-1].isdigit', 'T[0].isdigit',
    'T[1].isdigit', 'T[-2].istitle', 'T[-1].istitle', 'T[0].istitle', 'T[1].istitle', 'T[2].istitle',
    'T[0,1].istitle', 'T[0,2].istitle', 'T[-2].is_in_dict', 'T[-1].is_in_dict', 'T[0].is_in_dict',
    'T[1].is_in_dict', 'T[2].is_in_dict', 'T[-2,-1].is_in_dict', 'T[-1,0].is_in_dict', 'T[0,1].is_in_dict',
    'T[1,2].is_in_dict', 'T[-2,0].is_in_dict', 'T[-1,1].is_in_dict', 'T[0,2].is_in_dict']

# Characters whose lower case, upper case and digit-ness Python and the Rust featurizer were
# checked to agree on (tests/test_wordcrf.py goes through every one): Latin (Vietnamese
# included), IPA, Greek, Cyrillic, control characters (a stray backspace is in 1 % of the
# news articles; any other character sends its whole article to underthesea's featurizer,
# twice the cost of the rest of the pipeline), the punctuation, symbols and spaces news
# carries. Left out: titlecase digraphs (ǅ), ƛ and ɤ, which Rust's newer Unicode gives an
# upper case that Python 3.11's has not, and Σ, whose lower case depends on its neighbours.
SAFE_CHARS = regex.compile(
    r"[\x00-\u019a\u019c-\u01c4\u01c6\u01c7\u01c9\u01ca\u01cc-\u01f1\u01f3-\u0263\u0265-\u03a2\u03a4-\u04ff"
    r"\u1e00-\u1eff\u2000-\u20bf\u2100-\u214f\u2190-\u21ff"
    r"\u2200-\u22ff\u2460-\u24ff\u2500-\u25ff\u2600-\u26ff\ufe00-\ufe0f]*")
_INT = regex.compile(r"[+-]?[0-9]+")
# a Viterbi choice this close to a tie is left to underthesea's tagger (WordCRF.viterbi)
TIE = 1e-9
_CACHE_CAP = 200_000   # entries per cache; cleared when full (memory stays flat on long batches)


def read_crfsuite(path: str):
    """Labels, state weights ``{(attribute, label): w}`` and transitions ``{(from, to): w}``
    of a CRFsuite model file (the format underthesea_core reads), at full precision."""
    with open(path, "rb") as f:
        b = f.read()
    magic, _, kind, _, _, _, _, off_feat, off_labels, off_attrs, _, _ = struct.unpack_from("<4sI4sIIIIIIIII", b, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a CRFsuite first-order model")
    labels, attrs = _cqdb(b, off_labels), _cqdb(b, off_attrs)
    chunk, _, n = struct.unpack_from("<4sII", b, off_feat)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: no feature chunk")
    state, trans = {}, {}
    for kind_, src, dst, w in struct.iter_unpack("<IIId", b[off_feat + 12:off_feat + 12 + 20 * n]):
        if kind_ == 0:
            state[(attrs[src], labels[dst])] = w
        else:
            trans[(labels[src], labels[dst])] = w
    return [labels[i] for i in sorted(labels)], state, trans


def _cqdb(b: bytes, base: int) -> dict[int, str]:
    """id -> string of a CQDB chunk (CRFsuite's string table), from its backward array."""
    magic, _, _, _, n, bwd = struct.unpack_from("<4sIIIII", b, base)
    if magic != b"CQDB":
        raise ValueError("not a CQDB chunk")
    out = {}
    for (off,) in struct.iter_unpack("<I", b[base + bwd:base + bwd + 4 * n]):
        if off:
            id_, size = struct.unpack_from("<II", b, base + off)
            out[id_] = b[base + off + 8:base + off + 7 + size].decode("utf-8")
    return out


def istitle(text: str) -> bool:
    return all(p[:1].upper() == p[:1] for p in text.split(" "))


def isdigit(text: str) -> bool:
    return bool(_INT.fullmatch(text)) and -2147483648 <= int(text) <= 2147483647


class WordCRF:
    """Tags syllables B-W / I-W exactly as underthesea's word-segmentation model does."""

    def __init__(self, model_dir: str | None = None):
        import joblib
        if model_dir is None:
            import underthesea.pipeline.word_tokenize as wt
            model_dir = join(dirname(wt.__file__), "models", "ws_crf_vlsp2013_20230727")
        if list(joblib.load(join(model_dir, "features.bin"))) != TEMPLATES:
            raise ValueError(f"{model_dir}: feature templates differ from the ones decoded here")
        self.dictionary = frozenset(joblib.load(join(model_dir, "dictionary.bin")))
        labels, state, trans = read_crfsuite(join(model_dir, "models.bin"))
        if labels != ["B-W", "I-W"]:
            raise ValueError(f"{model_dir}: labels {labels}")
        # Viterbi over two labels needs only score differences B - I
        diff: dict[str, float] = {}
        for (attr, label), w in state.items():
            diff[attr] = diff.get(attr, 0.0) + (w if label == "B-W" else -w)
        self.w = diff
        self.tBB, self.tBI = trans.get(("B-W", "B-W"), 0.0), trans.get(("B-W", "I-W"), 0.0)
        self.tIB, self.tII = trans.get(("I-W", "B-W"), 0.0), trans.get(("I-W", "I-W"), 0.0)
        # the weights grouped by what a feature names: values -> weights at each offset
        z5, z4, z3 = (0.0,) * 5, (0.0,) * 4, (0.0,) * 3
        self.z5, self.z4, self.z3 = z5, z4, z3
        groups = {name: {} for name in ("raw1", "low1", "digit1", "title1", "dict1", "raw2", "low2", "dict2",
                                        "title01", "raw3", "dict3", "title02")}
        slots = {}
        for k in range(-2, 3):
            slots[f"T[{k}]"] = ("raw1", k + 2, 5)
            slots[f"T[{k}].lower"] = ("low1", k + 2, 5)
            slots[f"T[{k}].isdigit"] = ("digit1", k + 2, 5)
            slots[f"T[{k}].istitle"] = ("title1", k + 2, 5)
            slots[f"T[{k}].is_in_dict"] = ("dict1", k + 2, 5)
        for k in range(-2, 2):
            slots[f"T[{k},{k + 1}]"] = ("raw2", k + 2, 4)
            slots[f"T[{k},{k + 1}].lower"] = ("low2", k + 2, 4)
            slots[f"T[{k},{k + 1}].is_in_dict"] = ("dict2", k + 2, 4)
        slots["T[0,1].istitle"] = ("title01", 2, 4)
        for k in range(-2, 1):
            slots[f"T[{k},{k + 2}]"] = ("raw3", k + 2, 3)
            slots[f"T[{k},{k + 2}].is_in_dict"] = ("dict3", k + 2, 3)
        slots["T[0,2].istitle"] = ("title02", 2, 3)
        for attr, w in diff.items():
            name, _, value = attr.partition("=")
            group, col, width = slots[name]
            row = groups[group].setdefault(value, [0.0] * width)
            row[col] += w
        self.g = {name: {v: tuple(r) for v, r in d.items()} for name, d in groups.items()}
        g = self.g
        # a syllable outside the sequence: every feature that names it has the value BOS / EOS
        self.uni_out = {side: _add(g["raw1"].get(side, z5), g["low1"].get(side, z5), g["digit1"].get(side, z5),
                                   g["title1"].get(side, z5), g["dict1"].get(side, z5)) for side in ("BOS", "EOS")}
        self.pair_out = {side: _add(g["raw2"].get(side, z4), g["low2"].get(side, z4), g["dict2"].get(side, z4),
                                    g["title01"].get(side, z4)) for side in ("BOS", "EOS")}
        self.tri_out = {side: _add(g["raw3"].get(side, z3), g["dict3"].get(side, z3), g["title02"].get(side, z3))
                        for side in ("BOS", "EOS")}
        self._uni: dict = {}
        self._pair: dict = {}
        g1 = self.g
        self._raw1, self._low1, self._digit1 = g1["raw1"], g1["low1"], g1["digit1"]
        self._title1, self._dict1 = g1["title1"], g1["dict1"]
        self._raw2, self._low2, self._dict2, self._title01 = g1["raw2"], g1["low2"], g1["dict2"], g1["title01"]
        self._raw3, self._dict3, self._title02 = g1["raw3"], g1["dict3"], g1["title02"]
        # most triples are neither a feature value nor a dictionary entry: the pair of their
        # first two syllables tells (one set look-up, cached with the pair)
        self._raw3_heads = frozenset(" ".join(v.split(" ")[:2]) for v in self._raw3)
        self._dict3_heads = frozenset(" ".join(w.split(" ")[:2]) for w in self.dictionary if w.count(" ") >= 2)
        self._tri_const = {(d, t): _add(self._dict3.get(str(d), z3), self._title02.get(str(t), z3))
                           for d in (False, True) for t in (False, True)}
        # the weights of a feature whose value is True or False ("T[0,1].istitle=True"), by the bool
        self._dict2_of = {v: self._dict2.get(str(v), z4) for v in (False, True)}
        self._title01_of = {v: self._title01.get(str(v), z4) for v in (False, True)}

    # --- summed weights --------------------------------------------------------------------
    def _unigram(self, t: str) -> tuple:
        """(weights at offsets -2..2, lower case, istitle) of syllable ``t``; cached."""
        low, z = t.lower(), self.z5
        title = istitle(t)
        a, b, c, d, e = (self._raw1.get(t, z), self._low1.get(low, z), self._digit1.get(str(isdigit(t)), z),
                         self._title1.get(str(title), z), self._dict1.get(str(low in self.dictionary), z))
        # summed in the order _add sums, to the same floats
        w = (a[0] + b[0] + c[0] + d[0] + e[0], a[1] + b[1] + c[1] + d[1] + e[1], a[2] + b[2] + c[2] + d[2] + e[2],
             a[3] + b[3] + c[3] + d[3] + e[3], a[4] + b[4] + c[4] + d[4] + e[4])
        u = self._uni[t] = (w, low, title)
        return u

    def _pair_of(self, key: tuple, ua: tuple, ub: tuple) -> tuple:
        """(weights at offsets -2..1, may begin a raw triple, may begin a dictionary triple)
        of the syllable pair ``key``; cached."""
        (_, la, ta), (_, lb, tb), z = ua, ub, self.z4
        low = f"{la} {lb}"
        raw = low if key[0] == la and key[1] == lb else f"{key[0]} {key[1]}"   # mostly lower case
        a, b, c, d = (self._raw2.get(raw, z), self._low2.get(low, z), self._dict2_of[low in self.dictionary],
                      self._title01_of[ta and tb])
        p = self._pair[key] = ((a[0] + b[0] + c[0] + d[0], a[1] + b[1] + c[1] + d[1], a[2] + b[2] + c[2] + d[2],
                                a[3] + b[3] + c[3] + d[3]),
                               raw in self._raw3_heads, low in self._dict3_heads)
        return p

    def emissions(self, toks: list[str]) -> list[float]:
        """Score B-W minus score I-W of each syllable of ``toks``."""
        uc, pc = self._uni, self._pair
        if len(uc) > _CACHE_CAP:
            uc.clear()
        if len(pc) > _CACHE_CAP:
            pc.clear()
        uget, pget, unigram, pair_of = uc.get, pc.get, self._unigram, self._pair_of
        info = [uget(t) or unigram(t) for t in toks]
        pair_info = [pget(k) or pair_of(k, ua, ub) for k, ua, ub in zip(zip(toks, toks[1:]), info, info[1:])]
        words, raw3, tri_const = self.dictionary, self._raw3, self._tri_const
        tris = []
        for (_, may_raw, may_dict), (_, la, ta), (_, lb, tb), (_, lc, tc), t0, t1, t2 in zip(
                pair_info, info, info[1:], info[2:], toks, toks[1:], toks[2:]):
            # a triple seldom repeats: not cached; its pair and its parts' istitle are
            c = tri_const[(may_dict and f"{la} {lb} {lc}" in words, ta and tb and tc)]
            r = raw3.get(f"{t0} {t1} {t2}") if may_raw else None
            tris.append((c[0] + r[0], c[1] + r[1], c[2] + r[2]) if r is not None else c)
        pairs = [p[0] for p in pair_info]
        bos, eos = self.uni_out["BOS"], self.uni_out["EOS"]
        uni = [bos, bos] + [u[0] for u in info] + [eos, eos]   # uni[j + 2] is syllable j
        pb, pe = self.pair_out["BOS"], self.pair_out["EOS"]
        pairs = [pb, pb] + pairs + [pe, pe]          # pairs[j + 2]: syllables j, j + 1
        tb, te = self.tri_out["BOS"], self.tri_out["EOS"]
        tris = [tb, tb] + tris + [te, te]            # tris[j + 2]: syllables j .. j + 2
        return [u0[0] + u1[1] + u2[2] + u3[3] + u4[4] + p0[0] + p1[1] + p2[2] + p3[3] + t0[0] + t1[1] + t2[2]
                for u0, u1, u2, u3, u4, p0, p1, p2, p3, t0, t1, t2
                in zip(uni, uni[1:], uni[2:], uni[3:], uni[4:], pairs, pairs[1:], pairs[2:], pairs[3:],
                       tris, tris[1:], tris[2:])]

    def tag(self, toks: list[str]) -> list[bool]:
        """True (B-W: a word starts here) or False (I-W) for each syllable; Viterbi."""
        if not toks:
            return []
        if not SAFE_CHARS.fullmatch("".join(toks)):
            return _underthesea_tags(toks)
        tags = self.viterbi(self.emissions(toks))
        return _underthesea_tags(toks) if tags is None else tags

    def viterbi(self, em: list[float]) -> list[bool] | None:
        """The best B-W/I-W sequence for the emission differences ``em``; None on a tie.

        With two labels, Viterbi needs only d = score(B) - score(I) of the best path so far.
        Where both labels take the same best predecessor the new d does not depend on the
        old one; it is then computed from constants alone, so two runs over different
        left contexts give the very same float from there on (``Segmentation`` relies on it).

        Two paths can score the same: syllables whose features all weigh alike ("HP 280 Pro
        G5 Small Form Factor"). CRFsuite sums each label's score on its own, so which path
        its floats keep is not the one these differences keep; within ``TIE`` of a tie the
        caller asks underthesea's tagger instead.
        """
        tBB, tBI, tIB, tII = self.tBB, self.tBI, self.tIB, self.tII
        from_b, from_i = tBB - tBI, tIB - tII
        d = em[0]
        back = []
        for e in em[1:]:
            b_b = d + tBB >= tIB      # the best predecessor of B is B
            b_i = d + tBI >= tII      # the best predecessor of I is B
            if -TIE < d + tBB - tIB < TIE or -TIE < d + tBI - tII < TIE:
                return None
            if b_b == b_i:
                d = e + (from_b if b_b else from_i)
            else:
                d = e + (d + tBB if b_b else tIB) - (d + tBI if b_i else tII)
            back.append((b_b, b_i))
        if -TIE < d < TIE:
            return None
        y = d >= 0
        tags = [y]
        for b_b, b_i in reversed(back):
            y = b_b if y else b_i
            tags.append(y)
        tags.reverse()
        return tags

    def settled(self, em: list[float], exact_from: int, exact_to: int,
                open_left: bool, open_right: bool) -> tuple[int, int] | None:
        """The stretch of a window whose tags cannot depend on the text outside it.

        ``em`` are the window's emissions; those from ``exact_from`` to ``exact_to`` equal the
        ones of the whole text (the features of the others saw BOS/EOS instead of the
        neighbours). ``open_left``/``open_right``: the text goes on past that edge.

        Forward, d (best score with B here minus with I) after an unknown left context is
        only known to lie in an interval; each step maps it through a function of slope
        0 or ±1 that is constant outside [min τ, max τ] (τ: where the best predecessor
        changes). Once the interval lies in a constant part it is a single value, equal for
        the window and the whole text. Backward likewise for e (best score of the rest with
        B minus with I). Where both are settled, the tag (sign of d + e) is the same in the
        window and in the whole text. Returns (first, last) window positions, or None.
        """
        tBB, tBI, tIB, tII = self.tBB, self.tBI, self.tIB, self.tII
        first, last = 0, len(em) - 1
        if open_left:
            lo_b, hi_b = min(tIB - tBB, tII - tBI), max(tIB - tBB, tII - tBI)

            def step(e, d):
                d = lo_b if d < lo_b else hi_b if d > hi_b else d
                return e + max(d + tBB, tIB) - max(d + tBI, tII)

            lo, hi = float("-inf"), float("inf")
            first = None
            for p in range(exact_from, exact_to + 1):
                a, b = step(em[p], lo), step(em[p], hi)
                lo, hi = min(a, b), max(a, b)   # linear between the breakpoints: the ends suffice
                if lo == hi:
                    first = p
                    break
            if first is None:
                return None
        if open_right:
            lo_k, hi_k = min(tBI - tBB, tII - tIB), max(tBI - tBB, tII - tIB)

            def back(e_next, x):
                x = e_next + x
                x = lo_k if x < lo_k else hi_k if x > hi_k else x
                return max(tBB + x, tBI) - max(tIB + x, tII)

            lo, hi = float("-inf"), float("inf")
            last = None
            for p in range(exact_to - 1, exact_from - 1, -1):
                a, b = back(em[p + 1], lo), back(em[p + 1], hi)
                lo, hi = min(a, b), max(a, b)
                if lo == hi:
                    last = p
                    break
            if last is None:
                return None
        return (first, last) if first <= last else None

def _add(*rows: tuple) -> tuple:
    return tuple(map(sum, zip(*rows)))


def _underthesea_tags(toks: list[str]) -> list[bool]:
    from .segment import _word_model
    return [t != "I-W" for t in _word_model().predict([[t] for t in toks])]


_MODEL: WordCRF | None = None


def word_crf() -> WordCRF:
    global _MODEL
    if _MODEL is None:
        _MODEL = WordCRF()
    return _MODEL
