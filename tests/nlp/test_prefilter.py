"""The first-character look-ahead: which patterns get one, and that it never changes a match."""

from __future__ import annotations

import re

import pytest

from cowextract.extract.lexicon import events_lexicon, find_phrases, lexicon_re, phrase_re
from cowextract.extract.timex.patterns import COMPILED
from cowextract.nlp.prefilter import first_char_guard

TEXT = ("On 4 September 2025, Kyiv said «troops» would come; the 'K' key, a Kelvin sign K, "
        "ſeptember, İstanbul and 12:30 GMT. Early-September talks — then nothing. ")

# (pattern, flags, look-ahead it gets, or None when it is left as it is)
GUARDS = [
    (r"(?<![\w-])(?:troops|talks)(?![\w-])", re.I, "(?=(?i:[t]))"),
    (r"\b\d{1,2}\s+September", 0, r"(?=(?i:[\d]))"),
    (r"(?:the\s+)?(?:early|late)-(?:September)", re.I, "(?=(?i:[elt]))"),
    (r"[A-Ca-c]+k", 0, "(?=(?i:[A-Ca-c]))"),
    (r"(?:about\s+)?\s+K", 0, r"(?=(?i:[\sa]))"),
    (r"(?:x|y)?", 0, None),  # can match nothing
    (r"[^a]bc", 0, None),  # a negated class: nearly any character
    (r".at", 0, None),
    (r"(a)\1", 0, "(?=(?i:[a]))"),
    (r"\W+x", 0, None),
    (r"(?:the\s+)?[a-z]+\s+ago", re.I, None),  # every letter: no word is turned away
]


@pytest.mark.parametrize(("pattern", "flags", "guard"), GUARDS)
def test_guard_and_same_matches(pattern, flags, guard):
    guarded = first_char_guard(pattern, flags)
    assert guarded == (pattern if guard is None else guard + pattern)
    spans = [m.span() for m in re.finditer(pattern, TEXT, flags)]
    assert [m.span() for m in re.finditer(guarded, TEXT, flags)] == spans


@pytest.mark.parametrize("text", ["k", "K", "K", "ſ", "S", "İ", "i", "ı", "I"])
def test_case_folds_like_the_pattern(text):
    """A case-insensitive literal matches the odd case variants; so must its look-ahead."""
    for letter in "ksi":
        pattern = re.compile(letter, re.I)
        guarded = re.compile(first_char_guard(letter, re.I), re.I)
        assert bool(guarded.match(text)) == bool(pattern.match(text))


def test_every_temporal_pattern_is_guarded():
    """The scan that the look-ahead speeds up: each pattern begins with a look-behind."""
    assert all(rx.pattern.startswith("(?=(?i:[") for _, rx, _ in COMPILED)


def test_phrase_lists_keep_their_matches():
    words = ("talks", "summit", "Early-September talks", "K", "ſeptember")
    rx = phrase_re(words)
    plain = re.compile(rx.pattern.split("]))", 1)[1], re.I)
    assert [m.span() for m in rx.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert rx.pattern.startswith("(?=(?i:[")


SENTENCES = [
    "Denmark pledged 1.6 million euros for air defence.",
    "Italy refused to send troops, its defence minister said.",
    "Poland is ready to contribute engineers.",
    "The commitment was repeated at the summit in Paris.",
    "Leaders met by video link and held talks on Thursday.",
    "Nothing of the kind happened here.",
    "",
]


@pytest.mark.parametrize("section, keys", [
    ("pledge", ("refuse_verbs", "commit_verbs", "ready_words", "commit_nouns")),
    ("meeting", ("nouns", "verbs")),
])
@pytest.mark.parametrize("text", SENTENCES)
def test_one_scan_of_several_lists_finds_what_each_list_finds(section, keys, text):
    lex = events_lexicon()[section]
    each = [m.span() for key in keys for m in lexicon_re(section, key).finditer(text)]
    assert each == [m.span() for key in keys for m in find_phrases(text, lex[key])]
    assert (lexicon_re(section, *keys).search(text) is not None) == bool(each)
