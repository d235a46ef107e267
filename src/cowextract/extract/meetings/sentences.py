"""Meetings in one sentence unit: each group of trigger words is one meeting, read from its
own region of the parse."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from cowextract.extract.context import ArticleContext
from cowextract.extract.lexicon import lexicon_re
from cowextract.extract.meetings.attendance import attendance
from cowextract.extract.meetings.attributes import (
    day_named,
    day_part,
    is_anaphoric,
    meeting_date,
    meeting_name,
    previous_day,
    report_bound,
    reported,
)
from cowextract.extract.meetings.common import (
    COUNT_RE,
    Candidate,
    lexicon_words,
    meeting_kind,
    meeting_lexicon,
    virtual_format,
    virtual_place,
)
from cowextract.extract.meetings.identify import identifies_meeting, two_sides
from cowextract.extract.meetings.lists import counterpart_items, is_separate
from cowextract.extract.meetings.participants import (
    possessor_parties,
    press_conference_parties,
    read_actors,
    subject_reference,
)
from cowextract.extract.meetings.places import location, place_country
from cowextract.extract.meetings.regions import (
    governor,
    group_triggers,
    implied_subjects,
    is_noun,
    own_subtree,
    refers_elsewhere,
    region_of,
    shared_adjuncts,
    tail,
)
from cowextract.extract.meetings.scene import setting_before
from cowextract.extract.meetings.series import (
    coordinated_dates,
    is_numbered,
    numbered_series,
)
from cowextract.extract.meetings.triggers import find_triggers, meaningful
from cowextract.models import Location
from cowextract.nlp.docs import span_text
from cowextract.nlp.lemmas import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Token

Group = list[tuple["Token", str]]  # (trigger token, trigger phrase) naming one meeting


def from_unit(ctx: ArticleContext, unit, order: int, prev=None) -> list[Candidate]:
    """The meetings one sentence unit reports (`prev`: the unit before it)."""
    if "|" in span_text(unit):
        return []
    trigs = [(t, p) for t, p in find_triggers(unit) if meaningful(t, p)]
    trig_ids = {t.i for t, _ in trigs}
    # 'summit meetings': the modifier is part of the head's mention
    trigs = [(t, p) for t, p in trigs if not (t.dep_ == "compound" and t.head.i in trig_ids)]
    if not trigs:
        return _attendance_only(ctx, unit, order)
    refs = {t.i for t, _ in trigs if is_noun(t) and refers_elsewhere(t)}
    groups = group_triggers(trigs, refs)
    regions = [_group_region(group, refs, unit, {t.i for t, _ in trigs}) for group in groups]
    out = []
    frames: list[Candidate] = []
    framed: list[Candidate] = []
    for gi, group in enumerate(groups):
        others = [r for j, r in enumerate(regions) if j != gi]
        found = _candidates(ctx, unit, group, regions[gi], others, order + gi, len(groups),
                            prev)
        out.extend(found)
        (frames if group[0][0].i in refs and _cotemporal(group[0][0]) else framed).extend(
            c for c in found if not c.context)
    for frame in frames:  # 'on the sidelines of the summit', 'alongside the conference'
        frame.frame = True
        if framed:
            frame.alongside, framed[0].alongside = framed[0], frame
    meetings = [c for c in out if not c.context]
    if all(c.anaphoric for c in meetings):  # 'the delegation to the talks is led by X'
        for extra in _attendance_only(ctx, unit, order + len(groups)):
            if not meetings:
                out.append(extra)
                continue
            for actor in extra.actors.values():
                meetings[0].add_actor(actor)
    return out


def _cotemporal(tok) -> bool:
    """A meeting referred to as the one another is held alongside or on the sidelines of."""
    words = lexicon_words("cotemporal_preps")
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lower_ in words:
            return True
    return False


def _attendance_only(ctx: ArticleContext, unit, order: float) -> list[Candidate]:
    found = attendance(ctx, unit, order)
    return [found] if found is not None else []


def _group_region(group: Group, refs: set[int], unit, trigger_ids: set[int]) -> set[int]:
    region: set[int] = set()
    own = {t.i for t, _ in group}
    for tok, _ in group:
        stop = (refs | trigger_ids) - own  # another meeting's words are its own
        region |= own_subtree(tok) if tok.i in refs else region_of(tok, stop)
        if is_noun(tok):
            region |= tail(tok, unit, trigger_ids)
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
            region |= shared_adjuncts(tok, stop)  # 'met in Vienna on Monday and signed …'
    return region


def _evidence(ctx: ArticleContext, unit, tokens: set[int], whole: bool):
    if whole:
        return ctx.span(unit.start_char, unit.end_char)
    first, last = unit.doc[min(tokens)], unit.doc[max(tokens)]
    return ctx.span(first.idx, last.idx + len(last.text))


def _candidates(ctx: ArticleContext, unit, group: Group, region: set[int],
                others: list[set[int]], order: int, n_groups: int, prev) -> list[Candidate]:
    """One group's meeting (or, for a list of separate meetings, one per counterpart); none
    when what the sentence says identifies no meeting."""
    head = min((t for t, _ in group), key=lambda t: (t.pos_ not in ("VERB", "AUX"), t.i))
    # several meetings in one sentence: each keeps the words about it
    cand = Candidate(evidence=_evidence(ctx, unit, region, n_groups == 1), order=order,
                     unit=unit.start_char)
    own_date, places = _read_setting(ctx, unit, group, region, others, head.idx, cand)
    items: list[set[int]] = []
    listed: set[int] = set()
    if is_separate(group, region, unit.doc):
        listed, items = counterpart_items(group, region)
    governors = _governors(group)
    triggers = {t.i for t, _ in group}
    read_actors(ctx, unit, region - listed, cand, triggers, places, governors)
    possessor_parties(ctx, unit, group, cand, places, governors)
    press_conference_parties(ctx, unit, group, cand, places)
    cand.party_ref = subject_reference(group)
    _resolve_reference(ctx, group, cand, own_date, prev)
    split = []
    for n, item in enumerate(items):
        one = replace(cand, actors=dict(cand.actors), evidence=_evidence(ctx, unit, item, False),
                      order=order + (n + 1) / 100, separate=True, mentions=[])
        read_actors(ctx, unit, item, one, triggers, places, governors)
        if len(one.actors) > len(cand.actors):
            one.explicit = True
            split.append(one)
    if len(split) >= 2:
        return split
    if items:
        read_actors(ctx, unit, listed, cand, triggers, places, governors)
    if not identifies_meeting(group, head, cand):
        # 'Iran and the US have held four rounds of talks': no meeting of its own, but the
        # parties of the rounds the next sentence numbers
        cand.context = head.tag_ in ("NNS", "NNPS") and len(cand.actors) >= 2
        return [cand] if cand.context else []
    cand.numbered = is_numbered(group)
    setting_before(ctx, prev, cand)
    return [cand, *numbered_series(ctx, unit, group, cand),
            *coordinated_dates(ctx, unit, region, cand)]


def _governors(group: Group) -> set[int]:
    """The verbs that say what happened at the meeting, and the ones whose subject is its
    party ('Zelensky, speaking after meeting Macron, said …': said)."""
    out = set()
    for t, _ in group:
        if is_noun(t) and refers_elsewhere(t):
            continue
        g = t if t.pos_ in ("VERB", "AUX") else governor(t)
        if g is None:
            continue
        if lemma_of(g).lower() in meeting_lexicon()["report_verbs"] and reported(g, [t]):
            continue  # 'the meeting was announced by Lavrov': Lavrov reports it
        out.add(g.i)
        out |= {d.head.i for d in implied_subjects(g)}
    return out


def _read_setting(ctx: ArticleContext, unit, group: Group, region: set[int],
                  others: list[set[int]], anchor: int, cand: Candidate) -> tuple[bool, list]:
    """Date, format, place, count and name from the region; whether the date came from the
    region itself, and the entities that name the place."""
    triggers = {t.i for t, _ in group}
    region_text = " ".join(unit.doc[i].text for i in sorted(region))
    cand.date, own_date = meeting_date(ctx, unit, region, [t for t, _ in group], others)
    if cand.date is None:
        cand.bound = report_bound(ctx, unit, [t for t, _ in group])
    cand.day_text = day_named(ctx, unit, region) if cand.date is None else None
    cand.day_named = cand.day_text is not None
    cand.format = virtual_format(region_text) or next(
        (f for _, p in group if (f := virtual_format(p))), None)
    cand.location, places = location(ctx, unit, region, anchor, triggers)
    if cand.format == "virtual":
        if cand.location is None:
            cand.location = Location(name=virtual_place(region_text), kind="virtual")
        else:
            cand.format = "hybrid"  # a place and a video link: some were in the room
    m = COUNT_RE.search(region_text)
    if m:
        cand.count = int(m.group(1))
    cand.name = meeting_name(ctx, unit, group, region)
    cand.kind = meeting_kind([p for _, p in group])
    talks = lexicon_words("plural_meetings")  # 'the talks' may be 'the negotiations'
    nouns = lexicon_re("meeting", "nouns")
    cand.words = {"talks" if t.lower_ in talks else lemma_of(t).lower()
                  for t, _ in group if is_noun(t)} | {  # 'the summit meeting': a summit
        c.lower_ for t, _ in group for c in t.children
        if c.dep_ == "compound" and nouns.fullmatch(c.text)}
    if cand.format is None and any(p in meeting_lexicon()["phone"] or p == "called"
                                   for _, p in group):
        cand.format = "virtual"  # 'Medinsky called Umerov': a call
        cand.location = cand.location or Location(name="phone call", kind="virtual")
    cand.day_part = day_part(cand.date)
    cand.place_country, cand.country_level = place_country(ctx, cand.location, places)
    lex = meeting_lexicon()
    # 'met X separately'; 'on the sidelines of the summit, A met B': a meeting of its own
    cand.separate = any(unit.doc[i].lower_ in lex["separate_words"] for i in region) or any(
        t.lower_ in lex["frame_words"] and t.head.i in region and not any(
            r.i == t.i for r, _ in group) for t in unit)
    cand.here = any(unit.doc[i].lower_ == "here" and unit.doc[i].dep_ == "advmod"
                    for i in region)
    return own_date, places


def _resolve_reference(ctx: ArticleContext, group: Group, cand: Candidate, own_date: bool,
                       prev) -> None:
    """'The meeting', 'it was hosted by': a mention of a meeting reported before keeps no
    date of its sentence's other clauses, and may take the one day the sentence before
    names."""
    ana = next((t for t, _ in group if is_anaphoric(t)), None)
    cand.anaphoric = ana is not None and not any(two_sides(t) for t, _ in group)
    place = cand.location is not None and cand.location.kind != "virtual"
    if cand.anaphoric and not own_date and not place:
        cand.date = None  # 'the meeting's statement … on 15 December': not its date
    if ana is not None and cand.date is None and not refers_elsewhere(ana) and \
            is_noun(ana) and ana.dep_ in ("nsubj", "nsubjpass"):
        # a sentence about 'the videoconference' right after one dating it
        cand.date = previous_day(ctx, prev)
