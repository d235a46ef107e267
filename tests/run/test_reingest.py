"""Re-runs: an input read before is skipped before cleaning; anything that changes what
the article would be is read again."""

from __future__ import annotations

import pytest

import cowextract.prepare.articles
from cowextract.run.ingest import ingest
from cowextract.store import Store

pytestmark = pytest.mark.integration

STORY = ("Leaders met in Paris on 4 September 2025 to discuss security guarantees for "
         "Ukraine. \u201cWe are ready,\u201d the French president said after the talks.\n")


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "paris.txt").write_text(STORY)
    (d / "rome.txt").write_text(STORY.replace("Paris", "Rome"))
    return d


@pytest.fixture
def cleaned(monkeypatch):
    """The names of the inputs `build_article` cleaned."""
    seen: list[str] = []
    build = cowextract.prepare.articles.build_article

    def counting(raw, **kwargs):
        seen.append(raw.name)
        return build(raw, **kwargs)

    monkeypatch.setattr(cowextract.prepare.articles, "build_article", counting)
    return seen


def _statuses(folder, db, nlp, registry, **kwargs) -> dict[str, str]:
    with Store(db) as store:
        return {o.source.rsplit("/", 1)[-1]: o.status
                for o in ingest([str(folder)], store, nlp, registry, **kwargs)}


CHANGES = [  # what happens to the folder before the second run, what is cleaned again
    ("nothing", lambda d: None, {}, []),
    ("an edited file", lambda d: (d / "rome.txt").write_text(STORY.replace("Paris", "Kyiv")),
     {}, ["rome.txt"]),
    ("a copy under a new name", lambda d: (d / "copy.txt").write_text(STORY), {}, []),
    ("a sidecar", lambda d: (d / "paris.meta.json").write_text('{"source": "AFP"}'), {},
     ["paris.txt"]),
    ("another default date", lambda d: None, {"published": "2025-09-05"},
     ["paris.txt", "rome.txt"]),
]


@pytest.mark.parametrize("name, change, options, again", CHANGES, ids=[c[0] for c in CHANGES])
def test_second_run_cleans_only_what_changed(folder, db, nlp, registry, cleaned, name, change,
                                             options, again):
    from datetime import date

    _statuses(folder, db, nlp, registry)
    assert sorted(cleaned) == ["paris.txt", "rome.txt"]
    cleaned.clear()
    change(folder)
    kwargs = {"published": date.fromisoformat(options["published"])} if options else {}
    statuses = _statuses(folder, db, nlp, registry, **kwargs)
    assert sorted(cleaned) == again
    assert set(statuses.values()) <= {"known", "stored"}
    with Store(db) as store:
        paths = {r[0] for r in store.conn.execute("SELECT path FROM article_paths")}
    assert {p.rsplit("/", 1)[-1] for p in paths} >= {"paris.txt", "rome.txt"} | (
        {"copy.txt"} if name == "a copy under a new name" else set())
