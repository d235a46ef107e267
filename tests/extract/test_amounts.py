"""Amount normalisation: money with currency and magnitude, counts and ranges."""

from __future__ import annotations

import pytest

from cowextract.extract.amounts import find_counts, find_money


@pytest.mark.parametrize("text,value,unit", [
    ("committed £1.6 billion in export finance", 1.6e9, "GBP"),
    ("Portugal has pledged €226 million", 226e6, "EUR"),
    ("a $500m aid package", 500e6, "USD"),
    ("(US$2 billion)", 2e9, "USD"),
    ("a loan of 2.2 billion pounds", 2.2e9, "GBP"),
    ("3 billion euros for air defence", 3e9, "EUR"),
    ("€1,500,000 for demining", 1.5e6, "EUR"),
    ("a 50bn euro facility", 50e9, "EUR"),
])
def test_money(text, value, unit):
    found = find_money(text)
    assert found, text
    assert (found[0].value, found[0].unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["in 2025 the troops", "26 countries", "5 euros for coffee"])
def test_not_money(text):
    assert find_money(text) == []


@pytest.mark.parametrize("text,value,value_max,unit", [
    ("more than 5,000 air defence missiles", 5000, None, "missiles"),
    ("a company-sized unit (50 to 250 soldiers)", 50, 250, "troops"),
    ("We have today 26 countries who have formally committed", 26, None, "countries"),
    ("a coalition of 35 nations", 35, None, "countries"),
    ("up to 10,000 troops", 10000, None, "troops"),
    ("twenty countries signed", 20, None, "countries"),
])
def test_counts(text, value, value_max, unit):
    found = find_counts(text)
    assert found, text
    c = found[0]
    assert (c.value, c.value_max, c.unit) == (value, value_max, unit)


def test_years_are_not_counts():
    assert [c for c in find_counts("in 2025 troops were sent") if c.unit == "troops"] == []


@pytest.mark.parametrize("text,value,unit", [
    ("Twenty-six countries have formally committed", 26, "countries"),
    ("thirty-one nations took part", 31, "countries"),
    ("some 4,500 troops", 4500, "troops"),
])
def test_hyphenated_and_grouped_counts(text, value, unit):
    c = find_counts(text)[0]
    assert (c.value, c.unit) == (value, unit)


@pytest.mark.parametrize("text,value", [
    ("twenty-six", 26.0), ("ninety nine", 99.0), ("twelve", 12.0), ("1,250", 1250.0),
    ("nine-twenty", None),
])
def test_to_number(text, value):
    from cowextract.extract.amounts import to_number

    assert to_number(text) == value
