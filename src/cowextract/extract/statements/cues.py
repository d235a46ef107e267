"""Cues: the lexicon of reporting verbs and phrases (`data/cues.json`), and reading a cue's
subject and its complement (what was said) off the dependency parse."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from cowextract.nlp.lemmas import lemma_of
from cowextract.resources import data, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Speech verbs whose statement holds a stance reported inside it (filters.drop_nested).
CORE_SPEECH = words("cues.json", "core_speech")
# Cues whose noun-phrase object is itself the content ("denied the reports", "demanded a ban").
NOMINAL_CUES = words("cues.json", "nominal")
# Cues whose noun-phrase object is the person addressed ("told reporters, …, that").
ADDRESSEE_CUES = words("cues.json", "addressee")
# Cues whose prepositional phrase is the content ("warned of", "called for"), by preposition:
# "spoke to X" names an addressee, not what was said.
PREP_CONTENT: dict[str, tuple[str, ...]] = {
    lemma: tuple(preps) for lemma, preps in data("cues.json")["prep_content"].items()}
# Belief cues whose noun-phrase object is content without a clause ("opposed the plan").
NOMINAL_BELIEF = words("cues.json", "nominal_belief")
# Belief cues that tell a person's state, not a finding, without a clause.
PERSON_STATE = words("cues.json", "person_state")
SUBJ_DEPS = words("statements.json", "subject_deps")
DOCUMENT_NOUNS = words("cues.json", "document_nouns")
# Cues whose predicate ("called it 'reckless'", "described it as 'useful'") is the content;
# those that name take it bare ("called it 'reckless'"), the others after "as" only.
PREDICATIVE = words("cues.json", "predicative")
NAMING = words("cues.json", "naming")
# Nouns for people who speak: the subject a relative clause's parse can hide.
PERSON_NOUNS = words("cues.json", "person_nouns")
# Prepositional phrases after a noun-phrase content that belong to it, by cue.
OBJECT_PREPS: dict[str, tuple[str, ...]] = {
    lemma: ("as", "for", *preps) for lemma, preps in data("cues.json")["object_preps"].items()}
# Conjunctions of a contrast the writer adds after a reported clause.
CONTRAST_MARKS = ("while", "whereas")
# Verbs that are cues only with one of these particles or predicates ("set out", "made clear").
PHRASAL: dict[str, tuple[str, ...]] = {
    lemma: tuple(parts) for lemma, parts in data("cues.json")["phrasal"].items()}


@dataclass(frozen=True)
class Cues:
    """The cue lexicon (`data/cues.json`)."""

    speech: frozenset[str]
    belief: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    source_nouns: frozenset[str]
    group_nouns: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    agent_nouns: frozenset[str] = frozenset()
    non_agent_suffixes: tuple[str, ...] = ()
    media_nouns: frozenset[str] = frozenset()
    media_names: tuple[str, ...] = ()
    media_canonical: Mapping[str, str] = field(default_factory=dict)
    thing_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Load the packaged cue lexicon once."""
    raw = data("cues.json")
    return Cues(
        speech=frozenset(raw["speech"]),
        belief=frozenset(raw["belief"]) - frozenset(raw["speech"]),
        phrases=tuple(tuple(p) for p in raw["phrases"]),
        source_nouns=frozenset(raw["source_nouns"]),
        group_nouns=frozenset(raw["group_nouns"]),
        male=frozenset(raw["male"]),
        female=frozenset(raw["female"]),
        agent_nouns=frozenset(raw["agent_nouns"]),
        non_agent_suffixes=tuple(raw["non_agent_suffixes"]),
        media_nouns=frozenset(raw["media_nouns"]),
        media_names=tuple(raw["media_names"]),
        media_canonical=dict(raw["media_canonical"]),
        thing_nouns=frozenset(raw["thing_nouns"]),
        document_nouns=frozenset(raw.get("document_nouns", ())),
    )


