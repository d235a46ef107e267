"""Pledge events: commitments and refusals to contribute troops, money, equipment, training,
air or maritime forces, guarantees or sanctions, with who, how much and on what condition.

A pledge needs a *pledging clause*: a commitment word (pledge, offer, send, ready to …) whose
agent the dependency parse can find: the subject of that clause ("Italy will not send troops"),
the owner of a commitment noun ("Trump's commitment to …"), or a count of parties ("26 nations
have pledged …"). The clause must not be a question, a hypothesis ("if France sent troops"),
or someone else's idea reported as a mere possibility ("officials considered deploying").

Modules: `triggers` (commitment words and polarity), `agents` (who), `content` (what, how
much, on what condition), `clauses` (one sentence), `merge` (one commitment, many mentions)."""

from __future__ import annotations

from cowextract.extract.context import ArticleContext
from cowextract.extract.pledges.actors import Scope, resolve_actor
from cowextract.extract.pledges.clauses import from_unit
from cowextract.extract.pledges.common import Found
from cowextract.extract.pledges.content import spending_article
from cowextract.extract.pledges.merge import add
from cowextract.models import Amount, Pledge
from cowextract.nlp.docs import span_ents, units

__all__ = ["extract"]

# The units after a sentence where the parties it counts may be listed, one per line.
FOLLOWING_UNITS = 40


def extract(ctx: ArticleContext) -> list[Pledge]:
    """Pledges and refusals reported in one article; several mentions of one commitment
    merge, keeping every evidence span."""
    scope = Scope(ctx, None, spending=spending_article(ctx.text))
    merged: list[Found] = []
    all_units = units(ctx.doc)
    for i, unit in enumerate(all_units):
        for ent in span_ents(unit):
            if ent.label_ == "ORG":
                actor = resolve_actor(ctx, ent.text, ent.label_)
                if actor is not None and actor.id and actor.kind in ("organization", "group"):
                    scope.seen_orgs.append(actor)
        scope.unit, scope.prev = unit, all_units[i - 1] if i else None
        for found in from_unit(scope, all_units[i + 1:i + 1 + FOLLOWING_UNITS]):
            add(merged, found)
    return [Pledge(
        article=ctx.article.ref(), actors=f.actors, evidence=f.evidence,
        mentions=f.mentions, polarity=f.polarity, what=f.what,
        amount=Amount(value=f.amount.value, value_max=f.amount.value_max,
                      unit=f.amount.unit, text=f.amount.text) if f.amount else None,
        condition=f.condition, date=f.date) for f in merged]
