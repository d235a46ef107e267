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


def exactness(amount: ParsedAmount | None) -> int:
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


def same(a: Found, b: Found) -> bool:
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
