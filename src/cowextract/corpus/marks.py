"""The named things a report is about besides its parties: 'Patriot missile batteries', 'the
PURL programme', 'the Taurus'. Two pledges of one country of one kind, neither with a figure,
are one pledge only when their words name such a thing in common: a country pledges
equipment or troops again and again, and its name alone does not tell which pledge.

A mark is a run of capitalised words inside a sentence (not its first word) that the actor
registry does not know as an actor (countries, capitals, demonyms, people and bodies it
lists are parties, not things), with titles ('Chancellor', 'Secretary General') and the
calendar words of `corpus.json` left out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from cowextract.corpus.places import fold
from cowextract.resources import data

# A run of capitalised words or acronyms ('Patriot', 'IRIS-T', 'Storm Shadow'); a lone
# capital letter ('I') is none.
_RUN = re.compile(r"(?<![\w.’'-])(?:[A-Z][\w’'-]*[\w]|[A-Z]{2,})(?:\s+(?:[A-Z][\w’'-]*[\w]|"
                  r"[A-Z]{2,}))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*|[“\"(\[]\s*|[-–—•]\s+)$")


@lru_cache(maxsize=1)
def _ignored() -> frozenset[str]:
    titles = {form for forms in data("names.json")["titles"].values() for form in forms}
    return frozenset(titles | set(data("corpus.json")["mark_stop_words"]))


@lru_cache(maxsize=1)
def _registry():
    from cowextract.actors.registry import default_registry

    return default_registry()


@lru_cache(maxsize=16384)
def _mark(run: str) -> str | None:
    """The thing a run of capitalised words names, or None (an actor, a title, a date)."""
    words = run.split()
    ignored = _ignored()
    while words:  # 'Chancellor Merz', 'Secretary General Rutte'
        title = next((k for k in (3, 2, 1) if fold(" ".join(words[:k])) in ignored), 0)
        if not title:
            break
        words = words[title:]
    if not words or _registry().exact(" ".join(words)) is not None:
        return None
    if all(fold(w) in ignored or _registry().exact(w) is not None for w in words):
        return None
    return fold(" ".join(words))


def marks_of(texts: Iterable[str]) -> frozenset[str]:
    """The named things some texts mention (see the module's docstring)."""
    found = set()
    for text in texts:
        for m in _RUN.finditer(text):
            if _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]):
                continue
            mark = _mark(m.group(0))
            if mark:
                found.add(mark)
    return frozenset(found)
