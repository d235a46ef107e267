"""Speakers: the subject of a cue (or the object of "according to") as an actor. Names go
through the article's actor resolver; pronouns, possessive offices and descriptions ("he",
"her office", "the French president") resolve to the nearest compatible named person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from cowextract.actors.names import normalize, title_of
from cowextract.extract.statements.entities import (
    AGENT_LABELS,
    LEADING_DROP,
    NAME_PARTICLES,
    NAMED_LABELS,
    actor_kind,
    ent_of,
    ent_text,
    issuer_of,
    media_spans,
    outlet_name,
    person_ent,
    strip_det,
)
from cowextract.extract.statements.mentions import Mentions
from cowextract.nlp.docs import doc_text, span_ents
from cowextract.nlp.lemmas import lemma_of
from cowextract.resources import data, words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from cowextract.actors.resolve import ArticleActors
    from cowextract.extract.context import ArticleContext
    from cowextract.extract.statements.cues import Cues
    from cowextract.models import ActorKind

PRONOUNS = words("statements.json", "pronouns")
GENDER_PRONOUN: dict[str, str] = data("statements.json")["pronoun_gender"]
OFFICES = words("statements.json", "offices")
BODY_NOUNS = words("statements.json", "body_nouns")
ORG_HEADS = words("statements.json", "org_heads")
# How far back (characters) "the group" looks for the organisation it stands for.
ORG_REACH = 1500
MEDIA_WORK_NOUNS = words("cues.json", "media_work_nouns")
# How far back (characters) "they" looks for the group it stands for.
THEY_REACH = 600
# How many speakers conjoined to the first ("A, B and C said") speak with them.
MAX_CONJUNCTS = 8
# How far back (characters) "it" looks for the body or outlet that spoke before it.
IT_REACH = 800


@dataclass
class Speaker:
    """Who made a statement: the actor (`name`, `kind`, registry `id`) and the words that
    name them in the text (`mention` at `start:end`; -1 when not written there)."""

    name: str
    kind: ActorKind
    mention: str
    start: int
    end: int
    id: str | None = None
    # the body an unnamed source speaks for ("a German government spokesman": Germany)
    body: tuple[str, str, str | None] | None = None
    also: tuple[Speaker, ...] = ()  # who speaks with them ("Starmer and Macron said")
    head: str = ""  # head noun of a description, for "the spokesman" later


@dataclass(frozen=True)
class _Phrase:
    """The noun phrase a speaker is read from, as tokens and as characters."""

    span: Span

    @property
    def mention(self) -> str:
        return self.span.text

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char

    def speaker(self, name: str, kind: ActorKind, id: str | None = None) -> Speaker:
        return Speaker(name, kind, self.mention, self.start, self.end, id)


def resolve_name(actors: ArticleActors, text: str, label: str | None
                 ) -> tuple[str, ActorKind, str | None]:
    """(name, kind, registry id) of a mention; the text itself when the resolver knows no
    actor by it."""
    res = actors.resolve(text, label)
    if res is not None and res.name:
        return res.name, actor_kind(res.kind, label), res.id
    return text, actor_kind(None, label), None


class SpeakerResolver:
    """Turns the subject of a cue into a speaker: names through the actor resolver; pronouns,
    possessive offices and descriptions to the nearest compatible named person."""

    def __init__(self, ctx: ArticleContext, cues: Cues, quoted: Sequence[int] = ()):
        self.ctx = ctx
        self.doc = ctx.doc
        self.cues = cues
        self.described: list[Speaker] = []
        self.last_group: Speaker | None = None
        self.outlets: dict[str, list[Speaker]] = {}  # named outlets that spoke, in order
        self.last_body: Speaker | None = None
        # no reference back to the resolver: nothing here outlives the article's Doc
        self.mentions = Mentions(ctx.doc, cues, partial(resolve_name, ctx.actors), quoted)
        self.gender = self.mentions.gender
        self.nearest_person = self.mentions.nearest_person

    def _resolve_name(self, text: str, label: str | None) -> tuple[str, ActorKind, str | None]:
        return resolve_name(self.ctx.actors, text, label)

    def agency(self, head: Token) -> str:
        """What the phrase headed by `head` is: "agent" (a person, body, group, document or
        pronoun), "outlet" (a news outlet, whose reporting is the article's sourcing, not a
        party's statement) or "thing" ("the time", "the agreement": no speaker at all)."""
        cues = self.cues
        if self._is_outlet(head):
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

    def speaks(self, head: Token) -> bool:
        """Whether the phrase at `head` surely names a speaker: a named entity, a pronoun, an
        outlet, or a noun of the speaker lists (not merely a noun that is no thing)."""
        cues = self.cues
        if head.ent_type_ in AGENT_LABELS or head.pos_ in ("PRON", "PROPN") or self._is_outlet(
                head):
            return True
        lemma = lemma_of(head).lower()
        return any(w in cues.agent_nouns or w in cues.source_nouns or w in cues.group_nouns
                   for w in (lemma, head.lower_))

    def _is_outlet(self, head: Token) -> bool:
        """Whether the phrase at `head` names a news outlet or a piece of its reporting ("a
        report from Le Monde", "the Times's analysis")."""
        cues = self.cues
        left, right = self._np_bounds(head)
        core = [head, *(c for c in head.children if c.dep_ in ("compound", "appos", "nmod"))]
        if any(lemma_of(t).lower() in cues.media_nouns or t.lower_ in cues.media_nouns
               for t in core if t.pos_ in ("NOUN", "PROPN")):
            return True
        if any(s.start <= head.i < s.end for s in media_spans(self.doc, left, right + 1, cues)):
            return True
        if lemma_of(head).lower() not in MEDIA_WORK_NOUNS:
            return False
        for c in head.children:
            if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by", "in")):
                if any(media_spans(self.doc, c.left_edge.i, c.right_edge.i + 1, cues)):
                    return True
                if any(lemma_of(t).lower() in cues.media_nouns for t in c.subtree):
                    return True
        return False

    def from_tokens(self, head: Token, *, pronoun_ok: bool = True) -> Speaker | None:
        """Speaker from the head token of a subject or of the object of "according to"; None
        when the phrase is no speaker (a thing). A news outlet given as the source of a claim
        is its speaker; a document or a piece of reporting speaks for its issuer."""
        agency = self.agency(head)
        if agency == "outlet":
            return self._remember_body(self._outlet(head))
        if agency != "agent":
            return None
        lemma = lemma_of(head).lower()
        if lemma in self.cues.document_nouns or lemma in MEDIA_WORK_NOUNS:
            issuer = issuer_of(head)
            if issuer is not None and issuer.pos_ != "PRON":
                return self._remember_body(self._from_tokens(issuer, pronoun_ok=pronoun_ok))
        sp = self._remember_body(self._from_tokens(head, pronoun_ok=pronoun_ok))
        if sp is not None and sp.kind == "person" and sp.start >= 0 and head.pos_ != "PRON":
            self.mentions.add_speaker(sp.start, sp.name)
        return self._with_conjuncts(sp, head)

    def _with_conjuncts(self, sp: Speaker | None, head: Token) -> Speaker | None:
        """ "Starmer and Macron said": the speakers conjoined to the first speak too."""
        if sp is None or sp.also:
            return sp
        also, tok = [], head
        for _ in range(MAX_CONJUNCTS):
            nxt = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ in (
                "PROPN", "NOUN")), None)
            if nxt is None:
                break
            other = self._from_tokens(nxt, pronoun_ok=False)
            if other is not None and other.name != sp.name:
                also.append(other)
            tok = nxt
        return replace(sp, also=tuple(also)) if also else sp

    def _remember_body(self, sp: Speaker | None) -> Speaker | None:
        """Note the last named body or outlet that spoke, for an "it said" after it."""
        if sp is not None and sp.start >= 0 and sp.kind in ("organization", "country"):
            self.last_body = sp
        return sp

    def _outlet(self, head: Token) -> Speaker | None:
        """A news outlet as a speaker: by the name the phrase gives ("The Financial Times
        reported", "a report from Le Monde"), "the publication" for the outlet named before
        it, or the phrase itself ("some media", "state television")."""
        doc, cues = self.doc, self.cues
        left, right = self._np_bounds(head)
        phrase = _Phrase(doc[left:right + 1])
        # "the German newspaper Die Welt": the name may stand in apposition
        named = media_spans(doc, left, max(right, head.right_edge.i) + 1, cues)
        for c in head.children:
            if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by", "in")):
                named = named or media_spans(doc, c.left_edge.i, c.right_edge.i + 1, cues)
        if named:
            sp = phrase.speaker(outlet_name(named[0].text, cues), "organization")
            self.outlets.setdefault(sp.name, []).append(sp)
            return sp
        desc = strip_det(phrase.span)
        if not desc:
            return None
        first = phrase.span[0].lower_
        if first in ("the", "this", "that") and self.outlets and (
                head.tag_ not in ("NNS", "NNPS")):
            # the outlet the article cites most, the first of those: "Politico reports,
            # writes UNN … the publication writes" is Politico
            cited = max(self.outlets.values(), key=len)
            return replace(cited[0], mention=phrase.mention, start=phrase.start,
                           end=phrase.end)
        kind: ActorKind = "group" if head.tag_ in ("NNS", "NNPS") else "organization"
        return phrase.speaker(desc, kind)

    def _from_tokens(self, head: Token, *, pronoun_ok: bool = True) -> Speaker | None:
        if head.pos_ == "PRON" or head.lower_ in PRONOUNS:
            return self._pronoun(head, pronoun_ok)
        left, right = self._np_bounds(head)
        phrase = _Phrase(self.doc[left:right + 1])
        ent = person_ent(head) or ent_of(head)
        for named in (self._possessive_office, self._name_after_title, self._split_name,
                      self._entity, self._name_inside):
            sp = named(head, phrase, ent)
            if sp is not None:
                return sp
        return self._description(head, phrase)

    def _possessive_office(self, head: Token, phrase: _Phrase, ent: Span | None
                           ) -> Speaker | None:
        """ "her office", "Meloni's spokesman": the person whose office speaks."""
        poss = [c for c in head.children if c.dep_ == "poss"]
        if not poss or head.lower_ not in self.cues.source_nouns or head.ent_type_ == "PERSON":
            return None
        p = poss[0]
        if p.lower_ in ("his", "her"):
            name = self.nearest_person(head.idx, GENDER_PRONOUN[p.lower_])
            return phrase.speaker(name, "person") if name else None
        if p.ent_type_ == "PERSON":
            return phrase.speaker(self._resolve_name(ent_text(p), "PERSON")[0], "person")
        return None

    def _name_after_title(self, head: Token, phrase: _Phrase, ent: Span | None
                          ) -> Speaker | None:
        """ "Secretary General of NATO Mark Rutte": the name ends the title phrase."""
        if ent is not None and ent.label_ == "PERSON":
            return None
        if head.lower_ not in OFFICES and head.lower_ != "general":
            return None
        named = [e for e in span_ents(phrase.span)
                 if e.label_ == "PERSON" and e.end == phrase.span.end and e.start > head.i]
        return phrase.speaker(*self._resolve_name(named[-1].text, "PERSON")) if named else None

    def _split_name(self, head: Token, phrase: _Phrase, ent: Span | None) -> Speaker | None:
        """A name the tagger split or mislabelled: "Ursula von der Leyen" as PROPN + GPE."""
        names = [c for c in head.lefts if c.dep_ == "compound"]
        if not names or head.pos_ != "PROPN" or (ent is not None and ent.label_ == "PERSON"):
            return None
        doc = self.doc
        if not all(t.pos_ == "PROPN" or t.lower_ in NAME_PARTICLES
                   for t in doc[names[0].left_edge.i:head.i]):
            return None
        span = doc[names[0].left_edge.i:head.i + 1]
        if title_of(normalize(span.text)):
            return None  # "Prime Minister" is a title, not a name
        if ent is not None and ent.label_ in ("ORG", "NORP") and ent.start <= span.start and (
                span.end <= ent.end):
            return None  # "the Foreign Ministry": a body the recogniser placed
        label = "PERSON" if any(t.ent_type_ == "PERSON" for t in span) else None
        return phrase.speaker(*self._resolve_name(span.text, label))

    def _entity(self, head: Token, phrase: _Phrase, ent: Span | None) -> Speaker | None:
        """The entity the head is part of, by its name."""
        if ent is None or ent.label_ not in NAMED_LABELS:
            return None
        return phrase.speaker(*self._resolve_name(ent.text, ent.label_))

    def _name_inside(self, head: Token, phrase: _Phrase, ent: Span | None) -> Speaker | None:
        """A person named inside the phrase: "Finland's president Alexander Stubb"; but "A
        Starmer spokesman" stays a description."""
        spokes = head.lower_ in self.cues.source_nouns and head.lower_ not in OFFICES
        for t in [head, *head.children]:
            if t is head or t.dep_ == "appos" or (t.dep_ == "compound" and not spokes):
                e = person_ent(t)
                if e is not None:
                    return phrase.speaker(*self._resolve_name(e.text, "PERSON"))
        return None

    def _description(self, head: Token, phrase: _Phrase) -> Speaker | None:
        """A phrase naming nobody: an office's holder, a source described earlier ("the
        spokesman"), or a new described source, group or body."""
        desc = strip_det(phrase.span)
        if not desc:
            return None
        if head.lower_ in OFFICES or title_of(normalize(desc)):
            holder = self._office_holder(phrase, desc)
            if holder is not None:
                return holder
        if head.pos_ == "PROPN":
            return phrase.speaker(*self._resolve_name(desc, None))
        lemma = lemma_of(head).lower()
        earlier = self._described_earlier(head, phrase, lemma) or self._named_body(head, phrase)
        if earlier is not None:
            return earlier
        return self._new_description(head, phrase, desc, lemma)

    def _named_body(self, head: Token, phrase: _Phrase) -> Speaker | None:
        """ "Hamas … the militant group said": a definite description of a kind of body takes
        up the organisation named just before it."""
        words = [t for t in phrase.span if not t.is_punct]
        if head.lower_ not in ORG_HEADS or words[0].lower_ not in ("the", "this") or any(
                t.pos_ not in ("DET", "ADJ", "NOUN") for t in words):
            return None
        org = self.mentions.organisation(phrase.start, ORG_REACH)
        return phrase.speaker(org[0], "organization", org[1]) if org else None

    def _office_holder(self, phrase: _Phrase, desc: str) -> Speaker | None:
        """ "the French president": the holder on the article's date, else the person named
        before with these title words."""
        res_name, res_kind, aid = self._resolve_name(phrase.mention, None)
        if res_kind == "person" and res_name.lower() not in (desc.lower(), phrase.mention.lower()):
            return phrase.speaker(res_name, res_kind, aid)
        title = {w.lower_.strip(".") for w in phrase.span
                 if w.is_alpha and w.lower_ not in LEADING_DROP}
        name = self.nearest_person(phrase.start, None, title, max_back=len(doc_text(self.doc)))
        canon = title_of(normalize(desc))
        if name is None and canon is not None:
            bodies = self._bodies(phrase)
            named = {t.lower_ for t in phrase.span if t.ent_type_ in ("NORP", "GPE", "ORG")}
            name = self.mentions.office_holder(
                phrase.start, canon, named, lambda n: self._holds(n, canon, bodies)) or (
                self._holder_named(canon, bodies))
        return phrase.speaker(name, "person", self.mentions.ids.get(name)) if name else None

    def _bodies(self, phrase: _Phrase) -> set[str]:
        """Registry ids of the countries and bodies a title phrase names ("the Chinese
        president": China)."""
        ids = set()
        for t in phrase.span:
            if t.ent_type_ in ("NORP", "GPE", "ORG"):
                aid = self._resolve_name(ent_text(t), t.ent_type_)[2]
                if aid:
                    ids.add(aid)
        return ids

    def _holds(self, name: str, title: str, bodies: set[str]) -> bool:
        """Whether the registry person `name` holds `title` (of one of `bodies`, if any) on
        the article's date (or, undated, now)."""
        aid = self.mentions.ids.get(name)
        entry = self.ctx.actors.registry.get(aid) if aid else None
        on = self.ctx.actors.published
        return entry is not None and any(
            o.title == title and (not bodies or o.of in bodies) and (
                o.active(on) if on else o.end is None) for o in entry.offices)

    def _holder_named(self, title: str, bodies: set[str]) -> str | None:
        """ "the Chinese president" before the article names Xi: the one registry person the
        article names anywhere who holds that office."""
        found = {name for name in self.mentions.ids if self._holds(name, title, bodies)}
        return found.pop() if len(found) == 1 else None

    def _described_earlier(self, head: Token, phrase: _Phrase, lemma: str) -> Speaker | None:
        """ "The spokesman added": the spokesman described earlier."""
        bare = [t for t in phrase.span if not t.is_punct]
        if len(bare) != 2 or bare[0].lower_ not in ("the", "that", "this") or (
                head.lower_ not in self.cues.source_nouns):
            return None
        for prev in reversed(self.described):
            if prev.head == lemma and 0 <= phrase.start - prev.start < 3000:
                return replace(prev, mention=phrase.mention, start=phrase.start, end=phrase.end)
        return None

    def _new_description(self, head: Token, phrase: _Phrase, desc: str, lemma: str) -> Speaker:
        cues = self.cues
        kind: ActorKind
        if head.lower_ in cues.group_nouns or head.tag_ in ("NNS", "NNPS"):
            kind = "group"
        elif head.lower_ in cues.source_nouns or head.pos_ == "NOUN":
            kind = "organization" if head.lower_ in BODY_NOUNS else "person"
        else:
            kind = "unknown"
        sp = Speaker(desc, kind, phrase.mention, phrase.start, phrase.end, head=lemma,
                     body=self._body(phrase.mention))
        self.described.append(sp)
        if kind in ("group", "organization"):
            self.last_group = sp
        return sp

    def _body(self, mention: str) -> tuple[str, str, str | None] | None:
        """The country or body an unnamed source speaks for ("a German government spokesman",
        "one British official"), from the actor resolver's affiliation rule."""
        res = self.ctx.actors.resolve(mention, None)
        if res is None or res.via != "affiliation" or res.kind == "person":
            return None
        return res.name, res.kind, res.id

    def _pronoun(self, tok: Token, pronoun_ok: bool) -> Speaker | None:
        """A relative pronoun stands for the phrase its clause modifies; "they" for the group
        described last, if near; "he" or "she" for the nearest named person of that gender.
        "it", "you", "I" and "we", and any pronoun where `pronoun_ok` is False, give none."""
        lower = tok.lower_
        if lower in ("who", "which", "that"):
            ref = tok.head.head if tok.head.dep_ == "relcl" else None
            sp = self.from_tokens(ref) if ref is not None and ref.i != tok.i else None
            # named by the pronoun here: "officials, who said …"
            return replace(sp, mention=tok.text, start=tok.idx, end=tok.idx + len(tok)) if (
                sp is not None) else None
        if not pronoun_ok or lower in ("you", "i", "we"):
            return None
        mention = tok.text
        s, e = tok.idx, tok.idx + len(tok)
        if lower == "it":
            b = self.last_body
            if b is not None and 0 <= s - b.start <= IT_REACH:
                return replace(b, mention=mention, start=s, end=e)
            return None
        if lower == "they":
            g = self.last_group
            if g is not None and 0 <= s - g.start <= THEY_REACH:
                return replace(g, mention=mention, start=s, end=e)
            return None
        gender = GENDER_PRONOUN.get(lower)
        if gender is None:  # "some", "each", "nobody": no one named, the word itself
            return None if tok.tag_ in ("PRP", "PRP$") else Speaker(mention, "unknown",
                                                                     mention, s, e)
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

