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
import sys
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache, partial
from typing import Protocol

from cowextract.models import Meeting, Pledge, Statement, content_id
from cowextract.settings import DEFAULT, Settings

Event = Meeting | Pledge | Statement
WORD_RE = re.compile(r"\w+")
QUOTE_SAMPLE = DEFAULT.quote_sample  # a cluster's first members, kept in its summary
GENERIC_PLACES = {"virtual"}
_NOTHING: frozenset = frozenset()
# One encoder for every member, summary and key written: json.dumps would build one per call.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(slots=True)
class Member:
    """What clustering needs to know of one event."""

    event_id: str
    kind: str
    article_id: str
    article_path: str
    date: str | None = None
    date_text: str | None = None
    location: str | None = None
    actors: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    numbers: frozenset[tuple[float, str]] = frozenset()
    words: frozenset[str] = frozenset()
    what: str | None = None
    quote: str | None = None
    speaker: str | None = None
    inferred_date: str | None = None
    inferred_from: str | None = None
    position: int = 0  # its place in its cluster (stored apart, not in the JSON)
    dirty: bool = True  # not yet stored as it is now

    @property
    def effective_date(self) -> str | None:
        return self.date or self.inferred_date

    def to_dict(self) -> dict:
        data = {name: getattr(self, name) for name in _MEMBER_FIELDS}
        for name in ("actors", "words", "numbers"):
            data[name] = sorted(data[name])
        return data

    def to_json(self) -> str:
        return _to_json(self.to_dict())

    @classmethod
    def from_json(cls, text: str | dict, position: int = 0) -> Member:
        data = json.loads(text) if isinstance(text, str) else dict(text)
        # Members read back share most of their words, names and ids with the others of
        # their cluster: one copy of each string, not one per member.
        data["actors"] = frozenset(map(sys.intern, data["actors"]))
        data["words"] = frozenset(map(sys.intern, data["words"]))
        data["names"] = tuple(map(sys.intern, data["names"]))
        data["numbers"] = frozenset((v, sys.intern(u)) for v, u in data["numbers"])
        for name in ("kind", "article_id", "article_path", "date", "location", "what",
                     "speaker", "inferred_date", "inferred_from"):
            if data.get(name) is not None:
                data[name] = sys.intern(data[name])
        return cls(**data, position=position, dirty=False)


_MEMBER_FIELDS = [f.name for f in fields(Member) if f.name not in ("dirty", "position")]


