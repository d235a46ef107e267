"""The annotate stage's own components: line breaks end sentences."""

from __future__ import annotations

import pytest
import spacy

from cowextract.nlp.pipeline import LINE_BREAKS, _register


@pytest.mark.parametrize("text, starts", [
    ("One line\nand the next", [0, 3]),
    ("A table row | 12\n\nNext paragraph", [0, 6]),
    ("No break here. Or here", [0]),
    ("Ends with a break\n", [0]),
])
def test_a_line_break_starts_a_sentence(text, starts):
    _register()
    nlp = spacy.blank("en")
    nlp.add_pipe(LINE_BREAKS)
    doc = nlp(text)
    assert [t.i for t in doc if t.is_sent_start] == starts


@pytest.mark.parametrize("text, not_starts", [
    ("Talks\n\nKaja Kallas met Ulf Kristersson.", [3]),  # 'Kaja | Kallas' is one name
    ("Talks\n\nYes. He agreed.", [3]),
    ("Talks\n\nOne\nTwo", []),  # a one-word line stays one
])
def test_a_lines_first_word_is_no_sentence_alone(text, not_starts):
    _register()
    nlp = spacy.blank("en")
    nlp.add_pipe(LINE_BREAKS)
    doc = nlp(text)
    assert [i for i in not_starts if doc[i].is_sent_start is not False] == []
    assert all(doc[i + 1].is_sent_start for i, t in enumerate(doc[:-1]) if "\n" in t.text)


@pytest.mark.integration
def test_the_parser_keeps_a_name_that_opens_a_paragraph_whole(nlp):
    from cowextract.nlp.docs import units

    doc = nlp("News\n\nKaja Kallas met Ulf Kristersson.")
    assert [u.text for u in units(doc)] == ["News", "Kaja Kallas met Ulf Kristersson."]


def test_a_pipeline_without_parser_or_entities_is_refused_with_a_reason():
    from cowextract.errors import ModelError
    from cowextract.nlp.pipeline import load_pipeline

    with pytest.raises(ModelError, match="no dependency parser and no entity recognizer"):
        load_pipeline("blank:en")
