"""A page cut mid-sentence: what the cut left unfinished (the last clause, or the sentence
when it has one clause) gives no event; whole clauses before it stand."""

from __future__ import annotations

import pytest

from cowextract.prepare.truncation import unfinished_tail

HEAD = "Talks in Geneva\n\nThe envoys met on Monday.\n\n"


@pytest.mark.parametrize("last,unfinished", [
    ("The ministers pledged €", "The ministers pledged €"),
    ("He said that the", "He said that the"),
    ("They agreed. Then the minister said the", "Then the minister said the"),
    ("Norway offered 50 observers if a truce holds, but urged Washing", "urged Washing"),
    ("Leaders will meet in Oslo in May, the spokesman said, and the coalition will",
     "the coalition will"),
    ("The deal was signed; officials said the next round", "officials said the next round"),
    ("Ministers met in Rome and agreed on a plan to", "agreed on a plan to"),
])
def test_the_unfinished_part_starts_at_the_last_clause(last, unfinished):
    text = HEAD + last
    assert text[unfinished_tail(text):] == unfinished


@pytest.mark.parametrize("text", [
    HEAD + "The envoys will meet again next week.",
    HEAD + "“We will not give up.”",
    HEAD + "| Date | Host |\n| 4 May | Oslo |",
    "One paragraph only, with no end",
])
def test_a_finished_page_has_no_unfinished_part(text):
    assert unfinished_tail(text) is None
