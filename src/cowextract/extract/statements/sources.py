"""Sources without a verb of their own: "according to X" and "as X reported" give X the
clause they hang in; "“…” - X" lines and "X: …" lines in the body give X the words after
them (a dateline "PARIS: …" gives no one)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cowextract.extract.statements.candidates import Candidate, trim
from cowextract.extract.statements.cues import PREP_CONTENT
from cowextract.extract.statements.entities import BYLINE_LABELS, SPEAKER_LABELS, media_spans
from cowextract.extract.statements.quotes import WORD, QuoteSpan
from cowextract.extract.statements.speakers import Speaker
from cowextract.nlp.docs import doc_text, span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.resources import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from cowextract.extract.statements.speakers import SpeakerResolver

# Entity labels of places: "PARIS: …" at a paragraph start is a dateline.
PLACE_LABELS = ("GPE", "LOC", "FAC")
# Speech verbs whose "as X reported" phrase names the source of the clause it hangs on.
AS_SOURCE = words("cues.json", "as_source")


def according(doc: Doc, tok: Token, speakers: SpeakerResolver, quotes: list[QuoteSpan],
              qidx: list[int]) -> Candidate | None:
    """ "according to X": X's claim is the rest of the sentence, on the longer side of the
    phrase when the phrase stands inside it."""
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    head, end = objs[0], objs[0].right_edge.i + 1
    if head.pos_ == "NOUN":  # "the German newspaper Die Welt": a name the parse left outside
        named = [m for m in media_spans(doc, end, min(end + 4, tok.sent.end), speakers.cues)
                 if m.start == end]
        while not named and end < tok.sent.end and doc[end].ent_type_ in ("ORG", "PERSON"):
            end += 1
        end = max([end] + [m.end for m in named])
        if end > objs[0].right_edge.i + 1:
            head = doc[end - 1]
    speaker = speakers.from_tokens(head)
    if speaker is None:
        return None
    cue_end = to.idx + len(to)
    return _around(doc, speaker, (tok.i, end), "according to", (tok.idx, cue_end), quotes,
                   qidx)


def as_source(doc: Doc, tok: Token, speakers: SpeakerResolver, quotes: list[QuoteSpan],
              qidx: list[int]) -> Candidate | None:
    """ "…, as Reuters reported", "…, as reported by the BBC": the source's claim is the
    clause the "as" phrase hangs on."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if subj is None or qidx[subj.i] >= 0:
        return None
    speaker = speakers.from_tokens(subj)
    if speaker is None:
        return None
    start = min(tok.left_edge.i, *(c.i for c in tok.children if c.dep_ == "mark"))
    return _around(doc, speaker, (start, tok.right_edge.i + 1), tok.text,
                   (tok.idx, tok.idx + len(tok)), quotes, qidx)


