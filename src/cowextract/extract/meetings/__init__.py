"""Meeting events: summits, meetings, talks, calls, signings and visits, from sentences and
from tables of meetings; several mentions of one meeting in an article merge into one event.

A sentence may report several meetings ("spoke to Trump by video conference following the
summit in Paris"), so each trigger word gets its own *region* of the dependency parse: the
trigger's subtree plus the adjuncts of the verb that governs it. Date, place, format and
actors are read from that region only, so a place or date belonging to another clause of the
sentence does not leak into the meeting. What a meeting's own words leave open (a place, the
people 'the pair' stands for) comes from the article around it.

One module per job: `triggers` (the words that report a meeting, and whether each does
here), `regions` (which words describe which meeting), `attributes` (date, name, kind),
`places`, `participants`, `identify` (whether what was read pins a meeting down), `lists`
(one meeting per counterpart of a list of separate meetings), `series` (numbered rounds,
coordinated dates), `attendance` ('X and Y took part'), `delegations` (who heads a side at
the talks), `sentences` (all of it for one sentence), `tables`, `merge` (mentions into
events), `scene` (the dateline, the meeting a later one is held at, the parties a pronoun
stands for)."""

from __future__ import annotations

from cowextract.extract.context import ArticleContext
from cowextract.extract.meetings.common import Candidate
from cowextract.extract.meetings.delegations import (
    Head,
    add_delegates,
    delegation_heads,
    mentions_delegations,
)
from cowextract.extract.meetings.merge import merge
from cowextract.extract.meetings.scene import fill_in
from cowextract.extract.meetings.sentences import from_unit
from cowextract.extract.meetings.tables import from_table, is_meeting_table
from cowextract.extract.text_tables import find_tables
from cowextract.models import Meeting
from cowextract.nlp.docs import units

__all__ = ["extract"]


def _title_end(ctx: ArticleContext) -> int:
    """Where the article's headline ends in its text (0 when it has none there)."""
    title = ctx.article.title
    start = ctx.text.find(title) if title else -1
    return start + len(title) if title and 0 <= start < 300 else 0


def extract(ctx: ArticleContext) -> list[Meeting]:
    """Meetings reported in one article, one event per distinct meeting."""
    cands: list[Candidate] = []
    for table in find_tables(ctx.text):
        if is_meeting_table(table):
            cands.extend(from_table(ctx, table))
    heads: list[Head] = []
    delegations = mentions_delegations(ctx.text)
    prev = None
    for unit in units(ctx.doc):
        cands.extend(from_unit(ctx, unit, unit.start_char, prev))
        if delegations:
            heads.extend(delegation_heads(ctx, unit))
        prev = unit
    merged = merge(cands, _title_end(ctx))
    fill_in(ctx, merged)
    add_delegates(ctx, merged, heads)
    events = []
    for c in merged:
        fmt = c.format
        if fmt is None and c.location is not None and c.location.kind != "virtual":
            fmt = "in_person"
        events.append(Meeting(
            article=ctx.article.ref(), date=c.date or c.bound, location=c.location,
            actors=list(c.actors.values()), evidence=c.evidence, mentions=c.mentions,
            name=c.name, format=fmt, participant_count=c.count))
    return events
