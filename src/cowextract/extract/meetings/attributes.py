"""Reading a meeting's place, date, actors and kind from its region of a sentence."""

from __future__ import annotations

import re

from cowextract.extract import timex
from cowextract.extract.context import PRECISION_RANK, ArticleContext
from cowextract.extract.meetings.common import (
    Candidate,
    is_venue,
    meeting_lexicon,
    resolve_actor,
)
from cowextract.extract.meetings.regions import is_noun
from cowextract.models import DateValue, Location, Role
from cowextract.nlp.docs import span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import ACTOR_LABELS, DETERMINERS, PLACE_LABELS, PLACE_PREPS


def _place_rank(ent, triggers: set[int]) -> int | None:
    """How surely `ent` is where the meeting is (lower is surer), None when it is not:
    'in Paris', 'at the Élysée', a visit 'to France', 'the London summit', or a place in the
    trigger's parenthesis ('(4 November, Madrid)')."""
    root = ent.root
    prep = root.head if root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in PLACE_PREPS:
        return 0
    if prep is not None and prep.lower_ == "to" and lemma_of(prep.head).lower() in set(
            meeting_lexicon()["travel_words"]):
        return 0
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in PLACE_PREPS:
        return 0
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i in triggers:
        return 1
    if root.dep_ in ("appos", "conj", "npadvmod") and (ent.label_ in PLACE_LABELS
                                                       or is_venue(ent.text)):
        # '(3 September, NATO HQ, Brussels)': a place set beside the meeting's date
        t = root
        for _ in range(4):
            if t.head is t or t.dep_ not in ("appos", "conj", "npadvmod"):
                break
            t = t.head
            if t.ent_type_ == "DATE":
                return 2
    return None


def place_of(ent, triggers: set[int]) -> bool:
    return _place_rank(ent, triggers) is not None


def location(unit, region: set[int], anchor: int, triggers: set[int]) -> Location | None:
    found = []
    for ent in span_ents(unit):
        if ent.root.i not in region:
            continue
        is_place = ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and is_venue(ent.text))
        if not is_place or not place_of(ent, triggers):
            continue
        found.append(ent)
    if not found:
        return None
    found.sort(key=lambda e: (_place_rank(e, triggers), abs(e.start_char - anchor)))
    best = found[0]
    venue = next((e for e in found if is_venue(e.text)), None)
    if venue is not None:
        city = next((e for e in found if e is not venue and not is_venue(e.text)
                     and abs(e.start - venue.end) <= 2), None)
        name = f"{venue.text}, {city.text}" if city is not None and city.start > venue.start \
            else venue.text
        return Location(name=_strip_the(name), kind="venue")
    return Location(name=_strip_the(best.text), kind="city")


def _strip_the(name: str) -> str:
    return re.sub(r"^the\s+", "", name, flags=re.I)


def meeting_date(ctx: ArticleContext, unit, region: set[int], anchor: int,
          others: list[set[int]]) -> tuple[DateValue | None, bool]:
    """The most precise date in the region; else a day in the unit that no other meeting of
    the unit claims. The flag tells whether the date came from the region itself."""
    doc = unit.doc
    inside, free = [], []
    for t in ctx.timexes:
        if t.start < unit.start_char or t.end > unit.end_char or t.type != "DATE":
            continue
        if not t.value or not t.value[:4].isdigit():
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        idx = {tok.i for tok in span} if span is not None else set()
        d = timex.to_date_value(t)
        item = (PRECISION_RANK.get(d.precision or "", 5), abs(t.start - anchor), d)
        if idx & region:
            inside.append(item)
        elif not any(idx & o for o in others):
            free.append(item)
    free = [f for f in free if f[2].precision in ("day", "interval")]
    pool = inside or free
    if not pool:
        return None, False
    return min(pool, key=lambda x: (x[0], x[1]))[2], bool(inside)


def read_actors(ctx: ArticleContext, unit, region: set[int], cand: Candidate,
            triggers: set[int]) -> None:
    host_words = set(meeting_lexicon()["host_verbs"])
    sides = []
    for ent in span_ents(unit):
        if ent.label_ not in ACTOR_LABELS or ent.root.i not in region:
            continue
        if cand.location and ent.text in cand.location.name:
            continue
        if ent.label_ in PLACE_LABELS and place_of(ent, triggers):
            continue
        root = ent.root
        role: Role = "participant"
        if root.dep_ == "pobj" and root.head.dep_ == "agent" and \
                root.head.head.lower_ in host_words:
            role = "host"
        elif root.dep_ == "nsubj" and root.head.lower_ in host_words:
            role = "host"
        actor = resolve_actor(ctx, ent.text, ent.label_, role)
        if actor is None:
            continue
        cand.add_actor(actor)
        if any(unit.doc[i].lower_ == "between" and 0 < ent.start - i <= 6
               for i in region if i < ent.start):
            sides.append(actor.name)
    if len(sides) >= 2:
        cand.between = frozenset(sides)


def is_anaphoric(tok) -> bool:
    """'the meeting', 'this summit', 'it was hosted by': a mention of a meeting named before."""
    if is_noun(tok):
        return any(c.dep_ in ("det", "poss") and c.lower_ in DETERMINERS for c in tok.children)
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "this", "that")
               for c in tok.children)


def meaningful(ctx: ArticleContext, tok, phrase: str) -> bool:
    """Whether the trigger word is used as a meeting here (not 'ministerial statement',
    'welcomed the progress', 'joined the coalition')."""
    lex = meeting_lexicon()
    if (tok.dep_ == "amod" and tok.pos_ != "VERB") or (
            tok.pos_ == "ADJ" and tok.dep_ not in ("ROOT", "conj") and tok.head.pos_ == "NOUN"):
        return False
    if phrase in lex["person_object_verbs"]:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(o.ent_type_ in ("PERSON", "GPE", "NORP") for o in objs)
    return True


def previous_day(ctx: ArticleContext, prev) -> DateValue | None:
    """The one day the sentence before names, if it names exactly one: 'Leaders agreed on
    Tuesday … The videoconference was co-chaired by …'."""
    if prev is None:
        return None
    dated = [timex.to_date_value(t) for t in ctx.timexes
             if t.type == "DATE" and t.value and t.value[:4].isdigit()
             and prev.start_char <= t.start and t.end <= prev.end_char]
    days = [d for d in dated if d.precision == "day"]
    return days[0] if len({d.value for d in days}) == 1 else None
