"""The tense around a temporal expression, read from spaCy's parse: it decides whether a
bare "Friday" or "June" looks back or forward."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias

from cowextract.extract.timex.vocabulary import (
    FUTURE_AUXILIARIES,
    FUTURE_LEMMAS,
    FUTURE_MODIFIERS,
    PASS_THROUGH_POS,
)
from cowextract.nlp.lemmas import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# True: the clause looks forward; False: back; None: no direction; "present": a present
# tense that leaves the choice open; "weak-past"/"weak-future": a tense read through a noun
# phrase, which counts only against a date far on the other side
Tense: TypeAlias = bool | Literal["present", "weak-past", "weak-future"] | None
# a verb's own reading; "present-event" is a present that describes an event ("meets")
_VerbTense: TypeAlias = bool | Literal["present", "present-event"] | None


def _verb_tense(v: Token) -> _VerbTense:
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUXILIARIES:
        return True
    if v.lower_ in FUTURE_AUXILIARIES:
        return True
    if any(a.lower_ == "going" for a in auxes) and any(a.lower_ == "to" for a in auxes):
        return True
    if any(a.tag_ == "MD" for a in auxes):
        return "present"  # would, could, may: no direction
    if any(a.tag_ == "VBD" for a in auxes):
        return False
    if any(lemma_of(a) == "have" for a in auxes):
        return False
    if v.tag_ == "VBD":
        return False
    if v.tag_ == "VBN" and lemma_of(v) in FUTURE_LEMMAS and any(
            c.dep_ == "xcomp" for c in v.children):
        return True  # 'is set to meet', 'are due to sign'
    if v.tag_ == "VBN" and not auxes:
        return False
    if v.tag_ == "VBG" and any(lemma_of(a) == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return True
    if v.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        head = v.head
        if head.i != v.i and (lemma_of(head) in FUTURE_LEMMAS or (
                lemma_of(head) == "be" and head.tag_ in ("VBZ", "VBP"))):
            return True
        return None
    if v.tag_ in ("VBZ", "VBP"):
        return "present" if lemma_of(v) in ("say", "be", "have", "tell") else "present-event"
    return None


def tense(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the clause governing the characters `start:end` of `doc`, read up the
    dependency tree from the expression's root (at most eight steps)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return None
    tok = span.root
    weak = False
    for _ in range(8):
        if tok.tag_.startswith("VB") or tok.tag_ == "MD":
            r = _verb_tense(tok)
            if r == "present":
                return None
            if r == "present-event":
                return None if weak else "present"
            if r is not None:
                return ("weak-future" if r else "weak-past") if weak else r
        elif tok not in span and tok.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "amod" and c.lower_ in FUTURE_MODIFIERS for c in tok.children):
            return True
        elif tok not in span and tok.pos_ not in PASS_THROUGH_POS:
            # "payable Dec. 7", "the Nov. 1 deadline": the date modifies a noun phrase, and
            # the tense of the clause around it says little about the date
            weak = True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None
