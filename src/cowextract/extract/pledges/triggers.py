"""Pledging clauses: the commitment words of a sentence, their kind, and whether each is
hypothetical, a forecast, negated, or a refusal of the refuser's own contribution.

Kinds: `verb` (pledge, send, provide …), `ready` (ready, willing …), `noun` (commitment,
package …), `refuse` (refused, ruled out …), `withdraw` (halted, cut … aid: a refusal),
`spend` (raise, lift … spending), `target` (meet, reach … a target), `buy` and `buynoun`
(buy, contract … for someone else), `role` (guarantor) and `announce` (announced,
approved, agreed … a sum or a package)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from cowextract.extract.amounts import find_money
from cowextract.extract.pledges.common import lex
from cowextract.nlp.docs import span_text
from cowextract.nlp.lemmas import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Token

# The first kind a word is listed under wins: 'increase' stays a plain commitment verb.
_TRIGGER_KEYS = {"refuse": "refuse_verbs", "verb": "commit_verbs", "ready": "ready_words",
                 "noun": "commit_nouns", "withdraw": "withdraw_verbs", "spend": "spend_verbs",
                 "target": "target_verbs", "buy": "buy_verbs", "buynoun": "buy_nouns",
                 "role": "role_nouns", "announce": "announce_verbs"}
_NOUN_KINDS = ("noun", "buynoun", "role")
# Kinds whose verb counts only with an object of the right sort ('cut aid', 'raise spending').
_OBJECT_KEYS = {"withdraw": "aid_nouns", "spend": "spending_nouns", "target": "target_nouns"}
VERB_KINDS = ("verb", "refuse", "withdraw", "spend", "target", "buy", "announce")


def _announces_contribution(tok) -> bool:
    """'announced $4.5 billion in aid', 'agreed a €50bn facility', 'passed an aid package':
    an announcing verb counts when its object is a sum of money or a contribution."""
    nouns = set(lex()["announce_objects"])
    purchases = set(lex()["buy_nouns"])
    for c in tok.children:
        if c.dep_ != "dobj" or c.lower_ in purchases:
            continue  # a contract to buy counts only for someone else (kind `buynoun`)
        if lemma_of(c).lower() in nouns or c.lower_ in nouns:
            return True
        if find_money(span_text(c.doc[c.left_edge.i:c.right_edge.i + 1])):
            return True
    return False


def _object_fits(tok, kind: str) -> bool:
    if kind == "announce":
        return _announces_contribution(tok)
    key = _OBJECT_KEYS.get(kind)
    if key is None:
        return True
    nouns = set(lex()[key])
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and (lemma_of(c).lower() in nouns
                                                or c.lower_ in nouns):
            return True
    return False


@cache
def _kinds_of() -> dict[str, tuple[str, ...]]:
    """Each trigger phrase → the kinds it is listed under, in the order kinds are tried."""
    out: dict[str, list[str]] = {}
    for kind, key in _TRIGGER_KEYS.items():
        for phrase in lex()[key]:
            out.setdefault(phrase, []).append(kind)
    return {k: tuple(v) for k, v in out.items()}


def _trie_pattern(phrases) -> str:
    """One regex alternation shaped as a trie of the phrases ('pledge|pledged|pledges' →
    'pledge(?:d|s)?'): the engine rejects a position after a character or two instead of
    trying every phrase in turn."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@cache
def _trigger_re() -> re.Pattern:
    return re.compile(r"(?<![\w-])" + _trie_pattern(_kinds_of()) + r"(?![\w-])",
                      re.IGNORECASE)


def _kind(tok, kinds: tuple[str, ...]) -> str | None:
    for kind in kinds:
        if kind in VERB_KINDS and tok.pos_ not in ("VERB", "AUX"):
            continue
        if kind in _NOUN_KINDS and tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if _object_fits(tok, kind):
            return kind
    return None


def trigger_tokens(unit) -> list[tuple[Token, str]]:
    """(token, kind) for every commitment word of the unit: one scan of the sentence for all
    the lists, each word tried as the kinds it is listed under, in order."""
    text = span_text(unit)
    kinds_of = _kinds_of()
    out = []
    seen = set()
    for m in _trigger_re().finditer(text):
        kinds = kinds_of.get(" ".join(m.group(0).lower().split()))
        if not kinds:
            continue
        span = unit.doc.char_span(unit.start_char + m.start(), unit.start_char + m.end(),
                                  alignment_mode="expand")
        if span is None or span.root.i in seen:
            continue
        kind = _kind(span.root, kinds)
        if kind is not None:
            seen.add(span.root.i)
            out.append((span.root, kind))
    return out


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


def forecast(tok, unit) -> bool:
    """Someone's forecast, not a commitment: 'expects more countries to join', 'Germany is
    expected to pledge', 'analysts predict Spain will spend'; or hearsay: 'reports that
    China could join'."""
    words = set(lex()["forecast_verbs"])
    hearsay = set(lex()["hearsay_nouns"])
    t = tok
    for _ in range(5):
        if t.lower_ in words:
            return True
        if t.pos_ == "NOUN" and t.lower_ in hearsay and t.i != tok.i:
            return True  # 'denied reports that China could join
        if any(c.dep_ in ("acomp", "advmod") and c.lower_ in words for c in t.children):
            return True  # 'is likely to send'
        if t.head is t or not unit.start <= t.head.i < unit.end:
            return False
        t = t.head
    return False


def advice(tok) -> bool:
    """'Europe should increase spending', 'Germany must send more': advice or obligation
    voiced about a party, not its commitment; 'Estonia spends 3%': a fact, not a pledge."""
    lx = lex()
    if tok.lower_ in lx["habitual_verbs"] and tok.tag_ in ("VBP", "VBZ") and not any(
            c.dep_ == "aux" for c in tok.children):
        return True
    modals = set(lx["advice_modals"])
    t = tok
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in modals for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "conj", "acomp") or t.head is t:
            return False
        t = t.head
    return False


def refuses_contribution(tok) -> bool:
    """'refused to send', 'ruled out sending', 'refused to meet the target': a refusal is a
    pledge only when what is refused is the refuser's own contribution, not 'declined to name
    them' or 'rejects any deployment' (of others)."""
    lx = lex()
    verbs = set(lx["commit_verbs"]) | set(lx["spend_verbs"]) | set(lx["target_verbs"])
    for c in tok.children:
        if c.dep_ in ("xcomp", "dobj", "pcomp", "advcl", "conj") and c.lower_ in verbs:
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pcomp" and g.lower_ in verbs
                                    for g in c.children):
            return True
    return False


def refused_kind(tok) -> str:
    """The kind of what a refusal refuses: 'refused to meet the target' refuses a target,
    'refused to raise spending' a spending rise."""
    lx = lex()
    for c in tok.children:
        if c.dep_ in ("xcomp", "dobj", "pcomp"):
            for kind in ("target", "spend"):
                if c.lower_ in lx[f"{kind}_verbs"] and _object_fits(c, kind):
                    return kind
    return "refuse"


def negated(tok) -> bool:
    """'will not send', 'is not prepared to deploy', 'has no plans to send'."""
    t = tok
    for _ in range(3):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        # '… will not send troops but will provide money': a conjunct with its own subject
        # or auxiliary has its own polarity
        own = any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in t.children)
        if t.dep_ in ("xcomp", "acomp") or t.dep_ == "conj" and not own:
            t = t.head
            continue
        if t.dep_ == "acl" and any(c.dep_ == "det" and c.lower_ == "no"
                                   for c in t.head.children):
            return True  # 'no plans to send'
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
