"""The corpus side's one answer to "do these two places agree?" (corpus/places.py)."""

from __future__ import annotations

import pytest

from cowextract.corpus.places import Relation, countries, relation

SAME, REGION, DIFFERENT, UNKNOWN = (Relation.SAME, Relation.REGION, Relation.DIFFERENT,
                                    Relation.UNKNOWN)


@pytest.mark.parametrize("a,b,expected", [
    ("Lyon", "Lyon", SAME),
    ("Lyon", "Hôtel de Ville, Lyon", SAME),  # a venue in the city
    ("Town Hall in Lyon", "Lyon", SAME),
    ("Hotel de Ville, Lyon", "Hôtel de Ville", SAME),  # accents do not matter
    ("Spangdahlem", "Spangdahlem Air Base", SAME),  # the base is named for the town
    ("Ottawa", "Ottawa DC", SAME),
    ("the Palace of Peace", "Palace of Peace", SAME),
    ("Lyon", "Marseille", DIFFERENT),  # two cities
    ("Madrid", "Portugal", DIFFERENT),  # a capital and another country
    ("Norway", "Finland", DIFFERENT),
    ("Grand Hotel", "Palace of Peace", DIFFERENT),  # two venues, nothing in common
    ("Palace of Peace, Lyon", "Marseille", DIFFERENT),
    ("Madrid", "Spain", REGION),  # agree, but at country level only
    ("Spain", "Spain", REGION),
    ("U.S.", "United States", REGION),
    ("Grand Hotel", "Lyon", UNKNOWN),  # no gazetteer says where the hotel is
    ("Lyon", "France", UNKNOWN),  # the registry knows capitals, not every city
    ("York", "New York", UNKNOWN),  # one word in common: not a claim either way
    ("virtual", "Lyon", UNKNOWN),  # a hybrid meeting is reported both ways
    ("video conference", "virtual", UNKNOWN),
    (None, "Lyon", UNKNOWN),
    ("", "Lyon", UNKNOWN),
])
def test_relation(a, b, expected):
    assert relation(a, b) is expected
    assert relation(b, a) is expected


@pytest.mark.parametrize("name,expected", [
    ("Madrid", {"Spain"}),
    ("Grand Hotel, Madrid", {"Spain"}),
    ("Spain", {"Spain"}),
    ("Lyon", set()),
    ("virtual", set()),
    (None, set()),
])
def test_countries_a_place_names(name, expected):
    assert countries(name) == expected
