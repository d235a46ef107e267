"""What the article around a meeting says about it: where the story was filed from (its
dateline: 'TOKYO —', 'New York, Sep 24 (PTI)'), the meeting a later one is held at ('He
also met …', 'There, they held talks'), and the parties a pronoun stands for ('the pair
is set to meet …')."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cowextract.extract.context import ArticleContext, calendar_date
from cowextract.extract.meetings.common import Candidate
from cowextract.extract.meetings.participants import add_party, participant
from cowextract.extract.timex.calendar import parse_value
from cowextract.models import Actor, Location
from cowextract.nlp.docs import doc_ents, span_ents
from cowextract.nlp.syntax import PLACE_LABELS, PLACE_PREPS

_NAME = r"[A-Z][A-Za-z.'’-]+(?:[ -][A-Z][A-Za-z.'’-]+){0,2}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# a place at the head of the story's first lines, then an optional region, date and news
# agency, then a dash, a colon, the agency's mark or the end of the line
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?:\([A-Za-z]+\)\s*)?(?P<city>{_NAME})(?:,[ \t]*{_NAME})?"
    rf"(?:,[ \t]*{_MONTH}[ \t]+\d{{1,2}}\.?)?[ \t]*"
    rf"(?:\([A-Z][A-Za-z]+\)[ \t]*(?:[—–-][ \t]*)?(?=\S)|/[A-Z]+/\.?[ \t]|[—–:-][ \t]|[ \t]*$)")
_DATELINE_REACH = 800  # characters from the start of the text where a dateline may stand
_NEAR_DAYS = 7  # a meeting this close to the publication date may be where the story is filed


def dateline_place(ctx: ArticleContext) -> Location | None:
    """The place the story was filed from, when its first lines name one."""
    text = ctx.text[:_DATELINE_REACH]
    places = [e for e in doc_ents(ctx.doc) if e.start_char < _DATELINE_REACH
              and e.label_ in PLACE_LABELS]
    for m in _DATELINE.finditer(text):
        start, end = m.span("city")
        ent = next((e for e in places if e.start_char <= start < e.end_char), None)
        if ent is not None:
            return Location(name=ctx.text[ent.start_char:min(end, ent.end_char)], kind="city")
        city = m.group("city")
        resolved = ctx.actors.resolve(city, "GPE")
        marked = city.isupper() and len(city) > 2 and not m.group(0).rstrip().endswith(city)
        if (resolved is not None and resolved.via in ("capital", "seat")) or marked:
            return Location(name=city, kind="city")  # 'OSLO —', 'Tallinn, Feb 11 (Reuters)'
    return None


def _day(cand: Candidate) -> date | None:
    if cand.date is None or cand.date.precision not in ("day", "interval"):
        return None
    parsed = parse_value(cand.date.value)
    return parsed[0] if parsed else None


def _compatible(frame: Candidate, cand: Candidate) -> bool:
    """Whether `cand` may be held where `frame` was: both undated, or the same day (a
    meeting the article dates is placed by a meeting of its day, or by the dateline)."""
    if cand.date is None:
        return True
    a, b = _day(frame), _day(cand)
    return a is not None and b is not None and abs((a - b).days) <= 1


def _near_publication(ctx: ArticleContext, cand: Candidate) -> bool:
    published = ctx.article.published
    if cand.date is None or published is None:
        return True
    day = _day(cand)
    return day is not None and abs((day - published).days) <= _NEAR_DAYS


def _unnamed_venue(where: Location) -> bool:
    """A venue named by common nouns alone ('convention centre'): no reader could find it
    without the city."""
    return where.kind == "venue" and where.name.islower()


def _city(where: Location | None) -> Location | None:
    """The city of 'venue, city': where another kind of gathering held alongside a meeting
    (the dinner before a summit) is, when its own venue is not said."""
    if where is None or where.kind != "venue" or ", " not in where.name:
        return where
    return Location(name=where.name.rsplit(", ", 1)[1], kind="city")


def _in_person(cand: Candidate) -> bool:
    return cand.location is not None and cand.location.kind != "virtual"


def _last_two_people(ctx: ArticleContext, before: int) -> list[Actor]:
    """The last two people the text names before a point ('the two leaders')."""
    found: list[Actor] = []
    for ent in doc_ents(ctx.doc):
        if ent.start_char >= before:
            break
        if ent.label_ != "PERSON":
            continue
        actor = participant(ctx, ent.text, "PERSON", "participant")
        if actor is not None and actor.kind == "person":
            found = [a for a in found if a.name != actor.name] + [actor]
    return found[-2:]


@dataclass
class _Story:
    """What the article has said so far: the last people who met, the meeting they met at,
    the last bilateral's sides, the last person who met, the last in-person meeting."""

    pair: list[Actor] = field(default_factory=list)
    pair_at: Candidate | None = None
    sides: list[Actor] = field(default_factory=list)
    subject: Actor | None = None
    frame: Candidate | None = None


