"""Who pledges: the agent of a pledging clause in the dependency parse, resolved to actors
(with the country of an office holder, the body a definite noun stands for, the referent of
a pronoun, and the office holder announcing a country's pledge)."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import cast

from cowextract.extract.context import ArticleContext
from cowextract.extract.pledges.common import lex
from cowextract.models import Actor, ActorKind
from cowextract.nlp.docs import doc_ents, span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import ACTOR_LABELS, RELATIVE_PRONOUNS, SUBJECT_PRONOUNS

ACTOR_KINDS = ("person", "country", "organization", "group")


def subject(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "expl"):
            return c
    return None


def agent_of(tok, kind: str):
    """The word naming who commits, climbing from the trigger through complements
    ('ready to send', 'pledged to deploy', 'plans to deploy'); None when the clause has no
    committing agent (a passive, a noun modifier, an idea someone merely 'considered')."""
    lx = lex()
    permissive = set(lx["permissive"])
    holders = set(lx["holder_verbs"])
    t = tok
    if kind == "noun":
        poss = next((c for c in t.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        head = t.head
        if t.dep_ in ("dobj", "pobj") and head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX") and lemma_of(head).lower() in holders:
            return subject(head) or _agent_of_verb(head, permissive)
        return None
    if kind == "ready":
        head = t.head if t.dep_ in ("acomp", "amod", "dobj", "attr") else t
        if t.pos_ == "NOUN":  # 'expressed readiness to'
            if head.pos_ in ("VERB", "AUX") and lemma_of(head).lower() in holders:
                return subject(head)
            poss = next((c for c in t.children if c.dep_ == "poss"), None)
            return poss
        if t.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
            return head  # 'countries ready to send troops'
        return subject(head) or _agent_of_verb(head, permissive)
    return _agent_of_verb(t, permissive)


def nearest_actor_before(tok, unit):
    """When the parse runs across a line break: the last named actor before the trigger."""
    ents = [e for e in span_ents(unit) if e.end <= tok.i and e.label_ in ACTOR_LABELS]
    if not ents:
        return None
    last = ents[-1]
    between = tok.doc[last.end:tok.i]
    if len(between) > 3 or any(t.pos_ not in ("ADV", "AUX", "PART") for t in between):
        return None
    return last.root


def _agent_of_verb(verb, permissive: set[str]):
    """Who does what `verb` says: its subject, the agent of a passive, or that of the verb it
    hangs from (a conjunct, a participle, 'plans to deploy', 'ready to send')."""
    t = verb
    for _ in range(6):
        if any(c.dep_ == "nsubjpass" for c in t.children):
            by = next((c for c in t.children if c.dep_ == "agent"), None)
            return next(iter(c for c in by.children if c.dep_ == "pobj"), None) if by else None
        subj = subject(t)
        if subj is not None:
            if subj.lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                return t.head  # 'countries, which have pledged'
            return subj
        if t.head is t:
            return None
        if t.dep_ == "relcl" and t.i > t.head.i:
            return t.head
        t = _climb(t, permissive)
        if t is None:
            return None
    return None


def _climb(t, permissive: set[str]):
    """The verb or adjective whose subject `t` shares, or None when it shares none."""
    dep, head = t.dep_, t.head
    if dep == "conj":
        return head
    if dep == "pcomp" and head.head is not head:
        return head.head  # 'by pledging readiness'
    if dep == "advcl" and t.tag_ == "VBG":
        return head  # 'going further … by pledging': a participle shares the subject
    vehicles = lex()["vehicle_verbs"]
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
    if infinitive and dep == "acl" and t.i > head.i and head.dep_ == "dobj" and \
            lemma_of(head.head).lower() in vehicles:
        return head.head  # 'would lead a coalition to provide guarantees'
    if infinitive and dep == "advcl" and lemma_of(head).lower() in vehicles:
        return head
    if dep in ("xcomp", "advcl") and lemma_of(head).lower() in permissive:
        return head
    if dep == "acl" and lemma_of(head).lower() in permissive:
        # 'plans to deploy': the plans' holder ('the coalition has drafted plans')
        return head.head if head.head.pos_ in ("VERB", "AUX") else None
    if dep == "acomp" or (dep == "xcomp" and head.pos_ == "ADJ"):
        return head
    return None


def _phrase_ents(ctx: ArticleContext, word) -> list:
    """Entities inside the agent's phrase, leaving out relative clauses about something else
    ('the countries that are Russia's neighbours')."""
    skip: set[int] = set()
    for t in word.subtree:
        if t.dep_ in ("relcl", "acl") and t.head.i != word.i or t.dep_ == "relcl":
            skip |= {x.i for x in t.subtree}
    lo = min(t.i for t in word.subtree)
    hi = max(t.i for t in word.subtree)
    return [e for e in doc_ents(word.doc) if e.start >= lo and e.end <= hi + 1
            and e.root.i not in skip and e.label_ in ACTOR_LABELS]


def resolve_actor(ctx: ArticleContext, text: str, label: str | None) -> Actor | None:
    res = ctx.actors.resolve(text, label)
    if res is None or res.kind not in ACTOR_KINDS:
        return None
    if res.id is None and label == "NORP":
        return None  # 'European countries': no particular actor
    return Actor(name=res.name, kind=cast(ActorKind, res.kind), role="pledger", mention=text,
                 id=res.id)


def _country_of(ctx: ArticleContext, actor: Actor) -> Actor | None:
    """The country a person in the registry holds office for (on the article's date if
    known)."""
    country = ctx.actors.registry.country_of(actor.id, ctx.article.published)
    if country is None:
        return None
    return Actor(name=country.name, kind="country", role="pledger", mention=actor.mention,
                 id=country.id)


def _definite_body(ctx: ArticleContext, word, seen_orgs: list[Actor]) -> Actor | None:
    """'the coalition', 'the alliance': the body of that kind named earlier in the article."""
    if word.pos_ not in ("NOUN", "PROPN") or word.lower_ not in lex()["body_nouns"]:
        return None
    for org in reversed(seen_orgs):
        if re.search(rf"\b{re.escape(word.lower_)}\b", org.name.lower()):
            return org.model_copy(update={"mention": word.text})
    return None


def _pronoun_referent(ctx: ArticleContext, word, unit, seen_orgs) -> list[Actor]:
    """'it would not deploy': the subject of the reporting verb ('they' in 'leaders … have said
    they are ready'), else the nearest actor named before it in the sentence."""
    t = word.head
    for _ in range(4):
        if t.dep_ == "ccomp" and lemma_of(t.head).lower() in lex()["reporting_verbs"]:
            subj = subject(t.head)
            if subj is not None and subj.lower_ not in SUBJECT_PRONOUNS:
                return agent_actors(ctx, subj, unit, seen_orgs)
        if t.head is t:
            break
        t = t.head
    person = word.lower_ in ("he", "she")
    for ent in reversed([e for e in span_ents(unit) if e.end <= word.i]):
        if ent.label_ not in ACTOR_LABELS:
            continue
        actor = resolve_actor(ctx, ent.text, ent.label_)
        if actor is not None and (actor.kind == "person") == person:
            return [actor]
    return []


def agent_actors(ctx: ArticleContext, word, unit, seen_orgs,
                  exclude: AbstractSet[int] = frozenset()) -> list[Actor]:
    if word.lower_ in SUBJECT_PRONOUNS:
        return _pronoun_referent(ctx, word, unit, seen_orgs)
    out: dict[str, Actor] = {}
    for ent in _phrase_ents(ctx, word):
        if ent.root.i in exclude:
            continue  # '26 countries ready to join the Ukraine force': not the agent
        actor = resolve_actor(ctx, ent.text, ent.label_)
        if actor is None:
            continue
        out.setdefault(actor.name, actor)
        country = _country_of(ctx, actor)
        if country is not None:
            out.setdefault(country.name, country)
    if not out:
        body = _definite_body(ctx, word, seen_orgs)
        if body is not None:
            out[body.name] = body
    return list(out.values())


def spokesperson(ctx: ArticleContext, tok, unit, actors: list[Actor]) -> list[Actor]:
    """'Meloni said Italy will not send troops': the office holder announcing her country's
    pledge is a pledger too."""
    countries = {a.name for a in actors if a.kind == "country"}
    if not countries:
        return []
    t = tok
    for _ in range(4):
        if t.dep_ == "ccomp" and lemma_of(t.head).lower() in lex()["reporting_verbs"]:
            subj = subject(t.head)
            if subj is None or not unit.start <= subj.i < unit.end:
                return []
            for ent in _phrase_ents(ctx, subj):
                if ent.label_ != "PERSON":
                    continue
                person = resolve_actor(ctx, ent.text, ent.label_)
                if person is None:
                    continue
                country = _country_of(ctx, person)
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
