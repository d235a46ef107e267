"""Who an article mentions, as speaker resolution reads it: every named person outside
quotation marks (whom a quote names is not who speaks it) with the titles and gender its
mentions give, and every "he" or "she" that is a subject, sentence by sentence; and the
person a pronoun or a title stands for."""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cowextract.actors.names import normalize, title_of
from cowextract.extract.statements.cues import SUBJ_DEPS
from cowextract.extract.statements.entities import SPEAKER_LABELS, person_ent
from cowextract.extract.statements.quotes import WORD
from cowextract.nlp.docs import doc_ents, doc_text
from cowextract.resources import data

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from cowextract.extract.statements.cues import Cues
    from cowextract.models import ActorKind

GENDER_PRONOUN: dict[str, str] = data("statements.json")["pronoun_gender"]
# How many sentences with a fitting mention back "he" or "she" looks for a subject, before
# it takes the nearest person named in another role.
SUBJECT_REACH = 3
# How many subject pronouns back a "he" or "she" follows a chain of them.
PRONOUN_CHAIN = 8


@dataclass(frozen=True)
class _Mention:
    """A named person (`name`, at entity `ent`) or a subject pronoun (`pronoun`) in a
    sentence, as pronoun resolution reads them."""

    char: int
    name: str | None
    subject: bool
    ent: Span | None
    pronoun: Token | None