def _resolve_parties(ctx: ArticleContext, ev: Candidate, story: _Story) -> None:
    """'the pair', 'the two leaders', 'they': the people who met just before (for 'the two
    leaders', else the last two named), on that meeting's day when none is said; 'both
    sides': the two sides of the last bilateral; 'he': the one who met."""
    if ev.party_ref in ("all", "two"):
        known = len(story.pair) >= 2
        people = story.pair if known or ev.party_ref == "all" else _last_two_people(
            ctx, int(ev.order))
        for actor in people:
            add_party(ctx, ev, actor)
        ev.subjects = list(people) + ev.subjects
        before = story.pair_at
        if known and ev.date is None and before is not None and before.date is not None \
                and before.date.precision == "day":
            ev.date = before.date  # 'the two leaders then signed …'
    elif ev.party_ref == "sides":
        for actor in story.sides:
            ev.add_actor(actor)
    elif ev.party_ref == "one" and story.subject is not None:
        add_party(ctx, ev, story.subject)
        ev.subjects.insert(0, story.subject)


def _place(ctx: ArticleContext, ev: Candidate, frame: Candidate | None,
           dateline: Location | None) -> None:
    where = ev.location
    if where is not None and _unnamed_venue(where) and dateline is not None and (
            ev.here or _near_publication(ctx, ev)):
        # 'at a specially designated convention centre', in a story filed from the city
        ev.location = Location(name=f"{where.name}, {dateline.name}", kind="venue")
    if ev.location is not None or ev.format is not None:
        return
    if ev.here and dateline is not None:
        ev.location = dateline
    elif frame is not None and _compatible(frame, ev):
        ev.location = frame.location if frame.kind == ev.kind else _city(frame.location)
    elif dateline is not None and _near_publication(ctx, ev):
        ev.location = dateline


def fill_in(ctx: ArticleContext, events: list[Candidate]) -> None:
    """Give the meetings what their own words leave to the article: the parties a pronoun
    stands for, and a place from the meeting they are held at or the dateline."""
    dateline = dateline_place(ctx)
    story = _Story()
    for ev in sorted(events, key=lambda e: e.order):
        _resolve_parties(ctx, ev, story)
        _place(ctx, ev, story.frame, dateline)
        if _in_person(ev):
            story.frame = ev
        people = [a for a in ev.subjects if a.kind == "person"]
        if people:
            story.subject = people[0]
        if len({a.name for a in people}) >= 2:
            story.pair = list({a.name: a for a in people}.values())
            story.pair_at = ev
        if ev.between:
            story.sides = [a for a in ev.actors.values() if a.name in ev.between]


def _a_country(ctx: ArticleContext, ent) -> bool:
    resolved = ctx.actors.resolve(ent.text, ent.label_)
    return resolved is not None and resolved.kind == "country" and resolved.via != "capital"


def setting_before(ctx: ArticleContext, prev, cand: Candidate) -> None:
    """'A, B and C voiced support in Chisinau on Wednesday. "…," A said in a meeting with
    D.': a meeting that names neither place nor day, of someone the sentence before places
    and dates, is held there and then."""
    if prev is None or cand.location is not None or cand.date is not None or cand.day_named:
        return
    people = {a.name for a in cand.actors.values() if a.kind == "person"}
    named = {actor.name for e in span_ents(prev) if e.label_ == "PERSON"
             if (actor := participant(ctx, e.text, "PERSON", "participant")) is not None}
    if not people & named:
        return
    place = next((e for e in span_ents(prev) if e.label_ in ("GPE", "FAC") and e.start > 0
                  and ctx.doc[e.start - 1].lower_ in PLACE_PREPS and not _a_country(ctx, e)),
                 None)  # a city or a venue: 'in Europe', 'in France' place no meeting
    days = [d for t in ctx.timexes if prev.start_char <= t.start and t.end <= prev.end_char
            if (d := calendar_date(t, ctx.article.published)) is not None
            and d.precision == "day"]
    if place is None or len({d.value for d in days}) != 1:
        return
    cand.location = Location(name=place.text, kind="city")
    cand.date = days[0]
