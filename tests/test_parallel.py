"""--jobs N: real worker processes, input order kept, a dying worker costs one article."""

from __future__ import annotations

import os

import pytest

from cowextract.errors import InputError
from cowextract.load import RawDocument
from cowextract.pipeline import ArticleResult, _worker_batch, process_parallel

pytestmark = pytest.mark.integration

MARK = "The printing press broke down on the night shift."
BODY = ("Leaders met in Paris on 4 September 2025 to discuss security guarantees. "
        "\u201cWe are ready,\u201d the French president said. {extra}\n")


def dying_worker(articles):
    """The real worker, except that its process dies outright on one article."""
    if any(MARK in a.text for a in articles):
        os._exit(3)
    return _worker_batch(articles)


def _docs(extras: list[str]) -> list[RawDocument]:
    return [RawDocument(source=f"n{i}.txt", name=f"n{i}.txt", text=BODY.format(extra=e),
                        meta={"published": "2025-09-05"})
            for i, e in enumerate(extras)]


def test_a_dying_worker_fails_only_its_article_and_keeps_order():
    extras = ["First.", MARK, "Third.", "Fourth.", "Fifth."]
    out = list(process_parallel(_docs(extras), jobs=1, batch_size=3, worker=dying_worker))
    assert [type(o) for o in out] == [ArticleResult, InputError, ArticleResult,
                                      ArticleResult, ArticleResult]
    assert out[1].source == "n1.txt" and "died" in out[1].reason
    assert [o.article.path for o in out if isinstance(o, ArticleResult)] == [
        "n0.txt", "n2.txt", "n3.txt", "n4.txt"]
    assert all(o.events for o in out if isinstance(o, ArticleResult))
