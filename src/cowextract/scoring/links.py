"""Cross-article grouping (shared/gold/README.md, "Cross-article grouping").

Over the matched meetings and pledges whose gold carries an `event_key`, every pair of events
from different articles is a gold link when their keys are equal, and a predicted link when
clustering put both predictions in one cluster. Scored: pairwise precision and recall of the
links, and the predicted links between events whose gold dates differ by more than a week
("far merges"). Two dates differ by more than a week when the days they can stand for are more
than seven days apart (`2025-03` and `2025-03-20` do not; `2025-03-02` and `2025-03-20` do);
gold pledges carry no date, so only meetings can be far merges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from cowextract.scoring.events import Event, Tally, article_key
from cowextract.store import date_range

KINDS = ("meeting", "pledge")
# A meeting and a pledge with one key: a gold link no clustering can make (clusters hold one
# kind); counted in the overall figures, shown as its own row when there is one.
MIXED = "meeting+pledge"
WEEK_DAYS = 7


@dataclass
class Linked:
    """A matched event as grouping sees it."""

    kind: str
    article: str
    key: str
    date: str | None
    cluster: str | None
    evidence: str | None


@dataclass
class Links:
    tallies: dict[str, Tally] = field(default_factory=dict)
    far: dict[str, int] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        return Tally.total(self.tallies.values())

    def rows(self) -> list[dict]:
        """Per kind and overall: gold, predicted and right links, P/R/F1, far merges."""
        out = []
        for name, t in [*self.tallies.items(), ("overall", self.overall)]:
            if name == MIXED and not t.gold:
                continue
            far = self.far.get(name, 0) if name != "overall" else sum(self.far.values())
            out.append({"type": name, "gold links": t.gold, "predicted links": t.predicted,
                        "right": t.matched, "precision": round(t.precision, 3),
                        "recall": round(t.recall, 3), "f1": round(t.f1, 3),
                        "far merges": far})
        return out

    def metrics(self) -> dict[str, float]:
        """`links.precision` … for all kinds, `meeting.links_precision` … per kind."""
        out: dict[str, float] = {}
        for name, t in [*self.tallies.items(), ("overall", self.overall)]:
            if name == MIXED:
                continue
            prefix = "links." if name == "overall" else f"{name}.links_"
            for k in ("precision", "recall", "f1"):
                out[prefix + k] = round(getattr(t, k), 3)
        out["links.far_merges"] = sum(self.far.values())
        return out


def _day(value: str) -> date:
    return date.fromisoformat(value)


def far_apart(a: str | None, b: str | None, days: int = WEEK_DAYS) -> bool:
    """Two TimeML dates whose periods are more than `days` apart (unknown forms are not)."""
    if a is None or b is None:
        return False
    (a_first, a_last), (b_first, b_last) = date_range(a), date_range(b)
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return False
    gap = max((_day(b_first) - _day(a_last)).days, (_day(a_first) - _day(b_last)).days)
    return gap > days


def linked_events(pairs: dict[str, Iterable[tuple[dict, Event]]],
                  cluster_of: dict[str, str]) -> list[Linked]:
    """The matched meetings and pledges whose gold has an `event_key`."""
    return [Linked(kind, article_key(g["article"]), g["event_key"], g.get("date"),
                   cluster_of.get(p.id), g.get("evidence"))
            for kind in KINDS for g, p in pairs.get(kind, ()) if g.get("event_key")]


def _link_miss(label: str, kind: str, a: Linked, b: Linked) -> dict:
    return {"miss": label, "type": kind,
            "events": [{"article": e.article, "event_key": e.key, "date": e.date,
                        "cluster": e.cluster, "evidence": e.evidence} for e in (a, b)]}


def score_links(events: list[Linked]) -> Links:
    """Pairwise link precision and recall, far merges, and the links that are wrong."""
    out = Links(tallies={k: Tally() for k in KINDS}, far={k: 0 for k in KINDS})
    for a, b in combinations(events, 2):
        if a.article == b.article:
            continue
        gold = a.key == b.key
        predicted = a.cluster is not None and a.cluster == b.cluster
        kind = a.kind if a.kind == b.kind else MIXED
        tally = out.tallies.setdefault(kind, Tally())
        tally.gold += gold
        tally.predicted += predicted
        tally.matched += gold and predicted
        if predicted and far_apart(a.date, b.date):
            out.far[kind] = out.far.get(kind, 0) + 1
        if gold != predicted:
            out.misses.append(_link_miss("missed_link" if gold else "false_link", kind, a, b))
    return out
