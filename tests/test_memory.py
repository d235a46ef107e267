"""Flat memory: nothing an article brings stays behind once it is processed."""

from __future__ import annotations

import gc

import pytest

from cowextract.load import RawDocument
from cowextract.pipeline import ArticleResult, process

pytestmark = pytest.mark.integration

BODY = ("Leaders met in Paris on 4 September 2025 to discuss the {w} plan. "
        "\u201cThe {w} proposal is ready,\u201d the French president said of {w}ville.\n")


def _docs(words: list[str]) -> list[RawDocument]:
    return [RawDocument(source=f"{w}.txt", name=f"{w}.txt", text=BODY.format(w=w),
                        meta={"published": "2025-09-05"}) for w in words]


def test_new_words_leave_the_vocabulary_and_docs_are_freed(nlp, registry):
    from spacy.tokens import Doc

    list(process(_docs(["warmup"]), nlp, registry))  # the words every article shares
    strings, gc_docs = len(nlp.vocab.strings), sum(isinstance(o, Doc) for o in gc.get_objects())
    words = [f"zorblat{i:03d}qux" for i in range(40)]
    out = list(process(_docs(words), nlp, registry))
    assert all(isinstance(o, ArticleResult) and o.events for o in out)
    assert any(w in o.article.text for o in out for w in words)
    assert len(nlp.vocab.strings) == strings
    assert sum(isinstance(o, Doc) for o in gc.get_objects()) <= gc_docs
