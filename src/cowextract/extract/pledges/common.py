"""What the pledge modules share: the lexicon and the record of one pledging clause."""

from __future__ import annotations

from dataclasses import dataclass, field

from cowextract.extract.amounts import ParsedAmount
from cowextract.extract.lexicon import events_lexicon
from cowextract.models import Actor, DateValue, Evidence, Polarity, What


def lex() -> dict:
    """The `pledge` section of `data/events.json`."""
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
    parties: int | None = None  # how many parties a count names ('five countries')
    mentions: list[Evidence] = field(default_factory=list)
    more: bool = False  # 'send more weapons': a further contribution, told as one
