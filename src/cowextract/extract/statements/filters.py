"""Post-passes over the candidates: contents clipped to their paragraph, cut where another
attribution starts, joined where one speaker's words run on, and rid of the writer's
framing and of attributions nested in others."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import TYPE_CHECKING

from cowextract.extract.statements.candidates import Candidate
from cowextract.extract.statements.cues import CORE_SPEECH, load_cues
from cowextract.extract.statements.quotes import WORD

if TYPE_CHECKING:
    from spacy.tokens import Doc

# An attribution inside another's content that fills more than this share of it is what
# the outer one reports.
NESTED_SHARE = 0.4
# Sources without a verb of their own: what they hold of another's words is that other's.
SOURCE_CUES = ("according to",)
# The headline is one of the article's first lines, of so many words; lines of site chrome
# before it ("English Section", a time stamp) have a few words at most.
HEADLINE_LINES = 4
HEADLINE_WORDS = (3, 30)
CHROME_WORDS = 6
BULLETS = ("-", "•", "*", "–")


def in_paragraph(cands: list[Candidate], text: str) -> list[Candidate]:
    """Contents clipped to the paragraph of their cue: the parser sometimes runs a sentence
    over a paragraph break (a headline into the lead, a line into the next)."""
    out = []
    for c in cands:
        lo = text.rfind("\n", 0, c.cue_start) + 1
        hi = text.find("\n", c.cue_end)
        hi = len(text) if hi < 0 else hi
        parts = []
        least = 1 if c.predicative else 2
        for s, e in c.parts:
            s, e = max(s, lo), min(e, hi)
            if len(WORD.findall(text[s:e])) >= least:
                parts.append((s, e))
        if parts:
            c.parts = parts
            c.quotes = [q for q in c.quotes if lo <= q.start and q.end <= hi]
            out.append(c)
    return out


def cut_at_others(cands: list[Candidate], doc: Doc) -> list[Candidate]:
    """End a reported content where another attribution starts inside it ("X argued that …,
    while one official said …")."""
    # Another attribution starts at its speaker or its cue: look them up by position.
    named = [o for o in cands if o.speaker.start >= 0]
    by_cue = sorted(named, key=lambda o: o.cue_start)
    by_speaker = sorted(named, key=lambda o: o.speaker.start)
    cue_starts = [o.cue_start for o in by_cue]
    speaker_starts = [o.speaker.start for o in by_speaker]
    for c in cands:
        if c.direct or len(c.parts) != 1:
            continue
        s0, e0 = c.parts[0]
        inside = by_cue[bisect_right(cue_starts, s0):bisect_left(cue_starts, e0)] + \
            by_speaker[bisect_right(speaker_starts, s0):bisect_left(speaker_starts, e0)]
        cut = e0
        for o in inside:
            if o is c:
                continue
            lo = min(o.speaker.start if s0 < o.speaker.start else o.cue_start, o.cue_start)
            if s0 < lo < cut:
                cut = lo
        if cut < e0:
            _end_before(c, doc, s0, cut)
    return cands


def _end_before(c: Candidate, doc: Doc, s0: int, cut: int) -> None:
    """End the candidate's content before `cut`, without the words that link to what
    follows (punctuation, conjunctions, 'while')."""
    span = doc.char_span(s0, cut, alignment_mode="contract")
    if span is None:
        return
    end = span.end
    while end > span.start and (doc[end - 1].is_punct or doc[end - 1].pos_ in (
            "CCONJ", "SCONJ", "ADV", "ADP") or doc[end - 1].tag_ in ("WDT", "WP")
            or doc[end - 1].lower_ in ("while", "whereas")):
        end -= 1
    if end - span.start >= 3:
        c.parts = [(s0, doc[end - 1].idx + len(doc[end - 1]))]


def join_participles(cands: list[Candidate], text: str) -> list[Candidate]:
    """One statement where one speaker's report is given twice over: "X stressed that A, but
    B, his office said" (the outer cue adds B) and "X reiterated that A, but B, her office
    said". A participle with content of its own ("…, saying …", "…, stressing that …") is a
    speech act of its own, and stays a statement of its own."""
    out: list[Candidate] = []
    # Both joins need one speaker: only that speaker's statements so far are looked at.
    by_speaker: dict[str, list[Candidate]] = defaultdict(list)
    for c in sorted(cands, key=lambda c: c.cue_start):
        host = None
        for o in reversed(by_speaker[c.speaker.name]):
            if o.direct or len(o.parts) != 1:
                continue
            os_, oe = o.parts[0]
            cs_, ce_ = c.parts[0][0], c.parts[-1][1]
            if not c.direct and cs_ <= o.cue_start and oe <= ce_ + 1 and (
                    c.speaker.name == o.speaker.name) and c.speaker.start > oe:
                # "X stressed that A, but B, his office said": the outer cue adds B
                o.parts = [(os_, ce_)]
                host = o
                break
            between = text[oe:c.parts[0][0]]
            if not c.direct and len(c.parts) == 1 and c.speaker.name == o.speaker.name and (
                    oe <= c.parts[0][0] <= oe + 8 and not WORD.sub(
                        lambda m: "" if m.group().lower() in ("but", "and") else "x", between
                    ).strip(" ,;")):
                # "X reiterated that A, but B, her office said": one statement, A and B
                o.parts = [(os_, c.parts[0][1])]
                host = o
                break
        if host is None:
            out.append(c)
            by_speaker[c.speaker.name].append(c)
    return out


_TRAILING_GLOSS = re.compile(r"\s*,\s*(?:when|regarding|concerning|amid|as part of)\b",
                            re.IGNORECASE)


_THAT_CONJ = re.compile(r",?\s+and that\b", re.IGNORECASE)


def drop_framing(cands: list[Candidate], text: str) -> list[Candidate]:
    """A reported content ends where the writer's framing begins: after its quoted words when
    they run on with a gloss ("… to “some 30 nations”, as army commanders …"), and
    before a second "that" clause a stance without a "that" of its own cannot govern
    ("considered the plan too risky and that …")."""
    belief = load_cues().belief
    for c in cands:
        if c.direct or len(c.parts) != 1:
            continue
        s0, e0 = c.parts[0]
        m = _THAT_CONJ.search(text, s0, e0)
        if m and c.lemma in belief and not re.match(r"\s*that\b", text[s0:e0], re.I):
            # "considered X too risky and that …": the second "that" clause is not this
            # stance's (it has no "that" of its own); it belongs to the verb above
            c.parts = [(s0, m.start())]
            continue
        for q in c.quotes:
            if s0 < q.end < e0 and _TRAILING_GLOSS.match(text, q.end):
                c.parts = [(s0, q.cend)]
                break
    return cands


def drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """PolNeAR-style: an attribution whose content is another attribution keeps only the inner
    one ("X reiterated that …, her office said"); a commitment or stance reported inside
    another statement belongs to it."""
    return [c for c in cands if not _reports_speech(c, cands) and not (
        c.lemma not in CORE_SPEECH and _inside_speech(c, cands))]


def _reports_speech(c: Candidate, cands: list[Candidate]) -> bool:
    """Whether most of `c`'s reported content is another speech attribution, its speaker
    and cue included ("X repeated that …, according to the ministry": X's words, which any
    speech verb makes so when `c` is a source without a verb of its own)."""
    if c.direct:
        return False
    inner = load_cues().speech if c.cue in SOURCE_CUES else CORE_SPEECH
    cs, ce = c.parts[0][0], c.parts[-1][1]
    for o in cands:
        if o is c or o.lemma not in inner:
            continue
        if cs <= o.cue_start and o.cue_end <= ce and cs <= o.speaker.start and (
                o.speaker.end <= ce):
            os_, oe = o.parts[0][0], o.parts[-1][1]
            if os_ >= cs and oe <= ce + 1 and (oe - os_) > NESTED_SHARE * (ce - cs):
                return True
    return False


def _inside_speech(c: Candidate, cands: list[Candidate]) -> bool:
    """Whether `c`'s speaker and cue lie inside another speech attribution's content."""
    for o in cands:
        if o is c or not o.parts:
            continue
        os_, oe = o.parts[0][0], o.parts[-1][1]
        if os_ <= c.speaker.start and c.cue_end <= oe and o.lemma in CORE_SPEECH:
            return True
    return False


def lead(text: str) -> list[tuple[int, int]]:
    """The characters of the article's lead block: its headline (among its first lines, after
    short site chrome such as a section name or a time stamp, one of a few words that ends
    without a full stop) and the summary bullets at its top ("- NATO unveils …"). Their
    words sum up the body's; they are not statements of their own."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for n, line in enumerate(text.split("\n")):
        start, pos = pos, pos + len(line) + 1
        words = [w for w in WORD.findall(line) if w.isalpha()]
        if not words:
            continue
        body = line.strip().rstrip("\"“”'’»")
        if body.startswith(BULLETS):
            spans.append((start, start + len(line)))
            continue
        if spans or n >= HEADLINE_LINES:
            break
        if HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1] and (
                body[-1:] not in ".!?:;") and text[pos:].strip():
            spans.append((start, start + len(line)))  # a headline has a body after it
        elif len(words) > CHROME_WORDS:
            break  # the body has begun
    return spans


def drop_lead(cands: list[Candidate], text: str) -> list[Candidate]:
    """Candidates whose cue stands in the headline or the summary bullets are dropped."""
    spans = lead(text)
    return [c for c in cands if not any(a <= c.cue_start < b for a, b in spans)]
