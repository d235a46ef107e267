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


_SERIES_REACH = 400  # characters after 'four rounds of talks' where 'the first round' may stand
_GENERIC = frozenset(("meeting", "meetings", "event", "engagement", "gathering"))


def _names(c: Candidate, kinds: tuple[str, ...]) -> set[str]:
    return {a.name for a in c.actors.values() if a.kind in kinds}


def _sides(c: Candidate) -> set[str]:
    """Its parties, one name per side: an official's country, added for the official, is
    not a second party ('Jaishankar' and 'India' are one side)."""
    people = {a.mention for a in c.actors.values() if a.kind == "person"}
    return {a.name for a in c.actors.values() if a.kind == "person" or (
        a.kind == "country" and a.mention not in people)}


def _capital_or_seat(a: Candidate, b: Candidate) -> bool:
    """A seat of government and its capital ('the Élysée', 'Paris'): one place, more or less
    finely said; two venues or two cities of one country are not."""
    kinds = {a.location.kind if a.location else None, b.location.kind if b.location else None}
    return kinds == {"venue", "city"}


def _unplaced_venue(a: Candidate, b: Candidate) -> bool:
    """A venue the registry does not place, and a city: no gazetteer says the venue is
    elsewhere, and an article names a meeting's city first and its venue later."""
    if not _capital_or_seat(a, b):
        return False
    venue = a if a.location is not None and a.location.kind == "venue" else b
    return venue.place_country is None


def _place_relation(a: Candidate, b: Candidate) -> str:
    """'agree' ('London' / 'Lancaster House, London'; 'Muscat' / 'Oman'), 'conflict'
    ('Paris' / 'Madrid'), 'unplaced' (a venue that may be in the other's city) or 'unknown'
    (either has no place, or is virtual)."""
    if places_agree(a.location, b.location):
        return "agree"
    if not _places_conflict(a.location, b.location):
        return "unknown"
    if a.place_country and a.place_country == b.place_country and (
            a.country_level or b.country_level or _capital_or_seat(a, b)):
        return "agree"  # a capital and its country; the Élysée and Paris
    if a.unit == b.unit >= 0 and a.country_level != b.country_level:
        return "agree"  # 'leaders gathering in China … at the summit in Tianjin'
    return "unplaced" if _unplaced_venue(a, b) else "conflict"


def _venue_in_city(a: Location | None, b: Location | None) -> Location:
    """'Lancaster House' and 'London' as one place: 'Lancaster House, London'."""
    venue, city = (a, b) if a is not None and a.kind == "venue" else (b, a)
    assert venue is not None and city is not None
    return Location(name=f"{venue.name}, {city.name}", kind="venue")


def _akin(a: Candidate, b: Candidate) -> bool:
    """Two mentions that share a person who met or the meeting's own noun ('the summit')."""
    return bool(_names(a, ("person",)) & _names(b, ("person",))
                or (a.words - _GENERIC) & (b.words - _GENERIC))


def _sides_differ(a: Candidate, b: Candidate) -> bool:
    """Two bilateral meetings: their named sides differ, or one's parties go beyond the
    other's two sides."""
    if a.between and b.between:
        return a.between != b.between
    sides, other = (a.between, b) if a.between else (b.between, a)
    if not sides or other.anaphoric:
        return False
    parties = _names(other, ("person", "country"))
    return not parties & sides or len(parties - sides) >= 2


def _same(a: Candidate, b: Candidate) -> bool:
    if _sides_differ(a, b):
        return False
    if a.day_part and b.day_part and a.day_part != b.day_part:
        return False  # 'Friday morning' / 'Friday afternoon'
    if a.day_text and b.day_text and a.day_text != b.day_text:
        return False  # 'on Wednesday' / 'on Thursday', neither placed in the calendar
    if a.kind != b.kind and {a.kind, b.kind} & {"signing", "call"}:
        return False  # a signing or a call is a meeting of its own, whatever its day
    place = _place_relation(a, b)
    persons_a, persons_b = _names(a, ("person",)), _names(b, ("person",))
    # different people at different kinds of meeting ('a dinner hosted by A', 'talks between
    # B and C'), or meeting different people ('A met B', 'C met D'): two meetings
    strangers = bool(persons_a and persons_b and not persons_a & persons_b
                     and not (a.anaphoric or b.anaphoric or a.listed or b.listed)
                     and (a.kind != b.kind or (a.explicit and b.explicit))
                     and place != "agree")
    if a.date and b.date and a.date.value and b.date.value:
        if a.date.value != b.date.value:
            return False
        if place == "unplaced" and not _akin(a, b):
            return False  # a meeting at a venue and another in some city that day
        return not (a.separate or b.separate or place == "conflict" or strangers)
    if a.name and b.name and a.name.casefold() == b.name.casefold():
        return True
    if a.separate or b.separate:
        return False
    if place != "unknown":
        return place == "agree"
    # neither date nor place tells: the same parties met ('Driscoll met a Russian
    # delegation' after 'Driscoll held meetings with Russian officials in Abu Dhabi')
    shared = _sides(a) & _sides(b)
    if a.date is None and b.date is None:
        return (a.explicit or b.explicit) and len(shared) >= 2
    # one dated, one not: the same signing ('signed on 27 June', 'inked by A and B')
    return a.kind == b.kind == "signing" and bool(shared)


