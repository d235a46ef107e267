"""The words that report a meeting, and whether each is used as one here: a summit, talks,
a call, a visit, a signing; not a meeting only proposed or hoped for ('a possible meeting',
'Kyiv proposed talks'), not 'a ministerial statement' or 'called for calm'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cowextract.extract.lexicon import lexicon_re
from cowextract.extract.meetings.common import lexicon_words, meeting_lexicon
from cowextract.nlp.docs import span_text
from cowextract.nlp.lemmas import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Token

# entity labels of a party a meeting verb takes as its object ('received Zelensky')
_PARTY_LABELS = ("PERSON", "GPE", "NORP")



def _phrase_head(unit, start: int, end: int):
    """The token of a matched phrase that heads it in the parse (its head lies outside)."""
    span = unit.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def find_triggers(unit) -> list[tuple[Token, str]]:
    """(head token, trigger phrase) for every meeting word in `unit`."""
    text = span_text(unit)
    found = list(lexicon_re("meeting", "nouns", "verbs").finditer(text))
    if not found:
        return []
    base = unit.start_char
    blocked = [(m.start(), m.end()) for m in lexicon_re("meeting", "not_meeting").finditer(text)]
    out = []
    seen = set()
    for m in found:
        if any(s <= m.start() < e for s, e in blocked):
            continue
        tok = _phrase_head(unit, base + m.start(), base + m.end())
        if tok is None or tok.i in seen:
            continue
        seen.add(tok.i)
        out.append((tok, m.group(0).lower()))
    return out


def _is_past(verb) -> bool:
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(lemma_of(c) == "have" for c in verb.children)


# the links along which a word stays an argument of the word above it
_ARGUMENT_DEPS = frozenset(("dobj", "pobj", "prep", "xcomp", "ccomp", "nsubjpass", "attr",
                            "acomp", "compound"))


def hypothetical(tok) -> bool:
    """A meeting proposed, wished for or merely possible, not one held or scheduled: 'a
    possible meeting', 'the prospect of talks', 'Kyiv proposed a meeting', 'ready to sign'."""
    if any(c.dep_ == "amod" and c.lower_ in lexicon_words("hypothetical_modifiers")
           for c in tok.children):
        return True
    t = tok
    for _ in range(4):
        head = t.head
        if head.i == t.i or t.dep_ not in _ARGUMENT_DEPS:
            return False
        lemma = lemma_of(head).lower()
        if head.pos_ in ("NOUN", "PROPN") and lemma in lexicon_words("hypothetical_nouns"):
            return True
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            if lemma in lexicon_words("hypothetical_verbs"):
                return True
            if lemma in lexicon_words("planning_verbs") and not _is_past(head):
                return True
        t = head
    return False


def _signs_an_agreement(tok) -> bool:
    """'signed the accord', 'the declaration was signed', 'the deal, signed in Washington'."""
    agreements = lexicon_words("agreement_nouns")
    args = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ in ("acl", "relcl"):
        args.append(tok.head)
        if tok.head.dep_ == "pobj" and tok.head.head.lower_ == "of":  # 'declaration of
            args.append(tok.head.head.head)  # principles signed in …'

    return any(lemma_of(a).lower() in agreements or a.lower_ in agreements for a in args)


def _is_party(tok) -> bool:
    """'Zelensky', 'the head of the delegation, Rustem Umerov'."""
    return tok.ent_type_ in _PARTY_LABELS or any(
        c.dep_ == "appos" and c.ent_type_ in _PARTY_LABELS for c in tok.children)


def signs_without_object(tok) -> bool:
    """'Minister X signed on behalf of Rwanda': a party signing what was named before."""
    return not any(c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp") for c in tok.children) \
        and any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in tok.children)


def _a_party(tok) -> bool:
    """A word that names who someone meets: an actor, or people ('officials', 'him')."""
    if _is_party(tok) or tok.pos_ == "PROPN" or tok.ent_type_ == "ORG" or \
            tok.lower_ in lexicon_words("people_nouns"):
        return True
    return any(c.dep_ in ("conj", "compound") and _a_party(c) for c in tok.children) or any(
        c.dep_ == "prep" and c.lower_ == "of" and any(  # 'a group of officials'
            g.dep_ == "pobj" and _a_party(g) for g in c.children) for c in tok.children)


def _meets_someone(tok) -> bool:
    """'met Macron', 'met with officials', 'the leaders met': meeting people; not 'met the
    target', 'met with opposition', 'meet the bar'."""
    objs = [c for c in tok.children if c.dep_ == "dobj"] + [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children if g.dep_ == "pobj"]
    return not objs or any(_a_party(o) for o in objs)


def _hosts(tok) -> bool:
    """'hosted Zelensky', 'hosted a summit', 'was hosted by Paris': a meeting or its guests,
    not a programme, a broadcast or a game ('host its election-night coverage', 'host the
    Vikings for a football game')."""
    events = lexicon_words("hosted_events")
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(
            lemma_of(g).lower() in events for g in c.children if g.dep_ == "pobj")
            for c in tok.children):
        return False
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    meeting = lexicon_re("meeting", "nouns")
    return not objs or any(meeting.fullmatch(o.text) or (
        _a_party(o) and not (o.pos_ == "NOUN" and lemma_of(o).lower() in events))
        for o in objs)


