"""Quotes across sources: when two reports give one utterance, and when they disagree on it.

One speaker's two quotes are one when their words are nearly the same (any day), or much
the same on one occasion (a few days apart), sharing content words, not only the common
words every sentence has. Quotes credited to two different speakers (or to an unknown
one) are one only when they share a long, distinctive run of words: "the Saudi government"
and "the Mexican government", or "I love you" twice, are not one quote. Two reports of one
quote conflict on its wording when the same speaker on the same occasion is quoted in
words that are neither the same nor a cut of the other (an outlet quoting less, or marking
a cut with an ellipsis, does not reword)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from cowextract.corpus.members import Cluster, Member
from cowextract.corpus.places import fold
from cowextract.corpus.timing import close, span
from cowextract.resources import data, words
from cowextract.settings import Settings

WORD_RE = re.compile(r"\w+")
CUT_RE = re.compile(r"\[?(?:…|\.\s?\.\s?\.)\]?")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return words("corpus.json", "quote_function_words")


def content(ws: frozenset[str] | set[str]) -> set[str]:
    """The words of a quote that are not common function words."""
    return {w for w in ws if w not in _function_words() and not w.isdigit()}


@lru_cache(maxsize=8192)
def content_of(ws: frozenset[str]) -> frozenset[str]:
    """`content` of a quote's word set, once per set (a frozenset keeps its hash)."""
    return frozenset(content(ws))


@lru_cache(maxsize=8192)
def tokens(text: str | None) -> tuple[str, ...]:
    return tuple(WORD_RE.findall((text or "").lower()))


@lru_cache(maxsize=8192)
def same_speaker(a: str | None, b: str | None) -> bool | None:
    """Whether two speaker names are one person or body: equal, or one the other's last
    words ('Strada' / 'Terry Strada'); None when either is unknown."""
    if not a or not b:
        return None
    wa, wb = fold(a).split(), fold(b).split()
    if wa == wb:
        return True
    short, long_ = sorted((wa, wb), key=len)
    return len(short) < len(long_) and long_[-len(short):] == short


def _day(value: str | None) -> date | None:
    sp = span(value)
    return sp[0] if sp and sp[0] == sp[1] else None


def same_occasion(a: str | None, b: str | None, s: Settings) -> bool:
    """Two days (occasions of quotes) at most `occasion_days` apart."""
    return close(_day(a), _day(b), s.occasion_days)


@lru_cache(maxsize=8192)
def _grams(text: str | None, n: int) -> frozenset[int]:
    """The hashes of a quote's n-word sequences."""
    words = tokens(text)
    return frozenset(hash(words[i:i + n]) for i in range(len(words) - n + 1))


def long_match(a: str | None, b: str | None, s: Settings) -> bool:
    """Two quotes sharing a run of at least `quote_long` words with `quote_distinctive`
    content words in it, the run covering most of the shorter quote."""
    ta, tb = tokens(a), tokens(b)
    # A shared run of n words is a shared n-word sequence: most pairs have none.
    if min(len(ta), len(tb)) < s.quote_long or _grams(a, s.quote_long).isdisjoint(
            _grams(b, s.quote_long)):
        return False
    size, at = _longest_run(ta, tb, s.quote_long)
    if size < s.quote_long or size < 0.6 * min(len(ta), len(tb)):
        return False
    return len(content(set(ta[at:at + size]))) >= s.quote_distinctive


def _longest_run(ta: tuple[str, ...], tb: tuple[str, ...], n: int) -> tuple[int, int]:
    """The longest run of words both have, at least `n` long (its length and where it
    starts in `ta`), found from their shared n-word sequences; (0, 0) if none."""
    starts: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(tb) - n + 1):
        starts.setdefault(tb[j:j + n], []).append(j)
    best = (0, 0)
    for i in range(len(ta) - n + 1):
        for j in starts.get(ta[i:i + n], ()):
            k = n
            while i + k < len(ta) and j + k < len(tb) and ta[i + k] == tb[j + k]:
                k += 1
            if k > best[0]:
                best = (k, i)
    return best


def similarity(m: Member, w: Member, s: Settings) -> float | None:
    """How alike quote `m` and a clustered wording `w` are, if they are one utterance."""
    return best_match(m, Cluster("", "statement", [w]), s)


@dataclass(frozen=True)
class _Index:
    """What a quote cluster's wordings offer a new quote: their speakers' last names and
    their n-word sequences, so that most candidate clusters are ruled out at once."""

    last_names: frozenset[str]
    grams: frozenset[int]


