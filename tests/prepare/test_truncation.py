"""A page cut mid-sentence: a meeting or pledge of what the cut left unfinished (the last
clause, or the sentence when it has one clause) that runs into the word the cut may have
broken gives no event; whole clauses before it stand, and so does what the unfinished part
reports before that word, and the words a speaker said up to the cut."""

from __future__ import annotations

import pytest

from cowextract.prepare.truncation import cut_word, unfinished_tail

from factories import extracted, parties

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


@pytest.mark.parametrize("last,word", [
    ("The ministers pledged €", "€"),
    ("Norway offered 50 observers if a truce holds, but urged Washing", "Washing"),
    ("He said that the", "the"),
])
def test_the_word_the_cut_may_have_broken_is_the_last(last, word):
    text = HEAD + last
    tail, broken = cut_word(text)
    assert text[broken:] == word and tail <= broken


@pytest.mark.integration
@pytest.mark.parametrize("last,kind,expected", [
    # the meeting is whole before the cut; the occasion's name is not
    ("Kaja Kallas met Andrii Sybiha on the margins of the Nordic Co", "meeting",
     [{"Kaja Kallas", "Andrii Sybiha"}]),
    ("Emmanuel Macron met the leaders of the Nordic Co", "meeting", []),  # one side left
    # a whole clause before the unfinished one
    ("Sweden pledged 300 million euros in new aid, but Norway offered fu", "pledge",
     [{"Sweden"}]),
    ("The new package is worth 300 million eu", "pledge", []),  # no pledger before the cut
])
def test_what_stands_before_the_broken_word_is_reported(nlp, registry, last, kind, expected):
    found = [e for e in extracted(nlp, registry, HEAD + last, kind, None)
             if e.evidence.start >= len(HEAD)]
    names = [parties(e) if kind == "meeting" else {a.name for a in e.actors} for e in found]
    assert [n & set().union(*expected) for n in names] == expected


@pytest.mark.integration
@pytest.mark.parametrize("last,amount", [
    ("Sweden pledged £300 million for", 3e8),
    ("Sweden pledged £300 mil", None),  # the scale may have been cut short
    ("Sweden pledged £3", None),
])
def test_an_amount_the_cut_may_have_broken_is_unknown(nlp, registry, last, amount):
    found = [e for e in extracted(nlp, registry, HEAD + last, "pledge", None)
             if e.evidence.start >= len(HEAD)]
    assert [(e.amount and e.amount.value, {a.name for a in e.actors}) for e in found] == [
        (amount, {"Sweden"})]


@pytest.mark.integration
@pytest.mark.parametrize("last,quotes", [
    ("The pledge is firm, her spokeswoman said in a note on",
     ["The pledge is firm"]),
    ("The pledge is firm, according to her spokeswo", []),  # a speaker cut short
])
def test_a_statement_whose_speaker_the_cut_broke_is_none(nlp, registry, last, quotes):
    found = extracted(nlp, registry, HEAD + last, "statement", None)
    assert [s.quote.text for s in found if s.evidence.start >= len(HEAD)] == quotes


@pytest.mark.integration
def test_words_said_up_to_the_cut_stand(nlp, registry):
    found = extracted(nlp, registry, HEAD + "Kaja Kallas said the envoys had", "statement",
                      None)
    assert [s.quote.text for s in found] == ["the envoys had"]
