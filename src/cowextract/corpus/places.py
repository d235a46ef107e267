"""Do two reports name the same place? The corpus side's one definition, used to cluster
events across articles and to mark location claims as agreeing or conflicting.

A place name is read as its parts ("Élysée Palace, Paris" → a venue and a city; "Great
Hall of the People in Beijing" likewise), each part a venue (it holds a venue word), a
country (the actor registry names it), a capital (the registry's capitals, which also say
the country) or another locality. Two names are

- `SAME` when one names a part of the other ("Paris" / "Élysée Palace, Paris"; "Ramstein" /
  "Ramstein Air Base, Germany"): a specific place both give, evidence of one event;
- `REGION` when they agree only at country level ("Paris" / "France", "China" / "China");
- `DIFFERENT` when they cannot be one place: two localities ("Geneva" / "Abu Dhabi"), two
  countries, or a capital of one country and another country ("Oslo" / "Sweden"),
  two venues with nothing in common;
- `UNKNOWN` otherwise: a venue and a city with nothing in common ("Chevening House" /
  "London": no gazetteer says where the venue is), a city and a country the registry cannot
  relate ("Bergen" / "Norway"), a missing place, or a virtual meeting (a hybrid meeting is
  reported both ways, and "virtual" identifies no meeting).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from cowextract.resources import data

SPLIT_RE = re.compile(r"\s*(?:[,;()]|\s-\s|\bin\b)\s*", re.I)
WORD_RE = re.compile(r"\w+")


class Relation(Enum):
    SAME = "same"
    REGION = "region"
    DIFFERENT = "different"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Part:
    text: str
    words: frozenset[str]
    kind: str  # venue, country, capital or locality
    country: str | None  # registry id of the country a country or capital part names


@dataclass(frozen=True)
class Place:
    name: str
    parts: tuple[Part, ...]
    virtual: bool

    def of_kind(self, *kinds: str) -> list[Part]:
        return [p for p in self.parts if p.kind in kinds]

    @property
    def countries(self) -> set[str]:
        return {p.country for p in self.parts if p.country}


def fold(text: str) -> str:
    """Lower case without accents, one space between words ('Élysée' → 'elysee')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").split())


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    meeting = data("events.json")["meeting"]
    virtual = frozenset(fold(w) for w in meeting["virtual"] + meeting["hybrid"])
    ours = data("corpus.json")
    venue = frozenset(fold(w) for w in meeting["venue_words"] + ours["place_venue_words"])
    stop = frozenset(ours["place_stop_words"])
    return venue, virtual, stop


@lru_cache(maxsize=1)
def _registry():
    from cowextract.actors.registry import default_registry

    return default_registry()


def _country(text: str) -> tuple[str | None, str]:
    """The registry country a part names (as a country or by its capital), and which."""
    hit = _registry().exact(text)
    if hit is None or hit[0].kind != "country":
        return None, "locality"
    entry, via = hit
    return entry.id, "capital" if via == "capital" else "country"


def _part(original: str) -> Part | None:
    venue_words, _, stop = _lexicon()
    original = re.sub(r"^the\s+", "", original.strip(" '\""), flags=re.I)
    text = fold(original).strip(" .")
    words = frozenset(w for w in WORD_RE.findall(text) if w not in stop)
    if not words:
        return None
    if any(w in venue_words for w in words) or any(" " in v and v in text for v in venue_words):
        return Part(text, words, "venue", None)
    country, kind = _country(original)  # in its own case: 'US' is a country, 'us' is not
    return Part(text, words, kind, country)


@lru_cache(maxsize=8192)
def parse(name: str | None) -> Place | None:
    """A place name read as its parts; None when there is no name."""
    if not name or not name.strip():
        return None
    folded = fold(name)
    _, virtual_words, _ = _lexicon()
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in virtual_words):
        return Place(folded, (), True)
    parts = tuple(p for p in (_part(t) for t in SPLIT_RE.split(name.strip()) if t) if p)
    if not parts:
        return None
    return Place(folded, parts, False)


def _shared(a: Place, b: Place) -> list[Part]:
    """The parts both name: equal parts, or a one-part locality that opens one of the other's
    parts ('Ramstein' / 'Ramstein Air Base', 'Washington' / 'Washington DC')."""
    texts = {p.text for p in b.parts}
    shared = [p for p in a.parts if p.text in texts]
    if shared:
        return shared
    for one, other in ((a, b), (b, a)):
        if len(one.parts) == 1 and one.parts[0].kind in ("locality", "capital"):
            opening = one.parts[0].text + " "
            if any(q.text.startswith(opening) for q in other.parts if q.kind != "country"):
                return [one.parts[0]]
    return []


@lru_cache(maxsize=8192)
def relation(a: str | None, b: str | None) -> Relation:
    """How two place names relate (see the module's docstring)."""
    pa, pb = parse(a), parse(b)
    if pa is None or pb is None or pa.virtual or pb.virtual:
        return Relation.UNKNOWN
    shared = _shared(pa, pb)
    if shared:
        return Relation.SAME if any(p.kind != "country" for p in shared) else Relation.REGION
    ca, cb = pa.countries, pb.countries
    if ca and cb and not ca & cb:
        return Relation.DIFFERENT
    la, lb = pa.of_kind("locality", "capital"), pb.of_kind("locality", "capital")
    if la and lb:
        # 'York' and 'New York' differ, 'London' and 'Greater London' need not: unknown.
        overlap = any(x.words & y.words for x in la for y in lb)
        return Relation.UNKNOWN if overlap else Relation.DIFFERENT
    if ca and cb:
        return Relation.REGION
    va, vb = pa.of_kind("venue"), pb.of_kind("venue")
    if va and vb and not (la or lb) and not any(x.words & y.words for x in va for y in vb):
        return Relation.DIFFERENT
    return Relation.UNKNOWN


@lru_cache(maxsize=8192)
def countries(name: str | None) -> frozenset[str]:
    """The canonical names of the countries a place name names or whose capital it names
    ('Washington' → United States): a party a meeting there takes for granted."""
    place = parse(name)
    if place is None:
        return frozenset()
    found = (_registry().get(c) for c in place.countries)
    return frozenset(e.name for e in found if e is not None)


def same_place(a: str | None, b: str | None) -> bool:
    """Both name one specific place: evidence that two reports are of one event."""
    return relation(a, b) is Relation.SAME


def conflicting(a: str | None, b: str | None) -> bool:
    """The two cannot be one place."""
    return relation(a, b) is Relation.DIFFERENT


def is_generic(name: str | None) -> bool:
    """A place that says nothing about which event: none, or a virtual meeting."""
    place = parse(name)
    return place is None or place.virtual
