"""Who pledges, as actors: the names in the agent's phrase (every country of a joint pledge),
the country of an office holder, the body a definite noun stands for ("the coalition"), the
referent of a pronoun, the office holder announcing a country's pledge, and the countries a
count of parties is spelt out as ("five countries …: A, B, C, D and E")."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, cast

from cowextract.extract.context import ArticleContext
from cowextract.extract.lexicon import phrase_re
from cowextract.extract.pledges.agents import subject
from cowextract.extract.pledges.common import lex
from cowextract.models import Actor, ActorKind
from cowextract.nlp.docs import doc_ents, ent_at, span_ents, span_text
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import ACTOR_LABELS, SUBJECT_PRONOUNS

ACTOR_KINDS = ("person", "country", "organization", "group")
LIST_LINE_TOKENS = 5  # a line of a list names one party in a few words
_OWN_COUNTRY = ("country", "nation", "government")


@dataclass
class Scope:
    """Where a pledging clause is read: its article, its unit, the unit before it (for a
    pronoun that names the last sentence's subject) and the bodies named so far."""

    ctx: ArticleContext
    unit: Any  # a spaCy Span
    prev: Any = None
    seen_orgs: list[Actor] = field(default_factory=list)
    spending: bool = False  # the article is about a share of GDP to spend ('the target')


def resolve_actor(ctx: ArticleContext, text: str, label: str | None) -> Actor | None:
    res = ctx.actors.resolve(text, label)
    if res is None or res.kind not in ACTOR_KINDS:
        return None
    if res.id is None and (label == "NORP" or res.kind == "group" or (
            text.split()[-1].lower() in lex()["party_nouns"])):
        return None  # 'European countries', 'European Allies': no particular actor
    return Actor(name=res.name, kind=cast(ActorKind, res.kind), role="pledger", mention=text,
                 id=res.id)


def country_of(ctx: ArticleContext, actor: Actor) -> Actor | None:
    """The country a person in the registry holds office for (on the article's date if
    known), or the country a state body (a ministry, a parliament) is part of."""
    registry = ctx.actors.registry
    country = registry.country_of(actor.id, ctx.article.published)
    if country is None and actor.kind == "organization" and actor.id:
        entry = registry.get(actor.id)
        parent = registry.get(entry.part_of) if entry and entry.part_of else None
        country = parent if parent is not None and parent.kind == "country" else None
    if country is None:
        return None
    return Actor(name=country.name, kind="country", role="pledger", mention=actor.mention,
                 id=country.id)


def _phrase_ents(word) -> list:
    """Entities inside the agent's phrase, leaving out relative clauses about something else
    ('the countries that are Russia's neighbours'), the exceptions ('with the exception
    of Hungary') and whom allies or partners are of ('Ukraine's allies')."""
    skip: set[int] = set()
    exceptions = set(lex()["exception_words"])
    relational = lemma_of(word).lower() in lex()["relational_nouns"]
    for t in word.subtree:
        if t.dep_ in ("relcl", "acl") and t.head.i != word.i or t.dep_ == "relcl":
            skip |= {x.i for x in t.subtree}
        elif relational and t.head.i == word.i and t.dep_ in ("poss", "prep"):
            skip |= {x.i for x in t.subtree}  # 'Ukraine's allies', 'allies of Kyiv'
        elif t.dep_ == "prep" and (t.lower_ in exceptions or t.head.lower_ in exceptions):
            skip |= {x.i for x in t.subtree}
    lo = min(t.i for t in word.subtree)
    hi = max(t.i for t in word.subtree)
    return [e for e in span_ents(word.doc[lo:hi + 1])
            if e.root.i not in skip and e.label_ in ACTOR_LABELS]


def _definite_body(word, seen_orgs: list[Actor]) -> Actor | None:
    """'the coalition', 'the alliance': the body of that kind named last before it in the
    article (an alliance is NATO, a bloc the EU, unless the name says otherwise)."""
    if word.pos_ not in ("NOUN", "PROPN") or word.lower_ not in lex()["body_nouns"]:
        return None
    referents = lex()["body_referents"].get(word.lower_, [])
    for org in reversed(seen_orgs):
        named = re.search(rf"\b{re.escape(word.lower_)}\b", org.name.lower())
        if (org.id or "").lower() in referents or named:
            return org.model_copy(update={"mention": word.text})
    return None


def _in_exception(ent) -> bool:
    """'with one exception in Hungary', 'apart from Orbán': named as the one who does not."""
    exceptions = set(lex()["exception_words"])
    t = ent.root
    for _ in range(3):
        if t.head is t:
            return False
        t = t.head
        if t.lower_ in exceptions:
            return True
    return False


def _previous_subject(scope: Scope) -> list[Actor]:
    """The actors the previous unit's main clause has as its subject ('All 27 EU leaders
    agreed … . They also pledged …')."""
    if scope.prev is None:
        return []
    root = scope.prev.root
    subj = subject(root)
    if subj is None or subj.lower_ in SUBJECT_PRONOUNS:
        return []
    return agent_actors(Scope(scope.ctx, scope.prev, None, scope.seen_orgs), subj)


def reporting_subject(word):
    """The subject of the verb reporting the clause a pronoun is in ('Several countries said
    they …', '"We will send troops," Starmer said'), when it is no pronoun itself."""
    t = word.head
    for _ in range(4):
        if t.dep_ == "ccomp" and lemma_of(t.head).lower() in lex()["reporting_verbs"]:
            subj = subject(t.head)
            return subj if subj is not None and subj.lower_ not in SUBJECT_PRONOUNS else None
        if t.head is t:
            break
        t = t.head
    return None


def _pronoun_referent(scope: Scope, word) -> list[Actor]:
    """'it would not deploy': the subject of the reporting verb ('they' in 'leaders … have said
    they are ready'), else the nearest actor named before it in the sentence, else (for a
    sentence-initial 'they'/'we') the subject of the sentence before."""
    pron = word.lower_
    subj = reporting_subject(word)
    if subj is not None:
        return agent_actors(scope, subj)
    person = pron in ("he", "she")
    for ent in reversed([e for e in span_ents(scope.unit) if e.end <= word.i]):
        if ent.label_ not in ACTOR_LABELS or _in_exception(ent):
            continue
        actor = resolve_actor(scope.ctx, ent.text, ent.label_)
        if actor is not None and (actor.kind == "person") == person:
            return [actor]
    if pron == "they":
        return _previous_subject(scope)
    return []


def _own_country(scope: Scope, word) -> list[Actor]:
    """'the country's contribution', announced by its minister: the country of the nearest
    office holder named before it in the sentence, else the nearest country named before."""
    if word.lower_ not in _OWN_COUNTRY or not any(
            c.dep_ == "det" and c.lower_ in ("the", "his", "her", "its") for c in word.children):
        return []
    before = [e for e in span_ents(scope.unit) if e.end <= word.i]
    for ent in reversed(before):
        if ent.label_ == "PERSON":
            person = resolve_actor(scope.ctx, ent.text, ent.label_)
            country = country_of(scope.ctx, person) if person else None
            if country is not None:
                return [country]
    for ent in reversed(before):  # 'The Defence Minister of Canada … the country's'
        actor = resolve_actor(scope.ctx, ent.text, ent.label_)
        if ent.label_ == "GPE" and actor is not None and actor.kind == "country":
            return [actor]
    return []


def _modifies_a_thing(ent) -> bool:
    """'Russian oil', 'American weapons': a nationality adjective of a thing names no party
    ('British troops', 'the French government' do)."""
    if ent.label_ != "NORP" or ent.root.dep_ != "amod":
        return False
    lx = lex()
    heads = {*lx["actor_heads"], *lx["party_nouns"], *lx["force_nouns"], *lx["body_nouns"]}
    head = ent.root.head
    return lemma_of(head).lower() not in heads and head.lower_ not in heads


def _listed_before(word) -> list:
    """'Poland, Norway, and Germany announced': the parties listed before a named subject
    that the parse hung elsewhere (a run of names and commas ending in 'and')."""
    doc = word.doc
    ent = ent_at(doc, word.i)
    ents = [ent] if ent is not None else []
    if not ents or ents[0].label_ not in ("GPE", "ORG"):
        return []
    out: list = []
    i = ents[0].start - 1
    seps = {",", "and"}
    joined = False
    while i >= 0 and doc[i].lower_ in seps:
        while i >= 0 and doc[i].lower_ in seps:
            joined = joined or (not out and doc[i].lower_ == "and")
            i -= 1
        prev = [e for e in doc_ents(doc) if e.end == i + 1 and e.label_ in ("GPE", "ORG")]
        if not prev:
            break
        out.append(prev[0])
        i = prev[0].start - 1
    return out if joined else []


def _leaders_council(scope: Scope, found: dict[str, Actor]) -> dict[str, Actor]:
    """'EU leaders agreed': the union's leaders meeting as its council (the European
    Council) pledge with the union."""
    registry = scope.ctx.actors.registry
    out = {}
    for actor in found.values():
        council = registry.get(lex()["leaders_councils"].get(actor.id or "", ""))
        if council is not None:
            out[council.name] = Actor(name=council.name, kind="organization", role="pledger",
                                      mention=actor.mention, id=council.id)
    return out


def _untagged_name(scope: Scope, word) -> Actor | None:
    """A proper-name subject the tagger missed ('on 30 April Estonia offered', read as part
    of the date): the name itself, when the registry knows it."""
    parts = [c for c in word.children if c.dep_ == "compound" and c.pos_ == "PROPN"
             and c.i < word.i and not c.ent_type_]
    text = " ".join(t.text for t in [*parts, word])
    actor = resolve_actor(scope.ctx, text, None)
    return actor if actor is not None and actor.id else None


def agent_actors(scope: Scope, word, exclude: AbstractSet[int] = frozenset()) -> list[Actor]:
    """The actors the agent word names: every named party of its phrase ('Poland, Norway and
    Germany'), with the country each office holder speaks for."""
    if word.lower_ in SUBJECT_PRONOUNS:
        return _pronoun_referent(scope, word)
    out: dict[str, Actor] = {}
    for ent in [*_listed_before(word), *_phrase_ents(word)]:
        if ent.root.i in exclude or _modifies_a_thing(ent):
            continue  # '26 countries ready to join the Ukraine force': not the agent
        actor = resolve_actor(scope.ctx, ent.text, ent.label_)
        if actor is None:
            continue
        country = country_of(scope.ctx, actor)
        if actor.kind == "person" or country is None:
            out.setdefault(actor.name, actor)  # a state body pledges as its country
        if country is not None:
            out.setdefault(country.name, country)
    if word.lower_ in lex()["leader_nouns"]:
        out.update(_leaders_council(scope, out))
    if not out and word.pos_ == "PROPN":
        actor = _untagged_name(scope, word)
        if actor is not None:
            out[actor.name] = actor
    metonym = lex()["agent_metonyms"].get(word.lower_)
    if not out and metonym:
        actor = resolve_actor(scope.ctx, metonym, "ORG")
        if actor is not None:
            out[actor.name] = actor.model_copy(update={"mention": word.text})
    if not out:
        for actor in [_definite_body(word, scope.seen_orgs), *_own_country(scope, word)]:
            if actor is not None:
                out[actor.name] = actor
    return list(out.values())


def spokesperson(scope: Scope, tok, actors: list[Actor]) -> list[Actor]:
    """'Meloni said Italy will not send troops': the office holder announcing her country's
    pledge is a pledger too."""
    countries = {a.name for a in actors if a.kind == "country"}
    if not countries:
        return []
    t = tok
    for _ in range(4):
        if t.dep_ == "ccomp" and lemma_of(t.head).lower() in lex()["reporting_verbs"]:
            subj = subject(t.head)
            if subj is None or not scope.unit.start <= subj.i < scope.unit.end:
                return []
            for ent in _phrase_ents(subj):
                if ent.label_ != "PERSON":
                    continue
                person = resolve_actor(scope.ctx, ent.text, ent.label_)
                if person is None:
                    continue
                country = country_of(scope.ctx, person)
                if country is not None and country.name in countries and person.name not in {
                        a.name for a in actors}:
                    return [person]
            return []
        if t.head is t:
            break
        t = t.head
    return []


def is_party_phrase(word) -> bool:
    """'26 nations', 'European countries', 'its members': parties the text does not name."""
    return lemma_of(word).lower() in lex()["party_nouns"] or word.lower_ in lex()["party_nouns"]


def _countries_in(scope: Scope, span) -> list[Actor]:
    out: dict[str, Actor] = {}
    for ent in span_ents(span):
        if ent.label_ in ("GPE", "ORG"):
            actor = resolve_actor(scope.ctx, ent.text, ent.label_)
            if actor is not None and actor.kind == "country":
                out.setdefault(actor.name, actor)
    return list(out.values())


def body_named_with(scope: Scope, agent) -> list[Actor]:
    """The body a count of parties belongs to, when the sentence has it as the subject of a
    clause before them ('the Coalition of the Willing met …, after which 26 nations
    pledged …'); not a force they join nor the army they pay for."""
    for ent in span_ents(scope.unit):
        if ent.end <= agent.i and ent.label_ == "ORG" and ent.root.dep_ in ("nsubj",
                                                                              "nsubjpass"):
            actor = resolve_actor(scope.ctx, ent.text, ent.label_)
            if actor is not None and actor.id and actor.kind == "organization":
                return [actor]
    return []


def _listed_lines(scope: Scope, following: list) -> list[Actor]:
    """Countries listed one per line after 'Among them are:' (short lines, each naming
    one)."""
    out: dict[str, Actor] = {}
    for line in following:
        found = _countries_in(scope, line)
        if len(line) > LIST_LINE_TOKENS or len(found) != 1:
            break
        out.setdefault(found[0].name, found[0])
    return list(out.values())


def spelt_out(scope: Scope, count: int, after: int, following: list) -> list[Actor]:
    """The countries a count of parties is spelt out as: a list opened by 'including' or
    'among them' right after the count (in the sentence, or as the lines below it), or the
    first list of exactly that many countries in the rest of the sentence or the next one."""
    unit = scope.unit
    rest = unit.doc[after:unit.end] if after < unit.end else None
    spans = ([rest] if rest is not None else []) + following[:1]
    openers = phrase_re(tuple(lex()["list_openers"]))
    for span in spans:
        found = _countries_in(scope, span)
        if not found:
            continue
        opened = openers.search(span_text(span)[:40]) is not None
        if len(found) == count or (opened and len(found) <= count):
            return found
    for k, span in enumerate(spans):  # '… 17 states have joined. Among them are:'
        text = span_text(span).rstrip()
        if text.endswith(":") and openers.search(text) is not None:
            return _listed_lines(scope, following[k:])[:count]
    return []
