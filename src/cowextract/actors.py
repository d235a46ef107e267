"""The actor registry: canonical countries, bodies and people, and resolving mentions to them.

The registry is data (`data/actors/countries.json`, `organizations.json`, `people.json`); users
extend it with files in the same format (`Registry.load([path])`). A mention resolves, in order,
by exact name or alias, stripped titles ("French President Emmanuel Macron"), office phrases
("Germany's chancellor", on the article's date), names seen earlier in the article ("Arnold"
after "Ed Arnold") and guarded fuzzy matching ("Kir Starmer").

Metonyms: capitals ("Moscow") and seats of government ("the Kremlin", "Downing Street",
"White House") resolve to their country, because in news they stand for that state's
government. "Brussels" resolves to the European Union, not Belgium, for the same reason.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from .errors import InputError

KINDS = ("country", "organization", "person")
PACKAGE_FILES = {"country": "countries.json", "organization": "organizations.json",
                 "person": "people.json"}
LABELS = {"person": "PERSON", "country": "GPE", "organization": "ORG"}

# Index priority: an earlier kind of key wins a collision with a later one.
_VIA_ORDER = ("name", "alias", "demonym", "capital", "seat")
_AMBIGUOUS = object()

# Canonical office titles, keyed by their normalised spellings.
TITLES: dict[str, str] = {}
_LEADER = "<leader>"
for _canon, _forms in {
    "President": ["president", "head of state"],
    "Vice President": ["vice president", "veep"],
    "Prime Minister": ["prime minister", "premier", "pm", "taoiseach", "head of government"],
    "Deputy Prime Minister": ["deputy prime minister", "deputy pm", "deputy premier"],
    "Chancellor": ["chancellor", "federal chancellor", "chancellor of exchequer"],
    "Vice Chancellor": ["vice chancellor"],
    "Foreign Minister": ["foreign minister", "foreign secretary", "secretary of state",
                         "minister of foreign affairs", "minister for foreign affairs",
                         "foreign affairs minister", "top diplomat", "chief diplomat"],
    "Defence Minister": ["defence minister", "defense minister", "defence secretary",
                         "defense secretary", "secretary of defense", "secretary of defence",
                         "secretary of war", "war secretary", "minister of defence",
                         "minister of defense", "armed forces minister",
                         "minister of armed forces", "minister for armed forces"],
    "Finance Minister": ["finance minister", "treasury secretary", "secretary of treasury",
                         "minister of finance"],
    "Interior Minister": ["interior minister", "home secretary", "minister of interior"],
    "Secretary-General": ["secretary general"],
    "High Representative": ["high representative", "foreign policy chief"],
    "Spokesperson": ["spokesman", "spokeswoman", "spokesperson", "press secretary",
                     "government spokesman", "government spokeswoman", "press officer"],
    "Special Envoy": ["special envoy", "envoy", "peace envoy"],
    "National Security Adviser": ["national security adviser", "national security advisor"],
    "Commander-in-Chief": ["commander in chief"],
    "King": ["king", "monarch"],
    "Pope": ["pope", "pontiff"],
    "Supreme Leader": ["supreme leader"],
    "Crown Prince": ["crown prince"],
    "Speaker": ["speaker"],
    "Director General": ["director general"],
    "Commissioner": ["commissioner"],
    _LEADER: ["leader", "chief", "head"],
}.items():
    for _form in _forms:
        TITLES[_form] = _canon
# If a body has no holder of the asked title, these stand in ("the EU's top diplomat").
TITLE_FALLBACKS = {"Foreign Minister": ("High Representative",)}
# Most titles name their holder on the article's date, or nothing. A spokesperson phrase
# names the body spoken for ("a Kremlin spokesman" is Russia): there are many spokespeople.
# An envoy phrase names the holder when there is just one, else the body.
_BODY_TITLES = {"Spokesperson"}
_AFFILIATION_TITLES = {"Spokesperson", "Special Envoy"}
_LEADER_ORDER = ("Prime Minister", "Chancellor", "President", "Secretary-General")

# Words that head a phrase standing for the body that qualifies it ("Germany's leadership").
GROUP_HEADS = frozenset("""government governments leadership officials official leaders
authorities diplomat diplomats ministry foreign ministry defence ministry defense ministry
military army navy forces troops delegation delegations side administration cabinet
negotiators negotiator team embassy intelligence sources source officer officers aides aide
representatives representative parliament lawmakers politicians people state presidency
chancellery regime junta""".split())
_GROUP_PHRASES = frozenset({"foreign ministry", "defence ministry", "defense ministry",
                            "foreign office", "armed forces"})
# Filler words allowed in a title prefix; "former" and friends make the holder unknowable.
_FILLERS = frozenset("""the a an its their his her current outgoing sitting acting interim
senior junior top high ranking high-ranking unnamed anonymous one two three another other
first second third fourth fifth several some many two""".split())
_ARTICLES = frozenset("the a an its their his her".split())
_NOT_HOLDER = frozenset("former ex late incoming new future next elect then previous "
                        "erstwhile onetime one-time".split())
_HONORIFICS = frozenset("""sir dame lord lady baroness baron mr mrs ms miss dr prof professor
gen general admiral adm lt lieutenant col colonel maj major sgt sergeant capt captain cmdr
commander brig brigadier marshal field sen senator rep representative congressman
congresswoman governor gov mayor ambassador minister ministers secretary undersecretary
under president vice prime premier pm chancellor foreign defence defense affairs state of for
war interior home finance treasury economy economic justice trade health energy
national security adviser advisor special envoy spokesman spokeswoman spokesperson press
commissioner chief leader head speaker king queen prince princess crown pope supreme
high policy diplomat director chairman chairwoman chair chairperson commander in
deputy ambassador taoiseach emir sheikh ayatollah his her majesty highness excellency
general-secretary first""".split()) | _FILLERS | _NOT_HOLDER

NON_ACTORS = frozenset("""i me my mine we us our ours you your yours he him his she her hers
it its they them their theirs who whom whose which what this that these those someone somebody
anyone anybody everyone everybody nobody none one ones other others another each both all some
many few several itself himself herself themselves ourselves myself yourself here there
government officials official leaders leader minister ministers president country countries
nation nations state states allies ally partners partner people side sides""".split())

# Surnames that are as often given names: never resolved alone from the registry.
_GIVEN_NAMES = frozenset("""dan martin pavel michal michel peters lee kim li wang wong kos rama
costa james powell johnson anand abela harris thomas scott""".split())
_PARTICLES = frozenset({"von", "van", "der", "de", "den", "di", "da", "du", "le", "la", "al",
                        "bin", "ibn", "dos", "del", "ter", "el"})
_FOLD = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss",
                       "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ʻ": "'",
                       "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"[\-‐‑‒–—―]+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_SPACES = re.compile(r"\s+")
_STRIP = " \t\n\"“”«»()[]{},;:!?*"


@dataclass(frozen=True)
class Office:
    """A post a person holds: `title` of `of` (a registry id) from `start` to `end` (None: open)."""

    title: str
    of: str | None
    start: date | None = None
    end: date | None = None
    note: str | None = None

    def active(self, on: date) -> bool:
        """Whether the post was held on `on` (the end day itself belongs to the successor)."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Entry:
    """One registry actor. `offices` are ordered most recent first."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    seats: tuple[str, ...] = ()
    part_of: str | None = None
    leader: str | None = None
    ruler_skip: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolved:
    """What a mention resolved to. `id` is the registry id, None for actors not in it; `via`
    says how (name, alias, demonym, capital, seat, office, affiliation, memory, surname, fuzzy,
    text)."""

    name: str
    kind: str
    id: str | None
    mention: str
    via: str = "name"


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The lookup key of a mention: case- and accent-folded, dots and dashes dropped,
    possessive and a leading "the" removed, spaces collapsed."""
    s = unicodedata.normalize("NFKC", text).translate(_FOLD)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _DASHES.sub(" ", s.casefold()).replace(".", "").replace(",", " ")
    s = _SPACES.sub(" ", s).strip(_STRIP + " ")
    s = _POSSESSIVE.sub("", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def _compact(text: str) -> str:
    return re.sub(r"[\s.\-‐‑‒–—―]", "", text)


def _is_short(key: str) -> bool:
    return len(key.replace(" ", "")) <= 3


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(v for v in (value or ()) if isinstance(v, str) and v.strip())


class Registry:
    """Canonical actors indexed for fast lookup by any of their names."""

    def __init__(self, entries: Iterable[Entry], user_aliases: Iterable[tuple[str, str]] = ()):
        self._entries: dict[str, Entry] = {}
        for e in entries:
            self._entries[e.id] = e
        self._index: dict[str, Any] = {}
        self._via: dict[str, str] = {}
        self._short: dict[str, list[tuple[str, Entry, str]]] = defaultdict(list)
        self._surnames: dict[str, list[Entry]] = defaultdict(list)
        self._offices: dict[tuple[str, str | None], list[tuple[Office, Entry]]] = defaultdict(list)
        self._fuzzy_cache: dict[str, Entry | None] = {}
        self._build(dict(user_aliases))

    def _forms(self, e: Entry) -> Iterable[tuple[str, str]]:
        yield "name", e.name
        for a in e.aliases:
            yield "alias", a
        for d in e.demonyms:
            yield "demonym", d
        for c in e.capitals:
            yield "capital", c
        for s in e.seats:
            yield "seat", s

    def _build(self, user_aliases: dict[str, str]) -> None:
        entries = sorted(self._entries.values(), key=lambda e: KINDS.index(e.kind))
        for via in _VIA_ORDER:
            claimed: dict[str, str] = {}
            for e in entries:
                for v, form in self._forms(e):
                    if v != via:
                        continue
                    key = normalize(form)
                    if not key:
                        continue
                    if _is_short(key):
                        self._short[key].append((_compact(form), e, via))
                        continue
                    if key in self._index and key not in claimed:
                        continue  # a stronger kind of key already owns it
                    if claimed.get(key, e.id) != e.id:
                        self._index[key] = _AMBIGUOUS
                        continue
                    claimed[key] = e.id
                    self._index[key] = e
                    self._via[key] = via
        for form, eid in user_aliases.items():
            key = normalize(form)
            if key and not _is_short(key):
                self._index[key] = self._entries[eid]
                self._via[key] = "alias"
        for e in entries:
            if e.kind == "person":
                toks = normalize(e.name).split()
                for i in range(1, len(toks)):
                    if toks[i - 1] not in _PARTICLES:
                        self._surnames[" ".join(toks[i:])].append(e)
                for o in e.offices:
                    self._offices[(o.title, o.of)].append((o, e))
                    self._offices[(o.title, None)].append((o, e))
        fuzzy = [(k, v) for k, v in self._index.items()
                 if v is not _AMBIGUOUS and " " in k and len(k) >= 6]
        self._fuzzy_keys = [k for k, _ in fuzzy]
        self._fuzzy_entries = [v for _, v in fuzzy]

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Registry:
        """The package registry plus user files in the same JSON format (a list of objects).
        A user object whose `id` exists adds its aliases, demonyms, capitals and offices to
        that actor; one with a new `id` (and a `kind`) adds an actor."""
        raw: dict[str, dict[str, Any]] = {}
        root = resources.files("cowextract") / "data" / "actors"
        for kind, fname in PACKAGE_FILES.items():
            for obj in json.loads((root / fname).read_text(encoding="utf-8")):
                raw[obj["id"]] = {**obj, "kind": kind}
        user_aliases: list[tuple[str, str]] = []
        for path in extra:
            for obj in _read_user_file(Path(path)):
                eid = obj["id"]
                if eid in raw:
                    base = raw[eid]
                    for k in ("aliases", "demonyms", "capitals", "seats", "offices"):
                        base[k] = list(base.get(k) or []) + list(obj.get(k) or [])
                    user_aliases += [(a, eid) for a in obj.get("aliases") or ()]
                    if obj.get("name"):
                        base["aliases"].append(base["name"])
                        base["name"] = obj["name"]
                else:
                    if obj.get("kind") not in KINDS or not obj.get("name"):
                        raise InputError(str(path), f"actor {eid!r} needs a name and a kind "
                                                    f"({', '.join(KINDS)})")
                    raw[eid] = dict(obj)
                    user_aliases += [(a, eid) for a in obj.get("aliases") or ()]
        entries = []
        for obj in raw.values():
            try:
                entries.append(_entry(obj))
            except (KeyError, TypeError, ValueError) as exc:
                source = next((str(p) for p in extra), "actor registry")
                raise InputError(source, f"bad actor {obj.get('id')!r}: {exc}") from None
        return cls(entries, user_aliases)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self):
        return iter(self._entries.values())

    def get(self, id: str) -> Entry | None:
        """The actor with registry id `id`."""
        return self._entries.get(id)

    def exact(self, mention: str) -> tuple[Entry, str] | None:
        """The actor a mention names exactly (any name, alias, demonym, capital or seat), with
        how it matched. Keys of three letters or fewer ("US", "EU") match only in upper case or
        with the registry's own casing, so the pronoun "us" never becomes the United States."""
        key = normalize(mention)
        if not key:
            return None
        if _is_short(key):
            comp = _compact(mention.strip(_STRIP)).removesuffix("'s").removesuffix("’s")
            if comp.lower().startswith("the"):
                comp = comp[3:]
            for form, e, via in self._short.get(key, ()):
                if comp == form or (comp.isupper() and comp.upper() == form.upper()):
                    return e, via
            return None
        hit = self._index.get(key)
        if hit is None or hit is _AMBIGUOUS:
            return None
        return hit, self._via[key]

    def lookup(self, mention: str, *, fuzzy: bool = True) -> Entry | None:
        """The actor a mention names: exactly, else (with `fuzzy`) by a guarded fuzzy match."""
        hit = self.exact(mention)
        if hit is not None:
            return hit[0]
        return self.fuzzy(mention) if fuzzy else None

    def fuzzy(self, mention: str) -> Entry | None:
        """The actor a misspelt multi-word name stands for ("Kir Starmer"), or None.

        Single words never match fuzzily. A person matches only when the surname is the same
        and the given name is close (or an initial), or when both parts are close and the whole
        is very close; other actors need a near-identical name with as many words."""
        key = normalize(mention)
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        best = None
        toks = key.split()
        if len(toks) >= 2 and len(key) >= 6:
            for cand, score, i in process.extract(key, self._fuzzy_keys, scorer=fuzz.ratio,
                                                  limit=8, score_cutoff=75):
                e = self._fuzzy_entries[i]
                if _fuzzy_ok(toks, cand.split(), score, e.kind):
                    best = e
                    break
        self._fuzzy_cache[key] = best
        return best

    def surname(self, mention: str, on: date | None) -> Entry | None:
        """The one registry person with this surname who holds an office on `on`."""
        key = normalize(mention)
        if on is None or len(key) < 4 or key in _GIVEN_NAMES:
            return None
        found = {e.id: e for e in self._surnames.get(key, ())
                 if any(o.active(on) for o in e.offices)}
        return next(iter(found.values())) if len(found) == 1 else None

    def office_holder(self, title: str, of: str | None, on: date | None) -> Entry | None:
        """Who held `title` (a canonical title or a spelling of one: "premier") of `of`
        (a registry id, None for anywhere) on `on`; None when unknown, ambiguous or `on` is
        None. The title "leader" asks for the body's leading office."""
        if on is None:
            return None
        canon = TITLES.get(normalize(title), title)
        if canon == _LEADER:
            body = self.get(of) if of else None
            if body is None:
                return None
            for t in (body.leader,) if body.leader else _LEADER_ORDER:
                holder = self.office_holder(t, of, on)
                if holder is not None:
                    return holder
            return None
        for t in (canon, *TITLE_FALLBACKS.get(canon, ())):
            holders = {e.id: e for o, e in self._offices.get((t, of), ()) if o.active(on)}
            if len(holders) == 1:
                return next(iter(holders.values()))
            if holders:
                return None
        return None

    def country_of(self, person_id: str | None, on: date | None) -> Entry | None:
        """The country a registry person holds (or, with no date, last held) office for."""
        entry = self.get(person_id) if person_id else None
        if entry is None or entry.kind != "person":
            return None
        offices = [o for o in entry.offices if on is None or o.active(on)] or list(entry.offices)
        for office in offices:
            country = self.get(office.of) if office.of else None
            if country is not None and country.kind == "country":
                return country
        return None

    def ruler_patterns(self, tokenizer=None) -> list[dict]:
        """spaCy EntityRuler token patterns for names, aliases and demonyms, labelled PERSON,
        GPE, ORG or NORP (demonyms), each with `id` = the registry id.

        Multi-word forms match in any case ("ursula von der leyen"). Single words match only as
        written ("turkey", "us" stay common words) and only where the statistical NER is weak:
        people's names ("Rubio"), acronyms ("UK", "MNF-U") and bodies' own names. A lone
        "French", "China" or "Commission" would split "French Open", "China Daily" or
        "Electoral Commission", so those are left to the NER, as are capitals. Forms are
        split by `tokenizer` (the pipeline's own, so a pattern's tokens are the text's),
        or by a blank English one."""
        tokenizer = _tokenizer() if tokenizer is None else tokenizer
        patterns: list[dict] = []
        seen: set[tuple[str, tuple]] = set()
        for e in self._entries.values():
            label = LABELS[e.kind]
            forms = [(label, f) for f in (e.name, *e.aliases)]
            forms += [("NORP", d) for d in e.demonyms]
            for lab, form in forms:
                form = re.sub(r"^(?:the|The)\s+", "", form.strip())
                toks = [t.text for t in tokenizer(form)]
                if not toks or form in e.ruler_skip:
                    continue
                if len(toks) == 1:
                    if not _single_word_pattern(e, lab, form):
                        continue
                    pattern = [{"ORTH": toks[0]}]
                else:
                    pattern = [{"LOWER": t.lower()} for t in toks]
                sig = (lab, tuple(tuple(p.items()) for p in pattern))
                if sig in seen:
                    continue
                seen.add(sig)
                patterns.append({"label": lab, "pattern": pattern, "id": e.id})
        return patterns


