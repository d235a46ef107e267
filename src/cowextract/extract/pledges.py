"""Pledge events: commitments and refusals to contribute troops, money, equipment, training,
air or maritime forces, guarantees or sanctions, with who, how much and on what condition.

A pledge needs a *pledging clause*: a commitment word (pledge, offer, send, ready to …) whose
agent the dependency parse can find: the subject of that clause ("Italy will not send troops"),
the owner of a commitment noun ("Trump's commitment to …"), or a count of parties ("26 nations
have pledged …"). The clause must not be a question, a hypothesis ("if France sent troops"),
or someone else's idea reported as a mere possibility ("officials considered deploying")."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from cowextract.extract.amounts import ParsedAmount, find_counts, find_money
from cowextract.extract.context import ArticleContext
from cowextract.extract.lexicon import events_lexicon, find_phrases, lexicon_re
from cowextract.models import (
    Actor,
    ActorKind,
    Amount,
    DateValue,
    Evidence,
    Pledge,
    Polarity,
    What,
)
from cowextract.nlp.docs import doc_ents, doc_text, span_ents, span_text, units
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import ACTOR_LABELS, RELATIVE_PRONOUNS, SUBJECT_PRONOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

ACTOR_KINDS = ("person", "country", "organization", "group")
CONDITION_RE = re.compile(
    r"\b(?:once|if|unless|provided(?: that)?|as soon as|in the event (?:of|that)|after|"
    r"should|when|conditional on|subject to|until)\b[^.;:,«»“”\"]{3,120}", re.IGNORECASE)


def _lex() -> dict:
    return events_lexicon()["pledge"]


@dataclass
class Found:
    """One pledging clause before merging."""

    actors: list[Actor]
    polarity: Polarity
    what: What
    amount: ParsedAmount | None
    condition: str | None
    evidence: Evidence
    date: DateValue | None = None
    mentions: list[Evidence] = field(default_factory=list)


# --- triggers and agents ---------------------------------------------------------------------

_TRIGGER_KEYS = {"refuse": "refuse_verbs", "verb": "commit_verbs", "ready": "ready_words",
                 "noun": "commit_nouns"}


def _trigger_tokens(unit) -> list[tuple[Token, str]]:
    """(token, kind) for every commitment word of the unit: kind is verb, ready, noun or
    refuse."""
    text = span_text(unit)
    # Most sentences hold none of the words: one scan for all four lists tells.
    if lexicon_re("pledge", *_TRIGGER_KEYS.values()).search(text) is None:
        return []
    out = []
    seen = set()
    for kind, key in _TRIGGER_KEYS.items():
        for m in lexicon_re("pledge", key).finditer(text):
            span = unit.doc.char_span(unit.start_char + m.start(), unit.start_char + m.end(),
                                      alignment_mode="expand")
            if span is None:
                continue
            tok = span.root
            if tok.i in seen:
                continue
            if kind in ("verb", "refuse") and tok.pos_ not in ("VERB", "AUX"):
                continue
            if kind == "noun" and tok.pos_ not in ("NOUN", "PROPN"):
                continue
            seen.add(tok.i)
            out.append((tok, kind))
    return sorted(out, key=lambda x: x[0].i)


def _hypothetical(tok, unit) -> bool:
    """Inside an 'if'/'whether' clause, or a 'how …' question."""
    t = tok
    for _ in range(6):
        if not unit.start <= t.i < unit.end:
            break
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless"):
                return True
            if c.dep_ == "advmod" and c.lower_ in ("how", "whether") and c.i < t.i:
                return True
        if t.head is t:
            break
        t = t.head
    return False


def _subject(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "expl"):
            return c
    return None


def _agent(tok, kind: str):
    """The word naming who commits, climbing from the trigger through complements
    ('ready to send', 'pledged to deploy', 'plans to deploy'); None when the clause has no
    committing agent (a passive, a noun modifier, an idea someone merely 'considered')."""
    lex = _lex()
    permissive = set(lex["permissive"])
    holders = set(lex["holder_verbs"])
    t = tok
    if kind == "noun":
        poss = next((c for c in t.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        head = t.head
        if t.dep_ in ("dobj", "pobj") and head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX") and lemma_of(head).lower() in holders:
            return _subject(head) or _agent_of_verb(head, permissive)
        return None
    if kind == "ready":
        head = t.head if t.dep_ in ("acomp", "amod", "dobj", "attr") else t
        if t.pos_ == "NOUN":  # 'expressed readiness to'
            if head.pos_ in ("VERB", "AUX") and lemma_of(head).lower() in holders:
                return _subject(head)
            poss = next((c for c in t.children if c.dep_ == "poss"), None)
            return poss
        if t.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
            return head  # 'countries ready to send troops'
        return _subject(head) or _agent_of_verb(head, permissive)
    return _agent_of_verb(t, permissive)


def _refuses_contribution(tok) -> bool:
    """'refused to send', 'ruled out sending': a refusal is a pledge only when what is refused
    is the refuser's own contribution, not 'declined to name them' or 'rejects any
    deployment' (of others)."""
    verbs = set(_lex()["commit_verbs"])
    for c in tok.children:
        if c.dep_ in ("xcomp", "dobj", "pcomp", "advcl", "conj") and c.lower_ in verbs:
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pcomp" and g.lower_ in verbs
                                    for g in c.children):
            return True
    return False


