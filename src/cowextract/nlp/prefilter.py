"""Cheaper scans with the same matches: a regex is given a look-ahead for the characters any
of its matches can begin with, worked out from the pattern itself.

Python's regex engine tries a pattern at every position of the text. When a pattern is a
long case-insensitive alternation behind a look-behind (every temporal pattern, every
trigger list), each word start enters the whole alternation before failing. A one-character
class checked first turns most of those attempts away. The class is computed from the
parsed pattern, never written by hand, so it cannot drift from the pattern; it only ever
admits more characters than needed (case-insensitive), so the matches do not change."""

from __future__ import annotations

import importlib
import re
import string
from typing import Any

try:  # the parser of the standard `re` module (named sre_parse before Python 3.11), private
    # and untyped: imported by name so that the type checker takes it as Any
    _c: Any = importlib.import_module("re._constants")
    _p: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - older or other Pythons keep the pattern as it is
    _c = _p = None

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """`pattern` preceded by a look-ahead for the characters its matches begin with, or
    `pattern` unchanged when that set cannot be told (a negated class, `.`, a back-reference),
    when it holds every letter, or when the pattern can match the empty string."""
    if _p is None:
        return pattern
    try:
        found = _first(_p.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - an unexpected parse tree only loses the speed-up
        return pattern
    if found is None or found[1] or not found[0]:
        return pattern
    parts = []
    for kind, value in sorted(found[0], key=repr):
        if kind == "char":
            parts.append(re.escape(chr(value)))
        elif kind == "range":
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        else:
            parts.append(_CATEGORIES[value])
    # Case-insensitive, so that a cased letter of the pattern admits both of its cases.
    guard = f"(?=(?i:[{''.join(parts)}]))"
    if all(re.match(guard, c) for c in string.ascii_lowercase):
        return pattern  # a look-ahead that admits every letter turns no word away
    return guard + pattern


def _first(sequence) -> tuple[set, bool] | None:
    """The first characters of a parsed sequence, and whether it can match nothing."""
    chars: set = set()
    for op, av in sequence:
        found = _first_of(op, av)
        if found is None:
            return None
        chars |= found[0]
        if not found[1]:
            return chars, False
    return chars, True


def _first_of(op, av) -> tuple[set, bool] | None:
    c = _c
    if op is c.LITERAL:
        return {("char", av)}, False
    if op is c.IN:
        items = set()
        for kind, value in av:
            if kind is c.LITERAL:
                items.add(("char", value))
            elif kind is c.RANGE:
                items.add(("range", value))
            elif kind is c.CATEGORY and str(value) in _CATEGORIES:
                items.add(("category", str(value)))
            else:  # a negated class or category: nearly any character
                return None
        return items, False
    if op is c.BRANCH:
        chars, empty = set(), False
        for alternative in av[1]:
            found = _first(alternative)
            if found is None:
                return None
            chars |= found[0]
            empty |= found[1]
        return chars, empty
    if op is c.SUBPATTERN:
        return _first(av[3])
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _first(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        found = _first(av[2])
        return None if found is None else (found[0], found[1] or av[0] == 0)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: the next item gives the character
        return set(), True
    return None