def _to_press(tok) -> bool:
    """'spoke to reporters', 'taking calls from listeners': talking to the press or an
    audience, no meeting."""
    press = lexicon_words("press_nouns")
    words = [tok, tok.head] if tok.dep_ == "dobj" else [tok]  # 'took calls from …'
    return any(c.dep_ == "prep" and c.lower_ in ("to", "with", "from") and any(
        g.dep_ == "pobj" and g.lower_ in press for g in c.children)
        for w in words for c in w.children)


def _object_is_no_party(tok) -> bool:
    """'received 38 percent support': what was received is a thing, not a guest."""
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" and not _a_party(c)
               for c in tok.children)


def _has_party(tok, deps: tuple[str, ...]) -> bool:
    """'received Zelensky'; 'Zelensky, who was received at …'."""
    if any(c.dep_ in deps and _is_party(c) for c in tok.children):
        return True
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    return tok.dep_ == "relcl" and passive and "nsubjpass" in deps and _is_party(tok.head)


def _talks_with_party(tok) -> bool:
    """'With X, the minister reviewed …', 'discussed the war with X': a party after 'with'."""
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        g.ent_type_ in _PARTY_LABELS for g in c.subtree) for c in tok.children)


def meaningful(tok, phrase: str) -> bool:
    """Whether the trigger word is used as a meeting here (not 'ministerial statement',
    'welcomed the progress', 'joined the coalition', 'called it a day')."""
    lex = meeting_lexicon()
    if (tok.dep_ == "amod" and tok.pos_ != "VERB") or (
            tok.pos_ == "ADJ" and tok.dep_ not in ("ROOT", "conj") and tok.head.pos_ == "NOUN"):
        return False
    if hypothetical(tok):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and lemma_of(tok.head.head) == "be" \
            and not any(c.dep_ == "det" for c in tok.children):
        return False  # 'was in talks with Washington': negotiating, no meeting
    verb = tok.pos_ in ("VERB", "AUX")
    if verb and phrase not in lex["verbs"]:
        return False  # 'what they call the coalition': the noun 'call' used as a verb
    if not verb and phrase not in lex["nouns"] and tok.pos_ in ("NOUN", "PROPN"):
        return False  # 'the RT host': the verb 'host' used as a noun
    if verb and lemma_of(tok).lower() in ("host", "chair", "convene") and not _hosts(tok):
        return False  # 'help host the election-night coverage'
    if phrase in lex["anaphoric_only"]:  # 'the event', 'his last engagement'
        return not verb and any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an")
                                for c in tok.children)
    if verb and lemma_of(tok).lower() == "meet" and not _meets_someone(tok):
        return False  # 'meet the target', 'was met with opposition'
    if _to_press(tok):
        return False
    if phrase in lex["person_object_verbs"]:
        return _has_party(tok, ("dobj", "nsubjpass")) and not _object_is_no_party(tok)
    if phrase in lex["sign_verbs"]:  # 'signed the accord'; 'X signed for Rwanda' after it
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if any(c.dep_ == "prt" for c in tok.children) or (
                nxt is not None and nxt.lower_ in ("up", "off")):
            return False  # 'signed up', 'signed off'
        return verb and (_signs_an_agreement(tok) or signs_without_object(tok))
    if phrase in ("called", "phoned"):  # 'called Trump', not 'called it a mistake'
        return verb and _has_party(tok, ("dobj", "oprd")) and not any(
            c.dep_ in ("oprd", "xcomp", "ccomp") and not _is_party(c) for c in tok.children)
    if phrase in lex["with_verbs"]:
        return verb and _talks_with_party(tok)
    return True
