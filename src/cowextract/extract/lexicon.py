"""Trigger lexicons shipped as data (`data/events.json`), and phrase search over text."""

from __future__ import annotations

import re
from functools import cache

from cowextract.nlp.prefilter import first_char_guard
from cowextract.resources import data


@cache
def events_lexicon() -> dict:
    return data("events.json")


@cache
def phrase_re(words: tuple[str, ...]) -> re.Pattern:
    """One case-insensitive regex for a list of phrases, matched on word boundaries."""
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    pattern = r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"
    return re.compile(first_char_guard(pattern, re.IGNORECASE), re.IGNORECASE)


@cache
def lexicon_re(section: str, *keys: str) -> re.Pattern:
    """`phrase_re` of the phrases under these keys of a section of the events lexicon,
    compiled once: extractors ask for it for every sentence."""
    lex = events_lexicon()[section]
    return phrase_re(tuple(w for key in keys for w in lex[key]))


def find_phrases(text: str, words: list[str] | tuple[str, ...]) -> list[re.Match]:
    """Every occurrence of any phrase of `words` in `text`."""
    return list(phrase_re(tuple(words)).finditer(text))


def has_phrase(text: str, words: list[str] | tuple[str, ...]) -> bool:
    return phrase_re(tuple(words)).search(text) is not None
