"""Meeting events: summits, meetings, talks, calls and visits, from sentences and from
tables of meetings; several mentions of one meeting in an article merge into one event.

A sentence may report several meetings ("spoke to Trump by video conference following the
summit in Paris"), so each trigger word gets its own *region* of the dependency parse: the
trigger's subtree plus the adjuncts of the verb that governs it. Date, place, format and
actors are read from that region only, so a place or date belonging to another clause of the
sentence does not leak into the meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cowextract.extract import timex
from cowextract.extract.context import PRECISION_RANK, ArticleContext
from cowextract.extract.lexicon import events_lexicon, has_phrase, lexicon_re
from cowextract.extract.text_tables import Table, find_tables
from cowextract.models import Actor, DateValue, Evidence, Location, Meeting
from cowextract.nlp.docs import span_ents, span_text, units
from cowextract.nlp.lemmas import lemma_of

ACTOR_LABELS = {"PERSON", "GPE", "ORG", "NORP"}
PLACE_LABELS = {"GPE", "FAC", "LOC"}
KIND = {"person": "person", "country": "country", "organization": "organization",
        "group": "group"}
COUNT_RE = re.compile(r"\b(\d{1,3})\s+(?:countries|nations|states|leaders|delegations|"
                      r"participants|members|governments)\b", re.I)
VENUE_WORDS = ("palace", "house", "headquarters", "hq", "hall", "castle", "centre", "center",
               "hotel", "office", "building", "base", "residence", "chancellery", "kremlin",
               "white house", "downing street", "élysée", "elysee", "lancaster", "mansion")
DATE_COLUMNS = ("date",)
MEETING_COLUMNS = ("host", "chair", "location", "venue", "place", "participa", "attend",
                   "format", "count", "summit", "meeting")
# Dependencies that start another clause: its dates and places belong to other events.
CLAUSAL_DEPS = {"ccomp", "conj", "advcl", "relcl", "parataxis", "xcomp", "csubj", "acl", "pcomp"}
# Adjuncts of a governing verb that still describe the meeting its object or subject names.
ADJUNCT_DEPS = {"prep", "npadvmod", "advmod", "agent", "dobj", "dative", "obl", "nsubj",
                "nsubjpass", "tmod", "pobj"}
PLACE_PREPS = {"in", "at", "inside"}
DETERMINERS = {"the", "this", "that", "these", "those", "its", "their"}


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
    between: frozenset[str] = frozenset()  # the two sides of a bilateral meeting, if named
    separate: bool = False  # "met … separately": never merged on the date alone
    anaphoric: bool = False  # "the meeting", "it was hosted by": refers back
    explicit: bool = False  # "A spoke to B": a meeting verb with its parties
    order: int = 0

    def add_actor(self, actor: Actor) -> None:
        key = (actor.name.casefold(), actor.role)
        if actor.role == "participant" and (actor.name.casefold(), "host") in self.actors:
            return
        if actor.role == "host":
            self.actors.pop((actor.name.casefold(), "participant"), None)
        self.actors.setdefault(key, actor)


def _lex() -> dict:
    return events_lexicon()["meeting"]


def _resolve(ctx: ArticleContext, text: str, label: str | None, role: str) -> Actor | None:
    resolved = ctx.actors.resolve(text, label)
    if resolved is None or resolved.kind not in KIND:
        return None
    return Actor(name=resolved.name, kind=KIND[resolved.kind], role=role,
                 mention=text, id=resolved.id)


def _virtual(text: str) -> str | None:
    lex = _lex()
    if has_phrase(text, lex["hybrid"]):
        return "hybrid"
    if has_phrase(text, lex["virtual"]):
        return "virtual"
    return None


def _is_venue(text: str) -> bool:
    low = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in VENUE_WORDS)


# --- sentence units and triggers -------------------------------------------------------------

def _phrase_head(unit, start: int, end: int):
    """The token of a matched phrase that heads it in the parse (its head lies outside)."""
    span = unit.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _triggers(unit) -> list[tuple[object, str]]:
    """(head token, trigger phrase) for every meeting word in `unit`."""
    text = span_text(unit)
    found = list(lexicon_re("meeting", "nouns", "verbs").finditer(text))
    if not found:
        return []
    base = unit.start_char
    blocked = [(m.start(), m.end()) for m in lexicon_re("meeting", "not_meeting").finditer(text)]
    out = []
    seen = set()
    for m in found:
        if any(s <= m.start() < e for s, e in blocked):
            continue
        tok = _phrase_head(unit, base + m.start(), base + m.end())
        if tok is None or tok.i in seen:
            continue
        seen.add(tok.i)
        out.append((tok, m.group(0).lower()))
    return out


def _is_noun(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ not in ("amod",))


def _governor(tok):
    """The verb whose argument or adjunct the noun `tok` is (through one preposition)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    if head is tok or head.pos_ not in ("VERB", "AUX"):
        return None
    return head


