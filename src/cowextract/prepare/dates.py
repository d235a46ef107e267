"""Publication dates as pages state them: date lines ("Published: 24 Aug. 2025, 15:23",
"14.06.2025 09:15", "Friday, June 27, 2025", "By Jane Doe | April 3, 2025") and datelines
("WELLINGTON, April 3, 2025 (AP) —"). Only dates with a day, a month and a year count; a
date inside a sentence (a caption, the body) is not a date line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from cowextract.resources import data

MIN_YEAR, MAX_YEAR = 1990, 2100
# What a date line may hold besides dates, times, zones and labels: a few names.
MAX_DATE_LINE_WORDS = 4
MAX_DATE_LINE_TOKENS = 16  # "Published: 24 Aug. 2025, 15:23 | Updated: 25 Aug. 2025, 09:10 GMT"
TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.h]\d{2}(?::\d{2})?\b(?:\s*[ap]\.?\s?m\b\.?)?|\s*[ap]\.?m\b\.?)",
    re.IGNORECASE)
OFFSET_RE = re.compile(r"\b(?:utc|gmt)\s*[+-−]\s*\d{1,2}(?::?\d{2})?", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*|\d+")
MONTH_WORD_RE = re.compile(r"\b[A-Z][A-Za-z]{2,8}\b")  # a month's name is capitalised
DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
# Numeric dates: a cheap look for a digit, a separator and a digit first.
NUMERIC_HINT_RE = re.compile(r"\d[-/.]\d")
YMD_RE = re.compile(r"(?<![\d.])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
                    r"(?!\d)")
NUMERIC_RE = re.compile(r"(?<![\d.:/-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)"
                        r"(?P<y>\d{4}|\d{2})(?!\d|[./-]\d)")
# Dates with a month's name, read around each month word: "Sept. 2, 2025", "2 Sept 2025".
MONTH_DAY_YEAR_RE = re.compile(rf"[^\W\d_]+\.?\s+{DAY},?\s+(?P<y>\d{{4}})(?!\d)")
DAY_BEFORE_RE = re.compile(rf"(?<!\d){DAY}(?:\s+of)?[\s-]+$", re.IGNORECASE)
YEAR_AFTER_RE = re.compile(r"[^\W\d_]+\.?,?[\s-]+(?P<y>\d{4})(?!\d)")
YEAR_RE = re.compile(r"\d{4}|\d[./-]\d{1,2}[./-]\d{2}")  # every full date has one


@dataclass(frozen=True)
class Found:
    """A full date found in a line: characters `start:end`, and its value."""

    start: int
    end: int
    value: date


@dataclass(frozen=True)
class Stated:
    """A date a line states, with what its label says it is: `published`, `updated`,
    `plain` (a date line without a label) or `dateline` (opening the first paragraph)."""

    kind: str
    value: date


@dataclass(frozen=True)
class Vocabulary:
    month: dict[str, int]
    weekday: re.Pattern
    label: re.Pattern
    updated: frozenset[str]
    zones: re.Pattern
    month_first: frozenset[str]
    # Words a date line may hold: those of labels, weekdays, zones and `date_line_words`.
    words: frozenset[str]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def vocabulary() -> Vocabulary:
    """The month names, labels and time zones of `data/metadata.json`, compiled."""
    raw = data("metadata.json")
    flags = re.IGNORECASE
    labels = [*raw["published_labels"], *raw["updated_labels"]]
    return Vocabulary(
        month=raw["months"],
        weekday=re.compile(rf"\b(?:{_alternation(raw['weekdays'])})\b\.?", flags),
        label=re.compile(rf"(?<![\w])(?P<label>{_alternation(labels)})\b\s*(?::|-|–|—)?",
                         flags),
        updated=frozenset(raw["updated_labels"]),
        zones=re.compile(rf"\b(?:{_alternation(raw['time_zones'])})\b", flags),
        month_first=frozenset(raw["month_first_zones"]),
        words=frozenset(w for phrase in [*labels, *raw["weekdays"], *raw["time_zones"],
                                         *raw["date_line_words"]] for w in phrase.split()),
    )


def _valid(y: int, m: int, d: int) -> date | None:
    if y < 100:
        y += 2000
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _numeric(match: re.Match, month_first: bool) -> date | None:
    """dd.mm.yyyy or mm/dd/yyyy: a part over 12 is the day; otherwise dots and dashes are
    day first, slashes too unless the line's time zone says month first."""
    a, b, y = int(match["a"]), int(match["b"]), int(match["y"])
    if a > 12 or (b <= 12 and not (month_first and match["sep"] == "/")):
        return _valid(y, b, a)
    return _valid(y, a, b)


def _month_first(line: str, vocab: Vocabulary) -> bool:
    return any(z.group().lower() in vocab.month_first for z in vocab.zones.finditer(line))


