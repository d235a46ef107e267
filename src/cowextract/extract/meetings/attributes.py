"""Reading a meeting's date, name, part of day and whether it refers back, from its
region of a sentence."""

from __future__ import annotations

import re

from cowextract.extract import timex
from cowextract.extract.context import PRECISION_RANK, ArticleContext, calendar_date
from cowextract.extract.meetings.common import meeting_lexicon
from cowextract.extract.meetings.regions import governor, is_noun
from cowextract.extract.meetings.triggers import signs_without_object
from cowextract.extract.timex.vocabulary import FUTURE_MODIFIERS
from cowextract.models import DateValue, Timex
from cowextract.nlp.docs import doc_text, span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.syntax import DETERMINERS

_WEEKDAY_ONLY = re.compile(r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
_A_DAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d+", re.I)
_SUBORDINATE = frozenset(("advcl", "relcl", "ccomp", "acl", "csubj", "pcomp"))


def _looks_ahead(triggers) -> bool:
    """'a planned meeting', 'the upcoming summit': a meeting still to come."""
    return any(c.dep_ == "amod" and c.lower_ in FUTURE_MODIFIERS
               for t in triggers for c in t.children)


def _forward(t: Timex, ctx: ArticleContext) -> Timex:
    """A weekday of a meeting still to come, read forward from the publication date
    whatever the verb of its sentence says ('prepared for a planned meeting on Friday')."""
    if not _WEEKDAY_ONLY.fullmatch(t.text) or ctx.article.published is None:
        return t
    norm = timex.normalize(t.text, ctx.article.published, future=True)
    return t.model_copy(update={"value": norm[1]}) if norm and norm[1] else t


def _clause_verb(tok):
    """The verb a date attaches to ('said on Thursday': said)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def reported(verb, triggers) -> bool:
    """Whether a meeting is what `verb` reports ('announced the meeting', 'said the deal
    signed …'), not an adjunct of it ('confirmed, after a meeting in London, …')."""
    for t in triggers:
        child = t
        while child.head.i != child.i and child.head.i != verb.i:
            child = child.head
        if child.head.i == verb.i and child.i != verb.i and child.dep_ in (
                "ccomp", "dobj", "nsubjpass", "xcomp", "attr"):
            return True
    return False


def _of_governing_verb(tok, triggers) -> bool:
    """A date of the verb a meeting verb completes ('on Friday, the envoys are set to
    meet …', 'met in Vienna on Monday and signed …', 'arrived on Thursday and began by
    hosting a dinner')."""
    verb = _clause_verb(tok)
    if verb is None:
        return False
    for t in triggers:
        while t.dep_ in ("xcomp", "conj", "pcomp", "prep") and t.head.i != t.i:
            t = t.head
            if t.i == verb.i:
                return True
    return False


def _in_governing_clause(tok, triggers) -> bool:
    """A date of being somewhere, said in a complement of the verb a meeting noun hangs
    from ('I am pleased to be here today, …, at the meeting'): the meeting's own."""
    verb = _clause_verb(tok)
    if verb is None or lemma_of(verb).lower() != "be":
        return False
    heads = {g.i for t in triggers if (g := governor(t)) is not None}
    for _ in range(4):
        if verb.dep_ not in ("xcomp", "acomp") or verb.head.i == verb.i:
            return False
        verb = verb.head
        if verb.i in heads:
            return True
    return False


def _of_own_action(tok, triggers) -> bool:
    """A date of an action a complement names, with an object of its own ('agreed at the
    summit to hold the vote on 5 May'): not the meeting's."""
    verb = _clause_verb(tok)
    ids = {t.i for t in triggers}
    return verb is not None and verb.dep_ in ("xcomp", "advcl") and verb.i not in ids and \
        any(c.dep_ == "dobj" for c in verb.children) and \
        not ids & {s.i for s in verb.subtree}


def _in_other_clause(tok, triggers) -> bool:
    """A date in a clause of its own that says nothing of the meeting ('… once Trump takes
    office on January 20')."""
    ids = {t.i for t in triggers}
    for _ in range(12):
        # a clause with its own subject or conjunction; a bare participle ('Joined by NATO
        # chiefs between 19 and 21 August, planners held talks') describes the same event
        own = any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)
        if tok.dep_ in _SUBORDINATE and own and not ids & {s.i for s in tok.subtree}:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _not_its_date(t, span, triggers, lex: dict) -> bool:
    """A date that is not when a meeting happened: the day a report of it was made ('the
    talks were announced on Friday'), a boundary ('since March'), a comparison ('a day
    later than the others')."""
    text = doc_text(span.doc)
    before = text[max(0, t.start - 12):t.start].lower().split()
    if before and before[-1] in lex["date_boundary_words"]:
        return True
    if text[t.end:t.end + 6].lower().startswith(" than"):
        return True  # 'a day later than my colleagues': a comparison, no date
    verb = _clause_verb(span.root)
    return verb is not None and lemma_of(verb).lower() in lex["report_verbs"] and \
        reported(verb, triggers)


def _past_perfect(triggers) -> bool:
    """'… that he had called X': a meeting told as done before the time of its report."""
    return any(t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had"
                                       for c in t.children) for t in triggers)


def report_bound(ctx: ArticleContext, unit, triggers: list) -> DateValue | None:
    """The day a meeting told in the past perfect was reported on ('the envoy said on 3 June
    that he had phoned his counterpart'): it was held that day or before, so the day, marked BEFORE,
    bounds a meeting the text dates no better."""
    if not _past_perfect(triggers):
        return None
    lex = meeting_lexicon()
    doc = unit.doc
    for t in ctx.timexes:
        if t.start < unit.start_char or t.end > unit.end_char:
            continue
        d = calendar_date(t, ctx.article.published)
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if d is None or d.precision != "day" or span is None:
            continue
        verb = _clause_verb(span.root)
        if verb is not None and lemma_of(verb).lower() in lex["report_verbs"] and \
                reported(verb, triggers):
            return d.model_copy(update={"mod": "BEFORE"})
    return None


