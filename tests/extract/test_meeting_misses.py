"""The kinds of meeting misses seen on unseen news (issue 24), one table per kind, each row a
text of our own: calls, sidelines bilaterals and signings, group words as participants,
participants in the sentence and not from elsewhere, dates in the sentence, weekdays by
tense, headlines, lists of separate meetings, talks and scheduled meetings, signings."""

from __future__ import annotations

from datetime import date

import pytest

from factories import extracted, parties

WED = date(2026, 2, 11)  # a Wednesday


def _meetings(nlp, registry, text: str, published: date | None = WED,
              title: str | None = None):
    return extracted(nlp, registry, text, "meeting", published, title)


_names = parties


def _where(meeting) -> str | None:
    return meeting.location.name if meeting.location else None


def _when(meeting) -> str | None:
    return meeting.date.value if meeting.date else None


# Phone calls, video calls and virtual meetings are meetings, held at a distance.
CALLS = [
    ("Norwegian Prime Minister Jonas Gahr Støre spoke by phone with Ulf Kristersson on "
     "Monday about air defence.", "2026-02-09", {"Jonas Gahr Støre", "Ulf Kristersson"}),
    ("Defence ministers of the Nordic states held a video call on Tuesday to coordinate "
     "their aid.", "2026-02-10", set()),
    ("Petteri Orpo called Donald Tusk on Monday to discuss the Baltic cable damage.",
     "2026-02-09", {"Petteri Orpo", "Donald Tusk"}),
    ("Leaders of the coalition joined a virtual meeting hosted by Mark Carney on Tuesday.",
     "2026-02-10", {"Mark Carney"}),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "day", "parties"), CALLS)
def test_calls_are_meetings_held_at_a_distance(nlp, registry, text, day, parties):
    (m,) = _meetings(nlp, registry, text)
    assert m.format == "virtual"
    assert _when(m) == day
    assert parties <= _names(m)


# A bilateral on a summit's sidelines and a signing ceremony are meetings of their own; a
# press conference after a summit is part of the summit.
OWN_MEETINGS = [
    ("On the sidelines of the Arctic summit in Reykjavik on 4 February 2026, Jonas Gahr "
     "Støre met Mark Carney.", 2),
    ("Leaders met in Vienna on 2 February 2026 and signed a water-sharing accord.", 2),
    ("The summit in Oslo ended on 4 February 2026 with a press conference by the hosts.", 1),
    ("Ministers met by video link on 5 February 2026. The meeting took place alongside the "
     "Nordic Energy Forum, held at the Harpa conference centre in Reykjavik.", 2),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "count"), OWN_MEETINGS)
def test_bilaterals_and_signings_are_their_own_meetings(nlp, registry, text, count):
    assert len(_meetings(nlp, registry, text)) == count


# Words that describe the participants ("Nordic leaders", "European delegations") name no
# party, and the place is still read.
GROUP_WORDS = [
    ("A meeting of Nordic leaders in Oslo on 3 February 2026 agreed on new sanctions.",
     "Oslo", {"Nordic"}),
    ("Some 30 European delegations gathered in Madrid on Monday for the conference.",
     "Madrid", {"European"}),
    ("Kyiv's allies met in Prague on Tuesday to pool ammunition orders.", "Prague",
     {"Ukraine"}),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "place", "not_parties"), GROUP_WORDS)
def test_group_words_are_no_participants(nlp, registry, text, place, not_parties):
    (m,) = _meetings(nlp, registry, text)
    assert _where(m) == place
    assert not _names(m) & not_parties


# The participants named in the meeting's sentence are read; parties of other sentences
# and sources of the report are not.
PARTICIPANTS = [
    ("Volodymyr Zelenskyy, who attended the summit in Brussels on 6 February 2026, thanked "
     "the hosts.", {"Volodymyr Zelenskyy", "Ukraine"}, set()),
    ("Speaking after meeting with Emmanuel Macron on Monday, Donald Tusk said Europe must "
     "spend more.", {"Emmanuel Macron", "Donald Tusk", "France", "Poland"}, set()),
    ("Petteri Orpo met Ulf Kristersson in Turku on Monday, according to the BBC. Later, "
     "Donald Trump criticised NATO.", {"Petteri Orpo", "Ulf Kristersson"},
     {"Donald Trump", "BBC", "NATO"}),
    ("Leaders met in Warsaw on 2 February 2026 to discuss air defence. Prime Ministers "
     "Kristen Michal (Estonia) and Evika Siliņa (Latvia) took part.",
     {"Kristen Michal", "Evika Siliņa", "Estonia", "Latvia"}, set()),
    # held talks with a counterpart: a meeting of both, whenever and wherever it was
    ("Petteri Orpo held talks with Ulf Kristersson about the Baltic cables.",
     {"Petteri Orpo", "Ulf Kristersson", "Finland", "Sweden"}, set()),
    ("Germany held talks with Poland about border controls.", {"Germany", "Poland"}, set()),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "parties", "not_parties"), PARTICIPANTS)
