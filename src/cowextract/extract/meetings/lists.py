"""Lists of separate meetings in one sentence: 'held bilateral meetings with leaders of A, B
and C', 'separate meetings with X of A, Y of B' report one meeting per counterpart."""

from __future__ import annotations

from cowextract.extract.meetings.common import meeting_lexicon

# dependents that describe an item of a list rather than add one ('Modi, who arrived …')
_ASIDES = frozenset(("relcl", "acl", "advcl", "parataxis"))
_SEPARATORS = frozenset((",", ";", "and", "or", "as well as"))


def is_separate(group, region: set[int], doc) -> bool:
    """'bilateral meetings', 'separate talks', 'met … separately': meetings held one by one."""
    words = set(meeting_lexicon()["bilateral_words"])
    plural = any(t.tag_ in ("NNS", "NNPS") or t.pos_ in ("VERB", "AUX") for t, _ in group)
    return plural and any(doc[i].lower_ in words for i in region)


def _with_phrase(group, region: set[int]):
    """The 'with' that introduces the counterparts of the group's meetings, if any."""
    for tok, _ in group:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "with" and child.i in region:
                return child
    return None


def _list_tokens(prep) -> list:
    """The words of the 'with' phrase, without asides on its items."""
    skip: set[int] = set()
    for t in prep.subtree:
        aside = t.dep_ in _ASIDES or (t.dep_ == "appos" and t.left_edge.is_lower)
        if aside and t.i not in skip and t.head.i != prep.i:
            skip |= {s.i for s in t.subtree}
    return [t for t in prep.subtree if t.i != prep.i and t.i not in skip]


def counterpart_items(group, region: set[int]) -> tuple[set[int], list[set[int]]]:
    """The words of the 'with' phrase, and its items (token indices), when the group's
    meetings were held with each of several counterparts separately; the words of another
    meeting the phrase names ('with his counterparts on the sidelines of the summit') are
    the other meeting's."""
    prep = _with_phrase(group, region)
    if prep is None:
        return set(), []
    tokens = [t for t in _list_tokens(prep) if t.i in region]
    items: list[set[int]] = [set()]
    for t in tokens:
        if t.lower_ in _SEPARATORS and t.dep_ in ("punct", "cc"):
            if items[-1]:
                items.append(set())
            continue
        items[-1].add(t.i)
    items = [i for i in items if i]
    return {s.i for s in prep.subtree if s.i in region}, items
