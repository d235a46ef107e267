"""Pledging clauses: the commitment words of a sentence, and whether each is hypothetical,
negated, or a refusal of the speaker's own contribution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cowextract.extract.lexicon import lexicon_re
from cowextract.extract.pledges.common import lex
from cowextract.nlp.docs import span_text

if TYPE_CHECKING:
    from spacy.tokens import Token

_TRIGGER_KEYS = {"refuse": "refuse_verbs", "verb": "commit_verbs", "ready": "ready_words",
                 "noun": "commit_nouns"}


def trigger_tokens(unit) -> list[tuple[Token, str]]:
    """(token, kind) for every commitment word of the unit: kind is verb, ready, noun or
    refuse."""
    text = span_text(unit)
    # Most sentences hold none of the words: one scan for all four lists tells.
    if lexicon_re("pledge", *_TRIGGER_KEYS.values()).search(text) is None:
        return []
    out = []
    seen = set()
    for kind, key in _TRIGGER_KEYS.items():
        for m in lexicon_re("pledge", key).finditer(text):
            span = unit.doc.char_span(unit.start_char + m.start(), unit.start_char + m.end(),
                                      alignment_mode="expand")
            if span is None:
                continue
            tok = span.root
            if tok.i in seen:
                continue
            if kind in ("verb", "refuse") and tok.pos_ not in ("VERB", "AUX"):
                continue
            if kind == "noun" and tok.pos_ not in ("NOUN", "PROPN"):
                continue
            seen.add(tok.i)
            out.append((tok, kind))
    return sorted(out, key=lambda x: x[0].i)


def hypothetical(tok, unit) -> bool:
    """Inside an 'if'/'whether' clause, or a 'how …' question."""
    t = tok
    for _ in range(6):
        if not unit.start <= t.i < unit.end:
            break
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless"):
                return True
            if c.dep_ == "advmod" and c.lower_ in ("how", "whether") and c.i < t.i:
                return True
        if t.head is t:
            break
        t = t.head
    return False


def refuses_contribution(tok) -> bool:
    """'refused to send', 'ruled out sending': a refusal is a pledge only when what is refused
    is the refuser's own contribution, not 'declined to name them' or 'rejects any
    deployment' (of others)."""
    verbs = set(lex()["commit_verbs"])
    for c in tok.children:
        if c.dep_ in ("xcomp", "dobj", "pcomp", "advcl", "conj") and c.lower_ in verbs:
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pcomp" and g.lower_ in verbs
                                    for g in c.children):
            return True
    return False


def negated(tok) -> bool:
    t = tok
    for _ in range(3):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if t.dep_ in ("xcomp", "conj", "acomp") and t.head is not t:
            t = t.head
            continue
        break
    return False


def next_infinitive(tok, unit):
    """The first 'to' + verb after an intransitive commitment verb, when it has no subject
    of its own."""
    if any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in tok.children):
        return None
    for t in unit:
        if t.i <= tok.i or t.pos_ != "VERB":
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return t
    return None
