"""Regex fragments the patterns are assembled from, most built from the vocabulary: a month
name, a weekday, a day of the month, a year in digits or words, a count, a unit, a part of
a period."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cowextract.extract.timex.vocabulary import (
    MONTHS,
    NUMBERS,
    ORDINALS,
    SEASONS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    WORD_NUMBERS,
)


def alt(words: Iterable[str], *, flags: str = "") -> str:
    """An alternation of `words`, longest first, a space matching any run of spaces."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                          reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _cased(words: Iterable[str]) -> list[str]:
    out = []
    for w in words:
        out += [w.capitalize(), w.upper()]
    return out


MONTH = r"(?:" + "|".join(
    sorted(_cased(MONTHS), key=len, reverse=True)) + r")\b\.?"
_WD_FULL = [w for w in WEEKDAYS if w.endswith("day")]
WEEKDAY = (r"(?:" + "|".join(sorted(_cased(_WD_FULL), key=len, reverse=True))
           + r"|(?:" + "|".join(_cased(w for w in WEEKDAYS if not w.endswith("day")))
           + r")\.)(?![\w-])")
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d:%.,]\d|\d|-(?:year|month|week|day))"
DAYW = ("(?i:(?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
        "|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
        "eighteenth|nineteenth|twentieth|thirtieth)(?![\\w-])")
_YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d)"
_ONES = "|".join(w for w, n in WORD_NUMBERS.items() if 1 <= n <= 9)
_TEENS = "|".join(w for w, n in WORD_NUMBERS.items() if 10 <= n <= 19)
_TENS = "|".join(w for w, n in WORD_NUMBERS.items() if n >= 20)
# broadcast transcripts spell years out: "nineteen ninety-six", "two thousand and one"
_YEAR_SPOKEN = (rf"(?i:(?:nineteen|twenty)[\s-](?:hundred|oh[\s-](?:{_ONES})|{_TEENS}|"
                rf"(?:{_TENS})(?:[\s-](?:{_ONES}))?)(?![\w-])|two\s+thousand(?:\s+and)?"
                rf"(?:\s+(?:{_ONES}|{_TEENS}))?(?![\w-]))")
YEAR = rf"(?:{_YEAR_DIGITS}|{_YEAR_SPOKEN})"
_NUMW = alt([k for k in NUMBERS if " " not in k] + ["twenty", "thirty", "forty", "fifty"],
            flags="i")
NUM = (rf"(?:\d+(?:\.\d+)?|(?:{_NUMW})(?:[-\s](?:{_NUMW}))?)"
       rf"(?:\s+and\s+(?i:a\s+half|one-half))?")
VAGUE = alt(VAGUE_NUMBERS, flags="i")
UNIT = alt(UNITS, flags="i")
ORD = alt(ORDINALS, flags="i")
SEASON = alt(SEASONS, flags="i")
PART = (r"(?i:(?:the\s+)?(?:very\s+)?(?:early|mid|late)(?:-|\s+(?:in\s+)?)"
        r"|(?:the\s+|at\s+the\s+)?(?:beginning|start|middle|end|close|turn)\s+of\s+(?:the\s+)?)")
DASH = r"\s*(?:-|–|—|/|to|through|until|and)\s*"
B = r"(?<![\w.-])"  # the start of a word, not inside a number or a hyphenated word
