"""Each kind of miss seen on news the extractor had never seen, with a sentence of our own:
cues it missed, verbs it took for speech, continued quotes, spans, speakers, headlines."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.extract.statements import quote_key
from cowextract.models import Article, Statement
from cowextract.run.serial import extract_article


def run(nlp, registry, text: str) -> list[Statement]:
    article = Article(id=Article.make_id(text), path="t.txt", published=date(2025, 9, 4),
                      text=text)
    return [e for e in extract_article(article, nlp(text), registry).events
            if isinstance(e, Statement)]


# (kind of miss, text, speaker name, the quote's words exactly)
FOUND = [
    # cues that were missed
    ("predicate after 'as'", "The Finnish president hailed the accord as “a new chapter” for "
     "the region.", "Alexander Stubb", "a new chapter"),
    ("relative clause cue", "It was a move one ambassador called “premature.”", "ambassador",
     "premature"),
    ("to social media to say", "Donald Tusk took to social media to say that Poland would keep "
     "its border open.", "Donald Tusk", "that poland would keep its border open"),
    ("set out …:", "Mark Rutte set out two conditions: a ceasefire and a monitoring mission.",
     "Mark Rutte", "two conditions a ceasefire and a monitoring mission"),
    ("a post", "Kaja Kallas wrote on X that the sanctions package had been agreed.",
     "Kaja Kallas", "that the sanctions package had been agreed"),
    ("made clear", "Ukrainian officials have made clear that the eastern regions are not for "
     "sale.", "Ukrainian officials", "that the eastern regions are not for sale"),
    ("outlet as source", "The talks had stalled over funding, Le Monde reported on Sunday.",
     "Le Monde", "the talks had stalled over funding"),
    # a quoted paragraph goes on with the previous speaker's quote
    ("continuation paragraph", "“We are ready,” Giorgia Meloni said on Tuesday.\n\n“Our ships "
     "will sail in the spring. The mission is funded until next year.”", "Giorgia Meloni",
     "we are ready our ships will sail in the spring the mission is funded until next year"),
    # spans: the object, the writer's inserted clause, a run-on into the next clause
    ("object left out", "Emmanuel Macron described the visit as “historic.”",
     "Emmanuel Macron", "historic"),
    ("writer's gloss after the quote", "“The plan works,” Donald Tusk said, marking a shift in "
     "the government's tone.", "Donald Tusk", "the plan works"),
    ("contrast after the content", "Critics argue that the mission is too small, while "
     "supporters see it as a start.", "Critics", "that the mission is too small"),
    ("run-on into the speaker's next act", "US and Ukrainian officials said they had made "
     "progress toward a deal but gave few details after the meeting.", "US and Ukrainian officials",
     "they had made progress toward a deal"),
    ("source after another's words", "Moscow has repeated that it rejects any foreign troops "
     "in Ukraine, according to the Russian foreign ministry.", "Russia",
     "that it rejects any foreign troops in ukraine"),
    ("participle of its own", "Friedrich Merz confirmed that Berlin would pay, stressing that "
     "the sum was not final.", "Friedrich Merz", "that the sum was not final"),
    # speakers
    ("she had said earlier", "Kaja Kallas met Marco Rubio in Brussels. “Rubio knows our "
     "position,” she had said earlier.", "Kaja Kallas", "rubio knows our position"),
    ("bare office title", "Keir Starmer met Mark Rutte in London on Tuesday. The Prime Minister "
     "said the coalition would hold.", "Keir Starmer", "the coalition would hold"),
    ("description of the body named before", "Hamas released a statement on Monday. The "
     "militant group said it would study the proposal.", "Hamas",
     "it would study the proposal"),
    ("he says inside a quote about another", "Mark Rutte addressed the troops in Riga on "
     "Friday. He thanked Kaja Kallas for her support. He says, “Nobody worked harder than "
     "Kaja Kallas.”", "Mark Rutte", "nobody worked harder than kaja kallas"),
    ("he said after a quote naming another", "Scott Bessent met the Ukrainian delegation. “This "
     "gives President Trump a stronger hand,” he said.", "Scott Bessent",
     "this gives president trump a stronger hand"),
    ("inverted cue after a quote", "Volodymyr Zelensky spoke in Kyiv. “Moscow is stalling, "
     "and we must keep up the pressure” on the Kremlin, added the Ukrainian president.",
     "Volodymyr Zelenskyy", "moscow is stalling and we must keep up the pressure on the kremlin"),
    ("attribution inside the sentence", "The economy, the finance minister said on Monday, "
     "would grow by two percent next year.", "finance minister",
     "the economy would grow by two percent next year"),
    # a subheading inside the body counts like any sentence
    ("subheading in the body", "Leaders met in Paris on Thursday for the third time this "
     "year.\nTusk: 'We will not give in to pressure'\nThe talks went on late.", "Donald Tusk",
     "we will not give in to pressure"),
]

# (kind of miss, text): no statement at all
NONE = [
    ("agreed to", "The ministers agreed to meet again in October."),
    ("sought to", "Poland sought to reassure its neighbours about the exercise."),
    ("pledged to", "Italy pledged to send two frigates to the Black Sea."),
    ("plans to", "Spain plans to host the next round of talks."),
    ("expects to", "Officials expect to finish the text by Friday."),
    ("refused to", "Hungary refused to sign the declaration."),
    ("declined to say", "Macron declined to name the countries or say how many soldiers each "
     "would send."),
    ("not said", "Portugal has not said whether it would send troops."),
    ("will say", "Starmer will urge allies to step up their support at the summit."),
    ("dateline city", "BRUSSELS: European ministers met on Monday to discuss the sanctions "
     "package."),
    ("headline", "Macron announces new air defence aid for Kyiv\n\nThe systems will arrive "
     "before the winter, officials in Paris expect."),
    ("summary bullets", "KEY POINTS\n- NATO unveils a new aid package for Kyiv.\n- Denmark "
     "joins the effort with two frigates.\n\nThe package was agreed in Brussels."),
]


@pytest.mark.integration
@pytest.mark.parametrize(("kind", "text", "name", "quote"), FOUND, ids=[c[0] for c in FOUND])
def test_found(nlp, registry, kind, text, name, quote):
    statements = run(nlp, registry, text)
    found = [s for s in statements if quote_key(s.quote.text) == quote]
    assert found, [(s.actors[0].name, s.quote.text) for s in statements]
    assert name in [a.name for a in found[0].actors if a.role == "speaker"]


@pytest.mark.integration
@pytest.mark.parametrize(("kind", "text"), NONE, ids=[c[0] for c in NONE])
def test_none(nlp, registry, kind, text):
    assert [(s.actors[0].name, s.quote.text) for s in run(nlp, registry, text)] == []


@pytest.mark.integration
def test_headline_is_not_a_statement_but_the_body_is(nlp, registry):
    text = ("Tusk says Poland will keep its border open\n\nDonald Tusk said on Monday that "
            "Poland would keep its border open through the winter.")
    statements = run(nlp, registry, text)
    assert [s.quote.cue for s in statements] == ["said"]
