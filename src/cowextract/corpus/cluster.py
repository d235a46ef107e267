"""Cross-source event resolution: the same real-world meeting, pledge or quote reported by
several articles becomes one cluster. An undated meeting matched to a dated one elsewhere
takes that date, marked as inferred, with the source of the inference.

Clustering is incremental: a `Clusterer` places each new event in the best compatible
cluster (or a new one), looking only at clusters that share a date, a place, a figure or a
quote word (blocking), so the cost of an ingest grows with its own size. Given a
`ClusterSource` (the store), it reads those blocking keys and the candidate clusters'
summaries from there and holds only what the current batch touched and a bounded cache of
summaries, so memory stays flat however many clusters, and however large, are stored."""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache, partial
from typing import Protocol

from cowextract.corpus.members import (
    GENERIC_PLACES,
    Cluster,
    Event,
    Member,
    dates_agree,
    member_of,
    norm,
    places_agree,
    quote_keys,
    to_json,
)
from cowextract.models import Pledge, content_id
from cowextract.settings import DEFAULT, Settings

_NOTHING: frozenset = frozenset()


class ClusterSource(Protocol):
    """Where stored clusters and their blocking keys are read from (the store)."""

    def cluster_key_values(self, key: str, limit: int | None = None) -> list[str]: ...

    def cluster_summary(self, cluster_id: str) -> tuple[str, str, str]: ...

    def cluster_members(self, cluster_id: str) -> list[str]: ...

    def article_clusters(self, article_id: str) -> set[str]: ...


INDEXES = ("exact", "within", "day_place", "by_place", "undated_place", "by_word",
           "by_number", "numbers_on")


def index_key(index: str, key) -> str:
    """How a blocking key is written in the store: the index name and the key as JSON."""
    return f"{index} {to_json(key if isinstance(key, str) else list(key))}"


