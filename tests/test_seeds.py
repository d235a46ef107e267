"""End to end on the five seed articles: every event valid against schemas/, every
evidence offset verifiable, quality above the pinned floors."""

from __future__ import annotations

import json

import jsonschema
import pytest

from cowextract.run.ingest import ingest
from cowextract.schemas import NAMES, schema_text
from cowextract.scoring.floors import read_floors
from cowextract.scoring.run import evaluate
from cowextract.store import Store

from conftest import GOLD, ROOT, SEEDS


@pytest.mark.parametrize("name", NAMES)
def test_schema_files_are_fresh(name):
    """`make schemas` regenerates these; a model change without it fails here."""
    assert (ROOT / "schemas" / f"{name}.schema.json").read_text() == schema_text(name)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, nlp, registry):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(db) as store:
        outcomes = list(ingest([str(SEEDS)], store, nlp, registry))
    assert [o.status for o in outcomes] == ["stored"] * 5
    return db


@pytest.mark.integration
def test_seed_events_are_valid_and_traceable(seeds_db):
    schema = json.loads((ROOT / "schemas" / "event.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    with Store(seeds_db) as store:
        events = list(store.events())
        texts = {a["id"]: store.article(a["id"]).text for a in store.articles()}
    assert {e.type for e in events} == {"meeting", "pledge", "statement"}
    for event in events:
        data = json.loads(event.model_dump_json())
        validator.validate(data)
        text = texts[event.article.id]
        for span in [data["evidence"], *data["mentions"]]:
            assert text[span["start"]:span["end"]] == span["text"]


@pytest.mark.integration
def test_repeated_body_is_stored_once(seeds_db):
    with Store(seeds_db) as store:
        article = next(a for a in store.articles() if a["path"].startswith("004_"))
        text = store.article(article["id"]).text
        quotes = [e.quote.text for e in store.events() if e.type == "statement"
                  and e.article.id == article["id"]]
    assert text.count("26 countries who have formally committed") == 1
    assert len(quotes) == len(set(quotes))
    assert not text.rstrip().endswith("(0)")


def floors() -> dict[str, float]:
    """The seeds line of eval-floors.txt."""
    return read_floors(ROOT / "eval-floors.txt", "seeds")


@pytest.mark.integration
def test_quality_gate_on_seed_gold(seeds_db):
    """The evaluation gate: lowering a floor in eval-floors.txt is an explicit act."""
    if not GOLD.is_file():
        pytest.skip("../shared/gold is not beside the checkout")
    result = evaluate(GOLD, db_path=str(seeds_db), articles_dir=None, model=None,
                      store_factory=Store)
    assert result.below(floors()) == []


@pytest.mark.integration
def test_seed_claims_across_sources(seeds_db):
    """The stories the seeds tell across outlets: a member count that changes, one summit
    reported by a dated and an undated article, and a pledge count both agree on."""
    from cowextract.corpus.diff import compute

    with Store(seeds_db) as store:
        rows = compute(list(store.claims()))
    count = next(r for r in rows if r.attribute == "member_count")
    assert count.status in ("conflict", "evolves")
    assert {(c.value, c.article.path[:3]) for c in count.claims} >= {
        ("33", "002"), ("34", "001"), ("35", "001")}

    dates = [r for r in rows if r.attribute == "date" and r.subject.endswith("2025-09-04")]
    assert len(dates) == 1
    by_source = {c.article.path[:3]: c for c in dates[0].claims}
    assert by_source["001"].value == by_source["004"].value == "2025-09-04"
    assert by_source["004"].as_of_basis == "inferred"

    amounts = [r for r in rows if r.attribute == "amount" and r.status == "agree"
               and {c.value for c in r.claims} == {"26 countries"}]
    assert amounts and {c.article.path[:3] for c in amounts[0].claims} == {"001", "004"}
