"""Who heads a side at the talks an article reports: 'X, head of the Russian delegation',
'chief negotiator Y', 'the US delegation is led by Z', 'A and B, who are leading the
negotiations'. Each represents their country at every round of those talks that has the
country as a party and no one else for it."""

from __future__ import annotations

from cowextract.extract.context import ArticleContext
from cowextract.extract.lexicon import lexicon_re
from cowextract.extract.meetings.common import Candidate, lexicon_words
from cowextract.extract.meetings.participants import country_of, participant
from cowextract.models import Actor
from cowextract.nlp.docs import span_ents, span_text
from cowextract.nlp.lemmas import lemma_of

Head = tuple[Actor, Actor | None]  # a person and the country they speak for


def _lemma_in(tok, key: str) -> bool:
    return lemma_of(tok).lower() in lexicon_words(key)


def _a_delegation(noun) -> bool:
    """'the delegation', 'the Ukrainian negotiating group'."""
    return _lemma_in(noun, "delegation_nouns") or any(
        c.dep_ in ("amod", "compound") and c.lower_ in lexicon_words("delegation_words")
        for c in noun.children)


def _of_delegation(noun) -> bool:
    """'head of the Russian delegation', 'leader of the Ukrainian negotiating group'."""
    return _lemma_in(noun, "head_nouns") and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and _a_delegation(g) for g in c.children)
        for c in noun.children)


def _described(noun) -> bool:
    """A noun that makes whoever it describes a delegation's head: 'head of the delegation',
    'chief negotiator'."""
    return _of_delegation(noun) or _lemma_in(noun, "negotiator_nouns")


def _heads_by_clause(root) -> bool:
    """'…, who is heading Kyiv's delegation', '…, who are leading the negotiations'."""
    return any(c.dep_ == "relcl" and _lemma_in(c, "head_verbs") and any(
        o.dep_ == "dobj" and (_lemma_in(o, "delegation_nouns") or
                              o.lower_ in lexicon_words("plural_meetings"))
        for o in c.children) for c in root.children)


def _after_description(ent) -> bool:
    """'the leader of the Ukrainian delegation, Defence Minister Rustem Umerov', where
    the parse lost the apposition: a comma, then the name with its titles."""
    doc = ent.doc
    i = ent.start - 1
    while i > 0 and doc[i].dep_ == "compound" and i < doc[i].head.i < ent.end:
        i -= 1
    if i < 1 or doc[i].text != ",":
        return False
    tok = doc[i - 1]
    for _ in range(4):
        if _described(tok):
            return True
        if tok.head.i == tok.i or tok.dep_ not in ("pobj", "prep", "compound", "amod"):
            return False
        tok = tok.head
    return False


def _heads(root) -> bool:
    if root.dep_ == "appos" and _described(root.head):
        return True  # 'chief negotiator Rustem Umerov'
    if any(c.dep_ in ("appos", "compound") and _described(c) for c in root.children):
        return True  # 'Vladimir Medinsky, head of the Russian delegation'
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else None
    if verb is not None and _lemma_in(verb, "head_verbs") and (any(
            c.dep_ == "nsubjpass" and _a_delegation(c) for c in verb.children) or (
            verb.dep_ == "acl" and _a_delegation(verb.head))):
        return True  # 'the US delegation is led by Steve Witkoff', 'a delegation headed by'
    group = [root, *(c for c in root.children if c.dep_ == "conj")]
    if root.dep_ == "conj":
        group.append(root.head)
    return any(_heads_by_clause(t) for t in group)


def mentions_delegations(text: str) -> bool:
    """Whether a text speaks of delegations or negotiators at all (most do not)."""
    return lexicon_re("meeting", "delegation_words").search(text) is not None


def delegation_heads(ctx: ArticleContext, unit) -> list[Head]:
    """The people a sentence names as heading a side's delegation or negotiating for it."""
    if lexicon_re("meeting", "delegation_words").search(span_text(unit)) is None:
        return []
    found: list[Head] = []
    for ent in span_ents(unit):
        if ent.label_ != "PERSON" or not (_heads(ent.root) or _after_description(ent)):
            continue
        actor = participant(ctx, ent.text, "PERSON", "participant")
        if actor is not None and actor.kind == "person":
            found.append((actor, country_of(ctx, actor)))
    return found


def _talks(m: Candidate) -> bool:
    """Talks, rounds, or officials who met (a meeting said by its verb alone)."""
    return m.kind == "meeting" and (not m.words or bool(m.words & lexicon_words("talks_words")))


def add_delegates(ctx: ArticleContext, events: list[Candidate], heads: list[Head]) -> None:
    """Each head joins the rounds of talks held with their country and no one else for it."""
    for person, country in heads:
        if country is None:
            continue
        for m in events:
            names = {a.name for a in m.actors.values()}
            if not _talks(m) or person.name in names or country.name not in names:
                continue
            spoken_for = {c.name for a in m.actors.values() if a.kind == "person"
                          if (c := country_of(ctx, a)) is not None}
            if country.name not in spoken_for:
                m.add_actor(person)
