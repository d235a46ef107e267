"""--jobs N: annotation and extraction in worker processes, output in input order, memory
flat, and a worker that dies costing only the article it died on."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from cowextract.actors.registry import Registry
from cowextract.errors import InputError
from cowextract.extract.article import ArticleResult
from cowextract.models import Article
from cowextract.prepare.articles import Skipped, prepare
from cowextract.prepare.load import RawDocument
from cowextract.run.serial import Result, extract_or_error, within_length, zone
from cowextract.settings import DEFAULT, Settings

_WORKER: dict = {}


def tail_batch_size(left: int, jobs: int, cap: int = DEFAULT.parallel_batch) -> int:
    """The size of the next batch once the input is exhausted and `left` articles wait:
    a share of what is left per worker, so batches shrink towards one article at the end
    and the workers finish close together instead of one idling through the other's last
    full batch."""
    return max(1, min(cap, -(-left // (2 * jobs))))


def _worker_init(settings: Settings) -> None:
    from cowextract.nlp.pipeline import load_pipeline

    _WORKER["nlp"] = load_pipeline(settings.model, settings.actor_files)
    _WORKER["registry"] = Registry.load(settings.actor_files)
    _WORKER["settings"] = settings


def _child_init(settings: Settings, parent: int) -> None:
    """A worker's start: it dies with the process that started it, even one killed outright
    (SIGKILL runs no clean-up that could stop it), then it loads its pipeline."""
    die_with_parent(parent)
    _worker_init(settings)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this process when `parent` (the process that started it) dies: the kernel sends
    it SIGKILL where it can (Linux), else a thread notices the parent has gone."""
    try:
        if not sys.platform.startswith("linux"):
            raise OSError("no prctl")
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the kernel was asked
        os._exit(1)


def _watch_parent(parent: int, every: float = 0.5) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def worker_batch(articles: list[Article]) -> list[ArticleResult | InputError]:
    """Annotate and extract a batch in a worker. Results go back without their article,
    which the parent still holds: the text need not cross the process boundary twice."""
    nlp, registry = _WORKER["nlp"], _WORKER["registry"]
    context, _ = zone(nlp, len(articles), _WORKER.get("settings", DEFAULT))
    with context:
        docs = nlp.pipe([a.text for a in articles], batch_size=len(articles))
        out = [extract_or_error(article, doc, registry)
               for doc, article in zip(docs, articles, strict=True)]
    for r in out:
        if isinstance(r, ArticleResult):
            r.article = None  # type: ignore[assignment]  # restored by the parent
    return out


# What waits for output, in input order: a batch in a worker (its future, its articles and
# the pool it went to), or items ready to go out as they are.
_Entry = tuple[Future, list[Article], ProcessPoolExecutor] | list


class ParallelRun:
    """One `--jobs N` run: a pool of workers, each with its own loaded pipeline, fed
    batches while at most `in_flight` per worker wait. Where processes can be forked (as
    spaCy's own n_process does), the workers inherit the pipeline loaded once here instead
    of each importing spaCy and loading it again."""

    def __init__(self, settings: Settings, worker: Callable = worker_batch):
        self.settings = settings
        self.worker = worker
        self.fork = "fork" in multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if self.fork else "spawn")
        self.pool: ProcessPoolExecutor | None = None  # started with the first new article
        self.pending: deque[_Entry] = deque()

    def _new_pool(self) -> ProcessPoolExecutor:
        if self.fork:
            _worker_init(self.settings)
        return ProcessPoolExecutor(self.settings.jobs, mp_context=self.context,
                                   initializer=_child_init,
                                   initargs=(self.settings, os.getpid()))

    def _submit(self, batch: list[Article], into: deque | None = None) -> None:
        if self.pool is None:
            self.pool = self._new_pool()
        (self.pending if into is None else into).append(
            (self.pool.submit(self.worker, batch), batch, self.pool))

    @staticmethod
    def _results(future: Future, batch: list[Article]) -> Iterator[ArticleResult | InputError]:
        for article, r in zip(batch, future.result(), strict=True):
            if isinstance(r, ArticleResult):
                r.article = article
            yield r

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        if broken is self.pool:  # not yet replaced by an earlier batch of the same pool
            broken.shutdown(cancel_futures=True)
            self.pool = self._new_pool()

    def _one_by_one(self, batch: list[Article]) -> Iterator[ArticleResult | InputError]:
        """A batch whose worker died, again one article at a time: only the article it
        dies on fails."""
        for article in batch:
            current = self.pool
            assert current is not None
            try:
                yield from self._results(current.submit(self.worker, [article]), [article])
            except BrokenProcessPool:
                yield InputError(article.path, "the worker process died on this article")
                self._restart(current)

    def _drain(self, limit: int) -> Iterator[Result]:
        while len(self.pending) > limit:
            head = self.pending.popleft()
            if isinstance(head, list):
                yield from head
                continue
            future, batch, owner = head
            try:
                ready = list(self._results(future, batch))
            except BrokenProcessPool:
                self._restart(owner)
                ready = list(self._one_by_one(batch))
            yield from ready

    def _rebalance(self) -> None:
        """Split the batches no worker has started yet into `tail_batch_size` pieces, in
        the same places of the output order."""
        cancelled = [not isinstance(e, list) and e[0].cancel() for e in self.pending]
        left = sum(len(e[1]) for e, c in zip(self.pending, cancelled, strict=True) if c)
        queue: deque[_Entry] = deque()
        for entry, c in zip(self.pending, cancelled, strict=True):
            if not c:
                queue.append(entry)
                continue
            batch = entry[1]
            while batch:
                size = tail_batch_size(left, self.settings.jobs, self.settings.parallel_batch)
                self._submit(batch[:size], queue)
                batch, left = batch[size:], left - size
        self.pending = queue

    def run(self, items: Iterable[Article | Skipped | InputError]) -> Iterator[Result]:
        batch: list[Article] = []
        size, queued = self.settings.parallel_batch, self.settings.in_flight * self.settings.jobs
        try:
            for item in items:
                if isinstance(item, Article):
                    batch.append(item)
                    if len(batch) >= size:
                        self._submit(batch)
                        batch = []
                else:
                    if batch:
                        self._submit(batch)
                        batch = []
                    self.pending.append([item])
                yield from self._drain(queued)
            if batch:
                self._submit(batch)
            self._rebalance()
            yield from self._drain(0)
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)


def process_parallel(docs: Iterable[RawDocument | InputError], *,
                     settings: Settings = DEFAULT, published: date | None = None,
                     is_known: Callable[[str], bool] | None = None,
                     known_source: Callable[[str], str | None] | None = None,
                     worker: Callable = worker_batch) -> Iterator[Result]:
    """`process` over `settings.jobs` worker processes. Output order is input order; at
    most `settings.in_flight` batches per worker are queued, so memory stays flat however
    large the corpus. A worker that dies takes its pool down: the batches in flight are then
    run again one article at a time, so that only the article it died on fails (named),
    not its neighbours."""
    items = within_length(prepare(docs, published=published, is_known=is_known,
                                  known_source=known_source), settings)
    return ParallelRun(settings, worker).run(items)
