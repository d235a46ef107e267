"""Rendering rows for people (rich tables) and for programs (JSON, JSON Lines, CSV)."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # not imported at run time: `cowextract --help` need not build the models
    from cowextract.models import Event, Pledge

FORMATS = ("table", "json", "jsonl", "csv")

# What a terminal acts on instead of showing, in text that came from articles, file names or
# users: C0 controls (bar tab and line breaks), DEL and C1 controls; and, on a screen, also
# the carriage return and the bidirectional overrides and isolates that reorder what is shown.
_TERMINAL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_TERMINAL}\r\u202a-\u202e\u2066-\u2069]")
# Whole escape sequences (CSI and OSC, in their 7- and 8-bit forms, and two-character ones).
_SEQUENCE = re.compile("\x1b(?:\\[[0-?]*[ -/]*[@-~]|\\][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
                       "|[ -/]*[0-~])|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c]*(?:\x07|\x9c)?")
# Characters JSON encoders leave raw that a terminal may still act on.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text for a person's screen (tables, `show`, messages on stderr): each control
    character shown as its escape (`\\x1b`, `\\u202e`), never acted on by the terminal."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def without_controls(text: str) -> str:
    """Text for a file of data (CSV, Markdown): the same characters, less the terminal's
    controls and escape sequences (tab and line breaks stay)."""
    return _TERMINAL_RE.sub("", _SEQUENCE.sub("", text))


_TERMINAL_RE = re.compile(f"[{_TERMINAL}]")


def json_safe(line: str) -> str:
    """A line of JSON with the characters its encoder leaves raw that a terminal could act
    on (DEL, C1 controls, bidirectional overrides) written as `\\u` escapes: the same JSON
    value, inert on a screen."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def default_format(stream: IO | None = None) -> str:
    """A table for a person at a terminal, JSON Lines for a pipe."""
    stream = stream or sys.stdout
    return "table" if getattr(stream, "isatty", lambda: False)() else "jsonl"


def _amount_text(e: Pledge) -> str:
    if e.amount is None:
        return ""
    a = e.amount
    if a.value is None:
        return a.text
    value = f"{a.value:g}" if a.value_max is None else f"{a.value:g}–{a.value_max:g}"
    return f"{value} {a.unit or ''}".strip()


def summary(e: Event) -> str:
    """One line saying what the event is, beyond its type, date and actors."""
    if e.type == "statement":
        mark = "“{}”" if e.quote.direct else "{}"
        return mark.format(e.quote.text)
    if e.type == "pledge":
        parts = [e.polarity, e.what, _amount_text(e)]
        if e.condition:
            parts.append(f"({e.condition})")
        return " ".join(p for p in parts if p)
    parts = [e.name or "", e.format or ""]
    if e.participant_count:
        parts.append(f"{e.participant_count} participants")
    return " ".join(p for p in parts if p)


def event_row(e: Event) -> dict:
    """An event flattened to one row (for tables and CSV)."""
    return {
        "id": e.id,
        "type": e.type,
        "date": e.date.value if e.date and e.date.value else "",
        "location": e.location.name if e.location else "",
        "actors": "; ".join(f"{a.name} ({a.role})" for a in e.actors),
        "what": summary(e),
        "article": e.article.path,
        "evidence": f"{e.evidence.start}-{e.evidence.end}",
        "cluster": e.cluster.id if e.cluster else "",
        "cluster_label": e.cluster.label if e.cluster else "",
    }


def event_dict(e: Event) -> dict:
    return json.loads(e.model_dump_json())


def write_events(events: Iterable[Event], fmt: str, out: IO, *, title: str | None = None) -> int:
    """Write events in a format: full JSON for json/jsonl, flat rows for csv/table."""
    if fmt == "jsonl":
        n = 0
        for e in events:
            out.write(json_safe(e.model_dump_json()) + "\n")
            n += 1
        return n
    if fmt == "json":
        items = [event_dict(e) for e in events]
        out.write(json_safe(json.dumps(items, ensure_ascii=False, indent=2)) + "\n")
        return len(items)
    rows = (event_row(e) for e in events)
    if fmt == "table":
        rows = (_table_row(r) for r in rows)
    return write_rows(rows, fmt, out, title=title, wide=("what", "actors"))


def _table_row(row: dict) -> dict:
    """Tables are for reading: a short id (`show` takes prefixes), no offsets."""
    row = {**row, "id": row["id"][:10]}
    for name in ("evidence", "cluster", "cluster_label"):
        row.pop(name)
    return row


def write_rows(rows: Iterable[dict], fmt: str, out: IO, *, title: str | None = None,
               wide: tuple[str, ...] = ()) -> int:
    """Write plain dict rows as a rich table, CSV, JSON or JSON Lines. No text is read as
    markup or acted on as a control (`visible`, `without_controls`, `json_safe`)."""
    if fmt == "jsonl":
        n = 0
        for row in rows:
            out.write(json_safe(json.dumps(row, ensure_ascii=False, default=str)) + "\n")
            n += 1
        return n
    rows = list(rows)
    if fmt == "json":
        out.write(json_safe(json.dumps(rows, ensure_ascii=False, indent=2, default=str)) + "\n")
        return len(rows)
    if fmt == "csv":
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: without_controls(v) if isinstance(v, str) else v
                              for k, v in row.items()} for row in rows)
        return len(rows)
    return _table(rows, out, title, wide)


def _table(rows: list[dict], out: IO, title: str | None, wide: tuple[str, ...]) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Cells are Text, never markup: "[bold]" or "[link=…]" in an article is shown as written.
    table = Table(title=Text(visible(title)) if title else None, show_lines=False,
                  header_style="bold")
    columns = list(rows[0]) if rows else []
    for col in columns:
        table.add_column(Text(visible(col)), overflow="fold", ratio=3 if col in wide else None,
                         no_wrap=col in ("id",))
    for row in rows:
        table.add_row(*(Text("" if row[c] is None else visible(str(row[c]))) for c in columns))
    terminal = getattr(out, "isatty", lambda: False)()
    console = Console(file=out, soft_wrap=False, width=None if terminal else 160)
    console.print(table)
    return len(rows)
