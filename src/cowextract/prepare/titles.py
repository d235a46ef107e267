"""Headlines: the first line of a page's head that reads as one, past section labels,
datelines and bylines; not a body sentence, a bullet of key points, or a name."""

from __future__ import annotations

import re
from functools import cache

from cowextract.prepare.dates import find_dates, vocabulary

TITLE_MAX_WORDS = 25
TITLE_MIN_WORDS = 3
DISPLACED_MIN_WORDS = 6  # a headline printed after the body is a long, capitalised line
MAX_HEAD_LINES = 15
TITLE_CASE_SHARE = 0.85  # of the words besides small ones, in a Title Case headline
SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "of",
               "on", "or", "the", "to", "with", "vs", "over", "after", "amid"}
BULLET_RE = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
OPENING_QUOTES = "\"'‘“«"
SENTENCE_END = ".:;,|"


def looks_like_title(line: str, *, title_case: bool = False) -> bool:
    """A headline: short, not a sentence ending in a period; `title_case` also asks for
    mostly capitalised words (for a line found where a headline is less expected)."""
    line = line.lstrip("#").strip()
    words = line.split()
    if not words or len(words) > TITLE_MAX_WORDS or line.count("|") >= 2:
        return False
    if line[-1:] in SENTENCE_END or len(words) < TITLE_MIN_WORDS:
        return False
    if not title_case:
        return line[:1].isupper() or line[:1] in OPENING_QUOTES
    capitalised = [w for w in words if w[:1].isalpha() and w.lower() not in SMALL_WORDS]
    return bool(capitalised) and \
        sum(w[:1].isupper() for w in capitalised) / len(capitalised) >= TITLE_CASE_SHARE


def _names_only(words: list[str]) -> bool:
    """A line of a few capitalised names and no small word: a byline or a credit
    ("Jane Doe Northern Herald"), not a headline, which has a verb or a small word."""
    if words and words[0] == "The":  # "The Northern Herald" names a paper
        words = words[1:]
    return len(words) <= 5 and all(w[:1].isupper() or not w[:1].isalpha() for w in words) \
        and not any(w.lower() in SMALL_WORDS for w in words)


def _label(line: str) -> bool:
    """A section label, kicker or dateline line: "World", "KEY POINTS", "WASHINGTON",
    "Baku, October 28" (a short line, all capitals, or a place and a month's day)."""
    words = line.split()
    if len(words) < TITLE_MIN_WORDS or (line.isupper() and len(words) <= 4):
        return True
    if line.count("|") >= 2:  # a menu ("World | Politics | Business"), a table row
        return True
    if len(words) <= 6 and (find_dates(line) or _month_day().search(line)):
        return True
    return _names_only(words)


@cache
def _month_day() -> re.Pattern:
    months = "|".join(sorted(vocabulary().month, key=len, reverse=True))
    return re.compile(rf"\b(?:{months})\.?\s\d{{1,2}}\b", re.IGNORECASE)


def head_title(lines: list[str]) -> str | None:
    """The headline among a page's first lines: the first line that is neither a label
    nor a bullet, when it reads as a headline."""
    for line in lines[:MAX_HEAD_LINES]:
        if BULLET_RE.match(line):
            return None  # key points: the head has no headline before them
        if _label(line):
            continue
        return line.lstrip("#").strip() if looks_like_title(line) else None
    return None


def guess_title(text: str) -> str | None:
    """A headline: the first line of the head that reads as one, else a headline-like
    last line (some scraped pages put the headline after the body)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return None  # a headline stands above (or below) a body
    title = head_title(lines)
    if title is not None:
        return title
    last = lines[-1]
    # A body ends with a sentence; a long capitalised unpunctuated last line is a headline.
    if len(lines) > 1 and len(last.split()) >= DISPLACED_MIN_WORDS and \
            looks_like_title(last, title_case=True) and last[-1:] not in "!?\"”»’)":
        return last.lstrip("#").strip()
    return None


def title_span(text: str, title: str | None) -> tuple[int, int] | None:
    """Where the headline stands in the text, as a whole line among its first lines (a
    headline printed after the body: as its last line); None when it is not there."""
    if not title:
        return None
    line = re.compile(rf"^[ \t#]*{re.escape(title.strip())}[ \t]*$", re.MULTILINE)
    for m in line.finditer(text, 0, len(text)):
        if text.count("\n", 0, m.start()) < 2 * MAX_HEAD_LINES or m.end() == len(text.rstrip()):
            return m.start(), m.end()
    return None