def cue_subject(tok: Token, depth: int = 0) -> Token | None:
    """The subject of a cue; for a participle or conjoined cue without its own ("…, saying
    …", "… and announced …"), the subject of the verb it hangs on."""
    for c in tok.children:
        # a closing quotation mark is sometimes parsed as the subject of the cue after it
        if c.dep_ in ("nsubj", "csubj") and not (c.is_punct or c.is_space):
            return c
    for c in tok.children:
        if c.dep_ == "nsubjpass" and lemma_of(tok) in ("quote", "cite"):
            return c
    agent = _agent(tok)
    if agent is not None and lemma_of(tok).lower() in PREDICATIVE:
        return agent  # "(the force,) described by the minister as 'a deterrent'"
    if depth < 3 and tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.tag_ == "VBG":
        # "characterised the meeting as addressing …, stating …": through the preposition
        return cue_subject(tok.head.head, depth + 1) if tok.head.head.i != tok.head.i else None
    if tok.dep_ == "acl" and tok.head.i != tok.i:
        return _noun_speaker(tok, depth)
    if depth < 3 and tok.dep_ in ("conj", "advcl", "xcomp", "pcomp") and tok.head.i != tok.i:
        if tok.dep_ == "advcl" and tok.tag_ != "VBG" and not (
                tok.tag_ == "VB" and any(c.lower_ == "to" for c in tok.children)):
            return None  # but "took to social media to say …" is the subject's
        return cue_subject(tok.head, depth + 1)
    return None


def _agent(tok: Token) -> Token | None:
    """Who does what a passive cue says: the object of its "by" phrase."""
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _noun_speaker(tok: Token, depth: int) -> Token | None:
    """The speaker of a cue that modifies a noun: the noun ("officials urging calm", "with
    Merz urging more pressure", "a step one diplomat called 'reckless'"), or for a document
    the one who issued it ("X issued a statement saying …")."""
    noun = tok.head
    if tok.tag_ == "VBG":
        if lemma_of(noun).lower() in DOCUMENT_NOUNS and noun.dep_ in ("dobj", "pobj") and (
                depth < 3):
            return cue_subject(noun.head, depth + 1)
        return noun if noun.pos_ in ("NOUN", "PROPN", "PRON") else None
    doc = tok.doc
    if tok.tag_ in ("VBD", "VBN") and noun.pos_ == "NOUN" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children) and (
            lemma_of(noun).lower() in PERSON_NOUNS) and not doc[tok.i - 1].is_punct:
        # "a step one diplomat called 'reckless'": a relative clause whose subject the parse
        # took for the noun it modifies; a name for a predicate is a naming ("a man called
        # John"), not words said
        pred = predicate(tok) if lemma_of(tok).lower() in PREDICATIVE else None
        if pred is not None and not any(t.pos_ == "PROPN" for t in tok.doc[pred[0]:pred[1]]):
            return noun
    return None


def has_clause(tok: Token) -> bool:
    """Whether the cue governs a clause (ccomp or xcomp) rather than a noun phrase."""
    return any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)


def cue_positions(doc: Doc, q_by_cue: Mapping[int, object]) -> list[int]:
    """The tokens that can start a statement, in order: those `is_cue` may accept (verbs
    and auxiliaries, "says" tagged as a noun), "according" and the cues quotes were given to.
    Read from the token arrays, so the article's other tokens are never made into objects."""
    strings = doc.vocab.strings
    pos, tag, lower = doc.to_array(["POS", "TAG", "LOWER"]).T
    found = ((pos == strings["VERB"]) | (pos == strings["AUX"])
             | ((pos == strings["NOUN"]) & (tag == strings["VBZ"]))
             | (lower == strings["according"]))
    return sorted(set(found.nonzero()[0].tolist()) | q_by_cue.keys())


