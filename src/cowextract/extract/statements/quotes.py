"""Quotation marks: pairing them paragraph by paragraph into top-level quotations, and
mapping quotations to the tokens of the article's Doc."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

WORD = re.compile(r"\w+")


def quote_key(text: str) -> str:
    """Normalised quote text for deduplication: lower-cased words joined by spaces."""
    return " ".join(WORD.findall(text.lower()))


@dataclass
class QuoteSpan:
    """One top-level quotation: `start:end` includes the marks, `cstart:cend` is the content."""

    start: int
    end: int
    cstart: int
    cend: int
    closed: bool = True


_SINGLE_OPEN = {"‘": "’", "'": "'", "‚": "‘", "‹": "›"}
_SINGLE_MARKS = ("'", "’", "‘", "‚", "‹", "›")
_MARK = re.compile(r"''|``|[\"“”„«»‘’'‚‹›]")
# A quotation whose opening mark was lost runs from its paragraph's start: at least so many
# characters of it.
MIN_LOST_OPENING = 20


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quotations in `text`, paired per paragraph; an unclosed quote ends at its
    paragraph's end (so a missing mark cannot swallow the article)."""
    out: list[QuoteSpan] = []
    pos = 0
    for para in text.split("\n"):
        out.extend(_Pairing(para, pos).run())
        pos += len(para) + 1
    return out


class _Pairing:
    """The marks of one paragraph paired into top-level quotations. `stack` holds the open
    marks (mark, mark start, content start); `top` is the outermost, the one a double mark
    closes."""

    def __init__(self, para: str, base: int):
        self.para = para
        self.base = base
        self.n = len(para)
        self.out: list[QuoteSpan] = []
        self.stack: list[tuple[str, int, int]] = []

    def run(self) -> list[QuoteSpan]:
        """The quotations, a mark still open at the paragraph end closed there."""
        for m in _MARK.finditer(self.para):
            self._mark(m.group(), m.start(), m.end())
        if self.stack:
            self._close(self.n, self.n, closed=False)
        return self.out

    def _mark(self, mark: str, s: int, e: int) -> None:
        before = self.para[s - 1] if s > 0 else " "
        after = self.para[e] if e < self.n else " "
        if mark in _SINGLE_MARKS:
            self._single(mark, s, e, before, after)
            return
        top = self.stack[0][0] if self.stack else None
        if mark == "“":
            self._left_curly(s, e, before, top)
        elif mark in ("”", "»"):
            self._closing(mark, s, e, after, top)
        elif mark == "«":
            if top == "»":
                self._close(s, e)
            elif top is None:
                self._open(mark, s, e)
        elif mark == "„":
            if top is None:
                self._open(mark, s, e)
        else:
            self._straight(mark, s, e, before, after, top)

    def _single(self, mark: str, s: int, e: int, before: str, after: str) -> None:
        if _is_word(before) and _is_word(after):
            return  # apostrophe inside a word: don't, Ukraine’s
        if mark in ("'", "’") and _is_word(before) and not _is_word(after):
            # closing single mark, or a plural possessive (leaders' plans)
            self._close_single(s, e)
            return
        straight_open = mark == "'" and not _is_word(before) and _is_word(after)
        if mark in ("‘", "‚", "‹") or straight_open:
            if mark == "‘" and self.stack and self.stack[-1][0] == "‚":
                self.stack.pop()
            else:
                self._open(mark, s, e)
            return
        if mark in ("’", "›"):
            self._close_single(s, e)

    def _left_curly(self, s: int, e: int, before: str, top: str | None) -> None:
        if top == "„":
            self._close(s, e)
        elif top == "“" and not (before.isspace() or before in "([—–-"):
            self._close(s, e)  # ASCII-ish texts that close with “
        elif top is not None:
            # a second opening while one is open: the first lost its closing mark
            self._close(s, s, closed=False)
            self._open("“", s, e)
        else:
            self._open("“", s, e)

    def _closing(self, mark: str, s: int, e: int, after: str, top: str | None) -> None:
        """A right double mark: ” or » (which opens a »German« style quotation)."""
        opened = top or ""
        if opened in ("“", "„", "«", '"', "''", "``") and (mark == "”" or opened == "«"):
            self._close(s, e)
        elif top is not None and mark == "»" and top != "«":
            self._close(s, e)
        elif top is None and mark == "»" and _is_word(after):
            self._open("»", s, e)
        elif top is None and mark == "”" and self.para[s - 1:s] in (",", "!", "?"):
            self._lost_opening(s, e)

    def _straight(self, mark: str, s: int, e: int, before: str, after: str,
                  top: str | None) -> None:
        """A straight double mark or doubled apostrophes, which open and close alike."""
        opening = not _is_word(before) and (after.strip() != "" or e == self.n)
        closing = not after.isalnum() or e == self.n
        if top in ('"', "''", "``", "“") and (closing or not opening):
            self._close(s, e)
        elif top is None and before in ",!?" and not after.strip() and self._lost_opening(s, e):
            pass
        elif top is None:
            self._open(mark, s, e)
        elif closing:
            self._close(s, e)

    def _lost_opening(self, s: int, e: int) -> bool:
        """ `… shows it," he said.` with no opening mark: the first mark of the paragraph,
        after a comma (an attribution follows), closes a quotation that began with the
        paragraph, its opening mark lost."""
        if self.out or _MARK.search(self.para, 0, s):
            return False
        cs = len(self.para) - len(self.para.lstrip())
        if s - cs < MIN_LOST_OPENING:
            return False
        self.out.append(QuoteSpan(self.base + cs, self.base + e, self.base + cs, self.base + s))
        return True

    def _open(self, mark: str, s: int, e: int) -> None:
        self.stack.append((mark, s, e))

    def _close_single(self, s: int, e: int) -> None:
        """Close the innermost open single quote; only a top-level one is a quotation."""
        stack = self.stack
        if not any(o in _SINGLE_OPEN for o, _, _ in stack):
            return
        while stack[-1][0] not in _SINGLE_OPEN:
            stack.pop()
        if len(stack) == 1:
            self._close(s, e)
        else:
            stack.pop()

    def _close(self, s: int, e: int, closed: bool = True) -> None:
        """End the top-level quotation: its content ends at `s`, its closing mark at `e`."""
        _, ms, cs = self.stack[0]
        self.stack.clear()
        base = self.base
        if s > cs:
            self.out.append(QuoteSpan(base + ms, base + e, base + cs, base + s, closed))


def is_title(text: str) -> bool:
    """A quoted title ("Collapse: How Societies Choose to Fail"), not speech."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if len(words) < 2 or text.rstrip()[-1:] in ".!?,":
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.7 * len(words) and not text.isupper()


def quote_index(doc: Doc, quotes: list[QuoteSpan]) -> list[int]:
    """For each token, the index of the quote whose marks enclose it, else -1."""
    idx = [-1] * len(doc)
    k, n = 0, len(quotes)
    for i, offset in enumerate(doc.to_array("IDX").tolist()):  # each token's offset
        while k < n and quotes[k].end <= offset:
            k += 1
        if k < n and quotes[k].start <= offset < quotes[k].end:
            idx[i] = k
    return idx


def quote_tokens(doc: Doc, q: QuoteSpan) -> tuple[int, int]:
    """Token bounds of a quotation, marks included."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    assert span is not None  # the marks are characters of tokens, so a span always expands
    return span.start, span.end