def _region(tok, stop: set[int]) -> set[int]:
    """Token indices describing the meeting `tok` names: its own subtree (without clauses of
    their own), plus the adjuncts of its governing verb; subtrees rooted at `stop` (other,
    separate meetings) are left out."""
    def subtree(t) -> set[int]:
        out = {t.i}
        for child in t.children:
            if child.i not in stop and not _is_clause(child):
                out |= subtree(child)
        return out

    region = subtree(tok)
    if tok.pos_ in ("VERB", "AUX"):
        if tok.dep_ == "amod":  # a misparse ('X hosted leaders in London'): take the noun's
            region |= subtree(tok.head)
        return region
    verb = _governor(tok)
    if verb is not None:
        region.add(verb.i)
        for child in verb.children:
            if child.i in stop or child.i in region or child.dep_ not in ADJUNCT_DEPS:
                continue
            if any(t.i == tok.i for t in child.subtree):
                continue
            region |= subtree(child)
    return region


def _refers_elsewhere(tok) -> bool:
    """'following the summit', 'after the talks': the noun names another, earlier meeting."""
    ref = set(_lex()["reference_preps"])
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ in ref:
            return True
        if t.dep_ == "prep" and t.lower_ in ref:
            return True
        if t.head is t:
            break
        t = t.head
    return False


# --- reading attributes from a region --------------------------------------------------------

def _place_rank(ent, triggers: set[int]) -> int | None:
    """How surely `ent` is where the meeting is (lower is surer), None when it is not:
    'in Paris', 'at the Élysée', a visit 'to France', 'the London summit', or a place in the
    trigger's parenthesis ('(4 November, Madrid)')."""
    root = ent.root
    prep = root.head if root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in PLACE_PREPS:
        return 0
    if prep is not None and prep.lower_ == "to" and lemma_of(prep.head).lower() in set(
            _lex()["travel_words"]):
        return 0
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in PLACE_PREPS:
        return 0
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i in triggers:
        return 1
    if root.dep_ in ("appos", "conj", "npadvmod") and (ent.label_ in PLACE_LABELS
                                                       or _is_venue(ent.text)):
        # '(3 September, NATO HQ, Brussels)': a place set beside the meeting's date
        t = root
        for _ in range(4):
            if t.head is t or t.dep_ not in ("appos", "conj", "npadvmod"):
                break
            t = t.head
            if t.ent_type_ == "DATE":
                return 2
    return None


def _place_of(ent, triggers: set[int]) -> bool:
    return _place_rank(ent, triggers) is not None


def _location(unit, region: set[int], anchor: int, triggers: set[int]) -> Location | None:
    found = []
    for ent in span_ents(unit):
        if ent.root.i not in region:
            continue
        is_place = ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and _is_venue(ent.text))
        if not is_place or not _place_of(ent, triggers):
            continue
        found.append(ent)
    if not found:
        return None
    found.sort(key=lambda e: (_place_rank(e, triggers), abs(e.start_char - anchor)))
    best = found[0]
    venue = next((e for e in found if _is_venue(e.text)), None)
    if venue is not None:
        city = next((e for e in found if e is not venue and not _is_venue(e.text)
                     and abs(e.start - venue.end) <= 2), None)
        name = f"{venue.text}, {city.text}" if city is not None and city.start > venue.start \
            else venue.text
        return Location(name=_strip_the(name), kind="venue")
    return Location(name=_strip_the(best.text), kind="city")


def _strip_the(name: str) -> str:
    return re.sub(r"^the\s+", "", name, flags=re.I)


def _date(ctx: ArticleContext, unit, region: set[int], anchor: int,
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


def _actors(ctx: ArticleContext, unit, region: set[int], cand: Candidate,
            triggers: set[int]) -> None:
    host_words = set(_lex()["host_verbs"])
    sides = []
    for ent in span_ents(unit):
        if ent.label_ not in ACTOR_LABELS or ent.root.i not in region:
            continue
        if cand.location and ent.text in cand.location.name:
            continue
        if ent.label_ in PLACE_LABELS and _place_of(ent, triggers):
            continue
        root = ent.root
        role = "participant"
        if root.dep_ == "pobj" and root.head.dep_ == "agent" and \
                root.head.head.lower_ in host_words:
            role = "host"
        elif root.dep_ == "nsubj" and root.head.lower_ in host_words:
            role = "host"
        actor = _resolve(ctx, ent.text, ent.label_, role)
        if actor is None:
            continue
        cand.add_actor(actor)
        if any(unit.doc[i].lower_ == "between" and 0 < ent.start - i <= 6
               for i in region if i < ent.start):
            sides.append(actor.name)
    if len(sides) >= 2:
        cand.between = frozenset(sides)


def _is_anaphoric(tok) -> bool:
    """'the meeting', 'this summit', 'it was hosted by': a mention of a meeting named before."""
    if _is_noun(tok):
        return any(c.dep_ in ("det", "poss") and c.lower_ in DETERMINERS for c in tok.children)
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "this", "that")
               for c in tok.children)


