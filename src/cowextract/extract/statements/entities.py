"""Named entities and noun phrases as speaker resolution reads them: the entity at a token
(widened over name particles), news-outlet names, who issued a document, a description
without its determiner."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from cowextract.nlp.docs import doc_text, ent_at
from cowextract.resources import data, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from cowextract.extract.statements.cues import Cues
    from cowextract.models import ActorKind

# What each list and label set is for: the "_doc" of data/statements.json.
LEADING_DROP = words("statements.json", "leading_drop")
NAME_PARTICLES = words("statements.json", "name_particles")
_LABELS = data("statements.json")["entity_labels"]
SPEAKER_LABELS = frozenset(_LABELS["speaker"])
AGENT_LABELS = frozenset(_LABELS["agent"])
NAMED_LABELS = frozenset(_LABELS["named"])
BYLINE_LABELS = frozenset(_LABELS["byline"])
LABEL_KINDS: dict[str, str] = data("statements.json")["label_kinds"]
_ACTOR_KINDS: dict[str, ActorKind] = {"person": "person", "country": "country",
                                      "organization": "organization", "group": "group"}


def issuer_of(head: Token) -> Token | None:
    """Who issued a document noun: a possessor, a name before it, or 'from/by/of' someone
    (the head token of that name); None when the phrase names nobody."""
    for c in head.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod") or (
                c.dep_ == "prep" and c.lower_ in ("from", "by", "of")):
            for t in c.subtree:
                if t.ent_type_ in SPEAKER_LABELS or (
                        c.dep_ == "poss" and t.pos_ == "PRON"):
                    return t
            if c.dep_ == "prep":  # "a statement from his office": the office
                for obj in c.children:
                    if obj.dep_ == "pobj" and any(g.dep_ == "poss" and g.pos_ == "PRON"
                                                  for g in obj.children):
                        return obj
    return None


@lru_cache(maxsize=4)
def _media_names_re(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the names, as a whole word: most phrases name no outlet, and one search says
    so where a search per name took a fifth of statement extraction."""
    alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


def media_spans(doc: Doc, start: int, end: int, cues: Cues) -> list[Span]:
    """Token spans inside `start:end` that name a news outlet (`media_names`, whole words)."""
    out: list[Span] = []
    if start >= end:
        return out
    span = doc[start:end]
    text = doc_text(doc)[span.start_char:span.end_char]
    if not _media_names_re(cues.media_names).search(text):
        return out
    for name in cues.media_names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            sub = doc.char_span(span.start_char + m.start(), span.start_char + m.end(),
                                alignment_mode="expand")
            if sub is not None:
                out.append(sub)
    return out


def outlet_name(text: str, cues: Cues) -> str:
    """The name an outlet goes by ("FT": "Financial Times"), as `media_canonical` gives it."""
    return cues.media_canonical.get(text, text)


def ent_of(tok: Token) -> Span | None:
    """The entity `tok` is part of, if any."""
    if not tok.ent_type_:
        return None
    return ent_at(tok.doc, tok.i)


def person_ent(tok: Token) -> Span | None:
    """The PERSON entity at `tok`, widened over adjacent proper nouns and name particles
    ("Ursula von der Leyen" when the tagger splits it)."""
    ent = ent_of(tok)
    doc = tok.doc
    if ent is None or ent.label_ != "PERSON":
        if tok.pos_ != "PROPN":
            return None
        nb = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
        near = next((ent_of(t) for t in nb if t.ent_type_ == "PERSON"), None)
        if near is None:
            return None
        start, end = min(near.start, tok.i), max(near.end, tok.i + 1)
        if ent is not None and ent.label_ != "PERSON" and (ent.start < start or ent.end > end):
            return None
        return _widen(doc, start, end)
    return _widen(doc, ent.start, ent.end, ent)


def _widen(doc: Doc, start: int, end: int, ent: Span | None = None) -> Span:
    # "Sayyid Badr bin Hamad Albusaidi" as two entities, the second from a particle: one name
    if start > 0 and doc[start].lower_ in NAME_PARTICLES:
        while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start - 1].is_title:
            start -= 1
    first_end = end
    while end < len(doc) and (doc[end].lower_ in NAME_PARTICLES or (
            doc[end].pos_ == "PROPN" and doc[end].is_title and (
                not doc[end].ent_type_ or doc[end - 1].head.i == end))):
        end += 1
    while end > first_end and doc[end - 1].lower_ in NAME_PARTICLES:
        end -= 1
    if ent is not None and (start, end) == (ent.start, ent.end):
        return ent
    return doc[start:end]


def ent_text(tok: Token) -> str:
    """The text of the entity `tok` is part of, else of `tok`."""
    ent = ent_of(tok)
    return ent.text if ent is not None else tok.text


def strip_det(span: Span) -> str:
    """The text of a description without leading determiners, quantities and punctuation
    ("a German official": "German official", "all 27 EU leaders": "EU leaders")."""
    toks = [t for t in span]
    while toks and (toks[0].lower_ in LEADING_DROP or toks[0].is_punct or toks[0].tag_ == "CD"):
        toks = toks[1:]
    if not toks:
        return ""
    return span.doc[toks[0].i:toks[-1].i + 1].text


def actor_kind(kind: str | None, label: str | None) -> ActorKind:
    """`kind` when it is an actor kind, else the kind the entity label stands for, else
    "unknown"."""
    return _ACTOR_KINDS.get(kind or "") or _ACTOR_KINDS.get(LABEL_KINDS.get(label or "", ""),
                                                            "unknown")
