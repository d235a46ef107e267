"""Statements: who said what, quoted or reported, attributed to the right speaker.

Three passes over one article:

1. `find_quotes` pairs quotation marks paragraph by paragraph (every style news text uses;
   a mark left open is capped at the paragraph end).
2. Cue tokens (reporting verbs and phrases from `data/cues.json`) give reported speech: the
   speaker is the cue's subject (or the object of "according to"), the content its complement.
3. Each quote is attached to the cue that governs it or stands next to it; quotes split by
   the attribution, or continued after it, join one statement. A quote that is only part of
   a reported clause stays inside that reported statement.

Speakers go through the article's actor resolver; pronouns and descriptions ("he", "her
office", "the French president") resolve here to the nearest compatible named person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from cowextract.extract.timex import to_date_value
from cowextract.models import Actor, DateValue, Evidence, Quote, Statement
from cowextract.nlp.docs import doc_ents, doc_text, span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.resources import data

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from cowextract.extract.context import ArticleContext

__all__ = ["Cues", "QuoteSpan", "extract", "find_quotes", "load_cues", "quote_key"]

WORD = re.compile(r"\w+")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
GENDER_PRONOUN = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
LEADING_DROP = {"a", "an", "the", "one", "some", "another"}
NAME_PARTICLES = {"von", "der", "de", "van", "la", "le", "du", "del", "da", "bin", "al", "ter",
                  "den"}
OFFICES = {"president", "chancellor", "premier", "minister", "secretary", "leader", "king",
           "queen", "pope", "mayor", "governor", "ambassador", "envoy", "commissioner"}
CORE_SPEECH = {"say", "tell", "add", "warn", "stress", "argue", "announce", "reiterate", "insist",
               "note", "claim", "state", "explain", "declare", "emphasize", "emphasise",
               "confirm", "deny", "write", "tweet", "report", "acknowledge", "admit"}
BODY_NOUNS = {"government", "office", "ministry", "commission", "campaign", "administration",
              "palace", "team", "presidency", "cabinet", "statement", "report"}
# Cues whose noun-phrase object is itself the content ("denied the reports", "demanded a ban").
NOMINAL_CUES = {"announce", "confirm", "deny", "reveal", "describe", "characterize", "characterise",
                "call", "cite", "demand", "propose", "declare", "promise", "report", "urge",
                "recommend", "claim", "reiterate", "emphasize", "emphasise", "stress",
                "underline", "underscore", "liken", "blame", "accuse", "criticize", "criticise",
                "condemn", "praise", "say", "want", "plan", "support", "oppose", "reject",
                "seek", "show", "find"}
# Cues whose noun-phrase object is the person addressed ("told reporters, …, that").
ADDRESSEE_CUES = {"tell", "inform", "brief", "assure", "reassure", "warn", "urge", "ask",
                  "remind", "advise", "notify"}
# Cues whose prepositional phrase is the content ("warned of", "called for"), by preposition:
# "spoke to X" names an addressee, not what was said.
PREP_CONTENT = {"speak": ("about", "of", "on"), "talk": ("about", "of", "on"),
                "warn": ("of", "about", "against"), "write": ("about", "of", "on"),
                "call": ("for", "on"), "point": ("to",), "complain": ("about", "of"),
                "argue": ("for", "against"), "comment": ("on",), "testify": ("about", "on"),
                "ask": ("for", "about"), "tweet": ("about",), "joke": ("about",)}
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Between a quote and its cue: commas, dashes, colons, and at most this many other tokens.
MAX_GAP_TOKENS = 3
MIN_UNATTRIBUTED_WORDS = 6
MIN_CONTINUATION_WORDS = 3
# How far back (characters) "they" looks for the group it stands for.
THEY_REACH = 600


@dataclass(frozen=True)
class Cues:
    """The cue lexicon (`data/cues.json`)."""

    speech: frozenset[str]
    belief: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    source_nouns: frozenset[str]
    group_nouns: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    agent_nouns: frozenset[str] = frozenset()
    non_agent_suffixes: tuple[str, ...] = ()
    media_nouns: frozenset[str] = frozenset()
    media_names: tuple[str, ...] = ()
    thing_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Load the packaged cue lexicon once."""
    raw = data("cues.json")
    return Cues(
        speech=frozenset(raw["speech"]),
        belief=frozenset(raw["belief"]) - frozenset(raw["speech"]),
        phrases=tuple(tuple(p) for p in raw["phrases"]),
        source_nouns=frozenset(raw["source_nouns"]),
        group_nouns=frozenset(raw["group_nouns"]),
        male=frozenset(raw["male"]),
        female=frozenset(raw["female"]),
        agent_nouns=frozenset(raw["agent_nouns"]),
        non_agent_suffixes=tuple(raw["non_agent_suffixes"]),
        media_nouns=frozenset(raw["media_nouns"]),
        media_names=tuple(raw["media_names"]),
        thing_nouns=frozenset(raw["thing_nouns"]),
        document_nouns=frozenset(raw.get("document_nouns", ())),
    )


def quote_key(text: str) -> str:
    """Normalised quote text for deduplication: lower-cased words joined by spaces."""
    return " ".join(WORD.findall(text.lower()))


# --------------------------------------------------------------------------- quotes


@dataclass
class QuoteSpan:
    """One top-level quotation: `start:end` includes the marks, `cstart:cend` is the content."""

    start: int
    end: int
    cstart: int
    cend: int
    closed: bool = True


_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", '"': '"', "''": "''", "``": "''", "»": "«"}
_SINGLE_OPEN = {"‘": "’", "'": "'", "‚": "‘", "‹": "›"}
_MARK = re.compile(r"''|``|[\"“”„«»‘’'‚‹›]")


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quotations in `text`, paired per paragraph; an unclosed quote ends at its
    paragraph's end (so a missing mark cannot swallow the article)."""
    out: list[QuoteSpan] = []
    pos = 0
    for para in text.split("\n"):
        out.extend(_paragraph_quotes(para, pos))
        pos += len(para) + 1
    return out


