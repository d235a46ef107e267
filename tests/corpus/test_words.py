"""What a report's own words say about which event it is: the kind of gathering and the round
of a series (corpus/kinds.py), the named things a pledge is about (corpus/marks.py)."""

from __future__ import annotations

import pytest

from cowextract.corpus.kinds import kind_of, rounds_of
from cowextract.corpus.marks import marks_of


@pytest.mark.parametrize("text,marks", [
    ("Berlin said it would buy Hydra launchers for delivery to Kyiv.", {"hydra"}),
    ("Under the Northern Shield Initiative, Sweden will fund drones.", {"northern shield initiative"}),
    # actors the registry knows, titles and sentence openings are no things
    ("Chancellor Merz said Germany and the United States agreed.", set()),
    ("Sweden will send troops, said Prime Minister Ulf Kristersson on Monday.", set()),
    ("Drones will follow in March.", set()),
])
def test_marks_are_named_things_not_actors_titles_or_dates(text, marks):
    assert marks_of([text]) == marks


@pytest.mark.parametrize("text,kind", [
    ("The host gave a banquet for the visiting leaders.", "meal"),
    ("The two ministers signed the accord on Friday.", "signing"),
    ("The leaders spoke by phone on Friday.", "call"),
    ("The so-called contact group met on Friday.", "meeting"),  # 'so-called' is no call
    ("Leaders met in Lyon for the summit.", "meeting"),
])
def test_the_kind_of_gathering_a_report_describes(text, kind):
    assert kind_of([text]) == kind


@pytest.mark.parametrize("texts,kind", [
    # a summit report one of whose mentions tells of the dinner that opened it
    (["Leaders opened the summit in Lyon.", "The host began the visit with a dinner.",
      "The summit closed with a statement."], "meeting"),
    (["The host gave a banquet for the leaders.", "The dinner ran late."], "meal"),
    # a tie: what the report's own evidence (its first text) describes
    (["The host gave a banquet for the leaders.", "The meeting ran late."], "meal"),
    (["The leaders met in Lyon.", "They signed an accord."], "meeting"),
])
def test_a_report_is_the_kind_most_of_its_mentions_describe(texts, kind):
    assert kind_of(texts) == kind


@pytest.mark.parametrize("text,rounds", [
    ("The second round of talks opened in Lyon.", {2}),
    ("It was the 14th annual summit of the two countries.", {14}),
    ("A third, shorter session followed.", {3}),
    ("It was their first contact in years.", set()),
    ("Talks resumed in Lyon.", set()),
])
def test_the_round_of_a_series_a_report_names(text, rounds):
    assert rounds_of([text]) == rounds