def test_participants_come_from_the_meeting_sentence(nlp, registry, text, parties,
                                                     not_parties):
    (m,) = _meetings(nlp, registry, text)
    assert parties <= _names(m)
    assert not _names(m) & not_parties


# A date in the meeting's own sentence is its date.
SAME_SENTENCE_DATES = [
    ("Kaja Kallas and Marco Rubio met in Brussels on 12 May.", date(2026, 5, 20),
     "2026-05-12"),
    ("The foreign ministers met in Vilnius on Monday.", WED, "2026-02-09"),
    ("On 3 February 2026, following a meeting with Mark Rutte in The Hague, Dick Schoof "
     "announced new aid.", WED, "2026-02-03"),
    ("Talks between the envoys took place in Geneva last weekend.", WED,
     "2026-02-07/2026-02-08"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "published", "day"), SAME_SENTENCE_DATES)
def test_a_date_in_the_sentence_is_the_meetings(nlp, registry, text, published, day):
    (m,) = _meetings(nlp, registry, text, published)
    assert _when(m) == day


# A weekday is the last such day on or before the publication date in a report of what
# happened, the next one in a report of what will; without a publication date it stays
# unresolved (never today's clock).
WEEKDAYS = [
    ("Ulf Kristersson met Petteri Orpo in Helsinki on Tuesday.", WED, "2026-02-10"),
    ("Ulf Kristersson will meet Petteri Orpo in Helsinki on Tuesday.", WED, "2026-02-17"),
    ("Ulf Kristersson met Petteri Orpo in Helsinki on Wednesday.", WED, "2026-02-11"),
    ("Ulf Kristersson is set to meet Petteri Orpo in Helsinki on Friday.", WED,
     "2026-02-13"),
    ("Ulf Kristersson met Petteri Orpo in Helsinki on Tuesday.", None, None),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "published", "day"), WEEKDAYS)
def test_a_weekday_falls_in_the_week_its_tense_says(nlp, registry, text, published, day):
    (m,) = _meetings(nlp, registry, text, published)
    assert _when(m) == day


# A headline and the body's report of the same meeting are one meeting.
HEADLINES = [
    ("Poland to host Baltic security summit\n\nPolish Prime Minister Donald Tusk will host "
     "a summit on Baltic security in Gdansk on Friday.", "Poland to host Baltic security "
     "summit", "2026-02-13"),
    ("Nordic leaders to hold video meeting on Arctic\n\nJonas Gahr Støre will chair a "
     "virtual meeting of Nordic leaders on Thursday.", "Nordic leaders to hold video "
     "meeting on Arctic", "2026-02-12"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "title", "day"), HEADLINES)
def test_a_headline_and_its_body_are_one_meeting(nlp, registry, text, title, day):
    (m,) = _meetings(nlp, registry, text, title=title)
    assert _when(m) == day


# Lists of separate bilateral meetings are one meeting per counterpart, each with the host.
SEPARATE_MEETINGS = [
    ("Narendra Modi held bilateral meetings with leaders of Ghana, Peru and Fiji in Delhi.",
     ["Ghana", "Peru", "Fiji"], "Narendra Modi"),
    ("Mark Carney held separate talks with Jonas Gahr Støre of Norway, Ulf Kristersson of "
     "Sweden and Petteri Orpo of Finland in Ottawa.", ["Norway", "Sweden", "Finland"],
     "Mark Carney"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "sides", "host"), SEPARATE_MEETINGS)
def test_separate_meetings_are_one_per_counterpart(nlp, registry, text, sides, host):
    events = _meetings(nlp, registry, text)
    assert len(events) == len(sides)
    for m, side in zip(events, sides, strict=True):
        assert {side, host} <= _names(m)


# Talks, negotiations, rounds, and meetings scheduled for later are meetings.
TALKS = [
    ("Negotiations between Armenia and Azerbaijan will resume in Geneva on Friday.",
     "2026-02-13", "Geneva"),
    ("The third round of talks took place in Muscat on Saturday.", "2026-02-07", "Muscat"),
    ("On Thursday morning, the envoys are set to meet officials from Egypt and Qatar in "
     "Cairo.", "2026-02-12", "Cairo"),
    ("Ministers prepared papers ahead of a planned meeting with Sergey Lavrov in Ankara on "
     "Friday.", "2026-02-13", "Ankara"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "day", "place"), TALKS)
