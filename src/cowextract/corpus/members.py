"""What clustering knows of an event (`Member`) and of a group of events taken for one
real-world meeting, pledge or quote (`Cluster`): a summary kept up to date as members come,
so that a stored cluster is scored without reading its members back."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from cowextract.corpus.kinds import kind_of, rounds_of
from cowextract.corpus.marks import marks_of
from cowextract.models import Actor, Meeting, Pledge, Statement
from cowextract.settings import DEFAULT

Event = Meeting | Pledge | Statement

WORD_RE = re.compile(r"\w+")
QUOTE_SAMPLE = DEFAULT.quote_sample  # a cluster's first members, kept in its summary
PARTY_KINDS = ("person", "country", "organization")  # named parties; groups say too little
# One encoder for every member, summary and key written: json.dumps would build one per call.
to_json = json.JSONEncoder(ensure_ascii=False).encode
_SETS = ("parties", "persons", "sides", "words", "numbers", "rounds", "marks")
_OPTIONAL = ("gathering", "rounds", "bilateral", "marks", "day")  # few members have them
_TEXTS = ("kind", "article_id", "article_path", "date", "day", "location", "what", "polarity",
          "speaker", "published", "floor", "inferred_date", "inferred_from")


@dataclass(slots=True)
class Member:
    """What clustering needs to know of one event."""

    event_id: str
    kind: str
    article_id: str
    article_path: str
    date: str | None = None  # the date its own text states (TimeML, a year or finer)
    date_text: str | None = None
    day: str | None = None  # the days of the year it states, when its year is a guess (timing)
    location: str | None = None
    parties: frozenset[str] = frozenset()  # named actors and the countries their people serve
    persons: frozenset[str] = frozenset()
    sides: frozenset[str] = frozenset()  # parties with a person and their country as one
    names: tuple[str, ...] = ()
    numbers: frozenset[tuple[float, str]] = frozenset()
    words: frozenset[str] = frozenset()
    what: str | None = None
    polarity: str | None = None
    gathering: str | None = None  # a meeting's kind: meeting, meal, signing or call (kinds.py)
    rounds: frozenset[int] = frozenset()  # the rounds of a series a meeting report names
    bilateral: bool = False  # a meeting of two countries alone ('A met B')
    marks: frozenset[str] = frozenset()  # the named things a pledge is about (marks.py)
    quote: str | None = None
    speaker: str | None = None
    direct: bool = False
    published: str | None = None  # its article's publication date
    floor: str | None = None  # for an undated article: the latest month it mentions
    joined_by: str | None = None  # the evidence it joined its cluster on
    inferred_date: str | None = None
    inferred_from: str | None = None
    inferred_why: str | None = None
    position: int = 0  # its place in its cluster (stored apart, not in the JSON)
    dirty: bool = True  # not yet stored as it is now

    @property
    def effective_date(self) -> str | None:
        return self.date or self.inferred_date

    @property
    def anchor_day(self) -> str | None:
        """The day its article was written: published, else the latest day it mentions."""
        if self.published:
            return self.published
        return self.floor if self.floor and len(self.floor) >= 10 else None

    @property
    def occasion(self) -> str | None:
        """The day its words were said: its own date, else its article's."""
        return self.date if self.date and len(self.date) >= 10 else self.anchor_day

    def to_dict(self) -> dict:
        data = {name: getattr(self, name) for name in _MEMBER_FIELDS}
        for name in _SETS:
            data[name] = sorted(data[name])
        for name in _OPTIONAL:  # left out where unset: most members are quotes
            if not data[name]:
                del data[name]
        return data

    def to_json(self) -> str:
        return to_json(self.to_dict())

    @classmethod
    def from_json(cls, text: str | dict, position: int = 0) -> Member:
        data = json.loads(text) if isinstance(text, str) else dict(text)
        # Members read back share most of their words, names and ids with the others of
        # their cluster: one copy of each string, not one per member.
        for name in ("parties", "persons", "sides", "words"):
            data[name] = frozenset(map(sys.intern, data.get(name, ())))
        data["names"] = tuple(map(sys.intern, data.get("names", ())))
        data["numbers"] = frozenset((v, sys.intern(u)) for v, u in data.get("numbers", ()))
        data["rounds"] = frozenset(data.get("rounds", ()))
        data["marks"] = frozenset(map(sys.intern, data.get("marks", ())))
        for name in _TEXTS:
            if data.get(name) is not None:
                data[name] = sys.intern(data[name])
        return cls(**data, position=position, dirty=False)


