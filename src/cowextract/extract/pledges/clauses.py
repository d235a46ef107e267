"""One sentence unit in, its pledging clauses out."""

from __future__ import annotations

from cowextract.extract.amounts import ParsedAmount, find_counts, find_sums, in_local_currency
from cowextract.extract.pledges.actors import (
    Scope,
    agent_actors,
    body_named_with,
    is_party_phrase,
    reporting_subject,
    spelt_out,
    spokesperson,
)
from cowextract.extract.pledges.agents import agent_of, nearest_actor_before
from cowextract.extract.pledges.common import Found, lex
from cowextract.extract.pledges.content import (
    amount_of,
    condition_of,
    has_beneficiary,
    increment,
    not_a_contribution,
    open_contribution,
    region_of,
    region_text,
    spending_context,
    spending_target,
    what_of,
)
from cowextract.extract.pledges.triggers import (
    advice,
    forecast,
    hypothetical,
    negated,
    next_infinitive,
    refused_kind,
    refuses_contribution,
    trigger_tokens,
)
from cowextract.models import Actor, Polarity, What
from cowextract.nlp.docs import span_text
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import SUBJECT_PRONOUNS

_REFUSALS = ("refuse", "withdraw")


def _agent(scope: Scope, tok, kind: str):
    agent = agent_of(tok, kind)
    unit = scope.unit
    if agent is not None and not unit.start <= agent.i < unit.end:
        agent = nearest_actor_before(tok, unit)
    return agent


def _habitual(tok) -> bool:
    """A verb in the simple present with no auxiliary: what parties do as a rule."""
    return tok.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass")
                                                  for c in tok.children)


def _who(scope: Scope, tok, agent, following: list) -> tuple[list[Actor], list] | None:
    """The pledgers and any count of parties ('26 nations') the agent phrase gives; None
    when it names nobody, counts nobody and is no party ('the plan', 'the force')."""
    inside = tok.i != agent.i and any(t.i == tok.i for t in agent.subtree)
    exclude = {t.i for t in tok.subtree} if inside else set()
    lemma = lemma_of(agent).lower()
    force = lemma in lex()["force_nouns"]
    if force:  # 'the force for Ukraine': only 'British forces', 'France's troops' name a party
        exclude |= {x.i for c in agent.children if c.dep_ in ("prep", "relcl", "acl")
                    for x in c.subtree}
    if is_party_phrase(agent) and any(c.dep_ == "nummod" for c in agent.children):
        # '17 NATO member states': the body the counted parties belong to is not one of them
        exclude |= {c.i for c in agent.children if c.dep_ == "compound"}
    actors = agent_actors(scope, agent, exclude=exclude)
    if not actors and agent.lower_ in SUBJECT_PRONOUNS:
        agent = reporting_subject(agent) or agent  # 'several countries said they …'
    agent_words = "".join(t.text_with_ws for t in agent.subtree
                          if t.i not in exclude or t.i == agent.i)
    counts = [c for c in find_counts(agent_words) if c.unit == "countries"]
    if not actors and not counts and not is_party_phrase(agent):
        return None
    if force and not any(a.kind in ("country", "person") for a in actors):
        return None  # 'the force cannot deploy': what is sent, not who sends it
    if agent.pos_ == "NOUN" and lemma in lex()["vehicle_nouns"]:
        return None  # 'an initiative that provides weapons': the means, not who pays
    if not actors and counts:
        end = max(t.i for t in agent.subtree) + 1
        actors = spelt_out(scope, int(counts[0].value), end, following) or \
            body_named_with(scope, agent)
    if not actors and not counts and _habitual(tok):
        return None  # 'partner countries contribute funds': a description, not a pledge
    return actors, counts


