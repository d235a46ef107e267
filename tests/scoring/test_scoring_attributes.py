"""Attribute figures over matched pairs (shared/gold/README.md, "Attribute figures")."""

from __future__ import annotations

import pytest

from cowextract.models import Actor, Amount, DateValue, Location
from cowextract.scoring.attributes import attribute_figures
from cowextract.scoring.events import score_events

from factories import article, events

A = article()
MEETING, PLEDGE, _ = events(A)


def meeting(date="2025-09-04", location="Paris", actors=(("Emmanuel Macron", "host"),)):
    return MEETING.model_copy(update={
        "date": DateValue(value=date, precision="day") if date else None,
        "location": Location(name=location) if location else None,
        "actors": [Actor(name=n, role=r) for n, r in actors]})


def pledge(pledgers=("Italy",), amount=None, unit=None):
    return PLEDGE.model_copy(update={
        "actors": [Actor(name=n, role="pledger") for n in pledgers],
        "amount": Amount(value=amount, unit=unit, text="x") if amount is not None else None})


def gold_meeting(date="2025-09-04", location=("Paris",), participants=()):
    return {"article": "a.txt", "type": "meeting", "date": date, "location": list(location),
            "participants": list(participants)}


def gold_pledge(pledgers=("Italy",), amount=None):
    return {"article": "a.txt", "type": "pledge", "pledgers": list(pledgers),
            "polarity": "refuse", "what": "troops", "amount": amount}


def figures(gold, pred):
    return attribute_figures({gold["type"]: [(gold, pred)]}).metrics()


@pytest.mark.parametrize("g,pred,precision,recall", [
    # Hosts and participants both count as taking part; other roles do not.
    (gold_meeting(participants=["Emmanuel Macron", "Italy"]),
     meeting(actors=[("Emmanuel Macron", "host"), ("Italy", "participant")]), 1.0, 1.0),
    (gold_meeting(participants=["Emmanuel Macron", "Italy"]),
     meeting(actors=[("Emmanuel Macron", "host")]), 1.0, 0.5),
    (gold_meeting(participants=["Emmanuel Macron"]),
     meeting(actors=[("emmanuel macron", "participant"), ("Spain", "participant")]), 0.5, 1.0),
    (gold_meeting(participants=["Italy"]),
     meeting(actors=[("Italy", "recipient"), ("Spain", "participant")]), 0.0, 0.0),
    # A matched meeting whose gold lists no participants is not counted at all.
    (gold_meeting(participants=[]), meeting(actors=[("Spain", "participant")]), None, None),
])
def test_meeting_participants(g, pred, precision, recall):
    got = figures(g, pred)
    assert got.get("meeting.participants_precision") == precision
    assert got.get("meeting.participants_recall") == recall


def test_participants_are_summed_over_pairs():
    pairs = [(gold_meeting(participants=["Italy", "Spain", "France"]),
              meeting(actors=[("Italy", "participant")])),
             (gold_meeting(participants=["Italy"]),
              meeting(actors=[("Italy", "participant"), ("Spain", "participant"),
                              ("France", "participant")]))]
    got = attribute_figures({"meeting": pairs}).metrics()
    # 2 names right of 4 predicted and of 4 gold (not the mean of 1.0 and 0.33).
    assert got["meeting.participants_precision"] == 0.5
    assert got["meeting.participants_recall"] == 0.5


