"""Cross-source event resolution: the same real-world meeting, pledge or quote reported by
several articles becomes one cluster, on evidence (`evidence.py` for meetings and pledges,
`quotes.py` for quotes). An undated meeting matched to a dated one elsewhere takes that
date, marked as inferred, with the article it came from and the evidence.

Clustering is incremental: a `Clusterer` places each new event in the best cluster the
evidence allows (or a new one: when two clusters fit equally well, the event is not
guessed into either), looking only at clusters that share a date, a place, a party, a
figure or a quote word (blocking), so the cost of an ingest grows with its own size. Given
a `ClusterSource` (the store), it reads those blocking keys and the candidate clusters'
summaries from there and holds only what the current batch touched and a bounded cache of
summaries, so memory stays flat however many clusters, and however large, are stored."""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import timedelta
from functools import lru_cache, partial
from typing import Protocol

from cowextract.corpus.evidence import Evidence, accepts, meeting_evidence, pledge_evidence
from cowextract.corpus.members import (
    Cluster,
    Event,
    Member,
    figure,
    member_of,
    quote_keys,
    to_json,
)
from cowextract.corpus.places import fold, is_generic, parse
from cowextract.corpus.quotes import Probe
from cowextract.corpus.render import figure_text
from cowextract.corpus.timing import Dates, span
from cowextract.models import Pledge, content_id
from cowextract.settings import DEFAULT, Settings
from cowextract.store import date_range

_NOTHING: frozenset = frozenset()


class ClusterSource(Protocol):
    """Where stored clusters and their blocking keys are read from (the store)."""

    def cluster_key_values(self, key: str, limit: int | None = None) -> list[str]: ...

    def cluster_summary(self, cluster_id: str) -> tuple[str, str, str]: ...

    def cluster_members(self, cluster_id: str) -> list[str]: ...

    def article_clusters(self, article_id: str) -> set[str]: ...


