"""Pipe tables in cleaned text: rows of cells with their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass
class Row:
    cells: list[str]
    start: int
    end: int


@dataclass
class Table:
    header: list[str]
    rows: list[Row] = field(default_factory=list)

    def header_for(self, row: Row) -> list[str]:
        """Column labels for a row; rows with one cell more than the header carry a leading
        row number column (common in scraped wiki tables)."""
        if len(row.cells) == len(self.header) + 1:
            return ["#", *self.header]
        return self.header


def split_cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [c.strip() for c in inner.split("|")]


def find_tables(text: str) -> list[Table]:
    """Tables of at least one header and one body row, separated by a `|---|` line."""
    tables: list[Table] = []
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((line, pos, pos + len(line)))
        pos += len(line) + 1
    i = 0
    while i < len(lines) - 2:
        line, _, _ = lines[i]
        if line.count("|") >= 2 and SEPARATOR_RE.match(lines[i + 1][0]):
            table = Table(header=split_cells(line))
            j = i + 2
            while j < len(lines) and lines[j][0].count("|") >= 2 and not SEPARATOR_RE.match(
                    lines[j][0]):
                cells = split_cells(lines[j][0])
                table.rows.append(Row(cells=cells, start=lines[j][1], end=lines[j][2]))
                j += 1
            if table.rows:
                tables.append(table)
            i = j
        else:
            i += 1
    return tables
