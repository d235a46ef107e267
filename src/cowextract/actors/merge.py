"""One actor per person across a store. Each article resolves its own mentions ("Obama" after
"Barack Obama"); across articles the same person still comes as a surname, a full name, a
titled name or a name with an epithet. `merge_plan` says which stored person actors are
other forms of one person, and the name that person goes by:

- a registry person keeps the registry's canonical name;
- titles and honorifics before a name are not part of it ("President Obama" is "Obama" when
  no more is known);
- a word before a full name the store knows is an epithet or a title ("Crooked Hillary
  Clinton" is "Hillary Clinton");
- full names with the same first and last word are one person, named by the longest form
  ("Hillary Clinton", "Hillary Rodham Clinton");
- a full name the entity recogniser could not place (kind "unknown") joins the person of
  that name;
- a surname alone is the one person of the store with that surname, or the one named by full
  name far more often than the others; it stays as it is when two are named about as often.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cowextract.actors.names import HONORIFICS, PARTICLES, TITLES, clean, normalize

if TYPE_CHECKING:
    from cowextract.store import Store

# A surname alone is the person named with it by full name in at least this share of the
# events that name anyone with it by full name ("Obama" beside 16 "Barack Obama" and 2
# "Michelle Obama").
DOMINANT_SHARE = 0.75


@dataclass(frozen=True)
class Person:
    """A stored person actor: its row id, name and registry id (None outside the registry)."""

    id: int
    name: str
    registry_id: str | None = None
    events: int = 1  # how many events name the actor
    kind: str = "person"  # or "unknown": a name the entity recogniser could not place


@dataclass(frozen=True)
class _Form:
    person: Person
    words: tuple[str, ...]  # the name without titles, as written
    keys: tuple[str, ...]  # its words' lookup keys

    @property
    def key(self) -> str:
        return " ".join(self.keys)


def merge_plan(people: Iterable[Person]) -> dict[int, tuple[str, str | None]]:
    """For each stored person actor that is another form of a person the store names: its id
    → (the name that person goes by, their registry id). Actors already under that name are
    left out."""
    every = [f for f in (_form(p) for p in people) if f is not None]
    # a name of unknown kind joins a person it names in full, and never makes one
    unplaced = [f for f in every if f.person.kind != "person" and len(f.keys) >= 2]
    forms = [f for f in every if f.person.kind == "person"]
    registry = [f for f in forms if f.person.registry_id]
    full = [f for f in forms if not f.person.registry_id and len(f.keys) >= 2]
    single = [f for f in forms if not f.person.registry_id and len(f.keys) == 1]
    canon: dict[str, tuple[str, str | None]] = {}  # form key → (name, registry id)
    for f in registry:
        canon[f.key] = (f.person.name, f.person.registry_id)
    known = {f.key for f in registry + full}
    cores = []
    for f in full:
        bare = _bare(f.keys, known)
        if bare is None:
            cores.append(f)
    _name_cores(cores, canon)
    for f in full:  # epithet and title forms go where their bare name went
        bare = _bare(f.keys, known)
        if bare is not None and bare in canon:
            canon[f.key] = canon[bare]
    _name_surnames(single, registry + cores, canon)
    for f in forms:  # a titled form of a name stored bare is that name ("President Obama")
        if f.key not in canon and len(f.words) < len(clean(f.person.name).split()):
            canon[f.key] = (" ".join(f.words), None)
    for f in unplaced:
        bare = _bare(f.keys, known)
        target = canon.get(f.key) or (canon.get(bare) if bare is not None else None)
        if target is None and f.key in known:
            target = (" ".join(f.words), None)
        if target is not None:
            canon.setdefault(f.key, target)
    plan = {}
    for f in forms + unplaced:
        target = canon.get(f.key)
        if target is not None and (target[0] != f.person.name or f.person.kind != "person" or (
                target[1] != f.person.registry_id)):
            plan[f.person.id] = target
    return plan


def _form(p: Person) -> _Form | None:
    """The person's name without the titles before it, or None for a description ("head of
    the delegation") rather than a name."""
    words = clean(p.name).split()
    while len(words) > 1 and (normalize(words[0]) in HONORIFICS or normalize(words[0]) in TITLES):
        words = words[1:]
    keys = tuple(normalize(w) for w in words)
    if not keys or not all(keys) or not all(
            w[:1].isupper() or k in PARTICLES for w, k in zip(words, keys, strict=True)):
        return None
    return _Form(p, tuple(words), keys)


def _bare(keys: tuple[str, ...], known: set[str]) -> str | None:
    """The key of the full name this one adds words before, if the store knows it."""
    for i in range(1, len(keys) - 1):
        rest = " ".join(keys[i:])
        if keys[i] not in PARTICLES and rest in known:
            return rest
    return None


def _name_cores(cores: list[_Form], canon: dict[str, tuple[str, str | None]]) -> None:
    """Full names with the same first and last word are one person, named by the longest."""
    groups: dict[tuple[str, str], list[_Form]] = defaultdict(list)
    for f in cores:
        groups[(f.keys[0], f.keys[-1])].append(f)
    for group in groups.values():
        best = max(group, key=lambda f: (len(f.words), len(" ".join(f.words))))
        for f in group:
            canon.setdefault(f.key, (" ".join(best.words), None))


def _name_surnames(single: list[_Form], named: list[_Form],
                   canon: dict[str, tuple[str, str | None]]) -> None:
    """A surname alone is the person of the store with that surname, or the one named by
    full name far more often than the others with it (`DOMINANT_SHARE` of their events)."""
    by_surname: dict[str, Counter[tuple[str, str | None]]] = defaultdict(Counter)
    for f in named:
        target = canon.get(f.key)
        if target is not None and len(f.keys) >= 2:
            by_surname[f.keys[-1]][target] += f.person.events
    for f in single:
        people = by_surname.get(f.keys[0])
        if not people:
            continue
        (top, n), = people.most_common(1)
        if n >= DOMINANT_SHARE * sum(people.values()):
            canon[f.key] = top


def merge_people(store: Store) -> int:
    """Fold the store's person actors into one per person (`merge_plan`); returns how many
    actor rows were folded."""
    people = [Person(i, name, rid, n, kind) for i, name, rid, n, kind in store.person_actors()]
    return store.fold_actors(merge_plan(people), rename)


def rename(event_json: str, old: tuple[str, str], new: tuple[str, str | None]) -> str:
    """An event's JSON with the actor `old` (name, kind) named as the person `new` (name,
    registry id)."""
    doc = json.loads(event_json)
    for actor in doc.get("actors", ()):
        if (actor.get("name"), actor.get("kind")) == old:
            actor.update(name=new[0], id=new[1], kind="person")
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
