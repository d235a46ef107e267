"""The actor registry: canonical countries, bodies and people, and resolving mentions to them.

The registry is data (`data/actors/countries.json`, `organizations.json`, `people.json`); users
extend it with files in the same format (`Registry.load([path])`). A mention resolves, in order,
by exact name or alias, stripped titles ("French President Emmanuel Macron"), office phrases
("Germany's chancellor", on the article's date), names seen earlier in the article ("Arnold"
after "Ed Arnold") and guarded fuzzy matching ("Kir Starmer").

Metonyms: capitals ("Moscow") and seats of government ("the Kremlin", "Downing Street",
"White House") resolve to their country, because in news they stand for that state's
government. "Brussels" resolves to the European Union, not Belgium, for the same reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from cowextract.actors.names import (
    GIVEN_NAMES,
    LEADER,
    LEADER_ORDER,
    PARTICLES,
    STRIP,
    TITLE_FALLBACKS,
    TITLES,
    compact,
    is_short,
    normalize,
)
from cowextract.errors import InputError
from cowextract.jsonio import read_file
from cowextract.resources import data as package_data

KINDS = ("country", "organization", "person")
PACKAGE_FILES = {"country": "countries.json", "organization": "organizations.json",
                 "person": "people.json"}
LABELS = {"person": "PERSON", "country": "GPE", "organization": "ORG"}

# Index priority: an earlier kind of key wins a collision with a later one.
_VIA_ORDER = ("name", "alias", "demonym", "capital", "seat")
_AMBIGUOUS = object()



@dataclass(frozen=True)
class Office:
    """A post a person holds: `title` of `of` (a registry id) from `start` to `end` (None: open)."""

    title: str
    of: str | None
    start: date | None = None
    end: date | None = None
    note: str | None = None

    def active(self, on: date) -> bool:
        """Whether the post was held on `on` (the end day itself belongs to the successor)."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Entry:
    """One registry actor. `offices` are ordered most recent first."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    seats: tuple[str, ...] = ()
    part_of: str | None = None
    leader: str | None = None
    ruler_skip: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolved:
    """What a mention resolved to. `id` is the registry id, None for actors not in it; `via`
    says how (name, alias, demonym, capital, seat, office, affiliation, memory, surname, fuzzy,
    text)."""

    name: str
    kind: str
    id: str | None
    mention: str
    via: str = "name"


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(v for v in (value or ()) if isinstance(v, str) and v.strip())


class Registry:
    """Canonical actors indexed for fast lookup by any of their names."""

    def __init__(self, entries: Iterable[Entry], user_aliases: Iterable[tuple[str, str]] = ()):
        self._entries: dict[str, Entry] = {}
        for e in entries:
            self._entries[e.id] = e
        self._index: dict[str, Any] = {}
        self._via: dict[str, str] = {}
        self._short: dict[str, list[tuple[str, Entry, str]]] = defaultdict(list)
        self._surnames: dict[str, list[Entry]] = defaultdict(list)
        self._offices: dict[tuple[str, str | None], list[tuple[Office, Entry]]] = defaultdict(list)
        self._fuzzy_cache: dict[str, Entry | None] = {}
        self._build(dict(user_aliases))

    def _forms(self, e: Entry) -> Iterable[tuple[str, str]]:
        yield "name", e.name
        for a in e.aliases:
            yield "alias", a
        for d in e.demonyms:
            yield "demonym", d
        for c in e.capitals:
            yield "capital", c
        for s in e.seats:
            yield "seat", s

    def _build(self, user_aliases: dict[str, str]) -> None:
        entries = sorted(self._entries.values(), key=lambda e: KINDS.index(e.kind))
        for via in _VIA_ORDER:
            self._index_forms(entries, via)
        for form, eid in user_aliases.items():
            key = normalize(form)
            if key and not is_short(key):
                self._index[key] = self._entries[eid]
                self._via[key] = "alias"
        for e in entries:
            if e.kind == "person":
                toks = normalize(e.name).split()
                for i in range(1, len(toks)):
                    if toks[i - 1] not in PARTICLES:
                        self._surnames[" ".join(toks[i:])].append(e)
                for o in e.offices:
                    self._offices[(o.title, o.of)].append((o, e))
                    self._offices[(o.title, None)].append((o, e))
        fuzzy = [(k, v) for k, v in self._index.items()
                 if v is not _AMBIGUOUS and " " in k and len(k) >= 6]
        self._fuzzy_keys = [k for k, _ in fuzzy]
        self._fuzzy_entries = [v for _, v in fuzzy]

    def _index_forms(self, entries: list[Entry], via: str) -> None:
        """Index every form of kind `via` (name, alias, …) that no stronger kind owns; a form
        two actors share at the same strength is ambiguous."""
        claimed: dict[str, str] = {}
        for e in entries:
            for v, form in self._forms(e):
                if v != via:
                    continue
                key = normalize(form)
                if not key:
                    continue
                if is_short(key):
                    self._short[key].append((compact(form), e, via))
                    continue
                if key in self._index and key not in claimed:
                    continue  # a stronger kind of key already owns it
                if claimed.get(key, e.id) != e.id:
                    self._index[key] = _AMBIGUOUS
                    continue
                claimed[key] = e.id
                self._index[key] = e
                self._via[key] = via

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Registry:
        """The package registry plus user files in the same JSON format (a list of objects).
        A user object whose `id` exists adds its aliases, demonyms, capitals and offices to
        that actor; one with a new `id` (and a `kind`) adds an actor."""
        raw: dict[str, dict[str, Any]] = {}
        for kind, fname in PACKAGE_FILES.items():
            for obj in package_data(f"actors/{fname}"):
                raw[obj["id"]] = {**obj, "kind": kind}
        user_aliases: list[tuple[str, str]] = []
        for path in extra:
            for obj in _read_user_file(Path(path)):
                eid = obj["id"]
                if eid in raw:
                    base = raw[eid]
                    for k in ("aliases", "demonyms", "capitals", "seats", "offices"):
                        base[k] = list(base.get(k) or []) + list(obj.get(k) or [])
                    user_aliases += [(a, eid) for a in obj.get("aliases") or ()]
                    if obj.get("name"):
                        base["aliases"].append(base["name"])
                        base["name"] = obj["name"]
                else:
                    if obj.get("kind") not in KINDS or not obj.get("name"):
                        raise InputError(str(path), f"actor {eid!r} needs a name and a kind "
                                                    f"({', '.join(KINDS)})")
                    raw[eid] = dict(obj)
                    user_aliases += [(a, eid) for a in obj.get("aliases") or ()]
        entries = []
        for obj in raw.values():
            try:
                entries.append(_entry(obj))
            except (KeyError, TypeError, ValueError) as exc:
                source = next((str(p) for p in extra), "actor registry")
                raise InputError(source, f"bad actor {obj.get('id')!r}: {exc}") from None
        return cls(entries, user_aliases)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self):
        return iter(self._entries.values())

    def get(self, id: str) -> Entry | None:
        """The actor with registry id `id`."""
        return self._entries.get(id)

    def exact(self, mention: str) -> tuple[Entry, str] | None:
        """The actor a mention names exactly (any name, alias, demonym, capital or seat), with
        how it matched. Keys of three letters or fewer ("US", "EU") match only in upper case or
        with the registry's own casing, so the pronoun "us" never becomes the United States."""
        key = normalize(mention)
        if not key:
            return None
        if is_short(key):
            comp = compact(mention.strip(STRIP)).removesuffix("'s").removesuffix("’s")
            if comp.lower().startswith("the"):
                comp = comp[3:]
            for form, e, via in self._short.get(key, ()):
                if comp == form or (comp.isupper() and comp.upper() == form.upper()):
                    return e, via
            return None
        hit = self._index.get(key)
        if hit is None or hit is _AMBIGUOUS:
            return None
        return hit, self._via[key]

    def lookup(self, mention: str, *, fuzzy: bool = True) -> Entry | None:
        """The actor a mention names: exactly, else (with `fuzzy`) by a guarded fuzzy match."""
        hit = self.exact(mention)
        if hit is not None:
            return hit[0]
        return self.fuzzy(mention) if fuzzy else None

    def fuzzy(self, mention: str) -> Entry | None:
        """The actor a misspelt multi-word name stands for ("Kir Starmer"), or None.

        Single words never match fuzzily. A person matches only when the surname is the same
        and the given name is close (or an initial), or when both parts are close and the whole
        is very close; other actors need a near-identical name with as many words."""
        key = normalize(mention)
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        best = None
        toks = key.split()
        if len(toks) >= 2 and len(key) >= 6:
            for cand, score, i in process.extract(key, self._fuzzy_keys, scorer=fuzz.ratio,
                                                  limit=8, score_cutoff=75):
                e = self._fuzzy_entries[i]
                if _fuzzy_ok(toks, cand.split(), score, e.kind):
                    best = e
                    break
        self._fuzzy_cache[key] = best
        return best

    def surname(self, mention: str, on: date | None) -> Entry | None:
        """The one registry person with this surname who holds an office on `on`."""
        key = normalize(mention)
        if on is None or len(key) < 4 or key in GIVEN_NAMES:
            return None
        found = {e.id: e for e in self._surnames.get(key, ())
                 if any(o.active(on) for o in e.offices)}
        return next(iter(found.values())) if len(found) == 1 else None

    def office_holder(self, title: str, of: str | None, on: date | None) -> Entry | None:
        """Who held `title` (a canonical title or a spelling of one: "premier") of `of`
        (a registry id, None for anywhere) on `on`; None when unknown, ambiguous or `on` is
        None. The title "leader" asks for the body's leading office."""
        if on is None:
            return None
        canon = TITLES.get(normalize(title), title)
        if canon == LEADER:
            body = self.get(of) if of else None
            if body is None:
                return None
            for t in (body.leader,) if body.leader else LEADER_ORDER:
                holder = self.office_holder(t, of, on)
                if holder is not None:
                    return holder
            return None
        for t in (canon, *TITLE_FALLBACKS.get(canon, ())):
            holders = {e.id: e for o, e in self._offices.get((t, of), ()) if o.active(on)}
            if len(holders) == 1:
                return next(iter(holders.values()))
            if holders:
                return None
        return None

    def country_of(self, person_id: str | None, on: date | None) -> Entry | None:
        """The country a registry person holds (or, with no date, last held) office for."""
        entry = self.get(person_id) if person_id else None
        if entry is None or entry.kind != "person":
            return None
        offices = [o for o in entry.offices if on is None or o.active(on)] or list(entry.offices)
        for office in offices:
            country = self.get(office.of) if office.of else None
            if country is not None and country.kind == "country":
                return country
        return None



