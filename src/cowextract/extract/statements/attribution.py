"""Attribution passes: each builds candidate statements from one pattern. Quotes are given
to the cue that governs them or stands next to them; a cue's subject and complement give
reported speech; "according to X" gives X's claim; "X: …" headlines and "“…” - X" lines
give direct quotes with no verb; and a quote nobody claimed continues the direct statement
before it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cowextract.extract.statements.candidates import Candidate, trim
from cowextract.extract.statements.cues import (
    PERSON_STATE,
    complement,
    cue_subject,
    fronted_content,
    is_cue,
)
from cowextract.extract.statements.entities import BYLINE_LABELS, SPEAKER_LABELS
from cowextract.extract.statements.quotes import WORD, QuoteSpan, is_title, quote_tokens
from cowextract.nlp.docs import doc_text, span_ents
from cowextract.nlp.lemmas import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from cowextract.extract.statements.cues import Cues
    from cowextract.extract.statements.speakers import SpeakerResolver


def paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def repair_unclosed(doc: Doc, q: QuoteSpan, cues: Cues) -> QuoteSpan:
    """A quote that lost its closing mark ends before an inner ", X said" if there is one."""
    if q.closed:
        return q
    span = doc.char_span(q.cstart, q.cend, alignment_mode="expand")
    if span is None:
        return q
    for tok in span:
        subj = cue_subject(tok) if is_cue(tok, cues) == "speech" else None
        if subj is None or subj.i > tok.i:
            continue
        comma = subj.left_edge.i - 1
        if comma > span.start and doc[comma].text in (",", "—", "–"):
            end = doc[comma].idx
            return QuoteSpan(q.start, end, q.cstart, end, closed=True)
    return q


def assign_quotes(doc: Doc, quotes: list[QuoteSpan], qidx: list[int],
                   cues: Cues) -> dict[int, list[tuple[int, bool]]]:
    """Quotes attached to each cue token, each with a flag: True when the quote stands next
    to its attribution (the "…," he said / he said: "…" frames), False when the parse puts
    it inside the cue's clause."""
    out: dict[int, list[tuple[int, bool]]] = {}
    for k, q in enumerate(quotes):
        if is_title(doc_text(doc)[q.cstart:q.cend]):
            continue
        qs, qe = quote_tokens(doc, q)
        best = _cue_right(doc, qe, k, qidx, cues)
        adjacent = best is not None
        if best is None:
            best = _cue_left(doc, qs, k, qidx, cues)
            adjacent = best is not None
        if best is None and qs < len(doc):
            tok = doc[qs]
            for _ in range(6):
                if is_cue(tok, cues) and qidx[tok.i] < 0 and tok.sent == doc[qs].sent and (
                        "\n" not in doc_text(doc)[min(tok.idx, q.start):max(tok.idx, q.end)]):
                    best = tok.i
                    break
                if tok.head.i == tok.i:
                    break
                tok = tok.head
        if best is not None:
            out.setdefault(best, []).append((k, adjacent))
    return out


def _cue_right(doc: Doc, qe: int, k: int, qidx: list[int], cues: Cues) -> int | None:
    """ "…," he said / "…," said the minister: a cue after the quote with only punctuation,
    its subject and adverbs between."""
    j = qe
    while j < len(doc) and j - qe <= 10 and "\n" not in doc[j].text:
        t = doc[j]
        if qidx[j] >= 0 and qidx[j] != k:
            return None
        kind = is_cue(t, cues)
        if kind and (kind == "speech" or lemma_of(t) in ("believe", "think")):
            subj = cue_subject(t)
            allowed = set(subj.subtree) if subj is not None else set()
            for m in range(qe, j):
                b = doc[m]
                if not (b.is_punct or b in allowed or (b.head.i == j and b.dep_ in (
                        "advmod", "aux", "neg", "npadvmod"))):
                    return None
            return j
        if t.is_punct and t.text not in (",", "—", "–", "-", "―") and not (
                t.text in "!?" and j == qe):
            return None  # a full stop after the closing mark ends the quote's sentence
        j += 1
    return None


def _cue_left(doc: Doc, qs: int, k: int, qidx: list[int], cues: Cues) -> int | None:
    """He said: "…" / X told reporters, "…": a cue before the quote, with no other verb
    between and a colon, comma or "that" (or nothing) just before the quote."""
    j = qs - 1
    while j >= 0 and qs - j <= 12 and "\n" not in doc[j].text:
        t = doc[j]
        if qidx[j] >= 0 and qidx[j] != k:
            return None
        if t.text in ".!?;" and j < qs - 1:
            return None
        colon_verb = t.pos_ == "VERB" and j == qs - 2 and doc[j + 1].text == ":"
        if (colon_verb or is_cue(t, cues) == "speech") and qidx[j] < 0:
            between = doc[j + 1:qs]
            if any(b.pos_ in ("VERB", "AUX") for b in between):
                return None
            last = doc[qs - 1] if qs - 1 > j else None
            if last is None or last.text in (":", ",", "—", "–", "-") or last.lower_ == "that":
                return j
            return None
        j -= 1
    return None


