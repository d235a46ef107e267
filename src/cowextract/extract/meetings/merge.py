"""Several mentions of one meeting in an article become one event."""

from __future__ import annotations

import re

from cowextract.extract.meetings.common import Candidate
from cowextract.models import Location


def _place_words(loc: Location | None) -> set[str]:
    if loc is None:
        return set()
    return {w for w in re.findall(r"\w+", loc.name.casefold()) if len(w) > 2}


def places_agree(a: Location | None, b: Location | None) -> bool:
    """Same place: equal, or one's words inside the other's ('London' / 'Lancaster House,
    London'); a virtual meeting agrees only with a virtual one."""
    if a is None or b is None or a.kind == "virtual" or b.kind == "virtual":
        return False  # 'virtual' says how, not where: it identifies no meeting
    wa, wb = _place_words(a), _place_words(b)
    return bool(wa and wb and (wa <= wb or wb <= wa))


def _places_conflict(a: Location | None, b: Location | None) -> bool:
    """Two places that share no word ('Paris' / 'Madrid'); virtual conflicts with nothing,
    as a hybrid meeting is reported both ways."""
    if a is None or b is None or a.kind == "virtual" or b.kind == "virtual":
        return False
    wa, wb = _place_words(a), _place_words(b)
    return bool(wa and wb and not wa & wb)


def _same(a: Candidate, b: Candidate) -> bool:
    if a.between and b.between and a.between != b.between:
        return False
    if (a.between or b.between) and a.between != b.between and (a.date and b.date):
        return False
    if a.date and b.date and a.date.value and b.date.value:
        if a.date.value != b.date.value:
            return False
        if a.separate or b.separate or _places_conflict(a.location, b.location):
            return False
        return True
    if a.name and b.name and a.name.casefold() == b.name.casefold():
        return True
    if a.separate or b.separate:
        return False
    return places_agree(a.location, b.location)


def _absorb(target: Candidate, cand: Candidate) -> None:
    target.mentions.append(cand.evidence)
    target.date = target.date or cand.date
    if target.location is None or (target.location.kind == "city" and cand.location
                                   and cand.location.kind == "venue"):
        target.location = cand.location or target.location
    if target.format and cand.format and target.format != cand.format:
        target.format = "hybrid"
    target.format = target.format or cand.format
    target.count = target.count or cand.count
    target.name = target.name or cand.name
    for actor in cand.actors.values():
        target.add_actor(actor)


def merge(cands: list[Candidate]) -> list[Candidate]:
    merged: list[Candidate] = []
    last: Candidate | None = None
    for cand in sorted(cands, key=lambda c: c.order):
        placed = cand.location is not None and cand.location.kind != "virtual"
        if cand.date is None and not placed and (cand.anaphoric or not cand.explicit):
            # "The meeting …", "It was hosted by …": the meeting reported just before; an
            # undated, unplaced meeting that does not refer back identifies none.
            if last is not None and cand.anaphoric and not cand.between:
                _absorb(last, cand)
            continue
        target = next((m for m in merged if _same(m, cand)), None)
        if target is None:
            merged.append(cand)
            last = cand
            continue
        _absorb(target, cand)
        last = target
    for m in merged:
        m.mentions = [e for e in m.mentions if e != m.evidence]
        uniq = []
        for e in m.mentions:
            if e not in uniq:
                uniq.append(e)
        m.mentions = uniq
    return merged
