"""Flat memory: once the first articles have warmed the tokenizer up, nothing an article
brings stays behind once it is processed."""

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


@pytest.fixture
def warm(monkeypatch):
    """Sets how many articles warm the tokenizer up, on a pipeline that has seen none."""
    import cowextract.pipeline

    monkeypatch.setattr(cowextract.pipeline, "_WARMED", {})
    return lambda n: monkeypatch.setattr(cowextract.pipeline, "WARM_ARTICLES", n)


def test_new_words_leave_the_vocabulary_and_docs_are_freed(nlp, registry, warm):
    from spacy.tokens import Doc

    warm(1)
    list(process(_docs(["warmup"]), nlp, registry))  # the words every article shares
    strings, gc_docs = len(nlp.vocab.strings), sum(isinstance(o, Doc) for o in gc.get_objects())
    words = [f"zorblat{i:03d}qux" for i in range(40)]
    out = list(process(_docs(words), nlp, registry))
    assert all(isinstance(o, ArticleResult) and o.events for o in out)
    assert any(w in o.article.text for o in out for w in words)
    assert len(nlp.vocab.strings) == strings
    assert sum(isinstance(o, Doc) for o in gc.get_objects()) <= gc_docs


def test_the_first_articles_warm_the_tokenizer_then_zones_begin(nlp, registry, warm):
    warm(2)
    words = ["quuxfirst01", "quuxfirst02", "quuxlater03", "quuxlater04"]
    list(process(_docs(words), nlp, registry))
    assert [w in nlp.vocab.strings for w in words] == [True, True, False, False]


@pytest.mark.parametrize("zone", [1, 2, 256])
@pytest.mark.parametrize("warm_up", [0, 3])
def test_zones_keep_input_order(nlp, registry, monkeypatch, warm, zone, warm_up):
    import cowextract.pipeline
    from cowextract.errors import InputError

    warm(warm_up)
    monkeypatch.setattr(cowextract.pipeline, "ZONE_ARTICLES", zone)
    docs = _docs(["alpha", "beta", "gamma", "delta"])
    short = [RawDocument(source=f"bad{i}.txt", name=f"bad{i}.txt", text="Too short.")
             for i in range(3)]
    mixed = [short[0], docs[0], short[1], docs[1], docs[2], short[2], docs[3]]
    out = list(process(mixed, nlp, registry))
    assert [o.source if isinstance(o, InputError) else o.article.path for o in out] == [
        "bad0.txt", "alpha.txt", "bad1.txt", "beta.txt", "gamma.txt", "bad2.txt", "delta.txt"]


def test_ingest_collects_young_objects_less_often_then_restores_the_collector(tmp_path):
    from cowextract.actors import Registry
    from cowextract.ingest import GC_YOUNG, ingest
    from cowextract.store import Store

    before = gc.get_threshold()
    during = []
    with Store(tmp_path / "x.db") as store:
        for outcome in ingest([str(tmp_path / "missing.txt")], store, nlp=None,
                              registry=Registry.load(())):
            during.append((outcome.status, gc.get_threshold()[0]))
    assert during == [("failed", max(before[0], GC_YOUNG))]
    assert gc.get_threshold() == before