def _paragraph_quotes(para: str, base: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    stack: list[tuple[str, int, int]] = []  # (opening mark, mark start, content start)
    n = len(para)
    for m in _MARK.finditer(para):
        mark, s, e = m.group(), m.start(), m.end()
        before = para[s - 1] if s > 0 else " "
        after = para[e] if e < n else " "
        if mark in ("'", "’", "‘", "‚", "‹", "›"):
            if _is_word(before) and _is_word(after):
                continue  # apostrophe inside a word: don't, Ukraine’s
            if mark in ("'", "’") and _is_word(before) and not _is_word(after):
                # closing single mark, or a plural possessive (leaders' plans)
                _close_single(out, stack, base, s, e)
                continue
            straight_open = mark == "'" and not _is_word(before) and _is_word(after)
            if mark in ("‘", "‚", "‹") or straight_open:
                if mark == "‘" and stack and stack[-1][0] == "‚":
                    stack.pop()
                else:
                    stack.append((mark, s, e))
                continue
            if mark in ("’", "›"):
                _close_single(out, stack, base, s, e)
            continue
        top = stack[0] if stack else None
        if mark == "“":
            if top and top[0] == "„":
                _close(out, stack, base, s, e)
            elif top and top[0] == "“" and not (before.isspace() or before in "([—–-"):
                _close(out, stack, base, s, e)  # ASCII-ish texts that close with “
            elif top:
                # a second opening while one is open: the first lost its closing mark
                _close(out, stack, base, s, s, closed=False)
                stack.append((mark, s, e))
            else:
                stack.append((mark, s, e))
        elif mark in ("”", "»"):
            opened = top[0] if top else ""
            if opened in ("“", "„", "«", '"', "''", "``") and (mark == "”" or opened == "«"):
                _close(out, stack, base, s, e)
            elif top and mark == "»" and top[0] != "«":
                _close(out, stack, base, s, e)
            elif not top and mark == "»" and _is_word(after):
                stack.append(("»", s, e))  # »German« style
            elif top and top[0] == "»":
                pass
        elif mark == "«":
            if top and top[0] == "»":
                _close(out, stack, base, s, e)
            elif not top:
                stack.append((mark, s, e))
        elif mark == "„":
            if not top:
                stack.append((mark, s, e))
        else:  # straight double or doubled apostrophes
            opening = not _is_word(before) and (after.strip() != "" or e == n)
            closing = not after.isalnum() or e == n
            if top and top[0] in ('"', "''", "``", "“") and (closing or not opening):
                _close(out, stack, base, s, e)
            elif not top:
                stack.append((mark, s, e))
            elif closing:
                _close(out, stack, base, s, e)
    if stack:
        _close(out, stack, base, n, n, closed=False)
    return out


def _close_single(out: list[QuoteSpan], stack: list, base: int, s: int, e: int) -> None:
    """Close the innermost open single quote; only a top-level one is a quotation."""
    if not any(o in _SINGLE_OPEN for o, _, _ in stack):
        return
    while stack[-1][0] not in _SINGLE_OPEN:
        stack.pop()
    if len(stack) == 1:
        _close(out, stack, base, s, e)
    else:
        stack.pop()


def _close(out: list[QuoteSpan], stack: list, base: int, s: int, e: int,
           closed: bool = True) -> None:
    _, ms, cs = stack[0]
    stack.clear()
    if s > cs:
        out.append(QuoteSpan(base + ms, base + e, base + cs, base + s, closed))


# --------------------------------------------------------------------------- helpers


def _words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Char span of tokens start:end without edge punctuation and quote marks."""
    def edge(t: Token, keep: str) -> bool:
        return (t.is_punct or t.is_space) and t.text != keep

    while start < end and edge(doc[start], "["):
        start += 1
    while end > start and edge(doc[end - 1], "]"):
        end -= 1
    if start >= end:
        return -1, -1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _strip_text(text: str) -> str:
    return text.strip().strip("\"“”„«»‘’'`,;:—–- ").strip()


@dataclass
class _Speaker:
    name: str
    kind: str
    mention: str
    start: int
    end: int
    id: str | None = None
    gender: str | None = None
    # the body an unnamed source speaks for ("a German government spokesman": Germany)
    body: tuple[str, str, str | None] | None = None
    head: str = ""  # head noun of a description, for "the spokesman" later


@dataclass
class _Cand:
    """A statement under construction."""

    speaker: _Speaker
    cue: str
    cue_start: int
    cue_end: int
    parts: list[tuple[int, int]]  # content spans (chars)
    direct: bool
    quotes: list[QuoteSpan] = field(default_factory=list)
    lemma: str = ""
    nominal: bool = False  # the content is the cue's noun-phrase object
    participle: bool = False  # ", saying …": a cue without a subject of its own
    coordinated: bool = False  # "…, and announced …": a cue conjoined to another verb

    def span(self) -> tuple[int, int]:
        lo = [self.speaker.start, self.cue_start] + [s for s, _ in self.parts]
        if self.cue_start < 0:
            lo = [s for s, _ in self.parts]
        hi = [self.speaker.end, self.cue_end] + [e for _, e in self.parts]
        lo += [q.start for q in self.quotes]
        hi += [q.end for q in self.quotes]
        lo = [x for x in lo if x >= 0]
        hi = [x for x in hi if x >= 0]
        return min(lo), max(hi)


# --------------------------------------------------------------------------- speakers


def _issuer(head: Token) -> Token | None:
    """Who issued a document noun: a possessor, a name before it, or 'from/by/of' someone
    (the head token of that name); None when the phrase names nobody."""
    for c in head.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod") or (
                c.dep_ == "prep" and c.lower_ in ("from", "by", "of")):
            for t in c.subtree:
                if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or (
                        c.dep_ == "poss" and t.pos_ == "PRON"):
                    return t
    return None



class _SpeakerResolver:
    """Turns the subject of a cue into a speaker: names through the actor resolver; pronouns,
    possessive offices and descriptions to the nearest compatible named person."""

    def __init__(self, ctx: ArticleContext, cues: Cues):
        self.ctx = ctx
        self.doc = ctx.doc
        self.cues = cues
        self.gender: dict[str, str] = {}
        # (start of its sentence or paragraph, whichever is later; ent; name)
        self.persons: list[tuple[int, Span, str]] = []
        self.described: list[_Speaker] = []
        self.titles: dict[str, set[str]] = {}
        self.last_group: _Speaker | None = None
        self.last_person: _Speaker | None = None
        for ent in doc_ents(self.doc):
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP") or not WORD.search(ent.text):
                continue
            label = ent.label_
            if label == "PERSON":
                ent = _person_ent(ent.root) or ent
            name, kind, _ = self._resolve_name(ent.text, label)
            if kind != "person":
                continue
            para = doc_text(self.doc).rfind("\n", 0, ent.start_char) + 1
            self.persons.append((max(ent.sent.start_char, para), ent, name))
            ttl = self.titles.setdefault(name, set())
            i = ent.start - 1
            while i >= max(0, ent.start - 5):
                t = self.doc[i]
                if t.dep_ == "compound" or t.pos_ in ("PROPN", "ADJ") or t.tag_ == "POS" or (
                        t.pos_ == "NOUN" and t.head.i in range(ent.start, ent.end)):
                    ttl.add(t.lower_.strip("."))
                    if t.lower_ in cues.male:
                        self.gender.setdefault(name, "m")
                    elif t.lower_ in cues.female:
                        self.gender.setdefault(name, "f")
                    i -= 1
                else:
                    break
            for t in ent.root.children:  # appositive titles: "Macron, the French president"
                if t.dep_ == "appos":
                    ttl.update(w.lower_ for w in t.subtree if w.is_alpha)

    def _resolve_name(self, text: str, label: str | None) -> tuple[str, str, str | None]:
        res = None
        try:
            res = self.ctx.actors.resolve(text, label)
        except (KeyError, ValueError):
            res = None
        if res is not None and getattr(res, "name", None):
            return res.name, _kind(getattr(res, "kind", None), label), getattr(res, "id", None)
        return text, _kind(None, label), None

    def nearest_person(self, char: int, gender: str | None, title_words: set[str] | None = None,
                       max_back: int = 2500) -> str | None:
        """The named person mentioned most recently before `char` that fits: subject of its
        sentence preferred, gender compatible, titles containing `title_words`."""
        best_sent = None
        found: list[tuple[Span, str]] = []
        for sent_start, ent, name in reversed(self.persons):
            if ent.start_char >= char or ent.start_char < char - max_back:
                continue
            g = self.gender.get(name)
            if gender and g and g != gender:
                continue
            if title_words and not title_words <= self.titles.get(name, set()):
                continue
            if best_sent is None:
                best_sent = sent_start
            if sent_start != best_sent:
                break
            found.append((ent, name))
        if not found:
            return None
        for ent, name in reversed(found):  # earliest subject in the sentence first
            if ent.root.dep_ in SUBJ_DEPS:
                return name
        return found[-1][1]

    def agency(self, head: Token) -> str:
        """What the phrase headed by `head` is: "agent" (a person, body, group, document or
        pronoun), "outlet" (a news outlet, whose reporting is the article's sourcing, not a
        party's statement) or "thing" ("the time", "the agreement": no speaker at all)."""
        cues = self.cues
        left, right = self._np_bounds(head)
        core = [head, *(c for c in head.children if c.dep_ in ("compound", "appos", "nmod"))]
        if any(lemma_of(t).lower() in cues.media_nouns or t.lower_ in cues.media_nouns
               for t in core if t.pos_ in ("NOUN", "PROPN")):
            return "outlet"
        named = [doc_span for doc_span in _media_spans(self.doc, left, right + 1, cues)]
        if any(s.start <= head.i < s.end for s in named):
            return "outlet"
        if lemma_of(head).lower() in ("report", "article", "story", "piece", "editorial",
                                   "analysis", "investigation", "survey", "poll"):
            # "a report from Le Monde", "the Times's analysis"
            for c in head.children:
                if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by", "in")):
                    if any(_media_spans(self.doc, c.left_edge.i, c.right_edge.i + 1, cues)):
                        return "outlet"
                    if any(lemma_of(t).lower() in cues.media_nouns for t in c.subtree):
                        return "outlet"
        lemma = lemma_of(head).lower()
        if head.pos_ == "NOUN" and (lemma in cues.document_nouns or head.lower_ in
                                    cues.document_nouns):
            # "the statement said" speaks for nobody named; "NATO's statement", "a statement
            # from the campaign", "his letter" speak for their issuer.
            return "agent" if _issuer(head) is not None else "thing"
        if head.pos_ in ("PRON", "PROPN") or head.lower_ in PRONOUNS or head.ent_type_ in (
                "PERSON", "ORG", "GPE", "NORP", "FAC"):
            return "agent"
        for word in (lemma, head.lower_):
            if word in cues.agent_nouns or word in cues.source_nouns or (
                    word in cues.group_nouns):
                return "agent"
        if lemma in cues.thing_nouns or head.lower_ in cues.thing_nouns or lemma.endswith(
                cues.non_agent_suffixes):
            return "thing"
        return "agent"

    def from_tokens(self, head: Token, *, pronoun_ok: bool = True) -> _Speaker | None:
        """Speaker from the head token of a subject or of the object of "according to"; None
        when the phrase is no speaker (a thing) or a news outlet."""
        if self.agency(head) != "agent":
            return None
        if lemma_of(head).lower() in self.cues.document_nouns:
            issuer = _issuer(head)
            if issuer is not None and issuer.pos_ != "PRON":
                return self._from_tokens(issuer, pronoun_ok=pronoun_ok)
        return self._from_tokens(head, pronoun_ok=pronoun_ok)

    def _from_tokens(self, head: Token, *, pronoun_ok: bool = True) -> _Speaker | None:
        doc = self.doc
        cues = self.cues
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PRONOUNS:
            if lower in ("who", "which", "that") and head.head.head is not None:
                ref = head.head.head if head.head.dep_ == "relcl" else None
                if ref is not None and ref.i != head.i:
                    return self.from_tokens(ref)
                return None
            if not pronoun_ok or lower in ("it", "you", "i", "we"):
                return None
            return self._pronoun(head)
        left, right = self._np_bounds(head)
        mention = doc[left:right + 1].text
        start, end = doc[left].idx, doc[right].idx + len(doc[right])
        # possessive offices: "her office", "Meloni's spokesman"
        poss = [c for c in head.children if c.dep_ == "poss"]
        if poss and head.lower_ in cues.source_nouns and head.ent_type_ != "PERSON":
            p = poss[0]
            if p.lower_ in ("his", "her"):
                name = self.nearest_person(head.idx, GENDER_PRONOUN[p.lower_])
                if name:
                    return _Speaker(name, "person", mention, start, end)
            elif p.ent_type_ == "PERSON":
                name = self._resolve_name(_ent_text(p), "PERSON")[0]
                return _Speaker(name, "person", mention, start, end)
        ent = _person_ent(head) or _ent_of(head)
        if (ent is None or ent.label_ != "PERSON") and (
                head.lower_ in OFFICES or head.lower_ == "general"):
            # "Secretary General of NATO Mark Rutte": the name ends the title phrase
            named = [e for e in span_ents(doc[left:right + 1])
                     if e.label_ == "PERSON" and e.end == right + 1 and e.start > head.i]
            if named:
                name, kind, aid = self._resolve_name(named[-1].text, "PERSON")
                return _Speaker(name, kind, mention, start, end, aid)
        names = [c for c in head.lefts if c.dep_ == "compound"]
        if names and head.pos_ == "PROPN" and (ent is None or ent.label_ != "PERSON") and all(
                t.pos_ == "PROPN" or t.lower_ in NAME_PARTICLES
                for t in doc[names[0].left_edge.i:head.i]):
            # a name the tagger split or mislabelled: "Ursula von der Leyen" as PROPN + GPE
            span = doc[names[0].left_edge.i:head.i + 1]
            label = "PERSON" if any(t.ent_type_ == "PERSON" for t in span) else None
            name, kind, aid = self._resolve_name(span.text, label)
            return _Speaker(name, kind, mention, start, end, aid)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "FAC"):
            name, kind, aid = self._resolve_name(ent.text, ent.label_)
            if ent.label_ == "PERSON":
                self.last_person = _Speaker(name, kind, mention, start, end, aid)
            return _Speaker(name, kind, mention, start, end, aid)
        # a person named inside the phrase: "Finland's president Alexander Stubb"
        spokes = head.lower_ in cues.source_nouns and head.lower_ not in OFFICES
        for t in [head, *head.children]:
            # "A Starmer spokesman" stays a description; "president Alexander Stubb" does not
            if t is head or t.dep_ == "appos" or (t.dep_ == "compound" and not spokes):
                e = _person_ent(t)
                if e is not None:
                    name, kind, aid = self._resolve_name(e.text, "PERSON")
                    return _Speaker(name, kind, mention, start, end, aid)
        desc = _strip_det(doc[left:right + 1])
        if not desc:
            return None
        if head.pos_ == "PROPN":
            res_name, res_kind, aid = self._resolve_name(desc, None)
            return _Speaker(res_name, res_kind, mention, start, end, aid)
        if head.lower_ in OFFICES:
            res_name, res_kind, aid = self._resolve_name(mention, None)
            if res_kind == "person" and res_name.lower() not in (desc.lower(), mention.lower()):
                return _Speaker(res_name, res_kind, mention, start, end, aid)
        title = {w.lower_.strip(".") for w in doc[left:right + 1]
                 if w.is_alpha and w.lower_ not in LEADING_DROP}
        if head.lower_ in OFFICES:
            name = self.nearest_person(start, None, title, max_back=len(doc_text(doc)))
            if name:
                return _Speaker(name, "person", mention, start, end)
        lemma = lemma_of(head).lower()
        bare = [t for t in doc[left:right + 1] if not t.is_punct]
        if len(bare) == 2 and bare[0].lower_ in ("the", "that", "this") and (
                head.lower_ in cues.source_nouns):
            # "The spokesman added": the spokesman described earlier
            for prev in reversed(self.described):
                if prev.head == lemma and 0 <= start - prev.start < 3000:
                    return replace(prev, mention=mention, start=start, end=end)
        if head.lower_ in cues.group_nouns or head.tag_ in ("NNS", "NNPS"):
            kind = "group"
        elif head.lower_ in cues.source_nouns or head.pos_ == "NOUN":
            kind = "organization" if head.lower_ in BODY_NOUNS else "person"
        else:
            kind = "unknown"
        sp = _Speaker(desc, kind, mention, start, end, head=lemma, body=self._body(mention))
        self.described.append(sp)
        if kind in ("group", "organization"):
            self.last_group = sp
        return sp

    def _body(self, mention: str) -> tuple[str, str, str | None] | None:
        """The country or body an unnamed source speaks for ("a German government spokesman",
        "one British official"), from the actor resolver's affiliation rule."""
        try:
            res = self.ctx.actors.resolve(mention, None)
        except (KeyError, ValueError):
            return None
        if res is None or res.via != "affiliation" or res.kind == "person":
            return None
        return res.name, res.kind, res.id

    def _pronoun(self, tok: Token) -> _Speaker | None:
        lower = tok.lower_
        mention = tok.text
        s, e = tok.idx, tok.idx + len(tok)
        if lower == "they":
            g = self.last_group
            if g is not None and 0 <= s - g.start <= THEY_REACH:
                return replace(g, mention=mention, start=s, end=e)
            return None
        gender = GENDER_PRONOUN.get(lower)
        name = self.nearest_person(tok.idx, gender)
        if name is None:
            return _Speaker(mention, "person", mention, s, e)
        if gender:
            self.gender.setdefault(name, gender)
        return _Speaker(name, "person", mention, s, e)

    def _np_bounds(self, head: Token) -> tuple[int, int]:
        """Token bounds of the noun phrase at `head`, without relative clauses, appositions
        after a comma, or trailing punctuation."""
        left, right = head.i, head.i
        for t in head.subtree:
            if t.i < left:
                left = t.i
        for c in head.rights:
            if c.dep_ in ("relcl", "appos", "punct", "acl", "advcl", "cc", "conj") and c.i > head.i:
                break
            if c.dep_ == "prep" and c.lower_ not in ("of", "for", "from", "at", "in"):
                break
            right = max(right, c.right_edge.i)
        while right > left and self.doc[right].is_punct:
            right -= 1
        while left < right and self.doc[left].is_punct:
            left += 1
        return left, right


@lru_cache(maxsize=4)
def _media_names_re(names: tuple[str, ...]) -> re.Pattern:
    """Any of the names, as a whole word: most phrases name no outlet, and one search says
    so where a search per name took a fifth of statement extraction."""
    alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


def _media_spans(doc: Doc, start: int, end: int, cues: Cues) -> list[Span]:
    """Token spans inside `start:end` that name a news outlet (`media_names`, whole words)."""
    out = []
    if start >= end:
        return out
    span = doc[start:end]
    text = doc_text(doc)[span.start_char:span.end_char]
    if not _media_names_re(cues.media_names).search(text):
        return out
    for name in cues.media_names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            sub = doc.char_span(span.start_char + m.start(), span.start_char + m.end(),
                                alignment_mode="expand")
            if sub is not None:
                out.append(sub)
    return out


def _ent_of(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    for ent in doc_ents(tok.doc):
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _person_ent(tok: Token) -> Span | None:
    """The PERSON entity at `tok`, widened over adjacent proper nouns and name particles
    ("Ursula von der Leyen" when the tagger splits it)."""
    ent = _ent_of(tok)
    doc = tok.doc
    if ent is None or ent.label_ != "PERSON":
        if tok.pos_ != "PROPN":
            return None
        nb = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
        near = next((_ent_of(t) for t in nb if t.ent_type_ == "PERSON"), None)
        if near is None:
            return None
        start, end = min(near.start, tok.i), max(near.end, tok.i + 1)
        if ent is not None and ent.label_ != "PERSON" and (ent.start < start or ent.end > end):
            return None
        return _widen(doc, start, end)
    return _widen(doc, ent.start, ent.end, ent)


def _widen(doc: Doc, start: int, end: int, ent: Span | None = None) -> Span:
    first_end = end
    while end < len(doc) and (doc[end].lower_ in NAME_PARTICLES or (
            doc[end].pos_ == "PROPN" and doc[end].is_title and (
                not doc[end].ent_type_ or doc[end - 1].head.i == end))):
        end += 1
    while end > first_end and doc[end - 1].lower_ in NAME_PARTICLES:
        end -= 1
    if ent is not None and (start, end) == (ent.start, ent.end):
        return ent
    return doc[start:end]


def _ent_text(tok: Token) -> str:
    ent = _ent_of(tok)
    return ent.text if ent is not None else tok.text


def _strip_det(span: Span) -> str:
    toks = [t for t in span]
    while toks and (toks[0].lower_ in LEADING_DROP or toks[0].is_punct):
        toks = toks[1:]
    if not toks:
        return ""
    return span.doc[toks[0].i:toks[-1].i + 1].text


def _kind(kind: str | None, label: str | None) -> str:
    if kind in ("person", "country", "organization", "group"):
        return kind
    return {"PERSON": "person", "GPE": "country", "ORG": "organization",
            "NORP": "group"}.get(label or "", "unknown")


# --------------------------------------------------------------------------- cues


def _cue_subject(tok: Token, depth: int = 0) -> Token | None:
    for c in tok.children:
        # a closing quotation mark is sometimes parsed as the subject of the cue after it
        if c.dep_ in ("nsubj", "csubj") and not (c.is_punct or c.is_space):
            return c
    for c in tok.children:
        if c.dep_ == "nsubjpass" and lemma_of(tok) in ("quote", "cite"):
            return c
    if depth < 3 and tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.tag_ == "VBG":
        # "characterised the meeting as addressing …, stating …": through the preposition
        return _cue_subject(tok.head.head, depth + 1) if tok.head.head.i != tok.head.i else None
    if depth < 3 and tok.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp") and tok.head.i != tok.i:
        if tok.dep_ == "advcl" and tok.tag_ != "VBG":
            return None
        if tok.dep_ == "acl" and tok.tag_ != "VBG":
            return None
        return _cue_subject(tok.head, depth + 1)
    return None


def _cue_positions(doc: Doc, q_by_cue: dict) -> list[int]:
    """The tokens that can start a statement, in order: those `_is_cue` may accept (verbs
    and auxiliaries, "says" tagged as a noun), "according" and the cues quotes were given to.
    Read from the token arrays, so the article's other tokens are never made into objects."""
    from spacy.attrs import LOWER, POS, TAG

    strings = doc.vocab.strings
    pos, tag, lower = doc.to_array([POS, TAG, LOWER]).T
    found = ((pos == strings["VERB"]) | (pos == strings["AUX"])
             | ((pos == strings["NOUN"]) & (tag == strings["VBZ"]))
             | (lower == strings["according"]))
    return sorted(set(found.nonzero()[0].tolist()) | q_by_cue.keys())


def _is_cue(tok: Token, cues: Cues) -> str | None:
    """'speech' or 'belief' when `tok` is a reporting verb."""
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.tag_ == "VBZ"):
        return None
    lemma = lemma_of(tok).lower()
    if lemma in cues.speech:
        return "speech"
    if lemma in cues.belief:
        return "belief"
    return None


def _complement(tok: Token, kind: str) -> tuple[int, int] | None:
    """Token bounds of the cue's complement to its right, or None."""
    clause = [c for c in tok.rights if c.dep_ in ("ccomp", "xcomp")]
    objs = [c for c in tok.rights if c.dep_ in ("dobj", "attr", "oprd", "acomp")]
    lemma = lemma_of(tok).lower()
    preps = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in PREP_CONTENT.get(lemma, ())]
    if not clause and lemma not in NOMINAL_CUES:
        objs = []
    if clause and objs and objs[0].i < clause[0].i and lemma in NOMINAL_CUES and (
            lemma not in ADDRESSEE_CUES) and any(
            t.text == "," for t in tok.doc[objs[0].i:clause[0].i]):
        clause = []  # "denied reports that …, as …": a comma parts the object from a clause
    parts = clause or objs
    if not parts:
        if kind == "belief":
            return None
        parts = preps
        if not parts:
            return None
    if kind == "belief" and not clause and lemma_of(tok) not in (
            "want", "plan", "support", "oppose", "reject", "refuse", "show", "find"):
        return None
    start = min(p.left_edge.i for p in parts)
    end = max(_right_edge(p) if parts is objs else p.right_edge.i for p in parts)
    # include following conjoined clauses and "as"/"for" phrases of the complement
    for c in tok.rights:
        if c.i > end and c.dep_ in ("prep", "advcl", "oprd") and parts is objs and c.lower_ in (
                "as", "for"):
            end = max(end, c.right_edge.i)
    return start, end + 1


