"""Pledges of every kind news reports, as a table of sentences of our own: spending targets,
guarantees, money phrased many ways, purchases for someone else, ranges and currencies,
joint pledges and leaders announcing their country's; refusals; and sentences that are no
pledge at all (forecasts, vague support, peace deals, ceasefires, prisoner swaps, truce
offers, a force that cannot deploy)."""

from __future__ import annotations

from datetime import date

import pytest

from factories import assert_one_pledge, extracted

PUBLISHED = date(2025, 9, 5)


def _pledges(nlp, registry, text: str):
    return extracted(nlp, registry, text, "pledge", PUBLISHED)


C, R = "commit", "refuse"

PLEDGES = [
    # spending targets: a share of GDP
    ("NATO allies agreed to lift defence spending to 3.5% of GDP by 2035.",
     {"NATO"}, C, "money", 3.5, None, "percent_gdp"),
    ("Lithuania will spend 5 percent of its gross domestic product on defence next year.",
     {"Lithuania"}, C, "money", 5, None, "percent_gdp"),
    ("Poland pledged to raise military spending to between 4 and 5 per cent of GDP.",
     {"Poland"}, C, "money", 4, 5, "percent_gdp"),
    ("Spain refused to meet the NATO spending target of 5% of GDP.",
     {"Spain"}, R, "money", 5, None, "percent_gdp"),
    # a sum written without its currency: money, its unit unknown
    ("Denmark has committed 2 billion to the joint fund.",
     {"Denmark"}, C, "money", 2e9, None, None),
    ("Portugal pledged 300 million of its budget to the mission.",
     {"Portugal"}, C, "money", 3e8, None, None),
    # guarantees
    ("Sweden reaffirmed its unshakeable commitment to collective defence.",
     {"Sweden"}, C, "security_guarantee", None, None, None),
    ("Turkey and Egypt agreed to act as guarantors of the truce.",
     {"Turkey", "Egypt"}, C, "security_guarantee", None, None, None),
    ("The United States offered Ukraine security guarantees similar to NATO's Article 5.",
     {"United States"}, C, "security_guarantee", None, None, None),
    # money, however it is put
    ("Japan and South Korea renewed their pledge of $2 billion each for reconstruction.",
     {"Japan", "South Korea"}, C, "money", 2e9, None, "USD"),
    ("Ireland chipped in $10 million for demining.",
     {"Ireland"}, C, "money", 10e6, None, "USD"),
    ("The European Union agreed to extend a €40bn loan to Kyiv.",
     {"European Union"}, C, "money", 40e9, None, "EUR"),
    ("Canada pledged 200 million Canadian dollars for air defence.",
     {"Canada"}, C, "money", 200e6, None, "CAD"),
    ("Austria has committed two billion euros to the fund.",
     {"Austria"}, C, "money", 2e9, None, "EUR"),
    ("The EU will provide €1.5bn to €2bn in macro-financial assistance.",
     {"European Union"}, C, "money", 1.5e9, 2e9, "EUR"),
    ("Norway increased its aid to Ukraine to 5 billion Norwegian kroner.",
     {"Norway"}, C, "money", 5e9, None, "NOK"),
    # buying for someone else
    ("Romania unveiled a €900m contract to buy radar systems for Moldova.",
     {"Romania"}, C, "equipment", 900e6, None, "EUR"),
    # troops, ranges, strengths
    ("Belgium will deploy between 100 and 300 soldiers to the mission.",
     {"Belgium"}, C, "troops", 100, 300, "troops"),
    ("Britain will send a 1,000-strong force to Estonia.",
     {"United Kingdom"}, C, "troops", 1000, None, "troops"),
    ("France will send troops once a ceasefire is signed.",
     {"France"}, C, "troops", None, None, None),
    # joint pledges and leaders announcing their country's
    ("Denmark, Norway and Sweden will jointly finance a $500 million package of air defence "
     "systems.", {"Denmark", "Norway", "Sweden"}, C, "money", 500e6, None, "USD"),
    ("The Netherlands and Germany said they would provide 20 Patriot missiles.",
     {"Netherlands", "Germany"}, C, "equipment", 20, None, "missiles"),
    ("Finnish President Alexander Stubb said Finland would send 100 troops.",
     {"Finland", "Alexander Stubb"}, C, "troops", 100, None, "troops"),
    ("Slovenia has refused to commit to the new 4% target.",
     {"Slovenia"}, R, "money", 4, None, "percent_gdp"),
    ("Croatia said it would meet the alliance's 2% target by 2027.",
     {"Croatia"}, C, "money", 2, None, "percent_gdp"),
    # announced, approved, agreed, paid for
    ("Japan announced $4.5 billion in new aid for Ukraine.",
     {"Japan"}, C, "money", 4.5e9, None, "USD"),
    ("The EU approved a €90 billion loan for Ukraine.",
     {"European Union"}, C, "money", 90e9, None, "EUR"),
    ("EU leaders agreed a €50bn facility for Ukraine on Thursday.",
     {"European Union", "European Council"}, C, "money", 50e9, None, "EUR"),
    ("The US Congress passed a $61 billion aid package for Ukraine.",
     {"United States"}, C, "money", 61e9, None, "USD"),
    ("Berlin has agreed to pay for two Patriot systems for Ukraine.",
     {"Germany"}, C, "equipment", 2, None, "systems"),
    ("Hungary blocked the €50 billion aid package.",
     {"Hungary"}, R, "money", 50e9, None, "EUR"),
    ("Denmark announced a new aid package worth 8.9 billion kroner ($1.3 billion).",
     {"Denmark"}, C, "money", 8.9e9, None, "DKK"),
    ("Norway will give 2 billion kroner to the fund.",
     {"Norway"}, C, "money", 2e9, None, "NOK"),
    ("The European Commission proposed a €90 billion loan to cover Kyiv's needs.",
     {"European Commission"}, C, "money", 90e9, None, "EUR"),
    # counts of equipment, ships and jets
    ("Australia will donate 49 Abrams tanks to Ukraine.",
     {"Australia"}, C, "equipment", 49, None, "tanks"),
    ("The Netherlands will give 18 F-16 fighter jets to Ukraine.",
     {"Netherlands"}, C, "air", 18, None, "jets"),
    # other kinds
    ("Spain will impose new sanctions on Belarus.",
     {"Spain"}, C, "sanctions", None, None, None),
    ("Latvia offered to train 2,000 Ukrainian recruits.",
     {"Latvia"}, C, "training", None, None, None),
    ("Greece will send warships to patrol the Red Sea.",
     {"Greece"}, C, "maritime", None, None, None),
    ("Portugal committed fighter jets to air policing over the Baltic.",
     {"Portugal"}, C, "air", None, None, None),
    # refusals
    ("Hungary ruled out sending weapons to Ukraine.",
     {"Hungary"}, R, "equipment", None, None, None),
    ("Slovakia will not send ammunition to Kyiv.",
     {"Slovakia"}, R, "equipment", None, None, None),
    ("The United States halted deliveries of artillery shells to Ukraine.",
     {"United States"}, R, "equipment", None, None, None),
    ("Switzerland declined to contribute troops to the force.",
     {"Switzerland"}, R, "troops", None, None, None),
    ("Portugal is not prepared to deploy soldiers.",
     {"Portugal"}, R, "troops", None, None, None),
]


