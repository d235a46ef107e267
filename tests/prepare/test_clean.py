"""Cleaning rules, one table row per rule."""

from __future__ import annotations

import pytest

from cowextract.prepare.clean import clean_text
from cowextract.prepare.metadata import english_share, guess_title

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


@pytest.mark.parametrize("text,title", [
    ("Coalition Commits to Ukraine Force if Peace Agreed\nA body sentence that runs longer than its headline.",
     "Coalition Commits to Ukraine Force if Peace Agreed"),
    ("A sentence that is not a title, it ends with a period.\nEurope Rallies Behind Kyiv as Leaders Meet",
     "Europe Rallies Behind Kyiv as Leaders Meet"),
    ("A sentence that ends with a period.\nAnother one.", None),
])
def test_guess_title(text, title):
    assert guess_title(text) == title


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