def _absorb(target: Candidate, cand: Candidate) -> None:
    target.mentions.append(cand.evidence)
    target.kinds |= {cand.kind} | cand.kinds
    target.words |= cand.words
    target.date = target.date or cand.date
    target.bound = target.bound or cand.bound
    finer = cand.location is not None and cand.location.kind != "virtual" and (
        (target.location is not None and target.location.kind == "city"
         and cand.location.kind == "venue") or (target.country_level and not cand.country_level))
    if _place_relation(target, cand) == "unplaced":
        target.location = _venue_in_city(target.location, cand.location)
    elif target.location is None or finer:  # 'in China' … 'in Tianjin': the city
        target.location = cand.location or target.location
        target.place_country = cand.place_country or target.place_country
        target.country_level = cand.country_level
    if target.format and cand.format and target.format != cand.format:
        target.format = "hybrid"
    target.format = target.format or cand.format
    target.count = target.count or cand.count
    target.name = target.name or cand.name
    for actor in cand.actors.values():
        target.add_actor(actor)
    target.subjects += [a for a in cand.subjects if a not in target.subjects]


def _antecedent(merged: list[Candidate], cand: Candidate, last: Candidate | None
                ) -> Candidate | None:
    """What 'the meeting', 'the call' refers back to: the latest meeting of its kind (a
    call: held at a distance), else the last one reported."""
    same = [m for m in merged if cand.kind != "meeting" and cand.kind in {m.kind} | m.kinds]
    if same:  # 'the signing event': the signing most reported
        return max(reversed(same), key=lambda m: len(m.mentions))
    for m in reversed(merged):
        if cand.kind == "call" and m.format in ("virtual", "hybrid"):
            return m
        if cand.kind != "call" and (cand.words - _GENERIC) & m.words:
            return m  # 'the summit': the summit reported last; 'the meeting': the last one
    if last is not None and (cand.words - _GENERIC) and (last.words - _GENERIC) and \
            _names(cand, ("person", "country")):
        return None  # 'the peace talks led by X with Y' after a summit: other talks
    return last


def _in_background(m: Candidate, cand: Candidate) -> bool:
    """An occasion others meet alongside is referred back to by its own noun only ('the
    summit'): 'the meeting' after 'A met B on the sidelines of the summit' is A and B's."""
    return m.frame and cand.anaphoric and not (cand.words - _GENERIC) & m.words


def _referent(merged: list[Candidate], cand: Candidate,
              partner: Candidate | None = None) -> Candidate | None:
    """The meeting 'the banquet in Tianjin' refers back to: the latest one of its kind
    whose place does not contradict it (never `partner`, the meeting it is held
    alongside)."""
    if not cand.anaphoric:
        return None
    virtual = cand.location is not None and cand.location.kind == "virtual"
    fallback = None
    for m in reversed(merged):
        if m is partner or _in_background(m, cand):
            continue
        if cand.kind not in {m.kind} | m.kinds or virtual != (m.location is not None and
                                              m.location.kind == "virtual"):
            continue
        if cand.date is not None and m.date is not None and m.date.value != cand.date.value:
            continue  # 'the weekend event' gives an undated summit its days
        if cand.between or _sides_differ(m, cand):
            continue  # 'the meeting between A and B' is theirs
        relation = _place_relation(m, cand)
        if relation == "agree":
            return m
        if relation in ("unknown", "unplaced") and fallback is None:
            fallback = m
    return fallback


def _another_day_of(merged: list[Candidate], cand: Candidate) -> None:
    """'The summit meeting will be held on Monday' after 'the SCO summit kicked off on
    Sunday': another day of the summit named before, held by its parties and under its
    name, when it names none of its own."""
    if not cand.anaphoric or cand.date is None or _names(cand, ("person", "country")):
        return
    words = cand.words - _GENERIC
    ref = next((m for m in reversed(merged) if words & (m.words - _GENERIC)
                and m.kind == cand.kind == "meeting"), None)
    if ref is None:
        return
    for actor in ref.actors.values():
        cand.add_actor(actor)
    cand.name = cand.name or ref.name


def _fold_headline(merged: list[Candidate], title_end: int,
                   loose: list[Candidate]) -> list[Candidate]:
    """A headline's meeting is the one the body reports: it joins the first body meeting
    of its kind held the same way, on no other day and at no other place. A headline's
    mention that alone pins no meeting down (`loose`: 'UK to host virtual meeting of the
    coalition') only joins one."""
    out = [m for m in merged if m.order >= title_end]
    heads = [(m, False) for m in merged if m.order < title_end] + [(m, True) for m in loose]
    for head, weak in sorted(heads, key=lambda h: h[0].order):
        target = next((m for m in out if m.kind == head.kind
                       and (m.format == "virtual") == (head.format == "virtual")
                       and not (m.date and head.date and m.date.value != head.date.value)
                       and _place_relation(m, head) != "conflict"
                       and not _sides_differ(m, head)), None)
        if target is None:
            if not weak:
                out.append(head)
            continue
        _absorb(target, head)
    return sorted(out, key=lambda m: m.order)


