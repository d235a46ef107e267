"""Normalise amounts: money with currency and magnitude, counts of troops, countries and
equipment, and ranges ("50 to 250 soldiers")."""

from __future__ import annotations

import re
from dataclasses import dataclass

CURRENCY_SYMBOLS = {"£": "GBP", "€": "EUR", "$": "USD", "us$": "USD", "u.s.$": "USD",
                    "c$": "CAD", "a$": "AUD", "¥": "JPY", "₴": "UAH", "₽": "RUB", "kr": "SEK"}
CURRENCY_WORDS = {
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "gbp": "GBP", "euros": "EUR", "euro": "EUR",
    "eur": "EUR", "dollars": "USD", "dollar": "USD", "usd": "USD", "hryvnias": "UAH",
    "hryvnia": "UAH", "uah": "UAH", "yen": "JPY", "jpy": "JPY", "roubles": "RUB", "rubles": "RUB",
    "kroner": "NOK", "krona": "SEK", "kronor": "SEK", "francs": "CHF", "chf": "CHF",
    "cad": "CAD", "aud": "AUD", "nok": "NOK", "sek": "SEK", "dkk": "DKK", "pln": "PLN",
    "zlotys": "PLN", "zloty": "PLN",
}
MAGNITUDES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
              "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                "a dozen": 12, "two dozen": 24, "dozen": 12, "a hundred": 100,
                "a thousand": 1000}
TROOP_WORDS = {"troops", "soldiers", "personnel", "servicemen", "service members", "peacekeepers",
               "instructors", "trainers", "military personnel", "officers", "marines",
               "paratroopers", "staff officers", "boots"}
PARTY_WORDS = {"countries", "nations", "states", "allies", "members", "partners",
               "governments", "participants", "member states", "delegations", "leaders"}

_NUM = r"\d{1,3}(?:[,\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = rf"(?:{_TENS})[- ](?:{_UNITS})|" + "|".join(
    sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_MAG = r"(?:thousand|million|billion|trillion|mln|bln|mn|bn|tn|m|b|k)\b"
_SYM = r"(?:US\$|U\.S\.\$|C\$|A\$|[£€$¥₴₽])"
_CODE = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))

MONEY_RE = re.compile(
    rf"(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?(?P<mag>{_MAG}))?"
    rf"|(?P<num2>{_NUM})(?:\s?(?P<mag2>{_MAG}))?\s(?P<code>{_CODE})\b",
    re.IGNORECASE,
)
_COUNTED = "|".join(sorted(TROOP_WORDS | PARTY_WORDS, key=len, reverse=True))
COUNT_RE = re.compile(
    rf"(?P<lo>{_NUM}|{_WORDNUM})(?:\s?(?:to|-|–|and)\s?(?P<hi>{_NUM}|{_WORDNUM}))?"
    rf"(?:\s(?P<mag>thousand|million))?"
    rf"(?P<noun>(?:\s[\w-]+){{0,3}}?\s(?:{_COUNTED}"
    rf"|[a-z-]+s))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedAmount:
    value: float
    unit: str
    text: str
    start: int
    end: int
    value_max: float | None = None


def to_number(text: str) -> float | None:
    """A number written in digits ("5,000", "1.6") or words ("twenty", "two dozen")."""
    t = text.strip().lower().replace("\u202f", "").replace(",", "")
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and all(p in WORD_NUMBERS for p in parts) and \
            WORD_NUMBERS[parts[0]] >= 20 and WORD_NUMBERS[parts[1]] < 10:
        return float(WORD_NUMBERS[parts[0]] + WORD_NUMBERS[parts[1]])  # 'twenty-six'

    t = t.replace(" ", "")
    try:
        return float(t)
    except ValueError:
        return None


def find_money(text: str) -> list[ParsedAmount]:
    """Money amounts in `text`: `£1.6 billion` → 1.6e9 GBP."""
    out = []
    for m in MONEY_RE.finditer(text):
        if m.group("sym"):
            unit = CURRENCY_SYMBOLS.get(m.group("sym").lower(), "USD")
            num, mag = m.group("num"), m.group("mag")
        else:
            unit = CURRENCY_WORDS[m.group("code").lower()]
            num, mag = m.group("num2"), m.group("mag2")
            if mag is None and not re.search(r"\d{3}", num):
                continue  # "5 euros" is rarely a pledge; "26 dollars" never one
        value = to_number(num)
        if value is None:
            continue
        if mag:
            value *= MAGNITUDES[mag.lower()]
        out.append(ParsedAmount(value=value, unit=unit, text=m.group(0), start=m.start(),
                                end=m.end()))
    return out


def count_unit(noun: str) -> str:
    """The unit a counted noun stands for: troops, countries, or the noun itself."""
    noun = noun.lower().strip()
    last = noun.split()[-1] if noun else noun
    if noun in TROOP_WORDS or last in TROOP_WORDS:
        return "troops"
    if noun in PARTY_WORDS or last in PARTY_WORDS:
        return "countries" if last in {"countries", "nations", "states", "member states",
                                       "governments", "delegations"} else last
    return last


def find_counts(text: str) -> list[ParsedAmount]:
    """Counted things: "5,000 air defence missiles", "50 to 250 soldiers", "26 countries"."""
    out = []
    for m in COUNT_RE.finditer(text):
        lo = to_number(m.group("lo"))
        if lo is None:
            continue
        # A year ("in 2025 troops…") or a date is not a count.
        if re.fullmatch(r"(19|20)\d\d", m.group("lo")) and not m.group("hi"):
            continue
        hi = to_number(m.group("hi")) if m.group("hi") else None
        if m.group("mag"):
            factor = MAGNITUDES[m.group("mag").lower()]
            lo, hi = lo * factor, hi * factor if hi is not None else None
        unit = count_unit(m.group("noun"))
        out.append(ParsedAmount(value=lo, value_max=hi, unit=unit, text=m.group(0),
                                start=m.start(), end=m.end()))
    return out
