"""Numbers and dates as a person writes them, and the diff as a memo (corpus/render.py,
corpus/memo.py)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from cowextract.corpus.diff import compute, update
from cowextract.corpus.memo import Sources, table_rows, to_markdown
from cowextract.corpus.render import amount_text, date_text, sentence
from cowextract.models import Actor, Amount, Article, DateValue, Pledge
from cowextract.store import Store

from factories import span as ev


@pytest.mark.parametrize("value,high,unit,expected", [
    (1.6e9, None, "GBP", "£1.6 billion"),
    (2e9, None, "EUR", "€2 billion"),
    (500e6, None, "USD", "$500 million"),
    (226e6, None, "EUR", "€226 million"),
    (1e9, 2e9, "EUR", "€1–2 billion"),
    (500e6, 1e9, "USD", "$500 million–$1 billion"),
    (1.5e9, None, "CHF", "CHF 1.5 billion"),
    (50, 250, "troops", "50–250 troops"),
    (3000, None, "troops", "3,000 troops"),
    (26, None, "countries", "26 countries"),
    (5, None, "percent_gdp", "5% of GDP"),
    (3.5, None, "percent_gdp", "3.5% of GDP"),
])
def test_amounts(value, high, unit, expected):
    assert amount_text(value, high, unit) == expected


def test_an_amount_without_a_value_is_its_words():
    assert amount_text(None, None, None, "an undisclosed sum") == "an undisclosed sum"


@pytest.mark.parametrize("value,expected", [
    ("2025-09-04", "4 September 2025"),
    ("2025-09", "September 2025"),
    ("2025-03-24/2025-03-26", "24–26 March 2025"),
    ("2025", "2025"),
    ("2025-Q3", "2025-Q3"),
    (None, "undated"),
])
def test_dates(value, expected):
    assert date_text(value) == expected


def test_the_sentence_around_evidence():
    text = "Talks ended. Norway said it would send 50 to 250 troops to the mission. Then more."
    start = text.index("50 to 250")
    assert sentence(text, start, start + 9) == (
        "Norway said it would send 50 to 250 troops to the mission.")


def _pledge_article(path, outlet, url, text, value, high, unit, what):
    a = Article(id=Article.make_id(text), path=path, title=f"{outlet} on Norway",
                published=date(2025, 3, 13), source=outlet, url=url, text=text)
    phrase = text.split(". ")[1]
    return a, [Pledge(article=a.ref(), evidence=ev(a, phrase), what=what,
                      date=DateValue(value="2025-03-12", precision="day"),
                      amount=Amount(value=value, value_max=high, unit=unit, text=phrase),
                      actors=[Actor(name="Norway", kind="country", role="pledger")])]


def test_a_range_and_a_currency_in_the_memo(db):
    reports = [
        ("wire.txt", "The Wire", "https://wire.example/norway",
         "Ministers met. Norway pledged £1.6bn for air defence on Wednesday. More followed.",
         1.6e9, None, "GBP", "money"),
        ("daily.txt", "The Daily", None,
         "Ministers met. Norway pledged £1.7bn for air defence on Wednesday. More followed.",
         1.7e9, None, "GBP", "money"),
        ("wire2.txt", "The Wire", None,
         "Ministers met. Norway will send 50 to 250 troops, it said on Wednesday. Then more.",
         50, 250, "troops", "troops"),
        ("daily2.txt", "The Daily", None,
         "Ministers met. Norway will send between 50 and 250 soldiers from next year. Then.",
         50, 250, "troops", "troops"),
    ]
    with Store(db) as store:
        for path, outlet, url, text, value, high, unit, what in reports:
            store.add_article(*_pledge_article(path, outlet, url, text, value, high, unit,
                                               what), [])
        update(store)
        rows = compute(list(store.claims()))
        md = to_markdown(rows, Sources(store))
        flat = table_rows(rows, Sources(store))
    assert md.index("## Conflicts") < md.index("## Agreements")
    conflict = md[md.index("## Conflicts"):md.index("## Agreements")]
    assert "Sources disagree on the amount of “Norway pledge: money 2025-03-12”: £1.7 billion " \
           "(The Daily, 13 March 2025) and £1.6 billion (The Wire, 13 March 2025)." in conflict
    assert "- **£1.6 billion** (as of 13 March 2025)" in conflict
    assert "  - source: *The Wire on Norway* — The Wire, 13 March 2025, " \
           "<https://wire.example/norway>, `wire.txt`" in conflict
    assert "  - evidence: “Norway pledged £1.6bn for air defence on Wednesday.”" in conflict
    assert "- **50–250 troops** (as of 13 March 2025)" in md[md.index("## Agreements"):]
    # The CSV keeps whole evidence, however long.
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(flat[0]))
    writer.writeheader()
    writer.writerows(flat)
    assert "Norway will send between 50 and 250 soldiers from next year" in out.getvalue()
