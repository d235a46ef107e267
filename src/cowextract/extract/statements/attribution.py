"""Attribution passes: each builds candidate statements from one pattern. Quotes are given
to the cue that governs them or stands next to them; a cue's subject and complement give
reported speech; "according to X" gives X's claim; "X: …" headlines and "“…” - X" lines
give direct quotes with no verb; and a quote nobody claimed continues the direct statement
before it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cowextract.extract.statements.candidates import Candidate, trim
from cowextract.extract.statements.cues import (
    PERSON_STATE,
    PREDICATIVE,
    complement,
    cue_subject,
    fronted_content,
    has_clause,
    is_cue,
    predicate,
)
from cowextract.extract.statements.quotes import WORD, QuoteSpan, is_title, quote_tokens
from cowextract.nlp.docs import doc_text
from cowextract.nlp.lemmas import lemma_of
from cowextract.resources import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from cowextract.extract.statements.cues import Cues
    from cowextract.extract.statements.speakers import Speaker, SpeakerResolver

# Cues that attribute a quote next to them and report nothing of their own ("he continued").
QUOTE_ONLY = words("cues.json", "quote_only")
# Cues a thing can do as well as a speaker ("the strikes highlighted the gap").
EVIDENTIAL = words("cues.json", "evidential")
# Verbs whose infinitive cue is words withheld ("declined to say").
WITHHOLD = words("cues.json", "withhold")
# How far (tokens) a cue may stand after or before the quote it attributes, and how many
# heads up from a quote's first token the cue that governs it may be.
CUE_AFTER_REACH = 10
CUE_BEFORE_REACH = 12
CUE_ABOVE_STEPS = 6
# Quotes given to a cue with fewer words than this share of its clause are part of reported
# speech; a reported content that one quote fills to this share is that quote, direct.
QUOTED_SHARE_REPORTED = 0.6
QUOTED_SHARE_DIRECT = 0.8
# An unattributed quote continuing a direct statement has at least this many words: in the
# same paragraph, or as a paragraph of its own.
MIN_CONTINUATION_WORDS = 3
MIN_UNATTRIBUTED_WORDS = 6


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
        if best is None:
            best = _cue_left(doc, qs, k, qidx, cues)
        adjacent = best is not None
        if best is None and qs < len(doc):
            best = _cue_above(doc, qs, q, qidx, cues)
        if best is not None:
            out.setdefault(best, []).append((k, adjacent))
    return out


def _cue_above(doc: Doc, qs: int, q: QuoteSpan, qidx: list[int], cues: Cues) -> int | None:
    """A cue that governs the quote in the parse: a head of its first token, outside any
    quote, in the same sentence and paragraph."""
    tok = doc[qs]
    for _ in range(CUE_ABOVE_STEPS):
        if is_cue(tok, cues) and qidx[tok.i] < 0 and tok.sent == doc[qs].sent and (
                "\n" not in doc_text(doc)[min(tok.idx, q.start):max(tok.idx, q.end)]):
            return tok.i
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _cue_right(doc: Doc, qe: int, k: int, qidx: list[int], cues: Cues) -> int | None:
    """ "…," he said / "…," said the minister: a cue after the quote with only punctuation,
    its subject and adverbs between."""
    j = qe
    closed = _ends_sentence(doc, qe)
    while j < len(doc) and j - qe <= CUE_AFTER_REACH and "\n" not in doc[j].text:
        t = doc[j]
        if qidx[j] >= 0 and qidx[j] != k:
            return None
        kind = is_cue(t, cues)
        if kind and t.tag_ == "VBG":
            return None  # "“…,” adding that …": the participle's own words follow it
        if kind and (kind == "speech" or lemma_of(t) in ("believe", "think")):
            if closed and any(c.dep_ in ("ccomp", "xcomp", "dobj") or c.text == ":"
                              for c in t.rights):
                return None  # "“….” She added that …": the cue has words of its own
            subj = cue_subject(t)
            if subj is not None and subj.i < qe and t.i > subj.i:
                return None  # "Macron, stressing “…,” spoke of": the quote is in his clause
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


def _ends_sentence(doc: Doc, qe: int) -> bool:
    """Whether the quote ending before token `qe` closes on a full stop ("….” She added …")."""
    if qe >= len(doc) or qe < 2:
        return False
    last = doc[qe - 2] if doc[qe - 1].is_quote else doc[qe - 1]
    return last.text == "."


def _cue_left(doc: Doc, qs: int, k: int, qidx: list[int], cues: Cues) -> int | None:
    """He said: "…" / X told reporters, "…": a cue before the quote, with no other verb
    between and a colon, comma or "that" (or nothing) just before the quote."""
    j = qs - 1
    while j >= 0 and qs - j <= CUE_BEFORE_REACH and "\n" not in doc[j].text:
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


@dataclass(frozen=True)
class _Attribution:
    """A cue token with its speaker, as the reported-speech pass reads it."""

    tok: Token
    kind: str | None  # "speech", "belief", or None for a cue only a quote was given to
    speaker: Speaker
    clausal: bool  # the cue governs a clause (ccomp/xcomp), not a noun phrase
    predicative: bool = False  # its content is its predicate ("called it 'reckless'")

    @property
    def start(self) -> int:
        return self.tok.idx

    def candidate(self, parts: list[tuple[int, int]], direct: bool,
                  quotes: list[QuoteSpan]) -> Candidate:
        tok = self.tok
        return Candidate(self.speaker, tok.text, tok.idx, tok.idx + len(tok), parts, direct,
                         quotes, nominal=not direct and not self.clausal,
                         predicative=self.predicative)


def reported(doc: Doc, tok: Token, kind: str | None, speakers: SpeakerResolver,
             quotes: list[QuoteSpan], qidx: list[int],
             qlist: list[tuple[int, bool]]) -> Candidate | None:
    """The statement at a cue token: the quotes given to it (`qlist`, from
    `assign_quotes`), else its reported content; None when the cue has no speaker or no
    content. `kind` is None for a token that is a cue only because a quote was given to it."""
    lemma = lemma_of(tok).lower()
    if not qlist and (_unsaid(tok) or lemma in QUOTE_ONLY):
        return None
    up = _reporting_head(tok, speakers.cues)
    subj = cue_subject(up if up is not None else tok)
    if kind == "speech" and not qlist and (subj is None or subj.i > tok.i or qidx[subj.i] >= 0
                                           or (tok.dep_ == "conj" and
                                               speakers.agency(subj) == "thing")):
        inverted = _inverted(doc, tok, speakers, quotes, qidx)
        if inverted is not None:
            return inverted
    if subj is None or not _subject_fits(doc, tok, subj, qidx):
        return None
    if lemma in EVIDENTIAL and not qlist and not speakers.speaks(subj):
        return None  # "the strikes highlighted the gap": a thing, not a speaker
    speaker = _cue_speaker(tok, subj, speakers)
    if speaker is None or not WORD.search(speaker.name):
        return None
    comp = complement(tok, kind) if kind else None
    # "called it 'reckless'": a predicate may be one word
    pred = comp is not None and lemma_of(tok).lower() in PREDICATIVE and comp == predicate(tok)
    cue = _Attribution(tok, kind, speaker, has_clause(tok), pred)
    if qlist:
        in_clause = _quotes_in(doc, comp, quotes, qlist)
        qs = [quotes[k] for k, adj in qlist if adj or k in in_clause]
        if qs:
            return _quoted(doc, cue, comp, qs, len(in_clause) == len(qs),
                           any(adj for _, adj in qlist))
    if kind is None:
        return None
    if comp is None and kind == "speech":
        around = _parenthetical(doc, tok, subj)
        if around is not None:
            return around_content(doc, cue, around, quotes, qidx)
        comp = fronted_content(doc, tok, subj, qidx)
    if comp is None:
        return None
    return _reported_content(doc, cue, comp, quotes, qidx)


def _inverted(doc: Doc, tok: Token, speakers: SpeakerResolver, quotes: list[QuoteSpan],
              qidx: list[int]) -> Candidate | None:
    """ "“…” on Moscow, added the Ukrainian president.": a cue after a comma that ends its
    sentence with the speaker the parse took for its object; the sentence before the comma
    is what was said."""
    sent = tok.sent
    last = sent.end - 1
    while last > tok.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    objs = [c for c in tok.rights if c.dep_ in ("dobj", "attr", "npadvmod", "nsubj")]
    if tok.i - 1 <= sent.start or doc[tok.i - 1].text != "," or len(objs) != 1 or (
            objs[0].right_edge.i != last) or not speakers.speaks(objs[0]):
        return None
    speaker = speakers.from_tokens(objs[0])
    if speaker is None:
        return None
    cue = _Attribution(tok, "speech", speaker, False)
    return around_content(doc, cue, [(sent.start, tok.i - 1)], quotes, qidx)


def _parenthetical(doc: Doc, tok: Token, subj: Token) -> list[tuple[int, int]] | None:
    """ "The economy, the minister said, would grow": an attribution set off by commas inside
    the sentence it attributes; the sentence around it (token spans) is what was said."""
    if tok.dep_ not in ("parataxis", "ccomp") or subj.i > tok.i:
        return None
    lo, hi = subj.left_edge.i, tok.i + 1
    for c in tok.rights:  # "Shmyhal added on Tuesday," but not "…, and was grateful"
        if c.dep_ in ("advmod", "prep", "npadvmod") and c.i == hi:
            hi = c.right_edge.i + 1
    sent = tok.sent
    if lo - 1 <= sent.start or hi >= sent.end - 1 or doc[lo - 1].text != "," or (
            doc[hi].text != ","):
        return None
    return [(sent.start, lo - 1), (hi + 1, sent.end)]


def around_content(doc: Doc, cue: _Attribution, spans: list[tuple[int, int]],
                   quotes: list[QuoteSpan], qidx: list[int]) -> Candidate | None:
    """A statement of the token spans around its attribution, long enough to be a claim."""
    parts = [p for p in (trim(doc, a, b) for a, b in spans) if p[0] >= 0]
    text = doc_text(doc)
    if sum(len(WORD.findall(text[a:b])) for a, b in parts) < 3:
        return None
    quoted = sorted({qidx[i] for a, b in spans for i in range(a, b) if qidx[i] >= 0})
    return cue.candidate(parts, False, [quotes[k] for k in quoted])


def _unsaid(tok: Token) -> bool:
    """ "has not said whether …", "declined to say", "will urge", "would declare": words not
    (yet) said are no statement."""
    if any((c.dep_ == "neg" or c.tag_ == "MD") and c.i < tok.i for c in tok.children):
        return True
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "declined to name them or say how many"
        if lemma_of(tok).lower() in WITHHOLD:
            return True
    return tok.dep_ == "xcomp" and lemma_of(tok.head).lower() in WITHHOLD


def _reporting_head(tok: Token, cues: Cues) -> Token | None:
    """ "X said that A, adding B", "X said that A and suggested B": the speech cue whose
    reported clause a participle cue, or a past-tense cue joined to an auxiliary verb,
    without a subject of its own hangs in; it is that speaker's further words, not the
    reported clause's subject's."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    if tok.tag_ == "VBD" and tok.dep_ == "conj":
        if not any(c.dep_ in ("aux", "auxpass") for c in tok.head.children):
            return None
    elif tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "conj"):
        return None
    else:
        j = tok.i - 1
        while j > 0 and tok.doc[j].is_quote:
            j -= 1  # "…,” adding": the comma inside the closing mark
        if j <= 0 or tok.doc[j].text not in (",", "—", "–", "-", ";"):
            return None
    anc = tok.head
    for _ in range(CUE_ABOVE_STEPS):
        if anc.head.i == anc.i:
            return None
        if anc.dep_ in ("ccomp", "xcomp") and is_cue(anc.head, cues) == "speech":
            return anc.head
        anc = anc.head
    return None


