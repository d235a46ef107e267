"""The gold matching rules of shared/gold/README.md, case by case."""

from __future__ import annotations

import pytest

from cowextract.models import Actor, Amount, DateValue, Location
from cowextract.scoring.events import date_matches, jaccard, max_matching, score_events

from factories import article, events

A = article()
MEETING, PLEDGE, STATEMENT = events(A)


def gold(**kw):
    return {"article": "a.txt", **kw}


def meeting_with(date=None, location=None, actors=None, format=None):
    update = {"date": DateValue(value=date, precision="day") if date else None,
              "location": Location(name=location) if location else None, "format": format}
    if actors is not None:
        update["actors"] = [Actor(name=n, role=r) for n, r in actors]
    return MEETING.model_copy(update=update)


def pledge_with(polarity="refuse", what="troops", amount=None, unit=None):
    return PLEDGE.model_copy(update={
        "polarity": polarity, "what": what,
        "amount": Amount(value=amount, unit=unit, text="x") if amount is not None else None})


@pytest.mark.parametrize("g,pred,ok", [
    (gold(type="meeting", date="2025-09-04", location=[]), meeting_with("2025-09-04"), True),
    (gold(type="meeting", date="2025-09", location=[]), meeting_with("2025-09-04"), True),
    (gold(type="meeting", date="2025-09-05", location=["Paris"]), meeting_with("2025-09-04", "Paris"), False),
    (gold(type="meeting", date="2025-09-03/2025-09-05", location=[]), meeting_with("2025-09-04"), True),
    (gold(type="meeting", date="2025-09-05/2025-09-06", location=[]), meeting_with("2025-09-04"), False),
    (gold(type="meeting", date=None, location=["Paris"]), meeting_with("2025-09-04", "Paris"), True),
    (gold(type="meeting", date="2025-09-04", location=["Paris"]), meeting_with(None, "Élysée Palace, Paris"), True),
    (gold(type="meeting", date=None, location=["Geneva"]), meeting_with(None, "Paris"), False),
    (gold(type="meeting", date=None, location=["virtual"]), meeting_with(None, "virtual"), True),
    # A meeting held partly by video link offers `virtual` besides its place.
    (gold(type="meeting", date=None, location=["virtual"]), meeting_with(None, "London", format="hybrid"), True),
    (gold(type="meeting", date=None, location=["virtual"]), meeting_with(None, "London"), False),
    (gold(type="meeting", date=None, location=["", " "]), meeting_with(None, "London"), False),
    (gold(type="meeting", date=None, location=["Lancaster House, London"]), meeting_with(None, "London"), True),
    # Either date null: the location decides, even when the other side has a date.
    (gold(type="meeting", date=None, location=["Paris"]), meeting_with("2025-01-01", "Paris"), True),
    (gold(type="meeting", date="2025-09-04", location=["Paris"]), meeting_with(None, None), False),
    # Both dates given: they decide, a matching location does not rescue a wrong date.
    (gold(type="meeting", date="2025-09-04", location=[]), meeting_with("2025-09-05", None, [("Emmanuel Macron", "host")]), False),
    # Gold with neither date nor location: the participant sets overlap (hosts take part).
    (gold(type="meeting", date=None, location=[], participants=["Emmanuel Macron"]), meeting_with(None, None, [("Emmanuel Macron", "host")]), True),
    (gold(type="meeting", date=None, location=[], participants=["emmanuel macron", "Italy"]), meeting_with("2025-09-04", None, [("Emmanuel Macron", "participant")]), True),
    (gold(type="meeting", date=None, location=[], participants=["Italy"]), meeting_with(None, None, [("Emmanuel Macron", "host")]), False),
    (gold(type="meeting", date=None, location=[], participants=["Italy"]), meeting_with(None, None, [("Italy", "recipient")]), False),
    (gold(type="meeting", date=None, location=[], participants=[]), meeting_with(None, None, [("Italy", "participant")]), False),
    # The fallback is for a gold without a location only.
    (gold(type="meeting", date=None, location=["Geneva"], participants=["Emmanuel Macron"]), meeting_with(None, "Paris", [("Emmanuel Macron", "host")]), False),
])
def test_meeting_rule(g, pred, ok):
    assert score_events([g], [pred]).tallies["meeting"].matched == int(ok)


