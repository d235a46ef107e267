"""Metadata stage: title, publication date, source and language of one article, from what
its container, header lines and text say. HTML main text and dates come from trafilatura
and htmldate rather than hand-written scraping."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from cowextract.errors import InputError, SkippedInput
from cowextract.models import Article
from cowextract.prepare.clean import Cleaned, clean_text
from cowextract.prepare.dates import publication_date
from cowextract.prepare.load import RawDocument
from cowextract.prepare.offsets import Mapped, Provenance
from cowextract.prepare.origins import html_text_origin
from cowextract.prepare.titles import guess_title

MIN_WORDS = 5
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@cache
def _english_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def parse_date(value: object) -> date | None:
    """A publication date from metadata (ISO strings, datetimes, or a human-written date)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = ISO_DATE_RE.search(text)
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={
        "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


def english_share(text: str, sample_words: int = 400) -> float | None:
    """The share of the first words that are English function words (None when too short).
    English prose runs at 0.35–0.55; other languages written in Latin script stay under 0.15."""
    words = [w.lower() for w in WORD_RE.findall(text[:20000])][:sample_words]
    if len(words) < 20:
        return None
    stop = _english_stop_words()
    return sum(w in stop for w in words) / len(words)


def _html_main(raw: RawDocument) -> tuple[Mapped, dict]:
    import trafilatura
    from htmldate import find_date

    meta: dict = {}
    text = trafilatura.extract(raw.text, include_tables=True, include_comments=False,
                               favor_recall=True, deduplicate=False)
    info = trafilatura.extract_metadata(raw.text)
    if info is not None:
        meta = {"title": info.title, "source": info.sitename, "url": info.url,
                "published": info.date, "author": info.author}
    if not meta.get("published"):
        meta["published"] = find_date(raw.text, extensive_search=False, original_date=True)
    if not text or not text.strip():
        raise InputError(raw.source, "HTML page has no main text that could be extracted")
    return html_text_origin(raw.text, text), {k: v for k, v in meta.items() if v}


def build_article(raw: RawDocument, *, published: date | None = None) -> Article:
    """Turn one raw document into a cleaned, identified article with its metadata.

    Metadata precedence: what the document's own container states (JSON fields, sidecar
    `.meta.json`, HTML metadata), then header lines and the page's head (date lines,
    bylines, the first paragraph's dateline), then `published` given by the caller (the
    CLI's `--published`) for articles that state no date of their own. The article
    carries the map of its text into the file as read (`Article.provenance`)."""
    meta = dict(raw.meta)
    body = raw.origin if raw.origin is not None else Mapped.source(raw.text)
    if raw.html:
        main, html_meta = _html_main(raw)
        body = main.through(body) if raw.origin is not None else main
        meta = {**html_meta, **meta}
    cleaned = clean_text(body)
    text = cleaned.text
    if len(WORD_RE.findall(text)) < MIN_WORDS:
        raise InputError(raw.source, "no article text after cleaning")
    share = english_share(text)
    if share is not None and share < 0.15:
        raise SkippedInput(raw.source, f"not English (English function words {share:.0%}), skipped")
    title = meta.get("title") or cleaned.header.get("title") or guess_title(text)
    article = Article(
        id=Article.make_id(text),
        path=raw.name,
        title=str(title).strip() if title else None,
        published=_published(raw, meta, cleaned) or published,
        source=meta.get("source") or meta.get("outlet") or cleaned.header.get("source")
        or cleaned.head.outlet,
        url=meta.get("url"),
        language="en",
        text=text,
    )
    assert cleaned.mapped is not None
    article.provenance = Provenance(cleaned.mapped, cleaned.removed)
    return article


def _published(raw: RawDocument, meta: dict, cleaned: Cleaned) -> date | None:
    """The publication date the document states: its container's, a header line's, or
    the one its head states (see `dates.publication_date`)."""
    header = cleaned.header
    stated = meta.get("published") or header.get("date") or header.get("published")
    if stated:
        pub = parse_date(stated)
        if pub is None:
            raise InputError(raw.source, f"unreadable publication date {str(stated)[:40]!r}")
        return pub
    return publication_date(cleaned.head.stated)