def reported(doc: Doc, tok: Token, kind: str, speakers: SpeakerResolver,
              quotes: list[QuoteSpan], qidx: list[int],
              qlist: list[tuple[int, bool]]) -> Candidate | None:
    subj = cue_subject(tok)
    if subj is None:
        return None
    if subj.i > tok.i and tok.i > 0 and subj.dep_ != "nsubj":
        return None
    if qidx[subj.i] >= 0:
        return None
    if "\n" in doc_text(doc)[min(subj.idx, tok.idx):max(subj.idx, tok.idx)]:
        return None  # a parse across a paragraph break (headline and lead)
    speaker = speakers.from_tokens(subj)
    if speaker is None and tok.dep_ == "conj" and speakers.agency(subj) == "thing":
        # "X said that the time had come, and announced …": the parse hung the second cue
        # on the reported clause; its speaker is the speaker of the cue above
        anc = tok.head
        while anc.head.i != anc.i and anc.i >= tok.sent.start:
            anc = anc.head
            if is_cue(anc, speakers.cues) == "speech":
                up = cue_subject(anc)
                speaker = speakers.from_tokens(up) if up is not None else None
                break
    if speaker is None or not WORD.search(speaker.name):
        return None
    cue_text = tok.text
    cs, ce = tok.idx, tok.idx + len(tok)
    if qlist:
        comp = complement(tok, kind) if kind else None
        r0 = r1 = -1
        if comp is not None:
            r0 = doc[comp[0]].idx
            r1 = doc[comp[1] - 1].idx + len(doc[comp[1] - 1])
        inside = [quotes[k] for k, _ in qlist
                  if r0 >= 0 and r0 <= quotes[k].cstart and quotes[k].cend <= r1 + 1]
        qs = [quotes[k] for k, adj in qlist if adj or quotes[k] in inside]
        # quotes that are only part of the reported clause make it reported speech
        if comp is not None and inside and len(inside) == len(qs):
            c0, c1 = trim(doc, comp[0], comp[1])
            cw = len(WORD.findall(doc_text(doc)[c0:c1])) if c0 >= 0 else 0
            qw = sum(len(WORD.findall(doc_text(doc)[q.cstart:q.cend])) for q in qs)
            if c0 >= 0 and qw < 0.6 * cw:
                return Candidate(speaker, cue_text, cs, ce, [(c0, c1)], False, qs)
        if qs:
            first = qs[0]
            head = doc_text(doc)[first.cstart:first.cstart + 1]
            sent = doc.char_span(first.start, first.end, alignment_mode="expand")
            lead = doc_text(doc)[sent[0].sent.start_char:first.start] if sent is not None else ""
            if head.islower() and len(WORD.findall(lead)) >= 2 and first.start < cs:
                # "The plan ''is a misguided approach,'' he said": the quote ends a sentence
                # that began outside it
                start = sent[0].sent.start_char
                return Candidate(speaker, cue_text, cs, ce, [(start, first.cend)], False, qs)
            if head.islower() and not any(adj for _, adj in qlist):
                if comp is not None:
                    c0, c1 = trim(doc, comp[0], comp[1])
                    if c0 >= 0:
                        return Candidate(speaker, cue_text, cs, ce, [(c0, c1)], False, qs)
                return None
            parts = [(q.cstart, q.cend) for q in qs]
            return Candidate(speaker, cue_text, cs, ce, parts, True, qs)
    if kind is None:
        return None
    comp = complement(tok, kind)
    if comp is None and kind == "speech":
        comp = fronted_content(doc, tok, subj, qidx)
    if comp is None:
        return None
    clausal = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    if kind == "belief" and not clausal and speaker.kind == "person" and (
            lemma_of(tok) in PERSON_STATE):
        return None  # "Putin is showing no interest": a state, not an attributed finding
    c0, c1 = trim(doc, comp[0], comp[1])
    if c0 < 0:
        return None
    inside = {qidx[i] for i in range(comp[0], comp[1]) if qidx[i] >= 0}
    content = doc_text(doc)[c0:c1]
    nwords = len(WORD.findall(content))
    clausal = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    if nwords < 2 or ((kind == "belief" or not clausal) and nwords < 3):
        return None
    if lemma_of(tok) in ("say", "tell") and nwords < 3 and not inside:
        return None
    qs = [quotes[k] for k in sorted(inside)]
    direct = False
    if len(qs) == 1 and len(WORD.findall(doc_text(doc)[qs[0].cstart:qs[0].cend])) >= 0.8 * nwords:
        direct = True
        c0, c1 = qs[0].cstart, qs[0].cend
    return Candidate(speaker, cue_text, cs, ce, [(c0, c1)], direct, qs, nominal=not clausal)