def _single_word_pattern(e: Entry, label: str, form: str) -> bool:
    if label == "PERSON":
        return True
    if label == "NORP":
        return False
    acronym = _compact(form).isupper()
    return acronym or (e.kind == "organization" and (form == e.name or not form[1:].islower()))


def _fuzzy_ok(q: list[str], c: list[str], score: float, kind: str) -> bool:
    if kind != "person":
        return len(q) == len(c) and score >= 92
    if q[-1] == c[-1]:
        first_q, first_c = q[0], c[0]
        if len(first_q) == 1:
            return first_c.startswith(first_q)
        return fuzz.ratio(first_q, first_c) >= 70 and len(q) <= len(c) + 1
    return (len(q) == len(c) and score >= 90 and fuzz.ratio(q[-1], c[-1]) >= 85
            and fuzz.ratio(q[0], c[0]) >= 85)


def _read_user_file(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read actor file: {exc}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(o, dict) and o.get("id") for o in data):
        raise InputError(str(path), "an actor file is a JSON list of objects, each with an id")
    return data


def _entry(obj: dict[str, Any]) -> Entry:
    offices = []
    for o in obj.get("offices") or ():
        offices.append(Office(title=o["title"], of=o.get("of"), start=_date(o.get("from")),
                              end=_date(o.get("to")), note=o.get("note")))
    offices.sort(key=lambda o: (o.end is None, o.end or date.min, o.start or date.min),
                 reverse=True)
    return Entry(id=obj["id"], name=obj["name"], kind=obj["kind"],
                 aliases=_tuple(obj.get("aliases")), demonyms=_tuple(obj.get("demonyms")),
                 capitals=_tuple(obj.get("capitals")), offices=tuple(offices),
                 seats=_tuple(obj.get("seats")), part_of=obj.get("part_of"),
                 leader=obj.get("leader"), ruler_skip=_tuple(obj.get("ruler_skip")))


@cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


@cache
def default_registry() -> Registry:
    """The package registry, loaded once per process."""
    return Registry.load()


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

    def prime(self, mentions: Iterable[Any]) -> None:
        """Remember the full person names among `mentions` (strings, or spaCy spans/a Doc whose
        PERSON entities are used) before resolving, so a surname may precede its full name."""
        if hasattr(mentions, "ents"):
            mentions = mentions.ents
        for m in mentions:
            if hasattr(m, "label_"):
                if m.label_ != "PERSON":
                    continue
                m = m.text
            if len(_clean(m).split()) >= 2:
                self.resolve(m, "PERSON")

    def resolve(self, mention: str, label: str | None = None) -> Resolved | None:
        """The actor `mention` names (label: its spaCy entity label, if any), or None when it
        names none (pronouns, generic words, office phrases without a date)."""
        text = _clean(mention)
        key = normalize(text)
        if not key or not any(c.isalpha() for c in key):
            return None
        if key in NON_ACTORS and not _compact(text).isupper():
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
        if not toks or not toks[0][:1].isupper() and toks[0].lower() not in _PARTICLES:
            return None
        key = normalize(name)
        remembered = self._memory.get(key)
        if remembered is not None:
            return Resolved(remembered.name, "person", remembered.id, name, "memory")
        if len(toks) == 1 or (len(toks) <= 3 and toks[0].lower() in _PARTICLES):
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

    def _remember(self, res: Resolved, text: str) -> None:
        for source in (res.name, text):
            toks = normalize(source).split()
            if len(toks) < 2:
                continue
            for i in range(1, len(toks)):
                if toks[i - 1] in _PARTICLES and i > 1:
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
            if word in _HONORIFICS or word in TITLES:
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
        words = [w for w in p.words if w not in _FILLERS]
        if any(w in _NOT_HOLDER for w in words) or "elect" in normalize(text).split():
            return None
        phrase = " ".join(w for w in words if w)
        body = p.quals[-1] if p.quals else None
        # "top diplomat" is a title although "top" alone is a filler
        title = _title(" ".join(w for w in p.words if w not in _ARTICLES)) or _title(phrase)
        if title in _BODY_TITLES:
            return _resolved(body, text, "affiliation") if body is not None else None
        if title is not None:
            holder = self.registry.office_holder(title, body.id if body else None,
                                                 self.published)
            if holder is None and body is not None and body.part_of and title != _LEADER:
                holder = self.registry.office_holder(title, body.part_of, self.published)
            if holder is not None:
                return _resolved(holder, text, "office")
            if title in _AFFILIATION_TITLES and body is not None:
                return _resolved(body, text, "affiliation")
            return None
        last = phrase.split()[-1] if phrase else ""
        if body is not None and (not phrase or phrase in _GROUP_PHRASES or last in GROUP_HEADS):
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
            words = [w for w in head_key.split() if w not in _FILLERS]
            if any(w in _NOT_HOLDER for w in words):
                return None
            phrase = " ".join(words)
            title = _title(" ".join(w for w in head_key.split() if w not in _ARTICLES))
            title = title or _title(phrase)
            if title in _BODY_TITLES:
                return _resolved(body, text, "affiliation")
            if title is not None:
                holder = self.registry.office_holder(title, body.id, self.published)
                if holder is not None:
                    return _resolved(holder, text, "office")
                if title in _AFFILIATION_TITLES:
                    return _resolved(body, text, "affiliation")
                return None
            if phrase in GROUP_HEADS or phrase in _GROUP_PHRASES or (
                    phrase.startswith("ministry") or phrase.endswith("ministry")):
                return _resolved(body, text, "affiliation")
            return None
        return None


