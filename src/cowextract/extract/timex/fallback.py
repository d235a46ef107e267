"""The fallback for what our patterns miss: spaCy DATE entities that dateparser can read as
an absolute date."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from cowextract.extract.timex.anchors import Candidate, const
from cowextract.extract.timex.fragments import MONTH
from cowextract.nlp.docs import doc_ents, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

_DP_CACHE_SIZE = 4096


@lru_cache(maxsize=_DP_CACHE_SIZE)
def dateparser_value(text: str, published: date | None) -> str | None:
    """Last resort for a spaCy DATE entity our patterns do not read: an absolute date only."""
    if published is None or not re.search(rf"\d{{4}}|{MONTH}", text):
        return None
    from datetime import datetime

    import dateparser  # type: ignore[import-untyped]  # dateparser ships no type hints

    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        dt = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if dt is None:
        return None
    if re.search(r"\b\d{1,2}\b", re.sub(r"\d{4}", "", text)) and re.search(MONTH, text):
        return dt.date().isoformat()
    if re.search(MONTH, text):
        return f"{dt.year:04d}-{dt.month:02d}"
    return f"{dt.year:04d}"


def add_entities(doc: Doc, chosen: list[Candidate], published: date | None
                 ) -> list[Candidate]:
    """spaCy DATE entities that none of our patterns covered and that dateparser can read."""
    taken = bytearray(len(doc_text(doc)) + 1)
    for s, e, *_ in chosen:
        taken[s:e] = b"\x01" * (e - s)
    extra: list[Candidate] = []
    for ent in doc_ents(doc):
        if ent.label_ != "DATE" or any(taken[ent.start_char:ent.end_char]):
            continue
        if re.fullmatch(r"\d+", ent.text):
            continue  # a bare number our year rules already turned down
        value = dateparser_value(ent.text, published)
        if value is None:
            continue
        extra.append((ent.start_char, ent.end_char, "entity", const("DATE", value)))
    if not extra:
        return chosen
    return sorted(chosen + extra, key=lambda c: c[0])
