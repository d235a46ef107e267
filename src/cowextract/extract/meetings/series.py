"""Several meetings in one sentence by ellipsis: a numbered series of rounds ('the first
round took place in Muscat on 12 April; the second, in Rome on 19 April'), and one
meeting verb with coordinated dates ('met in Washington in January and in July')."""

from __future__ import annotations

import re
from dataclasses import replace

from cowextract.extract.context import ArticleContext, calendar_date
from cowextract.extract.meetings.common import Candidate, lexicon_words
from cowextract.models import DateValue, Location
from cowextract.nlp.docs import span_ents, span_text
from cowextract.nlp.syntax import PLACE_LABELS, PLACE_PREPS

_NEXT_OF_SERIES = re.compile(r"\s*(?:and\s+)?(?:the\s+)?(\w+)\b[\s,]", re.I)


def is_numbered(group) -> bool:
    """'the first round', 'the fifth round of talks': a meeting numbered in a series."""
    ordinals = lexicon_words("ordinal_words")
    return any(c.lower_ in ordinals or c.ent_type_ == "ORDINAL"
               for t, _ in group for c in t.children if c.dep_ in ("amod", "nummod"))


def _segment_setting(ctx: ArticleContext, unit, start: int, end: int
                     ) -> tuple[DateValue | None, Location | None]:
    when = next((d for t in ctx.timexes if start <= t.start and t.end <= end
                 if (d := calendar_date(t, ctx.article.published)) is not None), None)
    place = next((e.text for e in span_ents(unit) if start <= e.start_char and
                  e.end_char <= end and e.label_ in PLACE_LABELS), None) or _after_in(
        unit, start, end)
    return when, Location(name=place, kind="city") if place is not None else None


def _after_in(unit, start: int, end: int) -> str | None:
    """'in Yerevan': the proper name after 'in' or 'at', whatever the tagger made of it."""
    for tok in unit:
        if not (start <= tok.idx < end) or tok.lower_ not in PLACE_PREPS:
            continue
        words = []
        for nxt in tok.doc[tok.i + 1:unit.end]:
            if nxt.pos_ != "PROPN" or nxt.ent_type_ in ("DATE", "TIME"):
                break
            words.append(nxt.text)
        if words:
            return " ".join(words)
    return None


def numbered_series(ctx: ArticleContext, unit, group, cand: Candidate) -> list[Candidate]:
    """The further meetings of a numbered series the sentence lists after the first, each
    with its own date and place and the first one's parties."""
    if not is_numbered(group):
        return []
    text = span_text(unit)
    base = unit.start_char
    trigger_end = max(t.idx + len(t.text) for t, _ in group) - base
    out: list[Candidate] = []
    pos = text.find(";", trigger_end)
    ordinals = lexicon_words("ordinal_words")
    while pos >= 0:
        nxt = text.find(";", pos + 1)
        end = nxt if nxt >= 0 else len(text)
        m = _NEXT_OF_SERIES.match(text, pos + 1)
        if m is None or m.group(1).lower() not in ordinals:
            break
        when, where = _segment_setting(ctx, unit, base + pos + 1, base + end)
        if when is None and where is None:
            break
        out.append(replace(cand, actors=dict(cand.actors), date=when, location=where,
                           evidence=ctx.span(base + pos + 1, base + end), mentions=[],
                           order=cand.order + (len(out) + 1) / 100, separate=True,
                           day_named=False, place_country=None, country_level=False))
        pos = nxt
    if out:
        cand.separate = True
    return out


def coordinated_dates(ctx: ArticleContext, unit, region: set[int], cand: Candidate
                      ) -> list[Candidate]:
    """'met in Washington in January and early July': one meeting per coordinated month."""
    doc = unit.doc
    found = []
    for t in ctx.timexes:
        if not (unit.start_char <= t.start and t.end <= unit.end_char):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        d = calendar_date(t, ctx.article.published)
        if span is not None and span.root.i in region and d is not None and \
                d.precision == "month":
            found.append((t, d))
    if len(found) < 2:
        return []
    (first, d1), (second, d2) = found[0], found[1]
    between = ctx.text[first.end:second.start].strip(" ,").lower().split()
    if d1.value == d2.value or not between or between[0] not in ("and", "or") or \
            len(between) > 3:
        return []
    cand.date = d1
    later = replace(cand, actors=dict(cand.actors), date=d2, mentions=[], separate=True,
                    evidence=ctx.span(first.start, second.end), order=cand.order + 0.5)
    cand.separate = True
    return [later]
