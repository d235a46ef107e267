"""Cleaning rules, one table row per rule."""

from __future__ import annotations

import pytest

from cowextract.prepare.clean import chrome_rule, clean_text
from cowextract.prepare.metadata import english_share

BODY = ("Leaders of the coalition met in Paris on Thursday to agree the next steps.\n"
        "The French president said the plan was ready and that troops would follow.")


@pytest.mark.parametrize("raw,expected", [
    # a date header line, alone or running into the first paragraph
    ("date 2025-11-26\nFirst paragraph here.", "First paragraph here."),
    (" date 2025-11-26 First paragraph here.", "First paragraph here."),
    ("Published: 28 March 2025\nBody line.", "Body line."),
    # reference marks, with page numbers; bracketed editorial text stays
    ("Thirty countries, [36] [37] joined. [update]", "Thirty countries, joined."),
    ("It was an option of last resort. [73] : 7 Later on.", "It was an option of last resort. Later on."),
    ("He said [the plan] works [...] well.", "He said [the plan] works [...] well."),
    # a whole body repeated
    (BODY + "\n" + BODY, BODY.replace("\n", "\n\n")),
    # trailing boilerplate: comment counters, lone numbers, share lines
    ("Body text of the story.\nКомментарии (0)", "Body text of the story."),
    ("Body text of the story.\nComments (12)", "Body text of the story."),
    ("Body text of the story.\nHeadline After Body\n0", "Body text of the story.\n\nHeadline After Body"),
    ("Body text of the story.\nLeave a Reply\nShare this:\nFacebook\nTwitter",
     "Body text of the story."),
    ("Body text of the story.\n(Reporting by Jane Doe in Oslo; Editing by John Roe)",
     "Body text of the story."),
    # empty table rows go, real rows stay as rows
    ("| Date | Host |\n|---|---|\n| | |\n| 2 March 2025 | Keir Starmer |\n| ||||||| |",
     "| Date | Host |\n|---|---|\n| 2 March 2025 | Keir Starmer |"),
    ("Intro.\n| Founders | Sixteen nations | |||||||||", "Intro.\n\n| Founders | Sixteen nations |"),
    # a separator with no table around it goes
    ("Text.\n|---|---|\nMore text.", "Text.\n\nMore text."),
    # short repeated lines (not paragraphs) are kept
    ("Details\nA first paragraph of the story.\nDetails", "Details\n\nA first paragraph of the story.\n\nDetails"),
    # Markdown headings and strong emphasis
    ("# Macron pledges more\nFrance pledged an extra **€2 billion** on __Wednesday__.",
     "Macron pledges more\n\nFrance pledged an extra €2 billion on Wednesday."),
    ("Footnote* and 2 * 3 ** 2 stay.", "Footnote* and 2 * 3 ** 2 stay."),
    # Windows newlines and form feeds
    ("Line one.\r\nLine two.\x0cLine three.", "Line one.\n\nLine two.\n\nLine three."),
])
def test_clean(raw, expected):
    assert clean_text(raw).text == expected


def test_header_date_is_reported():
    assert clean_text(" date 2025-11-26 Body.").header["date"] == "2025-11-26"
    assert clean_text("---\ntitle: T\ndate: 2025-03-28\n---\nBody.").header == {
        "title": "T", "date": "2025-03-28"}


def test_counts_of_dropped_things():
    c = clean_text(BODY + "\n" + BODY + "\nThirty [1] countries.\nComments (0)")
    assert c.dropped["repeated_paragraphs"] == 2
    assert c.dropped["reference_marks"] == 1
    assert c.dropped["boilerplate"] == 1


