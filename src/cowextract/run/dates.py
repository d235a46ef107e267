"""The temporal expressions of documents, without extracting or storing events (the
`dates` command)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from cowextract.errors import InputError
from cowextract.extract.timex import tag
from cowextract.models import Article, Timex
from cowextract.nlp.docs import release
from cowextract.prepare.articles import prepare
from cowextract.prepare.load import RawDocument
from cowextract.run.serial import within_length, zone
from cowextract.settings import DEFAULT, Settings


def tag_documents(docs: Iterable[RawDocument | InputError], nlp, *,
                  published: date | None = None, settings: Settings = DEFAULT
                  ) -> Iterator[tuple[Article, list[Timex]] | InputError]:
    """Each document's article and its temporal expressions, resolved against its own
    publication date (two files with the same text are tagged each on its own), in input
    order; an input that cannot be read comes out as its error (a `RepairedInput` warning
    ahead of its article)."""
    items = within_length(prepare(docs, published=published, dedupe=False), settings)
    articles: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
            if len(articles) < settings.batch_size:
                continue
            yield from _tag(articles, nlp, settings)
            articles = []
        elif isinstance(item, InputError):
            yield from _tag(articles, nlp, settings)
            articles = []
            yield item
    yield from _tag(articles, nlp, settings)


def _tag(articles: list[Article], nlp, settings: Settings
         ) -> Iterator[tuple[Article, list[Timex]]]:
    if not articles:
        return
    context, _ = zone(nlp, len(articles), settings)
    with context:
        out = []
        for doc, article in zip(nlp.pipe([a.text for a in articles]), articles, strict=True):
            out.append((article, tag(doc, article.published)))
            release(doc)
    yield from out
