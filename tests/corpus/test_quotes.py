"""Quotes across sources: one utterance, re-attributed or reworded (small corpora of our
own, clustered and diffed as `cowextract diff` does)."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.corpus.diff import compute, update
from cowextract.corpus.quotes import reworded, same_speaker
from cowextract.models import Actor, DateValue, Quote, Statement
from cowextract.store import Store

from factories import article
from factories import span as ev

LONG = ("We will keep our ports open to every ship that carries grain, whatever the "
        "weather and whatever the threats")


def said(path, published, speaker, quote, direct=True, when=None):
    text = f"“{quote},” {speaker} told reporters." if direct else \
        f"{speaker} said that {quote}."
    a = article(text=text, path=path, published=published)
    s = Statement(article=a.ref(), evidence=ev(a, text),
                  quote=Quote(text=quote, direct=direct, cue="said"),
                  date=DateValue(value=when, precision="day") if when else None,
                  actors=[Actor(name=speaker, kind="person", role="speaker")])
    return a, s


def diff(db, *statements, conflicts_only=True):
    with Store(db) as store:
        for a, s in statements:
            store.add_article(a, [s], [])
        update(store)
        return compute(list(store.claims()), conflicts_only=conflicts_only)


def test_a_short_common_phrase_from_two_speakers_is_no_conflict(db):
    rows = diff(db, said("a.txt", date(2025, 5, 2), "Ana Costa", "the new government"),
                said("b.txt", date(2025, 5, 3), "Piet Visser", "the new government"),
                conflicts_only=False)
    assert rows == []  # not even one quote: two people may say three common words


def test_the_same_long_quote_from_two_speakers_is_a_conflict(db):
    [row] = diff(db, said("a.txt", date(2025, 5, 2), "Ana Costa", LONG),
                 said("b.txt", date(2025, 5, 3), "Piet Visser", LONG))
    assert (row.attribute, row.status) == ("speaker", "conflict")
    assert {c.value for c in row.claims} == {"Ana Costa", "Piet Visser"}
    assert row.note == ("The same words are attributed to Ana Costa (a.txt, 2 May 2025) and "
                        "to Piet Visser (b.txt, 3 May 2025).")


def test_one_speaker_rewording_a_quote_on_one_occasion_is_a_conflict(db):
    other = LONG.replace("every ship", "each vessel")
    [row] = diff(db, said("a.txt", date(2025, 5, 2), "Ana Costa", LONG),
                 said("b.txt", date(2025, 5, 3), "Ana Costa", other, when="2025-05-02"))
    assert (row.attribute, row.status) == ("wording", "conflict")
    assert row.note.startswith("Ana Costa's words of 2 May 2025 are quoted as “We will keep")
    assert "(a.txt)" in row.note and "(b.txt)" in row.note


@pytest.mark.parametrize("second,published", [
    (LONG.split(", whatever")[0], date(2025, 5, 3)),  # an outlet quoting less
    (LONG.replace("We will", "We’ll"), date(2025, 5, 3)),  # a contraction
    (LONG.replace("every ship", "each vessel"), date(2025, 9, 30)),  # months later: another
    # occasion, where a speaker may well say it differently
])
def test_what_is_no_rewording(db, second, published):
    rows = diff(db, said("a.txt", date(2025, 5, 2), "Ana Costa", LONG),
                said("b.txt", published, "Ana Costa", second), conflicts_only=False)
    assert [r.status for r in rows if r.attribute == "wording"] in ([], ["agree"])
    assert all(r.status != "conflict" for r in rows)


def test_a_paraphrase_is_not_quoted_wording(db):
    other = LONG.replace("every ship", "each vessel")
    rows = diff(db, said("a.txt", date(2025, 5, 2), "Ana Costa", LONG),
                said("b.txt", date(2025, 5, 2), "Ana Costa", other, direct=False),
                conflicts_only=False)
    assert [(r.attribute, r.status) for r in rows] == [("speaker", "agree")]


@pytest.mark.parametrize("a,b,expected", [
    ("This is a serious step", "This is a serious concrete step", True),
    ("We will not accept it", "We will never accept it", True),
    ("We have 26 partners", "We have 25 partners", True),
    ("Europe must pay for its own defence", "Europe must pay more for its own defence", True),
    ("We will not accept this deal", "We won't accept this deal", False),
    ("I can't do it", "I cannot do it", False),
    ("The deal is dead … we will move on", "The deal is dead, and we will move on", False),
    ("This is just unbearable", "I mean, this is just unbearable", False),
    ("the cost of the bridge", "the costs of the bridge", False),
    ("The talks were useful", "The talks were useful. We meet again in May", False),
])
def test_reworded(a, b, expected):
    assert reworded(a, b) is expected
    assert reworded(b, a) is expected


@pytest.mark.parametrize("a,b,expected", [
    ("Ana Costa", "Ana Costa", True),
    ("Costa", "Ana Costa", True),
    ("Ana Costa", "Piet Visser", False),
    ("Ana Costa", None, None),
])
def test_same_speaker(a, b, expected):
    assert same_speaker(a, b) is expected
