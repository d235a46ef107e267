"""What every extractor receives for one article, and the span and date helpers they share."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from cowextract.models import Article, DateValue, Evidence, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from cowextract.actors.resolve import ArticleActors

# Most precise first: an extractor choosing among several dates in a sentence wants the day.
PRECISION_RANK = {"day": 0, "interval": 0, "week": 1, "month": 2, "quarter": 3, "season": 3,
                  "half": 3, "year": 4}


_TIME_OF_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})T")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")


def _week_interval(t: Timex, m: re.Match, published: date | None) -> DateValue:
    """A week as its days (a weekend as its Saturday and Sunday); the days of the week the
    article is published in run up to its publication date ('this week's talks')."""
    from cowextract.extract.timex.calendar import year_guessed

    first = date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
    last = date.fromisocalendar(int(m[1]), int(m[2]), 7)
    if published is not None and first <= published < last:
        last = published
    value = f"{first.isoformat()}/{last.isoformat()}" if last > first else first.isoformat()
    return DateValue(value=value, text=t.text, precision="interval" if last > first else "day",
                     mod=t.mod, year_guessed=year_guessed(t))


def calendar_date(t: Timex, published: date | None = None) -> DateValue | None:
    """The calendar date an event happening at `t` carries, or None when `t` names none: a
    DATE with a calendar value; the day of a TIME ("Tuesday evening", "at 11.50 am"); a
    week or weekend as its days."""
    from cowextract.extract.timex import to_date_value
    from cowextract.extract.timex.calendar import year_guessed

    if not t.value or not t.value[:4].isdigit():
        return None
    if t.type == "TIME":
        m = _TIME_OF_DAY.match(t.value)
        if m is None:
            return None
        return DateValue(value=m[1], text=t.text, precision="day", mod=t.mod,
                         year_guessed=year_guessed(t))
    if t.type != "DATE":
        return None
    m = _WEEK.fullmatch(t.value)
    if m is not None:
        return _week_interval(t, m, published)
    return to_date_value(t)


@dataclass
class ArticleContext:
    """One article under extraction: its cleaned text, its spaCy Doc (over exactly that text),
    the temporal expressions found in it, and a per-article actor resolver that remembers the
    full names already seen (for surname resolution)."""

    article: Article
    doc: Doc
    actors: ArticleActors
    timexes: list[Timex] = field(default_factory=list)
    _sorted: list[Timex] | None = field(default=None, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)
    # what an extractor derives once per article and reads many times (by its own key)
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Evidence:
        """Evidence for `text[start:end]`, trimmed of surrounding white space."""
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(text=text[start:end], start=start, end=end)

    def date_in(self, start: int, end: int, anchor: int | None = None) -> DateValue | None:
        """The calendar date a stretch of text gives (most precise, then nearest `anchor`);
        None when it gives none."""
        from cowextract.extract.timex import to_date_value

        dated = []
        for t in self.timexes_within(start, end):
            if t.type == "DATE" and t.value and t.value[:4].isdigit():
                d = to_date_value(t)
                dated.append((PRECISION_RANK.get(d.precision or "", 5),
                              abs(t.start - (anchor if anchor is not None else start)), d))
        if not dated:
            return None
        return min(dated, key=lambda x: (x[0], x[1]))[2]

    def timexes_within(self, start: int, end: int) -> list[Timex]:
        """The temporal expressions inside `text[start:end]`, in text order (found by
        bisection: extractors ask for every sentence)."""
        if self._sorted is None or len(self._sorted) != len(self.timexes):
            self._sorted = sorted(self.timexes, key=lambda t: t.start)
            self._starts = [t.start for t in self._sorted]
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end, lo)
        return [t for t in self._sorted[lo:hi] if t.end <= end]

    def published_date(self) -> DateValue | None:
        pub = self.article.published
        return DateValue(value=pub.isoformat(), precision="day", text=None) if pub else None
