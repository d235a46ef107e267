"""One article through the statement passes, in order, and the candidates that survive
as `Statement` events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from cowextract.extract.statements.attribution import (
    assign_quotes,
    continue_quotes,
    repair_unclosed,
    reported,
)
from cowextract.extract.statements.candidates import Candidate, strip_text
from cowextract.extract.statements.cues import SUBJ_DEPS, cue_positions, is_cue, load_cues
from cowextract.extract.statements.entities import actor_kind
from cowextract.extract.statements.filters import (
    cut_at_others,
    drop_framing,
    drop_lead,
    drop_nested,
    in_paragraph,
    join_participles,
    lead,
)
from cowextract.extract.statements.quotes import QuoteSpan, find_quotes, quote_index, quote_key
from cowextract.extract.statements.sources import (
    according,
    as_source,
    colon_and_dash,
    is_as_source,
)
from cowextract.extract.statements.speakers import SpeakerResolver
from cowextract.extract.timex import to_date_value
from cowextract.models import Actor, DateValue, Evidence, Quote, Statement
from cowextract.nlp.lemmas import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from cowextract.extract.context import ArticleContext
    from cowextract.extract.statements.cues import Cues


def extract(ctx: ArticleContext) -> list[Statement]:
    """Statements (direct quotes and reported speech) in one article, one per distinct quote,
    each with its speaker as an actor with role `speaker`."""
    cues = load_cues()
    doc = ctx.doc
    text = ctx.text
    # a surname before its full name ("Arnold … Ed Arnold") resolves; a title-case headline
    # gives no names ("Obama Says …" is no one's full name)
    head = lead(text)
    ctx.actors.prime(e for e in doc.ents if not any(a <= e.start_char < b for a, b in head))
    quotes = [repair_unclosed(doc, q, cues) for q in find_quotes(text)]
    qidx = quote_index(doc, quotes)
    speakers = SpeakerResolver(ctx, cues, qidx)
    used: set[int] = set()  # the quotes (indices) some statement holds

    cands = _cue_candidates(doc, quotes, qidx, speakers, used)
    cands = cut_at_others(drop_nested(join_participles(in_paragraph(cands, text), text)),
                          doc)
    cands = drop_framing(cands, text)
    # headline and dash attributions: "Macron: …", "“…” - Ursula von der Leyen"
    for cand in colon_and_dash(doc, text, quotes, used, speakers):
        cands.append(cand)
        used.update(quotes.index(q) for q in cand.quotes)
    cands = drop_lead(cands, text)
    cands.sort(key=lambda c: c.span()[0])
    continue_quotes(cands, quotes, used, text)
    return _to_statements(ctx, cands)


def _cue_candidates(doc: Doc, quotes: list[QuoteSpan], qidx: list[int],
                    speakers: SpeakerResolver, used: set[int]) -> list[Candidate]:
    """Reported speech and quotes governed by a cue, in text order so pronouns see the
    speakers named before them; the quotes they hold are added to `used`."""
    q_by_cue = assign_quotes(doc, quotes, qidx, speakers.cues)
    cands: list[Candidate] = []
    for i, what, kind in _cue_events(doc, quotes, qidx, q_by_cue, speakers.cues):
        tok = doc[i]
        if what == "according":
            cand = according(doc, tok, speakers, quotes, qidx)
        elif kind == "speech" and is_as_source(tok):
            cand = as_source(doc, tok, speakers, quotes, qidx)
        else:
            cand = reported(doc, tok, kind, speakers, quotes, qidx, q_by_cue.get(i, []))
        if cand is None:
            continue
        _note_cue(cand, tok)
        used.update(quotes.index(q) for q in cand.quotes)
        cands.append(cand)
    return cands


def _cue_events(doc: Doc, quotes: list[QuoteSpan], qidx: list[int],
                q_by_cue: dict[int, list[tuple[int, bool]]],
                cues: Cues) -> list[tuple[int, str, str | None]]:
    """(token, "verb" or "according", cue kind) for each token outside a closed quote that
    can start a statement: a reporting verb, a token a quote was given to, "according to"."""
    events: list[tuple[int, str, str | None]] = []
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
    return events


def _note_cue(cand: Candidate, tok: Token) -> None:
    """What the filters read of the cue token."""
    cand.lemma = lemma_of(tok).lower()
    cand.participle = tok.tag_ == "VBG" and not any(c.dep_ in SUBJ_DEPS for c in tok.children)
    cand.coordinated = tok.dep_ == "conj"


def _date_for(ctx: ArticleContext, start: int, end: int,
              content: Sequence[tuple[int, int]] = ()) -> DateValue | None:
    """When the words were said: a date in the attribution's sentences outside the content
    ("said on Tuesday"; not "will be adopted next week"), else the publication date."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        s0, s1 = span[0].sent.start_char, span[-1].sent.end_char
        for tx in ctx.timexes_within(s0, s1):
            if any(cs <= tx.start < ce for cs, ce in content):
                continue
            if tx.type == "DATE" and tx.value:
                return to_date_value(tx)
    pub = ctx.article.published
    if isinstance(pub, date):
        return DateValue(value=pub.isoformat(), precision="day", text=None)
    return None


def _to_statements(ctx: ArticleContext, cands: list[Candidate]) -> list[Statement]:
    """One statement per distinct quote text, in text order; a repeat is a further mention
    of the first."""
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
        actors = [Actor(name=sp.name, kind=sp.kind, role="speaker", mention=sp.mention,
                        id=sp.id)]
        if sp.body is not None and sp.body[0] != sp.name:
            actors.append(Actor(name=sp.body[0], kind=actor_kind(sp.body[1], None),
                                role="speaker", mention=sp.mention, id=sp.body[2]))
        actors += [Actor(name=o.name, kind=o.kind, role="speaker", mention=o.mention, id=o.id)
                   for o in sp.also if o.name not in {a.name for a in actors}]
        st = Statement(article=ref, date=_date_for(ctx, start, end, c.parts), actors=actors,
                       evidence=ev, quote=Quote(text=quote, direct=c.direct, cue=c.cue))
        by_key[key] = st
        out.append(st)
    return out
