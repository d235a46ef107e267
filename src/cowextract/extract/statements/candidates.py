"""A statement under construction: its speaker, cue and content spans, as the attribution
passes build it and the filters reshape it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from cowextract.extract.statements.quotes import QuoteSpan
    from cowextract.extract.statements.speakers import Speaker


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Char span of tokens start:end without edge punctuation and quote marks."""
    def edge(t: Token, keep: str) -> bool:
        return (t.is_punct or t.is_space) and t.text != keep

    while start < end and edge(doc[start], "["):
        start += 1
    while end > start and (edge(doc[end - 1], "]") or doc[end - 1].pos_ == "CCONJ"):
        end -= 1
    if start >= end:
        return -1, -1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def strip_text(text: str) -> str:
    """`text` without surrounding space, quotation marks and punctuation."""
    return text.strip().strip("\"“”„«»‘’'`,;:—–- ").strip()


@dataclass
class Candidate:
    """A statement under construction."""

    speaker: Speaker
    cue: str
    cue_start: int
    cue_end: int
    parts: list[tuple[int, int]]  # content spans (chars)
    direct: bool
    quotes: list[QuoteSpan] = field(default_factory=list)
    lemma: str = ""
    nominal: bool = False  # the content is the cue's noun-phrase object
    participle: bool = False  # ", saying …": a cue without a subject of its own
    coordinated: bool = False  # "…, and announced …": a cue conjoined to another verb
    predicative: bool = False  # "called it 'reckless'": the content is the cue's predicate

    def span(self) -> tuple[int, int]:
        """The characters of the whole attribution: speaker, cue, content and quotes."""
        lo = [self.speaker.start, self.cue_start] + [s for s, _ in self.parts]
        if self.cue_start < 0:
            lo = [s for s, _ in self.parts]
        hi = [self.speaker.end, self.cue_end] + [e for _, e in self.parts]
        lo += [q.start for q in self.quotes]
        hi += [q.end for q in self.quotes]
        lo = [x for x in lo if x >= 0]
        hi = [x for x in hi if x >= 0]
        return min(lo), max(hi)
