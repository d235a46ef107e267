"""Pages cut mid-sentence: scraped pages often end in the middle of a sentence ("This
follows a previous package of £"). What the cut leaves unfinished gives no event: the last
clause of that sentence, or the whole sentence when it has one clause. Earlier clauses of it
are whole ("X suggested the UK could send troops if a truce holds, but urged Washing…"), and
what they report stands."""

from __future__ import annotations

import re

from cowextract.prepare.titles import DISPLACED_MIN_WORDS, looks_like_title

CLOSERS = "\"'”’»“)\\]"
# A line ends finished with a sentence's end, or a closing quote or bracket (a quoted
# line, a subheading in quotation marks).
FINISHED_RE = re.compile(rf"(?:[.!?…]|[{CLOSERS}])$")
SENTENCE_END_RE = re.compile(rf"[.!?…][{CLOSERS}]*\s+")
# Where a clause of a sentence ends and another begins.
CLAUSE_BREAK_RE = re.compile(r"[,;:–—]\s+|(?<=\s)(?:but|and|or|while|whereas|although|though|"
                             r"which|who|because|as|after|before|when)\s+")


def unfinished_tail(text: str) -> int | None:
    """Where the unfinished part of the text's last sentence starts (its last clause, or
    the sentence when it has one), or None when the text ends with a finished sentence (or
    with a table row, or a headline printed after the body). A text of one paragraph is not
    a page that could have been cut."""
    stripped = text.rstrip()
    line_start = stripped.rfind("\n") + 1
    if not line_start:
        return None
    last = stripped[line_start:]
    if not last or FINISHED_RE.search(last) or last.count("|") >= 2:
        return None
    if len(last.split()) >= DISPLACED_MIN_WORDS and looks_like_title(last, title_case=True):
        return None
    ends = list(SENTENCE_END_RE.finditer(last))
    start = ends[-1].end() if ends else 0
    breaks = list(CLAUSE_BREAK_RE.finditer(last, start))
    return line_start + (breaks[-1].end() if breaks else start)
