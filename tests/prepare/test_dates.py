"""Publication dates as pages state them: date lines, bylines, Published/Updated lines,
datelines and header lines, in the formats news sites use. Every line is our own."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.prepare.dates import dateline, find_dates, publication_date
from cowextract.prepare.head import head_line_dates
from cowextract.prepare.load import RawDocument
from cowextract.prepare.metadata import build_article

D = date

# (a line at the head of a page, the publication date it states, or None)
DATE_LINES = [
    # leading date lines, month first and day first
    ("September 2, 2025", D(2025, 9, 2)),
    ("2 September 2025", D(2025, 9, 2)),
    ("Sept. 2, 2025", D(2025, 9, 2)),
    ("2nd September, 2025", D(2025, 9, 2)),
    ("Tuesday, September 2, 2025", D(2025, 9, 2)),
    ("Tue 2 Sep 2025", D(2025, 9, 2)),
    ("Thursday 4th of December 2025", D(2025, 12, 4)),
    ("02-Sep-2025", D(2025, 9, 2)),
    # numeric, with dots, slashes and dashes, times after or before
    ("14.06.2025 09:15", D(2025, 6, 14)),
    ("09:15 14.06.2025", D(2025, 6, 14)),
    ("14/06/2025", D(2025, 6, 14)),
    ("06/14/2025 7:02 PM EDT", D(2025, 6, 14)),
    ("03/04/2025 10:30 ET", D(2025, 3, 4)),
    ("03/04/2025 10:30 GMT", D(2025, 4, 3)),
    ("14-06-2025", D(2025, 6, 14)),
    ("2025-06-14", D(2025, 6, 14)),
    ("2025/06/14 08:00", D(2025, 6, 14)),
    ("2025-06-14T08:00:00+02:00", D(2025, 6, 14)),
    # times and time zones after the date
    ("January 7, 2025 6:40 PM IST", D(2025, 1, 7)),
    ("January 7, 2025, 18:40 (GMT+5:30)", D(2025, 1, 7)),
    ("7 January 2025 | 6.40 pm", D(2025, 1, 7)),
    ("Jan 7, 2025 at 6:40 p.m. CET", D(2025, 1, 7)),
    # labelled lines
    ("Published 9 May 2025", D(2025, 5, 9)),
    ("Published: 9 May 2025, 11:02", D(2025, 5, 9)),
    ("PUBLISHED ON: MAY 9, 2025", D(2025, 5, 9)),
    ("Posted on May 9, 2025 by staff", D(2025, 5, 9)),
    ("First published on Fri 9 May 2025 06.00 BST", D(2025, 5, 9)),
    ("Date: 09/05/2025", D(2025, 5, 9)),
    ("Published: 9 May 2025 Updated: 11 May 2025", D(2025, 5, 9)),
    ("Updated 11 May 2025, 08:00 — Published 9 May 2025", D(2025, 5, 9)),
    ("Last updated: May 11, 2025", D(2025, 5, 11)),
    ("Updated: 11.05.2025 14:20", D(2025, 5, 11)),
    # bylines with a date
    ("By Maria Lindqvist | March 30, 2025", D(2025, 3, 30)),
    ("By Tomás Ferreira and Ana Duarte, Lisbon — 30 March 2025", D(2025, 3, 30)),
    ("Maria Lindqvist · 30 Mar 2025 · 4 min read", D(2025, 3, 30)),
    # a dateline standing alone on its line
    ("Wellington, April 3, 2025", D(2025, 4, 3)),
    ("OSLO, 3 April 2025", D(2025, 4, 3)),
    # not date lines: sentences, captions, related links, dates without a day or a year
    ("The ministers met in Oslo on April 3, 2025 to discuss the plan.", None),
    ("Leaders pose for a photo in Oslo, April 3, 2025.", None),
    ("Also read: Ministers to meet again on May 12, 2025 in Rome", None),
    ("By the end of March 2025, the force should be ready.", None),
    ("April 2025", None),
    ("April 3", None),
    ("31.02.2025", None),
    ("Reported on 12 May", None),
]


@pytest.mark.parametrize("line,expected", DATE_LINES)
def test_date_lines(line, expected):
    assert publication_date(head_line_dates(line) or []) == expected


@pytest.mark.parametrize("paragraph,expected", [
    ("WELLINGTON, April 3, 2025 (AP) — Ministers met on Thursday.", D(2025, 4, 3)),
    ("Wellington, April 3, 2025 – Ministers met on Thursday.", D(2025, 4, 3)),
    ("NEW DELHI, 3 April 2025: Ministers met on Thursday.", D(2025, 4, 3)),
    ("KYIV, Ukraine, Thursday, April 3, 2025 — Ministers met.", D(2025, 4, 3)),
    ("LIMA, Peru, 03.04.2025 /Agency/ - Ministers met.", D(2025, 4, 3)),
    ("WELLINGTON, April 3 (AP) — Ministers met.", None),  # no year: not a full date
    ("On April 3, 2025, ministers met in Wellington.", None),
    ("Ministers met in Wellington, April 3, 2025 — the first time.", None),
])
def test_datelines(paragraph, expected):
    assert dateline(paragraph) == expected


def test_numeric_dates_need_a_real_day():
    assert find_dates("31.04.2025") == []
    assert [f.value for f in find_dates("13/12/2025 and 12/13/2025")] == [
        D(2025, 12, 13), D(2025, 12, 13)]


BODY = ("Foreign ministers of the two countries met in Oslo on Thursday to agree on the next "
        "steps for the talks, officials said, and they will meet again next month in Rome.")


# (a page's head above BODY, the publication date of the article)
PAGES = [
    ("Ministers agree next steps\nSeptember 2, 2025\n", D(2025, 9, 2)),
    ("Ministers agree next steps\nUpdated: 5 Sep 2025\nPublished: 2 Sep 2025\n", D(2025, 9, 2)),
    ("Ministers agree next steps\nLast updated 5 September 2025\n", D(2025, 9, 5)),
    ("World\nMinisters agree next steps\nBy Ruth Okafor\n14.06.2025 09:15\n", D(2025, 6, 14)),
    (" date 2025-06-14 Ministers agree next steps\n", D(2025, 6, 14)),
    ("date: 2025-06-14\nMinisters agree next steps\n", D(2025, 6, 14)),
    ("---\ntitle: Ministers agree\ndate: 2025-06-14\n---\n", D(2025, 6, 14)),
    ("OSLO, June 14, 2025 (Reuters) - ", D(2025, 6, 14)),
    ("World | Europe | Politics\nMinisters agree next steps\n14 June 2025\n", D(2025, 6, 14)),
    # a caption's date, a related link's date, a date in the body: no publication date
    ("Ministers agree next steps\nThe two ministers in Oslo, June 13, 2025. Photo: Jan Berg\n",
     None),
    ("Ministers agree next steps\nAlso read: Talks in Rome set for June 20, 2025\n", None),
    ("Ministers agree next steps\nOn June 13, 2025, the ministers spoke by phone and agreed "
     "to meet in person in Oslo, where the talks were held on Thursday.\n", None),
    ("Ministers agree next steps\n", None),
]


@pytest.mark.parametrize("head,expected", PAGES)
def test_publication_date_of_a_page(head, expected):
    raw = RawDocument(source="p.txt", name="p.txt", text=head + BODY)
    assert build_article(raw).published == expected


def test_date_lines_leave_the_text():
    raw = RawDocument(source="p.txt", name="p.txt",
                      text="Ministers agree next steps\nBy Ruth Okafor\nPublished: 2 Sep 2025\n"
                           + BODY)
    article = build_article(raw)
    assert article.text == "Ministers agree next steps\n\n" + BODY
    assert article.published == D(2025, 9, 2)
