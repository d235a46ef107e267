"""Sentences that say who took part in a meeting reported before them, without naming it
again: 'Prime Ministers A (Sweden) and B (Poland) will take part', 'participants will
include X, Y and Z', 'the ceremony was attended by …'."""

from __future__ import annotations

from cowextract.extract.context import ArticleContext
from cowextract.extract.lexicon import lexicon_re
from cowextract.extract.meetings.common import Candidate, lexicon_words
from cowextract.extract.meetings.participants import read_actors
from cowextract.extract.meetings.regions import is_clause
from cowextract.nlp.docs import span_text
from cowextract.nlp.lemmas import lemma_of


def _in_something_else(tok) -> bool:
    """'take part in the reconstruction', 'participate in guarantees': not in a meeting."""
    meeting = lexicon_re("meeting", "nouns")
    return any(c.dep_ == "prep" and c.lower_ == "in" and not any(
        meeting.fullmatch(g.text) for g in c.subtree) for c in tok.children)


def _attends(tok) -> bool:
    """'took part', 'attended', 'will participate', 'participants include', 'in attendance',
    'was present'; not 'joined the alliance', 'take part in the reconstruction'."""
    lemma = lemma_of(tok).lower()
    if lemma in ("take", "participate") and _in_something_else(tok):
        return False
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "part" for c in tok.children)
    if tok.lower_ == "attendance" and tok.head.lower_ == "in":
        return True
    if lemma not in lexicon_words("attendance_verbs"):
        return False
    if lemma == "join":  # 'joining from London were …', 'will join us online'; not 'joined
        return tok.pos_ == "VERB" and not any(  # the alliance'
            c.dep_ == "dobj" and c.lower_ not in ("us", "them", "him", "her")
            for c in tok.children)
    if lemma in ("include", "head", "lead"):  # 'participants include', 'the delegation is
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lower_ in lexicon_words("attendee_nouns")  # led by
    if lemma == "present":
        return tok.pos_ == "ADJ" and lemma_of(tok.head).lower() == "be"
    return tok.pos_ in ("VERB", "AUX")


def _subtree(tok) -> set[int]:
    out = {tok.i}
    for child in tok.children:
        if not is_clause(child):
            out |= _subtree(child)
    return out


def attendance(ctx: ArticleContext, unit, order: float) -> Candidate | None:
    """The parties a sentence says take or took part in a meeting, as a candidate that only
    adds them to the meeting reported just before (None when it names none)."""
    # most sentences say nothing of who attended: look at words only where one is
    if lexicon_re("meeting", "attendance_words").search(span_text(unit)) is None:
        return None
    forms = lexicon_words("attendance_words")
    found = [t for t in unit if t.lower_ in forms and _attends(t)]
    if not found:
        return None
    cand = Candidate(evidence=ctx.span(unit.start_char, unit.end_char), order=order,
                     attendance=True)
    for tok in found:
        head = tok.head if tok.lower_ in ("attendance", "present") else tok
        if head.dep_ in ("csubj", "advcl", "ccomp") and lemma_of(head.head) == "be":
            head = head.head  # 'joining from London were A and B'
        read_actors(ctx, unit, _subtree(head), cand, set(), [], {head.i})
    return cand if cand.actors else None
