"""Metadata stage: title, publication date, source and language of one article, from what
its container, header lines and text say. HTML main text and dates come from trafilatura
and htmldate rather than hand-written scraping."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from cowextract.errors import InputError, SkippedInput
from cowextract.models import Article
from cowextract.prepare.clean import clean_text, is_table_row
from cowextract.prepare.load import RawDocument

MIN_WORDS = 5
TITLE_MAX_WORDS = 25
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "of",
               "on", "or", "the", "to", "with", "vs", "over", "after", "amid"}


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


def looks_like_title(line: str, *, title_case: bool = False) -> bool:
    """A headline: short, not a sentence ending in a period; `title_case` also asks for
    mostly capitalised words (for a line found where a headline is less expected)."""
    line = line.lstrip("#").strip()
    words = line.split()
    if not words or len(words) > TITLE_MAX_WORDS or is_table_row(line):
        return False
    if line.rstrip()[-1:] in ".:;,|" or len(words) < 3:
        return False
    if not title_case:
        return line[:1].isupper() or line[:1] in "\"'‘“«"
    capitalised = [w for w in words if w[:1].isalpha() and w.lower() not in SMALL_WORDS]
    return bool(capitalised) and sum(w[:1].isupper() for w in capitalised) / len(capitalised) >= 0.6


def guess_title(text: str) -> str | None:
    """A headline: the first line when it looks like one, else a headline-like last line
    (some scraped pages put the headline after the body)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return None
    if looks_like_title(lines[0]) and (len(lines) == 1 or len(lines[1]) > len(lines[0])):
        return lines[0].lstrip("#").strip()
    # A body ends with a sentence; a short unpunctuated last line is a displaced headline.
    if len(lines) > 1 and looks_like_title(lines[-1]) and lines[-1].rstrip()[-1:] not in \
            "!?\"”»’)":
        return lines[-1].lstrip("#").strip()
    return None


def _html_main(raw: RawDocument) -> tuple[str, dict]:
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
    return text, {k: v for k, v in meta.items() if v}


def build_article(raw: RawDocument, *, published: date | None = None) -> Article:
    """Turn one raw document into a cleaned, identified article with its metadata.

    Metadata precedence: what the document's own container states (JSON fields, sidecar
    `.meta.json`, HTML metadata), then header lines in the text, then `published` given
    by the caller (the CLI's `--published`) for articles that state no date of their own.
    """
    meta = dict(raw.meta)
    body = raw.text
    if raw.html:
        body, html_meta = _html_main(raw)
        meta = {**html_meta, **meta}
    cleaned = clean_text(body)
    text = cleaned.text
    if len(WORD_RE.findall(text)) < MIN_WORDS:
        raise InputError(raw.source, "no article text after cleaning")
    share = english_share(text)
    if share is not None and share < 0.15:
        raise SkippedInput(raw.source, f"not English (English function words {share:.0%}), skipped")

    header = cleaned.header
    stated = meta.get("published") or header.get("date") or header.get("published")
    pub = parse_date(stated)
    if stated and pub is None:
        raise InputError(raw.source, f"unreadable publication date {str(stated)[:40]!r}")
    title = meta.get("title") or header.get("title") or guess_title(text)
    return Article(
        id=Article.make_id(text),
        path=raw.name,
        title=str(title).strip() if title else None,
        published=pub or published,
        source=meta.get("source") or meta.get("outlet") or header.get("source"),
        url=meta.get("url"),
        language="en",
        text=text,
    )
