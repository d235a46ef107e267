"""Several mentions of one commitment in an article: when two clauses report the same one."""

from __future__ import annotations

import re

from cowextract.extract.amounts import ParsedAmount
from cowextract.extract.pledges.common import Found


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
    # repeat of an undated, figureless one; nor is a promise of more ("send Kyiv more
    # cash") another mention of a sum named before.
    if (a.amount is None) != (b.amount is None) and (
            (a.date is None) != (b.date is None) or (a if a.amount is None else b).more):
        return False
    na, nb = {x.name for x in a.actors}, {x.name for x in b.actors}
    if na and nb:
        return bool(na & nb)
    if na or nb:
        return _counted_is_named(*((a, b) if not na else (b, a)))
    return True


def _counted_is_named(counted: Found, named: Found) -> bool:
    """Whether a pledge of unnamed parties ('five countries have allocated $1 billion') and
    one of named parties report the same commitment: a count of parties ('26 nations')
    stands for the body that pledges as a whole, or is spelt out as that many countries;
    the same sum of money by both is one commitment."""
    countries = [x for x in named.actors if x.kind == "country"]
    if counted.parties is not None and counted.parties == len(countries) == len(named.actors):
        return True
    amount = counted.amount
    if amount is not None and amount.unit == "countries":
        if all(x.kind in ("organization", "group") for x in named.actors):
            return named.amount is None or _amounts_agree(amount, named.amount)
        return False
    return amount is not None and named.amount is not None


def add(merged: list[Found], found: Found) -> None:
    """Add one pledging clause to the article's pledges: a new one, or another mention of a
    commitment already there (its pledgers, most exact amount and condition kept)."""
    target = next((m for m in merged if _same(m, found)), None)
    if target is None:
        merged.append(found)
        return
    if found.evidence != target.evidence and found.evidence not in target.mentions:
        target.mentions.append(found.evidence)
    names = {a.name for a in target.actors}
    target.actors += [a for a in found.actors if a.name not in names]
    if _exactness(found.amount) > _exactness(target.amount):
        target.amount = found.amount  # '26 countries' over 'two dozen countries'
    target.condition = target.condition or found.condition