# (a whole line of a scraped page, the chrome rule that drops it)
CHROME = [
    ("Skip to main content", "navigation"),
    ("Skip to content", "navigation"),
    ("Main menu", "navigation"),
    ("Back to top", "navigation"),
    ("Home > World > Europe", "navigation"),
    ("News · World · Europe · Business", "navigation"),
    ("Advertisement", "advertising"),
    ("Story continues below advertisement", "advertising"),
    ("Sponsored content", "advertising"),
    ("Share this article", "share"),
    ("Share on WhatsApp", "share"),
    ("Click to share on X (Opens in new window)", "share"),
    ("Copy link", "share"),
    ("Sign up for our morning newsletter and get the news in your inbox", "newsletter"),
    ("Get the latest headlines delivered to your inbox: Subscribe to our newsletter",
     "newsletter"),
    ("Subscribe now for unlimited access", "newsletter"),
    ("This website uses cookies to ensure you get the best experience.", "cookies"),
    ("Accept all cookies", "cookies"),
    ("Download our app for breaking news alerts", "promotions"),
    ("Follow us on Mastodon for the latest news", "promotions"),
    ("Join our WhatsApp channel", "promotions"),
    ("Click here to read the full report", "promotions"),
    ("5 min read", "promotions"),
    ("Also read: Ministers to meet again in Rome next month", "related"),
    ("READ MORE: Why the border talks stalled", "related"),
    ("You may also like", "related"),
    ("Related Articles", "related"),
    ("Recommended for you", "related"),
    ("Photo: Jan Berg", "captions"),
    ("Image by Jan Berg/Nordic Images", "captions"),
    ("The two ministers shake hands in Oslo on Thursday. Photo: Jan Berg/Agency", "captions"),
    ("The two ministers in Oslo. Picture: Jan Berg", "captions"),
    ("The two ministers in Oslo on Thursday. © Jan Berg/Agency", "captions"),
    ("The minister (C) talks to her counterpart (R) in Oslo.", "captions"),
    ("The minister, second left, talks to reporters in Oslo.", "captions"),
    ("The minister (2L) and her counterpart at the talks in Oslo on Thursday", "captions"),
    ("The ministers sign the agreement in Oslo. Courtesy", "captions"),
    ("The ministers sign the agreement in Oslo on Thursday. (Wire Photo/Jan Berg)", "captions"),
    ("The ministers arrive for the talks in Oslo (Photo by Jan Berg/Agency)", "captions"),
    ("Ministers arrive for the talks in Oslo, Norway, Thursday, June 12, 2025. (NTB)",
     "captions"),
    ("OSLO TALKS 3.jpg", "captions"),
    ("Jan Berg / POOL / NORDPRESS", "captions"),
]


@pytest.mark.parametrize("line,rule", CHROME)
def test_chrome_lines(line, rule):
    assert chrome_rule(line) == rule


@pytest.mark.parametrize("line", [
    "Ministers met in Oslo on Thursday to agree on the next steps.",
    "Related talks will resume in Rome next month, officials said.",
    "By Thursday, the ministers had agreed on a plan.",
    "Share prices rose after the talks.",
    "The photo of the two ministers was widely shared.",
    "Senator Jane Doe (R) said the plan was sound.",  # one position mark is not a caption
    "Subscribers to the plan include Norway and Denmark.",
    "Home affairs ministers will meet in Rome.",
    "| Date | Host | Place |",
    "Cookies and biscuits were served at the summit, he said.",
    "OSLO (NTB) — Ministers arrived for the talks on Thursday.",
])
def test_article_lines_are_not_chrome(line):
    assert chrome_rule(line) is None


def test_chrome_between_paragraphs_is_dropped_and_recorded():
    page = ("Ministers met in Oslo on Thursday to agree on the next steps.\n"
            "Advertisement\n"
            "The ministers in Oslo. Photo: Jan Berg\n"
            "Also read: Ministers to meet again\n"
            "They will meet again in Rome next month, officials said.")
    cleaned = clean_text(page)
    assert cleaned.text == ("Ministers met in Oslo on Thursday to agree on the next steps.\n\n"
                            "They will meet again in Rome next month, officials said.")
    assert [page[s:e] for s, e, _ in cleaned.removed] == [
        "Advertisement", "The ministers in Oslo. Photo: Jan Berg",
        "Also read: Ministers to meet again"]
    assert [rule for _, _, rule in cleaned.removed] == ["advertising", "captions", "related"]


@pytest.mark.parametrize("text,english", [
    ("The leaders of the coalition said that they would meet again in the coming weeks "
     "to agree on the details of the force and its mandate, which is not yet clear.", True),
    ("Les dirigeants de la coalition ont déclaré qu'ils se réuniraient de nouveau dans les "
     "semaines à venir pour convenir des détails de la force et de son mandat.", False),
    ("Die Staats- und Regierungschefs der Koalition erklärten, sie würden sich in den "
     "kommenden Wochen erneut treffen, um die Einzelheiten der Truppe festzulegen.", False),
])
def test_english_share(text, english):
    assert (english_share(text) >= 0.15) is english
