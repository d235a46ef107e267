"""Metadata: titles, publication dates and sources from every container, and HTML pages."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.errors import InputError, SkippedInput
from cowextract.prepare.load import RawDocument
from cowextract.prepare.metadata import build_article, parse_date

BODY = ("Leaders of the coalition met in Paris on Thursday to agree on the next steps for the "
        "force, officials said, and they will meet again next month.")

PAGE = f"""<!doctype html><html><head><title>Leaders agree force | The Wire</title>
<meta property="og:title" content="Leaders agree on a reassurance force">
<meta property="og:site_name" content="The Wire">
<meta property="article:published_time" content="2025-09-05T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Leaders agree on a reassurance force</h1><p>{BODY}</p>
<p>The French president said the plan was ready and that the troops would follow a ceasefire.</p>
</article><footer>Cookie settings. All rights reserved.</footer></body></html>"""


def test_html_page_main_text_and_metadata():
    a = build_article(RawDocument(source="p.html", name="p.html", text=PAGE, html=True))
    assert a.title == "Leaders agree on a reassurance force"
    assert a.published == date(2025, 9, 5)
    assert a.source == "The Wire"
    assert BODY in a.text
    assert "Home" not in a.text and "Cookie" not in a.text


@pytest.mark.parametrize("meta,text,expected", [
    ({"published": "2025-09-05"}, BODY, date(2025, 9, 5)),           # sidecar or JSON field
    ({"published": "5 September 2025"}, BODY, date(2025, 9, 5)),
    ({}, "date 2025-11-26\n" + BODY, date(2025, 11, 26)),           # header line
    ({}, "Published: 26 November 2025\n" + BODY, date(2025, 11, 26)),
    ({}, BODY, date(2024, 1, 1)),                                    # --published fallback
])
def test_publication_date_sources(meta, text, expected):
    raw = RawDocument(source="x.txt", name="x.txt", text=text, meta=meta)
    assert build_article(raw, published=date(2024, 1, 1)).published == expected


def test_no_date_stays_unknown():
    assert build_article(RawDocument(source="x", name="x", text=BODY)).published is None


def test_same_text_same_id_whatever_the_path():
    a = build_article(RawDocument(source="a", name="a.txt", text=BODY + "\nComments (2)"))
    b = build_article(RawDocument(source="b", name="b.txt", text=BODY))
    assert a.id == b.id and a.path != b.path


@pytest.mark.parametrize("text,error,reason", [
    ("Only three words", InputError, "no article text"),
    ("Les ministres se sont réunis jeudi à Paris pour discuter de la force de réassurance et "
     "des garanties de sécurité pour l'Ukraine après un cessez-le-feu.", SkippedInput, "not English"),
])
def test_rejected_articles(text, error, reason):
    with pytest.raises(error, match=reason):
        build_article(RawDocument(source="x.txt", name="x.txt", text=text))


@pytest.mark.parametrize("value,expected", [
    ("2025-09-05T10:00:00Z", date(2025, 9, 5)),
    ("Sept. 5, 2025", date(2025, 9, 5)),
    ("2025-02-30", None),
    ("soon", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected
