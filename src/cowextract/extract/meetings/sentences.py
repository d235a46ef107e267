"""Meetings in one sentence unit: each group of trigger words is one meeting, read from its
own region of the parse."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cowextract.extract.context import ArticleContext
from cowextract.extract.meetings.attributes import (
    is_anaphoric,
    location,
    meaningful,
    meeting_date,
    previous_day,
    read_actors,
)
from cowextract.extract.meetings.common import COUNT_RE, Candidate, meeting_lexicon, virtual_format
from cowextract.extract.meetings.regions import (
    find_triggers,
    group_triggers,
    is_noun,
    own_subtree,
    refers_elsewhere,
    region_of,
    tail,
)
from cowextract.models import Location
from cowextract.nlp.docs import span_ents, span_text

if TYPE_CHECKING:
    from spacy.tokens import Token

Group = list[tuple["Token", str]]  # (trigger token, trigger phrase) naming one meeting


def from_unit(ctx: ArticleContext, unit, order: int, prev=None) -> list[Candidate]:
    """The meetings one sentence unit reports (`prev`: the unit before it)."""
    if "|" in span_text(unit):
        return []
    trigs = [(t, p) for t, p in find_triggers(unit) if meaningful(ctx, t, p)]
    trig_ids = {t.i for t, _ in trigs}
    # 'summit meetings': the modifier is part of the head's mention
    trigs = [(t, p) for t, p in trigs if not (t.dep_ == "compound" and t.head.i in trig_ids)]
    if not trigs:
        return []
    refs = {t.i for t, _ in trigs if is_noun(t) and refers_elsewhere(t)}
    groups = group_triggers(trigs, refs)
    regions = [_group_region(group, refs, unit, {t.i for t, _ in trigs}) for group in groups]
    out = []
    for gi, group in enumerate(groups):
        others = [r for j, r in enumerate(regions) if j != gi]
        cand = _candidate(ctx, unit, group, regions[gi], others, order + gi, len(groups), prev)
        if cand is not None:
            out.append(cand)
    return out


def _group_region(group: Group, refs: set[int], unit, trigger_ids: set[int]) -> set[int]:
    region: set[int] = set()
    for tok, _ in group:
        stop = {r for r in refs if r != tok.i}
        region |= own_subtree(tok) if tok.i in refs else region_of(tok, stop)
        if is_noun(tok):
            region |= tail(tok, unit, trigger_ids)
    return region


def _candidate(ctx: ArticleContext, unit, group: Group, region: set[int],
               others: list[set[int]], order: int, n_groups: int, prev) -> Candidate | None:
    """One group's meeting, or None when what the sentence says identifies none."""
    head = min((t for t, _ in group), key=lambda t: (t.pos_ not in ("VERB", "AUX"), t.i))
    if n_groups == 1:
        evidence = ctx.span(unit.start_char, unit.end_char)
    else:  # several meetings in one sentence: each keeps the words about it
        first, last = unit.doc[min(region)], unit.doc[max(region)]
        evidence = ctx.span(first.idx, last.idx + len(last.text))
    cand = Candidate(evidence=evidence, order=order)
    own_date = _read_attributes(ctx, unit, group, region, others, head.idx, cand)
    _resolve_reference(ctx, group, cand, own_date, prev)
    return cand if _identifies_meeting(group, head, cand) else None


def _read_attributes(ctx: ArticleContext, unit, group: Group, region: set[int],
                     others: list[set[int]], anchor: int, cand: Candidate) -> bool:
    """Date, format, place, actors, count and name from the region; whether the date came
    from the region itself."""
    triggers = {t.i for t, _ in group}
    region_text = " ".join(unit.doc[i].text for i in sorted(region))
    cand.date, own_date = meeting_date(ctx, unit, region, anchor, others)
    cand.format = virtual_format(region_text) or next(
        (f for _, p in group if (f := virtual_format(p))), None)
    cand.location = location(unit, region, anchor, triggers)
    if cand.format == "virtual":
        if cand.location is None:
            cand.location = Location(name="virtual", kind="virtual")
        else:
            cand.format = "hybrid"  # a place and a video link: some were in the room
    read_actors(ctx, unit, region, cand, triggers)
    m = COUNT_RE.search(region_text)
    if m:
        cand.count = int(m.group(1))
    for ent in span_ents(unit):
        if ent.label_ == "EVENT" and ent.root.i in region and re.search(
                r"summit|conference|meeting|talks|forum", ent.text, re.I):
            cand.name = ent.text
            break
    separate = meeting_lexicon()["separate_words"]
    cand.separate = any(unit.doc[i].lower_ in separate for i in region)
    return own_date


def _resolve_reference(ctx: ArticleContext, group: Group, cand: Candidate, own_date: bool,
                       prev) -> None:
    """'The meeting', 'it was hosted by': a mention of a meeting reported before keeps no
    date of its sentence's other clauses, and may take the one day the sentence before
    names."""
    ana = next((t for t, _ in group if is_anaphoric(t)), None)
    cand.anaphoric = ana is not None
    place = cand.location is not None and cand.location.kind != "virtual"
    if cand.anaphoric and not own_date and not place:
        cand.date = None  # 'the meeting's statement … on 15 December': not its date
    if ana is not None and cand.date is None and not refers_elsewhere(ana) and \
            is_noun(ana) and ana.dep_ in ("nsubj", "nsubjpass"):
        # a sentence about 'the videoconference' right after one dating it
        cand.date = previous_day(ctx, prev)


def _identifies_meeting(group: Group, head, cand: Candidate) -> bool:
    """Whether what was read pins down one meeting: a day, a place, two parties to a
    meeting verb, a reference back, or a week or month."""
    place = cand.location is not None and cand.location.kind != "virtual"
    precise = cand.date is not None and cand.date.precision in ("day", "interval")
    weak = all(p in meeting_lexicon()["weak"] for _, p in group)
    if weak and not (precise and (cand.actors or place)):
        return False
    if head.tag_ in ("NNS", "NNPS") and not (precise or place):
        return False
    cand.explicit = any(t.pos_ in ("VERB", "AUX") for t, _ in group) and len(
        {a.name for a in cand.actors.values()}) >= 2
    # a year, or nothing at all, identifies no meeting
    return (precise or place or cand.explicit
            or (cand.anaphoric and cand.date is None)
            or (cand.date is not None and cand.date.precision in ("week", "month")))