def _nearest_actor_before(tok, unit):
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
        subj = _subject(t)
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
    vehicles = _lex()["vehicle_verbs"]
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


def _actor(ctx: ArticleContext, text: str, label: str | None) -> Actor | None:
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
    if word.pos_ not in ("NOUN", "PROPN") or word.lower_ not in _lex()["body_nouns"]:
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
        if t.dep_ == "ccomp" and lemma_of(t.head).lower() in _lex()["reporting_verbs"]:
            subj = _subject(t.head)
            if subj is not None and subj.lower_ not in SUBJECT_PRONOUNS:
                return _agent_actors(ctx, subj, unit, seen_orgs)
        if t.head is t:
            break
        t = t.head
    person = word.lower_ in ("he", "she")
    for ent in reversed([e for e in span_ents(unit) if e.end <= word.i]):
        if ent.label_ not in ACTOR_LABELS:
            continue
        actor = _actor(ctx, ent.text, ent.label_)
        if actor is not None and (actor.kind == "person") == person:
            return [actor]
    return []


def _agent_actors(ctx: ArticleContext, word, unit, seen_orgs,
                  exclude: AbstractSet[int] = frozenset()) -> list[Actor]:
    if word.lower_ in SUBJECT_PRONOUNS:
        return _pronoun_referent(ctx, word, unit, seen_orgs)
    out: dict[str, Actor] = {}
    for ent in _phrase_ents(ctx, word):
        if ent.root.i in exclude:
            continue  # '26 countries ready to join the Ukraine force': not the agent
        actor = _actor(ctx, ent.text, ent.label_)
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


def _spokesperson(ctx: ArticleContext, tok, unit, actors: list[Actor]) -> list[Actor]:
    """'Meloni said Italy will not send troops': the office holder announcing her country's
    pledge is a pledger too."""
    countries = {a.name for a in actors if a.kind == "country"}
    if not countries:
        return []
    t = tok
    for _ in range(4):
        if t.dep_ == "ccomp" and lemma_of(t.head).lower() in _lex()["reporting_verbs"]:
            subj = _subject(t.head)
            if subj is None or not unit.start <= subj.i < unit.end:
                return []
            for ent in _phrase_ents(ctx, subj):
                if ent.label_ != "PERSON":
                    continue
                person = _actor(ctx, ent.text, ent.label_)
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


def _is_party_phrase(word) -> bool:
    """'26 nations', 'European countries', 'its members': parties the text does not name."""
    return lemma_of(word).lower() in _lex()["party_nouns"] or word.lower_ in _lex()["party_nouns"]


# --- what, how much, on what condition -------------------------------------------------------

def _region(tok) -> list:
    """The trigger and what it governs, without other clauses' subjects."""
    out = {tok.i}
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "mark", "parataxis", "ccomp"):
            continue
        if c.dep_ == "advcl" and c.tag_ != "VBG" and not any(
                x.dep_ == "aux" and x.lower_ == "to" for x in c.children):
            continue  # a condition or a circumstance; 'to deploy' is the content
        out |= {x.i for x in c.subtree}
    return [tok.doc[i] for i in sorted(out)]


