"""Calendar arithmetic on TimeML values: shifting a date by a unit, rendering a date at a
granularity ("2025-W48", "2025-Q3", "199"), reading a value back into a representative date,
choosing the year of a day or month from a reference date and the tense, durations, and the
precision of a value."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cowextract.models import DateValue, Precision, Timex

if TYPE_CHECKING:
    from cowextract.extract.timex.tense import Tense

GRAN_ORDER = ["D", "W", "M", "Q", "H", "Y", "DE", "CE"]
SEASON_ORDER = ["WI", "SP", "SU", "FA"]
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
                    8: "SU"}


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    day = min(d.day, month_len(y, m))
    return date(y, m, day)


def month_len(y: int, m: int) -> int:
    return ((date(y + m // 12, m % 12 + 1, 1)) - date(y, m, 1)).days


def season_of(month: int) -> str:
    """The TimeML season of a month (meteorological: December is winter)."""
    return _SEASON_OF_MONTH.get(month, "FA")


def shift(d: date, n: int, unit: str) -> date:
    if unit in ("D",):
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    if unit == "2W":
        return d + timedelta(weeks=2 * n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "H":
        return add_months(d, 6 * n)
    mult = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
    if mult is None:
        return d
    return add_months(d, 12 * mult * n)


def render(d: date, gran: str) -> str:
    if gran == "D" or gran == "2W":
        return d.isoformat()
    if gran == "W":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if gran == "WE":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "H":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if gran == "DE":
        return f"{d.year // 10:03d}"
    if gran == "CE":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def parse_value(value: str | None) -> tuple[date, str] | None:
    """A representative date and granularity of a TimeML value, for anaphoric arithmetic."""
    if not value or not value[:1].isdigit():
        return None
    v = value.split("/")[0]
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3])), "D"
    m = re.match(r"(\d{4})-W(\d{2})", v)
    if m:
        return date.fromisocalendar(int(m[1]), int(m[2]), 1), "W"
    m = re.match(r"(\d{4})-Q(\d)", v)
    if m:
        return date(int(m[1]), 3 * int(m[2]) - 2, 1), "Q"
    m = re.match(r"(\d{4})-H(\d)", v)
    if m:
        return date(int(m[1]), 6 * int(m[2]) - 5, 1), "H"
    m = re.match(r"(\d{4})-(SP|SU|FA|WI)", v)
    if m:
        return date(int(m[1]), _SEASON_MONTH[m[2]], 1), "Y"
    m = re.match(r"(\d{4})-(\d{2})", v)
    if m:
        return date(int(m[1]), int(m[2]), 1), "M"
    m = re.fullmatch(r"(\d{4})", v)
    if m:
        return date(int(m[1]), 1, 1), "Y"
    m = re.fullmatch(r"(\d{3})", v)
    if m:
        return date(int(m[1]) * 10, 1, 1), "DE"
    return None


def nearest(cands: list[tuple[int, date]], ref: date, direction: Tense,
            key: Callable[[date], int], limit: int) -> date:
    """Pick from candidate dates the one nearest `ref` in the tense's direction."""
    scored = [(key(c) - key(ref), c) for _, c in cands]
    # the tense decides only between nearby candidates: a clause's tense often belongs to
    # the reporting verb ("declared a dividend payable Dec. 7"), not to the date
    if direction == "present":
        direction = None
    if isinstance(direction, str):
        # a weak tense (through a noun phrase) overrides the nearest date only when that
        # is far on the other side
        best = min(scored, key=lambda s: (abs(s[0]), -s[0] if s[0] > 0 else 0))
        far = limit // 4
        if direction == "weak-past" and best[0] > far:
            direction = False
        elif direction == "weak-future" and best[0] < -far:
            direction = True
        else:
            return best[1]
    if direction is True:
        fwd = [s for s in scored if 0 <= s[0] <= limit]
        if fwd:
            return min(fwd, key=lambda s: s[0])[1]
    elif direction is False:
        back = [s for s in scored if -limit <= s[0] <= 0]
        if back:
            return max(back, key=lambda s: s[0])[1]
    return min(scored, key=lambda s: (abs(s[0]), -s[0] if s[0] > 0 else 0))[1]


