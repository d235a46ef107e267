"""A page's head: the lines before its first paragraph of prose, where pages state their
date ("Published: …", a date line), name their writers (bylines) and, in the first
paragraph's dateline, their place, date and agency ("MUSCAT, Oman (AP) —"). Date lines
and bylines are page metadata, not article text: the cleaner drops them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cowextract.prepare.dates import Stated, date_line, dateline
from cowextract.resources import data

MAX_HEAD_LINES = 15  # non-blank lines looked at before the first paragraph of prose
BODY_WORDS = 25  # a line this long is prose: the head ends there
WORD_RE = re.compile(r"\S+")


@dataclass
class Head:
    """What a page's head states: the dates (in order, with their kinds), the outlet it
    names, and which of the cleaner's lines are its date lines and bylines."""

    stated: list[Stated] = field(default_factory=list)
    outlet: str | None = None
    drop: dict[int, str] = field(default_factory=dict)  # line index -> rule


@dataclass(frozen=True)
class HeadRules:
    bylines: re.Pattern
    about: re.Pattern  # other lines about the page: reading times, relative times
    outlets: tuple[re.Pattern, ...]
    not_outlets: frozenset[str]
    generic_desks: frozenset[str]


@cache
def head_rules() -> HeadRules:
    """The byline and outlet rules of `data/metadata.json`, compiled."""
    raw = data("metadata.json")
    return HeadRules(
        bylines=re.compile("|".join(f"(?:{p})" for p in raw["bylines"]), re.IGNORECASE),
        about=re.compile("|".join(f"(?:{p})" for p in raw["metadata_lines"]), re.IGNORECASE),
        outlets=tuple(re.compile(p) for p in raw["outlets"]),
        not_outlets=frozenset(raw["not_outlets"]),
        generic_desks=frozenset(raw["generic_desks"]),
    )


def outlet_named(line: str) -> str | None:
    """The outlet a head line or a first paragraph names: "(AP) —", "/TASS/",
    "(MENAFN) …", "Baku, October 28, AZERTAC"."""
    r = head_rules()
    for pattern in r.outlets:
        m = pattern.match(line)
        if m and m["outlet"].lower() not in r.not_outlets:
            return m["outlet"]
    return None


def _desk(line: str) -> str | None:
    """The outlet of a "The Wire Desk" byline."""
    words = line.split()
    if len(words) < 2 or words[-1].lower() != "desk":
        return None
    name = " ".join(words[:-1])
    return None if name.lower() in head_rules().generic_desks else name


def read_head(lines: list[str]) -> Head:
    """The head of a page given as its lines (blank ones included): date lines and bylines
    (to be dropped), the dates they and the first paragraph's dateline state, the outlet."""
    head = Head()
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > MAX_HEAD_LINES:
            break
        if line.count("|") >= 2:  # a table row or a menu, never a date line
            continue
        prose = len(WORD_RE.findall(line)) >= BODY_WORDS
        if not prose and _metadata_line(line, head):
            head.drop[i] = "head"
            continue
        head.outlet = head.outlet or outlet_named(line)
        found = dateline(line)
        if found is not None:
            head.stated.append(Stated("dateline", found))
        if prose:
            break
    return head


def is_byline(line: str) -> bool:
    """A line naming the page's writers ("By Jane Doe", "The Wire Desk", an e-mail)."""
    return bool(head_rules().bylines.match(line))


def head_line_dates(line: str) -> list[Stated] | None:
    """The dates a head line states when it is a date line or a byline with dates."""
    return date_line(line, byline=is_byline(line))


def _metadata_line(line: str, head: Head) -> bool:
    """Whether a head line is a date line or a byline (noting what it states)."""
    byline = is_byline(line)
    stated = date_line(line, byline=byline)
    if stated:
        head.stated.extend(stated)
    if byline:
        head.outlet = head.outlet or _desk(line)
    return byline or bool(stated) or bool(head_rules().about.match(line))