def find_dates(line: str) -> list[Found]:
    """Every full date (day, month, year) in `line`, in order, overlaps left out."""
    if not YEAR_RE.search(line):
        return []
    vocab = vocabulary()
    found = _named_dates(line, vocab)
    if NUMERIC_HINT_RE.search(line):
        month_first = None
        for m in (*YMD_RE.finditer(line), *NUMERIC_RE.finditer(line)):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            if "a" in m.groupdict():
                if month_first is None:
                    month_first = _month_first(line, vocab)
                value = _numeric(m, month_first)
            else:
                value = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
            if value is not None:
                found.append(Found(m.start(), m.end(), value))
    return sorted(found, key=lambda f: f.start)


def _named_dates(line: str, vocab: Vocabulary) -> list[Found]:
    """Dates with a month's name: month first ("Sept. 2, 2025") or day first
    ("2nd of September, 2025")."""
    found: list[Found] = []
    for word in MONTH_WORD_RE.finditer(line):
        month = vocab.month.get(word.group().lower())
        if month is None or any(f.start <= word.start() < f.end for f in found):
            continue
        m = MONTH_DAY_YEAR_RE.match(line, word.start())
        if m:
            value = _valid(int(m["y"]), month, int(m["d"]))
            if value is not None:
                found.append(Found(m.start(), m.end(), value))
                continue
        before = DAY_BEFORE_RE.search(line[max(0, word.start() - 16):word.start()])
        after = YEAR_AFTER_RE.match(line, word.start())
        if before and after:
            value = _valid(int(after["y"]), month, int(before["d"]))
            if value is not None:
                start = word.start() - len(before.group())
                found.append(Found(start, after.end(), value))
    return found


def _residue(line: str, dates: list[Found], vocab: Vocabulary) -> list[str]:
    """The words of a line besides its dates, times, zones, weekdays and labels."""
    parts, last = [], 0
    for f in dates:
        parts.append(line[last:f.start])
        last = f.end
    parts.append(line[last:])
    rest = TIME_RE.sub(" ", OFFSET_RE.sub(" ", " ".join(parts)))
    return [w for w in WORD_RE.findall(rest) if w.lower().rstrip(".") not in vocab.words]


def _names_only(words: list[str]) -> bool:
    """A date line's other words are a few names (a place, a writer), not a sentence."""
    return len(words) <= MAX_DATE_LINE_WORDS and \
        all(w[:1].isupper() or w.isdigit() for w in words)


def date_line(line: str, *, byline: bool = False) -> list[Stated] | None:
    """The dates a date line states, each with its label's kind; None when the line is not
    a date line (no full date, or words besides it: a sentence, a caption). With `byline`,
    the line also names its writers ("By Jane Doe | April 3, 2025"), whose words are
    allowed."""
    if not byline and len(line.split()) > MAX_DATE_LINE_TOKENS:
        return None  # a sentence, however many dates it holds
    dates = find_dates(line)
    if not dates:
        return None
    vocab = vocabulary()
    if not byline and not _names_only(_residue(line, dates, vocab)):
        return None
    labels = [(m.start(), m["label"].lower()) for m in vocab.label.finditer(line)]
    stated = []
    for f in dates:
        before = [label for at, label in labels if at < f.start]
        kind = "plain" if not before else (
            "updated" if before[-1] in vocab.updated else "published")
        stated.append(Stated(kind, f.value))
    return stated


PLACE = r"[^\W\d_][\w.'’-]*(?:[ -][^\W\d_][\w.'’-]*){0,3}"
DATELINE_START_RE = re.compile(r"\s*[^\W\d_][^,\n]{0,60},")
DATELINE_PREFIX_RE = re.compile(rf"^\s*{PLACE}(?:,\s*{PLACE}){{0,2}}\s*,\s*$")
DATELINE_AFTER_RE = re.compile(r"^\s*(?:\([^()]{1,40}\)|/[^/]{1,30}/)?\s*(?:[-–—:.]|$)")


def dateline(paragraph: str) -> date | None:
    """The date of a dateline opening a paragraph: "WELLINGTON, April 3, 2025 (AP) —",
    "Kyiv, Ukraine, Thursday, 3 April 2025:". A date later in the paragraph is not one."""
    head = paragraph[:160]
    if not DATELINE_START_RE.match(head):
        return None
    dates = find_dates(head)
    if not dates:
        return None
    first = dates[0]
    prefix = vocabulary().weekday.sub("", head[:first.start]).rstrip(" ,") + ","
    if not DATELINE_PREFIX_RE.match(prefix) or not DATELINE_AFTER_RE.match(head[first.end:]):
        return None
    if not all(w[:1].isupper() for w in WORD_RE.findall(prefix)):
        return None  # a place is named in capitals; "Ministers met in Oslo, …" is a sentence
    return first.value


def publication_date(stated: list[Stated]) -> date | None:
    """The publication date among the dates a page's head states, in its order: the first
    `published` one, else the first plain date line, else the first paragraph's dateline,
    else the first `updated` one (an update never wins over a stated publication date)."""
    for kind in ("published", "plain", "dateline", "updated"):
        for s in stated:
            if s.kind == kind:
                return s.value
    return None