@pytest.mark.parametrize("g,ok", [
    (gold(type="pledge", pledgers=["Italy"], polarity="refuse", what="troops", amount=None), True),
    (gold(type="pledge", pledgers=[], polarity="refuse", what="troops", amount=None), True),
    (gold(type="pledge", pledgers=["France"], polarity="refuse", what="troops", amount=None), False),
    (gold(type="pledge", pledgers=["Italy"], polarity="refuse", what="money", amount=None), False),
    (gold(type="pledge", pledgers=["italy"], polarity="refuse", what="troops", amount=None), True),
    (gold(type="pledge", pledgers=["Italy"], polarity="commit", what="troops", amount=None), False),
])
def test_pledge_rule(g, ok):
    assert score_events([g], [PLEDGE]).tallies["pledge"].matched == int(ok)


def pledge_gold(polarity="commit", what="money", amount=None, pledgers=("Italy",)):
    return gold(type="pledge", pledgers=list(pledgers), polarity=polarity, what=what,
                amount=amount)


@pytest.mark.parametrize("g,pred,ok", [
    (pledge_gold("commit", "money"), pledge_with("commit", "money"), True),
    (pledge_gold("commit", "money"), pledge_with("refuse", "money"), False),
    (pledge_gold("refuse", "money"), pledge_with("commit", "money"), False),
    # `what` differs, the amounts are equal (value and unit, unit case-insensitive).
    (pledge_gold("commit", "money", {"value": 5e8, "unit": "EUR"}), pledge_with("commit", "equipment", 500_000_000, "eur"), True),
    (pledge_gold("commit", "money", {"value": 5e8, "unit": "EUR"}), pledge_with("commit", "equipment", 500_000_000, "USD"), False),
    (pledge_gold("commit", "money", {"value": 5e8, "unit": "EUR"}), pledge_with("commit", "equipment", 4e8, "EUR"), False),
    (pledge_gold("commit", "money", None), pledge_with("commit", "equipment", 4e8, "EUR"), False),
    # Equal amounts do not override a polarity that differs.
    (pledge_gold("commit", "troops", {"value": 3, "unit": "countries"}), pledge_with("refuse", "troops", 3, "countries"), False),
    # Either pledger set empty: that test passes.
    (pledge_gold("commit", "money", pledgers=()), pledge_with("commit", "money"), True),
])
def test_pledge_polarity_and_amount_rules(g, pred, ok):
    assert score_events([g], [pred]).tallies["pledge"].matched == int(ok)


@pytest.mark.parametrize("g,pred,ok", [
    ("2025-09-04", "2025-09-04", True),
    ("2025-09", "2025-09-04", True),
    ("2025", "2025-09", True),
    ("2025-09-04", "2025-09", False),  # coarser than the gold: not equal at its precision
    ("2025-09-04", "2025-09-04T10:00", True),
    ("2025-09", "2025-09-04/2025-09-06", True),
    ("2025-09-04", "2025-09-04/2025-09-06", False),
    ("2025-09-03/2025-09-05", "2025-09-04", True),
    ("2025-09-03/2025-09-05", "2025-09-03/2025-09-05", True),
    ("2025-09-03/2025-09-05", "2025-09-04/2025-09-08", False),
    ("2025-09-03/2025-09-05", "2025-09", False),
    ("2025-08/2025-10", "2025-09-30", True),
    ("2025-09", "2025-Q3", False),
    ("2025-04-19/2025-04-20", "2025-W16-WE", True),  # a weekend is its two days
    ("2025-04", "2025-W16-WE", True),
    ("2025-04-19", "2025-W16-WE", False),
    ("2025-04-14/2025-04-20", "2025-W16", True),
    ("2025-09-04", None, False),
    (None, "2025-09-04", False),
])
def test_date_matches(g, pred, ok):
    assert date_matches(g, pred) is ok