def _subject_fits(doc: Doc, tok: Token, subj: Token, qidx: list[int]) -> bool:
    """A subject after its cue only as a plain subject ("said the minister"), never inside a
    quote, and not across a paragraph break (a parse that ran the headline into the lead)."""
    if subj.i > tok.i and tok.i > 0 and subj.dep_ != "nsubj" and subj.head.dep_ != "agent":
        return False
    if qidx[subj.i] >= 0:
        return False
    return "\n" not in doc_text(doc)[min(subj.idx, tok.idx):max(subj.idx, tok.idx)]


def _cue_speaker(tok: Token, subj: Token, speakers: SpeakerResolver) -> Speaker | None:
    speaker = speakers.from_tokens(subj)
    if speaker is None and (tok.dep_ == "conj" or tok.tag_ == "VBG") and (
            speakers.agency(subj) == "thing"):
        # "X said that the time had come, and announced …", "X added that A, urging B": the
        # parse hung the second cue on the reported clause; its speaker is the speaker of
        # the cue above
        anc = tok.head
        while anc.head.i != anc.i and anc.i >= tok.sent.start:
            anc = anc.head
            if is_cue(anc, speakers.cues) == "speech":
                up = cue_subject(anc)
                return speakers.from_tokens(up) if up is not None else None
    return speaker