class Mentions:
    """The named persons and subject pronouns of one article, by sentence key (the start of a
    sentence or of its paragraph, whichever is later), in text order."""

    def __init__(self, doc: Doc, cues: Cues,
                 resolve_name: Callable[[str, str | None], tuple[str, ActorKind, str | None]],
                 quoted: Sequence[int] = ()):
        self.doc = doc
        self.cues = cues
        self.gender: dict[str, str] = {}
        self.titles: dict[str, set[str]] = {}
        self.offices: dict[str, set[str]] = {}  # canonical titles the article gives a name
        self.ids: dict[str, str] = {}  # registry id of each person named, by name
        self._keys: list[int] = []
        self._mentions: dict[int, list[_Mention]] = {}
        self._pron_refs: dict[int, str | None] = {}
        self._orgs: list[tuple[int, str, str | None]] = []  # named organisations, in order
        self._resolve_name = resolve_name
        # sentence starts (characters), read once: `Token.sent` walks the sentence each time
        self._sent_starts = [0] + [s.start_char for s in doc.sents]
        self._index_persons(quoted)

    def _sent_key(self, start_char: int) -> int:
        """The start of the sentence or of the paragraph of `start_char`, whichever is later."""
        para = doc_text(self.doc).rfind("\n", 0, start_char) + 1
        sent = self._sent_starts[bisect_right(self._sent_starts, start_char) - 1]
        return max(sent, para)

    def _add(self, key: int, mention: _Mention) -> None:
        if key not in self._mentions:
            self._mentions[key] = []
            self._keys.append(key)
        self._mentions[key].append(mention)

    def _index_persons(self, quoted: Sequence[int]) -> None:
        """Every named person of the article outside quotation marks (whom a quote names is
        not who speaks it), with the titles and gender its mentions give, and every "he" or
        "she" that is a subject."""
        doc = self.doc
        for ent in doc_ents(doc):
            if ent.label_ not in SPEAKER_LABELS or not WORD.search(ent.text):
                continue
            label = ent.label_
            if label == "PERSON":
                ent = person_ent(ent.root) or ent
            name, kind, aid = self._resolve_name(ent.text, label)
            inside = bool(quoted) and quoted[ent.start] >= 0
            if kind == "organization" and label == "ORG" and not inside:
                self._orgs.append((ent.start_char, name, aid))
            if kind != "person":
                continue
            if aid:
                self.ids[name] = aid
            self._note_titles(ent, name)
            if inside:
                continue
            key = self._sent_key(ent.start_char)
            self._add(key, _Mention(ent.start_char, name, _is_subject(ent.root), ent, None))
        strings = doc.vocab.strings
        lower, dep = doc.to_array(["LOWER", "DEP"]).T
        subj = (dep == strings["nsubj"]) | (dep == strings["nsubjpass"])
        pron = (lower == strings["he"]) | (lower == strings["she"])
        for i in (subj & pron).nonzero()[0].tolist():
            tok = doc[i]
            if quoted and quoted[i] >= 0:
                continue
            key = self._sent_key(tok.idx)
            self._add(key, _Mention(tok.idx, None, True, None, tok))
        self._keys.sort()
        for ms in self._mentions.values():
            ms.sort(key=lambda m: m.char)

    def _note_titles(self, ent: Span, name: str) -> None:
        """Title words before a name ("French President Emmanuel Macron") and in an apposition
        ("Macron, the French president"); a gendered title gives the person's gender."""
        ttl = self.titles.setdefault(name, set())
        offices = self.offices.setdefault(name, set())
        i = ent.start - 1
        while i >= max(0, ent.start - 5):
            t = self.doc[i]
            if t.dep_ == "compound" or t.pos_ in ("PROPN", "ADJ") or t.tag_ == "POS" or (
                    t.pos_ == "NOUN" and t.head.i in range(ent.start, ent.end)):
                ttl.add(t.lower_.strip("."))
                if t.lower_ in self.cues.male:
                    self.gender.setdefault(name, "m")
                elif t.lower_ in self.cues.female:
                    self.gender.setdefault(name, "f")
                i -= 1
            else:
                break
        phrases = [self.doc[i + 1:ent.start].text]
        for t in ent.root.children:
            if t.dep_ == "appos":
                ttl.update(w.lower_ for w in t.subtree if w.is_alpha)
                phrases.append(self.doc[t.left_edge.i:t.right_edge.i + 1].text)
        offices.update(o for o in (title_of(normalize(p)) for p in phrases if p) if o)

    def nearest_person(self, char: int, gender: str | None, title_words: set[str] | None = None,
                       max_back: int = 2500, depth: int = 0) -> str | None:
        """The person mentioned most recently before `char` that fits (gender compatible,
        titles containing `title_words`): the first subject of the nearest sentence that has
        one, a few sentences back at most (a "he" or "she" subject stands for whom it stood
        for: "He said …" after "He also downplayed a deadline set by Trump" is not Trump's),
        else the first name of the nearest sentence that names one."""
        pos = bisect_right(self._keys, char) - 1
        fallback: str | None = None
        seen = 0
        while pos >= 0 and seen < SUBJECT_REACH:
            key = self._keys[pos]
            pos -= 1
            if key < char - max_back:
                break
            fits = [m for m in self._mentions[key] if char - max_back <= m.char < char
                    and self._fits(m, gender, title_words)]
            if not fits:
                continue
            seen += 1
            subjects = [m for m in fits if m.subject]
            first = next((m for m in subjects if m.name is not None), None) or next(
                iter(subjects), None)
            if first is not None:
                if first.name is not None:
                    return first.name
                assert first.pronoun is not None
                return self._pronoun_ref(first.pronoun, depth + 1)
            if fallback is None:
                fallback = next((m.name for m in fits if m.name is not None), None)
        return fallback

    def _fits(self, m: _Mention, gender: str | None, title_words: set[str] | None) -> bool:
        if m.name is None:  # a subject pronoun: only of the asked gender, never for a title
            return bool(gender) and not title_words and m.pronoun is not None and (
                GENDER_PRONOUN.get(m.pronoun.lower_) == gender)
        g = self.gender.get(m.name)
        if gender and g and g != gender:
            return False
        return not title_words or title_words <= self.titles.get(m.name, set())

    def add_speaker(self, char: int, name: str) -> None:
        """A person resolved as the subject of a cue, for the pronouns after it ("Wi said … as
        he highlighted …", where the recogniser did not know the name)."""
        key = self._sent_key(char)
        if any(m.char == char for m in self._mentions.get(key, ())):
            return
        if key not in self._mentions:
            insort(self._keys, key)
            self._mentions[key] = []
        insort(self._mentions[key], _Mention(char, name, True, None, None),
               key=lambda m: m.char)

    def organisation(self, char: int, reach: int) -> tuple[str, str | None] | None:
        """The organisation named last before `char`, at most `reach` characters back:
        (name, registry id)."""
        i = bisect_right(self._orgs, (char,)) - 1
        if i < 0 or self._orgs[i][0] < char - reach:
            return None
        return self._orgs[i][1], self._orgs[i][2]

    def office_holder(self, char: int, title: str, words: AbstractSet[str] = frozenset(),
                      holds: Callable[[str], bool] = lambda name: False) -> str | None:
        """The person named last before `char` whom the article gives the canonical `title`
        (and the title `words`, "ukrainian": "Ukrainian President …"), as in "Foreign
        Minister Badr Albusaidi" … "the top diplomat"; else the one named last who `holds`
        it."""
        holder = None
        pos = bisect_right(self._keys, char) - 1
        while pos >= 0:
            for m in reversed(self._mentions[self._keys[pos]]):
                if m.name is None or m.char >= char:
                    continue
                if title in self.offices.get(m.name, ()) and words <= self.titles.get(
                        m.name, set()):
                    return m.name
                if holder is None and holds(m.name):
                    holder = m.name
            pos -= 1
        return holder

    def _pronoun_ref(self, tok: Token, depth: int) -> str | None:
        """Whom an earlier subject "he" or "she" stands for (memoised; a chain is followed a
        few sentences back at most)."""
        if tok.i not in self._pron_refs:
            gender = GENDER_PRONOUN.get(tok.lower_)
            self._pron_refs[tok.i] = None if depth > PRONOUN_CHAIN else self.nearest_person(
                tok.idx, gender, depth=depth)
        return self._pron_refs[tok.i]

def _is_subject(tok: Token) -> bool:
    """Whether a name is a subject, or in apposition to one ("Finland's president Alexander
    Stubb said", "said the chief negotiator, Rustem Umerov")."""
    for _ in range(3):
        if tok.dep_ in SUBJ_DEPS:
            return True
        if tok.dep_ not in ("appos", "compound", "flat") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