class Cluster:
    """Events taken for one real-world meeting, pledge or quote. Members are only ever
    added (`add`), so what scoring and the label ask of a cluster is a summary kept up to
    date as they come: its first members, actors, places, dates and figures. A stored
    cluster is read back as that summary (which articles it holds is asked of the store);
    its members are read (`members`, through `loader`) only when all of them change: a new
    label or a new inferred date."""

    def __init__(self, id: str, kind: str, members: Iterable[Member] = (),
                 stored_label: str | None = None, summary: dict | None = None,
                 loader: Callable[[], list[Member]] | None = None):
        self.id, self.kind = id, kind
        self.stored_label = stored_label  # its label in the store, if stored
        self.loader = loader
        self._members: list[Member] | None = None if loader else []
        self._pending: list[Member] = []  # added while the stored members are not read
        self.size = 0
        self.head: list[Member] = []  # the first QUOTE_SAMPLE members
        self.wordings: list[tuple[int, frozenset[str]]] = []  # their distinct word sets
        self.articles: set[str] = set()  # of the members in memory; the store knows the rest
        self._actors: set[str] = set()
        self._places: Counter = Counter()
        self._dates: Counter = Counter()
        self.first_article: dict[str, str] = {}  # each date: the article of its first member
        self.numbers: set[tuple[float, str]] = set()  # every member's figures
        self.bare = 0  # members without figures
        self.undated = 0
        self.names: dict[str, None] = {}
        self.inferred: str | None = None  # the date its undated members carry
        self._date: tuple | None = None
        if summary:
            self._restore(summary)
        for m in members:
            self.add(m)

    def add(self, m: Member) -> None:
        m.position = self.size
        self.size += 1
        if len(self.head) < QUOTE_SAMPLE:
            self.head.append(m)
            self._add_wording(m)
        (self._pending if self._members is None else self._members).append(m)
        self.articles.add(m.article_id)
        self._actors |= m.actors
        self._places[m.location] += 1
        if m.date:
            dates, d = self._dates, m.date
            dates[d] += 1
            if self.kind != "statement":  # quotes infer no dates: no need to know from where
                self.first_article.setdefault(d, m.article_id)
            # Only d's count grew: the most frequent date is still the old one or d.
            if self._date is not None:
                old = self._date[0]
                if old is None or (dates[d], len(d), d) > (dates[old], len(old), old):
                    self._date = (d,)
        else:
            self.undated += 1
        self.numbers |= m.numbers
        self.bare += not m.numbers
        self.names.update(dict.fromkeys(m.names))

    @property
    def members(self) -> list[Member]:
        """All its members, in order (read from the store once, if stored)."""
        if self._members is None:
            self._members = self.loader() + self._pending
            self._pending = []
            self.head = self._members[:QUOTE_SAMPLE]
            self.wordings = []
            for m in self.head:
                self._add_wording(m)
        return self._members

    def _add_wording(self, m: Member) -> None:
        # Outlets repeat a quote word for word: one comparison per distinct wording.
        if m.words and all(m.words != words for _, words in self.wordings):
            self.wordings.append((len(m.words), m.words))

    def dirty(self) -> list[Member]:
        """Members not yet stored as they are now."""
        held = self._pending if self._members is None else self._members
        return [m for m in held if m.dirty]

    def saved(self, loader: Callable[[], list[Member]] | None = None) -> None:
        """It is stored as it is now: given a `loader`, its members are let go until asked
        for again."""
        self.stored_label = self.label()
        for m in self.dirty():
            m.dirty = False
        if loader is not None:
            self.loader, self._members, self._pending = loader, None, []
            self.articles = set()

    @property
    def date(self) -> str | None:
        """The most precise date its dated members agree on most often."""
        if self._date is None:
            dates = self._dates
            self._date = (max(dates, key=lambda d: (dates[d], len(d), d)) if dates else None,)
        return self._date[0]

    def places(self) -> Counter:
        """Its members' locations, with how many members give each (None: no place)."""
        return self._places

    def actors(self) -> set[str]:
        return self._actors

    def stale(self) -> list[Member]:
        """Members whose stored claims are out of date: the new and changed ones, or all of
        them when the cluster's label (the subject of its claims) has changed."""
        if self.label() != self.stored_label:
            return self.members
        return self.dirty()

    def label(self) -> str:
        """A name a person recognises: 'Paris meeting 2025-09-04', 'quote: “We have…”'."""
        if self.kind == "statement":
            words = (self.head[0].quote or "").split()
            short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            return f"quote: “{short}”"
        if self.kind == "pledge":
            names = sorted(self.names)
            who = ", ".join(names[:3]) + (" and others" if len(names) > 3 else "") or "unnamed"
            return f"{who} pledge: {self.head[0].what}" + (f" {self.date}" if self.date else "")
        places = [p for p in self._places if p]
        place = min(places, key=len) if places else "unplaced"
        return f"{place} meeting {self.date or 'undated'}"

    def summary(self) -> str:
        """What `Cluster(summary=...)` restores it from, as JSON."""
        return _to_json({
            "size": self.size, "head": [m.to_dict() for m in self.head],
            "actors": sorted(self._actors),
            "places": list(self._places.items()), "dates": sorted(self._dates.items()),
            "first": self.first_article, "numbers": sorted(self.numbers), "bare": self.bare,
            "undated": self.undated, "names": list(self.names), "inferred": self.inferred,
        })

    def _restore(self, s: dict) -> None:
        intern = sys.intern
        self.size, self.bare, self.undated = s["size"], s["bare"], s["undated"]
        self.head = [Member.from_json(m, i) for i, m in enumerate(s["head"])]
        for m in self.head:
            self._add_wording(m)
        self._actors = set(map(intern, s["actors"]))
        self._places = Counter({p and intern(p): n for p, n in s["places"]})
        self._dates = Counter({intern(d): n for d, n in s["dates"]})
        self.first_article = {intern(d): intern(a) for d, a in s["first"].items()}
        self.numbers = {(v, intern(u)) for v, u in s["numbers"]}
        self.names = dict.fromkeys(map(intern, s["names"]))
        self.inferred = s["inferred"]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str | None) -> set[str]:
    return set(WORD_RE.findall((text or "").lower()))


