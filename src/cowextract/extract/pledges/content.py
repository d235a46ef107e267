"""What a pledge gives, how much, and on what condition: read from the trigger's region of
the parse."""

from __future__ import annotations

import re
from typing import cast

from cowextract.extract.amounts import ParsedAmount, find_counts, find_money
from cowextract.extract.lexicon import find_phrases
from cowextract.extract.pledges.common import lex
from cowextract.models import What
from cowextract.nlp.docs import doc_text

CONDITION_RE = re.compile(
    r"\b(?:once|if|unless|provided(?: that)?|as soon as|in the event (?:of|that)|after|"
    r"should|when|conditional on|subject to|until)\b[^.;:,«»“”\"]{3,120}", re.IGNORECASE)


def region_of(tok) -> list:
    """The trigger and what it governs, without other clauses' subjects."""
    out = {tok.i}
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "mark", "parataxis", "ccomp"):
            continue
        if c.dep_ == "advcl" and c.tag_ != "VBG" and not any(
                x.dep_ == "aux" and x.lower_ == "to" for x in c.children):
            continue  # a condition or a circumstance; 'to deploy' is the content
        out |= {x.i for x in c.subtree}
    return [tok.doc[i] for i in sorted(out)]


def _what_hits(text: str, base: int) -> list[tuple[int, What]]:
    lx = lex()
    trig_words = set(lx["commit_nouns"])
    hits: list[tuple[int, What]] = []
    for name, words in lx["what"].items():
        for m in find_phrases(text, words):
            if name != "money" and any(w in m.group(0).lower().split() for w in trig_words):
                continue  # 'security commitments': the commitment, not its content
            hits.append((base + m.start(), cast(What, name)))  # the lexicon's keys
    for money in find_money(text):
        hits.append((base + money.start, "money"))
    return hits


def what_of(tok, region: list) -> tuple[What | None, list[tuple[What, int]]]:
    """The kind of contribution nearest the trigger in its region, and further kinds added
    with 'in addition to' / 'as well as'."""
    if not region:
        return None, []
    doc = tok.doc
    start, end = region[0].idx, region[-1].idx + len(region[-1].text)
    text = doc_text(doc)[start:end]
    hits = [(pos, name) for pos, name in _what_hits(text, start)
            if doc[doc.char_span(pos, pos + 1, alignment_mode="expand").start].i
            in {t.i for t in region}] if text else []
    if not hits:
        return None, []
    main = min(hits, key=lambda h: (h[0] < tok.idx, abs(h[0] - tok.idx)))[1]
    extra: list[tuple[What, int]] = []
    for m in find_phrases(text, lex()["additive"]):
        after = [(p, n) for p, n in hits if p >= start + m.end()]
        if after:
            n = min(after)[1]
            if n != main and n not in [e[0] for e in extra]:
                extra.append((n, start + m.start()))
    return main, extra


def amount_of(text: str, what: str) -> ParsedAmount | None:
    if what == "money":
        money = find_money(text)
        return money[0] if money else None
    counts = find_counts(text)
    if what == "troops":
        for unit in ("troops", "countries"):
            match = next((c for c in counts if c.unit == unit), None)
            if match:
                return match
        return None
    if what == "equipment":
        return next((c for c in counts if c.unit in lex()["equipment_units"]), None)
    return next((c for c in counts if c.unit == "countries"), None)


def condition_of(text: str) -> str | None:
    for m in CONDITION_RE.finditer(text):
        clause = m.group(0).strip()
        if any(h in clause.lower() for h in lex()["condition_hints"]):
            return clause
    return None
