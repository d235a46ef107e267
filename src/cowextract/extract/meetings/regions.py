"""Which words of a sentence describe which meeting: for each trigger word the region of
the dependency parse that belongs to it (its subtree without clauses of their own, plus
the adjuncts of the verb that governs it)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cowextract.extract.meetings.common import meeting_lexicon
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import ADJUNCT_DEPS, CLAUSAL_DEPS

if TYPE_CHECKING:
    pass


def is_noun(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ not in ("amod",))


def governor(tok):
    """The verb whose argument or adjunct the noun `tok` is (through one preposition, and
    through a quantity: 'held a series of meetings')."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
        if head.lower_ in meeting_lexicon()["quantity_nouns"] and head.head.i != head.i:
            return governor(head)
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return None
    return head


def _aside(tok) -> bool:
    """'…, one of Putin's staunch allies': an aside about a party, naming others."""
    return tok.dep_ == "appos" and tok.left_edge.lower_ == "one"


def region_of(tok, stop: set[int]) -> set[int]:
    """Token indices describing the meeting `tok` names: its own subtree (without clauses of
    their own), plus the adjuncts of its governing verb and who that verb's action is done
    by; subtrees rooted at `stop` (other, separate meetings) are left out."""
    def subtree(t) -> set[int]:
        out = {t.i}
        for child in t.children:
            if child.i not in stop and not is_clause(child) and not _aside(child):
                out |= subtree(child)
        return out

    region = subtree(tok)
    if tok.pos_ in ("VERB", "AUX"):
        if tok.dep_ == "amod":  # a misparse ('X hosted leaders in London'): take the noun's
            region |= subtree(tok.head)
        for doer in implied_subjects(tok):  # 'Zelensky, speaking after meeting with Macron'
            region |= subtree(doer)
        return region
    verb = governor(tok)
    if verb is None:
        return region | _caption(tok, subtree)
    region.add(verb.i)
    for child in verb.children:
        if child.i in stop or child.i in region or child.dep_ not in ADJUNCT_DEPS:
            continue
        if any(t.i == tok.i for t in child.subtree):
            continue
        region |= subtree(child)
    for doer in implied_subjects(verb):  # 'Zelensky, who attended the summit'
        region |= subtree(doer)
    return region


def shared_adjuncts(verb, stop: set[int]) -> set[int]:
    """The time and place of the verb a coordinated verb hangs from: they are said of both
    ('met in Vienna on Monday and signed an accord')."""
    head = verb.head
    out: set[int] = set()
    for child in head.children:
        if child.i in stop or child.i == verb.i or child.dep_ not in ("prep", "npadvmod"):
            continue
        if child.i > verb.i:
            continue
        sub = {t.i for t in child.subtree}
        if not sub & stop:
            out |= sub
    return out


def _caption(tok, subtree) -> set[int]:
    """'A, B and C during a summit in Brussels': in a line without a verb, the people the
    meeting phrase is said of."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            break
        if t.head.pos_ in ("VERB", "AUX"):
            return set()
        t = t.head
    if t.dep_ != "ROOT" or t.pos_ not in ("NOUN", "PROPN") or t.i == tok.i:
        return set()
    phrase = tok.head if tok.dep_ == "pobj" else tok  # 'during a summit in Brussels'
    return {s.i for s in t.subtree} - {s.i for s in phrase.subtree}


def implied_subjects(verb) -> list:
    """Who does what a verb without a subject of its own says: the noun a participle or
    relative clause describes ('Zelensky, who was received …'), the subject of the clause a
    gerund hangs from ('Zelensky, speaking after meeting with Macron'), or, for 'invited the
    leaders to take part', the leaders and who invited them."""
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WP", "WDT")
           for c in verb.children):
        return []
    t = verb
    for _ in range(4):
        if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN"):
            return [t.head]
        if t.dep_ not in ("pcomp", "prep", "advcl", "xcomp", "acl", "conj", "acomp") or \
                t.head.i == t.i:
            return []
        controlled = t.dep_ == "xcomp"
        t = t.head
        subj = [c for c in t.children if c.dep_ == "nsubj"]
        if controlled:
            subj += [c for c in t.children if c.dep_ == "dobj"]
        if subj and t.pos_ in ("VERB", "AUX"):
            return subj
    return []


