"""Whether what a sentence says of a meeting pins one down: a day, a place, two parties
meeting ('A met B', 'in a meeting with B, A said …'), a reference back to one, or a week or
month. Weak words ('visit', 'call', 'discussions') need more than that."""

from __future__ import annotations

from cowextract.extract.lexicon import lexicon_re
from cowextract.extract.meetings.common import Candidate, meeting_lexicon
from cowextract.extract.meetings.regions import governor, implied_subject
from cowextract.nlp.lemmas import lemma_of

_PARTY = ("PERSON", "GPE", "NORP", "ORG")


def two_sides(verb) -> bool:
    """'A met B', 'leaders spoke to B', 'the accord was signed by A and B': a meeting verb
    with a subject and a counterpart."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    deps = {c.dep_: c for c in verb.children}
    signs = meeting_lexicon()["sign_verbs"]
    if "agent" in deps and (verb.lower_ in signs or lemma_of(verb).lower() in signs):
        return True
    subject = "nsubj" in deps or "nsubjpass" in deps or implied_subject(verb) is not None
    # the counterpart is a party ('hosted leaders', 'met a Russian delegation'), not the
    # meeting itself ('hosted the banquet'), or the party the meeting held is with ('held
    # talks with B')
    meeting = lexicon_re("meeting", "nouns")
    other = any(d in deps and not meeting.fullmatch(deps[d].text) for d in ("dobj", "oprd")) \
        or any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children) \
        or ("dobj" in deps and lemma_of(verb).lower() in ("have", "hold")
            and _with_party(deps["dobj"]))
    return subject and other


def _with_party(tok) -> bool:
    """'a meeting with Maldivian Foreign Minister Abdulla Khaleel': a party after 'with'."""
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        g.ent_type_ in _PARTY for g in c.subtree) for c in tok.children)


def _met_with(tok) -> bool:
    """'In a meeting with X, Y said …', 'he had a chat with X', 'A held talks with B': a
    meeting noun with its counterpart (after 'with', on the noun or on the verb that holds
    it), said of the subject of the clause it is in."""
    if tok.pos_ in ("VERB", "AUX"):
        return False
    verb = governor(tok)
    if verb is None:
        return False
    # held or had ('had a chat with'), or the setting of what was said ('in a meeting
    # with'); not one objected to or waited for
    held = tok.dep_ == "dobj" and lemma_of(verb).lower() in ("have", "hold")
    setting = tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "at")
    if not (held and (_with_party(tok) or _with_party(verb))
            or setting and _with_party(tok)):
        return False
    return any(c.dep_ == "nsubj" for c in verb.children) or implied_subject(verb) is not None


def identifies_meeting(group, head, cand: Candidate) -> bool:
    """Whether what was read pins down one meeting (and whether it names its two sides)."""
    named = bool(cand.actors) or cand.party_ref in ("two", "all", "sides")  # 'the pair met'
    cand.explicit = named and any(two_sides(t) or _met_with(t) for t, _ in group)
    place = cand.location is not None and cand.location.kind != "virtual"
    precise = cand.day_named or (
        cand.date is not None and cand.date.precision in ("day", "interval"))
    if cand.location is not None and cand.location.kind == "virtual" and cand.actors:
        place = True  # 'leaders met by video link': how it was held stands for where
    if cand.kind == "signing" and not precise and not any(
            t.tag_ in ("VBD", "VBN") for t, _ in group):
        return False  # 'once both sides sign a deal': no signing yet
    weak = all(p in meeting_lexicon()["weak"] for _, p in group) and not cand.name
    parties = bool(cand.actors) or cand.party_ref is not None
    if weak and not ((precise and (parties or place)) or (place and parties) or cand.explicit
                     or (cand.anaphoric and cand.date is None)):
        return False
    plural = head.tag_ in ("NNS", "NNPS") and head.lower_ not in meeting_lexicon()[
        "plural_meetings"]  # 'meetings' are several; 'the talks' are one
    if plural and not (precise or place or cand.anaphoric):
        return False
    # a year, or nothing at all, identifies no meeting
    return (precise or place or cand.explicit
            or (cand.anaphoric and cand.date is None)
            or (cand.date is not None and cand.date.precision in ("week", "month")))
