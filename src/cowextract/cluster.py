"""Cross-source event resolution: the same real-world meeting, pledge or quote reported by
several articles becomes one cluster. An undated meeting matched to a dated one elsewhere
takes that date, marked as inferred, with the source of the inference.

Clustering is incremental: a `Clusterer` starts from the stored clusters and places each new
event in the best compatible cluster (or a new one), looking only at clusters that share a
month, a place or a quote word (blocking), so the cost of an ingest grows with its own size."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Meeting, Pledge, Statement, content_id

Event = Meeting | Pledge | Statement
WORD_RE = re.compile(r"\w+")
QUOTE_SAME = 0.5  # Jaccard of word sets at which two quotes are one utterance
QUOTE_VERBATIM = 0.9  # below this, the wording differs materially
INFER_MIN_SCORE = 4
QUOTE_SAMPLE = 5
COMMON_KEY = 500  # a quote word indexed for more clusters than this does not block
GENERIC_PLACES = {"virtual"}


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

    @property
    def effective_date(self) -> str | None:
        return self.date or self.inferred_date


@dataclass
class Cluster:
    id: str
    kind: str
    members: list[Member] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def _cached(self, name: str, compute):
        # Members are only ever appended, so their count tells whether a value is stale.
        hit = self._cache.get(name)
        if hit is None or hit[0] != len(self.members):
            hit = self._cache[name] = (len(self.members), compute())
        return hit[1]

    @property
    def date(self) -> str | None:
        """The most precise date its dated members agree on most often."""
        def compute():
            dates = [m.date for m in self.members if m.date]
            if not dates:
                return None
            return max(set(dates), key=lambda d: (dates.count(d), len(d), d))
        return self._cached("date", compute)

    @property
    def articles(self) -> set[str]:
        return self._cached("articles", lambda: {m.article_id for m in self.members})

    def places(self) -> set[str]:
        return {_norm(m.location) for m in self.members if m.location}

    def actors(self) -> set[str]:
        return set().union(*(m.actors for m in self.members)) if self.members else set()

    def label(self) -> str:
        """A name a person recognises: 'Paris meeting 2025-09-04', 'quote: “We have…”'."""
        if self.kind == "statement":
            m = self.members[0]
            words = (m.quote or "").split()
            short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            return f"quote: “{short}”"
        if self.kind == "pledge":
            m = self.members[0]
            names = sorted({n for x in self.members for n in x.names})
            who = ", ".join(names[:3]) + (" and others" if len(names) > 3 else "") or "unnamed"
            return f"{who} pledge: {m.what}" + (f" {self.date}" if self.date else "")
        places = [m.location for m in self.members if m.location]
        place = min(places, key=len) if places else "unplaced"
        return f"{place} meeting {self.date or 'undated'}"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str | None) -> set[str]:
    return set(WORD_RE.findall((text or "").lower()))


def _jaccard_sets(wa: frozenset[str] | set[str], wb: frozenset[str] | set[str]) -> float:
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


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


class Clusterer:
    """Places events into clusters; seed it with stored clusters to work incrementally."""

    def __init__(self, clusters: Iterable[Cluster] = ()):
        self.clusters: dict[str, Cluster] = {}
        # Blocking indexes: a new event is compared only with the clusters they point to.
        self.exact: dict[tuple[str, str], set[str]] = defaultdict(set)  # date at its precision
        self.within: dict[tuple[str, str], set[str]] = defaultdict(set)  # month/year prefixes
        self.by_place: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.undated_place: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_word: dict[str, set[str]] = defaultdict(set)
        self.by_number: dict[tuple, set[str]] = defaultdict(set)
        self.numbers_on: dict[str, set[tuple[float, str]]] = defaultdict(set)
        self.changed: set[str] = set()
        for cluster in clusters:
            self.clusters[cluster.id] = cluster
            for m in cluster.members:
                self._index(cluster, m)

    def _index(self, cluster: Cluster, m: Member) -> None:
        kind, cid = cluster.kind, cluster.id
        if m.date:
            start = m.date.split("/")[0]
            self.exact[(kind, start[:10])].add(cid)
            self.within[(kind, start[:7])].add(cid)
            self.within[(kind, start[:4])].add(cid)
            if m.kind == "pledge":
                self.numbers_on[start[:10]].update(m.numbers)
        for place in _place_keys(m.location):
            self.by_place[(kind, place)].add(cid)
            if not m.date:
                self.undated_place[(kind, place)].add(cid)
        if m.kind == "statement":
            for w in _quote_keys(m.words):
                self.by_word[w].add(cid)
        if m.kind == "pledge":
            for n in m.numbers:
                self.by_number[(m.what, *n)].add(cid)

    def _candidates(self, m: Member) -> list[Cluster]:
        ids: set[str] = set()
        if m.kind == "statement":
            keys = _quote_keys(m.words)
            shared: dict[str, int] = defaultdict(int)
            for w in keys:
                posting = self.by_word.get(w, ())
                if len(posting) <= COMMON_KEY:
                    for c in posting:
                        shared[c] += 1
            # Half the words in common means sharing at least two of the longest, unless
            # the quote is too short to have two.
            need = 2 if len(keys) >= 3 else 1
            ids = {c for c, n in shared.items() if n >= need}
        else:
            if m.date:
                start = m.date.split("/")[0]
                if len(start) >= 10:
                    for key in (start[:10], start[:7], start[:4]):
                        ids |= self.exact.get((m.kind, key), set())
                else:
                    ids |= self.within.get((m.kind, start), set())
                    ids |= self.exact.get((m.kind, start[:4]), set())
                for place in _place_keys(m.location):
                    ids |= {c for c in self.undated_place.get((m.kind, place), ())
                            if self.clusters[c].date is None}
            else:
                for place in _place_keys(m.location):
                    ids |= self.by_place.get((m.kind, place), set())
            if m.kind == "pledge":
                for n in m.numbers:
                    ids |= self.by_number.get((m.what, *n), set())
        return [self.clusters[i] for i in sorted(ids)]

    def score(self, m: Member, c: Cluster) -> float:
        """How well an event fits a cluster; negative when it cannot belong to it."""
        if m.article_id in c.articles:
            return -1
        if m.kind == "statement":
            # The first few wordings stand for the utterance; a cluster quoted by hundreds of
            # outlets need not be read through for each new one.
            best = max(_jaccard_sets(m.words, x.words) for x in c.members[:QUOTE_SAMPLE])
            return best * 10 if best >= QUOTE_SAME else -1
        cdate = c.date
        place = [places_agree(m.location, x.location) for x in c.members]
        if any(p is False for p in place) and not any(p for p in place):
            return -1
        overlap = len(m.actors & c.actors())
        score = 2.0 * any(place) + overlap
        if m.kind == "pledge":
            if m.what != c.members[0].what:
                return -1
            shared = any(m.numbers & x.numbers for x in c.members)
            differ = m.numbers and all(x.numbers and not (m.numbers & x.numbers)
                                       for x in c.members)
            if differ:
                return -1
            score += 4 * shared
        if m.date and cdate:
            return score + 3 if dates_agree(m.date, cdate) else -1
        if m.kind == "meeting":
            # Numbers the articles report on the day (a pledge of "26 countries") tie an
            # undated report of a meeting to a dated one.
            if m.date is None and cdate is not None:
                score += 3 * bool(m.numbers & self.numbers_on.get(cdate[:10], set()))
            elif m.date is not None and cdate is None:
                score += 3 * any(self.numbers_on.get(m.date[:10], set()) & x.numbers
                                 for x in c.members)
        return score if score >= INFER_MIN_SCORE else -1

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
        chosen.members.append(m)
        self._index(chosen, m)
        self._infer(chosen)
        self.changed.add(chosen.id)
        return chosen

    def _infer(self, c: Cluster) -> None:
        """Undated members of a dated cluster take its date, marked inferred."""
        date = c.date
        if date is None or c.kind == "statement":
            return
        source = next(m for m in c.members if m.date == date)
        for m in c.members:
            if m.date is None and m.inferred_date != date:
                m.inferred_date, m.inferred_from = date, source.article_id


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
