"""When two reports can be of one event: stated dates as spans of days, and, for a report
that states no date, the time its article allows.

A stated date is the span of days its TimeML value covers (`2025-09` is 1–30 September).
Two short spans (a week or less) are compatible when at most `tolerance` days apart
(sources differ by a day on a meeting that ran late; a summit spans two days); longer ones
only when they overlap. An undated report is placed by its article: a publication date
allows a window around it (articles report recent or coming events), and an undated
article's latest mentioned month is a floor (it cannot be older than what it reports), with
no ceiling."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache

from cowextract.store import date_range

SHORT_DAYS = 7  # a span this long or shorter is a day or a few: a meeting's own dates
NEVER, FOREVER = date.min, date.max


class Dates(Enum):
    CLASH = "clash"  # cannot be one event
    SAME_DAY = "same day"  # both short spans, overlapping
    NEAR = "near"  # both short, a few days apart
    WITHIN = "within"  # a month (or week) and a day in it: compatible, weak evidence
    LOOSE = "loose"  # a year or season: compatible, no evidence


RANK = {Dates.CLASH: 0, Dates.LOOSE: 1, Dates.WITHIN: 2, Dates.NEAR: 3, Dates.SAME_DAY: 4}


@lru_cache(maxsize=8192)
def span(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TimeML date covers; None for forms without calendar days."""
    first, last = date_range(value.split("T")[0] if value else value)
    if first is None or last is None:
        return None
    return date.fromisoformat(first), date.fromisoformat(last)


def gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two spans (0 when they overlap)."""
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def _length(s: tuple[date, date]) -> int:
    return (s[1] - s[0]).days + 1


@lru_cache(maxsize=8192)
def compare(a: str, b: str, tolerance: int) -> Dates:
    """How two stated dates relate (`tolerance`: days apart two short spans may be)."""
    sa, sb = span(a), span(b)
    if sa is None or sb is None:
        return Dates.LOOSE
    apart = gap(sa, sb)
    short = _length(sa) <= SHORT_DAYS and _length(sb) <= SHORT_DAYS
    if short:
        if apart == 0:
            return Dates.SAME_DAY
        return Dates.NEAR if apart <= tolerance else Dates.CLASH
    if apart > 0:
        return Dates.CLASH
    return Dates.WITHIN if max(_length(sa), _length(sb)) <= 31 else Dates.LOOSE


_YEARLESS = re.compile(r"\d{4}-(\d\d(?:-\d\d)?)(?:/\d{4}-(\d\d-\d\d))?")


def yearless(value: str | None) -> str | None:
    """The days of the year a TimeML date names, without its year ('2024-12-04/2024-12-05'
    → '12-04/12-05', '2024-09' → '09'): all a date says whose year the text does not give.
    None for other forms (seasons, quarters, weeks, years)."""
    m = _YEARLESS.fullmatch(value or "")
    if m is None or (m[2] and len(m[1]) != 5):
        return None
    return f"{m[1]}/{m[2]}" if m[2] else m[1]


@lru_cache(maxsize=8192)
def compare_yearless(days: str, value: str, tolerance: int) -> Dates:
    """How days of the year (`yearless`) relate to a stated date, in whichever year (the
    date's, or one either side of it) brings them closest."""
    sv = span(value)
    if sv is None:
        return Dates.LOOSE
    first, _, last = days.partition("/")
    best = Dates.CLASH
    for year in range(sv[0].year - 1, sv[1].year + 2):
        end = f"/{year + (last < first)}-{last}" if last else ""
        placed = f"{year}-{first}{end}"
        if span(placed) is None:
            continue  # 29 February in a year without one
        rel = compare(placed, value, tolerance)
        if RANK[rel] > RANK[best]:
            best = rel
    return best


def usable(value: str | None) -> bool:
    """A stated date that places an event at all (a year or finer, with calendar days)."""
    return span(value) is not None


@dataclass(frozen=True)
class Anchor:
    """When an article was written: its publication date, else a floor (the latest month
    it mentions), else nothing known."""

    published: date | None = None
    floor: date | None = None

    def window(self, days: int) -> tuple[date, date] | None:
        """The days an undated event it reports can fall on."""
        if self.published is not None:
            return self.published - timedelta(days=days), self.published + timedelta(days=days)
        if self.floor is not None:
            return self.floor, FOREVER
        return None


def anchor(published: str | None, floor: str | None) -> Anchor:
    """An anchor from ISO strings (a floor may be a month, `2025-09`)."""
    pub = date.fromisoformat(published[:10]) if published else None
    low = span(floor)
    return Anchor(pub, low[0] if low else None)


def fits(when: tuple[date, date], window: tuple[date, date] | None) -> bool:
    """A stated span falls within an article's window (unknown windows allow anything)."""
    return window is None or gap(when, window) == 0


def close(a: date | None, b: date | None, days: int) -> bool:
    """Two known days at most `days` apart."""
    return a is not None and b is not None and abs((a - b).days) <= days