def _meaningful(ctx: ArticleContext, tok, phrase: str) -> bool:
    """Whether the trigger word is used as a meeting here (not 'ministerial statement',
    'welcomed the progress', 'joined the coalition')."""
    lex = _lex()
    if (tok.dep_ == "amod" and tok.pos_ != "VERB") or (
            tok.pos_ == "ADJ" and tok.dep_ not in ("ROOT", "conj") and tok.head.pos_ == "NOUN"):
        return False
    if phrase in lex["person_object_verbs"]:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(o.ent_type_ in ("PERSON", "GPE", "NORP") for o in objs)
    return True


def _is_clause(tok) -> bool:
    """A dependent that opens a clause of its own (coordinated nouns do not)."""
    if tok.dep_ == "conj":
        return tok.pos_ in ("VERB", "AUX")
    return tok.dep_ in CLAUSAL_DEPS


def _own_subtree(tok) -> set[int]:
    out = {tok.i}
    for child in tok.children:
        if not _is_clause(child):
            out |= _own_subtree(child)
    return out


def _tail(tok, unit, trigger_ids: set[int], limit: int = 12) -> set[int]:
    """Words right after a meeting noun's phrase, up to the next verb: where a misparsed
    'a meeting between A and B at the White House on 28 February' keeps its place and date."""
    out: set[int] = set()
    i = max(_own_subtree(tok)) + 1
    while i < unit.end and len(out) < limit:
        t = unit.doc[i]
        if t.pos_ in ("VERB", "AUX") or t.i in trigger_ids or t.text in ".;:!?«»\"“”()":
            break
        out.add(i)
        i += 1
    return out


def _group(trigs: list, refs: set[int]) -> list[list]:
    """Triggers naming one meeting: one inside the other's own phrase ('gathered … for a
    meeting', 'the gathering of a meeting'); a referenced meeting stays on its own."""
    own = {t.i: _own_subtree(t) for t, _ in trigs}
    groups: list[list] = []
    for tok, phrase in sorted(trigs, key=lambda x: x[0].i):
        target = None
        if tok.i not in refs:
            for g in groups:
                if g[0][0].i in refs:
                    continue
                if any(tok.i in own[o.i] or o.i in own[tok.i] for o, _ in g):
                    target = g
                    break
        if target is None:
            groups.append([(tok, phrase)])
        else:
            target.append((tok, phrase))
    return groups


def _previous_day(ctx: ArticleContext, prev) -> DateValue | None:
    """The one day the sentence before names, if it names exactly one: 'Leaders agreed on
    Tuesday … The videoconference was co-chaired by …'."""
    if prev is None:
        return None
    days = [t for t in ctx.timexes if t.type == "DATE" and t.value and t.value[:4].isdigit()
            and prev.start_char <= t.start and t.end <= prev.end_char]
    days = [timex.to_date_value(t) for t in days]
    days = [d for d in days if d.precision == "day"]
    return days[0] if len({d.value for d in days}) == 1 else None