def _quotes_in(doc: Doc, comp: tuple[int, int] | None, quotes: list[QuoteSpan],
               qlist: list[tuple[int, bool]]) -> set[int]:
    """The quotes of `qlist` whose content lies inside the cue's complement `comp`."""
    if comp is None:
        return set()
    r0 = doc[comp[0]].idx
    r1 = doc[comp[1] - 1].idx + len(doc[comp[1] - 1])
    return {k for k, _ in qlist if r0 <= quotes[k].cstart and quotes[k].cend <= r1 + 1}


def _quoted(doc: Doc, cue: _Attribution, comp: tuple[int, int] | None, qs: list[QuoteSpan],
            all_in_clause: bool, adjacent: bool) -> Candidate | None:
    """The statement made of the quotes given to a cue: direct, unless the quotes are only
    part of what it reports, or a quote starting in lower case continues a sentence begun
    outside it."""
    text = doc_text(doc)
    if comp is not None and all_in_clause and not _quote_then_gloss(doc, comp, qs):
        c0, c1 = trim(doc, comp[0], comp[1])
        cw = len(WORD.findall(text[c0:c1])) if c0 >= 0 else 0
        qw = sum(len(WORD.findall(text[q.cstart:q.cend])) for q in qs)
        if c0 >= 0 and qw < QUOTED_SHARE_REPORTED * cw:
            return cue.candidate([(c0, c1)], False, qs)
    first = qs[0]
    lower = text[first.cstart:first.cstart + 1].islower()
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    sent_start = span[0].sent.start_char if span is not None else first.start
    if lower and len(WORD.findall(text[sent_start:first.start])) >= 2 and (
            first.start < cue.start):
        # "The plan ''is a misguided approach,'' he said": the quote ends a sentence that
        # began outside it
        return cue.candidate([(sent_start, first.cend)], False, qs)
    if lower and not adjacent:
        if comp is not None:
            c0, c1 = trim(doc, comp[0], comp[1])
            if c0 >= 0:
                return cue.candidate([(c0, c1)], False, qs)
        return None
    return cue.candidate([(q.cstart, q.cend) for q in qs], True, qs)


