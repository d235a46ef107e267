"""The temporal vocabulary: the word lists of `data/timex.json`, and the readers that turn
the words of a match into numbers and TimeML codes."""

from __future__ import annotations

import re
from typing import Any

from cowextract.models import TimexMod
from cowextract.resources import data

_LEX: dict[str, Any] = data("timex.json")
MONTHS: dict[str, int] = _LEX["months"]
WEEKDAYS: dict[str, int] = _LEX["weekdays"]
SEASONS: dict[str, str] = _LEX["seasons"]
NUMBERS: dict[str, float] = _LEX["numbers"]
VAGUE_NUMBERS: list[str] = _LEX["vague_numbers"]
ORDINALS: dict[str, int] = _LEX["ordinals"]
UNITS: dict[str, str] = _LEX["units"]
PARTS: dict[str, TimexMod] = _LEX["part_of_period"]
REFS: dict[str, str | None] = _LEX["refs"]
HOLIDAYS: dict[str, str] = _LEX["holidays"]
WORD_NUMBERS: dict[str, int] = _LEX["word_numbers"]
DAY_ORDINALS: dict[str, int] = {**ORDINALS, **_LEX["day_ordinals"]}
DEICTIC_DAYS: dict[str, int] = _LEX["deictic_days"]
DAY_PARTS: dict[str, str] = _LEX["day_parts"]
RELATIVE_SHIFTS: dict[str, int] = _LEX["relative_shifts"]
ANAPHORIC = frozenset[str](_LEX["anaphoric_relatives"])
DAY_SHIFTS: dict[str, int] = _LEX["day_shifts"]
BACKWARD_DIRECTIONS = frozenset[str](_LEX["backward_directions"])
DEICTIC_DIRECTIONS = frozenset[str](_LEX["deictic_directions"])
SET_ADVERBS: dict[str, str] = _LEX["set_adverbs"]
FUTURE_AUXILIARIES = frozenset[str](_LEX["future_auxiliaries"])
FUTURE_LEMMAS = frozenset[str](_LEX["future_lemmas"])
# "a planned meeting on Saturday": a noun so modified looks forward, whatever the clause says
FUTURE_MODIFIERS = frozenset[str](_LEX["future_modifiers"])
PASS_THROUGH_POS = frozenset[str](_LEX["pass_through_pos"])
YEAR_AS_MODIFIER_AFTER = frozenset[str](_LEX["year_as_modifier_after"])
YEAR_AS_AMOUNT_AFTER = frozenset[str](_LEX["year_as_amount_after"])


def read_year(text: str) -> int:
    """A year from digits or words ("nineteen ninety-six" -> 1996, "two thousand" -> 2000)."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    words = [w for w in re.split(r"[\s-]+", t) if w not in ("and", "oh")]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(WORD_NUMBERS[w] for w in words[2:])
    if words[1] == "hundred":
        return WORD_NUMBERS[words[0]] * 100
    return WORD_NUMBERS[words[0]] * 100 + sum(WORD_NUMBERS[w] for w in words[1:])


def read_number(text: str) -> float | None:
    """A count in digits or words ("18", "three and a half", "twenty-four"), else None."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    half = 0.0
    m = re.search(r" and (?:a half|one-half)$", t)
    if m:
        half, t = 0.5, t[: m.start()]
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t) + half
    if t in NUMBERS:
        return float(NUMBERS[t]) + half
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        a, b = NUMBERS[parts[0]], NUMBERS[parts[1]]
        if a >= 20 and b < 10:
            return float(a + b) + half
    return None


def read_day(text: str) -> int:
    """A day of the month in digits or words ("4th" -> 4, "twenty-first" -> 21)."""
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits[0])
    t = text.lower()
    if "-" in t:
        a, b = t.split("-")
        return WORD_NUMBERS[a] + DAY_ORDINALS[b]
    return DAY_ORDINALS[t]


def read_leading_int(text: str) -> int:
    """The number a text begins with ("21st" -> 21); the patterns only pass such texts."""
    digits = re.match(r"\d+", text)
    if digits is None:
        raise ValueError(f"no number at the start of {text!r}")
    return int(digits[0])


def read_unit(word: str) -> str:
    return UNITS[re.sub(r"\s+", " ", word.lower())]


def read_month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def read_weekday(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def part_mod(text: str | None) -> TimexMod | None:
    """The TimeML mod of a part of a period ("late", "the end of") or None."""
    if not text:
        return None
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in PARTS:
            return PARTS[w]
    return None
