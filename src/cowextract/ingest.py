"""Ingest: run the pipeline over inputs and store each article atomically."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .actors import Registry
from .cluster import Clusterer
from .diff import update as update_clusters
from .errors import InputError, SkippedInput
from .load import iter_documents
from .pipeline import ArticleResult, Skipped, process, process_parallel
from .store import Store

# The fewest new articles between two clustering passes: clusters follow an ingest as it
# goes instead of all at the end. With several jobs the passes run while the workers
# annotate, so short ones leave little to do once the last article is back. Where a pass
# ends changes what a meeting can be matched with, so the schedule is the same for any
# --jobs: it gives the same clusters and claims.
CLUSTER_EVERY = 50
# A pass stores again every cluster it changed, and in a long ingest the largest clusters
# change in every pass: passes a tenth of the articles ingested so far apart keep that
# cost a steady share of the run. A pass holds its articles' events until it ends, so
# they are at most CLUSTER_MAX apart, reached at 1,500 articles: memory stays flat after.
CLUSTER_SHARE = 10
CLUSTER_MAX = 150
# An article leaves thousands of short-lived objects (tokens, spans, models) behind, nearly all
# freed by reference counting: the collector need not look for cycles every 700 of them.
GC_YOUNG = 10_000


@dataclass
class Outcome:
    """What happened to one input: `stored`, `known` (already in the store), `skipped`
    (left out on purpose, e.g. not English) or `failed`."""

    status: str
    source: str
    result: ArticleResult | None = None
    error: InputError | None = None


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.result is not None and outcome.status == "stored":
            self.events.update(e.type for e in outcome.result.events)

    @property
    def failed(self) -> int:
        return self.counts["failed"] + self.counts["skipped"]


def ingest(inputs: Iterable[str], store: Store, nlp, registry: Registry, *,
           published: date | None = None, stdin=None, jobs: int = 1, model: str | None = None,
           actor_files: tuple = ()) -> Iterator[Outcome]:
    """Ingest every document named by `inputs` into `store`, one transaction per article;
    yields one outcome per document, in input order, as soon as it is stored. With `jobs`
    > 1, annotation and extraction run in that many processes (each loading `model`)."""
    docs = iter_documents(inputs, stdin=stdin)
    known = dict(is_known=store.has_article, known_source=store.source_article)
    if jobs > 1:
        items = process_parallel(docs, jobs=jobs, model=model, actor_files=actor_files,
                                 published=published, **known)
    else:
        items = process(docs, nlp, registry, published=published, **known)
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], GC_YOUNG), *threshold[1:])
    try:
        yield from _ingest(items, store)
    finally:
        gc.set_threshold(*threshold)


def pass_size(new: int) -> int:
    """New articles from one clustering pass to the next, once `new` are stored."""
    return max(CLUSTER_EVERY, min(CLUSTER_MAX, new // CLUSTER_SHARE))


def _ingest(items, store: Store) -> Iterator[Outcome]:
    new = last = 0  # new articles stored, and how many there were at the last pass
    clusterer = Clusterer(source=store)  # one for the whole run: its cache outlives a pass
    fresh: dict = {}  # events stored since the last pass, handed to it as they are
    for item in items:
        if isinstance(item, SkippedInput):
            yield Outcome("skipped", item.source, error=item)
        elif isinstance(item, InputError):
            yield Outcome("failed", item.source, error=item)
        elif isinstance(item, Skipped):
            store.add_path(item.article_id, item.path, item.digest)
            yield Outcome("known", item.source)
        else:
            stored = store.add_article(item.article, item.events, item.timexes, item.claims,
                                       digest=item.article.input_digest)
            yield Outcome("stored" if stored else "known", item.article.path, result=item)
            new += stored
            if stored:
                fresh.update((e.id, e) for e in item.events)
            if stored and new - last >= pass_size(new):
                update_clusters(store, clusterer=clusterer, fresh=fresh)
                fresh.clear()
                last = new
    # Cross-source clusters and claims follow the new events (a no-op when none are new).
    update_clusters(store, clusterer=clusterer, fresh=fresh)