def meeting_date(ctx: ArticleContext, unit, region: set[int], triggers: list,
                 others: list[set[int]]) -> tuple[DateValue | None, bool]:
    """The most precise date in the region; else a day in the unit that no other meeting of
    the unit claims. The flag tells whether the date is the meeting's own: from the region
    itself, or from the clause of the verb its noun hangs from."""
    doc = unit.doc
    lex = meeting_lexicon()
    anchor = min(t.idx for t in triggers)
    ahead = _looks_ahead(triggers)
    inside, free = [], []
    for t in ctx.timexes:
        if t.start < unit.start_char or t.end > unit.end_char:
            continue
        d = calendar_date(_forward(t, ctx) if ahead else t, ctx.article.published)
        if d is None or d.precision in ("year", "decade", "century", None):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or _not_its_date(t, span, triggers, lex):
            continue
        idx = {tok.i for tok in span}
        item = (PRECISION_RANK.get(d.precision or "", 5), abs(t.start - anchor), d,
                _in_governing_clause(span.root, triggers))
        if idx & region or _of_governing_verb(span.root, triggers):
            inside.append(item)
        elif not any(idx & o for o in others) and not _in_other_clause(
                span.root, triggers) and not _of_own_action(span.root, triggers):
            free.append(item)
    # a day named elsewhere in the sentence dates a meeting noun ('On 8 December, after a
    # meeting in London, Zelensky said …'); a meeting verb's day is in its own clause
    verb = any(t.pos_ in ("VERB", "AUX") for t in triggers)
    free = [f for f in free if f[2].precision in ("day", "interval") and not verb]
    pool = inside or free
    if not pool:
        return None, False
    best = min(pool, key=lambda x: (x[0], x[1]))
    return best[2], bool(inside) or best[3]


def is_anaphoric(tok) -> bool:
    """'the meeting', 'this summit', 'today's talks', 'it was hosted by': a mention of a
    meeting named before."""
    if is_noun(tok):
        return any(c.dep_ in ("det", "poss") and (c.lower_ in DETERMINERS or (
            c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"))) for c in tok.children)
    if lemma_of(tok).lower() in meeting_lexicon()["sign_verbs"] and signs_without_object(tok):
        return True  # 'X signed on behalf of Rwanda': the signing named before
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "this", "that")
               for c in tok.children)


def previous_day(ctx: ArticleContext, prev) -> DateValue | None:
    """The one day the sentence before names, if it names exactly one: 'Leaders agreed on
    Tuesday … The videoconference was co-chaired by …'."""
    if prev is None:
        return None
    dated = [calendar_date(t, ctx.article.published) for t in ctx.timexes
             if prev.start_char <= t.start and t.end <= prev.end_char]
    days = [d for d in dated if d is not None and d.precision == "day"]
    return days[0] if len({d.value for d in days}) == 1 else None




def day_named(ctx: ArticleContext, unit, region: set[int]) -> str | None:
    """The day the region names when the calendar cannot place it ('on Thursday', '27
    March' with no publication date), as its weekday or digits: the meeting is dated in the
    text, if not for us; None when it names none."""
    doc = unit.doc
    for t in ctx.timexes:
        if t.value or t.type not in ("DATE", "TIME") or not (
                unit.start_char <= t.start and t.end <= unit.end_char):
            continue
        m = _A_DAY.search(t.text)
        if m is None:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and span.root.i in region:
            return m.group(0).lower()
    return None


_NAMED = re.compile(r"summit|conference|meeting|talks|forum|session|council|dialogue", re.I)


def meeting_name(ctx: ArticleContext, unit, group, region: set[int]) -> str | None:
    """The meeting's own name: an event the tagger names ('the Munich Security Conference'),
    or a capitalised trigger with the words compounded to it ('the EU-China Summit')."""
    for ent in span_ents(unit):
        if ent.label_ == "EVENT" and ent.root.i in region and _NAMED.search(ent.text):
            return ent.text
    for tok, _ in group:
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
        if words:
            return unit.doc[min(w.left_edge.i for w in words):tok.i + 1].text
    return _body_meeting(ctx, group)


def _body_meeting(ctx: ArticleContext, group) -> str | None:
    """'the SCO summit', 'a meeting of the Ukraine Defense Contact Group': the meeting of a
    body the registry knows, named after it."""
    for tok, _ in group:
        if tok.pos_ in ("VERB", "AUX"):
            continue
        owners = [c for c in tok.children if c.dep_ == "compound"] + [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj"]
        for owner in owners:
            ent = next((e for e in owner.doc.ents if e.start <= owner.i < e.end), None)
            if ent is None or ent.label_ != "ORG":
                continue
            body = ctx.actors.resolve(ent.text, "ORG")
            if body is not None and body.kind == "organization" and body.id is not None:
                return f"{body.name} {lemma_of(tok).lower()}"
    return None


_DAY_PART = re.compile(r"morning|afternoon|evening|night|noon|\d{1,2}[:.]\d{2}|\d\s*[ap]\.?m",
                       re.I)


def day_part(when: DateValue | None) -> str | None:
    """The part of the day a date's words name ('Friday morning'), to tell two meetings of
    one day apart."""
    m = _DAY_PART.search(when.text or "") if when is not None else None
    return m.group(0).lower() if m else None
