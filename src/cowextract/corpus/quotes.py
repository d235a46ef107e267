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
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from cowextract.corpus.members import Member, jaccard_sets
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


@lru_cache(maxsize=65536)
def tokens(text: str | None) -> tuple[str, ...]:
    return tuple(WORD_RE.findall((text or "").lower()))


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


def long_match(a: str | None, b: str | None, s: Settings) -> bool:
    """Two quotes sharing a run of at least `quote_long` words with `quote_distinctive`
    content words in it, the run covering most of the shorter quote."""
    ta, tb = tokens(a), tokens(b)
    if min(len(ta), len(tb)) < s.quote_long:
        return False
    run = SequenceMatcher(None, ta, tb, autojunk=False).find_longest_match(
        0, len(ta), 0, len(tb))
    if run.size < s.quote_long or run.size < 0.6 * min(len(ta), len(tb)):
        return False
    return len(content(set(ta[run.a:run.a + run.size]))) >= s.quote_distinctive


def similarity(m: Member, w: Member, s: Settings) -> float | None:
    """How alike quote `m` and a clustered wording `w` are, if they are one utterance."""
    sim = jaccard_sets(m.words, w.words)
    if same_speaker(m.speaker, w.speaker):
        if m.words == w.words:
            return 1.0
        shared = len(content(m.words & w.words))
        if shared >= s.quote_content and sim >= s.quote_identical:
            return sim
        if shared >= s.quote_content and sim >= s.quote_same and same_occasion(
                m.occasion, w.occasion, s):
            return sim
    if long_match(m.quote, w.quote, s):
        return max(sim, s.quote_same)
    return None


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[tuple[str, ...], ...], dict[str, str], frozenset[str]]:
    ours = data("corpus.json")
    fillers = tuple(sorted((tuple(f.split()) for f in ours["quote_fillers"]), key=len,
                           reverse=True))
    return fillers, ours["quote_contractions"], frozenset(ours["quote_material_words"])


@lru_cache(maxsize=65536)
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
