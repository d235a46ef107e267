"""The word lists and tables shipped as data: each non-empty, without duplicates, and
lower-case where the code compares lower-cased text with it."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from cowextract.resources import data


def string_lists(value, path=()):
    """(key path, list) for every list of strings inside a data file."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from string_lists(v, (*path, k))
    elif isinstance(value, list) and value and all(isinstance(x, str) for x in value):
        yield path, value


FILES = ["events.json", "amounts.json", "names.json", "syntax.json", "cues.json",
         "statements.json", "metadata.json", "boilerplate.json", "corpus.json"]
# Lists not compared with lower-cased text: titles keyed by canonical names, spaCy's entity
# labels, news outlets' names as they are written, and regular expressions (they say where
# case matters with `(?-i:…)`).
CASED = {("metadata.json", "bylines"), ("metadata.json", "metadata_lines"),
         ("metadata.json", "outlets"), ("boilerplate.json", "trailing"),
         ("boilerplate.json", "anywhere"), ("boilerplate.json", "captions"),
         ("boilerplate.json", "credits"), ("boilerplate.json", "strong_caption_marks"),
         ("names.json", "titles"), ("syntax.json", "actor_labels"),
         ("syntax.json", "place_labels"), ("cues.json", "media_names"),
         ("statements.json", "entity_labels"), ("names.json", "title_fallbacks"),
         ("names.json", "body_titles"), ("names.json", "affiliation_titles"),
         ("names.json", "leader_order")}
LISTS = [(name, path, words) for name in FILES for path, words in string_lists(data(name))]


@pytest.mark.parametrize("name,path,words", LISTS,
                         ids=[f"{n}:{'.'.join(p)}" for n, p, _ in LISTS])
def test_word_lists_are_clean(name, path, words):
    assert words and all(w.strip() == w and w for w in words)
    assert len(words) == len(set(words)), [w for w in words if words.count(w) > 1]
    if (name, path[0]) not in CASED:
        assert all(w == w.lower() for w in words)


def test_every_title_form_names_one_title():
    forms = [f for fs in data("names.json")["titles"].values() for f in fs]
    assert len(forms) == len(set(forms)) and all(f == f.lower() for f in forms)


# (file, key, what a value must be) for tables keyed by words
TABLES = [
    ("cues.json", "prep_content", "word list"),
    ("statements.json", "pronoun_gender", "m or f"),
    ("statements.json", "label_kinds", "actor kind"),
    ("cues.json", "media_canonical", "outlet name"),
]


@pytest.mark.parametrize(("name", "key", "value"), TABLES)
def test_tables(name, key, value):
    table = data(name)[key]
    assert isinstance(table, dict) and table
    for v in table.values():
        if value == "m or f":
            assert v in ("m", "f")
        elif value == "actor kind":
            assert v in ("person", "country", "organization", "group")
        elif value == "outlet name":  # every spelling is one the outlet matcher finds
            assert set(table) <= set(data(name)["media_names"]) and v.strip() == v


def test_core_speech_verbs_are_speech_verbs():
    assert set(data("cues.json")["core_speech"]) <= set(data("cues.json")["speech"])


def test_entity_labels_agree():
    labels = data("statements.json")["entity_labels"]
    assert set(labels["speaker"]) <= set(labels["agent"])
    assert set(labels["byline"]) <= set(labels["speaker"])
    assert set(data("statements.json")["label_kinds"]) <= set(labels["speaker"])


# --- timex.json: lists and tables, read as written (a key twice would silently keep the last)

def _raw_pairs(name: str) -> dict[str, list[tuple[str, object]]]:
    """Each top-level list of `data/NAME` as it is written: an object as its (key, value)
    pairs in order, duplicates kept; a list as (item, None) pairs."""
    text = resources.files("cowextract").joinpath("data", name).read_text(encoding="utf-8")
    top = json.loads(text, object_pairs_hook=_Pairs)
    return {key: value if isinstance(value, _Pairs) else [(item, None) for item in value]
            for key, value in top}