def is_cue(tok: Token, cues: Cues) -> str | None:
    """'speech' or 'belief' when `tok` is a reporting verb."""
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.tag_ == "VBZ"):
        return None
    lemma = lemma_of(tok).lower()
    if lemma in PHRASAL:
        parts = PHRASAL[lemma]
        near = tok.doc[tok.i + 1:tok.i + 3]  # "made clear", "made it clear"
        if any(c.lower_ in parts and c.dep_ in ("prt", "acomp", "oprd", "ccomp", "advmod")
               for c in tok.children) or any(t.lower_ in parts and t.pos_ != "ADP"
                                             for t in near) or (
                "as" in parts and predicate(tok) is not None):
            return "speech"
    if lemma in cues.speech:
        return "speech"
    if lemma in cues.belief:
        return "belief"
    return None


def complement(tok: Token, kind: str) -> tuple[int, int] | None:
    """Token bounds of the cue's complement to its right, or None. A belief takes a finite
    clause ("expects that …"), not an infinitive ("expects to meet", "agreed to send"): an
    intention or a plan, not something said."""
    lemma = lemma_of(tok).lower()
    pred = predicate(tok) if lemma in PREDICATIVE else None
    if pred is not None:
        return pred
    clause = [c for c in tok.rights if c.dep_ == "ccomp" or (
        c.dep_ == "xcomp" and kind == "speech")]
    clause = [c for c in clause if not any(  # "found himself swarmed": no finding
        g.dep_ == "nsubj" and g.lower_.endswith(("self", "selves")) for g in c.children)]
    # "made clear that …": the clause hangs on the predicate that makes the verb a cue
    clause = [k for c in clause for k in (
        [g for g in c.rights if g.dep_ in ("ccomp", "csubj")] if c.lower_ in PHRASAL.get(lemma, ())
        else [c])]
    objs = [c for c in tok.rights if c.dep_ in ("dobj", "attr", "oprd", "acomp")
            and c.lower_ not in PHRASAL.get(lemma, ()) and not (
                c.tag_ == "PRP" and c.lower_.endswith(("self", "selves")))]  # "found himself"
    preps = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in PREP_CONTENT.get(lemma, ())]
    if not clause and lemma not in NOMINAL_CUES:
        objs = []
    if clause and objs and objs[0].i < clause[0].i and lemma in NOMINAL_CUES and (
            lemma not in ADDRESSEE_CUES) and any(
            t.text == "," for t in tok.doc[objs[0].i:clause[0].i]):
        clause = []  # "denied reports that …, as …": a comma parts the object from a clause
    parts = clause or objs
    if not parts:
        if kind == "belief":
            return None
        parts = preps
        if not parts:
            return None
    if kind == "belief" and not clause and lemma not in NOMINAL_BELIEF:
        return None
    start = min(p.left_edge.i for p in parts)
    while start < tok.i + 3 and tok.doc[start].lower_ in PHRASAL.get(lemma, ()):
        start += 1  # "made clear that …": the predicate is the cue's, not the content's
    end = max(_right_edge(p) if parts is objs else _clause_end(p) for p in parts)
    # include the phrases of the noun-phrase content after it ("accused X of …"), and the
    # condition of a threat or promise ("threatened to strike if talks failed")
    preps_after = OBJECT_PREPS.get(lemma, ("as", "for"))
    for c in tok.rights:
        if c.i > end and c.dep_ in ("prep", "advcl", "oprd") and parts is objs and (
                c.lower_ in preps_after):
            end = max(end, c.right_edge.i)
        elif c.i > end and c.dep_ == "advcl" and parts is clause and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
            end = max(end, c.right_edge.i)
    return start, end + 1


def _clause_end(head: Token) -> int:
    """The last token of a reported clause, without a contrast the writer adds after a comma
    (", while proponents see …", ", whereas …": a clause with a subject of its own)."""
    doc, end = head.doc, head.right_edge.i
    has_aux = any(c.dep_ in ("aux", "auxpass") for c in head.children)
    for c in head.rights:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONTRAST_MARKS
                                     for m in c.children) and any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children) and (
                doc[c.left_edge.i - 1].text in (",", ";", "—", "–")):
            end = min(end, c.left_edge.i - 2)
        elif c.lower_ == "according" and doc[c.i - 1].text == ",":
            end = min(end, c.i - 2)  # "…, according to the ministry": the source's, not said
        elif c.dep_ == "conj" and has_aux and c.tag_ == "VBD" and not any(
                g.dep_ in ("nsubj", "nsubjpass", "aux") for g in c.children):
            # "said they had made progress but provided few details": a past tense without
            # the clause's auxiliary goes with the speaker, not with what was said
            cc = [g for g in head.rights if g.dep_ == "cc" and g.i < c.i]
            end = min(end, (cc[-1].i if cc else c.left_edge.i) - 1)
    return end


