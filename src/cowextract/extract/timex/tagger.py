"""The tagger: every pattern's matches in a text, the longest of overlapping ones, the
spaCy entities the patterns missed, and each expression resolved in reading order, with
the tense around it and the last date mentioned before it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from cowextract.extract.timex.anchors import Candidate, Context, Resolver
from cowextract.extract.timex.calendar import YEAR_GUESSED, parse_value
from cowextract.extract.timex.fallback import add_entities
from cowextract.extract.timex.fragments import MONTH
from cowextract.extract.timex.patterns import COMPILED, KEY_AFTER, KEY_BEFORE, KEYS, NEEDS, PRIORITY
from cowextract.extract.timex.tense import Tense, tense
from cowextract.extract.timex.vocabulary import (
    YEAR_AS_AMOUNT_AFTER,
    YEAR_AS_MODIFIER_AFTER,
    read_month,
)
from cowextract.models import Timex
from cowextract.nlp.docs import doc_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_ABBREV_END = re.compile(r"(?:\b[A-Z][a-z]{1,3}|[ap]\.\s?m)\.$")


def _windows(key: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The stretches of text around the words of a pattern's key, merged."""
    out: list[tuple[int, int]] = []
    for m in key.finditer(text):
        lo, hi = max(0, m.start() - KEY_BEFORE), min(len(text), m.end() + KEY_AFTER)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _matches(name: str, rx: re.Pattern, text: str, windows: dict) -> Iterator[re.Match]:
    """The matches of one pattern, scanned only near the words of its key if it has one."""
    key = KEYS.get(name)
    if key is None:
        yield from rx.finditer(text)
        return
    found = windows.get(key)
    if found is None:
        found = windows[key] = _windows(key, text)
    for lo, hi in found:
        yield from rx.finditer(text, lo, hi)


def _candidates(text: str) -> list[Candidate]:
    found = []
    windows: dict = {}  # the windows of each key, shared by the patterns that have it
    for name, rx, handler in COMPILED:
        needs = NEEDS.get(name)
        if needs is not None and needs.search(text) is None:
            continue
        for m in _matches(name, rx, text, windows):
            if m.end() == m.start():
                continue
            resolver = handler(m)
            if resolver is not None:
                s, e = m.start(), m.end()
                while e > s and text[e - 1] in " ,\t\n":
                    e -= 1
                if text[e - 1] == "." and not _ABBREV_END.search(text, s, e):
                    e -= 1
                found.append((s, e, name, resolver))
    return found


def _select(cands: list[Candidate], text: str) -> list[Candidate]:
    chosen: list[Candidate] = []
    taken = bytearray(len(text) + 1)
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), PRIORITY[c[2]], c[0])):
        if any(taken[c[0]:c[1]]):
            continue
        taken[c[0]:c[1]] = b"\x01" * (c[1] - c[0])
        chosen.append(c)
    return sorted(chosen, key=lambda c: c[0])


def _year_ok(doc: Doc, s: int, e: int, text: str) -> bool:
    """A bare four-digit number is a year unless it reads as a count or an amount."""
    before = text[max(0, s - 3):s]
    after = text[e:e + 12].lower()
    if re.search(r"[$€£#№]\s*$", before) or re.match(r"\s*(%|per\s?cent|percent|million|"
                                                       r"billion|thousand|bn|m\b)", after):
        return False
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return True
    tok = span[-1]
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if (tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS")
            and prev not in YEAR_AS_MODIFIER_AFTER):
        return False  # "2000 troops", but "the 2026 elections"
    if any(t.ent_type_ in ("DATE", "TIME") for t in span):
        return True
    if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS"):
        return False
    if tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT") and tok.dep_ in (
            "nummod", "dobj", "nsubj", "pobj") and tok.head.tag_ in ("NNS", "NNPS", "IN"):
        return prev in YEAR_AS_AMOUNT_AFTER
    return True


def _is_bare_year(name: str, text: str) -> bool:
    return name == "year" and re.fullmatch(r"\d{4}", text) is not None


# comparisons ("up from $3 million a year earlier") look back without moving the story's
# reference time, so they do not become the anchor of the next anaphor
_BACKWARD = {"ago", "agoa", "yearago"}


# "until January", "by mid-November": a boundary, whose side the clause's tense does not tell
_DEADLINE = re.compile(r"\b(?:until|till|through|by|before|effective|due)\s+$", re.I)
# "his first since 2021": where a period that runs up to the time the story is told in
# begins, not that time; the narrative has not gone back there
_SINCE = re.compile(r"\bsince\s+$", re.I)


def _new_anchor(name: str, kind: str, value: str | None) -> str | None:
    """The value an expression leaves as the anchor of the anaphors after it, or None when
    it leaves the anchor as it was."""
    if value is None or kind not in ("DATE", "TIME") or parse_value(value) is None:
        return None
    # A span of years ("2026-27") names a period under discussion, not the time the
    # narrative has reached: it does not become the anchor for what follows.
    if name in _BACKWARD or re.fullmatch(r"\d{4}/\d{4}", value):
        return None
    return value.split("T")[0] if "T" in value else value


