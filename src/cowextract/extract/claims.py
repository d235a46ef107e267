"""Claims: what each source asserts, as (subject, attribute, value, as_of, evidence).

Two kinds: numeric assertions about actors found in the text ("the 33-member coalition",
"a coalition of 35 countries"), derived per article at ingest; and the attributes of
clustered events (a meeting's date, location and host; a pledge's amount; a quote's
speaker and wording), derived from clusters (see `cluster.py`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cowextract.extract.amounts import to_number
from cowextract.models import Article, AsOfBasis, Claim, Evidence, Timex
from cowextract.nlp.prefilter import first_char_guard

GROUP_NOUNS = ("coalition", "alliance", "group", "bloc", "union", "grouping", "club",
               "partnership", "contact group", "force", "mission")
_N = r"(\d{1,3}|[a-z]+(?:-[a-z]+)?)"
_QUAL = (r"(?P<qual>about|around|some|nearly|almost|roughly|more than|over|at least|up to|"
         r"fewer than|less than)?\s*")
_GROUP = r"(?P<group>" + "|".join(GROUP_NOUNS) + r")"
_MEMBERS = r"(?:countries|nations|members|states|member states|governments)"
_PATTERNS = (
    # "the 33-member coalition", "a 35-nation coalition of the willing"
    rf"\b{_QUAL}(?P<n>\d{{1,3}}|[a-z]+)[- ](?:member|nation|country|strong)\s+"
    rf"(?:[\"“«‘']?[\w-]+[\"”»’']?\s+){{0,3}}?[\"“«‘']?{_GROUP}\b",
    # "a coalition of 35 countries", "the coalition, now of 35 nations"
    rf"\b{_GROUP}\b(?:\s+of\s+the\s+willing)?[\"”»’']?\s+(?:now\s+)?(?:of|with|"
    rf"comprising|numbering|counting|including)\s+{_QUAL}(?P<n>\d{{1,3}}|[a-z]+(?:-[a-z]+)?)\s+"
    rf"{_MEMBERS}\b",
    # "the number of committed countries at 34", "membership stands at 34"
    rf"\b(?:total\s+)?(?:number\s+of\s+(?:[\w-]+\s+)?{_MEMBERS}|membership)\s+"
    rf"(?:(?:stands|stood|rose|grew|reached|is|was|were)\s+)?(?:at|to)\s+{_QUAL}(?P<n>\d{{1,3}})\b",
)
PATTERNS = tuple(re.compile(first_char_guard(p, re.I), re.I) for p in _PATTERNS)
APPROXIMATE = {"about", "around", "some", "nearly", "almost", "roughly", "more than", "over",
               "at least", "up to", "fewer than", "less than"}
MIN_MEMBERS, MAX_MEMBERS = 2, 250


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = 0 if left < 0 else left + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return left, right


def _subject(group: str, sentence: str, actors: dict[str, str]) -> str:
    """The actor a group noun refers to: an organisation whose name holds that noun
    ("coalition" → "Coalition of the Willing"), named in the same sentence or, for a
    distinctive noun, anywhere in the article; else the noun itself."""
    noun = group.lower()
    holders = [name for name in actors if noun in name.lower()]
    for name in holders:
        if name.lower() in sentence.lower():
            return name
    if noun not in ("group", "union", "force", "mission", "club") and len(holders) == 1:
        return holders[0]
    return noun


def estimated_as_of(timexes: Iterable[Timex]) -> str | None:
    """For an undated article: the month of the latest calendar date it mentions (an article
    cannot be older than what it reports). Returned at month precision."""
    latest = None
    for t in timexes:
        v = t.value or ""
        if t.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", v):
            if latest is None or v[:7] > latest:
                latest = v[:7]
    return latest


def as_of_for(start: int, end: int, article: Article, timexes: list[Timex]
              ) -> tuple[str | None, AsOfBasis | None]:
    """When a claim holds: a calendar date in its sentence (most precise), else the
    publication date, else an estimate from the latest date the article mentions."""
    lo, hi = _sentence_bounds(article.text, start, end)
    inside = [t for t in timexes if t.start >= lo and t.end <= hi and t.type == "DATE"
              and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", t.value or "")]
    if inside:
        return max(inside, key=lambda t: len(t.value or "")).value, "text"
    if article.published:
        return article.published.isoformat(), "published"
    estimate = estimated_as_of(timexes)
    return (estimate, "estimated") if estimate else (None, None)


def numeric_claims(article: Article, timexes: list[Timex], actors: dict[str, str]
                   ) -> list[Claim]:
    """Member-count claims about groups in one article's text. `actors` maps the canonical
    names of organisations mentioned in the article to their kinds."""
    text = article.text
    claims: dict[tuple, Claim] = {}
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            n = to_number(m.group("n").replace("-", " "))
            if n is None or not MIN_MEMBERS <= n <= MAX_MEMBERS or n != int(n):
                continue
            group = m.groupdict().get("group")
            if group is None:
                lo, hi = _sentence_bounds(text, m.start(), m.end())
                found = re.search(_GROUP, text[lo:hi], re.I)
                if found is None:
                    continue
                group = found.group(0)
            lo, hi = _sentence_bounds(text, m.start(), m.end())
            subject = _subject(group, text[lo:hi], actors)
            as_of, basis = as_of_for(m.start(), m.end(), article, timexes)
            qual = (m.group("qual") or "").lower()
            evidence = Evidence(text=text[m.start():m.end()], start=m.start(), end=m.end())
            key = (subject, int(n), as_of)
            if key in claims:
                continue
            claims[key] = Claim(subject=subject, subject_kind="actor", attribute="member_count",
                                value=str(int(n)), number=float(n),
                                approximate=qual in APPROXIMATE, as_of=as_of,
                                as_of_basis=basis, article=article.ref(), evidence=evidence)
    return sorted(claims.values(), key=lambda c: c.evidence.start)


def period(value: str | None) -> str | None:
    """The month an as-of date falls in (claims in the same month describe the same state)."""
    return value[:7] if value else None