def _quote_then_gloss(doc: Doc, comp: tuple[int, int], qs: list[QuoteSpan]) -> bool:
    """ "X said, “…,” marking a turning point": the clause opens with the quote, and what
    follows its closing comma is the writer's gloss, not more of what was said."""
    text = doc_text(doc)
    first = comp[0]
    while first < comp[1] and (doc[first].is_punct or doc[first].lower_ == "that"):
        first += 1
    q = qs[0]
    if first >= comp[1] or doc[first].idx != q.cstart:
        return False
    last = qs[-1]
    return text[last.cstart:last.cend].rstrip().endswith(",") or (
        text[last.end:last.end + 1] == ",")


def _reported_content(doc: Doc, cue: _Attribution, comp: tuple[int, int],
                      quotes: list[QuoteSpan], qidx: list[int]) -> Candidate | None:
    """Reported speech: the cue's content `comp`, long enough to be a claim; direct when
    one quote fills it."""
    tok, kind = cue.tok, cue.kind
    if kind == "belief" and not cue.clausal and cue.speaker.kind == "person" and (
            lemma_of(tok) in PERSON_STATE):
        return None  # "Putin is showing no interest": a state, not an attributed finding
    c0, c1 = trim(doc, comp[0], comp[1])
    if c0 < 0:
        return None
    quoted = sorted({qidx[i] for i in range(comp[0], comp[1]) if qidx[i] >= 0})
    nwords = len(WORD.findall(doc_text(doc)[c0:c1]))
    if cue.predicative and nwords >= 1 and not any(
            t.pos_ == "PROPN" for t in doc[comp[0]:comp[1]]):
        # "called the demand 'unconstructive'": a predicate may be one word
        return cue.candidate([(c0, c1)], bool(quoted), [quotes[k] for k in quoted])
    if nwords < 2 or ((kind == "belief" or not cue.clausal) and nwords < 3):
        return None
    if not cue.clausal and doc[comp[0]].lower_ in ("this", "these", "that", "those"):
        return None  # "echoed this view": what was said is told elsewhere
    if lemma_of(tok) in ("say", "tell") and nwords < 3 and not quoted:
        return None
    qs = [quotes[k] for k in quoted]
    if len(qs) == 1 and len(WORD.findall(doc_text(doc)[qs[0].cstart:qs[0].cend])) >= (
            QUOTED_SHARE_DIRECT * nwords):
        return cue.candidate([(qs[0].cstart, qs[0].cend)], True, qs)
    return cue.candidate([(c0, c1)], False, qs)


def continue_quotes(cands: list[Candidate], quotes: list[QuoteSpan], used: set[int],
                    text: str) -> None:
    """Quotes nobody claimed, as the next sentences of the previous direct statement: more
    of it in the same paragraph, or the next paragraphs when they are quotes of their own
    (one statement). `cands` must be in text order; they and `used` are updated."""
    for k, q in enumerate(quotes):
        if k in used:
            continue
        prev = previous_direct(cands, q, text)
        if prev is None:
            continue
        same_para = "\n" not in text[prev.span()[1]:q.start]
        min_words = MIN_CONTINUATION_WORDS if same_para else MIN_UNATTRIBUTED_WORDS
        if len(WORD.findall(text[q.cstart:q.cend])) < min_words:
            continue
        # a quoted paragraph with no attribution of its own goes on with the same quote
        prev.parts.append((q.cstart, q.cend))
        prev.quotes.append(q)
        used.add(k)


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
    # the rest of the attribution's own paragraph may follow it ("…," she said in a
    # statement.), but no other paragraph may stand between
    if between[between.find("\n"):].strip() or text[para_start:q.start].strip() or (
            text[q.end:para_end].strip()):
        return None
    return best
