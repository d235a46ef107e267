"""The pipeline: load → clean → metadata → annotate → extract → normalise → validate.

`extract_article` is the pure per-article step (article and its Doc in, validated events
out); `process` streams many documents through one spaCy pipeline in batches."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date

from . import meetings, pledges, statements, timex
from .actors import ArticleActors, Registry
from .claims import numeric_claims
from .context import ArticleContext, doc_ents, share_text
from .errors import InputError
from .load import RawDocument, source_digest
from .metadata import build_article
from .models import EVENT_ADAPTER, Article, Claim, Meeting, Pledge, Statement, Timex

Event = Meeting | Pledge | Statement
EXTRACTORS = (meetings.extract, pledges.extract, statements.extract)
BATCH_SIZE = 32
# Articles annotated in one spaCy memory zone: the strings and lexemes of words first seen
# in a zone are freed when it ends, so the vocabulary does not grow with the corpus.
ZONE_ARTICLES = 256
# The tokenizer caches how it split a word only outside a memory zone, so a pipeline's first
# WARM_ARTICLES articles are annotated outside one: the common words they teach it stay
# cached (a bounded, one-off growth) and later zones tokenize them from the cache.
WARM_ARTICLES = 64
_WARMED: dict[int, int] = {}  # id of a pipeline's vocab → articles annotated outside a zone


def _zone(nlp, articles: int) -> tuple[object, int]:
    """The context to annotate the next `articles` articles in, and how many of them to
    annotate there: outside a memory zone while the pipeline is warming up, else inside."""
    warmed = _WARMED.get(id(nlp.vocab), 0)
    if warmed < WARM_ARTICLES:
        n = min(articles, WARM_ARTICLES - warmed)
        _WARMED[id(nlp.vocab)] = warmed + n
        return nullcontext(), n
    return nlp.memory_zone(), articles


@dataclass
class ArticleResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    source: str = ""  # where it was read from, for messages


@dataclass
class Skipped:
    """An article already in the store (same cleaned text, or the same input as before),
    not processed again."""

    article_id: str
    path: str
    source: str
    digest: str | None = None


def _checked(event: Event, text: str) -> Event:
    for span in (event.evidence, *event.mentions):
        if text[span.start:span.end] != span.text:
            raise ValueError(f"evidence offsets of {event.type} event do not match the text")
    # Round-trip through the contract so that what is stored is exactly what validates.
    return EVENT_ADAPTER.validate_python(event.model_dump())


def extract_article(article: Article, doc, registry: Registry) -> ArticleResult:
    """Everything cowextract extracts from one annotated article (a pure function)."""
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


def prepare(docs: Iterable[RawDocument | InputError], *, published: date | None = None,
            is_known: Callable[[str], bool] | None = None,
            known_source: Callable[[str], str | None] | None = None
            ) -> Iterator[Article | Skipped | InputError]:
    """Clean and identify documents; known or repeated articles come out as `Skipped`.
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
        if article.id in seen or (is_known is not None and is_known(article.id)):
            yield Skipped(article.id, article.path, raw.source, digest)
            continue
        seen.add(article.id)
        article.input_digest = digest
        yield article


def process(docs: Iterable[RawDocument | InputError], nlp, registry: Registry, *,
            published: date | None = None, is_known: Callable[[str], bool] | None = None,
            known_source: Callable[[str], str | None] | None = None,
            batch_size: int = BATCH_SIZE
            ) -> Iterator[ArticleResult | Skipped | InputError]:
    """Stream documents through the pipeline, in input order, with flat memory: articles are
    annotated by `nlp.pipe` in batches and each result is yielded as soon as it is ready;
    every ZONE_ARTICLES articles are annotated and extracted inside one spaCy memory zone,
    which frees the strings first seen there (no Doc outlives its zone), once the pipeline's
    first WARM_ARTICLES articles have warmed its tokenizer outside one. `nlp` may be a
    function that loads the pipeline: it is called only once an article needs it, so a
    re-run over stored articles never loads the model."""
    stream = prepare(docs, published=published, is_known=is_known, known_source=known_source)
    first = None
    for item in stream:
        if isinstance(item, Article):
            first = item
            break
        yield item
    if first is None:
        return
    if not hasattr(nlp, "pipe"):
        nlp = nlp()

    held: deque = deque()  # (articles fed before it, item): inputs skipped or failed
    state = {"fed": 0, "exhausted": False}

    def feed(start: Article | None, limit: int):
        """The stream's next `limit` articles, as nlp.pipe pulls them."""
        state["fed"] = 0
        if start is not None:
            state["fed"] = 1
            yield start.text, start
        for item in stream:
            if state["fed"] >= limit and isinstance(item, Article):
                state["next"] = item
                return
            if isinstance(item, Article):
                state["fed"] += 1
                yield item.text, item
            else:
                held.append((state["fed"], item))
        state["exhausted"] = True

    start: Article | None = first
    while True:
        state["next"] = None
        zone, limit = _zone(nlp, ZONE_ARTICLES)
        with zone:
            done = 0
            for doc, article in nlp.pipe(feed(start, limit), as_tuples=True,
                                         batch_size=batch_size):
                while held and held[0][0] <= done:
                    yield held.popleft()[1]
                yield _extract_or_error(article, doc, registry)
                done += 1
        while held:
            yield held.popleft()[1]
        start = state["next"]
        if start is None and state["exhausted"]:
            return


