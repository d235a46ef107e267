"""Pages cut mid-sentence: scraped pages often end in the middle of a sentence ("This
follows a previous package of £"). That last, unfinished sentence gives no event."""

from __future__ import annotations

import re

from cowextract.prepare.titles import DISPLACED_MIN_WORDS, looks_like_title

CLOSERS = "\"'”’»“)\\]"
# A line ends finished with a sentence's end, or a closing quote or bracket (a quoted
# line, a subheading in quotation marks).
FINISHED_RE = re.compile(rf"(?:[.!?…]|[{CLOSERS}])$")
SENTENCE_END_RE = re.compile(rf"[.!?…][{CLOSERS}]*\s+")


def unfinished_tail(text: str) -> int | None:
    """Where the text's last, unfinished sentence starts, or None when the text ends with
    a finished one (or with a table row, or a headline printed after the body). A text of
    one paragraph is not a page that could have been cut."""
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
    return line_start + (ends[-1].end() if ends else 0)
