"""What a pledge gives, how much, and on what condition: read from the trigger's region of
the parse."""

from __future__ import annotations

import re
from functools import cache
from typing import cast

from cowextract.extract.amounts import (
    ParsedAmount,
    find_counts,
    find_money,
    find_percents,
    find_sums,
)
from cowextract.extract.lexicon import find_phrases, has_phrase
from cowextract.extract.pledges.common import lex
from cowextract.models import What
from cowextract.nlp.docs import doc_text
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import ACTOR_LABELS

CONDITION_RE = re.compile(
    r"\b(?:once|if|unless|provided(?: that)?|as soon as|in the event (?:of|that)|after|"
    r"should|when|conditional on|subject to|until)\b[^.;:,«»“”\"]{3,120}", re.IGNORECASE)


def region_of(tok) -> list:
    """The trigger and what it governs, without other clauses' subjects; for a commitment
    noun that is the subject of 'amount to', 'total', 'be worth', what it amounts to; for a
    participle ('support delivered by …'), the noun phrase it describes."""
    out = {tok.i}
    head = tok.head
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and head.pos_ in ("NOUN", "PROPN"):
        # 'deliveries of equipment funded by Canada': what the participle describes
        own = {x.i for x in tok.subtree}
        out |= {x.i for x in head.subtree if x.i not in own}
        return [tok.doc[i] for i in sorted(out)]
    if tok.dep_ == "nsubj" and lemma_of(head).lower() in lex()["amount_verbs"]:
        for c in head.children:
            if c.dep_ in ("prep", "dobj", "attr", "acomp"):
                out |= {x.i for x in c.subtree}
    circumstances = set(lex()["circumstance_preps"])
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "mark", "parataxis", "ccomp"):
            continue
        if c.dep_ == "prep" and c.lower_ in circumstances:
            continue  # 'after a push over spending': when or why, not what
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
            continue  # '…, and Estonia offered …', '… and deliver weapons': its own clause
        if c.dep_ == "advcl" and c.tag_ != "VBG" and not any(
                x.dep_ == "aux" and x.lower_ == "to" for x in c.children):
            continue  # a condition or a circumstance; 'to deploy' is the content
        out |= {x.i for x in c.subtree}
    return [tok.doc[i] for i in sorted(out)]


def region_text(region: list) -> str:
    """The text from the region's first word to its last, with the words of other clauses
    in between blanked out (offsets kept), so that no amount leaks in from them."""
    doc = region[0].doc
    start = region[0].idx
    text = doc_text(doc)[start:region[-1].idx + len(region[-1].text)]
    ids = {t.i for t in region}
    if len(ids) == region[-1].i - region[0].i + 1:
        return text
    chars = list(text)
    for t in doc[region[0].i:region[-1].i + 1]:
        if t.i not in ids:
            a = t.idx - start
            chars[a:a + len(t.text)] = " " * len(t.text)
    return "".join(chars)


def _what_hits(text: str, base: int) -> list[tuple[int, int, What]]:
    """(start, end, kind) of every word of the lexicon's kinds in `text`, and of every sum of
    money or share of GDP; a word inside a longer one ('aid' in 'military aid') gives way."""
    lx = lex()
    trig_words = set(lx["commit_nouns"])
    hits: list[tuple[int, int, What]] = []
    for name, words in lx["what"].items():
        for m in find_phrases(text, words):
            if name != "money" and any(w in m.group(0).lower().split() for w in trig_words):
                continue  # 'security commitments': the commitment, not its content
            hits.append((base + m.start(), base + m.end(), cast(What, name)))
    for amount in find_money(text) + [p for p in find_percents(text) if p.unit == "percent_gdp"]:
        hits.append((base + amount.start, base + amount.end, "money"))
    return [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0]
                                       for o in hits)]


