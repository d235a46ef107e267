"""Ingest: run the pipeline over inputs and store each article atomically."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from cowextract.actors.merge import merge_people
from cowextract.actors.registry import Registry
from cowextract.corpus.cluster import Clusterer
from cowextract.corpus.diff import update as update_clusters
from cowextract.errors import InputError, RepairedInput, SkippedInput
from cowextract.extract.article import ArticleResult
from cowextract.nlp.pipeline import load_pipeline
from cowextract.prepare.articles import Skipped
from cowextract.prepare.load import iter_documents
from cowextract.run.parallel import process_parallel
from cowextract.run.serial import Result, process
from cowextract.settings import DEFAULT, Settings
from cowextract.store import Store


@dataclass
class Outcome:
    """What happened to one input: `stored`, `known` (already in the store), `skipped`
    (left out on purpose, e.g. not English) or `failed`; or `repaired`, a warning about an
    input still processed (its own outcome follows)."""

    status: str
    source: str
    result: ArticleResult | None = None
    error: InputError | None = None


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "repaired":
            self.counts["repaired"] += 1
            return
        self.counts[outcome.status] += 1
        if outcome.result is not None and outcome.status == "stored":
            self.events.update(e.type for e in outcome.result.events)

    @property
    def failed(self) -> int:
        return self.counts["failed"] + self.counts["skipped"]


def ingest(inputs: Iterable[str], store: Store, nlp=None, registry: Registry | None = None,
           *, settings: Settings = DEFAULT, published: date | None = None,
           stdin: IO[bytes] | None = None) -> Iterator[Outcome]:
    """Ingest every document named by `inputs` into `store`, one transaction per article;
    yields one outcome per document, in input order, as soon as it is stored. The pipeline
    and registry are those `settings` names (`model`, `actor_files`), loaded when the first
    new article needs them, unless given. With `settings.jobs` > 1, annotation and
    extraction run in that many worker processes, each with its own pipeline."""
    docs = iter_documents(inputs, stdin=stdin)
    items: Iterator[Result]
    if settings.jobs > 1:
        items = process_parallel(docs, settings=settings, published=published,
                                 is_known=store.has_article, known_source=store.source_article)
    else:
        if nlp is None:
            def nlp():
                return load_pipeline(settings.model, settings.actor_files)
        registry = registry or Registry.load(settings.actor_files)
        items = process(docs, nlp, registry, published=published, settings=settings,
                        is_known=store.has_article, known_source=store.source_article)
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], settings.gc_young), *threshold[1:])
    try:
        yield from _ingest(items, store, settings)
    finally:
        gc.set_threshold(*threshold)


def pass_size(new: int, settings: Settings = DEFAULT) -> int:
    """New articles from one clustering pass to the next, once `new` are stored."""
    return max(settings.cluster_every,
               min(settings.cluster_max, new // settings.cluster_share))


def _ingest(items: Iterable[Result], store: Store, settings: Settings) -> Iterator[Outcome]:
    new = last = 0  # new articles stored, and how many there were at the last pass
    passes = _Passes(store, settings)
    for item in items:
        if isinstance(item, RepairedInput):
            yield Outcome("repaired", item.source, error=item)
        elif isinstance(item, SkippedInput):
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
                passes.fresh.update((e.id, e) for e in item.events)
            if stored and new - last >= pass_size(new, settings):
                passes.run()
                last = new
    # Cross-source clusters and claims follow the new events (a no-op when none are new).
    passes.run()
    if new:
        merge_people(store)  # one actor per person across the store


class _Passes:
    """An ingest's clustering passes. Each holds the database's write lock from its first
    read to its last write, so the passes of concurrent ingests (and `diff`) run one after
    the other; the clusterer's cache of stored clusters outlives a pass unless another
    process wrote in between."""

    def __init__(self, store: Store, settings: Settings):
        self.store, self.settings = store, settings
        self.clusterer = Clusterer(source=store, settings=settings)
        self.fresh: dict = {}  # events stored since the last pass, handed to it as they are

    def run(self) -> None:
        with self.store.clustering() as others_wrote:
            if others_wrote:
                self.clusterer = Clusterer(source=self.store, settings=self.settings)
            update_clusters(self.store, clusterer=self.clusterer, fresh=self.fresh)
        self.fresh.clear()