INDEXES = ("exact", "within", "week_place", "by_place", "undated_place", "by_party",
           "undated_party", "by_word", "by_number", "numbers_on")


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
        # `exact` holds dates at their precision, `within` the month and year of days;
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
        if m.kind == "statement":
            for w in quote_keys(m.words):
                ix["by_word"][w].add(cid)
            return
        places, undated = _place_keys(m.location), m.date is None
        if m.date:
            start = m.date.split("/")[0]
            ix["exact"][(kind, start[:10])].add(cid)
            ix["within"][(kind, start[:7])].add(cid)
            ix["within"][(kind, start[:4])].add(cid)
            first = span(start[:10])
            if first is not None and len(start) >= 10:
                for place in places:
                    ix["week_place"][(kind, _week(first[0]), place)].add(cid)
            if m.kind == "pledge":
                ix["numbers_on"][start[:10]].update(m.numbers)
                self._days.pop(start[:10], None)
        for place in places:
            ix["by_place"][(kind, place)].add(cid)
            if undated:
                ix["undated_place"][(kind, place)].add(cid)
        for party in m.parties:
            ix["by_party"][(kind, party)].add(cid)
            if undated:
                ix["undated_party"][(kind, party)].add(cid)
        if m.kind == "pledge":
            for n in m.numbers:
                ix["by_number"][(m.what, *n)].add(cid)

    def _postings(self, index: str, keys: Iterable) -> list[AbstractSet]:
        """The clusters under each blocking key, leaving out keys too many share to tell."""
        common = self.settings.common_key
        found = (self._lookup(index, key, common + 1) for key in keys)
        return [p for p in found if p and len(p) <= common]

    def _day_keys(self, m: Member, first, found: list[AbstractSet]) -> None:
        """Clusters dated the same day; for a meeting also those at the same place within
        `date_tolerance` days, and those dated by the month or year of that day that share
        a place and a party or two parties with it."""
        kind, day = m.kind, first.isoformat()
        found += self._postings("exact", [(kind, day)])
        if kind == "meeting":
            # A few days apart, a meeting joins only at the same place: the weeks those
            # days fall in.
            near = timedelta(days=self.settings.date_tolerance)
            weeks = sorted({_week(first - near), _week(first), _week(first + near)})
            found += self._postings("week_place", [
                (kind, week, place) for place in _place_keys(m.location) for week in weeks])
            coarse = self._postings("exact", [(kind, day[:7]), (kind, day[:4])])
            if coarse:
                shared = set().union(*self._shared_keys(m, "by_place", "by_party"))
                found += [shared & p for p in coarse]

    def _shared_keys(self, m: Member, places: str, parties: str) -> list[AbstractSet]:
        """Clusters sharing a place and a party, or two parties (or, for a meeting that
        names none, a place): what an undated or roughly dated report needs to join."""
        by_party = self._postings(parties, [(m.kind, p) for p in sorted(m.parties)])
        if m.kind == "meeting":
            by_place = self._postings(places, [(m.kind, p) for p in _place_keys(m.location)])
            if by_place:
                placed = set().union(*by_place)
                return [placed & set().union(*by_party) if m.parties else placed,
                        _in_two(by_party)]
            return [_in_two(by_party)]
        return by_party

    def _event_keys(self, m: Member) -> list[AbstractSet]:
        """Candidates for a meeting or pledge, each found only where the evidence rules
        could use it: a day (and, for a meeting, the place a few days around it), a place
        and a party or two parties, a pledge's figures (a pledge with figures is found by
        them or by its day)."""
        found: list[AbstractSet] = []
        start = m.date.split("/")[0] if m.date else ""
        sp = span(start) if len(start) >= 10 else None
        if sp is not None:
            self._day_keys(m, sp[0], found)
        if m.kind == "pledge":
            found += self._postings("by_number", [(m.what, *n) for n in sorted(m.numbers)])
            if m.numbers:
                return found
        if sp is not None and m.kind == "meeting":  # undated clusters it could date
            return found + self._shared_keys(m, "undated_place", "undated_party")
        return found + self._shared_keys(m, "by_place", "by_party")

    def _candidates(self, m: Member) -> list[Cluster]:
        """The clusters worth scoring for `m`: those its blocking keys point to, the ones
        found by most keys first, at most `settings.max_candidates` (quotes:
        `max_quote_candidates`), so that the cost of placing an event does not grow with
        the number of stored clusters."""
        if m.kind == "statement":
            keys = quote_keys(m.words)
            found = self._postings("by_word", keys)
            # Half the words in common means sharing at least two of the longest, unless
            # the quote is too short to have two.
            pool = _in_two(found) if len(keys) >= 3 else set().union(*found)
            most = self.settings.max_quote_candidates
        else:
            found = self._event_keys(m)
            pool = set().union(*found)
            most = self.settings.max_candidates
        if len(pool) > most:
            hits: Counter = Counter()
            for p in found:
                hits.update(pool.intersection(p))
            pool = {c for _, c in heapq.nsmallest(most, [(-n, c) for c, n in hits.items()])}
        return [self.cluster(c) for c in sorted(pool)]

    def evidence(self, m: Member, c: Cluster, probe: Probe | None = None
                 ) -> tuple[float, str, bool] | None:
        """How well an event fits a cluster, why, and whether that alone picks the cluster
        (the same day, the same words); None when it cannot belong to it. Whether its
        article is already in the cluster is not asked here (see `add`). `probe`: a quote
        made ready for many clusters."""
        if m.kind != c.kind:
            return None
        if m.kind == "statement":
            best = (probe or Probe(m, self.settings)).match(c)
            return None if best is None else (best * 10, "the same words", True)
        ev: Evidence | None
        if m.kind == "pledge":
            ev = pledge_evidence(m, c, self.settings)
        else:
            ev = meeting_evidence(m, c, self._numbers_on, self.settings)
        if ev is None or not accepts(m.kind, m, c, ev, self.settings):
            return None
        same_day = ev.dates is Dates.SAME_DAY and not ev.yearless
        return ev.score + 0.5 * same_day, ev.reason(figure_text), same_day

    def score(self, m: Member, c: Cluster) -> float:
        """How well an event fits a cluster; -1 when it cannot belong to it (its article is
        in it already, or the evidence does not allow it)."""
        found = self.evidence(m, c)
        return -1 if found is None or self._reports(c, m.article_id) else found[0]

    def _choose(self, m: Member) -> tuple[Cluster, str] | None:
        """The cluster `m` joins, with why; None for a new one. A cluster holding another
        report of `m`'s own article cannot take it, but still competes: evidence that fits
        a meeting the article reports apart fits no meeting in particular. Two clusters
        that fit nearly as well (a summit and its banquet the day before, at one place, for
        one undated report) leave it in neither, unless its own date picks one; a quote
        repeated word for word goes with the first it fits."""
        scored = []
        probe = Probe(m, self.settings) if m.kind == "statement" else None
        for c in self._candidates(m):
            found = self.evidence(m, c, probe)
            if found is not None:
                own = self._reports(c, m.article_id)
                if not (own and m.kind == "statement"):
                    scored.append((found[0], c.id, c, found[1], found[2], own))
        scored.sort(key=lambda x: (-x[0], x[1]))
        if not scored or scored[0][5]:
            return None
        best = scored[0]
        if len(scored) > 1 and m.kind != "statement":
            if best[0] - scored[1][0] < (0.5 if best[4] else self.settings.join_margin):
                return None
        return best[2], best[3]

    def add(self, m: Member) -> Cluster:
        """Place one event; returns its cluster (new or existing)."""
        found = self._choose(m)
        if found is None:
            chosen = Cluster(id=content_id(m.kind, m.event_id), kind=m.kind)
            self.clusters[chosen.id] = chosen
        else:
            chosen, m.joined_by = found
        chosen.add(m)
        self._index(chosen, m)
        self._infer(chosen, m)
        self.changed.add(chosen.id)
        return chosen

    def _infer(self, c: Cluster, new: Member) -> None:
        """Undated members of a dated cluster take its date, marked inferred, from the
        first member that gives it, with the evidence that joined them. They all carry it
        already unless the date has just changed: then every member is visited, else only
        the new one."""
        date = c.date
        if date is None or c.kind == "statement":
            return
        changed = [] if c.inferred == date else c.members if c.undated else []
        c.inferred = date
        for m in changed or [new]:
            if m.date is None and m.inferred_date != date:
                m.inferred_date, m.inferred_from = date, c.first_article[date]
                m.inferred_why = m.joined_by or c.first_reason.get(date) or None
                m.dirty = True


