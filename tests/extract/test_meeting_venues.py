"""A meeting's city and its venue: an article names the city of a summit first and the
venue later, and no gazetteer says where a venue is. Mentions of one meeting on one day,
one at a venue the registry does not place and one in a city, are one meeting at 'venue,
city' when they share a person or the meeting's own noun; another gathering held beside it
(the dinner before) is in its city, not at its venue. Texts of our own."""

from __future__ import annotations

from datetime import date

import pytest

from factories import extracted, parties

WED = date(2026, 2, 11)  # a Wednesday


def _meetings(nlp, registry, text: str):
    return extracted(nlp, registry, text, "meeting", WED)


def _places(found) -> list[str | None]:
    return [m.location.name if m.location else None for m in found]


SUMMIT = ("Alexander Stubb arrived in Tallinn on Tuesday for the fifth Baltic Sea summit. The "
          "fifth summit opened at 10 am on Tuesday at Kadriorg Palace, hosted by Kristen "
          "Michal.")


@pytest.mark.integration
@pytest.mark.parametrize("text, places, first_parties", [
    # the summit in a city and at a venue that day: one meeting
    (SUMMIT, ["Kadriorg Palace, Tallinn"], {"Alexander Stubb", "Kristen Michal"}),
    # other people at a venue that day: another meeting
    ("Alexander Stubb held talks with Kristen Michal in Tallinn on Tuesday. On Tuesday, "
     "Keir Starmer received Friedrich Merz at Chevening House.",
     ["Tallinn", "Chevening House"], {"Alexander Stubb", "Kristen Michal"}),
    # the dinner before the summit: in its city, not at its venue
    (SUMMIT + " On Monday evening, Michal hosted a private dinner for Stubb.",
     ["Kadriorg Palace, Tallinn", "Tallinn"], {"Alexander Stubb", "Kristen Michal"}),
])
def test_a_venue_and_a_city_on_one_day(nlp, registry, text, places, first_parties):
    found = _meetings(nlp, registry, text)
    assert _places(found) == places
    assert first_parties <= parties(found[0])
