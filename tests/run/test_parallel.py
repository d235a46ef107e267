"""--jobs N: real worker processes, input order kept, a dying worker costs one article."""

from __future__ import annotations

import os
import sys

import pytest

from cowextract.errors import InputError
from cowextract.extract.article import ArticleResult
from cowextract.prepare.load import RawDocument
from cowextract.run.parallel import process_parallel, tail_batch_size, worker_batch
from cowextract.settings import Settings

pytestmark = pytest.mark.integration

MARK = "The printing press broke down on the night shift."
BODY = ("Leaders met in Paris on 4 September 2025 to discuss security guarantees. "
        "\u201cWe are ready,\u201d the French president said. {extra}\n")


def dying_worker(articles):
    """The real worker, except that its process dies outright on one article."""
    if any(MARK in a.text for a in articles):
        os._exit(3)
    return worker_batch(articles)


def _docs(extras: list[str]) -> list[RawDocument]:
    return [RawDocument(source=f"n{i}.txt", name=f"n{i}.txt", text=BODY.format(extra=e),
                        meta={"published": "2025-09-05"})
            for i, e in enumerate(extras)]


def test_a_dying_worker_fails_only_its_article_and_keeps_order():
    extras = ["First.", MARK, "Third.", "Fourth.", "Fifth."]
    out = list(process_parallel(_docs(extras), settings=Settings(jobs=1, parallel_batch=3),
                           worker=dying_worker))
    assert [type(o) for o in out] == [ArticleResult, InputError, ArticleResult,
                                      ArticleResult, ArticleResult]
    assert out[1].source == "n1.txt" and "died" in out[1].reason
    assert [o.article.path for o in out if isinstance(o, ArticleResult)] == [
        "n0.txt", "n2.txt", "n3.txt", "n4.txt"]
    assert all(o.events for o in out if isinstance(o, ArticleResult))


@pytest.mark.parametrize(("left", "jobs", "cap", "size"), [
    (200, 2, 8, 8),   # far from the end: full batches
    (32, 2, 8, 8),
    (24, 2, 8, 6),    # a quarter of what is left with two workers
    (9, 2, 8, 3),
    (4, 2, 8, 1),
    (1, 2, 8, 1),     # never empty
    (0, 2, 8, 1),
    (12, 3, 8, 2),
    (100, 1, 3, 3),   # never above the cap
])
def test_tail_batches_shrink_towards_one_article(left, jobs, cap, size):
    assert tail_batch_size(left, jobs, cap) == size


def batch_size_worker(articles):
    """Reports, for each article, the size of the batch it came in."""
    return [(a.path, len(articles)) for a in articles]


def test_the_tail_is_split_into_shrinking_batches_in_input_order():
    out = list(process_parallel(_docs([f"Item {i}." for i in range(40)]),
                                settings=Settings(jobs=2, parallel_batch=4),
                                worker=batch_size_worker))
    assert [path for path, _ in out] == [f"n{i}.txt" for i in range(40)]
    sizes = [size for _, size in out]
    assert sizes[0] == 4  # full batches while the input lasts
    assert sizes[-4:] == [1, 1, 1, 1]  # the last batch, split into single articles


def test_real_results_keep_input_order_when_the_tail_is_split():
    extras = [f"Item {i}." for i in range(11)]
    out = list(process_parallel(_docs(extras), settings=Settings(jobs=2, parallel_batch=2)))
    assert [o.article.path for o in out] == [f"n{i}.txt" for i in range(11)]
    assert all(o.events for o in out)


def _grandchild(parent: int, ready) -> None:
    from cowextract.run.parallel import die_with_parent

    die_with_parent(parent)
    ready.send(os.getpid())
    import time

    time.sleep(60)  # a worker waiting for work


def _middle(ready) -> None:
    import multiprocessing

    child = multiprocessing.get_context("fork").Process(target=_grandchild,
                                                       args=(os.getpid(), ready))
    child.start()
    import time

    time.sleep(60)  # killed by the test before this ends


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_dies_with_its_parent_even_a_killed_one():
    import multiprocessing
    import signal
    import time

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    middle = context.Process(target=_middle, args=(send,))
    middle.start()
    assert receive.poll(10)
    worker = receive.recv()
    os.kill(middle.pid, signal.SIGKILL)
    middle.join()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{worker}/stat") as fh:  # reaped by init, or a zombie: gone
            if fh.read().rsplit(")", 1)[1].split()[0] == "Z":
                break
        time.sleep(0.05)
    else:
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived its parent")