def _refers_back(cand: Candidate) -> bool:
    """An undated, unplaced mention: it refers back ('The meeting …'), or names none."""
    placed = cand.location is not None and (cand.location.kind != "virtual" or (
        (bool(cand.between) or cand.kind == "call") and not cand.anaphoric))
    return cand.date is None and not placed and not cand.day_named and (
        cand.anaphoric or not cand.explicit)


class _Merger:
    """Mentions in reading order into events."""

    def __init__(self, title_end: int = 0) -> None:
        self.title_end = title_end
        self.loose_heads: list[Candidate] = []  # the headline's undated, unplaced mentions
        self.merged: list[Candidate] = []
        self.last: Candidate | None = None
        self.series: Candidate | None = None
        self.owner: dict[int, Candidate] = {}  # a mention's id → the event it is part of

    def _join(self, target: Candidate, cand: Candidate) -> None:
        _absorb(target, cand)
        self.owner[id(cand)] = target

    def add(self, cand: Candidate) -> None:
        if cand.context:
            self.series = cand
            return
        series = self.series
        if cand.numbered and series is not None and cand.unit - series.unit < _SERIES_REACH \
                and not _names(cand, ("person", "country")):
            for actor in series.actors.values():  # 'the first round …' of 'four rounds'
                cand.add_actor(actor)
        if cand.attendance:  # "A and B took part": the meeting last reported as news
            reported = next((m for m in reversed(self.merged) if not m.anaphoric), self.last)
            if reported is not None:
                for actor in cand.actors.values():
                    reported.add_actor(actor)
            return
        if _refers_back(cand) and cand.order < self.title_end and not cand.anaphoric:
            self.loose_heads.append(cand)  # the body may report it: see _fold_headline
            return
        # 'A met B on the sidelines of the session': the session is not A and B's meeting
        partner = self.owner.get(id(cand.alongside)) if cand.alongside is not None else None
        if _refers_back(cand):
            # "The meeting …", "It was hosted by …": the meeting reported just before; an
            # undated, unplaced meeting that does not refer back identifies none.
            antecedent = _antecedent(self.merged, cand, self.last)
            if antecedent is not None and antecedent is not partner and cand.anaphoric \
                    and not cand.between:
                self._join(antecedent, cand)
            elif cand.frame and cand.name:
                self._open(cand)  # a named occasion that others meet alongside is held
            return
        target = next((m for m in self.merged if m is not partner and _same(m, cand)
                       and not _in_background(m, cand)), None) or _referent(
            self.merged, cand, partner)
        if target is None:
            _another_day_of(self.merged, cand)
            self._open(cand)
            return
        self._join(target, cand)
        self.last = target

    def _open(self, cand: Candidate) -> None:
        """A meeting not reported before: an event of its own, and the one a later 'the
        meeting' refers back to, unless it is only the occasion of the meeting the story
        is about ('He shared about the meetings' held on the sidelines of the session)."""
        self.merged.append(cand)
        self.owner[id(cand)] = cand
        if not cand.frame:
            self.last = cand

    def share_setting(self) -> None:
        """'The meeting took place alongside the Recovery Conference': one time for both;
        and who holds meetings on the sidelines of a gathering attends it ('A held talks
        with B on the sidelines of the summit': A is at the summit)."""
        for m in self.merged:
            other = self.owner.get(id(m.alongside)) if m.alongside is not None else None
            if other is not None and m.date is None and other.date is not None:
                m.date = other.date
            if m.frame and m.alongside is not None:
                _attend(m, m.alongside)
            elif other is not None and other.frame and m.location is None and \
                    m.format is None and other.location is not None:
                # 'A met B on the sidelines of the summit in Johannesburg': there
                m.location, m.place_country = other.location, other.place_country
                m.country_level = other.country_level


def _attend(frame: Candidate, framed: Candidate) -> None:
    """The people who met (or hosted) at `framed`, with the countries they stand for, take
    part in `frame`."""
    names = {a.name for a in framed.subjects if a.kind == "person"}
    people = [a for a in framed.actors.values() if a.name in names]
    mentions = {a.mention for a in people} | {a.mention for a in framed.subjects}
    for actor in framed.actors.values():
        if actor in people or (actor.kind == "country" and actor.mention in mentions):
            frame.add_actor(actor.model_copy(update={"role": "participant"}))


def merge(cands: list[Candidate], title_end: int = 0) -> list[Candidate]:
    """The meetings the mentions of an article report, one event each."""
    merger = _Merger(title_end)
    for cand in sorted(cands, key=lambda c: c.order):
        merger.add(cand)
    merger.share_setting()
    merged = merger.merged
    if title_end:
        merged = _fold_headline(merged, title_end, merger.loose_heads)
    for m in merged:
        m.mentions = [e for e in m.mentions if e != m.evidence]
        uniq = []
        for e in m.mentions:
            if e not in uniq:
                uniq.append(e)
        m.mentions = uniq
    return merged
