"""The per-article step: one article and its spaCy `Doc` in, validated events, temporal
expressions and claims out. A pure function, so it runs on any process pool."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from cowextract.actors.registry import Registry
from cowextract.actors.resolve import ArticleActors
from cowextract.errors import ExtractionError
from cowextract.extract import meetings, pledges, statements, timex
from cowextract.extract.claims import numeric_claims
from cowextract.extract.context import ArticleContext
from cowextract.models import EVENT_ADAPTER, Article, Claim, Meeting, Pledge, Statement, Timex
from cowextract.nlp.docs import doc_ents, share_text

Event = Meeting | Pledge | Statement
EXTRACTORS = (meetings.extract, pledges.extract, statements.extract)


@dataclass
class ArticleResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    source: str = ""  # where it was read from, for messages


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
    for extractor in EXTRACTORS:
        for event in extractor(ctx):
            event = _checked(event, article.text)
            if event.id not in seen:
                seen.add(event.id)
                events.append(event)
    events.sort(key=lambda e: (e.evidence.start, e.type))
    return ArticleResult(article=article, events=events, timexes=timexes,
                         claims=numeric_claims(article, timexes, _organisations(ctx)))


def _organisations(ctx: ArticleContext) -> dict[str, str]:
    """Canonical names of the organisations an article mentions (subjects of its claims)."""
    found: dict[str, str] = {}
    for ent in doc_ents(ctx.doc):
        if ent.label_ in ("ORG", "NORP"):
            resolved = ctx.actors.resolve(ent.text, ent.label_)
            if resolved is not None and resolved.kind == "organization":
                found.setdefault(resolved.name, resolved.kind)
    return found