def _title(phrase: str) -> str | None:
    """The canonical title a phrase of title words ends in ("eu foreign policy chief")."""
    words = phrase.split()
    while words and words[-1] in ("of", "for", "in", "to"):
        words.pop()
    phrase = " ".join(words)
    if phrase in TITLES:
        return TITLES[phrase]
    if " of " in phrase:  # "spokesman of the prime minister": the head is the spokesman
        return _title(phrase.split(" of ")[0])
    for i in range(1, len(words)):
        t = TITLES.get(" ".join(words[i:]))
        if t is not None:
            return t
    return None


def _resolved(e: Entry, mention: str, via: str) -> Resolved:
    return Resolved(e.name, e.kind, e.id, mention, via)


@lru_cache(maxsize=65536)
def _clean(mention: str) -> str:
    s = _SPACES.sub(" ", unicodedata.normalize("NFKC", mention)).strip(_STRIP + ".")
    s = re.sub(r"['’]s?$", "", s) if re.search(r"\w['’]s$|s['’]$", s) else s
    return re.sub(r"^(?:the|The|THE)\s+", "", s).strip()


def add_entity_ruler(nlp, registry: Registry) -> None:
    """Add an "entity_ruler" with the registry's patterns before the pipeline's "ner", so
    surnames ("Rubio") and lower-case names ("ursula von der leyen") come out as one entity
    with the right label. Does nothing if the pipeline already has one."""
    if "entity_ruler" in nlp.pipe_names:
        return
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    patterns = [_as_phrase(p) for p in registry.ruler_patterns(nlp.tokenizer)]
    # Case-sensitive single words ("UK", "Rubio") in one phrase ruler, lower-case names of
    # two words or more in another that runs after it; a longer name wins an overlap.
    cased = nlp.add_pipe("entity_ruler", name="entity_ruler_cased", config={
        "overwrite_ents": True, "validate": False, "phrase_matcher_attr": "ORTH"}, **where)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "validate": False,
                                                 "phrase_matcher_attr": "LOWER"}, **where)
    # Phrases are matched on ORTH and LOWER, which the tokenizer alone gives: without the
    # rest of the pipeline, making the pattern docs takes a tenth of the time.
    with nlp.select_pipes(enable=[]):
        cased.add_patterns([_as_phrase(p, "ORTH") for p in patterns
                            if isinstance(p["pattern"], list)])
        ruler.add_patterns([p for p in patterns if isinstance(p["pattern"], str)])


def _as_phrase(pattern: dict, attr: str = "LOWER") -> dict:
    """A pattern of `attr` tokens as a phrase: the PhraseMatcher finds a thousand names in
    one pass, where the token Matcher cost a quarter of the whole spaCy pipeline."""
    tokens = pattern["pattern"]
    if isinstance(tokens, list) and all(set(t) == {attr} for t in tokens):
        return {**pattern, "pattern": " ".join(t[attr] for t in tokens)}
    return pattern
