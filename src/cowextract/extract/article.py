"""The per-article step: one article and its spaCy `Doc` in, validated events, temporal
expressions and claims out. A pure function, so it runs on any process pool."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from cowextract.actors.registry import Registry
from cowextract.actors.resolve import ArticleActors
from cowextract.errors import ExtractionError
from cowextract.extract import meetings, pledges, statements, timex
from cowextract.extract.amounts import may_continue
from cowextract.extract.claims import numeric_claims
from cowextract.extract.context import ArticleContext
from cowextract.models import (
    EVENT_ADAPTER,
    Article,
    Claim,
    Evidence,
    Meeting,
    Pledge,
    Statement,
    Timex,
)
from cowextract.nlp.docs import doc_ents, share_text
from cowextract.prepare.truncation import cut_word

Event = Meeting | Pledge | Statement
EXTRACTORS = (meetings.extract, pledges.extract, statements.extract)


@dataclass
class ArticleResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    source: str = ""  # where it was read from, for messages


def _located(spans: list[Evidence], article: Article) -> None:
    """Each span's place in the file as read (`Evidence.source_start`/`source_end`): the
    characters its own were read from, followed back through cleaning and loading."""
    provenance = article.provenance
    for span in spans:
        if provenance is None:
            span.source_start, span.source_end = span.start, span.end
        else:
            span.source_start, span.source_end = provenance.span(span.start, span.end)


def _finished(events: list[Event], cut: tuple[int, int] | None) -> list[Event]:
    """The events a cut page still reports (`cut`: where its unfinished part and the word
    the cut may have broken start, `truncation.cut_word`), without the mentions that run
    into that word (`_unbroken` for events of the unfinished part, and statements, that
    do)."""
    if cut is None:
        return events
    tail, broken = cut
    kept: list[Event] = []
    for event in events:
        ev = event.evidence
        if ev.end > broken and (ev.start >= tail or event.type == "statement"):
            found = _unbroken(event, broken)
            if found is None:
                continue
            event = found
        if any(m.end > broken for m in event.mentions):
            event = event.model_copy(update={"mentions": [m for m in event.mentions
                                                          if m.end <= broken]})
        kept.append(event)
    return kept


def _unbroken(event: Event, broken: int) -> Event | None:
    """An event of a cut page's unfinished part whose words run into the broken word: a
    statement stands with the words said up to the cut, unless the cut broke its speaker
    ('according to her spokeswo'); a meeting that names two parties before it, or a pledge its
    pledger, stands (an amount the cut may have broken, '£300 mil', unknown); others (a name
    cut short: 'the Nordic Co') give no event."""
    if event.type == "statement":
        word = event.evidence.text[broken - event.evidence.start:]
        cut = any((a.mention or a.name).endswith(word) for a in event.actors
                  if a.role == "speaker")
        return None if cut else event
    named = [a for a in event.actors if a.role in ("participant", "host", "pledger")
             and a.kind != "group"]
    if event.type == "meeting":  # two sides: an official and their country are one
        return event if len({a.mention or a.name for a in named}) >= 2 else None
    if not named:
        return None
    amount = getattr(event, "amount", None)
    if amount is None:
        return event
    text, start = event.evidence.text, event.evidence.start
    at = text.rfind(amount.text)
    end = start + at + len(amount.text)
    if at < 0 or end > broken or (not text[end - start:broken - start].strip()
                                  and may_continue(text[broken - start:])):
        return event.model_copy(update={"amount": None})
    return event


def _checked(event: Event, text: str) -> Event:
    for span in (event.evidence, *event.mentions):
        if text[span.start:span.end] != span.text:
            raise ExtractionError(f"evidence offsets of {event.type} event do not match the text")
    # Round-trip through the contract so that what is stored is exactly what validates.
    try:
        return EVENT_ADAPTER.validate_python(event.model_dump())
    except ValidationError as exc:
        raise ExtractionError(f"{event.type} event is not valid: {exc.errors()[0]['msg']}") \
            from None


def extract_article(article: Article, doc, registry: Registry) -> ArticleResult:
    """Everything cowextract extracts from one annotated article (a pure function). An
    event that breaks the contract raises `ExtractionError`."""
    share_text(doc, article.text)
    timexes = timex.tag(doc, article.published)
    actors = ArticleActors(registry, article.published)
    ctx = ArticleContext(article=article, doc=doc, actors=actors, timexes=timexes)
    events: list[Event] = []
    seen: set[str] = set()
    cut = cut_word(article.text)
    for extractor in EXTRACTORS:
        for event in _finished(list(extractor(ctx)), cut):
            _located([event.evidence, *event.mentions], article)
            event = _checked(event, article.text)
            if event.id not in seen:
                seen.add(event.id)
                events.append(event)
    events.sort(key=lambda e: (e.evidence.start, e.type))
    claims = numeric_claims(article, timexes, _organisations(ctx))
    _located([c.evidence for c in claims], article)
    return ArticleResult(article=article, events=events, timexes=timexes, claims=claims)


def _organisations(ctx: ArticleContext) -> dict[str, str]:
    """Canonical names of the organisations an article mentions (subjects of its claims)."""
    found: dict[str, str] = {}
    for ent in doc_ents(ctx.doc):
        if ent.label_ in ("ORG", "NORP"):
            resolved = ctx.actors.resolve(ent.text, ent.label_)
            if resolved is not None and resolved.kind == "organization":
                found.setdefault(resolved.name, resolved.kind)
    return found