_MEMBER_FIELDS = [f.name for f in fields(Member) if f.name not in ("dirty", "position")]


def _span(lo_hi: list | None, value: str | None) -> list | None:
    """[lowest, highest] of some ISO values, widened by `value`."""
    if value is None:
        return lo_hi
    if lo_hi is None:
        return [value, value]
    return [min(lo_hi[0], value), max(lo_hi[1], value)]


def _rank(value: str, count: int) -> tuple:
    """How a cluster's date is chosen: the value most members give, then the one covering
    the fewest days ('2025-03-11' before 'the week of 10 March', that before '2025-03')."""
    from cowextract.corpus.timing import span

    days = span(value)
    return count, -(days[1] - days[0]).days if days else -10**6, len(value), value


class Cluster:
    """Events taken for one real-world meeting, pledge or quote. Members are only ever
    added (`add`), so what scoring and the label ask of a cluster is a summary kept up to
    date as they come: its first members and their wordings, its parties, places, dates,
    figures, speakers and the articles' dates. A stored cluster is read back as that
    summary (which articles it holds is asked of the store); its members are read
    (`members`, through `loader`) only when all of them change: a new label or a new
    inferred date."""

    # Slots: thousands of clusters are held at once, and a plain instance with this many
    # attributes would get a dictionary of its own.
    __slots__ = ("id", "kind", "stored_label", "loader", "_members", "_pending", "size", "head",
                 "wordings", "quote_index", "articles", "parties", "persons", "sides",
                 "_places", "dates", "first_article", "first_reason", "numbers", "rounds",
                 "bilateral", "marks", "bare", "undated", "names", "speakers", "anchors",
                 "undated_published", "undated_floor", "days", "inferred", "_date", "_label")

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
        self.wordings: list[Member] = []  # those of them with distinct word sets
        self.quote_index: Any = None  # what `quotes.best_match` made of them, until they change
        self.articles: set[str] = set()  # of the members in memory; the store knows the rest
        self.parties: set[str] = set()
        self.persons: set[str] = set()
        self.sides: set[str] = set()
        self._places: Counter = Counter()
        self.dates: Counter = Counter()
        self.first_article: dict[str, str] = {}  # each date: the article of its first member
        self.first_reason: dict[str, str] = {}  # and the evidence that member joined on
        self.numbers: set[tuple[float, str]] = set()  # every member's figures
        # The rounds of a series its first meeting reports name, the named things its first
        # pledge reports are about: frozen, so that the many clusters without any share one
        # empty set.
        self.rounds: frozenset[int] = frozenset()
        self.bilateral = 0  # members that are meetings of two countries alone
        self.marks: frozenset[str] = frozenset()
        self.bare = 0  # members without figures
        self.undated = 0
        self.names: dict[str, None] = {}
        self.speakers: Counter = Counter()
        self.anchors: list | None = None  # [first, last] day its articles were written
        self.undated_published: list | None = None  # the same, of its undated members
        self.undated_floor: str | None = None  # the latest floor of its undated members
        self.days: tuple[str, ...] = ()  # the days of the year its undated members state
        self.inferred: str | None = None  # the date its undated members carry
        self._date: tuple | None = None
        self._label: str | None = None
        if summary:
            self._restore(summary)
        for m in members:
            self.add(m)

    def add(self, m: Member) -> None:
        m.position = self.size
        self._label = None
        self.size += 1
        if len(self.head) < QUOTE_SAMPLE:
            self.head.append(m)
            self._add_wording(m)
            # From its first reports only, so that a summary does not grow with the cluster.
            if m.rounds:
                self.rounds |= m.rounds
            if m.marks:
                self.marks |= m.marks
        (self._pending if self._members is None else self._members).append(m)
        self.articles.add(m.article_id)
        self.parties |= m.parties
        self.persons |= m.persons
        self.sides |= m.sides
        self._places[m.location] += 1
        self.anchors = _span(self.anchors, m.anchor_day)
        if m.date:
            self._add_date(m)
        else:
            self.undated += 1
            self.undated_published = _span(self.undated_published, m.published)
            if m.published is None and m.floor:
                self.undated_floor = max(self.undated_floor or m.floor, m.floor)
            if m.day and m.day not in self.days and len(self.days) < QUOTE_SAMPLE:
                self.days += (m.day,)
        self.numbers |= m.numbers
        self.bilateral += m.bilateral
        self.bare += not m.numbers
        self.names.update(dict.fromkeys(m.names))
        if m.speaker:
            self.speakers[m.speaker] += 1

    def _add_date(self, m: Member) -> None:
        dates, d = self.dates, m.date
        assert d is not None
        dates[d] += 1
        if self.kind != "statement":  # quotes infer no dates: no need to know from where
            self.first_article.setdefault(d, m.article_id)
            self.first_reason.setdefault(d, m.joined_by or "")
        # Only d's count grew: the most frequent date is still the old one or d.
        if self._date is not None:
            old = self._date[0]
            if old is None or _rank(d, dates[d]) > _rank(old, dates[old]):
                self._date = (d,)

    @property
    def members(self) -> list[Member]:
        """All its members, in order (read from the store once, if stored)."""
        if self._members is None:
            assert self.loader is not None  # a cluster without members in memory is stored
            self._members = self.loader() + self._pending
            self._pending = []
            self.head = self._members[:QUOTE_SAMPLE]
            self._label = None
            self.wordings, self.quote_index = [], None
            for m in self.head:
                self._add_wording(m)
        return self._members

    def _add_wording(self, m: Member) -> None:
        # Outlets repeat a quote word for word: one comparison per distinct wording.
        if m.words and all(m.words != w.words for w in self.wordings):
            self.wordings.append(m)
            self.quote_index = None

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
            dates = self.dates
            self._date = (max(dates, key=lambda d: _rank(d, dates[d])) if dates else None,)
        return self._date[0]

    def places(self) -> Counter:
        """Its members' locations, with how many members give each (None: no place)."""
        return self._places

    def stale(self) -> list[Member]:
        """Members whose stored claims are out of date: the new and changed ones, or all of
        them when the cluster's label (the subject of its claims) has changed."""
        if self.label() != self.stored_label:
            return self.members
        return self.dirty()

    def label(self) -> str:
        """A name a person recognises: 'Paris meeting 2025-09-04', 'quote: “We have…”'."""
        if self._label is None:
            self._label = self._make_label()
        return self._label

    def _make_label(self) -> str:
        if self.kind == "statement":
            words = (self.head[0].quote or "").split()
            short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            who = self.speakers.most_common(1)[0][0] + " " if self.speakers else ""
            return f"{who}quote: “{short}”"
        when = f" {self.date}" if self.date else ""
        if self.kind == "pledge":
            names = sorted(self.names)
            who = ", ".join(names[:3]) + (" and others" if len(names) > 3 else "") or "unnamed"
            return f"{who} pledge: {self.head[0].what}{when}"
        from cowextract.corpus.places import is_generic

        places = [p for p in self._places if p and not is_generic(p)]
        if places:
            return f"{min(places, key=lambda p: (len(p), p))} meeting{when}"
        names = list(self.names)
        if names:
            return f"meeting of {', '.join(names[:2])}" + (" and others" if len(names) > 2
                                                            else "") + when
        return f"{'virtual' if any(self._places) else 'unplaced'} meeting{when or ' undated'}"

    def summary(self) -> str:
        """What `Cluster(summary=...)` restores it from, as JSON."""
        return to_json({
            "size": self.size, "head": [m.to_dict() for m in self.head],
            "parties": sorted(self.parties), "persons": sorted(self.persons),
            "sides": sorted(self.sides),
            "places": list(self._places.items()), "dates": sorted(self.dates.items()),
            "first": self.first_article, "reasons": self.first_reason,
            "numbers": sorted(self.numbers), "bare": self.bare, "undated": self.undated,
            "names": list(self.names), "speakers": sorted(self.speakers.items()),
            "anchors": self.anchors, "undated_published": self.undated_published,
            "undated_floor": self.undated_floor, "inferred": self.inferred,
            **({"rounds": sorted(self.rounds)} if self.rounds else {}),
            **({"bilateral": self.bilateral} if self.bilateral else {}),
            **({"marks": sorted(self.marks)} if self.marks else {}),
            **({"days": list(self.days)} if self.days else {}),
        })

    def _restore(self, s: dict) -> None:
        intern = sys.intern
        self.size, self.bare, self.undated = s["size"], s["bare"], s["undated"]
        self.head = [Member.from_json(m, i) for i, m in enumerate(s["head"])]
        for m in self.head:
            self._add_wording(m)
        self.parties = set(map(intern, s["parties"]))
        self.persons = set(map(intern, s["persons"]))
        self.sides = set(map(intern, s["sides"]))
        self._places = Counter({p and intern(p): n for p, n in s["places"]})
        self.dates = Counter({intern(d): n for d, n in s["dates"]})
        self.first_article = {intern(d): intern(a) for d, a in s["first"].items()}
        self.first_reason = dict(s["reasons"])
        self.numbers = {(v, intern(u)) for v, u in s["numbers"]}
        self.rounds = frozenset(s.get("rounds", ()))
        self.bilateral = s.get("bilateral", 0)
        self.marks = frozenset(s.get("marks", ()))
        self.days = tuple(s.get("days", ()))
        self.names = dict.fromkeys(map(intern, s["names"]))
        self.speakers = Counter({intern(k): n for k, n in s["speakers"]})
        self.anchors = s["anchors"]
        self.undated_published = s["undated_published"]
        self.undated_floor = s["undated_floor"]
        self.inferred = s["inferred"]


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def words_of(text: str | None) -> frozenset[str]:
    return frozenset(WORD_RE.findall((text or "").lower()))


