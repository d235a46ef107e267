"""Where a meeting was held, read from its region of a sentence: a named place after 'in'
or 'at', the place a visit goes to, a venue ('at La Nuvola convention center', 'at the
Élysée'), a city named in the meeting's own name ('the London summit')."""

from __future__ import annotations

import re

from cowextract.extract.context import ArticleContext
from cowextract.extract.meetings.common import is_venue, meeting_lexicon
from cowextract.models import Location
from cowextract.nlp.docs import span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import PLACE_LABELS, PLACE_PREPS


def _travel_words() -> frozenset[str]:
    return frozenset(meeting_lexicon()["travel_words"])


def _place_slot(tok) -> int | None:
    """How surely a noun in this position is where something happened (0 surest): the
    object of 'in'/'at', of 'to' after a verb of travel, or of a visit."""
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in PLACE_PREPS:
            return 0
        if prep.lower_ == "to" and lemma_of(prep.head).lower() in _travel_words():
            return 0
        # a place named through a common noun: 'the city of Tianjin', 'the sultanate of Oman'
        if prep.lower_ == "of" and prep.head.lower_ in meeting_lexicon()["place_nouns"]:
            return _place_slot(prep.head)
    if tok.dep_ == "dobj" and lemma_of(tok.head).lower() == "visit":
        return 0
    return None


def _is_country_side(ctx: ArticleContext, ent) -> bool:
    """'the India–Russia summit', 'Iran-US talks': the countries of a meeting's name are its
    sides; a capital in it ('the London summit') is its place."""
    resolved = ctx.actors.resolve(ent.text, ent.label_)
    return resolved is not None and resolved.kind == "country" and resolved.via not in (
        "capital", "seat")


def place_rank(ctx: ArticleContext, ent, triggers: set[int]) -> int | None:
    """How surely `ent` is where the meeting is (lower is surer), None when it is not:
    'in Paris', 'at the Élysée', a visit 'to France', 'the London summit', or a place in the
    trigger's parenthesis ('(4 November, Madrid)')."""
    root = ent.root
    if root.dep_ == "poss":
        return None  # "in China's port city of Tianjin": the city is the place
    slot = _place_slot(root)
    if slot is not None:
        return slot
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in PLACE_PREPS:
        return 0
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i in triggers:
        return None if _is_country_side(ctx, ent) else 1
    if root.dep_ in ("appos", "conj", "npadvmod") and (ent.label_ in PLACE_LABELS
                                                       or is_venue(ent.text)):
        # '(3 September, NATO HQ, Brussels)': a place set beside the meeting's date
        t = root
        for _ in range(4):
            if t.head.i == t.i or t.dep_ not in ("appos", "conj", "npadvmod"):
                break
            t = t.head
            if t.ent_type_ == "DATE":
                return 2
    return None


def _is_country(ctx: ArticleContext, ent) -> bool:
    resolved = ctx.actors.resolve(ent.text, ent.label_)
    return resolved is not None and resolved.kind == "country" and resolved.via in (
        "name", "alias")


def _is_place_ent(ctx: ArticleContext, ent) -> bool:
    if ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and is_venue(ent.text)):
        return True
    # 'at the Élysée', 'in Reykjavik', whatever label the tagger gives them: a seat of
    # government, a capital
    resolved = ctx.actors.resolve(ent.text, None)
    return resolved is not None and resolved.via in ("seat", "capital")


def _venue_phrase(tok) -> str | None:
    """'La Nuvola convention center', 'a specially designated convention centre': a noun of
    a venue after 'at' or 'in', with the names and nouns compounded to it."""
    if tok.pos_ not in ("NOUN", "PROPN") or not is_venue(tok.text):
        return None
    if _place_slot(tok) != 0:
        return None
    words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if not words and tok.pos_ == "NOUN":
        return None  # 'at the office', 'in his residence': no place a reader could find
    start = min([w.left_edge.i for w in words] + [tok.i])
    return tok.doc[start:tok.i + 1].text


def location(ctx: ArticleContext, unit, region: set[int], anchor: int, triggers: set[int]
             ) -> tuple[Location | None, list]:
    """Where the meeting was, and the entities that say so."""
    found = []
    for ent in span_ents(unit):
        if ent.root.i not in region or not _is_place_ent(ctx, ent):
            continue
        rank = place_rank(ctx, ent, triggers)
        if rank is not None:
            found.append((rank, abs(ent.start_char - anchor), ent))
    venue_words = [(t, name) for i in sorted(region) if (name := _venue_phrase(t := unit.doc[i]))
                   and not any(e.start <= t.i < e.end for _, _, e in found)]
    if not found and not venue_words:
        return None, []
    # 'gathered in China … in Tianjin': the city says where, the country only roughly
    found.sort(key=lambda f: (f[0], _is_country(ctx, f[2]), f[1]))
    ents = [f[2] for f in found]
    venue = next((e for e in ents if is_venue(e.text) or _is_place_seat(ctx, e)), None)
    if venue is None and venue_words:
        tok, name = venue_words[0]
        city = next((e for e in ents if e.start > tok.i), None)
        full = f"{name}, {city.text}" if city is not None and city.start - tok.i <= 3 else name
        return Location(name=_strip_the(full), kind="venue"), ents
    if venue is not None:
        # 'the talks in Istanbul … were held at the Dolmabahçe Palace': the venue, and the
        # city it is in when the region names one
        city = next((e for e in ents if e is not venue and not is_venue(e.text)
                     and not _is_place_seat(ctx, e) and e.text not in venue.text), None)
        name = f"{venue.text}, {city.text}" if city is not None else venue.text
        return Location(name=_strip_the(name), kind="venue"), ents
    return Location(name=_strip_the(ents[0].text), kind="city"), ents


def _is_place_seat(ctx: ArticleContext, ent) -> bool:
    if ent.label_ in PLACE_LABELS:
        return False
    resolved = ctx.actors.resolve(ent.text, None)
    return resolved is not None and resolved.via == "seat"


def place_of(ctx: ArticleContext, ent, triggers: set[int]) -> bool:
    return place_rank(ctx, ent, triggers) is not None


def _strip_the(name: str) -> str:
    return re.sub(r"^the\s+", "", name, flags=re.I)


def place_country(ctx: ArticleContext, where: Location | None, places: list
                  ) -> tuple[str | None, bool]:
    """The country a meeting's place is, or is the capital of ('Muscat': Oman; 'the
    sultanate of Oman': Oman), and whether the place is that country itself; (None, False)
    for a city the registry does not place."""
    if where is None or where.kind == "virtual":
        return None, False
    for text in [where.name] + [e.text for e in places] + [e.root.text for e in places]:
        resolved = ctx.actors.resolve(text, "GPE")
        if resolved is not None and resolved.kind == "country" and resolved.via in (
                "name", "alias", "capital", "demonym", "seat"):
            return resolved.name, resolved.via not in ("capital", "seat")
    return None, False