class _Pairs(list):
    """A JSON object read as its list of (key, value) pairs."""


TIMEX = _raw_pairs("timex.json")

# (key, the case its words are written in): the tagger lower-cases a match before looking it
# up, except spaCy's part-of-speech tags, which are upper-case
TIMEX_LISTS = [
    ("months", "lower"),
    ("weekdays", "lower"),
    ("seasons", "lower"),
    ("numbers", "lower"),
    ("vague_numbers", "lower"),
    ("ordinals", "lower"),
    ("units", "lower"),
    ("part_of_period", "lower"),
    ("refs", "lower"),
    ("holidays", "lower"),
    ("word_numbers", "lower"),
    ("day_ordinals", "lower"),
    ("deictic_days", "lower"),
    ("day_parts", "lower"),
    ("relative_shifts", "lower"),
    ("anaphoric_relatives", "lower"),
    ("day_shifts", "lower"),
    ("backward_directions", "lower"),
    ("deictic_directions", "lower"),
    ("set_adverbs", "lower"),
    ("future_auxiliaries", "lower"),
    ("future_lemmas", "lower"),
    ("future_modifiers", "lower"),
    ("pass_through_pos", "upper"),
    ("year_as_modifier_after", "lower"),
    ("year_as_amount_after", "lower"),
]


def test_every_timex_list_is_in_the_table():
    assert sorted(TIMEX) == sorted(key for key, _ in TIMEX_LISTS)


@pytest.mark.parametrize(("key", "case"), TIMEX_LISTS)
def test_timex_list_is_well_formed(key, case):
    words = [word for word, _ in TIMEX[key]]
    assert words, f"{key} is empty"
    assert all(isinstance(w, str) and w.strip() == w and w for w in words), key
    changed = [w for w in words if w != (w.lower() if case == "lower" else w.upper())]
    assert not changed, f"{key}: not {case}-case: {changed}"
    twice = sorted({w for w in words if words.count(w) > 1})
    assert not twice, f"{key}: listed twice: {twice}"


TIMEML_UNITS = {"S", "MIN", "H", "D", "W", "WE", "2W", "M", "Q", "Y", "DE", "CE"}

# (key, what every value must satisfy)
TIMEX_VALUES = [
    ("word_numbers", lambda v: isinstance(v, int) and (0 <= v <= 19 or v in range(20, 100, 10))),
    ("day_ordinals", lambda v: isinstance(v, int) and 1 <= v <= 31),
    ("deictic_days", lambda v: isinstance(v, int) and -2 <= v <= 2),
    ("day_parts", lambda v: v in {"MO", "AF", "EV", "NI"}),
    ("relative_shifts", lambda v: v in (-1, 0, 1)),
    ("day_shifts", lambda v: v in (-1, 0, 1)),
    ("set_adverbs", lambda v: v in TIMEML_UNITS),
    ("units", lambda v: v in TIMEML_UNITS),
]


@pytest.mark.parametrize(("key", "ok"), TIMEX_VALUES)
def test_timex_values(key, ok):
    bad = [(word, value) for word, value in TIMEX[key] if not ok(value)]
    assert not bad, f"{key}: {bad}"


def test_word_numbers_count_up_from_zero():
    # the spoken-year pattern is built from them in this order: ones, teens, tens
    values = list(data("timex.json")["word_numbers"].values())
    assert values == sorted(values) and values[0] == 0


def test_anaphoric_relatives_have_a_shift():
    lex = data("timex.json")
    assert set(lex["anaphoric_relatives"]) <= set(lex["relative_shifts"])


@pytest.mark.parametrize("year", [2023, 2024])  # a common year and a leap year
def test_holidays_are_days_of_every_year(year):
    for name, md in data("timex.json")["holidays"].items():
        assert date(year, int(md[:2]), int(md[3:])), name