def _jaccard_sets(wa: frozenset[str] | set[str], wb: frozenset[str] | set[str]) -> float:
    if not wa or not wb:
        return 0.0
    shared = len(wa & wb)
    return shared / (len(wa) + len(wb) - shared)


def jaccard(a: str | None, b: str | None) -> float:
    return _jaccard_sets(_words(a), _words(b))


def _quote_keys(words: frozenset[str]) -> list[str]:
    """The few longest words of a quote: two wordings of one utterance share some of them,
    while the common short words that every quote has are left out of the index."""
    return sorted(words, key=lambda w: (-len(w), w))[:4]


def dates_agree(a: str, b: str) -> bool:
    """Dates agree at the coarser precision; intervals by their start."""
    a, b = a.split("/")[0], b.split("/")[0]
    n = min(len(a), len(b))
    return a[:n] == b[:n]


@lru_cache(maxsize=65536)
def places_agree(a: str | None, b: str | None) -> bool | None:
    """True when one place names the other ('Paris' in 'Élysée Palace, Paris'), False when
    both are known and differ, None when either is unknown."""
    if not a or not b:
        return None
    a, b = _norm(a), _norm(b)
    if a == b:
        return True
    if a in GENERIC_PLACES or b in GENERIC_PLACES:
        return a == b
    return bool(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b)
                or re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a))


def member_of(event: Event, numbers: Iterable[tuple[float, str]] = ()) -> Member:
    """The clustering view of an event; `numbers` are the amounts its article's pledges
    report (for meetings)."""
    actors = frozenset(_norm(a.name) for a in event.actors)
    names = tuple(dict.fromkeys(a.name for a in event.actors))
    base = dict(event_id=event.id, kind=event.type, article_id=event.article.id,
                article_path=event.article.path,
                date=event.date.value if event.date and event.date.value
                and event.date.value[:4].isdigit() else None,
                date_text=event.date.text if event.date else None,
                location=event.location.name if event.location else None, actors=actors,
                names=names,
                numbers=frozenset(numbers))
    if isinstance(event, Pledge):
        amount = event.amount
        nums = {(amount.value, amount.unit or "")} if amount and amount.value is not None else set()
        base.update(what=event.what, numbers=frozenset(nums))
    if isinstance(event, Statement):
        speaker = next((a.name for a in event.actors if a.role == "speaker"), None)
        base.update(quote=event.quote.text, speaker=speaker,
                    words=frozenset(_words(event.quote.text)))
    return Member(**base)


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
    return f"{index} {_to_json(key if isinstance(key, str) else list(key))}"


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
        self._stored: dict[tuple, list[str]] = {}
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
            kind, label, summary = self.source.cluster_summary(cid)
            found = self.clusters[cid] = Cluster(
                id=cid, kind=kind, stored_label=label, summary=json.loads(summary),
                loader=partial(self._members, cid))
        elif self.source is not None:
            self.clusters.move_to_end(cid)
        return found

    def _members(self, cid: str) -> list[Member]:
        return [Member.from_json(m, i) for i, m in enumerate(self.source.cluster_members(cid))]

    def _trim(self) -> None:
        """Forget the least recently used stored clusters this batch has not changed, down
        to `settings.cache_clusters` (changed ones wait for `saved()`)."""
        for cid in list(self.clusters):
            if len(self.clusters) <= self.settings.cache_clusters:
                break
            if cid not in self.changed:
                del self.clusters[cid]

    def _lookup(self, index: str, key, limit: int | None = None) -> set:
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
            for w in _quote_keys(m.words):
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
            keys = _quote_keys(m.words)
            for w in keys:
                posting = self._lookup("by_word", w, self.settings.common_key + 1)
                if len(posting) <= self.settings.common_key:
                    count(posting)
            # Half the words in common means sharing at least two of the longest, unless
            # the quote is too short to have two.
            need = 2 if len(keys) >= 3 else 1
            hits = {c: n for c, n in hits.items() if n >= need}
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
    if not location or _norm(location) in GENERIC_PLACES:
        return []
    parts = [p.strip() for p in re.split(r"[,(]", _norm(location)) if p.strip(" )")]
    return sorted({p.strip(" )") for p in parts} | {_norm(location)})


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
