"""The cached views of a Doc that every extractor shares."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from cowextract.nlp.docs import span_ents

WORDS = "Macron met Zelensky in Paris with the Coalition of the Willing on Thursday".split()
# IOB entity tags, one per word
ENTS = ["B-PERSON", "O", "B-PERSON", "O", "B-GPE", "O", "O", "B-ORG", "I-ORG", "I-ORG",
        "I-ORG", "O", "B-DATE"]


@pytest.fixture(scope="module")
def doc():
    return Doc(spacy.blank("en").vocab, words=WORDS, ents=ENTS)


def test_the_entities_of_every_span_are_spacy_s(doc):
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            span = doc[start:end]
            assert [(e.start, e.end) for e in span_ents(span)] == \
                [(e.start, e.end) for e in span.ents], (start, end)


def test_a_doc_without_entities(doc):
    empty = Doc(doc.vocab, words=["No", "names"])
    assert span_ents(empty[0:2]) == []