def _extract_or_error(article: Article, doc, registry: Registry) -> ArticleResult | InputError:
    try:
        return extract_article(article, doc, registry)
    except ValueError as exc:
        return InputError(article.path, f"extraction failed ({exc})")
    finally:
        # What the extractors cached in user_data (entities, units) points back at the Doc:
        # left there, each Doc waits for a full garbage collection and hundreds pile up.
        doc.user_data.clear()


_WORKER: dict = {}
# spaCy's parser and tok2vec are cheaper per article in batches of 16 than of 8 (3% less CPU
# in a two-worker ingest); the batches not started when the input ends are split
# (`tail_batch_size`), so the workers still finish together.
PARALLEL_BATCH = 16
IN_FLIGHT = 8  # batches per worker queued ahead: workers keep busy while the parent clusters


def tail_batch_size(left: int, jobs: int, cap: int = PARALLEL_BATCH) -> int:
    """The size of the next batch once the input is exhausted and `left` articles wait:
    a share of what is left per worker, so batches shrink towards one article at the end
    and the workers finish close together instead of one idling through the other's last
    full batch."""
    return max(1, min(cap, -(-left // (2 * jobs))))


def _worker_init(model: str | None, actor_files: tuple) -> None:
    from .nlp import load_pipeline

    _WORKER["nlp"] = load_pipeline(model, actor_files)
    _WORKER["registry"] = Registry.load(actor_files)


def _worker_batch(articles: list[Article]) -> list[ArticleResult | InputError]:
    """Annotate and extract a batch in a worker. Results go back without their article,
    which the parent still holds: the text need not cross the process boundary twice."""
    nlp, registry = _WORKER["nlp"], _WORKER["registry"]
    zone, _ = _zone(nlp, len(articles))
    with zone:
        docs = nlp.pipe([a.text for a in articles], batch_size=len(articles))
        out = [_extract_or_error(article, doc, registry)
               for doc, article in zip(docs, articles, strict=True)]
    for r in out:
        if isinstance(r, ArticleResult):
            r.article = None
    return out


def process_parallel(docs: Iterable[RawDocument | InputError], *, jobs: int,
                     model: str | None = None, actor_files: tuple = (),
                     published: date | None = None,
                     is_known: Callable[[str], bool] | None = None,
                     known_source: Callable[[str], str | None] | None = None,
                     batch_size: int = PARALLEL_BATCH, worker: Callable = _worker_batch
                     ) -> Iterator[ArticleResult | Skipped | InputError]:
    """`process` over `jobs` worker processes, each with its own loaded pipeline. Output
    order is input order; at most IN_FLIGHT batches per worker are queued, so memory stays
    flat however large the corpus. A worker that dies takes its pool down: the batches in
    flight are then run again one article at a time, so that only the article it died on
    fails (named), not its neighbours."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Where processes can be forked (as spaCy's own n_process does), the workers inherit
    # the pipeline loaded once here instead of each importing spaCy and loading it again.
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")

    def new_pool() -> ProcessPoolExecutor:
        if fork:
            _worker_init(model, actor_files)
        return ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init,
                                   initargs=(model, actor_files))

    pool = None  # started with the first new article: a re-run of stored ones loads nothing
    pending: deque = deque()  # futures of batches, or lists of ready items, in input order

    def results(future, batch: list[Article]) -> Iterator[ArticleResult | InputError]:
        for article, r in zip(batch, future.result(), strict=True):
            if isinstance(r, ArticleResult):
                r.article = article
            yield r

    def one_by_one(batch: list[Article]) -> Iterator[ArticleResult | InputError]:
        for article in batch:
            current = pool
            try:
                yield from results(current.submit(worker, [article]), [article])
            except BrokenProcessPool:
                yield InputError(article.path, "the worker process died on this article")
                restart(current)

    def restart(broken: ProcessPoolExecutor) -> None:
        nonlocal pool
        if broken is pool:  # not yet replaced by an earlier batch of the same pool
            pool.shutdown(cancel_futures=True)
            pool = new_pool()

    def drain(limit: int):
        while len(pending) > limit:
            head = pending.popleft()
            if isinstance(head, list):
                yield from head
                continue
            future, batch, owner = head
            try:
                ready = list(results(future, batch))
            except BrokenProcessPool:
                restart(owner)
                ready = list(one_by_one(batch))
            yield from ready

    def submit(batch: list[Article], into: deque = pending) -> None:
        nonlocal pool
        if pool is None:
            pool = new_pool()
        into.append((pool.submit(worker, batch), batch, pool))

    def rebalance() -> None:
        """Split the batches no worker has started yet into `tail_batch_size` pieces, in
        the same places of the output order."""
        cancelled = [not isinstance(e, list) and e[0].cancel() for e in pending]
        left = sum(len(e[1]) for e, c in zip(pending, cancelled, strict=True) if c)
        queue = deque()
        for entry, c in zip(pending, cancelled, strict=True):
            if not c:
                queue.append(entry)
                continue
            batch = entry[1]
            while batch:
                size = tail_batch_size(left, jobs, batch_size)
                submit(batch[:size], queue)
                batch, left = batch[size:], left - size
        pending.clear()
        pending.extend(queue)

    batch: list[Article] = []
    try:
        for item in prepare(docs, published=published, is_known=is_known,
                            known_source=known_source):
            if isinstance(item, Article):
                batch.append(item)
                if len(batch) >= batch_size:
                    submit(batch)
                    batch = []
            else:
                if batch:
                    submit(batch)
                    batch = []
                pending.append([item])
            yield from drain(IN_FLIGHT * jobs)
        if batch:
            submit(batch)
        rebalance()
        yield from drain(0)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
