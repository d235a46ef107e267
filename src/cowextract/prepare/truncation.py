"""Pages cut mid-sentence: scraped pages often end in the middle of a sentence ("This
follows a previous package of £", "the envoys met on the margins of the Nordic Co"). The
cut may have broken the last word, and with it a meeting's name or a pledge's amount: a
meeting or pledge reported in the unfinished part (the last clause of that sentence, or
the whole sentence when it has one clause) whose words run into that word gives no event.
What the unfinished part reports before it stands ("the envoys met"), as do the earlier
clauses ("X suggested the UK could send troops if a truce holds, but urged Washing…") and
the words a speaker is reported to have said up to the cut: they are what the page says.
"""

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


def cut_word(text: str) -> tuple[int, int] | None:
    """Where the unfinished part of a cut page starts (`unfinished_tail`) and where its
    last word, the one the cut may have broken, starts; None for a finished page."""
    tail = unfinished_tail(text)
    if tail is None:
        return None
    stripped = text.rstrip()
    return tail, len(stripped) - len(stripped.split()[-1])
