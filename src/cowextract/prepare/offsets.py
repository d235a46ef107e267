"""Offset maps: a text together with, for each of its characters, the characters of the
text it was read from (`start[i]:end[i]`). Every step of preparation (decoding JSON
escapes, reading HTML, cleaning) turns one `Mapped` into another, so that a span of the
stored text can be followed back to the file as read, instead of being searched for."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

INDEX = np.int32


class Mapped:
    """A text and where each of its characters came from: character `i` was read from
    characters `start[i]:end[i]` of the source (one character, or more for an escape or
    an entity; none, `start == end`, for a character the reading inserted)."""

    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: np.ndarray, end: np.ndarray):
        self.text = text
        self.start = start
        self.end = end

    @classmethod
    def source(cls, text: str, offset: int = 0) -> Mapped:
        """A text read as it stands, its first character at `offset` of the source."""
        start = np.arange(offset, offset + len(text), dtype=INDEX)
        return cls(text, start, start + 1)

    @classmethod
    def inserted(cls, text: str, start: int, end: int) -> Mapped:
        """`text` standing for source characters `start:end` as a whole (a decoded
        escape, a collapsed run of spaces, a separator)."""
        n = len(text)
        return cls(text, np.full(n, start, dtype=INDEX), np.full(n, end, dtype=INDEX))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, key: slice) -> Mapped:
        return Mapped(self.text[key], self.start[key], self.end[key])

    def position(self, i: int) -> int:
        """The source offset before character `i` (its end for `i == len`)."""
        if i < len(self.text):
            return int(self.start[i])
        return int(self.end[-1]) if len(self.text) else 0

    def strip(self) -> Mapped:
        """Without leading and trailing whitespace."""
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if left == 0 and right == len(text):
            return self
        return self[left:max(left, right)]

    def sub(self, pattern: re.Pattern, repl: str | int) -> tuple[Mapped, int]:
        """`pattern.sub` carrying the map: `repl` is a literal (which stands for the whole
        match) or the number of the group that replaces the match."""
        first = pattern.search(self.text)
        if first is None:
            return self, 0
        pieces: list[Mapped] = []
        last = n = 0
        for m in pattern.finditer(self.text):
            pieces.append(self[last:m.start()])
            if isinstance(repl, int):
                pieces.append(self[m.start(repl):m.end(repl)])
            elif repl:
                lo = self.position(m.start())
                hi = int(self.end[m.end() - 1]) if m.end() > m.start() else lo
                pieces.append(Mapped.inserted(repl, lo, hi))
            last, n = m.end(), n + 1
        if not n:
            return self, 0
        pieces.append(self[last:])
        return concat(pieces), n

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source characters that characters `start:end` were read from."""
        if end <= start:
            at = self.position(start)
            return at, at
        return int(self.start[start:end].min()), int(self.end[start:end].max())

    def through(self, outer: Mapped) -> Mapped:
        """This map followed by `outer` (which maps this map's source to its own)."""
        if not len(outer.text):
            return self
        last = len(outer.text) - 1
        width = self.end > self.start
        first = np.minimum(self.start, last)
        final = np.clip(self.end - 1, 0, last)
        start = np.where(self.start > last, outer.end[last], outer.start[first])
        end = np.where(width, outer.end[final], start)
        return Mapped(self.text, start.astype(INDEX), end.astype(INDEX))


def concat(pieces: Sequence[Mapped]) -> Mapped:
    """The pieces one after another."""
    pieces = [p for p in pieces if len(p.text)]
    if not pieces:
        return Mapped("", np.zeros(0, dtype=INDEX), np.zeros(0, dtype=INDEX))
    if len(pieces) == 1:
        return pieces[0]
    return Mapped("".join(p.text for p in pieces), np.concatenate([p.start for p in pieces]),
                  np.concatenate([p.end for p in pieces]))


def joined(lines: Sequence[Mapped], seps: Sequence[str]) -> Mapped:
    """Lines joined by separators (`seps[i]` before `lines[i + 1]`); a separator stands
    for what lay between the two lines in the source."""
    pieces: list[Mapped] = []
    for i, line in enumerate(lines):
        if i:
            lo = lines[i - 1].position(len(lines[i - 1]))
            pieces.append(Mapped.inserted(seps[i - 1], lo, max(lo, line.position(0))))
        pieces.append(line)
    return concat(pieces)


class Provenance:
    """Where an article's text came from: the map of each character into the file as
    read, and the spans of the file's lines the cleaner dropped, with their rules."""

    __slots__ = ("mapped", "removed")

    def __init__(self, mapped: Mapped, removed: list[tuple[int, int, str]]):
        self.mapped = mapped
        self.removed = removed

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The file's characters that the text's characters `start:end` were read from."""
        return self.mapped.span(start, end)
