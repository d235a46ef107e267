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


@pytest.mark.integration
def test_a_summit_in_a_city_and_at_a_venue_that_day_is_one_meeting(nlp, registry):
    text = ("Finnish President Alexander Stubb arrived in Tallinn on Tuesday for the fifth "
            "Baltic Sea summit. The fifth summit opened at 10 am on Tuesday at Kadriorg "
            "Palace, where Estonian Prime Minister Kristen Michal hosted it.")
    found = _meetings(nlp, registry, text)
    assert _places(found) == ["Kadriorg Palace, Tallinn"]
    assert {"Alexander Stubb", "Kristen Michal"} <= parties(found[0])


@pytest.mark.integration
def test_other_people_at_a_venue_that_day_are_another_meeting(nlp, registry):
    text = ("Alexander Stubb held talks with Kristen Michal in Tallinn on Tuesday. "
            "On Tuesday, Keir Starmer received Friedrich Merz at Chevening House.")
    found = _meetings(nlp, registry, text)
    assert sorted(_places(found)) == ["Chevening House", "Tallinn"]


@pytest.mark.integration
def test_the_dinner_before_a_summit_is_in_its_city_not_at_its_venue(nlp, registry):
    text = ("Alexander Stubb arrived in Tallinn on Tuesday for the fifth Baltic Sea summit. "
            "The fifth summit opened on Tuesday at Kadriorg Palace, hosted by Kristen Michal. "
            "On Monday evening, Michal hosted a private dinner for Stubb.")
    found = _meetings(nlp, registry, text)
    assert _places(found) == ["Kadriorg Palace, Tallinn", "Tallinn"]