def predicate(tok: Token) -> tuple[int, int] | None:
    """ "called the plan 'reckless'", "described the talks as useful", "referred to the deal
    as a step": the predicate given the object is the content (token bounds), or None."""
    doc = tok.doc
    naming = lemma_of(tok).lower() in NAMING
    for c in _predicate_heads(tok):
        if (c.dep_ == "oprd" and naming) or (c.dep_ == "prep" and c.lower_ == "as"):
            first = c.i + 1 if c.dep_ == "prep" else c.left_edge.i
            return _to_quote(doc, first, c.right_edge.i + 1) if c.right_edge.i >= first else None
    for c in tok.rights if naming else ():  # "called the fate of the talks “a key question”"
        if c.dep_ == "dobj":
            for a in c.rights:
                if a.dep_ in ("appos", "attr") and (
                        doc[a.left_edge.i - 1].is_quote or a.left_edge.is_quote):
                    return _to_quote(doc, a.left_edge.i, a.right_edge.i + 1)
    return None


def _predicate_heads(tok: Token) -> list[Token]:
    """The cue's right children, and the "as" phrases its object or its "to" phrase holds in
    the parse ("described the visit as …", "referred to X as Y")."""
    heads = list(tok.rights)
    for c in tok.rights:
        if (c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "dobj":
            heads += [g for g in c.rights if g.dep_ == "prep" and g.lower_ == "as"]
    return heads


def _to_quote(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A predicate's bounds fitted to the quotation it opens or holds: "as a “disgrace”
    Wednesday on air" ends at the closing mark, and a quotation begun inside runs to its
    close."""
    sent_end = doc[start].sent.end
    marks = [i for i in range(max(start - 1, 0), min(end + 40, sent_end)) if doc[i].is_quote]
    if not marks or marks[0] >= end:
        return start, end
    opening = marks[0]
    closing = next((i for i in marks[1:] if i > opening), None)
    if closing is None:
        return start, end
    if all(doc[i].pos_ in ("DET", "ADJ") for i in range(start, opening)):
        return start, max(closing, start + 1)  # "as a “disgrace” on Monday"
    return start, max(end, closing)


def _right_edge(tok: Token) -> int:
    """Right edge of a noun phrase without what follows a comma as a gloss: an apposition
    ("its contributions, a commitment reiterated by …"), a non-restrictive clause or an
    adjunct ("reports that China would join, as partaking … was viewed …")."""
    doc = tok.doc
    end = tok.i
    for c in tok.rights:
        if c.dep_ in ("appos", "prep", "advcl", "relcl", "acl") and c.left_edge.i > tok.i and (
                doc[c.left_edge.i - 1].text == ","):
            break
        end = max(end, c.i if c.dep_ == "punct" else _right_edge(c))
    return end


def fronted_content(doc: Doc, tok: Token, subj: Token, qidx: list[int]) -> tuple[int, int] | None:
    """Content before the cue: "Y, X said." (the cue parsed as the root, Y its left clause, or
    the cue parsed as a parenthetical of Y)."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in tok.rights):
        return None  # "Portugal has pledged €226 million": the cue has its own complement
    sent = tok.sent
    left = [c for c in tok.lefts if c.dep_ in ("ccomp", "parataxis", "advcl") and c.i < subj.i]
    if left:
        start = min(c.left_edge.i for c in left)
        end = max(c.right_edge.i for c in left) + 1
        return start, end
    if tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i < tok.i and subj.i < tok.i:
        start = sent.start
        end = subj.left_edge.i
        if end - start >= 3 and doc[end - 1].text in (",", "—", "–", "-"):
            return start, end
    return None
