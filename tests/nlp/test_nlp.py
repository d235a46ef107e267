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


def test_a_pipeline_without_parser_or_entities_is_refused_with_a_reason():
    from cowextract.errors import ModelError
    from cowextract.nlp.pipeline import load_pipeline

    with pytest.raises(ModelError, match="no dependency parser and no entity recognizer"):
        load_pipeline("blank:en")
