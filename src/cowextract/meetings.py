"""Meeting events: summits, meetings, talks, calls and visits, from sentences and from
tables of meetings; several mentions of one meeting in an article merge into one event."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import timex
from .context import ArticleContext
from .lexicon import events_lexicon, find_phrases, has_phrase
from .models import Actor, DateValue, Evidence, Location, Meeting
from .tables import Table, find_tables

ACTOR_LABELS = {"PERSON", "GPE", "ORG", "NORP"}
PLACE_LABELS = {"GPE", "FAC", "LOC"}
KIND = {"person": "person", "country": "country", "organization": "organization",
        "group": "group"}
HOST_RE = re.compile(r"\b(?:hosted|chaired|co-chaired|convened|organi[sz]ed)\s+by\s*$", re.I)
COUNT_RE = re.compile(r"\b(\d{1,3})\s+(?:countries|nations|states|leaders|delegations|"
                      r"participants|members)\b", re.I)
VENUE_WORDS = ("palace", "house", "headquarters", "hq", "hall", "castle", "centre", "center",
               "hotel", "office", "building", "base", "residence", "chancellery", "kremlin",
               "white house", "downing street", "élysée", "elysee", "lancaster")
DATE_COLUMNS = ("date",)
MEETING_COLUMNS = ("host", "chair", "location", "venue", "place", "participa", "attend",
                   "format", "count", "summit", "meeting")


@dataclass
class Candidate:
    evidence: Evidence
    date: DateValue | None = None
    location: Location | None = None
    format: str | None = None
    actors: dict[tuple[str, str], Actor] = field(default_factory=dict)
    count: int | None = None
    name: str | None = None
    mentions: list[Evidence] = field(default_factory=list)

    def add_actor(self, actor: Actor) -> None:
        key = (actor.name.casefold(), actor.role)
        if actor.role == "participant" and (actor.name.casefold(), "host") in self.actors:
            return
        self.actors.setdefault(key, actor)




def _resolve(ctx: ArticleContext, text: str, label: str | None, role: str) -> Actor | None:
    resolved = ctx.actors.resolve(text, label)
    if resolved is None:
        return None
    return Actor(name=resolved.name, kind=KIND.get(resolved.kind, "unknown"), role=role,
                 mention=text, id=resolved.id)


def _virtual(text: str) -> str | None:
    lex = events_lexicon()["meeting"]
    if has_phrase(text, lex["hybrid"]):
        return "hybrid"
    if has_phrase(text, lex["virtual"]):
        return "virtual"
    return None


def _location(sent, trigger_start: int) -> Location | None:
    """A place the sentence puts the meeting in: 'in Paris', 'at the Élysée Palace', or a
    place naming the meeting ('the London summit')."""
    best = None
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS and not (
                ent.label_ == "ORG" and any(w in ent.text.lower() for w in VENUE_WORDS)):
            continue
        head = ent.root.head
        prep = head.lower_ if head.dep_ == "prep" or head.pos_ == "ADP" else ""
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        compound = ent.root.dep_ == "compound" and ent.root.head.lower_ in (
            "summit", "talks", "meeting", "conference", "meetings", "summits")
        if prep in ("in", "at") or before in ("in", "at") or compound:
            distance = abs(ent.start_char - trigger_start)
            kind = "venue" if any(w in ent.text.lower() for w in VENUE_WORDS) else "city"
            if best is None or distance < best[0]:
                best = (distance, Location(name=ent.text, kind=kind))
    return best[1] if best else None


def _trigger(sent_text: str) -> re.Match | None:
    lex = events_lexicon()["meeting"]
    if has_phrase(sent_text, lex["not_meeting"]) and len(
            find_phrases(sent_text, lex["nouns"] + lex["verbs"])) <= 1:
        return None
    found = find_phrases(sent_text, lex["nouns"] + lex["verbs"])
    strong = [m for m in found if m.group(0).lower() not in lex["weak"]]
    return (strong or found or [None])[0]


def _from_sentence(ctx: ArticleContext, sent) -> Candidate | None:
    text = sent.text
    if "|" in text:
        return None
    trig = _trigger(text)
    if trig is None:
        return None
    weak = trig.group(0).lower() in events_lexicon()["meeting"]["weak"]
    anchor = sent.start_char + trig.start()
    cand = Candidate(evidence=ctx.span(sent.start_char, sent.end_char))
    cand.date = ctx.date_in(sent.start_char, sent.end_char, anchor)
    fmt = _virtual(text)
    cand.format = fmt
    cand.location = (Location(name="virtual", kind="virtual") if fmt == "virtual"
                     else _location(sent, anchor))
    for ent in sent.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        if cand.location and ent.text == cand.location.name:
            continue
        before = text[: ent.start_char - sent.start_char]
        role = "host" if HOST_RE.search(before) else "participant"
        after = text[ent.end_char - sent.start_char:][:20].lower()
        if re.match(r"\s+(?:hosted|chaired|co-chaired|convened)\b", after):
            role = "host"
        actor = _resolve(ctx, ent.text, ent.label_, role)
        if actor is not None:
            cand.add_actor(actor)
    m = COUNT_RE.search(text)
    if m:
        cand.count = int(m.group(1))
    for ent in sent.ents:
        if ent.label_ == "EVENT" and re.search(r"summit|conference|meeting|talks", ent.text, re.I):
            cand.name = ent.text
            break
    if cand.date is None and cand.location is None:
        return None
    if weak and (cand.date is None or not cand.actors):
        return None
    return cand


def _cell_kind(ctx: ArticleContext, cell: str, header: str) -> str:
    low, head = cell.lower(), header.lower()
    if not cell:
        return "empty"
    if any(w in head for w in ("count", "participating", "number")) and cell.isdigit():
        return "count"
    if _virtual(cell):
        return "virtual"
    if any(w in head for w in ("host", "chair", "leader", "attendance", "represented")):
        return "people"
    if any(w in head for w in ("location", "venue", "place", "city")):
        return "place"
    if cell.isdigit():
        return "count"
    parts = [p.strip() for p in re.split(r",| and ", cell) if p.strip()]
    people = [p for p in parts if (r := ctx.actors.resolve(p, "PERSON")) is not None
              and r.kind == "person" and r.id]
    if people and len(people) == len(parts):
        return "people"
    if any(w in low for w in VENUE_WORDS) or len(parts) <= 3:
        return "place"
    return "other"


def _is_meeting_table(table: Table) -> bool:
    head = " ".join(table.header).lower()
    return any(c in head for c in DATE_COLUMNS) and any(c in head for c in MEETING_COLUMNS)


def _from_table(ctx: ArticleContext, table: Table) -> list[Candidate]:
    published = ctx.article.published
    out = []
    for row in table.rows:
        cells = row.cells
        header = table.header_for(row)
        date_value, date_i = None, None
        for i, cell in enumerate(cells):
            norm = timex.normalize(cell, published) if cell and not cell.isdigit() else None
            if norm and norm[0] == "DATE" and norm[1] and norm[1][:4].isdigit():
                date_value = DateValue(value=norm[1], text=cell,
                                       precision=timex.precision_of(norm[1]), mod=norm[2])
                date_i = i
                break
        if date_value is None:
            continue
        cand = Candidate(evidence=ctx.span(row.start, row.end), date=date_value)
        for i, cell in enumerate(cells):
            if i == date_i or not cell:
                continue
            if i < date_i and cell.isdigit():
                continue  # a row number
            kind = _cell_kind(ctx, cell, header[i] if i < len(header) else "")
            if kind == "count":
                cand.count = cand.count or int(cell)
            elif kind == "virtual":
                cand.format = _virtual(cell)
                cand.location = cand.location or Location(name=cell, kind="virtual")
            elif kind == "people":
                role = "host" if not any(a.role == "host" for a in cand.actors.values()) \
                    else "participant"
                for part in re.split(r",| and ", cell):
                    actor = _resolve(ctx, part.strip(), "PERSON", role) if part.strip() else None
                    if actor:
                        cand.add_actor(actor)
            elif kind == "place" and cand.location is None:
                cand.location = Location(name=cell, kind="venue" if any(
                    w in cell.lower() for w in VENUE_WORDS) else "city")
        out.append(cand)
    return out


def _same(a: Candidate, b: Candidate) -> bool:
    if a.date and b.date and a.date.value and b.date.value:
        return a.date.value == b.date.value
    if a.location and b.location and (a.date is None or b.date is None):
        return a.location.name.casefold() == b.location.name.casefold()
    return False


def _merge(cands: list[Candidate]) -> list[Candidate]:
    merged: list[Candidate] = []
    for cand in cands:
        target = next((m for m in merged if _same(m, cand)), None)
        if target is None:
            merged.append(cand)
            continue
        target.mentions.append(cand.evidence)
        target.date = target.date or cand.date
        if target.location is None or (target.location.kind == "city" and cand.location
                                       and cand.location.kind == "venue"):
            target.location = cand.location or target.location
        target.format = target.format or cand.format
        target.count = target.count or cand.count
        target.name = target.name or cand.name
        for actor in cand.actors.values():
            target.add_actor(actor)
    return merged


def extract(ctx: ArticleContext) -> list[Meeting]:
    """Meetings reported in one article, one event per distinct meeting."""
    cands: list[Candidate] = []
    for table in find_tables(ctx.text):
        if _is_meeting_table(table):
            cands.extend(_from_table(ctx, table))
    for sent in ctx.doc.sents:
        cand = _from_sentence(ctx, sent)
        if cand is not None:
            cands.append(cand)
    events = []
    for c in _merge(cands):
        events.append(Meeting(
            article=ctx.article.ref(), date=c.date, location=c.location,
            actors=list(c.actors.values()), evidence=c.evidence, mentions=c.mentions,
            name=c.name, format=c.format or ("in_person" if c.location and
                                             c.location.kind != "virtual" else None),
            participant_count=c.count))
    return events
