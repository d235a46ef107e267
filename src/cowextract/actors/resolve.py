"""Resolving the actor mentions of one article: titles, office phrases on the article's
date, surnames after full names, and names outside the registry."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cowextract.actors.names import (
    AFFILIATION_TITLES,
    ARTICLES,
    BODY_TITLES,
    FILLERS,
    GROUP_HEADS,
    GROUP_PHRASES,
    HONORIFICS,
    LEADER,
    NON_ACTORS,
    NOT_HOLDER,
    PARTICLES,
    TITLES,
    clean,
    compact,
    normalize,
    title_of,
)
from cowextract.actors.registry import Entry, Registry, Resolved


@dataclass
class _Parsed:
    quals: list[Entry] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    titled: bool = False  # a title or honorific preceded the name


class ArticleActors:
    """Resolves the actor mentions of one article, remembering the full names it has seen so a
    later surname ("Arnold" after "Ed Arnold") resolves to them. Office phrases ("the French
    president") resolve on `published`; with no date they resolve to nothing."""

    def __init__(self, registry: Registry, published: date | None):
        self.registry = registry
        self.published = published
        self._memory: dict[str, Resolved] = {}
        self._names: set[str] = set()  # keys of the full names (two words or more) seen
        self._first: dict[str, Resolved | None] = {}  # a full name by its first word

    def prime(self, mentions: Iterable[Any]) -> None:
        """Remember the full person names among `mentions` (strings, or spaCy spans/a Doc whose
        PERSON entities are used) before resolving, so a surname may precede its full name,
        and an epithet its bare name ("Crooked Hillary Clinton" … "Hillary Clinton")."""
        if hasattr(mentions, "ents"):
            mentions = mentions.ents
        full = []
        for m in mentions:
            if hasattr(m, "label_"):
                if m.label_ != "PERSON":
                    continue
                m = m.text
            if len(clean(m).split()) >= 2:
                full.append(m)
                self._names.add(normalize(clean(m)))
        for m in full:
            self.resolve(m, "PERSON")

    def resolve(self, mention: str, label: str | None = None) -> Resolved | None:
        """The actor `mention` names (label: its spaCy entity label, if any), or None when it
        names none (pronouns, generic words, office phrases without a date)."""
        text = clean(mention)
        key = normalize(text)
        if not key or not any(c.isalpha() for c in key):
            return None
        if key in NON_ACTORS and not compact(text).isupper():
            return None
        res = self._resolve(text, label)
        if res is not None:
            res = Resolved(res.name, res.kind, res.id, mention, res.via)
            if res.kind == "person" and res.via not in ("office", "affiliation"):
                self._remember(res, text)
        return res

    def _resolve(self, text: str, label: str | None) -> Resolved | None:
        hit = self._registry_name(text, label)
        if hit is not None:
            return hit
        parsed = self._parse(text)
        if parsed is not None and not parsed.name:
            return self._office_phrase(parsed, text)
        if label not in (None, "PERSON"):
            parsed = None  # "Justice League" is a body, not a person titled "Justice"
        if parsed is None:
            of_phrase = self._of_phrase(text)
            if of_phrase is not None:
                return of_phrase
        name_toks = parsed.name if parsed is not None else text.split()
        titled = parsed is not None and parsed.titled
        name = " ".join(name_toks)
        if parsed is not None:
            hit = self._registry_name(name, "PERSON")
            if hit is not None:
                return hit
        return self._person_name(name, label, titled)

    def _registry_name(self, text: str, label: str | None) -> Resolved | None:
        single = len(text.split()) == 1
        if single and text[:1].islower():
            return None
        hit = self.registry.exact(text)
        if hit is not None:
            e, via = hit
            # spaCy often calls "Kyiv" a PERSON; only names that are also given names yield
            if label == "PERSON" and text in e.ruler_skip:
                return None
            if e.kind == "person" and via == "alias" and single:
                remembered = self._memory.get(normalize(text))
                if remembered is not None and remembered.id != e.id and remembered.id is not None:
                    return remembered
            return _resolved(e, text, via)
        return None

    def _person_name(self, name: str, label: str | None, titled: bool) -> Resolved | None:
        toks = name.split()
        if not toks or not toks[0][:1].isupper() and toks[0].lower() not in PARTICLES:
            return None
        key = normalize(name)
        bare = self._bare_name(toks)
        if bare is not None:  # a person's name the article gives, after an epithet
            return self._person_name(bare, "PERSON", titled)
        remembered = self._memory.get(key)
        if remembered is None and len(toks) == 1 and label is None and not titled:
            # "Wi said" after "Wi Sung-lac": a family name written first, one the recogniser
            # did not take for a name on its own (a title goes with a surname: "Mr. Obama")
            remembered = self._first.get(key)
        if remembered is not None:
            return Resolved(remembered.name, "person", remembered.id, name, "memory")
        if len(toks) == 1 or (len(toks) <= 3 and toks[0].lower() in PARTICLES):
            e = self.registry.surname(name, self.published)
            if e is not None:
                return _resolved(e, name, "surname")
        if len(toks) >= 2:
            e = self.registry.fuzzy(name)
            if e is not None and (e.kind == "person" or label != "PERSON"):
                return _resolved(e, name, "fuzzy")
        if label == "PERSON" or titled:
            return Resolved(name, "person", None, name, "text")
        if label == "ORG":
            return Resolved(name, "organization", None, name, "text")
        if label == "NORP":
            return Resolved(name, "group", None, name, "text")
        if label in ("GPE", "LOC", "FAC"):
            return Resolved(name, "unknown", None, name, "text")
        return None

    def _bare_name(self, toks: list[str]) -> str | None:
        """ "Crooked Hillary Clinton" when "Hillary Clinton" is a name of the article: a word
        before a full name is an epithet or a title, not more of the name."""
        for i in range(1, len(toks) - 1):
            rest = " ".join(toks[i:])
            if normalize(toks[i]) not in PARTICLES and normalize(rest) in self._names:
                return rest  # "bin Hamad Albusaidi" is the end of a name, not a name
        return None

    def _remember(self, res: Resolved, text: str) -> None:
        self._remember_suffixes(res, text)
        first = normalize(res.name).split()
        if len(first) >= 2 and first[0] not in PARTICLES:
            known = self._first.setdefault(first[0], res)
            if known is not None and known.name != res.name:
                self._first[first[0]] = None  # two people: the word alone names neither

    def _remember_suffixes(self, res: Resolved, text: str) -> None:
        for source in (res.name, text):
            toks = normalize(source).split()
            if len(toks) < 2:
                continue
            for i in range(1, len(toks)):
                if toks[i - 1] in PARTICLES and i > 1:
                    continue
                self._memory[" ".join(toks[i:])] = res

    def _parse(self, text: str) -> _Parsed | None:
        """Split "French President Emmanuel Macron" into qualifiers (France), title words
        (president) and a name; None when the text has no title prefix."""
        toks = text.split()
        p = _Parsed()
        i, last = 0, None
        while i < len(toks):
            word = normalize(toks[i])
            if word in HONORIFICS or word in TITLES:
                p.words.append(word)
                i, last = i + 1, "title"
                continue
            if p.quals and (word in GROUP_HEADS or word in ("foreign", "defence", "defense")):
                p.words.append(word)
                i, last = i + 1, "group"
                continue
            for k in range(min(5, len(toks) - i), 0, -1):
                phrase = " ".join(toks[i:i + k])
                if k == len(toks) - i and last is None:
                    continue  # the whole text is no prefix
                hit = self.registry.exact(phrase)
                if hit is not None and hit[0].kind != "person":
                    p.quals.append(hit[0])
                    possessive = bool(re.search(r"['’]s?$", phrase))
                    i, last = i + k, "poss" if possessive else "qual"
                    break
            else:
                break
        p.name = list(toks[i:])
        if not p.name:
            return p if p.words or p.quals else None
        if last not in ("title", "poss"):
            return None  # "Jordan Bardella": a country before a name is no title
        p.titled = bool(p.words)
        return p

    def _office_phrase(self, p: _Parsed, text: str) -> Resolved | None:
        if not p.words:
            return None  # "Ukraine Germany": a list, not a phrase about one body
        words = [w for w in p.words if w not in FILLERS]
        if any(w in NOT_HOLDER for w in words) or "elect" in normalize(text).split():
            return None
        phrase = " ".join(w for w in words if w)
        body = p.quals[-1] if p.quals else None
        # "top diplomat" is a title although "top" alone is a filler
        title = title_of(" ".join(w for w in p.words if w not in ARTICLES)) or title_of(phrase)
        if title in BODY_TITLES:
            return _resolved(body, text, "affiliation") if body is not None else None
        if title == LEADER and words and words[-1] in GROUP_HEADS:
            return None  # "the head of the Russian delegation" leads the delegation
        if title is not None:
            holder = self.registry.office_holder(title, body.id if body else None,
                                                 self.published)
            if holder is None and body is not None and body.part_of and title != LEADER:
                holder = self.registry.office_holder(title, body.part_of, self.published)
            if holder is not None:
                return _resolved(holder, text, "office")
            if title in AFFILIATION_TITLES and body is not None:
                return _resolved(body, text, "affiliation")
            return None
        last = phrase.split()[-1] if phrase else ""
        if body is not None and (not phrase or phrase in GROUP_PHRASES or last in GROUP_HEADS):
            return _resolved(body, text, "affiliation")
        return None

    def _of_phrase(self, text: str) -> Resolved | None:
        """ "President of France", "the Ministry of Foreign Affairs of China" """
        parts = re.split(r"\s+of\s+", text)
        for cut in range(len(parts) - 1, 0, -1):
            head, rest = " of ".join(parts[:cut]), " of ".join(parts[cut:])
            hit = self.registry.exact(rest)
            if hit is None or hit[0].kind == "person":
                continue
            body = hit[0]
            head_key = normalize(head)
            words = [w for w in head_key.split() if w not in FILLERS]
            if any(w in NOT_HOLDER for w in words):
                return None
            phrase = " ".join(words)
            title = title_of(" ".join(w for w in head_key.split() if w not in ARTICLES))
            title = title or title_of(phrase)
            if title in BODY_TITLES:
                return _resolved(body, text, "affiliation")
            if title is not None:
                holder = self.registry.office_holder(title, body.id, self.published)
                if holder is not None:
                    return _resolved(holder, text, "office")
                if title in AFFILIATION_TITLES:
                    return _resolved(body, text, "affiliation")
                return None
            if phrase in GROUP_HEADS or phrase in GROUP_PHRASES or (
                    phrase.startswith("ministry") or phrase.endswith("ministry")):
                return _resolved(body, text, "affiliation")
            return None
        return None


def _resolved(e: Entry, mention: str, via: str) -> Resolved:
    return Resolved(e.name, e.kind, e.id, mention, via)