def _what_hits(text: str, base: int) -> list[tuple[int, What]]:
    lex = _lex()
    trig_words = set(lex["commit_nouns"])
    hits: list[tuple[int, What]] = []
    for name, words in lex["what"].items():
        for m in find_phrases(text, words):
            if name != "money" and any(w in m.group(0).lower().split() for w in trig_words):
                continue  # 'security commitments': the commitment, not its content
            hits.append((base + m.start(), cast(What, name)))  # the lexicon's keys
    for money in find_money(text):
        hits.append((base + money.start, "money"))
    return hits


def _what(tok, region: list) -> tuple[What | None, list[tuple[What, int]]]:
    """The kind of contribution nearest the trigger in its region, and further kinds added
    with 'in addition to' / 'as well as'."""
    if not region:
        return None, []
    doc = tok.doc
    start, end = region[0].idx, region[-1].idx + len(region[-1].text)
    text = doc_text(doc)[start:end]
    hits = [(pos, name) for pos, name in _what_hits(text, start)
            if doc[doc.char_span(pos, pos + 1, alignment_mode="expand").start].i
            in {t.i for t in region}] if text else []
    if not hits:
        return None, []
    main = min(hits, key=lambda h: (h[0] < tok.idx, abs(h[0] - tok.idx)))[1]
    extra: list[tuple[What, int]] = []
    for m in find_phrases(text, _lex()["additive"]):
        after = [(p, n) for p, n in hits if p >= start + m.end()]
        if after:
            n = min(after)[1]
            if n != main and n not in [e[0] for e in extra]:
                extra.append((n, start + m.start()))
    return main, extra


def _amount(text: str, what: str) -> ParsedAmount | None:
    if what == "money":
        money = find_money(text)
        return money[0] if money else None
    counts = find_counts(text)
    if what == "troops":
        for unit in ("troops", "countries"):
            match = next((c for c in counts if c.unit == unit), None)
            if match:
                return match
        return None
    if what == "equipment":
        return next((c for c in counts if c.unit in _lex()["equipment_units"]), None)
    return next((c for c in counts if c.unit == "countries"), None)


def _condition(text: str) -> str | None:
    for m in CONDITION_RE.finditer(text):
        clause = m.group(0).strip()
        if any(h in clause.lower() for h in _lex()["condition_hints"]):
            return clause
    return None


def _negated(tok) -> bool:
    t = tok
    for _ in range(3):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if t.dep_ in ("xcomp", "conj", "acomp") and t.head is not t:
            t = t.head
            continue
        break
    return False


# --- assembling ------------------------------------------------------------------------------

def _next_infinitive(tok, unit):
    """The first 'to' + verb after an intransitive commitment verb, when it has no subject
    of its own."""
    if any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in tok.children):
        return None
    for t in unit:
        if t.i <= tok.i or t.pos_ != "VERB":
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return t
    return None


def _from_unit(ctx: ArticleContext, unit, seen_orgs: list[Actor]) -> list[Found]:
    text = span_text(unit)
    if "|" in text or text.rstrip().endswith("?"):
        return []
    out = []
    taken: set[int] = set()
    for tok, kind in _trigger_tokens(unit):
        if tok.i in taken or _hypothetical(tok, unit):
            continue
        if kind == "refuse" and not _refuses_contribution(tok):
            continue
        agent = _agent(tok, kind)
        if agent is not None and not unit.start <= agent.i < unit.end:
            agent = _nearest_actor_before(tok, unit)
        if agent is None:
            continue
        inside = tok.i != agent.i and any(t.i == tok.i for t in agent.subtree)
        exclude = {t.i for t in tok.subtree} if inside else set()
        actors = _agent_actors(ctx, agent, unit, seen_orgs, exclude=exclude)
        agent_words = "".join(t.text_with_ws for t in agent.subtree
                              if t.i not in exclude or t.i == agent.i)
        counts = [c for c in find_counts(agent_words) if c.unit == "countries"]
        if not actors and not counts and not _is_party_phrase(agent):
            continue
        actors += _spokesperson(ctx, tok, unit, actors)
        region = _region(tok)
        what, extra = _what(tok, region)
        if what is None:
            # "committed — some others have not yet — to deploy troops": a parenthesis can
            # cut the infinitive off from its verb in the parse; take the next one.
            nxt = _next_infinitive(tok, unit)
            if nxt is not None:
                region = _region(nxt)
                what, extra = _what(nxt, region)
        if what is None:
            continue
        taken |= {t.i for t in region}
        region_text = text[region[0].idx - unit.start_char:
                           region[-1].idx + len(region[-1].text) - unit.start_char]
        polarity: Polarity = "refuse" if kind == "refuse" or _negated(tok) else "commit"
        amount = _amount(region_text, what)
        if amount is None and counts:
            amount = counts[0]
        evidence = ctx.span(unit.start_char, unit.end_char)
        cond = _condition(text)
        when = ctx.date_in(unit.start_char, unit.end_char)
        out.append(Found(actors=actors, polarity=polarity, what=what, amount=amount,
                         condition=cond, evidence=evidence, date=when))
        for name, at in extra:  # its own evidence: from 'in addition to' on
            out.append(Found(actors=actors, polarity=polarity, what=name, amount=None,
                             condition=cond, evidence=ctx.span(at, unit.end_char), date=when))
    return out


