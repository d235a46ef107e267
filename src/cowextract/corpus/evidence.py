"""Whether a meeting or pledge report is one more report of a clustered event, on evidence.

First what rules it out: a stated date too far from the cluster's, a place that cannot be
the cluster's (`places.relation`), a time its article does not allow (`timing`); for
pledges also another kind of contribution, the other polarity, other named pledgers or
other figures. Then what speaks for it (`Evidence`): the same day, the same specific
place, shared participants or pledgers, the same figures, articles a few days apart.

Rules of joining (`accepts`), for meetings:
- on the same day: a shared place, party or figure;
- a few days apart: a shared place and two shared sides (a person and their country are
  one side);
- otherwise (a month, a year, or no date on one side): the same place and two shared sides
  or a shared figure; or, between articles at most a week apart, three shared sides or two
  with two shared people.
Two meetings of two sides each that share only one side are never one (A met B, A met C),
nor a meeting of two countries alone and a gathering of two more sides (a bilateral on the
sidelines of a summit), nor two kinds of gathering (a summit and its dinner, or the accord
signed at it) or two rounds of a series (`kinds.py`); the country a meeting is held in is no
shared party (every meeting in Washington has one).
For pledges: shared pledgers and the same figure; or the same day and either; or the same
figure where one side names no pledger (between articles a week apart, when both dates are
known); or shared pledgers where neither side gives a figure, between articles a week
apart, when both name a thing in common besides their parties (`marks.py`).
Two undated reports whose articles give no date to tell when join only on shared parties
and the same figures (meetings: at the same place too); so does an undated meeting report
in such an article and a dated meeting (the same parties meet at one place round after
round: only the article's date tells which). A city alone, a party alone or a generic word
alone never joins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from cowextract.corpus.members import Cluster, Member
from cowextract.corpus.places import Relation, countries, relation
from cowextract.corpus.timing import (
    RANK,
    Dates,
    anchor,
    close,
    compare,
    compare_yearless,
    fits,
    span,
)
from cowextract.settings import Settings

NumbersOn = Callable[[str], set[tuple[float, str]]]


@dataclass
class Evidence:
    """What speaks for one event: each field is one kind of evidence."""

    dates: Dates | None = None  # how the stated dates relate (None: one side has none)
    place: str | None = None  # the specific place both give
    parties: tuple[str, ...] = ()  # shared participants or pledgers
    persons: int = 0  # how many of them are people
    sides: int = 0  # how many sides they stand for (a person and their country are one)
    figures: tuple[tuple[float, str], ...] = ()
    marks: tuple[str, ...] = ()  # named things both pledges are about (`marks.py`)
    tight: bool = False  # articles (or dates) at most a week apart
    window_known: bool = False  # whether `tight` could be checked at all
    unanchored: bool = False  # two undated reports, one in an article that gives no date
    yearless: bool = False  # `dates` compares days of the year: one side gives no year
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """How much speaks for it: ranks the clusters an event could join."""
        return ({Dates.SAME_DAY: 4, Dates.NEAR: 2, Dates.WITHIN: 1}.get(self.dates, 0)
                if self.dates else 0) + 3 * bool(self.place) + self.sides + self.persons \
            + 3 * bool(self.figures) + bool(self.tight)

    def reason(self, render: Callable[[tuple[float, str]], str] = lambda n: f"{n[0]:g}"
               ) -> str:
        """The evidence in words: 'the same day; the same place (Paris); …'."""
        bits = []
        if self.yearless and self.dates in (Dates.SAME_DAY, Dates.NEAR):
            bits.append("the same days of the year (one report gives no year)")
        elif self.dates is Dates.SAME_DAY:
            bits.append("the same day")
        elif self.dates is Dates.NEAR:
            bits.append("dates a few days apart")
        elif self.dates is Dates.WITHIN:
            bits.append("dates that agree at the coarser precision")
        if self.place:
            bits.append(f"the same place ({self.place})")
        if self.parties:
            bits.append(f"shared parties ({', '.join(self.parties)})")
        if self.figures:
            bits.append(f"the same figures ({', '.join(map(render, self.figures))})")
        if self.marks:
            bits.append(f"the same named things ({', '.join(self.marks)})")
        if self.tight:
            bits.append("articles a few days apart")
        return "; ".join(bits)


def _dates(m: Member, c: Cluster, s: Settings) -> Dates | None:
    """How `m`'s stated date relates to the cluster's (CLASH with any of them: they cannot
    be one event; None: one side states none)."""
    if not (m.date and c.dates):
        return None
    rels = [compare(m.date, d, s.date_tolerance) for d in c.dates]
    if Dates.CLASH in rels:
        return Dates.CLASH
    return max(rels, key=RANK.__getitem__)


def _days(m: Member, c: Cluster, s: Settings) -> Dates | None:
    """How the days of the year one side states, in an article that gives no year, relate
    to the other side's stated dates (None: no such pair)."""
    if m.day and c.dates:
        rels = [compare_yearless(m.day, d, s.date_tolerance) for d in c.dates]
    elif m.date and c.days and not c.dates:
        rels = [compare_yearless(d, m.date, s.date_tolerance) for d in c.days]
    else:
        return None
    if Dates.CLASH in rels:
        return Dates.CLASH
    return max(rels, key=RANK.__getitem__)