def _week(day) -> int:
    """A run of seven days, as a blocking key."""
    return day.toordinal() // 7


def _in_two(sets: list[AbstractSet]) -> set:
    """What at least two of the sets hold."""
    out: set = set()
    for i, a in enumerate(sets):
        for b in sets[i + 1:]:
            out |= a & b
    return out


@lru_cache(maxsize=4096)
def _number(text: str) -> tuple[float, str]:
    value, unit = json.loads(text)
    return value, unit


@lru_cache(maxsize=8192)
def _place_keys(location: str | None) -> list[str]:
    # "virtual" says nothing about which meeting: every video call shares it.
    if is_generic(location):
        return []
    place = parse(location)
    assert place is not None
    keys = {p.text for p in place.parts if p.kind != "country"} or {p.text for p in place.parts}
    # 'Ramstein' finds 'Ramstein Air Base': a place's first word is a key too.
    keys |= {re.split(r"\s", k)[0] for k in keys if " " in k and len(k.split()[0]) > 3}
    return sorted(keys | {fold(location or "")})


def add_events(clusterer: Clusterer, events: list[Event],
               amounts: dict[str, set[tuple[float, float | None, str]]] | None = None,
               floors: dict[str, str] | None = None) -> None:
    """Cluster one batch of events: pledges and quotes first, so that the amounts pledged on
    a day are known when meetings are placed; within each kind dated reports before undated
    ones. `amounts` are (value, upper bound, unit) of each article's pledges (read from the
    events when not given); `floors` the latest month each undated article mentions."""
    if amounts is None:
        amounts = defaultdict(set)
        for e in events:
            if isinstance(e, Pledge) and e.amount and e.amount.value is not None:
                amounts[e.article.id].add((e.amount.value, e.amount.value_max,
                                           e.amount.unit or ""))
    figures = {a: frozenset(figure(*n) for n in ns) for a, ns in amounts.items()}
    floors = floors or {}
    for e in sorted(events, key=event_order):
        clusterer.add(member_of(e, figures.get(e.article.id, ()) if e.type == "meeting"
                                else (), floors.get(e.article.id)))


ORDER = {"pledge": 0, "statement": 1, "meeting": 2}


def event_order(e: Event) -> tuple:
    """The order events are clustered in (the store reads unclustered ids in the same)."""
    undated = date_range(e.date.value if e.date else None)[0] is None  # as the store orders
    return ORDER[e.type], undated, e.article.path, e.evidence.start, e.id
