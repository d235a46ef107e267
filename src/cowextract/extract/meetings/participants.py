"""Who took part in a meeting: the actors named in its region of the sentence, less the
places, the sources a report cites and the words that only describe the participants
("European leaders"), plus the country each official represents."""

from __future__ import annotations

from cowextract.extract.context import ArticleContext
from cowextract.extract.lexicon import lexicon_re
from cowextract.extract.meetings.common import (
    Candidate,
    is_venue,
    lexicon_words,
    resolve_actor,
)
from cowextract.extract.meetings.regions import governor
from cowextract.models import Actor, Role
from cowextract.nlp.docs import span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import ACTOR_LABELS, PLACE_LABELS


def is_source(ent, governors: set[int]) -> bool:
    """A mention that cites where the report comes from ('according to the BBC', '(AP)',
    'Reuters reported'), not a party to the meeting. The speaker of a verb that governs the
    meeting ('X said in a meeting with Y') is a party."""
    doc = ent.doc
    if ent.label_ == "ORG" and ent.start > 0 and doc[ent.start - 1].text == "(" and \
            ent.end < len(doc) and doc[ent.end].text == ")":
        return True  # '(AP)'; not 'Ulf Kristersson (Sweden)'

    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if root.dep_ in ("nsubj", "agent", "pobj") and head.i not in governors:
        verb = head.head if root.dep_ == "pobj" and head.lower_ == "by" else head
        return verb.i not in governors and lemma_of(verb).lower() in lexicon_words("report_verbs")
    return False


def _is_topic(ent) -> bool:
    """'talks on Ukraine', 'a summit about Gaza', 'Kyiv's allies met': what a meeting is
    about, or whose friends met, not who met."""
    root = ent.root
    if root.dep_ == "poss" and (root.head.lower_ in lexicon_words("relation_nouns") or (
            ent.label_ == "PERSON" and (root.head.ent_type_ == "PERSON" or (
                root.head.pos_ == "NOUN" and not lexicon_re("meeting", "nouns").fullmatch(
                    root.head.text))))):
        return True  # "Kyiv's allies", "Trump's envoy Steve Witkoff", not "Xi's meeting"
    return root.dep_ == "pobj" and root.head.lower_ in lexicon_words("topic_preps") and \
        ent.label_ in ("GPE", "LOC", "NORP")


def is_place_part(ent, places: list) -> bool:
    """'Switzerland' in 'Geneva, Switzerland', 'the State Guest House': a place, no party."""
    if ent.label_ in ("ORG", "FAC") and is_venue(ent.text):
        return True
    if any(p.start <= ent.start and ent.end <= p.end for p in places):
        return True
    if ent.label_ in ("NORP", "GPE") and ent.root.dep_ in ("amod", "poss", "compound") and \
            ent.root.head.lower_ in lexicon_words("place_nouns"):
        return True  # 'the Chinese city of Tianjin', 'in Oman's capital'
    if ent.label_ not in PLACE_LABELS:
        return False
    root = ent.root
    return root.dep_ in ("appos", "conj", "npadvmod") and any(
        p.start <= root.head.i < p.end for p in places)


def participant(ctx: ArticleContext, text: str, label: str | None, role: Role) -> Actor | None:
    """The actor a mention names, when it can be a party to a meeting: a person, a country,
    or a body the registry knows. Unknown bodies and groups ('Nordic', 'the Army', a
    summit's own name) describe a meeting or its participants rather than name one."""
    actor = resolve_actor(ctx, text, label, role)
    if actor is None:
        return None
    if actor.kind in ("organization", "group") and actor.id is None:
        return None
    return actor


def read_actors(ctx: ArticleContext, unit, region: set[int], cand: Candidate,
                triggers: set[int], places: list, governors: set[int]) -> None:
    """The parties named in the region; `places` are the entities read as its place."""
    host_words = lexicon_words("host_verbs")
    sides = []
    for ent in span_ents(unit):
        if ent.label_ not in ACTOR_LABELS or ent.root.i not in region:
            continue
        if any(ent is p or (p.start <= ent.start and ent.end <= p.end) for p in places):
            continue
        if is_place_part(ent, places) or is_source(ent, governors) or _is_topic(ent):
            continue
        root = ent.root
        role: Role = "participant"
        if root.dep_ == "pobj" and root.head.dep_ == "agent" and \
                root.head.head.lower_ in host_words:
            role = "host"
        elif root.dep_ == "nsubj" and root.head.lower_ in host_words:
            role = "host"
        actor = participant(ctx, ent.text, ent.label_, role)
        if actor is None:
            continue
        add_party(ctx, cand, actor)
        head = root
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # 'President Xi' in 'President Xi Jinping held …'
        if actor.kind == "person" and (head.dep_ in ("nsubj", "nsubjpass") or (
                head.dep_ in ("conj", "appos") and head.head.dep_ == "nsubj")):
            cand.subjects.append(actor)
        if any(unit.doc[i].lower_ == "between" and (unit.doc[i].head.i in triggers or (
                i - 1) in triggers) and 0 < ent.start - i <= 6 for i in region if i < ent.start):
            sides.append(actor.name)
    if len(sides) >= 2:
        cand.between = frozenset(sides)