def _from_unit(ctx: ArticleContext, unit, order: int, prev=None) -> list[Candidate]:
    if "|" in span_text(unit):
        return []
    lex = _lex()
    trigs = [(t, p) for t, p in _triggers(unit) if _meaningful(ctx, t, p)]
    trig_ids = {t.i for t, _ in trigs}
    # 'summit meetings': the modifier is part of the head's mention
    trigs = [(t, p) for t, p in trigs if not (t.dep_ == "compound" and t.head.i in trig_ids)]
    if not trigs:
        return []
    refs = {t.i for t, _ in trigs if _is_noun(t) and _refers_elsewhere(t)}
    groups = _group(trigs, refs)
    group_regions = []
    for group in groups:
        region: set[int] = set()
        for tok, _ in group:
            stop = {r for r in refs if r != tok.i}
            region |= _own_subtree(tok) if tok.i in refs else _region(tok, stop)
            if _is_noun(tok):
                region |= _tail(tok, unit, {t.i for t, _ in trigs})
        group_regions.append(region)
    out = []
    for gi, group in enumerate(groups):
        region = group_regions[gi]
        others = [r for j, r in enumerate(group_regions) if j != gi]
        phrases = [p for _, p in group]
        weak = all(p in lex["weak"] for p in phrases)
        head = min((t for t, _ in group), key=lambda t: (t.pos_ not in ("VERB", "AUX"), t.i))
        plural = head.tag_ in ("NNS", "NNPS")
        anchor = head.idx
        triggers = {t.i for t, _ in group}
        region_text = " ".join(unit.doc[i].text for i in sorted(region))
        if len(groups) == 1:
            evidence = ctx.span(unit.start_char, unit.end_char)
        else:  # several meetings in one sentence: each keeps the words about it
            first, last = unit.doc[min(region)], unit.doc[max(region)]
            evidence = ctx.span(first.idx, last.idx + len(last.text))
        cand = Candidate(evidence=evidence, order=order + gi)
        cand.date, own_date = _date(ctx, unit, region, anchor, others)
        cand.format = _virtual(region_text) or next(
            (f for p in phrases if (f := _virtual(p))), None)
        cand.location = _location(unit, region, anchor, triggers)
        if cand.format == "virtual":
            if cand.location is None:
                cand.location = Location(name="virtual", kind="virtual")
            else:
                cand.format = "hybrid"  # a place and a video link: some were in the room
        _actors(ctx, unit, region, cand, triggers)
        m = COUNT_RE.search(region_text)
        if m:
            cand.count = int(m.group(1))
        for ent in span_ents(unit):
            if ent.label_ == "EVENT" and ent.root.i in region and re.search(
                    r"summit|conference|meeting|talks|forum", ent.text, re.I):
                cand.name = ent.text
                break
        cand.separate = any(unit.doc[i].lower_ in lex["separate_words"] for i in region)
        ana = next((t for t, _ in group if _is_anaphoric(t)), None)
        cand.anaphoric = ana is not None
        place = cand.location is not None and cand.location.kind != "virtual"
        if cand.anaphoric and not own_date and not place:
            cand.date = None  # 'the meeting's statement … on 15 December': not its date
        if ana is not None and cand.date is None and not _refers_elsewhere(ana) and \
                _is_noun(ana) and ana.dep_ in ("nsubj", "nsubjpass"):
            # a sentence about 'the videoconference' right after one dating it
            cand.date = _previous_day(ctx, prev)
            own_date = cand.date is not None
        precise = cand.date is not None and cand.date.precision in ("day", "interval")
        if weak and not (precise and (cand.actors or place)):
            continue
        if plural and not (precise or place):
            continue
        cand.explicit = any(t.pos_ in ("VERB", "AUX") for t, _ in group) and len(
            {a.name for a in cand.actors.values()}) >= 2
        if not (precise or place or cand.explicit
                or (cand.anaphoric and cand.date is None)
                or (cand.date is not None and cand.date.precision in ("week", "month"))):
            continue  # a year, or nothing at all, identifies no meeting
        out.append(cand)
    return out


# --- tables ----------------------------------------------------------------------------------

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
        cand = Candidate(evidence=ctx.span(row.start, row.end), date=date_value,
                         order=row.start)
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
                cand.location = cand.location or Location(
                    name="virtual" if cand.format == "virtual" else cell, kind="virtual")
            elif kind == "people":
                label = (header[i] if i < len(header) else "").lower()
                # Only a host or chair column names hosts; attendance columns name guests.
                hosting = any(w in label for w in ("host", "chair")) or not label.strip(" #")
                role = "host" if hosting and not any(
                    a.role == "host" for a in cand.actors.values()) else "participant"
                for part in re.split(r",| and ", cell):
                    actor = _resolve(ctx, part.strip(), "PERSON", role) if part.strip() else None
                    if actor:
                        cand.add_actor(actor)
            elif kind == "place" and cand.location is None:
                cand.location = Location(name=cell, kind="venue" if _is_venue(cell) else "city")
        out.append(cand)
    return out


# --- merging mentions ------------------------------------------------------------------------

def _place_words(loc: Location | None) -> set[str]:
    if loc is None:
        return set()
    return {w for w in re.findall(r"\w+", loc.name.casefold()) if len(w) > 2}


def _places_agree(a: Location | None, b: Location | None) -> bool:
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
    return _places_agree(a.location, b.location)


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


def _merge(cands: list[Candidate]) -> list[Candidate]:
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


def extract(ctx: ArticleContext) -> list[Meeting]:
    """Meetings reported in one article, one event per distinct meeting."""
    cands: list[Candidate] = []
    for table in find_tables(ctx.text):
        if _is_meeting_table(table):
            cands.extend(_from_table(ctx, table))
    prev = None
    for unit in units(ctx.doc):
        cands.extend(_from_unit(ctx, unit, unit.start_char, prev))
        prev = unit
    events = []
    for c in _merge(cands):
        fmt = c.format
        if fmt is None and c.location is not None and c.location.kind != "virtual":
            fmt = "in_person"
        events.append(Meeting(
            article=ctx.article.ref(), date=c.date, location=c.location,
            actors=list(c.actors.values()), evidence=c.evidence, mentions=c.mentions,
            name=c.name, format=fmt, participant_count=c.count))
    return events