def jaccard_sets(wa: frozenset[str] | set[str], wb: frozenset[str] | set[str]) -> float:
    if not wa or not wb:
        return 0.0
    shared = len(wa & wb)
    return shared / (len(wa) + len(wb) - shared)


def jaccard(a: str | None, b: str | None) -> float:
    return jaccard_sets(words_of(a), words_of(b))


def quote_keys(words: frozenset[str]) -> list[str]:
    """The few longest words of a quote: two wordings of one utterance share some of them,
    while the common short words that every quote has are left out of the index."""
    return sorted(words, key=lambda w: (-len(w), w))[:4]


def figure(value: float, value_max: float | None, unit: str | None) -> tuple[float, str]:
    """A pledged amount as clustering compares it: its value and its unit, a range's upper
    bound kept with the unit ('50 to 250 troops' is not '50 troops')."""
    return value, (unit or "") + (f"–{value_max:g}" if value_max is not None else "")


@lru_cache(maxsize=1)
def registry():
    """The package's actor registry (people's offices say which country they speak for)."""
    from cowextract.actors.registry import default_registry

    return default_registry()


@lru_cache(maxsize=16384)
def country_of(person_id: str, on: str | None) -> str | None:
    """The canonical name of the country a registry person served on `on` (a TimeML date:
    its first day; None: their last office)."""
    from cowextract.corpus.timing import span

    days = span(on)
    country = registry().country_of(person_id, days[0] if days else None)
    return country.name if country else None


