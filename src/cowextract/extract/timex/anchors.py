"""What the handlers share: the context an expression is resolved in, and its anchors.

Each handler gets a match and returns a resolver (context -> Result | None), or None when
the match is not a temporal expression after all. Resolving is a second step because the
context (the last date mentioned, the tense) is known only once the expressions have been
chosen and are read in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeAlias

from cowextract.extract.timex.calendar import parse_value
from cowextract.extract.timex.tense import Tense
from cowextract.models import TimexMod, TimexType

# type, value, mod, anchor
Result: TypeAlias = tuple[TimexType, str | None, TimexMod | None, str | None]


@dataclass
class Context:
    """The publication date, the last date mentioned before the expression (a TimeML
    value) and the tense of its clause."""

    published: date | None
    previous: str | None
    future: Tense


Resolver: TypeAlias = Callable[[Context], Result | None]
Handler: TypeAlias = Callable[[re.Match[str]], Resolver | None]
# a chosen expression: start, end, the name of its pattern, its resolver
Candidate: TypeAlias = tuple[int, int, str, Resolver]


class Groups(Protocol):
    """A match's named groups, or an adapter that renames them for a handler. As with
    `re.Match`, a group that took no part in the match is None."""

    # typed as typeshed types re.Match's: the None of a missing group is left unchecked
    def __getitem__(self, key: str, /) -> str | Any: ...


def const(kind: TimexType, value: str | None, mod: TimexMod | None = None) -> Resolver:
    return lambda ctx: (kind, value, mod, None)


def deictic_anchor(ctx: Context) -> tuple[date | None, str | None]:
    """The deictic anchor: the publication date."""
    if ctx.published is None:
        return None, None
    return ctx.published, f"published:{ctx.published.isoformat()}"


def anaphoric_anchor(ctx: Context) -> tuple[date | None, str | None, str | None]:
    """The anaphoric anchor: the last date mentioned, else the publication date."""
    parsed = parse_value(ctx.previous)
    if parsed:
        return parsed[0], parsed[1], f"previous:{ctx.previous}"
    if ctx.published:
        return ctx.published, "D", f"published:{ctx.published.isoformat()}"
    return None, None, None