@pytest.mark.parametrize("g,pred,date_ok,location_ok", [
    (gold_meeting("2025-09-04", ["Paris"]), meeting("2025-09-04", "Paris"), 1.0, 1.0),
    (gold_meeting("2025-09", ["Paris"]), meeting("2025-09-04", "Élysée Palace, Paris"), 1.0, 1.0),
    # Matched on the location, the date is wrong or missing.
    (gold_meeting("2025-09-04", ["Paris"]), meeting(None, "Paris"), 0.0, 1.0),
    # Matched on the date, the place is wrong or missing.
    (gold_meeting("2025-09-04", ["Paris"]), meeting("2025-09-04", "Rome"), 1.0, 0.0),
    (gold_meeting("2025-09-04", ["Paris"]), meeting("2025-09-04", None), 1.0, 0.0),
    # No gold date or no gold place: that figure has nothing to count.
    (gold_meeting(None, ["Paris"]), meeting("2025-09-04", "Paris"), None, 1.0),
    (gold_meeting("2025-09-04", []), meeting("2025-09-04", "Paris"), 1.0, None),
])
def test_meeting_date_and_location_accuracy(g, pred, date_ok, location_ok):
    got = figures(g, pred)
    assert got.get("meeting.date_accuracy") == date_ok
    assert got.get("meeting.location_accuracy") == location_ok


@pytest.mark.parametrize("g,pred,precision,recall", [
    (gold_pledge(["Italy", "Giorgia Meloni"]), pledge(["Italy", "Giorgia Meloni"]), 1.0, 1.0),
    (gold_pledge(["Italy", "Giorgia Meloni"]), pledge(["Italy"]), 1.0, 0.5),
    (gold_pledge(["Italy"]), pledge(["Italy", "Spain", "France", "Greece"]), 0.25, 1.0),
    (gold_pledge(["Italy"]), pledge([]), None, 0.0),
    (gold_pledge([]), pledge(["Italy"]), None, None),
])
def test_pledgers(g, pred, precision, recall):
    got = figures(g, pred)
    assert got.get("pledge.pledgers_precision") == precision
    assert got.get("pledge.pledgers_recall") == recall


@pytest.mark.parametrize("gold_amount,value,unit,ok", [
    ({"value": 3_000_000, "unit": "EUR"}, 3e6, "EUR", 1.0),
    ({"value": 3_000_000, "unit": "EUR"}, 3e6, "USD", 1.0),  # the value is what is asked
    ({"value": 3_000_000, "unit": "EUR"}, 3e5, "EUR", 0.0),
    ({"value": 3_000_000, "unit": "EUR"}, None, None, 0.0),
    (None, 3e6, "EUR", None),
])
def test_amount_accuracy(gold_amount, value, unit, ok):
    got = figures(gold_pledge(amount=gold_amount), pledge(amount=value, unit=unit))
    assert got.get("pledge.amount_accuracy") == ok


def test_figures_read_the_pairs_matching_made():
    golds = [gold_meeting("2025-09-04", ["Paris"], ["Emmanuel Macron"]),
             gold_pledge(["Italy"], {"value": 5, "unit": "troops"})]
    report = score_events(golds, [meeting(), pledge(["Italy"], 5, "troops")])
    got = attribute_figures(report.pairs).metrics()
    assert got == {"meeting.participants_precision": 1.0, "meeting.participants_recall": 1.0,
                   "meeting.date_accuracy": 1.0, "meeting.location_accuracy": 1.0,
                   "pledge.pledgers_precision": 1.0, "pledge.pledgers_recall": 1.0,
                   "pledge.amount_accuracy": 1.0}


def test_canonical_names_and_wrong_attributes_listed():
    canon = {"Italian Republic": "Italy"}.get
    g = gold_pledge(["Italian Republic"], {"value": 5, "unit": "troops"})
    out = attribute_figures({"pledge": [(g, pledge(["Italy"], 4, "troops"))]},
                            canon=lambda n: canon(n) or n)
    assert out.metrics()["pledge.pledgers_recall"] == 1.0
    assert [(w["miss"], w["figure"], w["gold"]["value"], w["predicted"]["value"])
            for w in out.wrong] == [("wrong_attribute", "pledge.amount", 5, 4.0)]


def test_speaker_accuracy_is_shown_with_them():
    rows = attribute_figures({}, speakers=(3, 4)).rows()
    assert rows[-1] == {"figure": "speaker_accuracy", "value": 0.75,
                        "count": "3/4 quote-matched gold statements"}
    assert {r["figure"]: r["value"] for r in rows}["meeting.date_accuracy"] is None
