"""One sentence unit in, its pledging clauses out."""

from __future__ import annotations

from cowextract.extract.amounts import find_counts
from cowextract.extract.context import ArticleContext
from cowextract.extract.pledges.agents import (
    agent_actors,
    agent_of,
    is_party_phrase,
    nearest_actor_before,
    spokesperson,
)
from cowextract.extract.pledges.common import Found
from cowextract.extract.pledges.content import amount_of, condition_of, region_of, what_of
from cowextract.extract.pledges.triggers import (
    hypothetical,
    negated,
    next_infinitive,
    refuses_contribution,
    trigger_tokens,
)
from cowextract.models import Actor, Polarity
from cowextract.nlp.docs import span_text


def from_unit(ctx: ArticleContext, unit, seen_orgs: list[Actor]) -> list[Found]:
    text = span_text(unit)
    if "|" in text or text.rstrip().endswith("?"):
        return []
    out = []
    taken: set[int] = set()
    for tok, kind in trigger_tokens(unit):
        if tok.i in taken or hypothetical(tok, unit):
            continue
        if kind == "refuse" and not refuses_contribution(tok):
            continue
        agent = agent_of(tok, kind)
        if agent is not None and not unit.start <= agent.i < unit.end:
            agent = nearest_actor_before(tok, unit)
        if agent is None:
            continue
        inside = tok.i != agent.i and any(t.i == tok.i for t in agent.subtree)
        exclude = {t.i for t in tok.subtree} if inside else set()
        actors = agent_actors(ctx, agent, unit, seen_orgs, exclude=exclude)
        agent_words = "".join(t.text_with_ws for t in agent.subtree
                              if t.i not in exclude or t.i == agent.i)
        counts = [c for c in find_counts(agent_words) if c.unit == "countries"]
        if not actors and not counts and not is_party_phrase(agent):
            continue
        actors += spokesperson(ctx, tok, unit, actors)
        region = region_of(tok)
        what, extra = what_of(tok, region)
        if what is None:
            # "committed — some others have not yet — to deploy troops": a parenthesis can
            # cut the infinitive off from its verb in the parse; take the next one.
            nxt = next_infinitive(tok, unit)
            if nxt is not None:
                region = region_of(nxt)
                what, extra = what_of(nxt, region)
        if what is None:
            continue
        taken |= {t.i for t in region}
        region_text = text[region[0].idx - unit.start_char:
                           region[-1].idx + len(region[-1].text) - unit.start_char]
        polarity: Polarity = "refuse" if kind == "refuse" or negated(tok) else "commit"
        amount = amount_of(region_text, what)
        if amount is None and counts:
            amount = counts[0]
        evidence = ctx.span(unit.start_char, unit.end_char)
        cond = condition_of(text)
        when = ctx.date_in(unit.start_char, unit.end_char)
        out.append(Found(actors=actors, polarity=polarity, what=what, amount=amount,
                         condition=cond, evidence=evidence, date=when))
        for name, at in extra:  # its own evidence: from 'in addition to' on
            out.append(Found(actors=actors, polarity=polarity, what=name, amount=None,
                             condition=cond, evidence=ctx.span(at, unit.end_char), date=when))
    return out
