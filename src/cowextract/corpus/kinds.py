"""What tells apart two meetings held by the same people at the same place and time: the
kind of gathering a report describes, and the round of a series it names. Read from the
report's own words (its evidence and every mention of it), as `corpus.json` lists them.

- kind: a meal ('a banquet hosted by …'), a signing ('the accord signed on …'), a phone call,
  else a meeting. A summit and the dinner that opens it, or the accord signed at it, are
  meetings of their own: reports of different kinds are never one event.
- rounds: 'the second round of talks', 'the 23rd annual summit'. Reports naming different
  rounds of a series are never one event (the same parties meet at one place round after
  round)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from cowextract.resources import data

MEETING = "meeting"


@lru_cache(maxsize=1)
def _kind_patterns() -> list[tuple[str, re.Pattern]]:
    kinds = data("corpus.json")["meeting_kinds"]
    return [(kind, re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])", re.I))
        for kind, words in kinds.items()]


@lru_cache(maxsize=1)
def _round_pattern() -> tuple[re.Pattern, dict[str, int]]:
    ours = data("corpus.json")
    ordinals = {w: i + 1 for i, w in enumerate(ours["round_ordinals"])}
    words = "|".join(ordinals) + r"|\d{1,3}(?:st|nd|rd|th)"
    nouns = "|".join(sorted(ours["round_nouns"], key=len, reverse=True))
    # 'the third round', 'the 23rd annual summit', 'a second, shorter session'
    pattern = re.compile(rf"\b({words})\b[\s,]+(?:[\w-]+[\s,]+){{0,2}}?(?:{nouns})\b", re.I)
    return pattern, ordinals


def _kind(text: str) -> str:
    """The first of `meeting_kinds` a text names (signing, meal, call), else a meeting."""
    for kind, pattern in _kind_patterns():
        if pattern.search(text):
            return kind
    return MEETING


def kind_of(texts: Iterable[str]) -> str:
    """The kind of gathering a report's words describe: the kind most of its texts (its
    evidence first, then its mentions) name, the evidence's on a tie. One mention of the
    dinner that opened a summit does not make the summit a meal."""
    kinds = [_kind(t) for t in texts if t]
    if not kinds:
        return MEETING
    votes = Counter(kinds)
    return max(votes, key=lambda k: (votes[k], k == kinds[0]))


def rounds_of(texts: Iterable[str]) -> frozenset[int]:
    """The rounds of a series a report names ('the second round' → 2)."""
    pattern, ordinals = _round_pattern()
    found = set()
    for text in texts:
        for m in pattern.finditer(text):
            word = m.group(1).lower()
            found.add(ordinals[word] if word in ordinals else int(word[:-2]))
    return frozenset(found)
