"""cowextract: news articles in, structured and verifiable event data out.

The library, in the pipeline's order (`prepare` → `nlp` → `extract` → `run` → `corpus`):

    from cowextract import Settings, Store, ingest, extract_text

    result = extract_text(open("article.txt").read(), published=date(2025, 9, 5))
    for event in result.events:
        print(event.type, event.evidence.text)

    with Store("news.db") as store:
        for outcome in ingest(["articles/"], store, settings=Settings(jobs=2)):
            print(outcome.status, outcome.source)

- `extract_text(text)`, `extract_article(article, doc, registry)`: one article's events;
- `ingest(paths, store)`: many documents into a store, with cross-source clusters;
- `Store`: the SQLite store (events, articles, clusters, claims);
- `Registry`: the actor registry; `Settings`: every tunable of a run.

Names are imported on first use, so `cowextract --help` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "extract_text": "cowextract.run.serial",
    "extract_article": "cowextract.extract.article",
    "ingest": "cowextract.run.ingest",
    "Store": "cowextract.store",
    "Registry": "cowextract.actors.registry",
    "Settings": "cowextract.settings",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'cowextract' has no attribute {name!r}")
