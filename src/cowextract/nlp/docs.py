"""The one owner of what cowextract caches on a spaCy `Doc` (`doc.user_data`): the text,
the entities and their bounds, and the sentence units. Extractors read these through the
functions here; `release` drops them once an article is done."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

TEXT = "cowextract.text"
ENTS = "cowextract.ents"
ENT_BOUNDS = "cowextract.ent_bounds"
UNITS = "cowextract.units"


def doc_text(doc) -> str:
    """`doc.text`, built once: spaCy joins every token's text on each access."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def span_text(span) -> str:
    """`span.text`, cut from the cached `doc_text` instead of joined from its tokens."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def share_text(doc, text: str) -> None:
    """Let `doc_text` return `text`, the string the Doc was made from, instead of joining
    the tokens again (a Doc over other text is left alone)."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data.setdefault(TEXT, text)


def doc_ents(doc) -> tuple:
    """`doc.ents`, built once: spaCy makes a new tuple of spans on each access."""
    ents = doc.user_data.get(ENTS)
    if ents is None:
        ents = doc.user_data[ENTS] = tuple(doc.ents)
    return ents


def ent_at(doc, i: int):
    """The entity token `i` of `doc` is part of, if any (found by bisection)."""
    ents = doc_ents(doc)
    starts, ends = _bounds(doc, ents)
    k = bisect_right(starts, i) - 1
    return ents[k] if k >= 0 and i < ends[k] else None


def _bounds(doc, ents) -> tuple[list[int], list[int]]:
    bounds = doc.user_data.get(ENT_BOUNDS)
    if bounds is None:
        bounds = doc.user_data[ENT_BOUNDS] = ([e.start for e in ents], [e.end for e in ents])
    return bounds


def span_ents(span) -> list:
    """`span.ents` from the cached entities (spaCy rebuilds the document's on each access).
    A document's entities are sorted and do not overlap, so those inside a span are a run of
    them: found by bisection, not by testing every one."""
    ents = doc_ents(span.doc)
    starts, ends = _bounds(span.doc, ents)
    lo = bisect_left(starts, span.start)
    hi = bisect_right(ends, span.end, lo)
    return list(ents[lo:hi])


def units(doc) -> list:
    """Sentences, further cut at line breaks (the parser often runs a heading or a table line
    into the next paragraph's sentence). Built once per Doc: meetings and pledges both read
    them."""
    found = doc.user_data.get(UNITS)
    if found is None:
        found = doc.user_data[UNITS] = list(_units(doc))
    return found


def _units(doc):
    """Sentences, cut at line breaks."""
    breaks = line_break_tokens(doc)
    b = 0
    for sent in doc.sents:
        start = sent.start
        while b < len(breaks) and breaks[b] < sent.end:
            if breaks[b] > start:
                yield doc[start:breaks[b]]
            start = breaks[b] + 1
            b += 1
        if start < sent.end:
            yield doc[start:sent.end]


def line_break_tokens(doc) -> list[int]:
    """Indices of the tokens holding a line break, in order. A token's trailing whitespace
    is one space at most, so line breaks are whitespace tokens of their own: they are found
    in the token array without visiting the other tokens."""
    from spacy.attrs import IS_SPACE

    return [i for i in doc.to_array(IS_SPACE).nonzero()[0].tolist() if "\n" in doc[i].text]


def release(doc) -> None:
    """Drop what the extractors cached on `doc`: the entities and units point back at the
    Doc, and left there each Doc waits for a full garbage collection."""
    doc.user_data.clear()
