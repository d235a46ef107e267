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


_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", '"': '"', "''": "''", "``": "''", "»": "«"}
_SINGLE_OPEN = {"‘": "’", "'": "'", "‚": "‘", "‹": "›"}
_MARK = re.compile(r"''|``|[\"“”„«»‘’'‚‹›]")


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quotations in `text`, paired per paragraph; an unclosed quote ends at its
    paragraph's end (so a missing mark cannot swallow the article)."""
    out: list[QuoteSpan] = []
    pos = 0
    for para in text.split("\n"):
        out.extend(_paragraph_quotes(para, pos))
        pos += len(para) + 1
    return out


def _paragraph_quotes(para: str, base: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    stack: list[tuple[str, int, int]] = []  # (opening mark, mark start, content start)
    n = len(para)
    for m in _MARK.finditer(para):
        mark, s, e = m.group(), m.start(), m.end()
        before = para[s - 1] if s > 0 else " "
        after = para[e] if e < n else " "
        if mark in ("'", "’", "‘", "‚", "‹", "›"):
            if _is_word(before) and _is_word(after):
                continue  # apostrophe inside a word: don't, Ukraine’s
            if mark in ("'", "’") and _is_word(before) and not _is_word(after):
                # closing single mark, or a plural possessive (leaders' plans)
                _close_single(out, stack, base, s, e)
                continue
            straight_open = mark == "'" and not _is_word(before) and _is_word(after)
            if mark in ("‘", "‚", "‹") or straight_open:
                if mark == "‘" and stack and stack[-1][0] == "‚":
                    stack.pop()
                else:
                    stack.append((mark, s, e))
                continue
            if mark in ("’", "›"):
                _close_single(out, stack, base, s, e)
            continue
        top = stack[0] if stack else None
        if mark == "“":
            if top and top[0] == "„":
                _close(out, stack, base, s, e)
            elif top and top[0] == "“" and not (before.isspace() or before in "([—–-"):
                _close(out, stack, base, s, e)  # ASCII-ish texts that close with “
            elif top:
                # a second opening while one is open: the first lost its closing mark
                _close(out, stack, base, s, s, closed=False)
                stack.append((mark, s, e))
            else:
                stack.append((mark, s, e))
        elif mark in ("”", "»"):
            opened = top[0] if top else ""
            if opened in ("“", "„", "«", '"', "''", "``") and (mark == "”" or opened == "«"):
                _close(out, stack, base, s, e)
            elif top and mark == "»" and top[0] != "«":
                _close(out, stack, base, s, e)
            elif not top and mark == "»" and _is_word(after):
                stack.append(("»", s, e))  # »German« style
            elif top and top[0] == "»":
                pass
        elif mark == "«":
            if top and top[0] == "»":
                _close(out, stack, base, s, e)
            elif not top:
                stack.append((mark, s, e))
        elif mark == "„":
            if not top:
                stack.append((mark, s, e))
        else:  # straight double or doubled apostrophes
            opening = not _is_word(before) and (after.strip() != "" or e == n)
            closing = not after.isalnum() or e == n
            if top and top[0] in ('"', "''", "``", "“") and (closing or not opening):
                _close(out, stack, base, s, e)
            elif not top:
                stack.append((mark, s, e))
            elif closing:
                _close(out, stack, base, s, e)
    if stack:
        _close(out, stack, base, n, n, closed=False)
    return out


def _close_single(out: list[QuoteSpan], stack: list, base: int, s: int, e: int) -> None:
    """Close the innermost open single quote; only a top-level one is a quotation."""
    if not any(o in _SINGLE_OPEN for o, _, _ in stack):
        return
    while stack[-1][0] not in _SINGLE_OPEN:
        stack.pop()
    if len(stack) == 1:
        _close(out, stack, base, s, e)
    else:
        stack.pop()


def _close(out: list[QuoteSpan], stack: list, base: int, s: int, e: int,
           closed: bool = True) -> None:
    _, ms, cs = stack[0]
    stack.clear()
    if s > cs:
        out.append(QuoteSpan(base + ms, base + e, base + cs, base + s, closed))


def is_title(text: str) -> bool:
    """A quoted title ("Collapse: How Societies Choose to Fail"), not speech."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if len(words) < 2 or text.rstrip()[-1:] in ".!?,":
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.7 * len(words) and not text.isupper()


def quote_index(doc: Doc, quotes: list[QuoteSpan]) -> list[int]:
    """For each token, the index of the quote whose marks enclose it, else -1."""
    from spacy.attrs import IDX

    idx = [-1] * len(doc)
    k, n = 0, len(quotes)
    for i, offset in enumerate(doc.to_array(IDX).tolist()):  # each token's offset
        while k < n and quotes[k].end <= offset:
            k += 1
        if k < n and quotes[k].start <= offset < quotes[k].end:
            idx[i] = k
    return idx


def quote_tokens(doc: Doc, q: QuoteSpan) -> tuple[int, int]:
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    return span.start, span.end
