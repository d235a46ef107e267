"""Small hand-built articles and events for unit tests (no spaCy), and what the real
pipeline extracts from a sentence for the integration tests."""

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


def extracted(nlp, registry, text: str, kind: str, published: date | None,
              title: str | None = None) -> list:
    """The events of one type that the real pipeline finds in `text`, in text order."""
    from cowextract.extract.article import extract_article

    a = Article(id=Article.make_id(text), path="t.txt", published=published, text=text,
                title=title)
    return [e for e in extract_article(a, nlp(text), registry).events if e.type == kind]


def parties(meeting) -> set[str]:
    """The names of those who took part in a meeting, hosts included."""
    return {a.name for a in meeting.actors if a.role in ("participant", "host")}


def assert_one_pledge(found: list, pledgers, polarity, what, value, value_max, unit) -> None:
    """`found` is one pledge with these pledgers, polarity, kind and amount."""
    import pytest

    assert len(found) == 1, [(p.what, p.polarity, p.names()) for p in found]
    p = found[0]
    assert set(p.names("pledger")) == pledgers
    assert (p.polarity, p.what) == (polarity, what)
    if value is None:
        assert p.amount is None or p.amount.value is None
    else:
        assert (p.amount.value, p.amount.value_max, p.amount.unit) == (
            pytest.approx(value), value_max if value_max is None else pytest.approx(value_max),
            unit)
