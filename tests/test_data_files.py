"""The word lists and tables in `data/` that statement extraction reads: each is non-empty,
has no duplicates, and is lower-case where the code compares it with lower-cased words."""

from __future__ import annotations

import pytest

from cowextract.resources import data

# (file, key, lower-case) for each flat word list
WORD_LISTS = [
    ("cues.json", "core_speech", True),
    ("cues.json", "nominal", True),
    ("cues.json", "addressee", True),
    ("cues.json", "nominal_belief", True),
    ("cues.json", "person_state", True),
    ("cues.json", "media_work_nouns", True),
    ("statements.json", "pronouns", True),
    ("statements.json", "leading_drop", True),
    ("statements.json", "name_particles", True),
    ("statements.json", "offices", True),
    ("statements.json", "body_nouns", True),
    ("statements.json", "subject_deps", True),
    ("statements.json", "entity_labels/speaker", False),
    ("statements.json", "entity_labels/agent", False),
    ("statements.json", "entity_labels/named", False),
    ("statements.json", "entity_labels/byline", False),
]

# (file, key, keys lower-case, what a value must be)
TABLES = [
    ("cues.json", "prep_content", True, "word list"),
    ("statements.json", "pronoun_gender", True, "m or f"),
    ("statements.json", "label_kinds", False, "actor kind"),
]


def _get(name: str, key: str):
    value = data(name)
    for part in key.split("/"):
        value = value[part]
    return value


def _check_words(values, lower: bool) -> None:
    assert values, "empty"
    assert all(isinstance(v, str) and v.strip() == v and v for v in values)
    assert len(set(values)) == len(values), "duplicates"
    if lower:
        assert all(v == v.lower() for v in values)
    else:
        assert all(v == v.upper() for v in values)


@pytest.mark.parametrize(("name", "key", "lower"), WORD_LISTS)
def test_word_list(name, key, lower):
    _check_words(_get(name, key), lower)


@pytest.mark.parametrize(("name", "key", "lower", "value"), TABLES)
def test_table(name, key, lower, value):
    table = _get(name, key)
    assert isinstance(table, dict) and table
    _check_words(list(table), lower)
    for v in table.values():
        if value == "word list":
            _check_words(v, lower=True)
        elif value == "m or f":
            assert v in ("m", "f")
        else:
            assert v in ("person", "country", "organization", "group")


def test_core_speech_verbs_are_speech_verbs():
    assert set(_get("cues.json", "core_speech")) <= set(_get("cues.json", "speech"))


def test_entity_labels_agree():
    labels = _get("statements.json", "entity_labels")
    assert set(labels["speaker"]) <= set(labels["agent"])
    assert set(labels["byline"]) <= set(labels["speaker"])
    assert set(_get("statements.json", "label_kinds")) <= set(labels["speaker"])
