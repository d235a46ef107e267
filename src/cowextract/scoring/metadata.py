"""Article metadata against gold (shared/gold/README.md, "Metadata").

Gold records are `{"article", "title", "published", "source"}`, one per article. Scored:
- publication-date accuracy over all gold articles: the stored date equals the gold one, and
  a null gold date wants no date;
- title accuracy, likewise over all gold articles: the stored title equals the gold one after
  collapsing whitespace (case counts), and a null gold title (a page with no headline in its
  text) wants no title;
- source accuracy, an extra figure the README does not score: like the date, over all gold
  articles (a null gold source wants none), compared case-insensitively after collapsing
  whitespace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cowextract.scoring.attributes import Share

FIELDS = ("published", "title", "source")


def collapse(text: object) -> str | None:
    """A value as a string with runs of whitespace made one space; None stays None."""
    return None if text is None else " ".join(str(text).split())


def _same_source(gold: object, predicted: object) -> bool:
    g, p = collapse(gold), collapse(predicted)
    return (g or "").casefold() == (p or "").casefold() and (g is None) == (p is None)


RULES: dict[str, Callable[[object, object], bool]] = {
    "published": lambda g, p: collapse(g) == collapse(p),
    "title": lambda g, p: collapse(g) == collapse(p),
    "source": _same_source,
}
UNITS = {"published": "articles", "title": "articles", "source": "articles (not scored)"}


def is_metadata(record: dict) -> bool:
    """A metadata gold record: an article with any of the fields and no event type."""
    return "type" not in record and any(f in record for f in FIELDS)


@dataclass
class MetadataReport:
    shares: dict[str, Share] = field(
        default_factory=lambda: {f: Share(UNITS[f]) for f in FIELDS})
    misses: list[dict] = field(default_factory=list)

    def rows(self) -> list[dict]:
        return [{"figure": name, "value": None if v is None else round(v, 3), "count": count}
                for f, s in self.shares.items() for name, v, count in s.figures(f)]

    def metrics(self) -> dict[str, float]:
        return {row["figure"]: row["value"] for row in self.rows() if row["value"] is not None}


def score_metadata(gold: list[dict], predicted: dict[str, dict]) -> MetadataReport:
    """Score `predicted` (article file name → stored `title`, `published`, `source`; an
    article missing from it predicts nothing) against metadata gold records."""
    out = MetadataReport()
    for g in gold:
        got = predicted.get(g["article"], {})
        for name in FIELDS:
            if not out.shares[name].add(RULES[name](g.get(name), got.get(name))):
                out.misses.append({"miss": "wrong_metadata", "article": g["article"],
                                   "field": name, "gold": g.get(name),
                                   "predicted": got.get(name)})
    return out
