"""Names as text: the lookup key of a mention, and the word lists (`data/names.json`) that
tell a title, an honorific or a body's department from a name."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cowextract.resources import data

_WORDS = data("names.json")
# Canonical office titles, keyed by their normalised spellings; "<leader>" stands for the
# top post of whatever body it is asked of.
LEADER = "<leader>"
TITLES: dict[str, str] = {form: canon for canon, forms in _WORDS["titles"].items()
                          for form in forms}
# If a body has no holder of the asked title, these stand in ("the EU's top diplomat").
TITLE_FALLBACKS: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in _WORDS["title_fallbacks"].items()}
# Most titles name their holder on the article's date, or nothing. A spokesperson phrase
# names the body spoken for ("a Kremlin spokesman" is Russia): there are many spokespeople.
# An envoy phrase names the holder when there is just one, else the body.
BODY_TITLES = frozenset(_WORDS["body_titles"])
AFFILIATION_TITLES = frozenset(_WORDS["affiliation_titles"])
LEADER_ORDER = tuple(_WORDS["leader_order"])
# Words that head a phrase standing for the body that qualifies it ("Germany's leadership").
GROUP_HEADS = frozenset(_WORDS["group_heads"])
GROUP_PHRASES = frozenset(_WORDS["group_phrases"])
# Filler words allowed in a title prefix; "former" and friends make the holder unknowable.
FILLERS = frozenset(_WORDS["fillers"])
ARTICLES = frozenset(_WORDS["articles"])
NOT_HOLDER = frozenset(_WORDS["not_holder"])
HONORIFICS = frozenset(_WORDS["honorifics"]) | FILLERS | NOT_HOLDER
NON_ACTORS = frozenset(_WORDS["non_actors"])
# Surnames that are as often given names: never resolved alone from the registry.
GIVEN_NAMES = frozenset(_WORDS["given_names"])
PARTICLES = frozenset(_WORDS["particles"])

_FOLD = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss",
                       "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ʻ": "'",
                       "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"[\-‐‑‒–—―]+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_SPACES = re.compile(r"\s+")
STRIP = " \t\n\"“”«»()[]{},;:!?*"


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The lookup key of a mention: case- and accent-folded, dots and dashes dropped,
    possessive and a leading "the" removed, spaces collapsed."""
    s = unicodedata.normalize("NFKC", text).translate(_FOLD)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _DASHES.sub(" ", s.casefold()).replace(".", "").replace(",", " ")
    s = _SPACES.sub(" ", s).strip(STRIP + " ")
    s = _POSSESSIVE.sub("", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def compact(text: str) -> str:
    return re.sub(r"[\s.\-‐‑‒–—―]", "", text)


def is_short(key: str) -> bool:
    return len(key.replace(" ", "")) <= 3


def title_of(phrase: str) -> str | None:
    """The canonical title a phrase of title words ends in ("eu foreign policy chief")."""
    words = phrase.split()
    while words and words[-1] in ("of", "for", "in", "to"):
        words.pop()
    phrase = " ".join(words)
    if phrase in TITLES:
        return TITLES[phrase]
    if " of " in phrase:  # "spokesman of the prime minister": the head is the spokesman
        return title_of(phrase.split(" of ")[0])
    for i in range(1, len(words)):
        t = TITLES.get(" ".join(words[i:]))
        if t is not None:
            return t
    return None


@lru_cache(maxsize=65536)
def clean(mention: str) -> str:
    s = _SPACES.sub(" ", unicodedata.normalize("NFKC", mention)).strip(STRIP + ".")
    s = re.sub(r"['’]s?$", "", s) if re.search(r"\w['’]s$|s['’]$", s) else s
    return re.sub(r"^(?:the|The|THE)\s+", "", s).strip()