def _first_day(value: str | None) -> date | None:
    sp = span(value)
    return sp[0] if sp else None


def _window_ok(m: Member, c: Cluster, s: Settings) -> bool | None:
    """An undated side's article allows the other side's date; two undated sides need
    articles whose dates (or floors) are within `report_window` days (None: one of them
    gives no date at all, so nothing tells when; for meetings also when the undated side
    of an undated and a dated one gives none: pledges are re-reported long after they are
    made, and their figures tell them apart)."""
    if m.date is None and c.date is None:
        mine = _first_day(m.published) or _first_day(m.floor)
        theirs = c.anchors or ([c.undated_floor] if c.undated_floor else [])
        if mine is None or not theirs:
            return None
        return all(close(mine, _first_day(t), s.report_window) for t in theirs)
    if m.date is None and c.date is not None:
        window = anchor(m.published, m.floor).window(s.report_window)
        if window is None and m.kind == "meeting":
            return None
        when = span(c.date)
        return when is None or fits(when, window)
    if m.date is not None and c.date is None and m.kind == "meeting" and not (
            c.undated_published or c.undated_floor):
        return None
    if m.date is not None and c.undated:
        when = span(m.date)
        if when is None:
            return True
        pubs = c.undated_published
        if pubs and not (fits(when, anchor(pubs[1], None).window(s.report_window))
                         and fits(when, anchor(pubs[0], None).window(s.report_window))):
            return False
        floor = anchor(None, c.undated_floor).floor
        return floor is None or when[1] >= floor
    return True


def _point(value: str | None) -> date | None:
    sp = span(value)
    return sp[0] if sp and (sp[1] - sp[0]).days < 7 else None


def _tight(m: Member, c: Cluster, s: Settings) -> tuple[bool, bool]:
    """(whether `m` and the cluster are at most `tight_window` days apart, whether that
    could be known): by stated days where both have one, else by publication dates."""
    mine = _point(m.date) or _point(m.anchor_day)
    theirs = [_point(c.date)] if _point(c.date) else [_point(p) for p in c.anchors or ()]
    theirs = [t for t in theirs if t]
    if mine is None or not theirs:
        return False, False
    return all(close(mine, t, s.tight_window) for t in theirs), True


def _place(m: Member, c: Cluster) -> tuple[bool, str | None]:
    """Whether `m`'s place can be the cluster's, and the specific place they share."""
    shared = None
    for p in c.places():
        rel = relation(m.location, p)
        if rel is Relation.DIFFERENT:
            return False, None
        if rel is Relation.SAME and shared is None:
            assert m.location is not None and p is not None
            shared = min(m.location, p, key=len)
    return True, shared


def _common(m: Member, c: Cluster, s: Settings) -> Evidence | None:
    """The tests both kinds share: dates, time, place; then parties and closeness."""
    if c.kind != m.kind:
        return None
    dates = _dates(m, c, s)
    days = _days(m, c, s) if dates is None else None
    window = _window_ok(m, c, s)
    if days is not None and window is None:
        window = True  # the day of the year tells when, and no year contradicts it
    if Dates.CLASH in (dates, days) or window is False:
        return None
    possible, place = _place(m, c)
    if not possible:
        return None
    ev = Evidence(dates=dates or days, place=place, unanchored=window is None,
                  yearless=days is not None)
    shared = m.parties & c.parties
    if shared:
        # The country a meeting is held in takes part in nearly every meeting held there:
        # it tells none of them apart ('United States' for two meetings in Washington).
        hosts = countries(m.location).union(*(countries(p) for p in c.places() if p))
        ev.parties = tuple(sorted(shared - hosts))
        ev.persons = len(m.persons & c.persons)
        ev.sides = len((m.sides & c.sides) - hosts)
    return ev


def _closeness(m: Member, c: Cluster, ev: Evidence, s: Settings) -> bool:
    """`_tight`, asked only where a rule needs it, and kept with the evidence."""
    ev.tight, ev.window_known = _tight(m, c, s)
    return ev.tight