def _content(tok, kind: str, unit, spending: bool
             ) -> tuple[list, What | None, list[tuple[What, int | None]]]:
    region = region_of(tok)
    what, extra = what_of(tok, region)
    if what is None:
        # "committed — some others have not yet — to deploy troops": a parenthesis can
        # cut the infinitive off from its verb in the parse; take the next one.
        nxt = next_infinitive(tok, unit)
        if nxt is not None:
            region = region_of(nxt)
            what, extra = what_of(nxt, region)
    if what is None and region and find_sums(region_text(region)):
        what = "money"  # 'committed 2 billion to the programme'
    if what is None and kind == "noun" and open_contribution(tok):
        what = "other"  # 'announced their participation in PURL'
    if kind == "refuse":
        kind = refused_kind(tok)  # 'refused to meet the target': a refused target
    if what is None and (kind == "spend" or kind == "target" and (
            spending or spending_context(span_text(unit)))
            or region and spending_target(region_text(region))):
        what = "money"  # 'raise spending', 'meet the target': money, however much
    return region, what, extra


def _polarity(tok, kind: str) -> Polarity | None:
    if kind == "withdraw":
        return None if negated(tok) else "refuse"
    return "refuse" if kind in _REFUSALS or negated(tok) else "commit"


def _clause(scope: Scope, tok, kind: str, following: list) -> tuple[list, list[Found]]:
    """The pledges one trigger makes, and the region of the parse it took."""
    unit, ctx = scope.unit, scope.ctx
    agent = _agent(scope, tok, kind)
    who = _who(scope, tok, agent, following) if agent is not None else None
    if who is None:
        return [], []
    actors, counts = who
    region, what, extra = _content(tok, kind, unit, scope.spending)
    polarity = _polarity(tok, kind)
    if what is None or polarity is None or not region:
        return [], []
    text = region_text(region)
    if not_a_contribution(tok, text) or kind.startswith("buy") and not has_beneficiary(tok):
        return [], []
    actors = actors + spokesperson(scope, tok, actors)
    sentence = span_text(unit)
    amount: ParsedAmount | None = amount_of(text, what, sentence)
    if amount is None and counts:
        amount = counts[0]
    if amount is not None:
        amount = in_local_currency(amount, [a.name for a in actors if a.kind == "country"])
    evidence = ctx.span(unit.start_char, unit.end_char)
    cond = condition_of(sentence)
    when = ctx.date_in(unit.start_char, unit.end_char)
    parties = int(counts[0].value) if counts and not actors else None
    more = increment(text)
    out = [Found(actors=actors, polarity=polarity, what=what, amount=amount, condition=cond,
                 evidence=evidence, date=when, parties=parties, more=more)]
    for name, at in extra:  # its own evidence: from 'in addition to' on
        span = evidence if at is None else ctx.span(at, unit.end_char)
        out.append(Found(actors=actors, polarity=polarity, what=name, amount=None,
                         condition=cond, evidence=span, date=when, more=more))
    return region, out


def _owned(tok, kind: str) -> bool:
    """'Japan's planned investment': a commitment noun with its owner is a fact in whatever
    clause mentions it ('how to spend Japan's investment')."""
    return kind in ("noun", "buynoun") and any(
        c.dep_ == "poss" and c.pos_ != "PRON" for c in tok.children)


def from_unit(scope: Scope, following: list) -> list[Found]:
    """The pledges of one sentence unit (`following`: the units after it, where a count of
    parties may be spelt out)."""
    unit = scope.unit
    text = span_text(unit)
    if "|" in text or text.rstrip().endswith("?"):
        return []
    out: list[Found] = []
    taken: set[int] = set()
    for tok, kind in trigger_tokens(unit):
        if tok.i in taken and tok.dep_ != "conj" and not any(c.dep_ == "nsubj"
                                                              for c in tok.children):
            continue  # part of an earlier clause's content, not a clause of its own
        if not _owned(tok, kind) and (hypothetical(tok, unit) or forecast(tok, unit)
                                      or advice(tok)):
            continue
        if kind == "refuse" and not refuses_contribution(tok):
            continue
        region, found = _clause(scope, tok, kind, following)
        taken |= {t.i for t in region}
        out.extend(found)
    return out
