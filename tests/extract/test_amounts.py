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
    ("As of today we count 26 countries that have formally committed", 26, None, "countries"),
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


@pytest.mark.parametrize("text,value,value_max,unit", [
    ("two billion dollars in aid", 2e9, None, "USD"),
    ("half a billion euros", 0.5e9, None, "EUR"),
    ("200 million Canadian dollars", 200e6, None, "CAD"),
    ("5 billion Norwegian kroner", 5e9, None, "NOK"),
    ("EUR 3 billion this year", 3e9, None, "EUR"),
    ("CAD 200 million", 200e6, None, "CAD"),
    ("143,4 million US dollars", 143.4e6, None, "USD"),
    ("$1-2 billion in loans", 1e9, 2e9, "USD"),
    ("€1bn to €2bn a year", 1e9, 2e9, "EUR"),
    ("between 1 and 2 billion euros", 1e9, 2e9, "EUR"),
    ("1.5 trillion yen", 1.5e12, None, "JPY"),
])
def test_money_phrasings_and_ranges(text, value, value_max, unit):
    found = find_money(text)
    assert len(found) == 1, found
    a = found[0]
    assert (a.value, a.unit) == (pytest.approx(value), unit)
    assert a.value_max == (None if value_max is None else pytest.approx(value_max))


@pytest.mark.parametrize("text,value", [
    ("€2bn to 2027", 2e9),            # a year is no upper bound
    ("$500 million to Ukraine", 500e6),
])
def test_no_range_where_none_is_written(text, value):
    a, = find_money(text)
    assert (a.value, a.value_max) == (pytest.approx(value), None)


@pytest.mark.parametrize("text,value,value_max,unit", [
    ("3.5% of GDP", 3.5, None, "percent_gdp"),
    ("5 percent of its GDP", 5, None, "percent_gdp"),
    ("between 2 and 3 per cent of gross domestic product", 2, 3, "percent_gdp"),
    ("2% to 2.5% of their GDP", 2, 2.5, "percent_gdp"),
    ("a 10% rise in exports", 10, None, "percent"),
])
def test_percents(text, value, value_max, unit):
    from cowextract.extract.amounts import find_percents

    p, = find_percents(text)
    assert (p.value, p.value_max, p.unit) == (value, value_max, unit)


@pytest.mark.parametrize("text,value,value_max", [
    ("between 100 and 300 soldiers", 100, 300),
    ("a 5,000-strong force", 5000, None),
    ("a 2,000 to 3,000-strong contingent", 2000, 3000),
])
def test_troop_ranges_and_strengths(text, value, value_max):
    c, = [c for c in find_counts(text) if c.unit == "troops"]
    assert (c.value, c.value_max) == (value, value_max)


@pytest.mark.parametrize("text", ["EUR 3 billion this year", "two billion dollars",
                                  "in 2025 this was", "for 10 years"])
def test_money_and_time_are_not_counted(text):
    assert find_counts(text) == []


@pytest.mark.parametrize("text,countries,unit", [
    ("8.9 billion kroner", ["Denmark"], "DKK"),
    ("8.9 billion kroner", ["Norway"], "NOK"),
    ("16 billion kronor", ["Sweden"], "SEK"),
    ("€2 billion", ["Denmark"], "EUR"),
])
def test_crowns_are_the_pledging_countrys(text, countries, unit):
    from cowextract.extract.amounts import in_local_currency

    a, = find_money(text)
    assert in_local_currency(a, countries).unit == unit
