"""Flat memory: once the first articles have warmed the tokenizer up, nothing an article
brings stays behind once it is processed."""

from __future__ import annotations

import gc

import pytest

from cowextract.extract.article import ArticleResult
from cowextract.prepare.load import RawDocument
from cowextract.run.serial import forget_warmup, process
from cowextract.settings import Settings

pytestmark = pytest.mark.integration

BODY = ("Leaders met in Paris on 4 September 2025 to discuss the {w} plan. "
        "\u201cThe {w} proposal is ready,\u201d the French president said of {w}ville.\n")


def _docs(words: list[str]) -> list[RawDocument]:
    return [RawDocument(source=f"{w}.txt", name=f"{w}.txt", text=BODY.format(w=w),
                        meta={"published": "2025-09-05"}) for w in words]


@pytest.fixture
def fresh(nlp):
    """The session's pipeline, taken for one that has annotated nothing yet."""
    forget_warmup(nlp)
    yield nlp
    forget_warmup(nlp)


def test_new_words_leave_the_vocabulary_and_docs_are_freed(fresh, registry):
    from spacy.tokens import Doc

    nlp, settings = fresh, Settings(warm_articles=1)
    list(process(_docs(["warmup"]), nlp, registry, settings=settings))  # words all articles share
    strings, gc_docs = len(nlp.vocab.strings), sum(isinstance(o, Doc) for o in gc.get_objects())
    words = [f"zorblat{i:03d}qux" for i in range(40)]
    out = list(process(_docs(words), nlp, registry, settings=settings))
    assert all(isinstance(o, ArticleResult) and o.events for o in out)
    assert any(w in o.article.text for o in out for w in words)
    assert len(nlp.vocab.strings) == strings
    assert sum(isinstance(o, Doc) for o in gc.get_objects()) <= gc_docs


def test_the_first_articles_warm_the_tokenizer_then_zones_begin(fresh, registry):
    nlp = fresh
    words = ["quuxfirst01", "quuxfirst02", "quuxlater03", "quuxlater04"]
    list(process(_docs(words), nlp, registry, settings=Settings(warm_articles=2)))
    assert [w in nlp.vocab.strings for w in words] == [True, True, False, False]


@pytest.mark.parametrize("zone", [1, 2, 256])
@pytest.mark.parametrize("warm_up", [0, 3])
def test_zones_keep_input_order(fresh, registry, zone, warm_up):
    from cowextract.errors import InputError

    nlp, settings = fresh, Settings(warm_articles=warm_up, zone_articles=zone)
    docs = _docs(["alpha", "beta", "gamma", "delta"])
    short = [RawDocument(source=f"bad{i}.txt", name=f"bad{i}.txt", text="Too short.")
             for i in range(3)]
    mixed = [short[0], docs[0], short[1], docs[1], docs[2], short[2], docs[3]]
    out = list(process(mixed, nlp, registry, settings=settings))
    assert [o.source if isinstance(o, InputError) else o.article.path for o in out] == [
        "bad0.txt", "alpha.txt", "bad1.txt", "beta.txt", "gamma.txt", "bad2.txt", "delta.txt"]


def test_ingest_collects_young_objects_less_often_then_restores_the_collector(tmp_path):
    from cowextract.actors.registry import Registry
    from cowextract.run.ingest import ingest
    from cowextract.settings import DEFAULT
    from cowextract.store import Store

    before = gc.get_threshold()
    during = []
    with Store(tmp_path / "x.db") as store:
        for outcome in ingest([str(tmp_path / "missing.txt")], store, nlp=None,
                              registry=Registry.load(())):
            during.append((outcome.status, gc.get_threshold()[0]))
    assert during == [("failed", max(before[0], DEFAULT.gc_young))]
    assert gc.get_threshold() == before
