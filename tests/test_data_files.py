"""The word lists shipped as data: each non-empty, without duplicates, and lower-case where
the code compares lower-cased text with it."""

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


# (file, is every list in it lower-case?)
FILES = [
    ("events.json", True),
    ("amounts.json", True),
    ("names.json", False),  # its titles are keyed by their canonical, capitalised names
    ("syntax.json", False),  # spaCy's labels are upper-case, its dependencies lower-case
]
LOWER_KEYS = {  # lists in mixed files that are compared with lower-cased text
    "names.json": {"group_heads", "group_phrases", "fillers", "articles", "not_holder",
                   "honorifics", "non_actors", "given_names", "particles"},
    "syntax.json": {"clausal_deps", "adjunct_deps", "place_preps", "determiners",
                    "subject_pronouns", "relative_pronouns"},
}
LISTS = [(name, path, words, lower or path[-1] in LOWER_KEYS.get(name, ()))
         for name, lower in FILES for path, words in string_lists(data(name))]


@pytest.mark.parametrize("name,path,words,lower", LISTS,
                         ids=[f"{n}:{'.'.join(p)}" for n, p, _, _ in LISTS])
def test_word_lists_are_clean(name, path, words, lower):
    assert words and all(w.strip() == w and w for w in words)
    assert len(words) == len(set(words)), [w for w in words if words.count(w) > 1]
    if lower:
        assert all(w == w.lower() for w in words)


def test_every_title_form_names_one_title():
    forms = [f for fs in data("names.json")["titles"].values() for f in fs]
    assert len(forms) == len(set(forms)) and all(f == f.lower() for f in forms)