@lru_cache(maxsize=8192)
def _last_name(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def _index(c: Cluster, s: Settings) -> _Index:
    if c.quote_index is None:
        c.quote_index = _Index(
            frozenset(_last_name(w.speaker) for w in c.wordings if w.speaker),
            frozenset().union(*(_grams(w.quote, s.quote_long) for w in c.wordings)))
    return c.quote_index


def best_match(m: Member, c: Cluster, s: Settings) -> float | None:
    """The best `similarity` of quote `m` with any of cluster `c`'s wordings (None: it is
    not one utterance with any)."""
    return Probe(m, s).match(c)


class Probe:
    """One new quote, ready to be compared with many candidate clusters: each test is
    tried only where it can pass (one speaker's wordings of about the same length, long
    quotes that share a run of words)."""

    def __init__(self, m: Member, s: Settings):
        self.m, self.s = m, s
        self.size = len(m.words)
        self.low, self.high = s.quote_same * self.size, self.size / s.quote_same
        self.grams = _grams(m.quote, s.quote_long)
        self.last_name = _last_name(m.speaker) if m.speaker else None

    def match(self, c: Cluster) -> float | None:
        m, s = self.m, self.s
        index = _index(c, s)
        by_speaker = self.last_name is not None and self.last_name in index.last_names
        by_run = not self.grams.isdisjoint(index.grams)
        if not (by_speaker or by_run):
            return None
        best = None
        for w in c.wordings:
            other = w.words
            if by_speaker and self.low <= len(other) <= self.high and (
                    m.speaker == w.speaker or same_speaker(m.speaker, w.speaker)):
                found = _same_speaker_match(m, w, s)
                if found is not None and (best is None or found > best):
                    best = found
                    continue
            if by_run and long_match(m.quote, w.quote, s):
                n = len(m.words & other)
                found = max(n / (self.size + len(other) - n), s.quote_same)
                best = found if best is None else max(best, found)
        return best


def _same_speaker_match(m: Member, w: Member, s: Settings) -> float | None:
    """One speaker's two wordings: one utterance when nearly the same, or much the same on
    one occasion, sharing content words."""
    if m.words == w.words:
        return 1.0
    n = len(m.words & w.words)
    sim = n / (len(m.words) + len(w.words) - n)
    if sim < s.quote_same or len(content_of(m.words) & content_of(w.words)) < s.quote_content:
        return None
    if sim >= s.quote_identical or same_occasion(m.occasion, w.occasion, s):
        return sim
    return None


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[tuple[str, ...], ...], dict[str, str], frozenset[str]]:
    ours = data("corpus.json")
    fillers = tuple(sorted((tuple(f.split()) for f in ours["quote_fillers"]), key=len,
                           reverse=True))
    return fillers, ours["quote_contractions"], frozenset(ours["quote_material_words"])


@lru_cache(maxsize=8192)
def _normal(text: str) -> tuple[str, ...]:
    """A quote's words as wording is compared: contractions spelt out ('we've' → 'we
    have', "don't" → 'do not'), a plural 's' dropped, spoken fillers left out."""
    fillers, contractions, _ = _lexicon()
    flat = re.sub(r"\b(won|can|shan)[’']t\b", lambda m: {"won": "will", "can": "can",
                  "shan": "shall"}[m.group(1)] + " nt", text.lower())
    flat = re.sub(r"n[’']t\b", " nt", flat.replace("cannot", "can nt"))
    flat = re.sub(r"[’'](ve|re|ll|m|d|s)\b", r" \1", flat)
    out: list[str] = []
    for w in WORD_RE.findall(flat):
        if w == "s":  # a possessive or 'is': says nothing either way
            continue
        w = contractions.get(w, w)
        out.append(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    i, kept = 0, []
    while i < len(out):
        skip = next((len(f) for f in fillers if tuple(out[i:i + len(f)]) == f), 0)
        if skip and (i == 0 or skip > 1):  # 'well' or 'so' only where a sentence starts
            i += skip
            continue
        kept.append(out[i])
        i += 1
    return tuple(kept)


def _segments(text: str) -> list[tuple[str, ...]]:
    return [_normal(part) for part in CUT_RE.split(text) if _normal(part)]


def _cut_of(a: str, b: str) -> bool:
    """Every piece of `a` (split where it marks a cut) appears in `b`, in order."""
    within = " " + " ".join(_normal(b)) + " "
    at = 0
    for seg in _segments(a):
        piece = " " + " ".join(seg) + " "
        found = within.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece) - 1
    return True


def _material(words: list[str]) -> bool:
    """Words whose change alters what is said: content words, numbers, negations and
    quantities."""
    material = _lexicon()[2]
    return any(w in material or w.isdigit() or w not in _function_words() for w in words)


def reworded(a: str, b: str) -> bool:
    """The same quote in materially different words: once contractions, plurals and
    fillers are set aside and neither is a cut of the other (an outlet quoting less, or
    marking a cut with an ellipsis), a content word, number or negation differs where the
    two overlap (what one quotes beyond the other's end is not a rewording)."""
    na, nb = _normal(a), _normal(b)
    if na == nb or _cut_of(a, b) or _cut_of(b, a):
        return False
    ops = SequenceMatcher(None, na, nb, autojunk=False).get_opcodes()
    inner = [op for op in ops if op[0] != "equal"]
    # Leading or trailing extensions: one outlet began or ended the quote elsewhere.
    if inner and ops[0][0] != "equal" and ops[0] is inner[0]:
        inner = inner[1:]
    if inner and ops[-1][0] != "equal" and ops[-1] is inner[-1]:
        inner = inner[:-1]
    return any(_material([*na[i1:i2], *nb[j1:j2]]) for _, i1, i2, j1, j2 in inner)