def _right_edge(tok: Token) -> int:
    """Right edge of a noun phrase without what follows a comma as a gloss: an apposition
    ("its contributions, a commitment reiterated by …"), a non-restrictive clause or an
    adjunct ("reports that China would join, as partaking … was viewed …")."""
    doc = tok.doc
    end = tok.i
    for c in tok.rights:
        if c.dep_ in ("appos", "prep", "advcl", "relcl", "acl") and c.left_edge.i > tok.i and (
                doc[c.left_edge.i - 1].text == ","):
            break
        end = max(end, c.i if c.dep_ == "punct" else _right_edge(c))
    return end


# --------------------------------------------------------------------------- extraction


def extract(ctx: ArticleContext) -> list[Statement]:
    """Statements (direct quotes and reported speech) in one article, one per distinct quote,
    each with its speaker as an actor with role `speaker`."""
    cues = load_cues()
    doc = ctx.doc
    text = ctx.text
    ctx.actors.prime(doc)  # a surname before its full name ("Arnold … Ed Arnold") resolves
    quotes = [_repair_unclosed(doc, q, cues) for q in find_quotes(text)]
    qidx = _quote_index(doc, quotes)
    speakers = _SpeakerResolver(ctx, cues)
    paras = _paragraph_starts(text)

    cands: list[_Cand] = []
    used_quotes: set[int] = set()
    claimed_tokens: set[int] = set()

    q_by_cue = _assign_quotes(doc, quotes, qidx, cues)
    events: list[tuple[int, str, object]] = []
    for i in _cue_positions(doc, q_by_cue):
        tok = doc[i]
        if qidx[i] >= 0 and quotes[qidx[i]].closed:
            continue
        kind = _is_cue(tok, cues)
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
            cand = _according(doc, tok, speakers, quotes, qidx)
        else:
            cand = _reported(doc, tok, kind, speakers, quotes, qidx, q_by_cue.get(i, []))
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
        if cand.speaker.kind == "person" and cand.speaker.name.lower() not in PRONOUNS:
            speakers.last_person = cand.speaker

    cands = _cut_at_others(_drop_nested(_join_participles(_in_paragraph(cands, text), text)),
                           doc)
    cands = _drop_framing(cands, text)
    # headline and dash attributions: "Macron: …", "“…” - Ursula von der Leyen"
    for cand in _colon_and_dash(doc, text, quotes, used_quotes, speakers, paras):
        cands.append(cand)
        for q in cand.quotes:
            used_quotes.add(quotes.index(q))
    # quotes nobody claimed: the next sentences of the previous direct statement
    cands.sort(key=lambda c: c.span()[0])
    for k, q in enumerate(quotes):
        if k in used_quotes:
            continue
        prev = _previous_direct(cands, q, text)
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
            cands.append(_Cand(replace(sp, start=-1, end=-1),
                               prev.cue, -1, -1, [(q.cstart, q.cend)], True, [q]))
        used_quotes.add(k)
    return _to_statements(ctx, cands)