def _root_at(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _conjuncts(tok) -> set[int]:
    """The token and every word joined to it by 'and'/'or' ('weapons and cash')."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    out, todo = {tok.i}, [tok]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj":
                out.add(c.i)
                todo.append(c)
    return out


def _conjoined(doc, main: tuple[int, int, What], hits) -> list[tuple[What, int | None]]:
    """'send more weapons and cash': other kinds joined to the main one by 'and'. Forces on
    land, at sea and in the air are one force ('secure its skies and seas')."""
    root = _root_at(doc, main[0], main[1])
    if root is None:
        return []
    joined = _conjuncts(root)
    family = next((set(f) for f in lex()["what_families"] if main[2] in f), {main[2]})
    out: list[tuple[What, int | None]] = []
    for pos, end, name in hits:
        other = _root_at(doc, pos, end)
        if other is not None and other.i in joined and name not in family:
            out.append((name, None))
    return out


def what_of(tok, region: list) -> tuple[What | None, list[tuple[What, int | None]]]:
    """The kind of contribution nearest the trigger in its region, and further kinds added
    with 'in addition to' / 'as well as' (with where that phrase starts), or joined to it by
    'and' (with None: the whole sentence tells of them)."""
    if not region:
        return None, []
    doc = tok.doc
    start = region[0].idx
    text = region_text(region)
    ids = {t.i for t in region}
    hits = [h for h in _what_hits(text, start)
            if doc[doc.char_span(h[0], h[0] + 1, alignment_mode="expand").start].i in ids]
    if not hits:
        return None, []
    best = min(hits, key=lambda h: (h[0] < tok.idx, abs(h[0] - tok.idx)))
    main = best[2]
    extra: list[tuple[What, int | None]] = []
    for m in find_phrases(text, lex()["additive"]):
        after = [(p, n) for p, _e, n in hits if p >= start + m.end()]
        if after:
            n = min(after)[1]
            if n != main and n not in [e[0] for e in extra]:
                extra.append((n, start + m.start()))
    for n, at in _conjoined(doc, best, hits):
        if n != main and n not in [e[0] for e in extra]:
            extra.append((n, at))
    return main, extra


@cache
def _increment_re() -> re.Pattern:
    words = "|".join(map(re.escape, lex()["increment_words"]))
    return re.compile(rf"(?i)\b(?:{words})\b(?!\s+than\b)")


def increment(text: str) -> bool:
    """'send Kyiv more weapons': a contribution on top of what was given ('more than 100
    troops' is a count)."""
    return _increment_re().search(text) is not None


def spending_context(text: str) -> bool:
    """Words that make a target one of spending: 'lift defence spending', 'the budget'."""
    return has_phrase(text, lex()["spending_cues"])


def open_contribution(tok) -> bool:
    """'their participation in PURL', 'its contribution to the fund': a share in a named
    programme or fund, whatever it gives (not a part in a meeting or a war)."""
    lx = lex()
    if tok.lower_ not in lx["open_nouns"]:
        return False
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "to"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or lemma_of(obj).lower()
                                           in lx["vehicle_nouns"]):
                    return True
    return False


def spending_article(text: str) -> bool:
    """Whether an article speaks of spending a share of GDP, so that 'the target' in it is
    that one."""
    return any(p.unit == "percent_gdp" for p in find_percents(text))


def spending_target(text: str) -> bool:
    """'the new 5% target', 'a 3.5% goal': a target stated as a percentage."""
    return has_phrase(text, lex()["target_nouns"]) and bool(find_percents(text))


def _share_of_gdp(text: str, sentence: str) -> ParsedAmount | None:
    for p in find_percents(text):
        if p.unit == "percent_gdp":
            return p
        if spending_context(sentence) or has_phrase(sentence, lex()["target_nouns"]):
            # 'lift defence spending to 3.5%', 'meet the 2% target': a share of GDP
            return ParsedAmount(value=p.value, value_max=p.value_max, unit="percent_gdp",
                                text=p.text, start=p.start, end=p.end)
    return None


def amount_of(text: str, what: str, sentence: str = "") -> ParsedAmount | None:
    """The amount of a pledge of kind `what` in its region's `text`: money or a share of GDP
    for money, else a count of the right unit, else the money it is worth."""
    money = find_money(text)
    share = _share_of_gdp(text, sentence or text)
    if what == "money":
        found = [a for a in (*money[:1], share) if a is not None] or find_sums(text)[:1]
        return min(found, key=lambda a: a.start) if found else None
    counts = find_counts(text)
    if what == "troops":
        for unit in ("troops", "countries"):
            match = next((c for c in counts if c.unit == unit), None)
            if match:
                return match
    elif what == "equipment" or what in lex()["what_units"]:
        units = lex()["what_units"].get(what, lex()["equipment_units"])
        match = next((c for c in counts if c.unit in units), None)
        if match:
            return match
    else:
        match = next((c for c in counts if c.unit == "countries"), None)
        if match:
            return match
    return money[0] if money else None


def condition_of(text: str) -> str | None:
    for m in CONDITION_RE.finditer(text):
        clause = m.group(0).strip()
        if any(h in clause.lower() for h in lex()["condition_hints"]):
            return clause
    return None


def not_a_contribution(tok, text: str) -> bool:
    """Prisoners, bodies, the use of force, fines and tariffs: handed over, used or levied,
    never contributed; nor is a ceasefire or a truce offered, time and energy invested, or a
    loan paid back."""
    if has_phrase(text, lex()["not_contributions"]):
        return True
    lx = lex()
    objects = set(lx["truce_nouns"]) | set(lx["abstract_objects"])
    return any(c.dep_ in ("dobj", "dative", "prt") and (c.lower_ in objects
                                                         or lemma_of(c) in objects)
               for c in tok.children)  # 'pays back the loan': a repayment


def has_beneficiary(tok) -> bool:
    """A purchase for someone else: 'to buy radars for Moldova', 'for delivery to Kyiv',
    'buy weapons and send them to Ukraine'. A named party other than the buyer is the
    object of 'for' or 'to' in what the trigger governs."""
    preps = set(lex()["beneficiary_preps"])
    doc = tok.doc
    for t in tok.subtree:
        if t.dep_ != "prep" or t.lower_ not in preps:
            continue
        lo = min(x.i for x in t.subtree)
        hi = max(x.i for x in t.subtree)
        for ent in doc[lo:hi + 1].ents:
            if ent.label_ in ACTOR_LABELS or ent.label_ == "LOC":
                return True
    return False
