"""What clustering knows of an event (`Member`) and of a group of events taken for one
real-world meeting, pledge or quote (`Cluster`): a summary kept up to date as members come,
so that a stored cluster is scored without reading its members back. Also the comparisons
both use: word overlap of quotes, dates and places that agree."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from cowextract.models import Meeting, Pledge, Statement
from cowextract.settings import DEFAULT

Event = Meeting | Pledge | Statement

WORD_RE = re.compile(r"\w+")
QUOTE_SAMPLE = DEFAULT.quote_sample  # a cluster's first members, kept in its summary
GENERIC_PLACES = {"virtual"}
# One encoder for every member, summary and key written: json.dumps would build one per call.
to_json = json.JSONEncoder(ensure_ascii=False).encode


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
        return to_json(self.to_dict())

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
            assert self.loader is not None  # a cluster without members in memory is stored
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
        return to_json({
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


def norm(text: str) -> str:
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


def quote_keys(words: frozenset[str]) -> list[str]:
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
    a, b = norm(a), norm(b)
    if a == b:
        return True
    if a in GENERIC_PLACES or b in GENERIC_PLACES:
        return a == b
    return bool(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b)
                or re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a))


def member_of(event: Event, numbers: Iterable[tuple[float, str]] = ()) -> Member:
    """The clustering view of an event; `numbers` are the amounts its article's pledges
    report (for meetings)."""
    actors = frozenset(norm(a.name) for a in event.actors)
    names = tuple(dict.fromkeys(a.name for a in event.actors))
    base: dict[str, Any] = dict(event_id=event.id, kind=event.type, article_id=event.article.id,
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