class Clusterer:
    """Places events into clusters. Without a source it holds every cluster in memory;
    with one it reads stored clusters' summaries on demand and keeps only this batch's
    changes until `saved()` is called."""

    def __init__(self, clusters: Iterable[Cluster] = (), source: ClusterSource | None = None,
                 settings: Settings = DEFAULT):
        self.source = source
        self.settings = settings
        # With a source: the changed clusters, then the most recently read ones, up to
        # `settings.cache_clusters` in all.
        self.clusters: OrderedDict[str, Cluster] = OrderedDict()
        # Blocking indexes: a new event is compared only with the clusters they point to.
        # `exact` holds dates at their precision, `within` month and year prefixes;
        # `numbers_on` maps a day to the figures pledged on it. With a source, these hold
        # only keys not yet saved.
        self.indexes: dict[str, dict] = {name: defaultdict(set) for name in INDEXES}
        self._stored: dict[tuple, set[str]] = {}
        self._days: dict[str, set] = {}  # _numbers_on, until that day's figures change
        self._article: dict[str, set[str]] = {}  # stored clusters holding an article
        self.changed: set[str] = set()
        for cluster in clusters:
            self.clusters[cluster.id] = cluster
            for m in cluster.members:
                self._index(cluster, m)

    def cluster(self, cid: str) -> Cluster:
        found = self.clusters.get(cid)
        if found is None:
            assert self.source is not None  # clusters not in memory are stored ones
            kind, label, summary = self.source.cluster_summary(cid)
            found = self.clusters[cid] = Cluster(
                id=cid, kind=kind, stored_label=label, summary=json.loads(summary),
                loader=partial(self._members, cid))
        elif self.source is not None:
            self.clusters.move_to_end(cid)
        return found

    def _members(self, cid: str) -> list[Member]:
        assert self.source is not None
        return [Member.from_json(m, i) for i, m in enumerate(self.source.cluster_members(cid))]

    def _trim(self) -> None:
        """Forget the least recently used stored clusters this batch has not changed, down
        to `settings.cache_clusters` (changed ones wait for `saved()`)."""
        for cid in list(self.clusters):
            if len(self.clusters) <= self.settings.cache_clusters:
                break
            if cid not in self.changed:
                del self.clusters[cid]

    def _lookup(self, index: str, key, limit: int | None = None) -> AbstractSet:
        """The values under a key (a set the caller must not change)."""
        new = self.indexes[index].get(key)
        if self.source is None:
            return new or _NOTHING
        # Stored keys change only when a batch is saved.
        stored = self._stored.get((index, key))
        if stored is None:
            stored = self._stored[(index, key)] = set(self.source.cluster_key_values(
                index_key(index, key), limit))
        return stored | new if new else stored

    def _numbers_on(self, day: str) -> set[tuple[float, str]]:
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = {n if isinstance(n, tuple) else _number(n)
                                       for n in self._lookup("numbers_on", day)}
        return found

    def _reports(self, c: Cluster, article_id: str) -> bool:
        """Whether the article already has a member in the cluster."""
        if article_id in c.articles:
            return True
        if self.source is None:
            return False
        stored = self._article.get(article_id)
        if stored is None:
            stored = self._article[article_id] = self.source.article_clusters(article_id)
        return c.id in stored

    def new_keys(self) -> Iterator[tuple[str, str]]:
        """Blocking keys added since the last save, as (key, value) rows for the store."""
        for index, entries in self.indexes.items():
            for key, values in entries.items():
                for value in values:
                    yield index_key(index, key), (value if isinstance(value, str)
                                                  else json.dumps(list(value)))

    def saved(self) -> None:
        """The changed clusters and new keys are stored: with a source, forget the keys and
        keep only as many clusters as the cache holds."""
        for cid in self.changed:
            self.clusters[cid].saved(None if self.source is None else partial(self._members, cid))
        self.changed = set()
        if self.source is None:
            return
        for entries in self.indexes.values():
            entries.clear()
        self._stored.clear()
        self._days.clear()
        self._article.clear()
        self._trim()

    def _index(self, cluster: Cluster, m: Member) -> None:
        kind, cid, ix = cluster.kind, cluster.id, self.indexes
        if m.date:
            start = m.date.split("/")[0]
            ix["exact"][(kind, start[:10])].add(cid)
            ix["within"][(kind, start[:7])].add(cid)
            ix["within"][(kind, start[:4])].add(cid)
            for place in _place_keys(m.location):
                ix["day_place"][(kind, start[:10], place)].add(cid)
            if m.kind == "pledge":
                ix["numbers_on"][start[:10]].update(m.numbers)
                self._days.pop(start[:10], None)
        for place in _place_keys(m.location):
            ix["by_place"][(kind, place)].add(cid)
            if not m.date:
                ix["undated_place"][(kind, place)].add(cid)
        if m.kind == "statement":
            for w in quote_keys(m.words):
                ix["by_word"][w].add(cid)
        if m.kind == "pledge":
            for n in m.numbers:
                ix["by_number"][(m.what, *n)].add(cid)

    def _candidates(self, m: Member) -> list[Cluster]:
        """The clusters worth scoring for `m`: those its blocking keys point to, the ones
        sharing most keys first, at most `settings.max_candidates`, so that the cost of placing an
        event does not grow with the number of stored clusters."""
        hits: Counter = Counter()

        def count(ids, weight: int = 1) -> None:
            for _ in range(weight):
                hits.update(ids)

        undated: set[str] = set()
        if m.kind == "statement":
            keys = quote_keys(m.words)
            for w in keys:
                posting = self._lookup("by_word", w, self.settings.common_key + 1)
                if len(posting) <= self.settings.common_key:
                    count(posting)
            # Half the words in common means sharing at least two of the longest, unless
            # the quote is too short to have two.
            need = 2 if len(keys) >= 3 else 1
            hits = Counter({c: n for c, n in hits.items() if n >= need})
        else:
            places = _place_keys(m.location)
            if m.date:
                start = m.date.split("/")[0]
                if len(start) >= 10:
                    for key in (start[:10], start[:7], start[:4]):
                        count(self._lookup("exact", (m.kind, key)))
                    for place in places:  # the same day and place: most likely the same
                        count(self._lookup("day_place", (m.kind, start[:10], place)), 2)
                else:
                    count(self._lookup("within", (m.kind, start)))
                    count(self._lookup("exact", (m.kind, start[:4])))
                for place in places:
                    found = self._lookup("undated_place", (m.kind, place)) - hits.keys()
                    undated |= found
                    count(found)
            else:
                for place in places:
                    count(self._lookup("by_place", (m.kind, place)))
            if m.kind == "pledge":
                for n in m.numbers:
                    count(self._lookup("by_number", (m.what, *n)), 2)
        most = self.settings.max_candidates
        ranked = hits if len(hits) <= most else [c for _, c in heapq.nsmallest(
            most, [(-n, c) for c, n in hits.items()])]
        clusters = [self.cluster(c) for c in sorted(ranked)]
        # A cluster found only by an undated member's place counts while it has no date.
        return [c for c in clusters if c.id not in undated or c.date is None]

    def score(self, m: Member, c: Cluster) -> float:
        """How well an event fits a cluster; negative when it cannot belong to it. Every
        refusal is -1, so the cheapest tests come first and the store is asked last."""
        if m.kind == "statement":
            return self._quote_score(m, c)
        return self._event_score(m, c)

    def _quote_score(self, m: Member, c: Cluster) -> float:
        """The best word overlap with the cluster's first wordings (×10), if one quote."""
        # The first few wordings stand for the utterance; a cluster quoted by hundreds of
        # outlets need not be read through for each new one.
        words, n = m.words, len(m.words)
        if not n:
            return -1
        # Sets of very different sizes cannot reach quote_same: skip the intersection.
        same = self.settings.quote_same
        low, high = same * n, n / same
        best = 0.0
        for k, other in c.wordings:
            if low <= k <= high:
                shared = len(words & other)
                similarity = shared / (n + k - shared)
                if similarity > best:
                    best = similarity
        if best < same or self._reports(c, m.article_id):
            return -1
        return best * 10

    def _event_score(self, m: Member, c: Cluster) -> float:
        """Shared places, actors, figures and dates of a meeting or pledge and a cluster."""
        cdate = c.date
        if m.date and cdate and not dates_agree(m.date, cdate):
            return -1
        if self._reports(c, m.article_id):
            return -1
        place = [places_agree(m.location, x) for x in c.places()]
        if any(p is False for p in place) and not any(p for p in place):
            return -1
        overlap = len(m.actors & c.actors())
        score = 2.0 * any(place) + overlap
        if m.kind == "pledge":
            if m.what != c.head[0].what:
                return -1
            shared = bool(m.numbers & c.numbers)
            if m.numbers and not shared and not c.bare:  # every member gives other figures
                return -1
            score += 4 * shared
        if m.date and cdate:
            return score + 3
        if m.kind == "meeting":
            # Numbers the articles report on the day (a pledge of "26 countries") tie an
            # undated report of a meeting to a dated one.
            if m.date is None and cdate is not None:
                score += 3 * bool(m.numbers & self._numbers_on(cdate[:10]))
            elif m.date is not None and cdate is None:
                score += 3 * bool(self._numbers_on(m.date[:10]) & c.numbers)
        return score if score >= self.settings.infer_min_score else -1

    def add(self, m: Member) -> Cluster:
        """Place one event; returns its cluster (new or existing)."""
        scored = [(self.score(m, c), c) for c in self._candidates(m)]
        scored = [(s, c) for s, c in scored if s >= 0]
        scored.sort(key=lambda sc: (-sc[0], sc[1].id))
        chosen = None
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0] or m.date):
            chosen = scored[0][1]
        if chosen is None:
            chosen = Cluster(id=content_id(m.kind, m.event_id), kind=m.kind)
            self.clusters[chosen.id] = chosen
        chosen.add(m)
        self._index(chosen, m)
        self._infer(chosen, m)
        self.changed.add(chosen.id)
        return chosen

    def _infer(self, c: Cluster, new: Member) -> None:
        """Undated members of a dated cluster take its date, marked inferred, from the
        first member that gives it. They all carry it already unless the date has just
        changed: then every member is visited, else only the new one."""
        date = c.date
        if date is None or c.kind == "statement":
            return
        changed = [] if c.inferred == date else c.members if c.undated else []
        c.inferred = date
        for m in changed or [new]:
            if m.date is None and m.inferred_date != date:
                m.inferred_date, m.inferred_from = date, c.first_article[date]
                m.dirty = True