def according(doc: Doc, tok: Token, speakers: SpeakerResolver, quotes: list[QuoteSpan],
               qidx: list[int]) -> Candidate | None:
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    speaker = speakers.from_tokens(objs[0])
    if speaker is None:
        return None
    sent = tok.sent
    phrase_end = objs[0].right_edge.i + 1
    if tok.i - sent.start <= 1:
        start, end = phrase_end, sent.end
    else:
        start, end = sent.start, tok.i
        if phrase_end < sent.end - 2:
            end = sent.end
            # the clause is around the phrase; keep the longer side
            if sent.end - phrase_end > tok.i - sent.start:
                start = phrase_end
            else:
                end = tok.i
    c0, c1 = trim(doc, start, end)
    if c0 < 0 or len(WORD.findall(doc_text(doc)[c0:c1])) < 3:
        return None
    inside = sorted({qidx[i] for i in range(start, end) if qidx[i] >= 0})
    cue_end = to.idx + len(to)
    return Candidate(speaker, "according to", tok.idx, cue_end, [(c0, c1)], False,
                 [quotes[k] for k in inside])


def colon_and_dash(doc: Doc, text: str, quotes: list[QuoteSpan], used: set[int],
                    speakers: SpeakerResolver, paras: list[int]) -> list[Candidate]:
    out: list[Candidate] = []
    for k, q in enumerate(quotes):
        if k in used:
            continue
        after = text[q.end:q.end + 80]
        m = re.match(r"\s*[-–—―]\s+", after)
        if m:
            span = doc.char_span(q.end + m.end(), q.end + m.end() + 1, alignment_mode="expand")
            if span is not None and (span[0].ent_type_ in BYLINE_LABELS or (
                    span[0].pos_ == "PROPN" and span[0].is_title)):
                head = span[0]
                while head.dep_ == "compound" and head.head.i > head.i:
                    head = head.head
                if head is not None:
                    sp = speakers.from_tokens(head)
                    if sp is not None:
                        out.append(Candidate(sp, m.group().strip(), q.end, q.end + m.end(),
                                         [(q.cstart, q.cend)], True, [q]))
                        used.add(k)
                        continue
    # headline "X: …" at a paragraph start, with no verb before the colon
    for p in paras:
        line_end = text.find("\n", p)
        line_end = len(text) if line_end < 0 else line_end
        line = text[p:line_end]
        m = re.match(r"([^:\n]{2,60}):\s+(\S.*)$", line)
        if not m:
            continue
        span = doc.char_span(p, p + len(m.group(1)), alignment_mode="expand")
        if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        ents = [e for e in span_ents(span) if e.label_ in SPEAKER_LABELS]
        if not ents or ents[-1].end != span.end:
            continue
        # "Alexandra de Hoop Scheffer of the German Marshall Fund: …" speaks for herself
        root_ent = next((e for e in ents if e.start <= span.root.i < e.end), ents[-1])
        sp = speakers.from_tokens(root_ent.root)
        if sp is None:
            continue
        cstart = p + m.start(2)
        inner = [q for q in quotes if cstart <= q.start and q.end <= line_end]
        if inner and inner[0].start - cstart <= 1:
            cstart, cend = inner[0].cstart, inner[0].cend
        else:
            cend = line_end
        if len(WORD.findall(text[cstart:cend])) < 3:
            continue
        out.append(Candidate(sp, ":", p + m.end(1), p + m.end(1) + 1, [(cstart, cend)],
                         bool(inner), inner[:1]))
    return out


def previous_direct(cands: list[Candidate], q: QuoteSpan, text: str) -> Candidate | None:
    """The direct statement this unattributed quote continues: in the same paragraph, with
    only the attribution between them and the quote starting a new sentence; or, in the next
    paragraph, a quote that is a whole paragraph of its own."""
    best = None
    for c in cands:
        if c.span()[1] <= q.start and (best is None or c.span()[1] > best.span()[1]):
            best = c
    if best is None or not best.direct:
        return None
    between = text[best.span()[1]:q.start]
    if "\n" not in between:
        head = text[max(0, q.start - 3):q.start].rstrip()
        return best if head and head[-1] in ".!?:”\"'" else None
    para_start = text.rfind("\n", 0, q.start) + 1
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    if between.strip() or text[para_start:q.start].strip() or text[q.end:para_end].strip():
        return None
    return best