def _amounts_agree(a: ParsedAmount | None, b: ParsedAmount | None) -> bool:
    if a is None or b is None:
        return True
    if a.unit != b.unit:
        return False
    return abs(a.value - b.value) <= 0.15 * max(a.value, b.value)


def _exactness(amount: ParsedAmount | None) -> int:
    """Figures written in digits are exact; 'two dozen' is a round approximation."""
    if amount is None:
        return 0
    return 2 if re.search(r"\d", amount.text) else 1


def _dates_differ(a: Found, b: Found) -> bool:
    """Commitments the text dates differently (17 March, 4 September) are different ones."""
    va, vb = (a.date.value if a.date else None), (b.date.value if b.date else None)
    if not va or not vb:
        return False
    n = min(len(va), len(vb))
    return va[:n] != vb[:n]


def _same(a: Found, b: Found) -> bool:
    if (a.what, a.polarity) != (b.what, b.polarity) or not _amounts_agree(a.amount, b.amount):
        return False
    if _dates_differ(a, b):
        return False
    # A dated figure ("on 4 September, 26 nations pledged") is its own commitment, not a
    # repeat of an undated, figureless one.
    if (a.date is None) != (b.date is None) and (a.amount is None) != (b.amount is None):
        return False
    na, nb = {x.name for x in a.actors}, {x.name for x in b.actors}
    if na and nb:
        return bool(na & nb)
    if na or nb:
        # a count of parties ('26 nations') stands for the body that pledges as a whole
        counted = a.amount if not na else b.amount
        named = b if not na else a
        bodies = all(x.kind in ("organization", "group") for x in named.actors)
        if counted is not None and counted.unit == "countries" and bodies:
            return named.amount is None or _amounts_agree(a.amount, b.amount)
        return False
    return True


def extract(ctx: ArticleContext) -> list[Pledge]:
    """Pledges and refusals reported in one article; several mentions of one commitment
    merge, keeping every evidence span."""
    seen_orgs: list[Actor] = []
    merged: list[Found] = []
    for unit in units(ctx.doc):
        for ent in span_ents(unit):
            if ent.label_ == "ORG":
                actor = _actor(ctx, ent.text, ent.label_)
                if actor is not None and actor.id and actor.kind in ("organization", "group"):
                    seen_orgs.append(actor)
        for found in _from_unit(ctx, unit, seen_orgs):
            target = next((m for m in merged if _same(m, found)), None)
            if target is None:
                merged.append(found)
                continue
            if found.evidence != target.evidence and found.evidence not in target.mentions:
                target.mentions.append(found.evidence)
            names = {a.name for a in target.actors}
            target.actors += [a for a in found.actors if a.name not in names]
            if _exactness(found.amount) > _exactness(target.amount):
                target.amount = found.amount  # '26 countries' over 'two dozen countries'
            target.condition = target.condition or found.condition
    events = []
    for f in merged:
        events.append(Pledge(
            article=ctx.article.ref(), actors=f.actors, evidence=f.evidence,
            mentions=f.mentions, polarity=f.polarity, what=f.what,
            amount=Amount(value=f.amount.value, value_max=f.amount.value_max,
                          unit=f.amount.unit, text=f.amount.text) if f.amount else None,
            condition=f.condition, date=f.date))
    return events