def _fuzzy_ok(q: list[str], c: list[str], score: float, kind: str) -> bool:
    if kind != "person":
        return len(q) == len(c) and score >= 92
    if q[-1] == c[-1]:
        first_q, first_c = q[0], c[0]
        if len(first_q) == 1:
            return first_c.startswith(first_q)
        return fuzz.ratio(first_q, first_c) >= 70 and len(q) <= len(c) + 1
    return (len(q) == len(c) and score >= 90 and fuzz.ratio(q[-1], c[-1]) >= 85
            and fuzz.ratio(q[0], c[0]) >= 85)


def _read_user_file(path: Path) -> list[dict[str, Any]]:
    data = read_file(path, "cannot read actor file")
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(_valid_user_entry(o) for o in data):
        raise InputError(str(path), "an actor file is a JSON list of objects, each with a "
                                    "string id (and name, kind, aliases … as text)")
    return data


def _valid_user_entry(obj: object) -> bool:
    if not isinstance(obj, dict) or not obj.get("id") or not isinstance(obj["id"], str):
        return False
    if any(obj.get(k) is not None and not isinstance(obj[k], str)
           for k in ("name", "kind", "part_of", "leader")):
        return False
    lists = ("aliases", "demonyms", "capitals", "seats", "offices", "ruler_skip")
    return all(obj.get(k) is None or isinstance(obj[k], list) for k in lists) and all(
        isinstance(o, dict) and isinstance(o.get("title"), str) for o in obj.get("offices") or ())


def _entry(obj: dict[str, Any]) -> Entry:
    offices = []
    for o in obj.get("offices") or ():
        offices.append(Office(title=o["title"], of=o.get("of"), start=_date(o.get("from")),
                              end=_date(o.get("to")), note=o.get("note")))
    offices.sort(key=lambda o: (o.end is None, o.end or date.min, o.start or date.min),
                 reverse=True)
    return Entry(id=obj["id"], name=obj["name"], kind=obj["kind"],
                 aliases=_tuple(obj.get("aliases")), demonyms=_tuple(obj.get("demonyms")),
                 capitals=_tuple(obj.get("capitals")), offices=tuple(offices),
                 seats=_tuple(obj.get("seats")), part_of=obj.get("part_of"),
                 leader=obj.get("leader"), ruler_skip=_tuple(obj.get("ruler_skip")))


@cache
def default_registry() -> Registry:
    """The package registry, loaded once per process."""
    return Registry.load()