def _around(ref: date, month: int, day: int) -> list[tuple[int, date]]:
    """The day and month in the year before `ref`'s, in its year and in the next, where
    they exist."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append((y, date(y, month, day)))
        except ValueError:
            continue
    return cands


def infer_month(month: int, ref: date, direction: Tense) -> date:
    """The first day of the month `month` nearest `ref` in the tense's direction."""
    return nearest(_around(ref, month, 1), ref, direction, lambda d: d.year * 12 + d.month, 11)


def infer_day(month: int, day: int, ref: date, direction: Tense) -> date | None:
    """The day and month nearest `ref` in the tense's direction; None if no year near it
    has that day (29 February)."""
    cands = _around(ref, month, day)
    if not cands:
        return None
    return nearest(cands, ref, direction, lambda d: d.toordinal(), 330)


def weekday_year(year: int, month: int, day: int, weekday: int | None) -> int:
    """The year of "Thursday, 27 March" read as `year`: when the weekday the text gives does
    not fall on that day in `year` but does in the year before or after, that year."""
    if weekday is None:
        return year
    for y in (year, year - 1, year + 1):
        try:
            if date(y, month, day).isoweekday() == weekday:
                return y
        except ValueError:
            continue
    return year


def anaphoric_year(month: int, day: int, ref: date, gran: str | None) -> int:
    """The year of a day and month read against the last date mentioned (no publication
    date). Tense says nothing here (it is relative to the writer's now, not to that date):
    narrative keeps the anchor's year, and moves on to the next one only when the date
    would otherwise fall most of a year behind the anchor."""
    if gran == "Y":
        return ref.year
    try:
        same = date(ref.year, month, min(day, month_len(ref.year, month)))
    except ValueError:
        return ref.year
    return ref.year + 1 if (ref - same).days > 300 else ref.year


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration(n: float | None, unit: str) -> str:
    """The TimeML duration of `n` units ("P3Y", "PT48H", "PXM" when the count is vague)."""
    if unit in ("S", "MIN", "H") and not (unit == "H" and n is None):
        return f"PT{_fmt_num(n)}{'M' if unit == 'MIN' else unit}"
    if unit == "H":
        return "PTXH"
    if unit == "2W":
        return f"P{_fmt_num(None if n is None else 2 * n)}W"
    return f"P{_fmt_num(n)}{unit}"


_PRECISION_RULES: list[tuple[str, Precision]] = [
    (r".*/.*", "interval"),
    (r"\d{4}-\d{2}-\d{2}T.*|T.*", "time"),
    (r"\d{4}-\d{2}-\d{2}", "day"),
    (r"\d{4}-W\d{2}(-WE)?", "week"),
    (r"\d{4}-\d{2}", "month"),
    (r"\d{4}-Q\d", "quarter"),
    (r"\d{4}-H\d", "half"),
    (r"\d{4}-(SP|SU|FA|WI)", "season"),
    (r"\d{4}", "year"),
    (r"\d{3}", "decade"),
    (r"\d{2}", "century"),
    (r"(PRESENT|PAST|FUTURE)_REF", "ref"),
]


def precision_of(value: str | None) -> Precision | None:
    """The granularity of a TimeML DATE/TIME value ("2025-11" -> "month"), None if unknown."""
    if not value:
        return None
    for rx, prec in _PRECISION_RULES:
        if re.fullmatch(rx, value):
            return prec
    return None


YEAR_GUESSED = "text-year:"  # the anchor of a year read off a later date (tagger)


def year_guessed(t: Timex) -> bool:
    """Whether its year is the first one the text writes elsewhere, for want of any other."""
    return bool(t.anchor and t.anchor.startswith(YEAR_GUESSED))


def to_date_value(t: Timex) -> DateValue:
    """The `DateValue` an event carries for a tagged expression."""
    return DateValue(value=t.value, text=t.text, precision=precision_of(t.value), mod=t.mod,
                     year_guessed=year_guessed(t))