@pytest.mark.integration
@pytest.mark.parametrize("text,pledgers,polarity,what,value,value_max,unit", PLEDGES)
def test_pledge_kinds(nlp, registry, text, pledgers, polarity, what, value, value_max, unit):
    assert_one_pledge(_pledges(nlp, registry, text), pledgers, polarity, what, value,
                      value_max, unit)


NOT_PLEDGES = [
    # forecasts
    "Macron expects more countries to join the force in the coming weeks.",
    "Analysts predict Germany will spend 3% of GDP by 2030.",
    "Britain is expected to announce £500m for air defence next week.",
    "Officials hope that Denmark will send more troops.",
    # vague support
    "France strongly backs Ukraine.",
    "Germany expressed support for Ukraine's sovereignty.",
    # peace deals, ceasefires, truce offers, prisoner swaps
    "Russia and Ukraine signed a peace deal in Istanbul.",
    "The two sides agreed to a ceasefire along the front line.",
    "Putin offered a three-day truce for the holiday.",
    "Moscow and Kyiv swapped 300 prisoners of war.",
    "Russia offered to hand over the bodies of 1,000 soldiers.",
    # force as a threat, a force that is sent, a purchase for oneself
    "The president said he was prepared to use force against the rebels.",
    "The reassurance force cannot deploy without American support.",
    "Japan bought 100 Tomahawk missiles from the United States.",
    # a programme is no pledger; a nationality adjective of a thing is no party
    "The fund is a European initiative that provides Ukraine with weapons.",
    "Buyers of Russian oil that is funding the war face new tariffs.",
    # advice, obligation, habit, effort
    "Europe should increase military coordination after a push over defence spending.",
    "Germany must send more air defence systems, the opposition leader said.",
    "Only five NATO members spend more than 2 percent of GDP on defence.",
    "They have put a great deal of effort into the talks.",
    # hearsay and others' demands
    "The ministry denied reports that Brazil could join the peacekeeping mission.",
    "Russia demanded that NATO withdraw its troops from the Baltic states.",
    "Zelensky called on allies to send more Patriot systems.",
    # fines, tariffs, repayments
    "The bank paid a $100 million fine the regulator had set.",
    "The charity will own the land until it pays back the loan.",
    # meetings and paperwork
    "The ministers signed a memorandum on energy cooperation.",
    "Leaders agreed to meet again in March.",
]


