"""Headlines of pages as they are scraped: past site names, section labels, promotions,
bylines and date lines; never a body sentence, a caption or a key point. Our own pages."""

from __future__ import annotations

import pytest

from cowextract.prepare.load import RawDocument
from cowextract.prepare.metadata import build_article
from cowextract.prepare.titles import guess_title, looks_like_title, title_span

BODY = ("Foreign ministers of the two countries met in Oslo on Thursday to agree on the next "
        "steps for the talks, officials said, and they will meet again next month in Rome.\n"
        "The talks are expected to cover a ceasefire, prisoner exchanges and the reopening of "
        "two border crossings that have been closed since the spring.")
HEADLINE = "Ministers agree to meet again in Rome after Oslo talks"

# (what stands above the body, the headline the page has, or None)
HEADS = [
    # the headline first, with what commonly follows it
    (f"{HEADLINE}\n", HEADLINE),
    (f"{HEADLINE}\nBy Ruth Okafor\n", HEADLINE),
    (f"{HEADLINE}\nNordic Desk\nPublished: June 14, 2025, 09:15 AM\n", HEADLINE),
    (f"{HEADLINE}\nJune 14, 2025\n", HEADLINE),
    (f"{HEADLINE}\n{HEADLINE}\nOSLO\n", HEADLINE),  # printed twice, then a dateline
    (f"{HEADLINE}\nThe two sides set a date for the next round, but left the hardest "
     f"questions open\n", HEADLINE),  # a standfirst, longer than the headline
    (f"# {HEADLINE}\n", HEADLINE),  # Markdown
    ("'We have a plan,' minister says after Oslo talks\n",
     "'We have a plan,' minister says after Oslo talks"),
    ("Oslo talks: Ministers agree “next steps” on border crossings\n",
     "Oslo talks: Ministers agree “next steps” on border crossings"),
    ("Will the Oslo talks end the border dispute?\n",
     "Will the Oslo talks end the border dispute?"),
    # chrome and labels above the headline
    (f"Skip to main content\nMenu\nWorld\n{HEADLINE}\n", HEADLINE),
    (f"Advertisement\n{HEADLINE}\n", HEADLINE),
    (f"Home » World » Europe\n{HEADLINE}\n", HEADLINE),
    (f"News • World • Europe • Politics\n{HEADLINE}\n", HEADLINE),
    (f"International Edition\n{HEADLINE}\n", HEADLINE),
    (f"09:15 14.06.2025\n{HEADLINE}\n", HEADLINE),
    (f"BREAKING\n{HEADLINE}\n", HEADLINE),
    (f"Sign up for our daily newsletter\n{HEADLINE}\n", HEADLINE),
    (f"The Northern Courier\n{HEADLINE}\n", HEADLINE),  # the site's name
    (f"Daily Courier Online\n{HEADLINE}\nUpdated 2 hours ago\n", HEADLINE),
    (f"World | Politics | Business | Culture\n{HEADLINE}\n", HEADLINE),
    (f"Home / World / Europe\n{HEADLINE}\n5 min read\n", HEADLINE),
    (f"We use cookies to improve your experience on our site.\nAccept all\n{HEADLINE}\n",
     HEADLINE),
    # pages with no headline in the text
    ("", None),  # the body's first sentence is not a headline
    ("KEY POINTS\n- Ministers met in Oslo.\n- They will meet again in Rome.\n", None),
    ("- Ministers met in Oslo on Thursday\n- They will meet again in Rome\n", None),
    ("Ruth Okafor Nordic Herald\n", None),  # a byline
    ("Oslo, June 14, NORDPRESS\n", None),  # a dateline with an agency
    ("The two ministers shake hands in Oslo (L) and (R). Photo: Jan Berg\n", None),
    ("Also read: Ministers to meet again in Rome next month\n", None),
]


@pytest.mark.parametrize("head,title", HEADS)
def test_headline_of_a_page(head, title):
    raw = RawDocument(source="p.txt", name="p.txt", text=head + BODY)
    assert build_article(raw).title == title


@pytest.mark.parametrize("text,title", [
    # a headline printed after the body, in Title Case
    (BODY + "\nMinisters Agree to Meet Again in Rome After Oslo Talks",
     "Ministers Agree to Meet Again in Rome After Oslo Talks"),
    # a page cut in the middle of its last sentence is not one
    (BODY + "\nThe next round is expected to begin in Rome on the first", None),
    (BODY + "\nAsked by The Nordic Herald", None),
])
def test_headline_after_the_body(text, title):
    assert guess_title(text) == title


@pytest.mark.parametrize("line,title_case,expected", [
    ("Ministers Agree Next Steps", True, True),
    ("Ministers agree next steps", False, True),
    ("Ministers agree next steps", True, False),
    ("Ministers agree next steps.", False, False),
    ("| Date | Place |", False, False),
    ("Two words", False, False),
])
def test_looks_like_title(line, title_case, expected):
    assert looks_like_title(line, title_case=title_case) is expected


def test_title_span_is_the_headline_line():
    text = f"{HEADLINE}\n\n{BODY}"
    assert title_span(text, HEADLINE) == (0, len(HEADLINE))
    assert title_span(text, "Not there") is None
    assert title_span(text, None) is None
