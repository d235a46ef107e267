"""Meeting extraction: a table of news sentences with the meeting each should yield, merging
of mentions, tables of meetings, and sentences that report no meeting."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.extract.meetings.merge import places_agree
from cowextract.extract.meetings.tables import is_meeting_table
from cowextract.extract.text_tables import find_tables
from cowextract.models import Article, Location
from cowextract.run.serial import extract_article

PUBLISHED = date(2026, 2, 11)  # a Wednesday


def _meetings(nlp, registry, text: str, published: date | None = PUBLISHED):
    article = Article(id=Article.make_id(text), path="t.txt", published=published, text=text)
    result = extract_article(article, nlp(text), registry)
    return [e for e in result.events if e.type == "meeting"]


def _one(events):
    assert len(events) == 1, [e.evidence.text for e in events]
    return events[0]


@pytest.mark.integration
@pytest.mark.parametrize("text,date_value,location,fmt,host", [
    ("Defence ministers of the coalition met in Warsaw on 14 January 2026 to review "
     "training plans.", "2026-01-14", "Warsaw", "in_person", None),
    ("Polish Prime Minister Donald Tusk hosted a summit on air defence in Gdansk on "
     "Monday.", "2026-02-09", "Gdansk", "in_person", "Donald Tusk"),
    ("Leaders held a video conference on 3 February 2026 to discuss sanctions.",
     "2026-02-03", "virtual", "virtual", None),
    ("Finance ministers gathered on Tuesday for a virtual meeting on reconstruction.",
     "2026-02-10", "virtual", "virtual", None),
    ("Talks between Finland and Norway took place in Oslo on 2 February 2026.",
     "2026-02-02", "Oslo", "in_person", None),
])
def test_sentence_meeting(nlp, registry, text, date_value, location, fmt, host):
    m = _one(_meetings(nlp, registry, text))
    assert m.date is not None and m.date.value == date_value
    assert m.location is not None and m.location.name == location
    assert m.format == fmt
    if host:
        assert host in m.names("host")


@pytest.mark.integration
def test_undated_meeting_keeps_date_null(nlp, registry):
    m = _one(_meetings(nlp, registry, "Diplomats met in Vienna to prepare the next round.",
                       published=PUBLISHED))
    assert m.date is None
    assert m.location.name == "Vienna"


@pytest.mark.integration
def test_two_meetings_in_one_sentence(nlp, registry):
    text = ("Envoys have held a second ministerial (5 January, NATO HQ, Brussels) and a first "
            "directors-level (20 January, Rome) meeting.")
    events = _meetings(nlp, registry, text)
    by_date = {e.date.value: e.location.name for e in events if e.date}
    assert by_date.get("2026-01-20") == "Rome"
    assert "Brussels" in by_date.get("2026-01-05", "")


@pytest.mark.integration
def test_call_after_a_summit_is_a_separate_meeting(nlp, registry):
    text = ("Polish and Czech leaders spoke to President Donald Trump by video conference after the summit "
            "in Madrid on 6 February 2026.")
    events = _meetings(nlp, registry, text)
    formats = sorted(e.format or "" for e in events)
    assert formats == ["in_person", "virtual"]


@pytest.mark.integration
def test_mentions_merge_into_one_event(nlp, registry):
    text = ("Leaders met in Helsinki on 5 February 2026 for a summit on Arctic security. "
            "The meeting was hosted by Finnish President Alexander Stubb. "
            "After the Helsinki summit, ministers briefed reporters.")
    m = _one(_meetings(nlp, registry, text))
    assert m.date.value == "2026-02-05"
    assert len(m.mentions) == 2
    assert "Alexander Stubb" in m.names("host")


@pytest.mark.integration
def test_anaphoric_meeting_takes_the_day_named_just_before(nlp, registry):
    text = ("Allied leaders agreed on Monday to widen the mission. "
            "The videoconference was chaired by Keir Starmer.")
    m = _one(_meetings(nlp, registry, text))
    assert m.date.value == "2026-02-09"
    assert m.format == "virtual"


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "The minister welcomed the progress made on air defence.",
    "Germany joined the coalition in 2025.",
    "Officials called for more sanctions on 4 February 2026.",
    "The ministerial statement was published in London on 4 February 2026.",
    "From 2025, the two countries have co-chaired the summit meetings.",
    "Is a new summit needed?",
])
def test_not_a_meeting(nlp, registry, text):
    assert _meetings(nlp, registry, text) == []


TABLE = """Meetings so far:

| Date | Host | Location | Count |
|---|---|---|---|
| 12 January 2026 | Donald Tusk | Warsaw | 30 |
| 9 February 2026 | Video conference | 31 |
"""


@pytest.mark.integration
def test_table_rows_become_meetings(nlp, registry):
    events = _meetings(nlp, registry, TABLE)
    by_date = {e.date.value: e for e in events}
    assert set(by_date) == {"2026-01-12", "2026-02-09"}
    warsaw = by_date["2026-01-12"]
    assert warsaw.location.name == "Warsaw"
    assert warsaw.participant_count == 30
    assert "Donald Tusk" in warsaw.names("host")
    assert by_date["2026-02-09"].format == "virtual"


def test_meeting_table_detection():
    tables = find_tables(TABLE)
    assert len(tables) == 1 and is_meeting_table(tables[0])
    other = find_tables("| Country | Troops |\n|---|---|\n| France | 2000 |\n")
    assert not is_meeting_table(other[0])


@pytest.mark.integration
def test_a_seat_of_government_and_its_capital_are_one_place(nlp, registry):
    text = ("Leaders met at the Élysée to plan the force. "
            "A summit in Paris also agreed on its command.")
    m = _one(_meetings(nlp, registry, text))
    assert "Élysée" in m.location.name


@pytest.mark.parametrize("a,b,agree", [
    ("London", "Lancaster House, London", True),
    ("Élysée Palace, Paris", "Paris", True),
    ("Paris", "Madrid", False),
    ("virtual", "virtual", False),  # 'virtual' names no place, so it identifies no meeting
])
def test_places_agree(a, b, agree):
    kind = "virtual" if a == "virtual" else "city"
    assert places_agree(Location(name=a, kind=kind), Location(name=b, kind=kind)) is agree


@pytest.mark.parametrize("text, units", [
    ("Leaders met in Paris. They agreed.", ["Leaders met in Paris.", "They agreed."]),
    ("Paris summit\nLeaders met. Talks went on", ["Paris summit", "Leaders met.", "Talks went on"]),
    ("\n\nLeaders met\n\n", ["Leaders met"]),
    ("A table | 12\n\n| 13 |\nEnd.", ["A table | 12", "| 13 |", "End."]),
    ("", []),
])
def test_units_are_sentences_cut_at_line_breaks(text, units):
    import spacy

    from cowextract.nlp.docs import _units

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert [u.text for u in _units(nlp(text))] == units
