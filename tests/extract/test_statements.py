"""Statement extraction: a table of attribution patterns, and the attribution scorer."""

from __future__ import annotations

from datetime import date

import pytest

from cowextract.extract.statements import find_quotes, quote_key
from cowextract.models import Actor, Article, Evidence, Quote, Statement
from cowextract.run.serial import extract_article
from cowextract.scoring.attribution import score_attribution


def run(nlp, registry, text: str, published: date | None = date(2025, 9, 4)
        ) -> list[Statement]:
    """Statements of one article, through the real pipeline and actor registry."""
    article = Article(id=Article.make_id(text), path="t.txt", published=published, text=text)
    result = extract_article(article, nlp(text), registry)
    return [e for e in result.events if isinstance(e, Statement)]


# (text, speaker name, mention, words the quote must contain, direct)
CASES = [
    # a document speaks for its named issuer
    ("NATO's statement stressed that the alliance stands ready to defend every ally.", "NATO",
     "NATO's", "alliance stands ready", False),
    ("A statement from the Elysee said that France would host the next meeting.", "France",
     "the Elysee", "france would host", False),
    # direct quotes, every mark style
    ("“We stand with Kyiv,” Macron said.", "Emmanuel Macron", "Macron", "stand with kyiv", True),
    ('"We stand with Kyiv," Macron said.', "Emmanuel Macron", "Macron", "stand with kyiv", True),
    ("«Nous sommes prêts à agir maintenant,» Macron said.", "Emmanuel Macron", "Macron",
     "prêts à agir", True),
    ("‘The talks were useful,’ Scholz said.", "Olaf Scholz", "Scholz", "talks were useful", True),
    ("Chancellor Friedrich Merz said: „Germany is ready to help.“", "Friedrich Merz",
     "Chancellor Friedrich Merz", "germany is ready to help", True),
    ("“Europe must act,” said Ursula von der Leyen.", "Ursula von der Leyen",
     "Ursula von der Leyen", "europe must act", True),
    ("Keir Starmer told reporters: “Britain will not walk away from Ukraine.”", "Keir Starmer",
     "Keir Starmer", "britain will not walk away", True),
    ("Prime Minister Giorgia Meloni added: “Italy will help monitor the ceasefire.”",
     "Giorgia Meloni", "Prime Minister Giorgia Meloni", "italy will help monitor", True),
    # split by the attribution: one statement
    ("“This is a serious step,” Zelensky said, “and we will build on it.”", "Volodymyr Zelenskyy",
     "Zelensky", "serious step build on it", True),
    # a quote over two sentences, and one continued after the attribution
    ("“The guarantees must be real. Words are not enough,” Stubb said.", "Alexander Stubb", "Stubb",
     "guarantees must be real words are not enough", True),
    ("“The coalition is ready,” Rutte said. “Every ally will contribute.”", "Mark Rutte", "Rutte",
     "coalition is ready every ally will contribute", True),
    # a quote inside a quote stays inside
    ("“They call it a ‘reassurance force’ for a reason,” Healey said.", "John Healey", "Healey",
     "call it a reassurance force for a reason", True),
    # unbalanced: the missing closing mark stops at the paragraph end
    ("“We will not be intimidated by Moscow, Tusk said in Warsaw.\nThe summit ended late.",
     "Donald Tusk", "Tusk", "we will not be intimidated by moscow", True),
    # pronouns and descriptions resolved to the nearest named speaker
    ("Volodymyr Zelensky arrived in Paris on Thursday. “This is the first concrete step,” "
     "he said.", "Volodymyr Zelenskyy", "he", "first concrete step", True),
    ("Ursula von der Leyen spoke in Brussels. “Europe will pay its share,” she said.",
     "Ursula von der Leyen", "she", "europe will pay its share", True),
    ("French President Emmanuel Macron hosted the summit. The troops would stay far from the "
     "front line, the French president said.", "Emmanuel Macron", "the French president",
     "troops would stay far from the front line", False),
    ("Prime Minister Giorgia Meloni met the envoy. Italy will not send troops, her office "
     "said.", "Giorgia Meloni", "her office", "italy will not send troops", False),
    ("Kaja Kallas landed in Kyiv. She said the European Union would keep up its support.",
     "Kaja Kallas", "She", "european union would keep up its support", False),
    # reported speech
    ("Friedrich Merz said that Germany would decide at the appropriate time.",
     "Friedrich Merz", "Friedrich Merz", "germany would decide at the appropriate time", False),
    ("Keir Starmer warned that a bad deal would only invite more aggression.", "Keir Starmer",
     "Keir Starmer", "bad deal would only invite more aggression", False),
    ("Emmanuel Macron announced that 26 countries had committed to the force.",
     "Emmanuel Macron", "Emmanuel Macron", "26 countries had committed", False),
    ("Mark Rutte stressed that NATO would not be a party to the mission.", "Mark Rutte",
     "Mark Rutte", "nato would not be a party", False),
    ("Donald Tusk insisted that Poland would not deploy troops inside Ukraine.",
     "Donald Tusk", "Donald Tusk", "poland would not deploy troops", False),
    ("Alexander Stubb argued that neighbours of Russia have a different role.",
     "Alexander Stubb", "Alexander Stubb", "neighbours of russia have a different role", False),
    ("Keir Starmer reiterated that Britain was prepared to put troops on the ground.",
     "Keir Starmer", "Keir Starmer", "britain was prepared to put troops", False),
    ("Friedrich Merz told reporters that Berlin wanted more pressure on Moscow.",
     "Friedrich Merz", "Friedrich Merz", "berlin wanted more pressure on moscow", False),
    ("The ceasefire must hold before any deployment, Emmanuel Macron said.", "Emmanuel Macron",
     "Emmanuel Macron", "ceasefire must hold before any deployment", False),
    ("According to Kaja Kallas, the sanctions package will be adopted next week.",
     "Kaja Kallas", "Kaja Kallas", "sanctions package will be adopted next week", False),
    ("The force will include air policing, according to Defence Secretary John Healey.",
     "John Healey", "Defence Secretary John Healey", "force will include air policing", False),
    ("Zelensky's office said the talks in Geneva had been productive.", "Volodymyr Zelenskyy",
     "Zelensky's office", "talks in geneva had been productive", False),
    ("The Kremlin said foreign troops in Ukraine would be a legitimate target.", "Russia",
     "The Kremlin", "foreign troops in ukraine would be a legitimate target", False),
    ("Alexander Stubb believes the coalition will grow to thirty countries.",
     "Alexander Stubb", "Alexander Stubb", "coalition will grow to thirty countries", False),
    # partly quoted reported speech stays one reported statement
    ("Emmanuel Macron said Washington had been «quite firm» about its backing.",
     "Emmanuel Macron", "Emmanuel Macron", "washington had been quite firm about its", False),
    ("Keir Starmer said Britain would back its pledge with “boots on the ground” if needed.",
     "Keir Starmer", "Keir Starmer", "britain would back its pledge with boots", False),
    # unnamed sources keep their description
    ("One British official said the planning was very advanced.", "British official",
     "One British official", "planning was very advanced", False),
    ("A second French diplomat said Washington had offered intelligence support.",
     "second French diplomat", "A second French diplomat", "washington had offered", False),
    ("“Germany will decide later,” a German government spokesman said.",
     "German government spokesman", "a German government spokesman", "germany will decide",
     True),
    ("European leaders have warned that the talks will shape European security for decades.",
     "European leaders", "European leaders", "talks will shape european security", False),
    # a closing guillemet the parser takes for the subject
    ("«Our ships will patrol the Black Sea from spring,» Meloni told reporters, standing next "
     "to Tusk.", "Giorgia Meloni", "Meloni", "our ships will patrol the black sea", True),
    # a person named at the end of a title phrase, and after "X of <body>:"
    ("Secretary General of NATO Mark Rutte welcomed the plan, noting that allies were ready "
     "to help.", "Mark Rutte", "Secretary General of NATO Mark Rutte",
     "allies were ready to help", False),
    ("Camille Grand of the European Council on Foreign Relations: “Europe has to take the lead "
     "on deterrence now”", "Camille Grand",
     "Camille Grand of the European Council on Foreign Relations", "europe has to take the lead", True),
    # a pronoun looks back within its own paragraph, not into a headline run on by the parser
    ("Starmer welcomed the talks, but London warned of delays\n\nMacron, stressing that the "
     "troops would stay in reserve, spoke of a long mission.\n\n“Our pilots will patrol from "
     "Poland,” he told French radio.", "Emmanuel Macron", "he", "our pilots will patrol", True),
    # a definite description takes up the source described before it
    ("A spokesman for the French government said the force would be ready in March. The "
     "spokesman added: “Nobody should doubt our resolve.”", "spokesman for the French government",
     "The spokesman", "nobody should doubt our resolve", True),
    # a participle with words of its own is a speech act of its own, by the same speaker
    ("Friedrich Merz described the offer as a real opening, saying it could end the fighting by "
     "summer.", "Friedrich Merz", "Friedrich Merz", "it could end the fighting by summer", False),
    ("Donald Tusk confirmed that Poland had drafted a new plan, stressing that the border would "
     "stay closed.", "Donald Tusk", "Donald Tusk", "the border would stay closed", False),
    ("Giorgia Meloni spoke after the talks. She added that “patience is the only road to a "
     "truce,” urging tighter sanctions on Moscow.", "Giorgia Meloni", "She",
     "tighter sanctions on moscow", False),
    ("Chancellor Friedrich Merz stressed that Germany will not deploy soldiers, but it could "
     "fund training, his office said.", "Friedrich Merz", "Chancellor Friedrich Merz",
     "germany will not deploy soldiers but it could fund training", False),
    # a second cue conjoined to the reported clause keeps the first cue's speaker
    ("Keir Starmer said that the moment had come for action, and announced that Britain would "
     "lead the planning cell.", "Keir Starmer", "Keir Starmer",
     "britain would lead the planning cell", False),
    # a noun-phrase content ends where the writer's gloss begins
    ("The Chinese Foreign Ministry denied reports that Beijing would send observers, as such a "
     "role was seen as a breach of neutrality.",
     "Ministry of Foreign Affairs of the People's Republic of China",
     "The Chinese Foreign Ministry", "reports that beijing would send observers", False),
    ("Norway confirmed its contribution to mine clearing in the Black Sea, a pledge repeated by "
     "its defence minister in parliament.", "Norway", "Norway",
     "its contribution to mine clearing", False),
    # the writer's framing after the quoted words, or a "that" clause of the verb above
    ("A Downing Street spokesman said the mission would grow to “about forty ships”, when "
     "naval chiefs next meet in Brest.", "Downing Street spokesman",
     "A Downing Street spokesman", "mission would grow to about forty ships", False),
    # an outlet given as the source of a claim is its speaker; a stance reported inside it
    # is part of its claim
    ("Le Monde reported that French officials considered a naval mission too costly and that "
     "the idea was dropped.", "Le Monde", "Le Monde",
     "french officials considered a naval mission too costly and that the idea was dropped",
     False),
    ("According to the Financial Times, the plan has been shelved for now.", "Financial Times",
     "the Financial Times", "the plan has been shelved for now", False),
    ("Le Monde said the talks had stalled. The talks stalled over funding, the newspaper "
     "writes.", "Le Monde", "the newspaper", "the talks stalled over funding", False),
    # a subheading inside the body "X: …", and dash attribution
    ("The summit opened in Paris on Thursday with thirty delegations.\nMacron: Europe is ready "
     "to guarantee Ukraine's security\nThe talks went on late.", "Emmanuel Macron", "Macron",
     "europe is ready to guarantee", False),
    ("“We are seeing encouraging progress” - Ursula von der Leyen on the coalition talks",
     "Ursula von der Leyen", "Ursula von der Leyen", "seeing encouraging progress", True),
]

