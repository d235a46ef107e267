"""Pledge events: commitments and refusals to contribute troops, money, equipment, training,
air or maritime forces, guarantees or sanctions, with who, how much and on what condition."""

from __future__ import annotations

import re

from .amounts import ParsedAmount, find_counts, find_money
from .context import ArticleContext
from .lexicon import events_lexicon, find_phrases, has_phrase
from .models import Actor, Amount, Pledge

ACTOR_LABELS = {"PERSON", "GPE", "ORG", "NORP"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "compound"}
CONDITION_RE = re.compile(
    r"\b(?:once|if|unless|provided(?: that)?|as soon as|in the event (?:of|that)|after|"
    r"should|when|conditional on|subject to|until)\b[^.;:,«»“”\"]{3,120}", re.IGNORECASE)
CONDITION_HINTS = ("ceasefire", "cease-fire", "peace", "hostilities", "deal", "agreement",
                   "truce", "armistice", "war ends", "fighting", "settlement", "attacked",
                   "mandate", "backstop")
WHAT_ORDER = ("money", "troops", "equipment", "training", "air", "maritime",
              "security_guarantee", "sanctions")
EQUIPMENT_UNITS = {"missiles", "tanks", "drones", "shells", "rockets", "jets", "aircraft",
                   "vehicles", "howitzers", "systems", "munitions", "rounds"}


def _what(text: str) -> list[str]:
    lex = events_lexicon()["pledge"]["what"]
    found = []
    for name in WHAT_ORDER:
        if name == "money" and find_money(text):
            found.append(name)
        elif has_phrase(text, lex[name]):
            found.append(name)
    return found


def _polarity(sent, text: str) -> str:
    lex = events_lexicon()["pledge"]
    if has_phrase(text, lex["refuse_phrases"]):
        return "refuse"
    return "commit"


def _trigger(text: str) -> re.Match | None:
    lex = events_lexicon()["pledge"]
    found = find_phrases(text, lex["commit_verbs"] + lex["commit_nouns"] + lex["ready_phrases"]
                         + lex["refuse_phrases"])
    return found[0] if found else None


def _condition(text: str) -> str | None:
    for m in CONDITION_RE.finditer(text):
        clause = m.group(0).strip()
        if any(h in clause.lower() for h in CONDITION_HINTS):
            return clause
    return None


def _country_of(ctx: ArticleContext, actor_id: str | None) -> str | None:
    """The country a person in the registry holds office for, on the article's date."""
    registry = getattr(ctx.actors, "registry", None)
    if registry is None or actor_id is None:
        return None
    entry = registry.get(actor_id)
    if entry is None or entry.kind != "person":
        return None
    for office in entry.offices:
        country = registry.get(office.of) if office.of else None
        if country is not None and country.kind == "country":
            return country.name
    return None


def _pledgers(ctx: ArticleContext, sent, trigger_char: int) -> list[Actor]:
    """Who pledges: named actors in the subject of the pledge, else those before the trigger."""
    ents = [e for e in sent.ents if e.label_ in ACTOR_LABELS]
    subject = [e for e in ents if e.root.dep_ in SUBJECT_DEPS and e.start_char < trigger_char]
    chosen = subject or [e for e in ents if e.start_char < trigger_char][-3:]
    actors: dict[str, Actor] = {}
    for ent in chosen:
        resolved = ctx.actors.resolve(ent.text, ent.label_)
        if resolved is None or resolved.kind not in ("person", "country", "organization", "group"):
            continue
        actors.setdefault(resolved.name, Actor(name=resolved.name, kind=resolved.kind,
                                               role="pledger", mention=ent.text, id=resolved.id))
        country = _country_of(ctx, resolved.id)
        if country:
            actors.setdefault(country, Actor(name=country, kind="country", role="pledger",
                                             mention=ent.text))
    return list(actors.values())


def _amount(text: str, what: str) -> ParsedAmount | None:
    if what == "money":
        money = find_money(text)
        return money[0] if money else None
    counts = find_counts(text)
    if what == "troops":
        for unit in ("troops", "countries"):
            match = next((c for c in counts if c.unit == unit), None)
            if match:
                return match
        return None
    if what == "equipment":
        return next((c for c in counts if c.unit in EQUIPMENT_UNITS), None)
    return next((c for c in counts if c.unit == "countries"), None)



def extract(ctx: ArticleContext) -> list[Pledge]:
    """Pledges and refusals reported in one article; repeated sentences count once."""
    events: dict[tuple, Pledge] = {}
    for sent in ctx.doc.sents:
        text = sent.text
        if "|" in text:
            continue
        trig = _trigger(text)
        if trig is None:
            continue
        whats = _what(text)
        if not whats:
            continue
        what = whats[0]
        amount = _amount(text, what)
        pledgers = _pledgers(ctx, sent, sent.start_char + trig.start())
        if not pledgers and not (amount and amount.unit == "countries"):
            continue
        key = (what, tuple(sorted(a.name for a in pledgers)), amount.value if amount else None)
        evidence = ctx.span(sent.start_char, sent.end_char)
        if key in events:
            events[key].mentions.append(evidence)
            continue
        events[key] = Pledge(
            article=ctx.article.ref(), actors=pledgers, evidence=evidence,
            polarity=_polarity(sent, text), what=what,
            amount=Amount(value=amount.value, value_max=amount.value_max, unit=amount.unit,
                          text=amount.text) if amount else None,
            condition=_condition(text),
            date=ctx.date_in(sent.start_char, sent.end_char) or ctx.published_date(),
        )
    return list(events.values())
