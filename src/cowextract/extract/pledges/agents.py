"""Who pledges: the word naming the agent of a pledging clause in the dependency parse.

The agent is the subject of the clause ("Italy will not send troops"), the owner of a
commitment noun ("Trump's commitment to …"), the subject of the verb a commitment noun is
the object of ("Sweden reaffirmed its commitment"), of the verb 'act as guarantor' hangs
from, or of the verb a complement hangs from ("ready to send", "in talks to buy")."""

from __future__ import annotations

from cowextract.extract.pledges.common import lex
from cowextract.nlp.docs import span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import ACTOR_LABELS, RELATIVE_PRONOUNS


def subject(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "expl"):
            return c
    return None


def _is_pronoun(word) -> bool:
    return word.pos_ == "PRON" or word.lower_ in lex()["possessive_pronouns"]


def _noun_agent(t, holders: set[str], permissive: set[str]):
    """The owner of a commitment noun, or the subject of the verb it is the object of."""
    poss = next((c for c in t.children if c.dep_ == "poss"), None)
    if poss is not None and not _is_pronoun(poss):
        return poss
    head = t.head
    if t.dep_ in ("dobj", "pobj", "conj") and head.dep_ in ("prep", "dobj"):
        head = head.head  # 'renewed their pledge', 'with a package', 'a loan and a grant'
    if head.pos_ in ("VERB", "AUX") and lemma_of(head).lower() in holders:
        return subject(head) or _agent_of_verb(head, permissive) or poss
    return poss


def _role_agent(t, permissive: set[str]):
    """'act as guarantors', 'would be the guarantor': the subject of that verb."""
    head = t.head
    if t.dep_ == "pobj" and head.lower_ == "as":
        head = head.head
    elif t.dep_ not in ("attr", "oprd"):
        return None
    if lemma_of(head).lower() not in lex()["role_verbs"]:
        return None
    return _agent_of_verb(head, permissive)


def agent_of(tok, kind: str):
    """The word naming who commits, climbing from the trigger through complements
    ('ready to send', 'pledged to deploy', 'plans to deploy'); None when the clause has no
    committing agent (a passive, a noun modifier, an idea someone merely 'considered')."""
    lx = lex()
    permissive = set(lx["permissive"])
    holders = set(lx["holder_verbs"])
    t = tok
    if kind in ("noun", "buynoun"):
        return _noun_agent(t, holders, permissive)
    if kind == "role":
        return _role_agent(t, permissive)
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
    prev_dep = ""
    t = verb
    for step in range(6):
        # the 'by' phrase of a participle: of the trigger ('deliveries funded by Canada') or
        # of what a purpose clause hangs from ('steps taken by Germany to deliver')
        by = next((c for c in t.children if c.dep_ == "agent"), None) \
            if step == 0 or t.tag_ == "VBN" and prev_dep == "advcl" else None
        if by is not None or any(c.dep_ == "nsubjpass" for c in t.children):
            # a passive, or a participle ('deliveries funded by Canada'): the 'by' phrase
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
        prev_dep = t.dep_
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
    lx = lex()
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
    if infinitive and dep == "acl" and t.i > head.i and head.dep_ == "dobj" and \
            lemma_of(head.head).lower() in lx["vehicle_verbs"]:
        return head.head  # 'would lead a coalition to provide guarantees'
    if infinitive and dep == "advcl" and (lemma_of(head).lower() in lx["vehicle_verbs"] or (
            head.tag_ == "VBN" and any(c.dep_ == "agent" for c in head.children))):
        return head  # 'set up a force to deploy', 'steps taken by Germany to deliver'
    if dep in ("xcomp", "advcl") and lemma_of(head).lower() in permissive:
        return head
    if dep == "acl" and head.pos_ == "NOUN":
        taken = next((c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"
                      and any(g.dep_ == "agent" for g in c.children)), None)
        if taken is not None:
            return taken  # 'the steps taken by Germany to deliver': Germany's
    talks = lemma_of(head).lower() in lx["talks_nouns"] or head.lower_ in lx["talks_nouns"]
    if dep == "acl" and (lemma_of(head).lower() in permissive or talks):
        # 'plans to deploy': the plans' holder ('the coalition has drafted plans'); 'was in
        # talks to buy': the one in the talks
        talks = talks and head.dep_ == "pobj"
        gov = head.head.head if talks else head.head
        return gov if gov.pos_ in ("VERB", "AUX") else None
    if dep == "acomp" or (dep == "xcomp" and head.pos_ == "ADJ"):
        return head
    return None
