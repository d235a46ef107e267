"""Pledge extraction: a table of news sentences with the pledge each should yield (who,
what, how much, polarity, condition), and sentences that must yield none."""

from __future__ import annotations

from datetime import date

import pytest

from factories import assert_one_pledge, extracted

PUBLISHED = date(2026, 2, 11)


def _pledges(nlp, registry, text: str):
    return extracted(nlp, registry, text, "pledge", PUBLISHED)


@pytest.mark.integration
@pytest.mark.parametrize("text,pledgers,polarity,what,value,value_max,unit", [
    ("Sweden has pledged €300 million for Ukrainian air defence.",
     {"Sweden"}, "commit", "money", 300e6, None, "EUR"),
    ("The Netherlands will send 150 troops to help train Ukrainian units.",
     {"Netherlands"}, "commit", "troops", 150, None, "troops"),
    ("Spain will not send troops to Ukraine, the government said.",
     {"Spain"}, "refuse", "troops", None, None, None),
    ("Belgium is ready to deploy 80 to 120 soldiers once a ceasefire holds.",
     {"Belgium"}, "commit", "troops", 80, 120, "troops"),
    ("Norway has ruled out sending warships to the Black Sea.",
     {"Norway"}, "refuse", "maritime", None, None, None),
    ("Polish Prime Minister Donald Tusk offered 2,000 anti-tank missiles.",
     {"Donald Tusk", "Poland"}, "commit", "equipment", 2000, None, "missiles"),
    ("Twenty-two countries have committed to deploy forces after a peace deal.",
     set(), "commit", "troops", 22, None, "countries"),
    ("Canada pledged to provide trainers for Ukrainian pilots.",
     {"Canada"}, "commit", "training", None, None, None),
])
def test_pledge(nlp, registry, text, pledgers, polarity, what, value, value_max, unit):
    assert_one_pledge(_pledges(nlp, registry, text), pledgers, polarity, what, value,
                      value_max, unit)


@pytest.mark.integration
def test_condition_is_kept(nlp, registry):
    p, = _pledges(nlp, registry, "Denmark will send 100 soldiers once hostilities have ceased.")
    assert p.condition == "once hostilities have ceased"


@pytest.mark.integration
def test_pronoun_agent_resolves_to_the_reporting_subject(nlp, registry):
    text = "Irish and Austrian officials said they were prepared to send peacekeepers."
    p, = _pledges(nlp, registry, text)
    assert set(p.names("pledger")) == {"Ireland", "Austria"}
    assert p.what == "troops"


@pytest.mark.integration
def test_additional_contribution_is_its_own_pledge(nlp, registry):
    text = "Greece has pledged €50 million for ammunition, in addition to training for medics."
    found = {p.what: p for p in _pledges(nlp, registry, text)}
    assert set(found) == {"money", "training"}
    assert found["money"].amount.value == pytest.approx(50e6)
    assert found["training"].evidence.text.startswith("in addition to")


@pytest.mark.integration
@pytest.mark.parametrize("second,amounts", [
    # a promise of more is a commitment of its own, not the sum named before
    ("They also pledged to send Kyiv more cash.", [5e8, None]),
    # the sum named before, told again
    ("They also pledged to send Kyiv the cash.", [5e8]),
])
def test_a_promise_of_more_is_not_the_sum_named_before(nlp, registry, second, amounts):
    text = "Sweden and Norway pledged €500 million for air defence. " + second
    money = [p for p in _pledges(nlp, registry, text) if p.what == "money"]
    assert [p.amount.value if p.amount else None for p in money] == amounts


@pytest.mark.integration
def test_repeated_commitment_merges(nlp, registry):
    text = ("Romania will send 200 troops to the force. "
            "Officials confirmed that Romania will send 200 troops next year.")
    p, = _pledges(nlp, registry, text)
    assert len(p.mentions) == 1


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "France strongly backs Ukraine.",                                    # vague support
    "Would Germany send troops to Ukraine?",                             # a question
    "If Austria sent troops, the mission would grow.",                   # a hypothesis
    "A newspaper said officials in London were weighing a ground force.",
    "Moscow rejects any deployment of Western troops in Ukraine.",       # others' troops
    "The minister declined to name the countries or say how many soldiers they would send.",
    "The plan to deploy troops was criticised by analysts.",             # no committing agent
])
def test_not_a_pledge(nlp, registry, text):
    assert _pledges(nlp, registry, text) == []