@lru_cache(maxsize=4096)
def _number(text: str) -> tuple[float, str]:
    value, unit = json.loads(text)
    return value, unit


def _place_keys(location: str | None) -> list[str]:
    # "virtual" says nothing about which meeting: every video call shares it.
    if not location or norm(location) in GENERIC_PLACES:
        return []
    parts = [p.strip() for p in re.split(r"[,(]", norm(location)) if p.strip(" )")]
    return sorted({p.strip(" )") for p in parts} | {norm(location)})


def add_events(clusterer: Clusterer, events: list[Event],
               numbers: dict[str, set[tuple[float, str]]] | None = None) -> None:
    """Cluster one batch of events: pledges and quotes first, so that the amounts pledged on
    a day are known when meetings are placed. `numbers` are the figures each article's
    pledges give (read from the events when not given)."""
    if numbers is None:
        numbers = defaultdict(set)
        for e in events:
            if isinstance(e, Pledge) and e.amount and e.amount.value is not None:
                numbers[e.article.id].add((e.amount.value, e.amount.unit or ""))
    order = {"pledge": 0, "statement": 1, "meeting": 2}
    for e in sorted(events, key=lambda e: (order[e.type], e.article.path, e.evidence.start)):
        clusterer.add(member_of(e, numbers.get(e.article.id, ()) if e.type == "meeting"
                                else ()))