def is_as_source(tok: Token) -> bool:
    """Whether `tok` is the verb of an "as X reported" / "as reported by X" phrase: with no
    content of its own ("as she called for a vote" is a time, not a source)."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as"
                                      for c in tok.children):
        return False
    lemma = lemma_of(tok).lower()
    if lemma not in AS_SOURCE:
        return False
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") or (
        c.dep_ == "prep" and c.lower_ in PREP_CONTENT.get(lemma, ())) for c in tok.children)


def _around(doc: Doc, speaker: Speaker, phrase: tuple[int, int], cue: str,
            cue_chars: tuple[int, int], quotes: list[QuoteSpan],
            qidx: list[int]) -> Candidate | None:
    """A source phrase's claim: the rest of its clause. A phrase inside the clause splits
    it ("The talks, according to officials, went well": both sides) unless each side is a
    clause of its own (then the longer side)."""
    tok = doc[phrase[0]]
    lo, hi = _clause_of(doc, phrase)
    sides = [(lo, tok.i), (phrase[1], hi)]
    sides = [(a, b) for a, b in sides if b - a >= 1 and trim(doc, a, b)[0] >= 0]
    if len(sides) == 2:
        verbs = [any(t.pos_ in ("VERB", "AUX") for t in doc[a:b]) for a, b in sides]
        if all(verbs) or sides[0][1] - sides[0][0] <= 1 or sides[1][1] - sides[1][0] <= 2:
            sides = [max(sides, key=lambda ab: ab[1] - ab[0])]
    parts = [trim(doc, a, b) for a, b in sides]
    text = doc_text(doc)
    if not parts or sum(len(WORD.findall(text[c0:c1])) for c0, c1 in parts) < 3:
        return None
    quoted = sorted({qidx[i] for a, b in sides for i in range(a, b) if qidx[i] >= 0})
    return Candidate(speaker, cue, cue_chars[0], cue_chars[1], parts, False,
                     [quotes[k] for k in quoted])


def _clause_of(doc: Doc, phrase: tuple[int, int]) -> tuple[int, int]:
    """Token bounds of the clause a source phrase belongs to: the sentence, or the conjoined
    clause the phrase hangs in ("…, and according to Die Welt, China also …")."""
    tok = doc[phrase[0]]
    sent = tok.sent
    head = doc[phrase[0]:phrase[1]].root.head
    while head.dep_ not in ("conj", "ROOT") and head.head.i != head.i and (
            head.pos_ not in ("VERB", "AUX")):
        head = head.head
    if head.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and (
            head.left_edge.i <= phrase[0] and phrase[1] <= head.right_edge.i + 1):
        lo = head.left_edge.i
        while lo < phrase[0] and doc[lo].pos_ in ("CCONJ", "PUNCT"):
            lo += 1
        return max(lo, sent.start), min(head.right_edge.i + 1, sent.end)
    return sent.start, sent.end


def colon_and_dash(doc: Doc, text: str, quotes: list[QuoteSpan], used: set[int],
                   speakers: SpeakerResolver) -> list[Candidate]:
    """Direct statements attributed without a verb: a quote followed by a dash and a name
    ("“…” - Ursula von der Leyen"; adds the quote to `used`), and a headline "X: …"."""
    return _dash_bylines(doc, text, quotes, used, speakers) + _headlines(doc, text, quotes,
                                                                         speakers)


def _dash_bylines(doc: Doc, text: str, quotes: list[QuoteSpan], used: set[int],
                  speakers: SpeakerResolver) -> list[Candidate]:
    out: list[Candidate] = []
    for k, q in enumerate(quotes):
        if k in used:
            continue
        m = re.match(r"\s*[-–—―]\s+", text[q.end:q.end + 80])
        if not m:
            continue
        span = doc.char_span(q.end + m.end(), q.end + m.end() + 1, alignment_mode="expand")
        if span is None or not (span[0].ent_type_ in BYLINE_LABELS or (
                span[0].pos_ == "PROPN" and span[0].is_title)):
            continue
        head = span[0]
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        sp = speakers.from_tokens(head)
        if sp is not None:
            out.append(Candidate(sp, m.group().strip(), q.end, q.end + m.end(),
                                 [(q.cstart, q.cend)], True, [q]))
            used.add(k)
    return out


def _headlines(doc: Doc, text: str, quotes: list[QuoteSpan],
               speakers: SpeakerResolver) -> list[Candidate]:
    """ "X: …" at a paragraph start, with no verb before the colon."""
    out: list[Candidate] = []
    for p in [0] + [m.end() for m in re.finditer(r"\n", text)]:
        line_end = text.find("\n", p)
        line_end = len(text) if line_end < 0 else line_end
        m = re.match(r"([^:\n]{2,60}):\s+(\S.*)$", text[p:line_end])
        if not m:
            continue
        span = doc.char_span(p, p + len(m.group(1)), alignment_mode="expand")
        if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        ents = [e for e in span_ents(span) if e.label_ in SPEAKER_LABELS]
        inner = [q for q in quotes if p + m.start(2) <= q.start and q.end <= line_end]
        if not ents or ents[-1].end != span.end:
            sp = _named_person(span, speakers)
        elif ents[-1].label_ in PLACE_LABELS and not inner:
            continue  # "WASHINGTON: Senior officials met …": a dateline, not a speaker
        else:
            # "an analyst of a think tank: …" speaks for herself
            root_ent = next((e for e in ents if e.start <= span.root.i < e.end), ents[-1])
            sp = speakers.from_tokens(root_ent.root)
        if sp is None:
            continue
        cstart = p + m.start(2)
        if inner and inner[0].start - cstart <= 1:
            cstart, cend = inner[0].cstart, inner[0].cend
        else:
            cend = line_end
        if len(WORD.findall(text[cstart:cend])) < 3:
            continue
        out.append(Candidate(sp, ":", p + m.end(1), p + m.end(1) + 1, [(cstart, cend)],
                             bool(inner), inner[:1]))
    return out


def _named_person(span: Span, speakers: SpeakerResolver) -> Speaker | None:
    """ "Sandu: …" where the recogniser saw no name: a person the article names in full."""
    if not all(t.is_title or t.is_punct for t in span) or len(span) > 3:
        return None
    res = speakers.ctx.actors.resolve(span.text, "PERSON")
    if res is None or res.kind != "person" or res.via not in ("memory", "name", "alias"):
        return None
    return Speaker(res.name, "person", span.text, span.start_char, span.end_char, res.id)