def test_talks_rounds_and_scheduled_meetings(nlp, registry, text, day, place):
    found = [(_when(m), _where(m)) for m in _meetings(nlp, registry, text)]
    assert (day, place) in found


# A numbered series of rounds, and a meeting with coordinated dates, are several meetings.
SERIES = [
    ("The first round took place in Baku on 3 January; the second, in Tbilisi on 17 "
     "January; and the third, in Yerevan on 31 January.",
     [("2026-01-03", "Baku"), ("2026-01-17", "Tbilisi"), ("2026-01-31", "Yerevan")]),
    ("Kaja Kallas and Marco Rubio met in Brussels in October and again in December.",
     [("2025-10", "Brussels"), ("2025-12", "Brussels")]),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "meetings"), SERIES)
def test_a_series_in_one_sentence_is_several_meetings(nlp, registry, text, meetings):
    found = [(_when(m), _where(m)) for m in _meetings(nlp, registry, text)]
    assert found == meetings


# Signing an agreement is a meeting of the signatories.
SIGNINGS = [
    ("The two foreign ministers signed the agreement in Washington on 25 January.",
     "2026-01-25", "Washington"),
    ("The accord was signed by Ulf Kristersson and Petteri Orpo in Stockholm on Monday.",
     "2026-02-09", "Stockholm"),
    ("The declaration of principles signed in Doha on 30 January takes effect at once.",
     "2026-01-30", "Doha"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "day", "place"), SIGNINGS)
def test_signings_are_meetings(nlp, registry, text, day, place):
    (m,) = _meetings(nlp, registry, text)
    assert (_when(m), _where(m)) == (day, place)


# Meetings only proposed, hoped for or conditional, and words that look like triggers,
# report no meeting.
NO_MEETING = [
    "Kyiv proposed a meeting between the two presidents by the end of the month.",
    "Officials discussed the possibility of a future summit with Russia.",
    "The force would deploy once both sides sign a ceasefire agreement.",
    "Diplomats described what they call the coalition of the willing.",
    "The ministry said it was ready to sign a deal with Washington.",
    "Only four members meet the spending target this year.",
    "The plan was met with opposition in parliament on Tuesday.",
    "Two presenters signed up with the network on Monday.",
    "The election was not an earthshaking event on Monday.",
    "Too many calls on Monday were left unanswered by the helpline.",
    "The network's host said on Friday that he would help host its election coverage.",
    "Norway was in talks with Sweden on Monday about buying more ammunition.",
]


@pytest.mark.integration
@pytest.mark.parametrize("text", NO_MEETING)
def test_proposed_or_conditional_meetings_are_none(nlp, registry, text):
    assert _meetings(nlp, registry, text) == []


# Where a story is filed from places the meetings it reports that name no place.
DATELINES = [
    ("OSLO — Nordic defence ministers met on Tuesday to plan joint patrols.", "OSLO"),
    ("Tallinn, Feb 11 (Reuters) Kristen Michal met Evika Siliņa on Tuesday.", "Tallinn"),
    # a venue only common nouns name is found by the city
    ("OSAKA — The summit will be held on Thursday at a purpose-built exhibition hall, where "
     "Japan, India and Australia will adopt a declaration.", "exhibition hall, OSAKA"),
    # a named venue stands on its own
    ("OSAKA — The leaders met on Wednesday at the Grand Lotus Hotel.", "Grand Lotus Hotel"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "place"), DATELINES)
def test_a_meeting_without_a_place_is_where_the_story_is_filed(nlp, registry, text, place):
    (m,) = _meetings(nlp, registry, text)
    assert _where(m) == place


# A meeting that names neither place nor day, of someone the sentence before places and
# dates, is held there and then.
SETTINGS = [
    ("Petteri Orpo spoke to students in Turku on Monday about the border. \"We agree on "
     "the essentials,\" Orpo said in a meeting with Ulf Kristersson.", "Turku", "2026-02-09"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "place", "day"), SETTINGS)
def test_a_meeting_takes_the_setting_of_the_sentence_before(nlp, registry, text, place, day):
    (m,) = _meetings(nlp, registry, text)
    assert (_where(m), _when(m)) == (place, day)


@pytest.mark.integration
def test_a_meeting_alongside_another_is_at_its_time(nlp, registry):
    text = ("Ministers met by video link on 5 February 2026. The meeting took place alongside "
            "the Nordic Energy Forum, held at the Harpa conference centre in Reykjavik.")
    assert [_when(m) for m in _meetings(nlp, registry, text)] == ["2026-02-05", "2026-02-05"]
