"""What every reader of meetings shares: the candidate they build, the trigger lexicon, and
how an actor, a format and a venue are recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cowextract.actors.registry import Entry
from cowextract.extract.context import ArticleContext
from cowextract.extract.lexicon import events_lexicon, has_phrase, lexicon_re
from cowextract.models import Actor, ActorKind, DateValue, Evidence, Format, Location, Role
from cowextract.nlp.docs import doc_ents

KIND: dict[str, ActorKind] = {"person": "person", "country": "country",
                              "organization": "organization", "group": "group"}
COUNT_RE = re.compile(r"\b(\d{1,3})\s+(?:countries|nations|states|leaders|delegations|"
                      r"participants|members|governments)\b", re.I)
_MEETING = events_lexicon()["meeting"]
VENUE_WORDS = tuple(_MEETING["venue_words"])
DATE_COLUMNS = tuple(_MEETING["date_columns"])
MEETING_COLUMNS = tuple(_MEETING["meeting_columns"])


@dataclass
class Candidate:
    evidence: Evidence
    date: DateValue | None = None
    bound: DateValue | None = None  # 'said on May 28 that he had called': held by then
    location: Location | None = None
    format: Format | None = None
    actors: dict[tuple[str, str], Actor] = field(default_factory=dict)
    count: int | None = None
    name: str | None = None
    mentions: list[Evidence] = field(default_factory=list)
    between: frozenset[str] = frozenset()  # the two sides of a bilateral meeting, if named
    separate: bool = False  # "met … separately": never merged on the date alone
    anaphoric: bool = False  # "the meeting", "it was hosted by": refers back
    explicit: bool = False  # "A spoke to B": a meeting verb with its parties
    day_named: bool = False  # "on Thursday", undated for want of a publication date
    day_text: str | None = None  # that day's words ("thursday"), to tell two such apart
    party_ref: str | None = None  # "he met …" ("one"), "the pair met …" ("all")
    subjects: list[Actor] = field(default_factory=list)  # the people who met, hosted, …
    here: bool = False  # "kicked off here": where the story is filed from
    day_part: str | None = None  # "morning": two meetings of one day told apart
    place_country: str | None = None  # the country its place is, or is the capital of
    country_level: bool = False  # its place is that country ('in Oman')
    kind: str = "meeting"  # or "call", "signing", "meal": told apart from a meeting that day
    kinds: set[str] = field(default_factory=set)  # the kinds of its mentions, merged
    words: set[str] = field(default_factory=set)  # its nouns ('summit'), for 'the summit'
    listed: bool = False  # a row of a table of meetings
    attendance: bool = False  # "X and Y took part": parties of the meeting reported before
    unit: int = -1  # where its sentence starts
    numbered: bool = False  # "the third round": one of a series
    context: bool = False  # "held four rounds of talks": no meeting, the series' parties
    alongside: Candidate | None = None  # "took place alongside X": the meeting at its time
    frame: bool = False  # X there: the occasion another meeting is held alongside
    order: float = 0

    def add_actor(self, actor: Actor) -> None:
        key = (actor.name.casefold(), actor.role)
        if actor.role == "participant" and (actor.name.casefold(), "host") in self.actors:
            return
        if actor.role == "host":
            self.actors.pop((actor.name.casefold(), "participant"), None)
        self.actors.setdefault(key, actor)


def meeting_lexicon() -> dict:
    return events_lexicon()["meeting"]


@cache
def lexicon_words(key: str) -> frozenset[str]:
    """One word list of the meeting lexicon as a set, built once."""
    return frozenset(meeting_lexicon()[key])


def _name_words(ctx: ArticleContext) -> dict[str, Entry | None]:
    """The first and the last word of each full name of a registry person the article
    writes, to the person (None for a word two of them share)."""
    words = ctx.memo.get("meeting_name_words")
    if words is None:
        words = {}
        for ent in doc_ents(ctx.doc):
            if ent.label_ != "PERSON" or len(ent) < 2:
                continue
            hit = ctx.actors.registry.exact(ent.text)
            if hit is None or hit[0].kind != "person":
                continue
            for word in (ent[0].text, ent[-1].text):
                known = words.setdefault(word, hit[0])
                if known is not None and known.id != hit[0].id:
                    words[word] = None
        ctx.memo["meeting_name_words"] = words
    return words


def resolve_actor(ctx: ArticleContext, text: str, label: str | None, role: Role) -> Actor | None:
    resolved = ctx.actors.resolve(text, label)
    if resolved is not None and resolved.via == "text" and label == "PERSON":
        # 'Lee' for 'Lee Jae Myung', wherever the article writes the full name: a family
        # name written first is no surname the registry indexes
        entry = _name_words(ctx).get(text.strip())
        if entry is not None:
            return Actor(name=entry.name, kind="person", role=role, mention=text, id=entry.id)
    if resolved is None or resolved.kind not in KIND:
        return None
    return Actor(name=resolved.name, kind=KIND[resolved.kind], role=role,
                 mention=text, id=resolved.id)


def virtual_format(text: str) -> Format | None:
    lex = meeting_lexicon()
    if has_phrase(text, lex["hybrid"]):
        return "hybrid"
    if has_phrase(text, lex["virtual"]):
        return "virtual"
    return None


def meeting_kind(phrases: list[str]) -> str:
    """What kind of meeting trigger phrases name: a call, a signing, a meal, a meeting."""
    lex = meeting_lexicon()
    for kind in ("signing", "call", "meal"):
        if any(p in lex[f"{kind}_words"] for p in phrases):
            return kind
    return "meeting"


def virtual_place(text: str) -> str:
    """The place name of a meeting held at a distance: a phone call, else 'virtual'."""
    return "phone call" if has_phrase(text, meeting_lexicon()["phone"]) else "virtual"


def is_venue(text: str) -> bool:
    return lexicon_re("meeting", "venue_words").search(text) is not None