def _counterparts_differ(m: Member, c: Cluster) -> bool:
    """Two meetings of two sides each that share only one: A with B is not A with C."""
    return len(m.sides) == 2 and len(c.sides) == 2 and len(m.sides & c.sides) < 2


def _scales_differ(m: Member, c: Cluster) -> bool:
    """A meeting of two countries alone ('A met B') is not a gathering of them and two more
    sides (a bilateral on the sidelines of a summit is a meeting of its own); one more side
    may be a host or a broker left out of one report."""
    if m.bilateral and len(c.sides - m.sides) >= 2:
        return True
    return 0 < c.bilateral == c.size and len(m.sides - c.sides) >= 2


def _occasions_differ(m: Member, c: Cluster) -> bool:
    """Another kind of gathering (the dinner before a summit, the accord signed at it, a
    phone call), or another round of a series (`kinds.py`)."""
    theirs = c.head[0].gathering if c.head else None
    if m.gathering and theirs and m.gathering != theirs:
        return True
    return bool(m.rounds and c.rounds and not m.rounds & c.rounds)


def meeting_evidence(m: Member, c: Cluster, numbers_on: NumbersOn, s: Settings
                     ) -> Evidence | None:
    """What speaks for meeting `m` being the cluster's meeting; None when it cannot be."""
    ev = _common(m, c, s)
    if ev is None or _counterparts_differ(m, c) or _scales_differ(m, c) \
            or _occasions_differ(m, c):
        return None
    # The figures pledged on the day of the dated side (a pledge of "26 countries") tie an
    # undated report of a meeting to a dated one; two undated reports by the figures both
    # articles give.
    if m.date is None and c.date is not None:
        ev.figures = tuple(sorted(m.numbers & numbers_on(c.date[:10])))
    elif m.date is not None and c.date is None:
        ev.figures = tuple(sorted(numbers_on(m.date[:10]) & c.numbers))
    elif m.date is None:
        ev.figures = tuple(sorted(m.numbers & c.numbers))
    return ev


def pledge_evidence(m: Member, c: Cluster, s: Settings) -> Evidence | None:
    """What speaks for pledge `m` being the cluster's pledge; None when it cannot be."""
    head = c.head[0]
    if m.what != head.what or m.polarity != head.polarity:
        return None
    ev = _common(m, c, s)
    if ev is None or (m.parties and c.parties and not ev.parties):
        return None
    ev.figures = tuple(sorted(m.numbers & c.numbers))
    if m.numbers and c.numbers and not c.bare and not ev.figures:
        # Other figures: one pledge reported with another amount only when the same
        # pledgers made it on the same day (a conflict worth showing), else another pledge.
        if not (ev.dates is Dates.SAME_DAY and ev.parties):
            return None
    return ev


def accepts(kind: str, m: Member, c: Cluster, ev: Evidence, s: Settings) -> bool:
    """Whether the evidence is enough to join (see the module's docstring)."""
    if ev.unanchored:  # nothing tells when: only the strongest evidence
        return bool(ev.parties and ev.figures and (ev.place or kind == "pledge"))
    if ev.yearless:  # a day of the year: on it or at the same place, two shared parties
        if kind == "pledge":
            return bool(ev.parties and ev.figures)
        return bool((ev.place or ev.dates is Dates.SAME_DAY) and ev.sides + ev.persons >= 2)
    if kind == "pledge":
        return _pledge_accepts(m, c, ev, s)
    if ev.dates is Dates.SAME_DAY:
        return bool(ev.place or ev.parties or ev.figures)
    if ev.dates is Dates.NEAR:
        return bool(ev.place and ev.sides >= 2)
    if ev.place and (ev.sides >= 2 or ev.figures):
        return True
    if ev.sides >= 3 or (ev.sides >= 2 and ev.persons >= 2):
        return _closeness(m, c, ev, s)
    return False


def _pledge_accepts(m: Member, c: Cluster, ev: Evidence, s: Settings) -> bool:
    if ev.parties and ev.figures:
        return True
    if ev.dates is Dates.SAME_DAY and (ev.parties or ev.figures):
        return True
    if ev.figures and not (m.parties and c.parties):
        return _closeness(m, c, ev, s) or not ev.window_known
    # Without figures on either side: a report without figures could be any of a party's
    # pledges of that kind, so it joins only reports without figures that name a thing in
    # common ('Patriot systems').
    bare = not m.numbers and c.bare == c.size
    ev.marks = tuple(sorted(m.marks & c.marks))
    return bool(ev.parties and bare and ev.marks and _closeness(m, c, ev, s))
