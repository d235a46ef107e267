"""The attribute rules applied by look-up, and lemmas asked per token, give exactly what
spaCy's attribute ruler and lemmatizer give."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from cowextract.nlp.attributes import AttributeRules, compile_attribute_ruler
from cowextract.nlp.lemmas import lemma_of

from conftest import SAMPLE

RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "nothing"}]], "attrs": {"POS": "PRON"}},  # later wins
    {"patterns": [[{"LOWER": {"IN": ["said", "told"]}}]], "attrs": {"LEMMA": "say"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^gon+a?$"}}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"LEMMA": "us"}, "index": 1},
    {"patterns": [[{"LOWER": "prime"}, {"LOWER": "minister"}]], "attrs": {"POS": "PROPN"},
     "index": -1},
    {"patterns": [[{"TAG": "VBD", "LOWER": "got"}], [{"TAG": "NNS", "LOWER": "gets"}]],
     "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "NN"}]], "attrs": {"TAG": "JJ"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "MORPH": "_"}},
]

CASES = [  # words, tags, deps
    (["Nothing", "happened", "here"], ["NN", "VBD", "NN"], ["nsubj", "ROOT", "advmod"]),
    (["the", "minister", "said", "that"], ["DT", "NN", "VBD", "DT"], ["det", "nsubj", "ROOT", "dobj"]),
    (["let", "'s", "go", "gonna"], ["VBD", "NN", "VBD", "NN"], ["ROOT", "dobj", "dep", "dep"]),
    (["the", "prime", "minister", "told", "us"], ["DT", "NN", "NN", "VBD", "NN"],
     ["det", "compound", "nsubj", "ROOT", "dobj"]),
    (["got", "gets", "very", "very", "nice"], ["VBD", "NNS", "NN", "NN", "NN"],
     ["ROOT", "dobj", "amod", "amod", "dobj"]),
    (["prime"], ["NN"], ["ROOT"]),
    (["let"], ["VBD"], ["ROOT"]),
    (["a", "\n", "b"], ["DT", "NN", "NN"], ["ROOT", "", "dep"]),
]

ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), lemma_of(t), t.dep_) for t in doc]


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(RULES)
    return nlp


@pytest.mark.parametrize("words, tags, deps", CASES)
def test_same_as_spacy_ruler(blank, words, tags, deps):
    ruler = blank.get_pipe("attribute_ruler")
    rules = AttributeRules(ruler)
    spaces = [not w.isspace() for w in words]
    expected = ruler(Doc(blank.vocab, words=words, spaces=spaces, tags=tags, deps=deps,
                         heads=[0] * len(words)))
    got = rules(Doc(blank.vocab, words=words, spaces=spaces, tags=tags, deps=deps,
                    heads=[0] * len(words)))
    assert _annotations(got) == _annotations(expected)


def test_rules_it_cannot_read_go_to_a_matcher(blank):
    rules = AttributeRules(blank.get_pipe("attribute_ruler"))
    assert len(rules.matcher) == 1  # only the quantified "very+" rule


def test_rule_setting_other_attributes_is_refused():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": "x"}]], "attrs": {"NORM": "y"}}])
    with pytest.raises(ValueError, match="sets attributes other than"):
        AttributeRules(nlp.get_pipe("attribute_ruler"))


def test_pipeline_without_ruler_is_left_alone():
    nlp = spacy.blank("en")
    compile_attribute_ruler(nlp)
    assert nlp.pipe_names == []


@pytest.mark.integration
def test_real_pipeline_output_is_unchanged(nlp):
    from cowextract.nlp.pipeline import load_pipeline
    from cowextract.prepare.load import iter_documents
    from cowextract.prepare.metadata import build_article

    stock = load_pipeline(stock=True)
    assert {"attribute_ruler", "lemmatizer"} <= set(stock.pipe_names)
    assert not {"attribute_ruler", "lemmatizer"} & set(nlp.pipe_names)
    texts = [build_article(raw).text for raw in iter_documents([str(SAMPLE)])]
    eager = [a for a in ATTRS if a != "LEMMA"]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert ours.to_array(eager).tolist() == theirs.to_array(eager).tolist()
        assert _annotations(ours) == _annotations(theirs)


@pytest.mark.integration
def test_a_word_gets_the_lemma_of_its_part_of_speech_each_time(nlp):
    docs = list(nlp.pipe(["The meeting ended.", "They are meeting in Paris.",
                          "The meeting ended.", "They are meeting in Paris."]))
    lemmas = [lemma_of(doc[1 if i % 2 == 0 else 2]) for i, doc in enumerate(docs)]
    assert lemmas == ["meeting", "meet", "meeting", "meet"]
