"""Speakers: the subject of a cue (or the object of "according to") as an actor. Names go
through the article's actor resolver; pronouns, possessive offices and descriptions ("he",
"her office", "the French president") resolve to the nearest compatible named person."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from cowextract.extract.statements.cues import SUBJ_DEPS
from cowextract.extract.statements.entities import (
    AGENT_LABELS,
    LEADING_DROP,
    NAME_PARTICLES,
    NAMED_LABELS,
    SPEAKER_LABELS,
    actor_kind,
    ent_of,
    ent_text,
    issuer_of,
    media_spans,
    person_ent,
    strip_det,
)
from cowextract.extract.statements.quotes import WORD
from cowextract.nlp.docs import doc_ents, doc_text, span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.resources import data, words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from cowextract.extract.context import ArticleContext
    from cowextract.extract.statements.cues import Cues

# The lists' meanings are in the files' "_doc".
PRONOUNS = words("statements.json", "pronouns")
GENDER_PRONOUN: dict[str, str] = data("statements.json")["pronoun_gender"]
OFFICES = words("statements.json", "offices")
BODY_NOUNS = words("statements.json", "body_nouns")
MEDIA_WORK_NOUNS = words("cues.json", "media_work_nouns")
# How far back (characters) "they" looks for the group it stands for.
THEY_REACH = 600


@dataclass
class Speaker:
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


class SpeakerResolver:
    """Turns the subject of a cue into a speaker: names through the actor resolver; pronouns,
    possessive offices and descriptions to the nearest compatible named person."""

    def __init__(self, ctx: ArticleContext, cues: Cues):
        self.ctx = ctx
        self.doc = ctx.doc
        self.cues = cues
        self.gender: dict[str, str] = {}
        # (start of its sentence or paragraph, whichever is later; ent; name)
        self.persons: list[tuple[int, Span, str]] = []
        self.described: list[Speaker] = []
        self.titles: dict[str, set[str]] = {}
        self.last_group: Speaker | None = None
        self.last_person: Speaker | None = None
        for ent in doc_ents(self.doc):
            if ent.label_ not in SPEAKER_LABELS or not WORD.search(ent.text):
                continue
            label = ent.label_
            if label == "PERSON":
                ent = person_ent(ent.root) or ent
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
            return res.name, actor_kind(getattr(res, "kind", None), label), getattr(res, "id", None)
        return text, actor_kind(None, label), None

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
        named = [doc_span for doc_span in media_spans(self.doc, left, right + 1, cues)]
        if any(s.start <= head.i < s.end for s in named):
            return "outlet"
        if lemma_of(head).lower() in MEDIA_WORK_NOUNS:
            # "a report from Le Monde", "the Times's analysis"
            for c in head.children:
                if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by", "in")):
                    if any(media_spans(self.doc, c.left_edge.i, c.right_edge.i + 1, cues)):
                        return "outlet"
                    if any(lemma_of(t).lower() in cues.media_nouns for t in c.subtree):
                        return "outlet"
        lemma = lemma_of(head).lower()
        if head.pos_ == "NOUN" and (lemma in cues.document_nouns or head.lower_ in
                                    cues.document_nouns):
            # "the statement said" speaks for nobody named; "NATO's statement", "a statement
            # from the campaign", "his letter" speak for their issuer.
            return "agent" if issuer_of(head) is not None else "thing"
        if head.pos_ in ("PRON", "PROPN") or head.lower_ in PRONOUNS or (
                head.ent_type_ in AGENT_LABELS):
            return "agent"
        for word in (lemma, head.lower_):
            if word in cues.agent_nouns or word in cues.source_nouns or (
                    word in cues.group_nouns):
                return "agent"
        if lemma in cues.thing_nouns or head.lower_ in cues.thing_nouns or lemma.endswith(
                cues.non_agent_suffixes):
            return "thing"
        return "agent"

    def from_tokens(self, head: Token, *, pronoun_ok: bool = True) -> Speaker | None:
        """Speaker from the head token of a subject or of the object of "according to"; None
        when the phrase is no speaker (a thing) or a news outlet."""
        if self.agency(head) != "agent":
            return None
        if lemma_of(head).lower() in self.cues.document_nouns:
            issuer = issuer_of(head)
            if issuer is not None and issuer.pos_ != "PRON":
                return self._from_tokens(issuer, pronoun_ok=pronoun_ok)
        return self._from_tokens(head, pronoun_ok=pronoun_ok)

    def _from_tokens(self, head: Token, *, pronoun_ok: bool = True) -> Speaker | None:
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
                    return Speaker(name, "person", mention, start, end)
            elif p.ent_type_ == "PERSON":
                name = self._resolve_name(ent_text(p), "PERSON")[0]
                return Speaker(name, "person", mention, start, end)
        ent = person_ent(head) or ent_of(head)
        if (ent is None or ent.label_ != "PERSON") and (
                head.lower_ in OFFICES or head.lower_ == "general"):
            # "Secretary General of NATO Mark Rutte": the name ends the title phrase
            named = [e for e in span_ents(doc[left:right + 1])
                     if e.label_ == "PERSON" and e.end == right + 1 and e.start > head.i]
            if named:
                name, kind, aid = self._resolve_name(named[-1].text, "PERSON")
                return Speaker(name, kind, mention, start, end, aid)
        names = [c for c in head.lefts if c.dep_ == "compound"]
        if names and head.pos_ == "PROPN" and (ent is None or ent.label_ != "PERSON") and all(
                t.pos_ == "PROPN" or t.lower_ in NAME_PARTICLES
                for t in doc[names[0].left_edge.i:head.i]):
            # a name the tagger split or mislabelled: "Ursula von der Leyen" as PROPN + GPE
            span = doc[names[0].left_edge.i:head.i + 1]
            label = "PERSON" if any(t.ent_type_ == "PERSON" for t in span) else None
            name, kind, aid = self._resolve_name(span.text, label)
            return Speaker(name, kind, mention, start, end, aid)
        if ent is not None and ent.label_ in NAMED_LABELS:
            name, kind, aid = self._resolve_name(ent.text, ent.label_)
            if ent.label_ == "PERSON":
                self.last_person = Speaker(name, kind, mention, start, end, aid)
            return Speaker(name, kind, mention, start, end, aid)
        # a person named inside the phrase: "Finland's president Alexander Stubb"
        spokes = head.lower_ in cues.source_nouns and head.lower_ not in OFFICES
        for t in [head, *head.children]:
            # "A Starmer spokesman" stays a description; "president Alexander Stubb" does not
            if t is head or t.dep_ == "appos" or (t.dep_ == "compound" and not spokes):
                e = person_ent(t)
                if e is not None:
                    name, kind, aid = self._resolve_name(e.text, "PERSON")
                    return Speaker(name, kind, mention, start, end, aid)
        desc = strip_det(doc[left:right + 1])
        if not desc:
            return None
        if head.pos_ == "PROPN":
            res_name, res_kind, aid = self._resolve_name(desc, None)
            return Speaker(res_name, res_kind, mention, start, end, aid)
        if head.lower_ in OFFICES:
            res_name, res_kind, aid = self._resolve_name(mention, None)
            if res_kind == "person" and res_name.lower() not in (desc.lower(), mention.lower()):
                return Speaker(res_name, res_kind, mention, start, end, aid)
        title = {w.lower_.strip(".") for w in doc[left:right + 1]
                 if w.is_alpha and w.lower_ not in LEADING_DROP}
        if head.lower_ in OFFICES:
            name = self.nearest_person(start, None, title, max_back=len(doc_text(doc)))
            if name:
                return Speaker(name, "person", mention, start, end)
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
        sp = Speaker(desc, kind, mention, start, end, head=lemma, body=self._body(mention))
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

    def _pronoun(self, tok: Token) -> Speaker | None:
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
            return Speaker(mention, "person", mention, s, e)
        if gender:
            self.gender.setdefault(name, gender)
        return Speaker(name, "person", mention, s, e)

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