def _in_paragraph(cands: list[_Cand], text: str) -> list[_Cand]:
    """Contents clipped to the paragraph of their cue: the parser sometimes runs a sentence
    over a paragraph break (a headline into the lead, a line into the next)."""
    out = []
    for c in cands:
        lo = text.rfind("\n", 0, c.cue_start) + 1
        hi = text.find("\n", c.cue_end)
        hi = len(text) if hi < 0 else hi
        parts = []
        for s, e in c.parts:
            s, e = max(s, lo), min(e, hi)
            if len(WORD.findall(text[s:e])) >= 2:
                parts.append((s, e))
        if parts:
            c.parts = parts
            c.quotes = [q for q in c.quotes if lo <= q.start and q.end <= hi]
            out.append(c)
    return out


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def _repair_unclosed(doc: Doc, q: QuoteSpan, cues: Cues) -> QuoteSpan:
    """A quote that lost its closing mark ends before an inner ", X said" if there is one."""
    if q.closed:
        return q
    span = doc.char_span(q.cstart, q.cend, alignment_mode="expand")
    if span is None:
        return q
    for tok in span:
        subj = _cue_subject(tok) if _is_cue(tok, cues) == "speech" else None
        if subj is None or subj.i > tok.i:
            continue
        comma = subj.left_edge.i - 1
        if comma > span.start and doc[comma].text in (",", "—", "–"):
            end = doc[comma].idx
            return QuoteSpan(q.start, end, q.cstart, end, closed=True)
    return q