@pytest.mark.integration
@pytest.mark.parametrize("text", NOT_PLEDGES)
def test_not_a_pledge(nlp, registry, text):
    assert _pledges(nlp, registry, text) == []


@pytest.mark.integration
def test_refusal_condition_and_commitment_told_apart(nlp, registry):
    text = ("Italy will not send troops. Belgium will send troops if a ceasefire holds. "
            "Officials expect Austria to send troops.")
    found = {p.names("pledger")[0]: p for p in _pledges(nlp, registry, text)}
    assert set(found) == {"Italy", "Belgium"}
    assert found["Italy"].polarity == "refuse"
    assert found["Belgium"].polarity == "commit"
    assert found["Belgium"].condition == "if a ceasefire holds"


@pytest.mark.integration
def test_weapons_and_cash_are_two_pledges(nlp, registry):
    found = _pledges(nlp, registry, "Poland pledged to send Kyiv more weapons and cash.")
    assert {p.what for p in found} == {"equipment", "money"}


@pytest.mark.integration
def test_a_force_on_land_and_sea_is_one_pledge(nlp, registry):
    found = _pledges(nlp, registry, "Britain pledged troops and warships to secure the port.")
    assert [p.what for p in found] == ["troops"]


@pytest.mark.integration
def test_count_of_countries_spelt_out(nlp, registry):
    text = ("Three countries pledged a further €300 million for demining. "
            "They are Austria, Ireland and Malta.")
    p, = _pledges(nlp, registry, text)
    assert set(p.names("pledger")) == {"Austria", "Ireland", "Malta"}
    assert p.amount.value == pytest.approx(300e6)


@pytest.mark.integration
def test_counted_pledge_and_its_named_parties_merge(nlp, registry):
    text = ("Two countries will provide practical assistance. "
            "The minister said Chile and Peru will provide practical assistance.")
    p, = _pledges(nlp, registry, text)
    assert set(p.names("pledger")) >= {"Chile", "Peru"}


