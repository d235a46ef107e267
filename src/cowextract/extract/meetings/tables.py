"""Meetings from the rows of a pipe table of meetings (a date column and a host, place or
participants column)."""

from __future__ import annotations

import re

from cowextract.extract import timex
from cowextract.extract.context import ArticleContext
from cowextract.extract.meetings.common import (
    DATE_COLUMNS,
    MEETING_COLUMNS,
    VENUE_WORDS,
    Candidate,
    is_venue,
    resolve_actor,
    virtual_format,
)
from cowextract.extract.text_tables import Table
from cowextract.models import DateValue, Location, Role


def _cell_kind(ctx: ArticleContext, cell: str, header: str) -> str:
    low, head = cell.lower(), header.lower()
    if not cell:
        return "empty"
    if any(w in head for w in ("count", "participating", "number")) and cell.isdigit():
        return "count"
    if virtual_format(cell):
        return "virtual"
    if any(w in head for w in ("host", "chair", "leader", "attendance", "represented")):
        return "people"
    if any(w in head for w in ("location", "venue", "place", "city")):
        return "place"
    if cell.isdigit():
        return "count"
    parts = [p.strip() for p in re.split(r",| and ", cell) if p.strip()]
    people = [p for p in parts if (r := ctx.actors.resolve(p, "PERSON")) is not None
              and r.kind == "person" and r.id]
    if people and len(people) == len(parts):
        return "people"
    if any(w in low for w in VENUE_WORDS) or len(parts) <= 3:
        return "place"
    return "other"


def is_meeting_table(table: Table) -> bool:
    head = " ".join(table.header).lower()
    return any(c in head for c in DATE_COLUMNS) and any(c in head for c in MEETING_COLUMNS)


def from_table(ctx: ArticleContext, table: Table) -> list[Candidate]:
    published = ctx.article.published
    out = []
    for row in table.rows:
        cells = row.cells
        header = table.header_for(row)
        date_value: DateValue | None = None
        date_i = 0
        for i, cell in enumerate(cells):
            norm = timex.normalize(cell, published) if cell and not cell.isdigit() else None
            if norm and norm[0] == "DATE" and norm[1] and norm[1][:4].isdigit():
                date_value = DateValue.model_validate({
                    "value": norm[1], "text": cell, "precision": timex.precision_of(norm[1]),
                    "mod": norm[2]})
                date_i = i
                break
        if date_value is None:
            continue
        cand = Candidate(evidence=ctx.span(row.start, row.end), date=date_value,
                         order=row.start, listed=True)
        for i, cell in enumerate(cells):
            if i == date_i or not cell:
                continue
            if i < date_i and cell.isdigit():
                continue  # a row number
            kind = _cell_kind(ctx, cell, header[i] if i < len(header) else "")
            if kind == "count":
                cand.count = cand.count or int(cell)
            elif kind == "virtual":
                cand.format = virtual_format(cell)
                cand.location = cand.location or Location(
                    name="virtual" if cand.format == "virtual" else cell, kind="virtual")
            elif kind == "people":
                label = (header[i] if i < len(header) else "").lower()
                # Only a host or chair column names hosts; attendance columns name guests.
                hosting = any(w in label for w in ("host", "chair")) or not label.strip(" #")
                role: Role = "host" if hosting and not any(
                    a.role == "host" for a in cand.actors.values()) else "participant"
                for part in filter(None, (p.strip() for p in re.split(r",| and ", cell))):
                    actor = resolve_actor(ctx, part, "PERSON", role)
                    if actor:
                        cand.add_actor(actor)
            elif kind == "place" and cand.location is None:
                cand.location = Location(name=cell, kind="venue" if is_venue(cell) else "city")
        out.append(cand)
    return out