def _is_title(text: str) -> bool:
    """A quoted title ("Collapse: How Societies Choose to Fail"), not speech."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if len(words) < 2 or text.rstrip()[-1:] in ".!?,":
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.7 * len(words) and not text.isupper()


def _quote_index(doc: Doc, quotes: list[QuoteSpan]) -> list[int]:
    """For each token, the index of the quote whose marks enclose it, else -1."""
    from spacy.attrs import IDX

    idx = [-1] * len(doc)
    k, n = 0, len(quotes)
    for i, offset in enumerate(doc.to_array(IDX).tolist()):  # each token's offset
        while k < n and quotes[k].end <= offset:
            k += 1
        if k < n and quotes[k].start <= offset < quotes[k].end:
            idx[i] = k
    return idx


def _quote_tokens(doc: Doc, q: QuoteSpan) -> tuple[int, int]:
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    return span.start, span.end


def _assign_quotes(doc: Doc, quotes: list[QuoteSpan], qidx: list[int],
                   cues: Cues) -> dict[int, list[tuple[int, bool]]]:
    """Quotes attached to each cue token, each with a flag: True when the quote stands next
    to its attribution (the "…," he said / he said: "…" frames), False when the parse puts
    it inside the cue's clause."""
    out: dict[int, list[tuple[int, bool]]] = {}
    for k, q in enumerate(quotes):
        if _is_title(doc_text(doc)[q.cstart:q.cend]):
            continue
        qs, qe = _quote_tokens(doc, q)
        best = _cue_right(doc, qe, k, qidx, cues)
        adjacent = best is not None
        if best is None:
            best = _cue_left(doc, qs, k, qidx, cues)
            adjacent = best is not None
        if best is None and qs < len(doc):
            tok = doc[qs]
            for _ in range(6):
                if _is_cue(tok, cues) and qidx[tok.i] < 0 and tok.sent == doc[qs].sent and (
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
        kind = _is_cue(t, cues)
        if kind and (kind == "speech" or lemma_of(t) in ("believe", "think")):
            subj = _cue_subject(t)
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
        if (colon_verb or _is_cue(t, cues) == "speech") and qidx[j] < 0:
            between = doc[j + 1:qs]
            if any(b.pos_ in ("VERB", "AUX") for b in between):
                return None
            last = doc[qs - 1] if qs - 1 > j else None
            if last is None or last.text in (":", ",", "—", "–", "-") or last.lower_ == "that":
                return j
            return None
        j -= 1
    return None


def _reported(doc: Doc, tok: Token, kind: str, speakers: _SpeakerResolver,
              quotes: list[QuoteSpan], qidx: list[int],
              qlist: list[tuple[int, bool]]) -> _Cand | None:
    subj = _cue_subject(tok)
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
            if _is_cue(anc, speakers.cues) == "speech":
                up = _cue_subject(anc)
                speaker = speakers.from_tokens(up) if up is not None else None
                break
    if speaker is None or not WORD.search(speaker.name):
        return None
    cue_text = tok.text
    cs, ce = tok.idx, tok.idx + len(tok)
    if qlist:
        comp = _complement(tok, kind) if kind else None
        r0 = r1 = -1
        if comp is not None:
            r0 = doc[comp[0]].idx
            r1 = doc[comp[1] - 1].idx + len(doc[comp[1] - 1])
        inside = [quotes[k] for k, _ in qlist
                  if r0 >= 0 and r0 <= quotes[k].cstart and quotes[k].cend <= r1 + 1]
        qs = [quotes[k] for k, adj in qlist if adj or quotes[k] in inside]
        # quotes that are only part of the reported clause make it reported speech
        if comp is not None and inside and len(inside) == len(qs):
            c0, c1 = _trim(doc, comp[0], comp[1])
            cw = len(WORD.findall(doc_text(doc)[c0:c1])) if c0 >= 0 else 0
            qw = sum(len(WORD.findall(doc_text(doc)[q.cstart:q.cend])) for q in qs)
            if c0 >= 0 and qw < 0.6 * cw:
                return _Cand(speaker, cue_text, cs, ce, [(c0, c1)], False, qs)
        if qs:
            first = qs[0]
            head = doc_text(doc)[first.cstart:first.cstart + 1]
            sent = doc.char_span(first.start, first.end, alignment_mode="expand")
            lead = doc_text(doc)[sent[0].sent.start_char:first.start] if sent is not None else ""
            if head.islower() and len(WORD.findall(lead)) >= 2 and first.start < cs:
                # "The plan ''is a misguided approach,'' he said": the quote ends a sentence
                # that began outside it
                start = sent[0].sent.start_char
                return _Cand(speaker, cue_text, cs, ce, [(start, first.cend)], False, qs)
            if head.islower() and not any(adj for _, adj in qlist):
                if comp is not None:
                    c0, c1 = _trim(doc, comp[0], comp[1])
                    if c0 >= 0:
                        return _Cand(speaker, cue_text, cs, ce, [(c0, c1)], False, qs)
                return None
            parts = [(q.cstart, q.cend) for q in qs]
            return _Cand(speaker, cue_text, cs, ce, parts, True, qs)
    if kind is None:
        return None
    comp = _complement(tok, kind)
    if comp is None and kind == "speech":
        comp = _fronted_content(doc, tok, subj, qidx)
    if comp is None:
        return None
    clausal = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    if kind == "belief" and not clausal and speaker.kind == "person" and lemma_of(tok) in (
            "show", "find", "seek"):
        return None  # "Putin is showing no interest": a state, not an attributed finding
    c0, c1 = _trim(doc, comp[0], comp[1])
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
    return _Cand(speaker, cue_text, cs, ce, [(c0, c1)], direct, qs, nominal=not clausal)


def _fronted_content(doc: Doc, tok: Token, subj: Token, qidx: list[int]) -> tuple[int, int] | None:
    """Content before the cue: "Y, X said." (the cue parsed as the root, Y its left clause, or
    the cue parsed as a parenthetical of Y)."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in tok.rights):
        return None  # "Portugal has pledged €226 million": the cue has its own complement
    sent = tok.sent
    left = [c for c in tok.lefts if c.dep_ in ("ccomp", "parataxis", "advcl") and c.i < subj.i]
    if left:
        start = min(c.left_edge.i for c in left)
        end = max(c.right_edge.i for c in left) + 1
        return start, end
    if tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i < tok.i and subj.i < tok.i:
        start = sent.start
        end = subj.left_edge.i
        if end - start >= 3 and doc[end - 1].text in (",", "—", "–", "-"):
            return start, end
    return None


def _according(doc: Doc, tok: Token, speakers: _SpeakerResolver, quotes: list[QuoteSpan],
               qidx: list[int]) -> _Cand | None:
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
    c0, c1 = _trim(doc, start, end)
    if c0 < 0 or len(WORD.findall(doc_text(doc)[c0:c1])) < 3:
        return None
    inside = sorted({qidx[i] for i in range(start, end) if qidx[i] >= 0})
    cue_end = to.idx + len(to)
    return _Cand(speaker, "according to", tok.idx, cue_end, [(c0, c1)], False,
                 [quotes[k] for k in inside])


def _colon_and_dash(doc: Doc, text: str, quotes: list[QuoteSpan], used: set[int],
                    speakers: _SpeakerResolver, paras: list[int]) -> list[_Cand]:
    out: list[_Cand] = []
    for k, q in enumerate(quotes):
        if k in used:
            continue
        after = text[q.end:q.end + 80]
        m = re.match(r"\s*[-–—―]\s+", after)
        if m:
            span = doc.char_span(q.end + m.end(), q.end + m.end() + 1, alignment_mode="expand")
            if span is not None and (span[0].ent_type_ in ("PERSON", "ORG") or (
                    span[0].pos_ == "PROPN" and span[0].is_title)):
                head = span[0]
                while head.dep_ == "compound" and head.head.i > head.i:
                    head = head.head
                if head is not None:
                    sp = speakers.from_tokens(head)
                    if sp is not None:
                        out.append(_Cand(sp, m.group().strip(), q.end, q.end + m.end(),
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
        ents = [e for e in span_ents(span) if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
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
        out.append(_Cand(sp, ":", p + m.end(1), p + m.end(1) + 1, [(cstart, cend)],
                         bool(inner), inner[:1]))
    return out


def _previous_direct(cands: list[_Cand], q: QuoteSpan, text: str) -> _Cand | None:
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


def _cut_at_others(cands: list[_Cand], doc: Doc) -> list[_Cand]:
    """End a reported content where another attribution starts inside it ("X argued that …,
    while one official said …")."""
    for c in cands:
        if c.direct or len(c.parts) != 1:
            continue
        s0, e0 = c.parts[0]
        cut = e0
        for o in cands:
            if o is c:
                continue
            lo = o.speaker.start if s0 < o.speaker.start else o.cue_start
            lo = min(lo, o.cue_start)
            if s0 < lo < cut and o.speaker.start >= 0:
                cut = lo
        if cut < e0:
            span = doc.char_span(s0, cut, alignment_mode="contract")
            if span is None:
                continue
            end = span.end
            while end > span.start and (doc[end - 1].is_punct or doc[end - 1].pos_ in (
                    "CCONJ", "SCONJ", "ADV") or doc[end - 1].lower_ in ("while", "whereas")):
                end -= 1
            if end - span.start >= 3:
                c.parts = [(s0, doc[end - 1].idx + len(doc[end - 1]))]
    return cands


def _join_participles(cands: list[_Cand], text: str) -> list[_Cand]:
    """One statement for a speaker's words that run on in a participle: "X described the plan
    as a step forward, saying …" (after a noun-phrase content), and "X confirmed that …,
    stressing that …" (a participle inside the content); a same-speaker attribution inside
    another's content ("…, a compromise he stated Kyiv would never accept") is part of it."""
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda c: c.cue_start):
        host = None
        for o in reversed(out):
            if o.direct or len(o.parts) != 1:
                continue
            os_, oe = o.parts[0]
            if os_ <= c.cue_start and c.parts[-1][1] <= oe + 1 and not c.coordinated and (
                    c.participle or c.speaker.name == o.speaker.name):
                host = o  # inside the other's content
                break
            gap = text[oe:c.cue_start]
            if o.nominal and c.participle and not gap.strip(" ,\"”»’'") and (
                    c.speaker.start == o.speaker.start):
                o.parts = [(os_, max(oe, c.parts[-1][1]))]
                o.nominal = False
                host = o
                break
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
    return out


_TRAILING_GLOSS = re.compile(r"\s*,\s*(?:when|regarding|concerning|amid|as part of)\b",
                            re.IGNORECASE)


_THAT_CONJ = re.compile(r",?\s+and that\b", re.IGNORECASE)


def _drop_framing(cands: list[_Cand], text: str) -> list[_Cand]:
    """A reported content ends where the writer's framing begins: after its quoted words when
    they run on with a gloss ("… to “more than 30 countries”, when military chiefs …"), and
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


def _drop_nested(cands: list[_Cand]) -> list[_Cand]:
    """PolNeAR-style: an attribution whose content is another attribution keeps only the inner
    one ("X reiterated that …, her office said")."""
    keep = []
    for c in cands:
        cs, ce = c.parts[0][0], c.parts[-1][1]
        nested = False
        for o in cands:
            if o is c or c.direct:
                continue
            if o.lemma not in CORE_SPEECH:
                continue
            if cs <= o.cue_start and o.cue_end <= ce and cs <= o.speaker.start and (
                    o.speaker.end <= ce):
                os_, oe = o.parts[0][0], o.parts[-1][1]
                if os_ >= cs and oe <= ce + 1 and (oe - os_) > 0.4 * (ce - cs):
                    nested = True
                    break
        if not nested and c.lemma not in CORE_SPEECH:
            # a commitment or stance reported inside another statement belongs to it
            for o in cands:
                if o is c or not o.parts:
                    continue
                os_, oe = o.parts[0][0], o.parts[-1][1]
                if os_ <= c.speaker.start and c.cue_end <= oe and o.lemma in CORE_SPEECH:
                    nested = True
                    break
        if not nested:
            keep.append(c)
    return keep


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


def _to_statements(ctx: ArticleContext, cands: list[_Cand]) -> list[Statement]:
    text = ctx.text
    ref = ctx.article.ref()
    by_key: dict[str, Statement] = {}
    out: list[Statement] = []
    for c in sorted(cands, key=lambda c: c.span()[0]):
        quote = " ".join(_strip_text(text[s:e]) for s, e in c.parts if _strip_text(text[s:e]))
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
            actors.append(Actor(name=sp.body[0], kind=_kind(sp.body[1], None), role="speaker",
                                mention=sp.mention, id=sp.body[2]))
        st = Statement(article=ref, date=_date_for(ctx, start, end, c.parts), actors=actors,
                       evidence=ev, quote=Quote(text=quote, direct=c.direct, cue=c.cue))
        by_key[key] = st
        out.append(st)
    return out