@lru_cache(maxsize=4096)
def side_of(actor_id: str | None, name: str, kind: str) -> tuple[str, str]:
    """The side a country or body stands for, and its kind: the whole a registry body is
    part of ('European Commission' → European Union, a ministry → its country)."""
    entry = registry().get(actor_id) if actor_id else None
    seen = set()
    while entry is not None and entry.part_of and entry.id not in seen:
        seen.add(entry.id)
        whole = registry().get(entry.part_of)
        if whole is None:
            break
        entry = whole
        name, kind = whole.name, whole.kind
    return name, kind


def parties_of(actors: Iterable[Actor], on: str | None
               ) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The named parties of some actors (people, countries, organisations; not groups),
    with the country each registry person served on `on` (a leader speaks for a country);
    the people alone; the sides they stand for (a person and their country are one, and a
    body and the whole it is part of); and which of those sides are countries."""
    parties, persons, sides, states, unplaced = set(), set(), set(), set(), set()
    for a in actors:
        if a.kind not in PARTY_KINDS:
            continue
        parties.add(a.name)
        if a.kind != "person":
            side, kind = side_of(a.id, a.name, a.kind)
            sides.add(side)
            if kind == "country":
                states.add(side)
            continue
        persons.add(a.name)
        country = country_of(a.id, on) if a.id else None
        if country:
            parties.add(country)
            sides.add(country)
            states.add(country)
        else:
            unplaced.add(a.name)
    # A person of unknown country most likely speaks for a side already named.
    sides |= unplaced if not sides else set()
    return frozenset(parties), frozenset(persons), frozenset(sides), frozenset(states)


def member_of(event: Event, numbers: Iterable[tuple[float, str]] = (),
              floor: str | None = None) -> Member:
    """The clustering view of an event; `numbers` are the amounts its article's pledges
    report (for meetings), `floor` the latest month an undated article mentions."""
    from cowextract.corpus.timing import usable, yearless

    value = event.date.value if event.date else None
    stated = value if value and value[:4].isdigit() and usable(value) else None
    published = event.article.published.isoformat() if event.article.published else None
    on, day = stated or published, None
    said = event.date.text if event.date else None
    if stated and event.date is not None and event.date.year_guessed:
        stated, day = None, yearless(stated)
    roles = ("speaker",) if isinstance(event, Statement) else (
        "pledger",) if isinstance(event, Pledge) else ("participant", "host")
    parties, persons, sides, states = parties_of(
        [a for a in event.actors if a.role in roles], on)
    base: dict[str, Any] = dict(
        event_id=event.id, kind=event.type, article_id=event.article.id,
        article_path=event.article.path, date=stated, day=day,
        date_text=said,
        location=event.location.name if event.location else None, parties=parties,
        persons=persons, sides=sides, names=tuple(dict.fromkeys(a.name for a in event.actors)),
        numbers=frozenset(numbers), published=published,
        floor=floor if published is None else None)
    if isinstance(event, Meeting):
        texts = [event.evidence.text, *(x.text for x in event.mentions),
                 event.location.name if event.location else ""]
        base.update(gathering=kind_of(texts), rounds=rounds_of(texts),
                    bilateral=len(sides) == 2 and sides == states)
    if isinstance(event, Pledge):
        amount = event.amount
        nums = {figure(amount.value, amount.value_max, amount.unit)} if amount and \
            amount.value is not None else set()
        base.update(what=event.what, polarity=event.polarity, numbers=frozenset(nums),
                    marks=marks_of([event.evidence.text, *(x.text for x in event.mentions)]))
    if isinstance(event, Statement):
        speaker = next((a.name for a in event.actors if a.role == "speaker"), None)
        base.update(quote=event.quote.text, speaker=speaker, direct=event.quote.direct,
                    words=words_of(event.quote.text))
    return Member(**base)
