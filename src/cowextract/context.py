"""What every extractor receives for one article, and the span and date helpers they share."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Article, DateValue, Evidence, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ArticleActors

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
        from .timex import to_date_value

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


def doc_text(doc) -> str:
    """`doc.text`, built once: spaCy joins every token's text on each access."""
    text = doc.user_data.get("cowextract.text")
    if text is None:
        text = doc.user_data["cowextract.text"] = doc.text
    return text


def span_text(span) -> str:
    """`span.text`, cut from the cached `doc_text` instead of joined from its tokens."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def share_text(doc, text: str) -> None:
    """Let `doc_text` return `text`, the string the Doc was made from, instead of joining
    the tokens again (a Doc over other text is left alone)."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data.setdefault("cowextract.text", text)


def doc_ents(doc) -> tuple:
    """`doc.ents`, built once: spaCy makes a new tuple of spans on each access."""
    ents = doc.user_data.get("cowextract.ents")
    if ents is None:
        ents = doc.user_data["cowextract.ents"] = tuple(doc.ents)
    return ents


def span_ents(span) -> list:
    """`span.ents` from the cached entities (spaCy rebuilds the document's on each access).
    A document's entities are sorted and do not overlap, so those inside a span are a run of
    them: found by bisection, not by testing every one."""
    ents = doc_ents(span.doc)
    bounds = span.doc.user_data.get("cowextract.ent_bounds")
    if bounds is None:
        bounds = span.doc.user_data["cowextract.ent_bounds"] = (
            [e.start for e in ents], [e.end for e in ents])
    starts, ends = bounds
    lo = bisect_left(starts, span.start)
    hi = bisect_right(ends, span.end, lo)
    return list(ents[lo:hi])
