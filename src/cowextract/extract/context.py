"""What every extractor receives for one article, and the span and date helpers they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cowextract.models import Article, DateValue, Evidence, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from cowextract.actors.resolve import ArticleActors

# Most precise first: an extractor choosing among several dates in a sentence wants the day.
PRECISION_RANK = {"day": 0, "interval": 0, "week": 1, "month": 2, "quarter": 3, "season": 3,
                  "half": 3, "year": 4}


@dataclass
class ArticleContext:
    """One article under extraction: its cleaned text, its spaCy Doc (over exactly that text),
    the temporal expressions found in it, and a per-article actor resolver that remembers the
    full names already seen (for surname resolution)."""

    article: Article
    doc: Doc
    actors: ArticleActors
    timexes: list[Timex] = field(default_factory=list)

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
        for t in self.timexes:
            if t.start >= start and t.end <= end and t.type == "DATE" and t.value \
                    and t.value[:4].isdigit():
                d = to_date_value(t)
                dated.append((PRECISION_RANK.get(d.precision or "", 5),
                              abs(t.start - (anchor if anchor is not None else start)), d))
        if not dated:
            return None
        return min(dated, key=lambda x: (x[0], x[1]))[2]

    def published_date(self) -> DateValue | None:
        pub = self.article.published
        return DateValue(value=pub.isoformat(), precision="day", text=None) if pub else None
