"""Small hand-built articles and events for unit tests (no spaCy)."""

from __future__ import annotations

from datetime import date

from cowextract.models import (
    Actor,
    Amount,
    Article,
    DateValue,
    Evidence,
    Location,
    Meeting,
    Pledge,
    Quote,
    Statement,
)

TEXT = ("Leaders met in Paris on 4 September 2025. Italy will not send troops, Giorgia Meloni "
        "said. \u201cWe are ready,\u201d Emmanuel Macron said.")


def article(text: str = TEXT, path: str = "a.txt", published: date | None = date(2025, 9, 5)
            ) -> Article:
    return Article(id=Article.make_id(text), path=path, title="T", published=published, text=text)


def span(a: Article, phrase: str) -> Evidence:
    start = a.text.index(phrase)
    return Evidence(text=phrase, start=start, end=start + len(phrase))


def events(a: Article) -> list:
    return [
        Meeting(article=a.ref(), date=DateValue(value="2025-09-04", precision="day",
                                                text="4 September 2025"),
                location=Location(name="Paris", kind="city"),
                actors=[Actor(name="Emmanuel Macron", kind="person", role="host")],
                evidence=span(a, "Leaders met in Paris on 4 September 2025.")),
        Pledge(article=a.ref(), polarity="refuse", what="troops",
               actors=[Actor(name="Italy", kind="country", role="pledger", mention="Italy"),
                       Actor(name="Giorgia Meloni", kind="person", role="pledger")],
               amount=Amount(value=None, unit=None, text="troops"),
               evidence=span(a, "Italy will not send troops, Giorgia Meloni said.")),
        Statement(article=a.ref(), quote=Quote(text="We are ready,", direct=True, cue="said"),
                  actors=[Actor(name="Emmanuel Macron", kind="person", role="speaker",
                                mention="Emmanuel Macron")],
                  evidence=span(a, "\u201cWe are ready,\u201d Emmanuel Macron said.")),
    ]