def implied_subject(verb):
    """The first of `implied_subjects`, or None."""
    found = implied_subjects(verb)
    return found[0] if found else None


def refers_elsewhere(tok) -> bool:
    """'following the summit', 'after the talks': the noun names another, earlier meeting."""
    ref = set(meeting_lexicon()["reference_preps"])
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj" and (t.head.lower_ in ref or (  # 'ahead of', 'on the eve of'
                t.head.lower_ == "of" and t.head.head.lower_ in ref)):
            return True
        if t.dep_ == "prep" and t.lower_ in ref:
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def is_clause(tok) -> bool:
    """A dependent that opens a clause of its own (coordinated nouns do not, nor a clause
    that describes the meeting: 'the conference, held in Rome', 'a dinner attended by')."""
    if tok.dep_ in ("acl", "relcl") and lemma_of(tok).lower() in _describing():
        return False
    if tok.dep_ == "conj" and lemma_of(tok).lower() in _describing() and (
            tok.head.dep_ in ("acl", "relcl") or not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        return False  # 'chaired by A and attended by B', 'was inked … and witnessed by
    if tok.dep_ == "conj":
        return tok.pos_ in ("VERB", "AUX")
    return tok.dep_ in CLAUSAL_DEPS


@cache
def _describing() -> frozenset[str]:
    return frozenset(meeting_lexicon()["describing_verbs"])


def own_subtree(tok) -> set[int]:
    out = {tok.i}
    for child in tok.children:
        if not is_clause(child):
            out |= own_subtree(child)
    return out


def tail(tok, unit, trigger_ids: set[int], limit: int = 12) -> set[int]:
    """Words right after a meeting noun's phrase, up to the next verb: where a misparsed
    'a meeting between A and B at the White House on 28 February' keeps its place and date."""
    out: set[int] = set()
    i = max(own_subtree(tok)) + 1
    while i < unit.end and len(out) < limit:
        t = unit.doc[i]
        if t.pos_ in ("VERB", "AUX", "SCONJ") or t.i in trigger_ids or t.dep_ == "mark" or \
                t.text in ".;:!?«»\"“”()" or _aside(t):
            break
        out.add(i)
        i += 1
    return out


def _with_purpose(tok) -> set[int]:
    """A trigger's own phrase, and for a verb the clause of its purpose ('gathered in
    Tianjin to discuss security at the summit')."""
    out = own_subtree(tok)
    if tok.pos_ in ("VERB", "AUX"):
        for child in tok.children:
            if child.dep_ in ("xcomp", "advcl") and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                out |= own_subtree(child)
    return out


def _said_of(a, b) -> bool:
    """'Hosted by Paris and London, the meeting …': a participle said of a meeting noun."""
    return any(d.i == b.i for d in implied_subjects(a)) or any(
        d.i == a.i for d in implied_subjects(b))


def group_triggers(trigs: list, refs: set[int]) -> list[list]:
    """Triggers naming one meeting: one inside the other's own phrase ('gathered … for a
    meeting', 'the gathering of a meeting'); a referenced meeting stays on its own."""
    own = {t.i: _with_purpose(t) for t, _ in trigs}
    groups: list[list] = []
    for tok, phrase in sorted(trigs, key=lambda x: x[0].i):
        target = None
        if tok.i not in refs:
            for g in groups:
                if g[0][0].i in refs:
                    continue
                if any(tok.i in own[o.i] or o.i in own[tok.i] or _said_of(tok, o)
                       for o, _ in g):
                    target = g
                    break
        if target is None:
            groups.append([(tok, phrase)])
        else:
            target.append((tok, phrase))
    return groups
