"""One article through the statement passes, in order, and the candidates that survive
as `Statement` events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from cowextract.extract.statements.attribution import (
    according,
    assign_quotes,
    colon_and_dash,
    paragraph_starts,
    previous_direct,
    repair_unclosed,
    reported,
)
from cowextract.extract.statements.candidates import Candidate, strip_text
from cowextract.extract.statements.cues import SUBJ_DEPS, cue_positions, is_cue, load_cues
from cowextract.extract.statements.entities import actor_kind
from cowextract.extract.statements.filters import (
    cut_at_others,
    drop_framing,
    drop_nested,
    in_paragraph,
    join_participles,
)
from cowextract.extract.statements.quotes import WORD, find_quotes, quote_index, quote_key
from cowextract.extract.statements.speakers import SpeakerResolver
from cowextract.extract.timex import to_date_value
from cowextract.models import Actor, DateValue, Evidence, Quote, Statement
from cowextract.nlp.lemmas import lemma_of

if TYPE_CHECKING:
    from cowextract.extract.context import ArticleContext

MIN_UNATTRIBUTED_WORDS = 6
MIN_CONTINUATION_WORDS = 3


def extract(ctx: ArticleContext) -> list[Statement]:
    """Statements (direct quotes and reported speech) in one article, one per distinct quote,
    each with its speaker as an actor with role `speaker`."""
    cues = load_cues()
    doc = ctx.doc
    text = ctx.text
    ctx.actors.prime(doc)  # a surname before its full name ("Arnold … Ed Arnold") resolves
    quotes = [repair_unclosed(doc, q, cues) for q in find_quotes(text)]
    qidx = quote_index(doc, quotes)
    speakers = SpeakerResolver(ctx, cues)
    paras = paragraph_starts(text)

    cands: list[Candidate] = []
    used_quotes: set[int] = set()
    claimed_tokens: set[int] = set()

    q_by_cue = assign_quotes(doc, quotes, qidx, cues)
    events: list[tuple[int, str, object]] = []
    for i in cue_positions(doc, q_by_cue):
        tok = doc[i]
        if qidx[i] >= 0 and quotes[qidx[i]].closed:
            continue
        kind = is_cue(tok, cues)
        if kind:
            events.append((tok.i, "verb", kind))
        elif tok.i in q_by_cue:
            events.append((tok.i, "verb", None))
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            events.append((tok.i, "according", None))
    # reported speech and quotes governed by a cue, in text order so pronouns see the
    # speakers named before them
    for i, what, kind in events:
        tok = doc[i]
        if what == "according":
            cand = according(doc, tok, speakers, quotes, qidx)
        else:
            cand = reported(doc, tok, kind, speakers, quotes, qidx, q_by_cue.get(i, []))
        if cand is None:
            continue
        cand.lemma = lemma_of(tok).lower()
        cand.participle = tok.tag_ == "VBG" and not any(
            c.dep_ in SUBJ_DEPS for c in tok.children)
        cand.coordinated = tok.dep_ == "conj"
        if what == "verb" and not cand.direct:
            cand.nominal = not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        for q in cand.quotes:
            used_quotes.add(quotes.index(q))
        claimed_tokens.add(i)
        cands.append(cand)

    cands = cut_at_others(drop_nested(join_participles(in_paragraph(cands, text), text)),
                           doc)
    cands = drop_framing(cands, text)
    # headline and dash attributions: "Macron: …", "“…” - Ursula von der Leyen"
    for cand in colon_and_dash(doc, text, quotes, used_quotes, speakers, paras):
        cands.append(cand)
        for q in cand.quotes:
            used_quotes.add(quotes.index(q))
    # quotes nobody claimed: the next sentences of the previous direct statement
    cands.sort(key=lambda c: c.span()[0])
    for k, q in enumerate(quotes):
        if k in used_quotes:
            continue
        prev = previous_direct(cands, q, text)
        if prev is None:
            continue
        same_para = "\n" not in text[prev.span()[1]:q.start]
        min_words = MIN_CONTINUATION_WORDS if same_para else MIN_UNATTRIBUTED_WORDS
        if len(WORD.findall(text[q.cstart:q.cend])) < min_words:
            continue
        if "\n" not in text[prev.span()[1]:q.start]:
            prev.parts.append((q.cstart, q.cend))
            prev.quotes.append(q)
        else:
            sp = prev.speaker
            cands.append(Candidate(replace(sp, start=-1, end=-1),
                               prev.cue, -1, -1, [(q.cstart, q.cend)], True, [q]))
        used_quotes.add(k)
    return _to_statements(ctx, cands)


def _date_for(ctx: ArticleContext, start: int, end: int,
              content: list[tuple[int, int]] = ()) -> DateValue | None:
    """When the words were said: a date in the attribution's sentences outside the content
    ("said on Tuesday"; not "will be adopted next week"), else the publication date."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        s0, s1 = span[0].sent.start_char, span[-1].sent.end_char
        for tx in ctx.timexes:
            if any(cs <= tx.start < ce for cs, ce in content):
                continue
            if s0 <= tx.start and tx.end <= s1 and tx.type == "DATE" and tx.value:
                return to_date_value(tx)
    pub = ctx.article.published
    if isinstance(pub, date):
        return DateValue(value=pub.isoformat(), precision="day", text=None)
    return None


def _to_statements(ctx: ArticleContext, cands: list[Candidate]) -> list[Statement]:
    text = ctx.text
    ref = ctx.article.ref()
    by_key: dict[str, Statement] = {}
    out: list[Statement] = []
    for c in sorted(cands, key=lambda c: c.span()[0]):
        quote = " ".join(strip_text(text[s:e]) for s, e in c.parts if strip_text(text[s:e]))
        key = quote_key(quote)
        if not key:
            continue
        start, end = c.span()
        ev = Evidence(text=text[start:end], start=start, end=end)
        if key in by_key:
            by_key[key].mentions.append(ev)
            continue
        sp = c.speaker
        actor = Actor(name=sp.name, kind=sp.kind if sp.kind in (
            "person", "country", "organization", "group") else "unknown", role="speaker",
            mention=sp.mention, id=sp.id)
        actors = [actor]
        if sp.body is not None and sp.body[0] != sp.name:
            actors.append(Actor(name=sp.body[0], kind=actor_kind(sp.body[1], None), role="speaker",
                                mention=sp.mention, id=sp.body[2]))
        st = Statement(article=ref, date=_date_for(ctx, start, end, c.parts), actors=actors,
                       evidence=ev, quote=Quote(text=quote, direct=c.direct, cue=c.cue))
        by_key[key] = st
        out.append(st)
    return out
