"""From raw documents to articles: clean, identify, and skip what the store already holds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from cowextract.errors import InputError
from cowextract.models import Article
from cowextract.prepare.load import RawDocument, source_digest
from cowextract.prepare.metadata import build_article


@dataclass
class Skipped:
    """An article already in the store (same cleaned text, or the same input as before),
    not processed again."""

    article_id: str
    path: str
    source: str
    digest: str | None = None


def prepare(docs: Iterable[RawDocument | InputError], *, published: date | None = None,
            is_known: Callable[[str], bool] | None = None,
            known_source: Callable[[str], str | None] | None = None, dedupe: bool = True
            ) -> Iterator[Article | Skipped | InputError]:
    """Clean and identify documents; known or repeated articles come out as `Skipped`
    (with `dedupe=False`, a text repeated in the input comes out again, as its own article).
    With `known_source` (input digest to stored article id), an input read before is
    skipped without even being cleaned; a new article carries its input's digest
    (`Article.input_digest`) to the store."""
    seen: set[str] = set()
    for raw in docs:
        if isinstance(raw, InputError):
            yield raw
            continue
        digest = None
        if known_source is not None:
            digest = source_digest(raw, published)
            stored = known_source(digest)
            if stored is not None:
                yield Skipped(stored, raw.name, raw.source)
                continue
        try:
            article = build_article(raw, published=published)
        except InputError as err:
            yield err
            continue
        if (dedupe and article.id in seen) or (is_known is not None and is_known(article.id)):
            yield Skipped(article.id, article.path, raw.source, digest)
            continue
        seen.add(article.id)
        article.input_digest = digest
        yield article