# a dateline: a place in capitals, then the day the story is filed ('ISTANBUL, June 2.',
# 'New York, Sep 24 (PTI)') at the start of a line near the top of the text
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?:[A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+)*|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)"
    rf",[ \t]+(?:[A-Z][a-z]+,[ \t]+)?(?P<month>{MONTH})[ \t]*(?P<day>[0-3]?\d)"
    rf"(?:\.[ \t]*/|[ \t]*\(|[ \t]*[—–-])")
_DATELINE_REACH = 300
_DATELINE_DRIFT = 2  # days a dateline may differ from the publication date (time zones)


def _story_day(text: str, published: date | None) -> date | None:
    """The day a dateline says the story is filed on, when it is within a day or two of the
    publication date: the writer's 'today' ('ISTANBUL, June 2. Talks … will be held today'
    in a story published on 1 June, world time). None without one."""
    if published is None:
        return None
    m = _DATELINE.search(text, 0, _DATELINE_REACH)
    if m is None:
        return None
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            day = date(year, read_month(m["month"]), int(m["day"]))
        except (ValueError, KeyError):
            return None
        if abs((day - published).days) <= _DATELINE_DRIFT:
            return day
    return None


def tag(doc: Doc, published: date | None) -> list[Timex]:
    """Find the temporal expressions in a parsed article and normalise each.

    Offsets are character offsets into `doc.text`; the result is sorted and non-overlapping.
    Deictic expressions are resolved against `published` (value null without it), or the
    day a dateline gives when it differs from it by a day or two (time zones); anaphoric
    ones against the last date mentioned before them."""
    text = doc_text(doc)
    published = _story_day(text, published) or published
    cands = _candidates(text)
    cands = [c for c in cands
             if not _is_bare_year(c[2], text[c[0]:c[1]]) or _year_ok(doc, c[0], c[1], text)]
    chosen = _select(cands, text)
    chosen = add_entities(doc, chosen, published)
    out: list[Timex] = []
    previous: str | None = None
    pending: list[tuple[int, Resolver, Tense]] = []
    for s, e, name, resolver in chosen:
        future = None if _DEADLINE.search(text, max(0, s - 12), s) else tense(doc, s, e)
        res = resolver(Context(published, previous, future))
        if res is None:
            continue
        kind, value, mod, anchor = res
        if value is None and previous is None and name in _YEARLESS:
            pending.append((len(out), resolver, future))
        out.append(Timex(text=text[s:e], start=s, end=e, type=kind, value=value, mod=mod,
                         anchor=anchor))
        if not (name == "weekday" and anchor and anchor.startswith("previous:")):
            # a weekday read against the last date (no publication date) does not become
            # the anchor of the next one: "Sunday … Saturday … Sunday" would drift back a
            # week at each step
            if not _SINCE.search(text, max(0, s - 8), s):
                previous = _new_anchor(name, kind, value) or previous
    if pending:
        _year_from_later(text, out, pending)
    return out


# patterns of a day or month written without its year
_YEARLESS = frozenset(("dmy", "mdy", "month"))


def _year_from_later(text: str, out: list[Timex], pending: list[tuple[int, Resolver, Tense]]
                     ) -> None:
    """With no publication date and no date before them, '27 June' or 'in June' take the
    year of the first date the text writes in full ('April 25, 2025', 'in 2025'), as the
    year the story is told in ('since 2021' is not); a text that writes no year leaves them
    null."""
    year = next((t.value[:4] for t in out if t.value and t.value[:4].isdigit()
                 and t.value[:4] in t.text and not _SINCE.search(text, max(0, t.start - 8),
                                                                 t.start)), None)
    if year is None:
        return
    for i, resolver, future in pending:
        res = resolver(Context(None, year, future))
        if res is not None and res[1] is not None:
            out[i] = out[i].model_copy(update={"value": res[1], "mod": res[2],
                                              "anchor": f"{YEAR_GUESSED}{year}"})


def tag_text(text: str, published: date | None, nlp: Language) -> list[Timex]:
    """Parse `text` with the spaCy pipeline `nlp` and tag it (see `tag`)."""
    return tag(nlp(text), published)


def normalize(text: str, published: date | None, *, previous: str | None = None,
              future: bool | None = None) -> tuple[str, str | None, str | None] | None:
    """Normalise one temporal expression on its own: `(type, value, mod)`, or None when the
    text is not a temporal expression.  `previous` is the anaphoric anchor (a TimeML value)
    and `future` the tense of the clause (True future, False past, None unknown)."""
    t = text.strip()
    for _name, rx, handler in COMPILED:
        m = rx.fullmatch(t)
        if m is None:
            continue
        resolver = handler(m)
        if resolver is None:
            continue
        res = resolver(Context(published, previous, future))
        if res is not None:
            return res[0], res[1], res[2]
    return None
