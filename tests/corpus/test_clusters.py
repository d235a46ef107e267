"""Cross-source clusters join only on evidence that two reports are one event (small corpora
of our own, stored and clustered as an ingest does)."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.corpus.diff import compute, update
from cowextract.corpus.timing import Dates, compare_yearless, yearless
from cowextract.models import Actor, Amount, DateValue, Location, Meeting, Pledge
from cowextract.store import Store

from factories import article
from factories import span as ev

REGISTRY_IDS = {"Spain": "ESP", "France": "FRA", "Norway": "NOR", "Finland": "FIN",
                "United States": "USA", "Pedro Sánchez": "pedro-sanchez"}


def actors(names, role="participant"):
    out = []
    for n in names:
        kind = "person" if " " in n and n != "United States" else "country"
        out.append(Actor(name=n, kind=kind, role=role, id=REGISTRY_IDS.get(n)))
    return out


def meeting(a, phrase, when=None, where=None, names=(), precision="day", said=None,
            guessed=False):
    return Meeting(article=a.ref(), evidence=ev(a, phrase),
                   date=DateValue(value=when, precision=precision, text=said,
                                  year_guessed=guessed) if when else None,
                   location=Location(name=where, kind="city") if where else None,
                   actors=actors(names))


def pledge(a, phrase, value=None, unit=None, names=(), what="troops", when=None, high=None):
    return Pledge(article=a.ref(), evidence=ev(a, phrase), what=what,
                  amount=Amount(value=value, value_max=high, unit=unit, text=phrase)
                  if value is not None else None,
                  date=DateValue(value=when, precision="day") if when else None,
                  actors=actors(names, "pledger"))


def clustered(db, reports):
    """Store each (path, published, text, make_events) article, cluster them, and return
    {(path, evidence start): cluster id}."""
    with Store(db) as store:
        for path, published, text, make in reports:
            a = article(text=text, path=path, published=published)
            store.add_article(a, make(a), [])
        update(store)
        rows = store.conn.execute(
            "SELECT a.path, e.evidence_start, cm.cluster_id FROM events e JOIN articles a ON "
            "a.id = e.article_id JOIN cluster_members cm ON cm.event_id = e.id")
        return {(p, s): c for p, s, c in rows}


def together(clusters, *paths):
    found = {c for (p, _), c in clusters.items() if p in paths}
    return len(found) == 1


MARCH = "Defence ministers met in Lyon on 12 March with Norway and Finland."
JUNE = "Defence ministers met in Lyon on 18 June with Norway and Finland."
# The March meeting, reported the day after it
MARCH_REPORT = ("march.txt", date(2025, 3, 13), MARCH,
                lambda a: [meeting(a, MARCH, "2025-03-12", "Lyon", ["Norway", "Finland"])])


def test_the_same_city_in_different_months_is_two_meetings(db):
    clusters = clustered(db, [
        MARCH_REPORT,
        ("june.txt", date(2025, 6, 19), JUNE,
         lambda a: [meeting(a, JUNE, "2025-06-18", "Lyon", ["Norway", "Finland"])]),
    ])
    assert not together(clusters, "march.txt", "june.txt")


@pytest.mark.parametrize("second_day,joined", [
    ("2025-03-12", True),   # the same day, the same place, the same parties
    ("2025-03-13", True),   # a day apart: a meeting that ran late, a two-day summit
    ("2025-03-17", False),  # five days apart: another meeting
    ("2025-03", True),      # a month: compatible, and place and parties agree
])
def test_stated_dates_more_than_a_few_days_apart_never_join(db, second_day, joined):
    text = "Ministers of Norway and Finland met in Lyon."
    clusters = clustered(db, [
        ("a.txt", date(2025, 3, 13), MARCH,
         lambda a: [meeting(a, MARCH, "2025-03-12", "Lyon", ["Norway", "Finland"])]),
        ("b.txt", date(2025, 3, 20), text,
         lambda a: [meeting(a, text, second_day, "Lyon", ["Norway", "Finland"],
                            precision="day" if len(second_day) == 10 else "month")]),
    ])
    assert together(clusters, "a.txt", "b.txt") is joined


UNDATED = "The Lyon talks between Norway and Finland ended without a statement."


def test_an_undated_report_joins_the_dated_meeting_its_article_allows(db):
    clusters = clustered(db, [
        MARCH_REPORT,
        ("june.txt", date(2025, 6, 19), JUNE,
         lambda a: [meeting(a, JUNE, "2025-06-18", "Lyon", ["Norway", "Finland"])]),
        # Published two days after the June meeting: the March one is out of its reach.
        ("blog.txt", date(2025, 6, 20), UNDATED,
         lambda a: [meeting(a, UNDATED, None, "Lyon", ["Norway", "Finland"])]),
    ])
    assert together(clusters, "june.txt", "blog.txt")
    assert not together(clusters, "march.txt", "blog.txt")
    with Store(db) as store:
        rows = compute(list(store.claims()), attribute="date")
        inferred = {e: why for e, (_, why) in store.inferences(
            [c.event_id for r in rows for c in r.claims if c.as_of_basis == "inferred"]).items()}
    [row] = [r for r in rows if any(c.article.path == "blog.txt" for c in r.claims)]
    blog = next(c for c in row.claims if c.article.path == "blog.txt")
    assert (blog.value, blog.as_of_basis) == ("2025-06-18", "inferred")
    assert "the same place (Lyon)" in inferred[blog.event_id]


def test_an_undated_report_that_fits_two_meetings_joins_neither(db):
    first = "Norway and Finland met in Lyon on 10 June."
    clusters = clustered(db, [
        ("first.txt", date(2025, 6, 11), first,
         lambda a: [meeting(a, first, "2025-06-10", "Lyon", ["Norway", "Finland"])]),
        ("june.txt", date(2025, 6, 19), JUNE,
         lambda a: [meeting(a, JUNE, "2025-06-18", "Lyon", ["Norway", "Finland"])]),
        ("blog.txt", date(2025, 6, 20), UNDATED,
         lambda a: [meeting(a, UNDATED, None, "Lyon", ["Norway", "Finland"])]),
    ])
    assert not together(clusters, "june.txt", "blog.txt")
    assert not together(clusters, "first.txt", "blog.txt")


@pytest.mark.parametrize("text,where,names", [
    ("A summit was held in Lyon.", "Lyon", []),  # a shared city alone
    ("Norway and Finland held talks.", None, ["Norway", "Finland"]),  # parties, no place,
    # and articles weeks apart
])
def test_an_undated_report_needs_more_than_a_city_or_the_parties(db, text, where, names):
    clusters = clustered(db, [
        MARCH_REPORT,
        ("blog.txt", date(2025, 4, 2), text, lambda a: [meeting(a, text, None, where, names)]),
    ])
    assert not together(clusters, "march.txt", "blog.txt")


def test_a_met_b_and_a_met_c_are_two_meetings(db):
    one, two = "Norway met Finland in Lyon.", "Norway met Spain in Lyon."
    clusters = clustered(db, [
        ("one.txt", date(2025, 3, 13), one,
         lambda a: [meeting(a, one, "2025-03-12", "Lyon", ["Norway", "Finland"])]),
        ("two.txt", date(2025, 3, 14), two,
         lambda a: [meeting(a, two, "2025-03-13", "Lyon", ["Norway", "Spain"])]),
    ])
    assert not together(clusters, "one.txt", "two.txt")


def test_the_host_country_is_no_evidence(db):
    one = "Pedro Sánchez met Norway's premier in Madrid."
    two = "Spanish officials and Finland's envoy met in Madrid."
    clusters = clustered(db, [
        ("one.txt", date(2025, 3, 13), one,
         lambda a: [meeting(a, one, "2025-03", "Madrid", ["Pedro Sánchez", "Norway"],
                            precision="month")]),
        ("two.txt", date(2025, 3, 20), two,
         lambda a: [meeting(a, two, None, "Madrid", ["Spain", "Finland"])]),
    ])
    assert not together(clusters, "one.txt", "two.txt")


FIGURE = "Norway will send 50 to 250 troops to the mission."
SAME_FIGURE = "Oslo said it would contribute between 50 and 250 soldiers."
UNNAMED = "A contingent of 50 to 250 troops is planned."
OTHER = "Finland will send 50 to 250 troops as well."


@pytest.mark.parametrize("text,names,high,joined", [
    (SAME_FIGURE, ["Norway"], 250, True),   # the same pledger and the same figures
    (UNNAMED, [], 250, True),               # the same figures, no pledger named
    (OTHER, ["Finland"], 250, False),       # another pledger
    (SAME_FIGURE, ["Norway"], None, False),  # other figures (50, not 50 to 250)
])
def test_pledges_join_on_pledgers_and_figures(db, text, names, high, joined):
    clusters = clustered(db, [
        ("a.txt", date(2025, 3, 13), FIGURE,
         lambda a: [pledge(a, FIGURE, 50, "troops", ["Norway"], high=250)]),
        ("b.txt", date(2025, 3, 15), text,
         lambda a: [pledge(a, text, 50, "troops", names, high=high)]),
    ])
    assert together(clusters, "a.txt", "b.txt") is joined


@pytest.mark.parametrize("third,joined", [
    ("Norway confirmed it would deploy Hydra crews as well.", True),  # the same named thing
    ("Norway confirmed it would deploy more soldiers.", False),  # the pledger alone
])
def test_a_pledge_without_figures_joins_one_without_figures_naming_the_same_thing(db, third,
                                                                                   joined):
    bare = "Norway will send Hydra crews to the mission."
    clusters = clustered(db, [
        ("a.txt", date(2025, 3, 13), FIGURE,
         lambda a: [pledge(a, FIGURE, 50, "troops", ["Norway"], high=250)]),
        ("b.txt", date(2025, 3, 15), bare, lambda a: [pledge(a, bare, names=["Norway"])]),
        ("c.txt", date(2025, 3, 16), third, lambda a: [pledge(a, third, names=["Norway"])]),
    ])
    assert together(clusters, "b.txt", "c.txt") is joined
    assert not together(clusters, "a.txt", "b.txt")


@pytest.mark.parametrize("second,joined", [
    ("The bloc backed a plan worth €800bn for defence.", True),  # the same pledger and sum
    ("The bloc backed more spending on defence.", False),  # the pledger alone
])
def test_undated_articles_that_give_no_date_join_only_on_strong_evidence(db, second, joined):
    first = "The bloc agreed on €800bn for defence."
    value = 8e11 if "800" in second else None
    clusters = clustered(db, [
        ("a.txt", None, first, lambda a: [pledge(a, first, 8e11, "EUR", ["Norway"],
                                                  what="money")]),
        ("b.txt", None, second, lambda a: [pledge(a, second, value, "EUR" if value else None,
                                                   ["Norway"], what="money")]),
    ])
    assert together(clusters, "a.txt", "b.txt") is joined


SUMMIT = "Leaders of Norway, Finland, Spain and France opened their summit in Lyon on 12 March."


@pytest.mark.parametrize("text,names,joined", [
    # the same summit, reported with fewer parties
    ("Norway, Finland and Spain held a summit in Lyon on 12 March.",
     ["Norway", "Finland", "Spain"], True),
    # the dinner the host gave that evening: a meeting of its own
    ("Norway, Finland, Spain and France sat down to a dinner in Lyon on 12 March.",
     ["Norway", "Finland", "Spain", "France"], False),
    # the accord two of them signed there: a meeting of its own
    ("Norway, Finland and Spain signed a fisheries accord in Lyon on 12 March.",
     ["Norway", "Finland", "Spain"], False),
    # two of its leaders meeting on the sidelines: a bilateral is not the summit
    ("Norway's premier met Finland's president in Lyon on 12 March.", ["Norway", "Finland"],
     False),
])
def test_a_summit_is_not_its_dinner_its_signing_or_a_bilateral_beside_it(db, text, names,
                                                                           joined):
    clusters = clustered(db, [
        ("summit.txt", date(2025, 3, 12), SUMMIT,
         lambda a: [meeting(a, SUMMIT, "2025-03-12", "Lyon",
                            ["Norway", "Finland", "Spain", "France"])]),
        ("other.txt", date(2025, 3, 13), text,
         lambda a: [meeting(a, text, "2025-03-12", "Lyon", names)]),
    ])
    assert together(clusters, "summit.txt", "other.txt") is joined


def test_a_bilateral_joins_another_report_of_it_not_the_summit_around_it(db):
    bilateral = "Norway's premier Ola Nordmann also met Finland's Matti Virtanen in Lyon."
    dated = "Ola Nordmann's meeting with Matti Virtanen on 12 March went well."
    pair = ["Norway", "Finland", "Ola Nordmann", "Matti Virtanen"]
    clusters = clustered(db, [
        ("summit.txt", date(2025, 3, 12), SUMMIT + " " + bilateral, lambda a: [
            meeting(a, SUMMIT, "2025-03-12", "Lyon", ["Norway", "Finland", "Spain", "France"]),
            meeting(a, bilateral, None, "Lyon", pair)]),
        ("wire.txt", date(2025, 3, 13), dated,
         lambda a: [meeting(a, dated, "2025-03-12", None, pair)]),
    ])
    wire = {c for (p, _), c in clusters.items() if p == "wire.txt"}
    summit = clusters[("summit.txt", 0)]
    side = clusters[("summit.txt", len(SUMMIT) + 1)]
    assert wire == {side} and side != summit


@pytest.mark.parametrize("later,joined", [
    ("The second round of talks between Norway and Finland in Lyon ended.", False),
    ("The talks between Norway and Finland in Lyon ended.", True),
])
def test_another_round_of_talks_is_another_meeting(db, later, joined):
    first = "The first round of talks between Norway and Finland opened in Lyon on 12 March."
    clusters = clustered(db, [
        ("first.txt", date(2025, 3, 12), first,
         lambda a: [meeting(a, first, "2025-03-12", "Lyon", ["Norway", "Finland"])]),
        ("later.txt", date(2025, 3, 14), later,
         lambda a: [meeting(a, later, None, "Lyon", ["Norway", "Finland"])]),
    ])
    assert together(clusters, "first.txt", "later.txt") is joined


@pytest.mark.parametrize("said,when,where,joined", [
    # '12 March' in an article with no date, its year read off another date in the text
    # (DateValue.year_guessed)
    ("12 March", "2024-03-12", "Lyon", True),
    ("12 March", "2024-03-12", None, True),  # that day, the same two sides
    ("12 March", "2024-03-12", "Nice", False),  # another place
    ("18 June", "2024-06-18", "Lyon", False),  # another day of the year
    ("12 March 2024", "2024-03-12", "Lyon", False),  # a year the text states is a year
])
def test_a_day_of_the_year_without_its_year_joins_that_day_at_that_place(db, said, when, where,
                                                                          joined):
    undated = f"Norway and Finland met{f' in {where}' if where else ''} on {said}."
    guessed = "2024" not in said
    reports = [
        MARCH_REPORT,
        ("blog.txt", None, undated,
         lambda a: [meeting(a, undated, when, where, ["Norway", "Finland"], said=said,
                            guessed=guessed)]),
    ]
    for n, (first, second) in enumerate((reports, reports[::-1])):  # either clustered first
        path = f"{db}-{n}"
        clustered(path, [first])
        assert together(clustered(path, [second]), "march.txt", "blog.txt") is joined


@pytest.mark.parametrize("value,days,other,relation", [
    ("2024-12-04/2024-12-05", "12-04/12-05", "2025-12-05", Dates.SAME_DAY),
    ("2024-09", "09", "2025-09-01", Dates.WITHIN),
    ("2025-12-30/2026-01-02", "12-30/01-02", "2027-01-01", Dates.SAME_DAY),  # over New Year
    ("2024-03-12", "03-12", "2025-03-14", Dates.NEAR),
    ("2024-03-12", "03-12", "2025-06-18", Dates.CLASH),
    ("2024-02-29", "02-29", "2025-03-01", Dates.CLASH),  # no 29 February in 2025
])
def test_days_of_the_year_are_compared_in_the_nearest_year(value, days, other, relation):
    assert yearless(value) == days
    assert compare_yearless(days, other, 3) is relation


@pytest.mark.parametrize("published,joined", [
    (date(2025, 3, 14), True),  # its article's date allows the dated meeting
    (None, False),  # nothing tells when: talks at one place recur, round after round
])
def test_an_undated_report_in_an_article_without_dates_joins_no_dated_meeting(db, published,
                                                                               joined):
    clusters = clustered(db, [
        MARCH_REPORT,
        ("blog.txt", published, UNDATED,
         lambda a: [meeting(a, UNDATED, None, "Lyon", ["Norway", "Finland"])]),
    ])
    assert together(clusters, "march.txt", "blog.txt") is joined


def test_a_body_stands_for_the_whole_it_is_part_of(db):
    first = "The European Commission's president met Norway's premier in Lyon on 12 March."
    later = "The EU and Norway ended their Lyon talks with a joint statement."

    def bodies(a, phrase, when, body_id, body):
        found = meeting(a, phrase, when, "Lyon", ["Norway"])
        found.actors.append(Actor(name=body, kind="organization", role="participant",
                                  id=body_id))
        return [found]

    clusters = clustered(db, [
        ("first.txt", date(2025, 3, 12), first,
         lambda a: bodies(a, first, "2025-03-12", "EC", "European Commission")),
        ("later.txt", date(2025, 3, 14), later,
         lambda a: bodies(a, later, None, "EU", "European Union")),
    ])
    assert together(clusters, "first.txt", "later.txt")


@pytest.mark.parametrize("dates,label", [
    (["2025-03-10/2025-03-16", "2025-03-12"], "Lyon meeting 2025-03-12"),  # a day, not a week
    (["2025-03", "2025-03-10/2025-03-16"], "Lyon meeting 2025-03-10/2025-03-16"),
    (["2025-03-12", "2025-03-13", "2025-03-13"], "Lyon meeting 2025-03-13"),  # most reports
])
def test_a_cluster_is_dated_by_what_most_reports_say_then_by_the_narrowest_date(dates, label):
    from cowextract.corpus.members import Cluster, Member

    members = [Member(event_id=f"e{i}", kind="meeting", article_id=f"a{i}",
                      article_path=f"{i}.txt", date=d, location="Lyon")
               for i, d in enumerate(dates)]
    assert Cluster("c", "meeting", members).label() == label
