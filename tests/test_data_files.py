"""The word lists and tables shipped as data: each non-empty, without duplicates, and
lower-case where the code compares lower-cased text with it."""

from __future__ import annotations

import pytest

from cowextract.resources import data


def string_lists(value, path=()):
    """(key path, list) for every list of strings inside a data file."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from string_lists(v, (*path, k))
    elif isinstance(value, list) and value and all(isinstance(x, str) for x in value):
        yield path, value


FILES = ["events.json", "names.json", "syntax.json", "cues.json", "statements.json"]
# Lists not compared with lower-cased text: titles keyed by canonical names, spaCy's entity
# labels, news outlets' names as they are written.
CASED = {("names.json", "titles"), ("syntax.json", "actor_labels"),
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