@pytest.mark.parametrize("g,ok,speaker_ok", [
    (gold(type="statement", speaker=["Emmanuel Macron"], quote="We are ready", direct=True), True, True),
    (gold(type="statement", speaker=["Macron", "Emmanuel Macron"], quote="we are ready!", direct=True), True, True),
    (gold(type="statement", speaker=["Keir Starmer"], quote="We are ready", direct=True), False, False),
    (gold(type="statement", speaker=["Emmanuel Macron"], quote="We are not ready to send any troops now", direct=True), False, None),
])
def test_statement_rule_and_speaker_accuracy(g, ok, speaker_ok):
    report = score_events([g], [STATEMENT])
    assert report.tallies["statement"].matched == int(ok)
    if speaker_ok is None:
        assert report.speaker_total == 0
    else:
        assert (report.speaker_total, report.speaker_correct) == (1, int(speaker_ok))


def test_canonicalisation_applies_to_both_sides():
    g = gold(type="pledge", pledgers=["Italian Republic"], polarity="refuse", what="troops",
             amount=None)
    canon = {"Italian Republic": "Italy"}.get
    assert score_events([g], [PLEDGE], canon=lambda n: canon(n) or n).overall.matched == 1


def test_one_to_one_and_per_article():
    golds = [gold(type="meeting", date="2025-09-04", location=[])] * 2
    report = score_events(golds, [MEETING])
    t = report.tallies["meeting"]
    assert (t.gold, t.predicted, t.matched) == (2, 1, 1)
    assert len(report.misses) == 1
    other = {**golds[0], "article": "b.txt"}
    assert score_events([other], [MEETING]).tallies["meeting"].predicted == 0


def test_max_matching_finds_the_larger_assignment():
    # Greedy would give gold 0 the prediction 0 and leave gold 1 unmatched.
    ok = {(0, 0), (0, 1), (1, 0)}
    assert len(max_matching([0, 1], [0, 1], lambda g, p: (g, p) in ok)) == 2


@pytest.mark.parametrize("ok,agree,expected", [
    # both pairings are maximum: each gold takes the prediction that reports it
    ({(0, 0), (0, 1), (1, 0), (1, 1)}, {(0, 1): 1.0, (1, 0): 1.0}, {0: 1, 1: 0}),
    ({(0, 0), (0, 1), (1, 0), (1, 1)}, {(0, 0): 1.0, (1, 1): 1.0}, {0: 0, 1: 1}),
    # agreement never costs a match: gold 1 can only take prediction 0
    ({(0, 0), (0, 1), (1, 0)}, {(0, 0): 1.0}, {0: 1, 1: 0}),
    # more gold than predictions, and the other way round
    ({(0, 0), (1, 0), (2, 0)}, {(2, 0): 0.5}, {2: 0}),
    ({(0, 0), (0, 1), (0, 2)}, {(0, 2): 0.9}, {0: 2}),
    (set(), {}, {}),
])
def test_max_matching_prefers_pairs_whose_attributes_agree(ok, agree, expected):
    golds, preds = [0, 1, 2], [0, 1, 2]
    found = max_matching(golds, preds, lambda g, p: (g, p) in ok,
                         lambda g, p: agree.get((g, p), 0.0))
    assert found == expected


@pytest.mark.parametrize("a,b,value", [
    ("We are ready", "we are READY!", 1.0),
    ("a b c d", "a b", 0.5),
    ("", "", 0.0),
])
def test_jaccard(a, b, value):
    assert jaccard(a, b) == value
