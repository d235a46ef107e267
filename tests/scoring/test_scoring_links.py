"""Cross-article grouping (shared/gold/README.md, "Cross-article grouping")."""

from __future__ import annotations

import pytest

from cowextract.scoring.links import Linked, far_apart, linked_events, score_links
from cowextract.store import Store

from factories import article, events


def ev(article, key, cluster, date=None, kind="meeting"):
    return Linked(kind, article, key, date, cluster, None)


def tallies(linked):
    t = score_links(linked).overall
    return t.gold, t.predicted, t.matched


@pytest.mark.parametrize("linked,expected", [
    # Same key, same cluster, different articles: a right link.
    ([ev("a", "k1", "c1"), ev("b", "k1", "c1")], (1, 1, 1)),
    # Same key, clustered apart: a missed link.
    ([ev("a", "k1", "c1"), ev("b", "k1", "c2")], (1, 0, 0)),
    # Different keys, one cluster: a false link.
    ([ev("a", "k1", "c1"), ev("b", "k2", "c1")], (0, 1, 0)),
    # Pairs within one article are no links at all.
    ([ev("a", "k1", "c1"), ev("a", "k1", "c1")], (0, 0, 0)),
    # An event in no cluster links to nothing.
    ([ev("a", "k1", None), ev("b", "k1", None)], (1, 0, 0)),
    # Three articles on one event: three links.
    ([ev("a", "k1", "c1"), ev("b", "k1", "c1"), ev("c", "k1", "c2")], (3, 1, 1)),
    # A meeting and a pledge with one key: a gold link, counted overall.
    ([ev("a", "k1", "c1"), ev("b", "k1", "c2", kind="pledge")], (1, 0, 0)),
])
def test_link_counts(linked, expected):
    assert tallies(linked) == expected


def test_precision_recall_and_rows():
    report = score_links([ev("a", "k1", "c1"), ev("b", "k1", "c1"), ev("c", "k1", "c2"),
                          ev("d", "k2", "c2")])
    m = report.metrics()
    assert (m["links.precision"], m["links.recall"]) == (0.5, 0.333)
    assert (m["meeting.links_precision"], m["pledge.links_recall"]) == (0.5, 0.0)
    assert [r["type"] for r in report.rows()] == ["meeting", "pledge", "overall"]
    assert sorted(x["miss"] for x in report.misses) == ["false_link", "missed_link",
                                                        "missed_link"]


@pytest.mark.parametrize("a,b,far", [
    ("2025-03-02", "2025-03-09", False),  # exactly a week
    ("2025-03-02", "2025-03-10", True),
    ("2025-03-10", "2025-03-02", True),
    ("2025-03", "2025-03-20", False),  # the month holds the day
    ("2025-03", "2025-04-08", True),
    ("2025-03-01/2025-03-03", "2025-03-10", False),
    ("2025-03-01/2025-03-03", "2025-03-11", True),
    ("2025-03-02", None, False),
    ("2025-W10", "2025-06-01", True),  # an ISO week is its days
    ("PRESENT_REF", "2025-06-01", False),  # a form without a day range is never far
])
def test_far_apart(a, b, far):
    assert far_apart(a, b) is far


def test_far_merges_count_predicted_links_only():
    report = score_links([ev("a", "k1", "c1", "2025-03-02"), ev("b", "k2", "c1", "2025-05-01"),
                          ev("c", "k3", "c2", "2025-09-01")])
    assert report.metrics()["links.far_merges"] == 1
    assert report.rows()[0]["far merges"] == 1


def test_linked_events_keep_keyed_matched_meetings_and_pledges():
    a = article()
    meeting, pledge, statement = events(a)
    pairs = {"meeting": [({"article": "x/a.txt", "event_key": "k", "date": "2025-09-04"},
                          meeting)],
             "pledge": [({"article": "a.txt"}, pledge)],
             "statement": [({"article": "a.txt", "event_key": "k"}, statement)]}
    got = linked_events(pairs, {meeting.id: "c1"})
    assert got == [Linked("meeting", "a.txt", "k", "2025-09-04", "c1", None)]


def test_store_event_clusters(db):
    from cowextract.corpus.diff import update

    first, second = article(path="a.txt"), article(path="b.txt", text=article().text + " ")
    with Store(db) as store:
        for a in (first, second):
            store.add_article(a, events(a), [])
        update(store)
        meetings = [e.id for e in store.events() if e.type == "meeting"]
        clusters = store.event_clusters([*meetings, "no-such-event"])
    assert set(clusters) == set(meetings) and len(set(clusters.values())) == 1