def country_of(ctx: ArticleContext, actor: Actor) -> Actor | None:
    """The country an official takes part for: the country of the office they hold on the
    article's date (with no date, of their latest office)."""
    entry = ctx.actors.registry.get(actor.id) if actor.kind == "person" and actor.id else None
    if entry is None or not entry.offices:
        return None
    on = ctx.article.published
    offices = [o for o in entry.offices if o.active(on)] if on else [entry.offices[0]]
    for office in offices:
        country = ctx.actors.registry.get(office.of) if office.of else None
        if country is not None and country.kind == "country":
            return Actor(name=country.name, kind="country", role="participant",
                         mention=actor.mention, id=country.id)
    return None


def add_party(ctx: ArticleContext, cand: Candidate, actor: Actor) -> None:
    """Add a party to a meeting, and the country an official among them represents."""
    cand.add_actor(actor)
    country = country_of(ctx, actor)
    if country is not None:
        cand.add_actor(country)


def _subject(verb):
    """The subject of a verb, or of the verb it completes ('is set to meet')."""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return subj
        verb = verb.head
    return None


_PARTY_LABELS = ("PERSON", "GPE", "NORP", "ORG")


def _names_party(tok) -> bool:
    return any(t.ent_type_ in _PARTY_LABELS for t in tok.subtree)


def _with_counterpart(tok) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" and _names_party(c) for c in tok.children)


def subject_reference(group) -> str | None:
    """Whether the meeting's subject refers back to parties named before: 'he met …',
    'separate meetings with X were …' (one of them, "one"), 'the pair met …', 'the two
    leaders signed …' ("two"), 'both sides signed' ("sides"), 'they met' ("all")."""
    for tok, _ in group:
        verb = tok if tok.pos_ in ("VERB", "AUX") else governor(tok)
        subj = _subject(verb) if verb is not None else None
        agent = next((c for c in verb.children if c.dep_ == "agent"), None) if verb else None
        if subj is None or (agent is not None and not _names_party(agent)):
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent \
                else subj  # 'signed by both parties'
        if subj is None:
            if verb is None and tok.pos_ not in ("VERB", "AUX") and _with_counterpart(tok):
                return "one"  # 'ties were on the agenda in separate meetings with X'
            continue
        if subj.lower_ in ("he", "she") or (  # 'the minister also met …'
                subj.lower_ in lexicon_words("title_subjects") and not subj.ent_type_
                and any(c.lower_ == "the" for c in subj.children)):
            return "one"
        if subj.lower_ == "they":
            return "all"
        words = {c.lower_ for c in subj.children}
        if subj.lower_ in lexicon_words("side_subjects") and (words & {"the", "two", "both"}):
            return "sides"  # 'signed by both parties', 'the two countries agreed'
        if subj.lower_ in lexicon_words("group_subjects") and (words & {"the", "two", "both"}):
            return "two"
        if _with_counterpart(tok) and not _names_party(subj) and tok.pos_ not in (
                "VERB", "AUX"):
            return "one"  # 'bilateral ties were on the agenda in separate meetings with X'
    return None


def _clause_subject(tok):
    """The subject of the nearest clause above `tok` that does not contain it: 'during
    their talks, Lee and Ishiba discussed …, an adviser said': Lee and Ishiba."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            return None
        t = t.head
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and t.pos_ in ("VERB", "AUX") and tok.i not in {
                s.i for s in subj.subtree}:
            return subj
    return None


def possessor_parties(ctx: ArticleContext, unit, group, cand: Candidate,
                      places: list, governors: set[int]) -> None:
    """'his meeting with Xi', 'as their consultations continue': the people the sentence is
    about, named as its subject."""
    owners = [c for t, _ in group for c in t.children
              if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")]
    if not owners:
        return
    subj = _clause_subject(owners[0].head)
    if subj is None:
        return
    people = Candidate(evidence=cand.evidence)
    read_actors(ctx, unit, {t.i for t in subj.subtree}, people, set(), places,
                governors | {subj.head.i})
    persons = [a for a in people.actors.values() if a.kind == "person"]
    for actor in persons if owners[0].lower_ == "their" else persons[:1]:
        add_party(ctx, cand, actor)


def _press_event(noun) -> bool:
    return noun.pos_ in ("NOUN", "PROPN") and lexicon_re("meeting", "press_events").search(
        " ".join(t.text for t in noun.subtree if t.i <= noun.i)) is not None


def press_conference_parties(ctx: ArticleContext, unit, group, cand: Candidate,
                             places: list) -> None:
    """'The summit will open at 11.50, followed by a press conference by A and B': who speaks
    to the press after a meeting took part in it."""
    for tok, _ in group:
        verb = tok if tok.pos_ in ("VERB", "AUX") else governor(tok)
        if verb is None:
            continue
        for clause in verb.children:
            if clause.dep_ not in ("advcl", "conj") or lemma_of(clause).lower() != "follow":
                continue
            nouns = [g for a in clause.children if a.dep_ == "agent"
                     for g in a.children if g.dep_ == "pobj" and _press_event(g)]
            for noun in nouns:
                speakers = {t.i for p in noun.children if p.dep_ == "prep" and
                            p.lower_ == "by" for t in p.subtree}
                read_actors(ctx, unit, speakers, cand, set(), places, {noun.i})