@pytest.mark.integration
def test_list_before_subject_is_all_pledgers(nlp, registry):
    text = ("According to the ministry's website, Estonia, Latvia, and Lithuania announced "
            "that they will finance a $300 million package for Ukraine.")
    p, = _pledges(nlp, registry, text)
    assert set(p.names("pledger")) == {"Estonia", "Latvia", "Lithuania"}


@pytest.mark.integration
def test_the_countrys_contribution(nlp, registry):
    text = ("The Defence Minister of Belgium revealed the country's contribution to the "
            "package amounted to 150 million euros.")
    p, = _pledges(nlp, registry, text)
    assert p.names("pledger") == ["Belgium"]
    assert (p.amount.value, p.amount.unit) == (pytest.approx(150e6), "EUR")


@pytest.mark.integration
def test_they_after_a_sentence_names_its_subject(nlp, registry):
    text = ("All EU leaders met in Brussels on Thursday. With the exception of Hungary, "
            "they pledged to send more weapons to Kyiv.")
    p, = _pledges(nlp, registry, text)
    assert p.names("pledger") == ["European Union", "European Council"]


@pytest.mark.integration
@pytest.mark.parametrize("text,expected", [
    ("Spain will not send troops but will provide money.",
     {("refuse", "troops"), ("commit", "money")}),
    ("Poland pledged to send troops and deliver weapons.",
     {("commit", "troops"), ("commit", "equipment")}),
    ("Italy and Greece said they would not deploy soldiers, and on 3 May Estonia offered "
     "a unit of 50 to 250 soldiers.", {("refuse", "troops"), ("commit", "troops")}),
])
def test_each_clause_keeps_its_own_polarity(nlp, registry, text, expected):
    found = _pledges(nlp, registry, text)
    assert {(p.polarity, p.what) for p in found} == expected


@pytest.mark.integration
def test_name_the_tagger_missed_is_the_pledger(nlp, registry):
    text = ("Several governments, including Italy and Greece, said they would not deploy "
            "soldiers, and on 3 May Estonia offered a unit of 50 to 250 soldiers.")
    found = {p.polarity: p for p in _pledges(nlp, registry, text)}
    assert found["commit"].names("pledger") == ["Estonia"]
    assert (found["commit"].amount.value, found["commit"].amount.value_max) == (50, 250)


@pytest.mark.integration
def test_allies_of_a_country_are_not_that_country(nlp, registry):
    p, = _pledges(nlp, registry, "Ukraine's allies have promised it more air defence systems.")
    assert p.names("pledger") == []


@pytest.mark.integration
def test_unnamed_parties_reported_by_a_pronoun(nlp, registry):
    p, = _pledges(nlp, registry, "Twenty countries said they would send troops.")
    assert (p.what, p.amount.value, p.amount.unit) == ("troops", 20, "countries")


@pytest.mark.integration
def test_the_target_of_a_spending_article(nlp, registry):
    text = "NATO allies agreed to spend 5% of GDP on defence. Spain refused to meet the target."
    found = {p.names("pledger")[0]: p for p in _pledges(nlp, registry, text)}
    assert (found["Spain"].polarity, found["Spain"].what) == ("refuse", "money")
    assert (found["NATO"].amount.value, found["NATO"].amount.unit) == (5, "percent_gdp")


@pytest.mark.integration
def test_a_goal_that_is_no_spending_target(nlp, registry):
    text = "The government announced it had reached its goal of resettling 10,000 refugees."
    assert _pledges(nlp, registry, text) == []


@pytest.mark.integration
def test_parties_listed_one_per_line(nlp, registry):
    text = ("So far, 12 member states have announced their participation in the programme. "
            "Among them are:\n\nSlovakia,\n\nCroatia,\n\nMore details follow next week.")
    p, = _pledges(nlp, registry, text)
    assert set(p.names("pledger")) == {"Slovakia", "Croatia"}
    assert (p.what, p.amount.value, p.amount.unit) == ("other", 12, "countries")