NEGATIVES = [
    "The summit of the “coalition of the willing” opened in Paris on Thursday.",
    "Troops from ten countries arrived in Estonia for an exercise.",
    "The meeting lasted three hours and ended without a joint communiqué.",
    "Officials walked into the Élysée Palace before noon.",
    # things are not speakers
    "The new security landscape demands a united European answer.",
    # a document with no named issuer speaks for nobody
    "The joint statement stressed the need for a Europe-led force.",
    "The current proposal, however, emphasises clear leadership from Europe.",
    "This agreement underscores a growing consensus among the allies.",
    # an addressee is not content; a nominal finding of a person is a state
    "European leaders spoke to the American president by video link.",
    "Vladimir Putin is showing no interest in a ceasefire.",
    # "they" with no group in reach names no one
    "They reiterated their support for the plan and underlined that borders must not change.",
    # a full stop after the closing mark ends the quote's sentence
    "The plan is known as the “coalition of the willing”. Portugal has pledged €100 million "
    "for drones.",
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "name", "mention", "quote_words", "direct"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_attribution(nlp, registry, text, name, mention, quote_words, direct):
    statements = run(nlp, registry, text)
    want = set(quote_words.lower().split())
    found = [s for s in statements if want <= set(quote_key(s.quote.text).split())]
    assert found, [(s.actors[0].name, s.quote.text) for s in statements]
    st = found[0]
    speaker = st.actors[0]
    assert speaker.role == "speaker"
    assert speaker.name == name
    assert speaker.mention == mention
    assert st.quote.direct is direct
    assert st.evidence.text == text[st.evidence.start:st.evidence.end]
    assert st.date is not None and st.date.value == "2025-09-04"


@pytest.mark.integration
@pytest.mark.parametrize("text", NEGATIVES)
def test_no_statement(nlp, registry, text):
    assert run(nlp, registry, text) == []


@pytest.mark.integration
@pytest.mark.parametrize(("text", "body"), [
    ("“Germany will decide later,” a German government spokesman said.", "Germany"),
    ("One British official said the planning was very advanced.", "United Kingdom"),
])
def test_unnamed_source_carries_its_body(nlp, registry, text, body):
    [st] = run(nlp, registry, text)
    assert [a.role for a in st.actors] == ["speaker", "speaker"]
    assert st.actors[1].name == body
    assert st.actors[1].mention == st.actors[0].mention


@pytest.mark.integration
def test_gloss_is_not_content(nlp, registry):
    text = ("The Chinese Foreign Ministry denied reports that Beijing would send observers, as "
            "such a role was seen as a breach of neutrality.")
    [st] = run(nlp, registry, text)
    assert st.quote.text == "reports that Beijing would send observers"


@pytest.mark.integration
@pytest.mark.parametrize(("text", "quote"), [
    ("A Downing Street spokesman said the mission would grow to “about forty ships”, when "
     "naval chiefs next meet in Brest.", "the mission would grow to “about forty ships"),
])
def test_framing_is_not_content(nlp, registry, text, quote):
    [st] = run(nlp, registry, text)
    assert st.quote.text == quote


@pytest.mark.integration
def test_repeated_statement_is_one_event(nlp, registry):
    para = "“We will not back down,” Tusk said in Warsaw."
    text = para + "\n" + "Other news followed.\n" + para
    statements = run(nlp, registry, text)
    assert len(statements) == 1
    assert len(statements[0].mentions) == 1


@pytest.mark.parametrize(("text", "quotes"), [
    ("He said “a” and “b”.", ["a", "b"]),
    ("«x ‘y’ z» end", ["x ‘y’ z"]),
    ("„ja“ und", ["ja"]),
    ("“open\nnext", ["open"]),
    ("Ukraine’s leaders' plans", []),
    ("''doubled'' marks", ["doubled"]),
    # the opening mark lost: a quotation from the paragraph's start to a mark after a comma
    ('We will keep the border open for trade and aid," Tusk said.',
     ["We will keep the border open for trade and aid,"]),
    ("We will win, she said.” Fine", []),
])
def test_find_quotes(text, quotes):
    assert [text[q.cstart:q.cend] for q in find_quotes(text)] == quotes


def _statement(quote: str, name: str, mention: str, direct: bool = True) -> Statement:
    article = Article(id="a", path="a.txt", text="x")
    return Statement(article=article.ref(), evidence=Evidence(text="x", start=0, end=1),
                     actors=[Actor(name=name, role="speaker", mention=mention)],
                     quote=Quote(text=quote, direct=direct))


def test_score_attribution():
    gold = [
        {"article": "a.txt", "speaker": ["he"], "quote": "“We will win this war,”",
         "direct": True},
        {"article": "a.txt", "speaker": ["the minister"], "quote": "that prices will fall",
         "direct": False},
        {"article": "a.txt", "speaker": ["Tusk"], "quote": "Poland is ready", "direct": False},
    ]
    predicted = {"a.txt": [
        _statement("We will win this war", "Donald Tusk", "he"),
        _statement("We will win this war", "Donald Tusk", "he"),  # duplicate: one-to-one
        _statement("prices will fall", "Maria Lopez", "the minister", direct=False),
        _statement("Poland is ready", "Viktor Orban", "Orban", direct=False),  # wrong speaker
    ]}
    score = score_attribution(gold, predicted)
    assert score["all"]["matched"] == 2
    assert score["all"]["precision"] == 0.5
    assert score["all"]["recall"] == round(2 / 3, 4)
    assert score["all"]["speaker_accuracy"] == round(2 / 3, 4)
    assert score["direct"]["matched"] == 1
    assert score["direct"]["recall"] == 1.0
    assert score["direct"]["precision"] == 0.5


# (words, POS, tags, cues given a quote) → the tokens the cue loop visits
CUE_TOKENS = [
    (["He", "says", "talks", "were", "held"], ["PRON", "VERB", "NOUN", "AUX", "VERB"],
     ["PRP", "VBZ", "NNS", "VBD", "VBN"], {}, [1, 3, 4]),
    (["Macron", "says", ":", "yes"], ["PROPN", "NOUN", "PUNCT", "INTJ"],
     ["NNP", "VBZ", ":", "UH"], {}, [1]),  # "says" tagged VBZ but taken for a noun
    (["The", "statement", ",", "according", "to", "Kyiv"],
     ["DET", "NOUN", "PUNCT", "VERB", "ADP", "PROPN"], ["DT", "NN", ",", "VBG", "IN", "NNP"],
     {}, [3]),
    (["According", "to", "Paris"], ["ADP", "ADP", "PROPN"], ["IN", "IN", "NNP"], {}, [0]),
    (["Zelensky", ":", "enough"], ["PROPN", "PUNCT", "ADV"], ["NNP", ":", "RB"], {0: []}, [0]),
    (["No", "verbs", "here"], ["DET", "NOUN", "ADV"], ["DT", "NNS", "RB"], {}, []),
]


@pytest.mark.parametrize(("words", "pos", "tags", "given", "visited"), CUE_TOKENS)
def test_the_cue_loop_visits_every_token_that_can_be_a_cue(words, pos, tags, given, visited):
    import spacy
    from spacy.tokens import Doc

    from cowextract.extract.statements.cues import cue_positions

    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, tags=tags)
    assert cue_positions(doc, given) == visited
    cue_like = [t.i for t in doc if t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t.tag_ ==
                "VBZ") or t.lower_ == "according" or t.i in given]
    assert visited == cue_like
