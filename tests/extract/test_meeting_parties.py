"""Who took part in a meeting, and when, beyond its own words (issue 24, second round): the
officials of the registry with the country they represent, one official's separate
meetings kept apart, and parties and dates that other sentences give. Each row is a text
of our own."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.models import Article
from cowextract.run.serial import extract_article

from factories import extracted, parties

PUBLISHED = date(2025, 10, 1)  # a Wednesday


def _meetings(nlp, registry, text: str, published: date | None = PUBLISHED):
    return extracted(nlp, registry, text, "meeting", published)


_names = parties


def _when(meeting) -> str | None:
    return meeting.date.value if meeting.date else None


# Foreign ministers the registry knows (the whole world's, as of 2025) come out under their
# canonical names, with the country they represent.
OFFICIALS = [
    ("Indian External Affairs Minister S Jaishankar met Kenyan Foreign Minister Musalia "
     "Mudavadi in Nairobi on Monday.", {"S. Jaishankar", "India", "Musalia Mudavadi",
                                         "Kenya"}),
    ("Ayman Safadi held talks with Badr bin Hamad Albusaidi in Muscat on Tuesday.",
     {"Ayman Safadi", "Jordan", "Badr Albusaidi", "Oman"}),
    ("Bulgarian Prime Minister Rossen Jeliazkov met Hristijan Mickoski in Skopje on Monday.",
     {"Rosen Zhelyazkov", "Bulgaria", "Hristijan Mickoski", "North Macedonia"}),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "parties"), OFFICIALS)
def test_officials_take_part_for_their_country(nlp, registry, text, parties):
    (m,) = _meetings(nlp, registry, text)
    assert parties <= _names(m)


# An official and the country they represent are one side: two of their meetings with
# different counterparts, neither dated nor placed, stay two meetings.
SEPARATE_COUNTERPARTS = [
    "Jaishankar also met Kenyan Foreign Minister Musalia Mudavadi to discuss trade. With "
    "Jordanian Foreign Minister Ayman Safadi, Jaishankar reviewed progress on a transit "
    "corridor.",
]


@pytest.mark.integration
@pytest.mark.parametrize("text", SEPARATE_COUNTERPARTS)
def test_one_officials_meetings_with_others_stay_apart(nlp, registry, text):
    meetings = _meetings(nlp, registry, text)
    assert len(meetings) == 2
    assert "Musalia Mudavadi" not in _names(meetings[1])


# A date in a complement of the verb a meeting noun hangs from: being somewhere today is
# being at the meeting; an action with an object of its own has its own date.
COMPLEMENT_DATES = [
    ("Defence ministers will gather in Tallinn for talks on air defence, Pål Jonson said. "
     "\"I am honoured to be here today, as always, at the 30th meeting of the Ukraine "
     "Defense Contact Group,\" he told reporters.", "2025-10-01"),
    ("Leaders agreed at the summit in Brussels to hold the vote on 5 May.", None),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "day"), COMPLEMENT_DATES)
def test_a_complement_dates_the_meeting_only_by_being_there(nlp, registry, text, day):
    (m,) = _meetings(nlp, registry, text)
    assert _when(m) == day


# A meeting told in the past perfect within a dated report was held that day or before:
# the report's day bounds it (mod BEFORE) when the text dates it no better.
REPORT_BOUNDS = [
    ("Sergey Lavrov said on Monday that he had spoken by phone with Wang Yi about trade.",
     "2025-09-29", "BEFORE"),
    ("Sergey Lavrov said on Monday that he had met Wang Yi in Beijing on 20 September.",
     "2025-09-20", None),
    ("Sergey Lavrov said on Monday that he will meet Wang Yi in Beijing.", None, None),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "day", "mod"), REPORT_BOUNDS)
def test_a_past_perfect_meeting_is_bounded_by_its_report(nlp, registry, text, day, mod):
    (m,) = _meetings(nlp, registry, text)
    assert _when(m) == day
    assert (m.date.mod if m.date else None) == mod


# Separate meetings 'with X' in a sentence about something else ('ties were on the agenda in
# separate meetings with A and B') are those of the one who last met.
UNSAID_SUBJECT = [
    ("Sergey Lavrov met Wang Yi in Beijing on Monday. Grain exports came up too, in "
     "separate meetings with foreign ministers Ahmed Attaf of Algeria and Ronald Lamola of "
     "South Africa.", ["Ahmed Attaf", "Ronald Lamola"]),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "counterparts"), UNSAID_SUBJECT)
def test_separate_meetings_are_those_of_the_one_who_met(nlp, registry, text, counterparts):
    meetings = _meetings(nlp, registry, text)
    for name in counterparts:
        (m,) = [m for m in meetings if name in _names(m)]
        assert {"Sergey Lavrov", "Russia"} <= _names(m)


# Who heads a side's delegation at the talks ('X, head of the Russian delegation', 'chief
# negotiator Y', 'the delegation was led by Z', 'A and B, who lead the negotiations') takes
# part for their country in every round of those talks with no one else for it.
DELEGATION_HEADS = [
    ("Ukraine and Russia held a second round of talks in Istanbul on Monday. \"We agreed "
     "on an exchange of prisoners,\" said Vladimir Medinsky, head of the Russian delegation.",
     [{"Vladimir Medinsky", "Russia", "Ukraine"}]),
    ("Iran and the United States held two rounds of talks this spring. The first round was "
     "in Geneva on 3 March; the second, in Doha on 10 March. Iran's delegation was led by "
     "Abbas Araghchi.", [{"Abbas Araghchi", "Iran"}, {"Abbas Araghchi", "Iran"}]),
    ("Talks between Iran and the United States resumed in Oslo on Saturday, with Abbas "
     "Araghchi and Steve Witkoff, who lead the negotiations, in the same building.",
     [{"Abbas Araghchi", "Steve Witkoff", "Iran", "United States"}]),
    ("Ukrainian and Russian officials met in Geneva on Monday. \"It was useful,\" said "
     "Ukraine's chief negotiator Rustem Umerov.", [{"Rustem Umerov", "Ukraine"}]),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "parties"), DELEGATION_HEADS)
def test_delegation_heads_take_part_in_the_talks(nlp, registry, text, parties):
    meetings = _meetings(nlp, registry, text)
    assert len(meetings) == len(parties)
    for m, expected in zip(meetings, parties, strict=True):
        assert expected <= _names(m)


# Talking to the press or an audience, hosting a game or a broadcast, and receiving a thing
# are no meetings; receiving a guest is one.
NOT_MEETINGS = [
    "The spokeswoman spoke to reporters in Washington on Friday.",
    "On Sunday the senator took calls from listeners in Ohio.",
    "The Rams will host the Seattle Seahawks for a football game in Los Angeles on Sunday.",
    "She will help host the network's Senate election coverage in New York on Tuesday.",
    "In the latest poll, the governor received 41 percent support, Joe Biden 37 percent and "
    "Jill Stein 3 percent.",
]


@pytest.mark.integration
@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_press_games_and_things_received_are_no_meetings(nlp, registry, text):
    assert _meetings(nlp, registry, text, date(2016, 9, 30)) == []


@pytest.mark.integration
def test_receiving_a_guest_is_a_meeting(nlp, registry):
    (m,) = _meetings(nlp, registry, "Emmanuel Macron received Volodymyr Zelenskyy at the "
                     "Élysée Palace on Monday.")
    assert {"Emmanuel Macron", "Volodymyr Zelenskyy"} <= _names(m)


# A name written alone is the registry person whose full name the article writes with it
# first or last ('Lee' for 'Lee Jae Myung').
SHORT_NAMES = [
    ("President Lee Jae Myung flew to Tokyo on Friday. On Saturday, Lee and Shigeru Ishiba "
     "held talks at the Kantei.", {"Lee Jae-myung", "South Korea", "Shigeru Ishiba"}),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "parties"), SHORT_NAMES)
def test_a_name_alone_is_the_full_name_the_article_writes(nlp, registry, text, parties):
    meetings = _meetings(nlp, registry, text, date(2025, 8, 24))
    assert any(parties <= _names(m) for m in meetings)


# 'In the event of' says 'if': no event, and no meeting to refer back to.
IDIOMS = [
    ("Leaders met in Oslo on Monday. In the event of a truce with Russia, Sweden will send "
     "ships.", set(), {"Russia", "Sweden"}),
    ("Leaders met in Oslo on Monday and promised air cover in the event of an attack by "
     "Russia.", set(), {"Russia"}),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "parties", "not_parties"), IDIOMS)
def test_in_the_event_of_names_no_meeting(nlp, registry, text, parties, not_parties):
    (m,) = _meetings(nlp, registry, text)
    assert parties <= _names(m)
    assert not _names(m) & not_parties


# Who speaks to the press after a meeting took part in it ('followed by a press conference
# by A and B').
PRESS_CONFERENCES = [
    ("Leaders met in Rome on Monday, followed by a joint press conference by Giorgia Meloni "
     "and Emmanuel Macron.", {"Giorgia Meloni", "Emmanuel Macron", "Italy", "France"}),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "parties"), PRESS_CONFERENCES)
def test_who_briefs_the_press_after_a_meeting_took_part(nlp, registry, text, parties):
    (m,) = _meetings(nlp, registry, text)
    assert parties <= _names(m)


# Who mediates talks takes part in them ('talks mediated by Qatar'), round by round.
MEDIATORS = [
    ("Iran and the United States have held two rounds of talks mediated by Qatar. The first "
     "round was in Doha on 3 March; the second, in Geneva on 10 March.", "Qatar", 2),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "mediator", "rounds"), MEDIATORS)
def test_a_mediator_takes_part_in_each_round(nlp, registry, text, mediator, rounds):
    meetings = _meetings(nlp, registry, text)
    assert len(meetings) == rounds
    assert all(mediator in _names(m) for m in meetings)


# 'The summit meeting will be held on Wednesday' after 'the NATO summit opened on Tuesday
# with a dinner': another day of that summit, held by its parties.
ANOTHER_DAY = [
    ("The NATO summit opened in The Hague on Tuesday evening with a dinner hosted by Dick "
     "Schoof. The summit meeting will be held on Wednesday at the World Forum.",
     "2025-06-25", {"NATO"}),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "day", "parties"), ANOTHER_DAY)
def test_another_day_of_a_summit_has_its_parties(nlp, registry, text, day, parties):
    (m,) = [m for m in _meetings(nlp, registry, text, date(2025, 6, 24)) if _when(m) == day]
    assert parties <= _names(m)


# A headline's mention that pins no meeting down on its own ('Finland to host virtual
# meeting of the coalition of the willing') still joins the meeting the body reports.
HEADLINE_PARTIES = [
    ("Finland to host virtual meeting of the Coalition of the Willing",
     "Prime Minister Petteri Orpo will host a virtual meeting of leaders on Saturday to "
     "discuss air defence.", {"Coalition of the Willing", "Petteri Orpo"}),
]


@pytest.mark.integration
@pytest.mark.parametrize(("title", "body", "parties"), HEADLINE_PARTIES)
def test_a_headline_gives_the_body_meeting_its_parties(nlp, registry, title, body, parties):
    text = f"{title}\n\n{body}"
    article = Article(id=Article.make_id(text), path="t.txt", published=PUBLISHED,
                      text=text, title=title)
    events = extract_article(article, nlp(text), registry).events
    (m,) = [e for e in events if e.type == "meeting"]
    assert parties <= _names(m)
