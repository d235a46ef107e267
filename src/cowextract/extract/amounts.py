"""Normalise amounts: money with currency and magnitude ("€40bn", "two billion dollars",
"200 million Canadian dollars", "EUR 3 billion", "$1-2 billion"), counts of troops,
countries and equipment with their ranges ("between 100 and 300 soldiers", "a 5,000-strong
force"), and shares of GDP ("3.5% of GDP"). The words are data (`data/amounts.json`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from cowextract.resources import data


def _words() -> dict:
    return data("amounts.json")


def _alts(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


CURRENCY_SYMBOLS: dict[str, str] = _words()["currency_symbols"]
CURRENCY_WORDS: dict[str, str] = _words()["currency_words"]
MAGNITUDES: dict[str, float] = _words()["magnitudes"]
WORD_NUMBERS: dict[str, float] = _words()["word_numbers"]
TROOP_WORDS = frozenset(_words()["troop_words"])
PARTY_WORDS = frozenset(_words()["party_words"])
COUNTRY_WORDS = frozenset(_words()["country_words"])
NOT_COUNTED = frozenset(_words()["not_counted"])

# Thousands grouped by commas or spaces, a decimal point, or a decimal comma ("143,4").
_NUM = r"\d{1,3}(?:[,\u202f ]\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?![\d])|\d+(?:\.\d+)?"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = rf"(?:{_TENS})[- ](?:{_UNITS})|" + _alts(WORD_NUMBERS)
_MAG = r"(?:thousand|million|billion|trillion|mln|bln|mn|bn|tn|m|b|k)\b"
_BIG = r"(?:thousand|million|billion|trillion)\b"
_SYM = r"(?:US\$|U\.S\.\$|CA?\$|AU?\$|NZ\$|HK\$|[£€$¥₴₽₹₩])"
_CODE = _alts(CURRENCY_WORDS)
_ISO = "|".join(sorted(set(CURRENCY_WORDS.values())))

MONEY_RE = re.compile(
    rf"(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?(?P<mag>{_MAG}))?"
    rf"|(?<![\w.])(?P<iso>(?-i:{_ISO}))\s?(?P<num3>{_NUM})(?:\s?(?P<mag3>{_MAG}))?"
    rf"|(?P<num2>{_NUM})(?:\s?(?P<mag2>{_MAG}))?\s(?P<code>{_CODE})\b"
    rf"|\b(?P<wnum>{_WORDNUM}|an?|half a)\s(?P<wmag>{_BIG})\s(?P<wcode>{_CODE})\b",
    re.IGNORECASE,
)
# After a first amount: "… to $2 billion", "-2 billion"; before a last one: "1 to …".
_RANGE_TAIL = re.compile(
    rf"\s?(?:to|-|–|and)\s?(?:{_SYM})?\s?(?P<num>{_NUM})(?:\s?(?P<mag>{_MAG}))?",
    re.IGNORECASE)
_RANGE_HEAD = re.compile(rf"(?:{_SYM})?(?P<num>{_NUM})\s?(?P<sep>to|-|–|and)\s?$",
                         re.IGNORECASE)

_COUNTED = _alts(TROOP_WORDS | PARTY_WORDS)
COUNT_RE = re.compile(
    rf"(?P<lo>{_NUM}|{_WORDNUM})(?:\s?(?:to|-|–|and)\s?(?P<hi>{_NUM}|{_WORDNUM}))?"
    rf"(?:\s(?P<mag>thousand|million))?"
    rf"(?P<noun>(?:\s[\w-]+){{0,3}}?\s(?:{_COUNTED}"
    rf"|(?-i:[a-z-]+s)))\b",
    re.IGNORECASE,
)
# "committed 2 billion to the programme": a sum written without its currency (a count of
# things, "2 million shells", is read as a count)
SUM_RE = re.compile(
    rf"(?<![\w.,$£€¥₴₽₹₩])(?P<num>{_NUM})\s(?P<mag>million|billion|trillion|mn|bn|tn)\b",
    re.IGNORECASE)
STRENGTH_RE = re.compile(
    rf"(?P<lo>{_NUM})(?:\s?(?:to|-|–)\s?(?P<hi>{_NUM}))?(?:\s(?P<mag>thousand))?-strong\s"
    rf"(?:[\w-]+\s){{0,2}}?(?:{_alts(_words()['strength_nouns'])})\b",
    re.IGNORECASE)
_PCT = r"(?:%|\s?per\s?cent\b|\s?percent\b)"
PERCENT_RE = re.compile(
    rf"(?P<lo>{_NUM}){_PCT}?(?:\s?(?:to|-|–|and)\s?(?P<hi>{_NUM}))?{_PCT}"
    rf"(?P<gdp>\sof\s(?:[\w'’-]+\s){{0,3}}?(?:{_alts(_words()['gdp_words'])})\b)?",
    re.IGNORECASE)


@dataclass(frozen=True)
class ParsedAmount:
    value: float
    unit: str | None  # None: a sum whose currency the text does not give
    text: str
    start: int
    end: int
    value_max: float | None = None


def to_number(text: str) -> float | None:
    """A number written in digits ("5,000", "1.6") or words ("twenty", "two dozen")."""
    t = text.strip().lower().replace("\u202f", "")
    t = t.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", t) else t.replace(",", "")
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    if t in ("a", "an"):
        return 1.0
    if t == "half a":
        return 0.5
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and all(p in WORD_NUMBERS for p in parts) and \
            WORD_NUMBERS[parts[0]] >= 20 and WORD_NUMBERS[parts[1]] < 10:
        return float(WORD_NUMBERS[parts[0]] + WORD_NUMBERS[parts[1]])  # 'twenty-six'

    t = t.replace(" ", "")
    try:
        return float(t)
    except ValueError:
        return None


def _is_year(num: str) -> bool:
    return re.fullmatch(r"(?:19|20)\d\d", num) is not None


def _money_parts(m: re.Match) -> tuple[str, str, str | None] | None:
    """(currency, number, magnitude) of a MONEY_RE match, None when it is no amount."""
    if m.group("sym"):
        return CURRENCY_SYMBOLS.get(m.group("sym").lower(), "USD"), m.group("num"), m.group("mag")
    if m.group("iso"):
        return m.group("iso").upper(), m.group("num3"), m.group("mag3")
    if m.group("wcode"):
        return CURRENCY_WORDS[m.group("wcode").lower()], m.group("wnum"), m.group("wmag")
    num, mag = m.group("num2"), m.group("mag2")
    if mag is None and not re.search(r"\d{3}", num):
        return None  # "5 euros" is rarely a pledge; "26 dollars" never one
    return CURRENCY_WORDS[m.group("code").lower()], num, mag


def _with_range(text: str, m: re.Match, amount: ParsedAmount, mag: str | None) -> ParsedAmount:
    """Widen `amount` to a range written around it: "$1-2 billion", "€1bn to €2bn",
    "between 1 and 2 billion euros". A bare year after it ("€2bn to 2027") is no bound."""
    tail = _RANGE_TAIL.match(text, m.end())
    if tail and not (tail.group(0).lstrip().startswith("and") and
                     not re.search(r"\bbetween\s+\S*$", text[:m.start()], re.IGNORECASE)):
        hi = to_number(tail.group("num"))
        hi_mag = tail.group("mag")
        if hi is not None and (hi_mag or not mag) and not (_is_year(tail.group("num"))
                                                           and not hi_mag):
            hi *= MAGNITUDES[hi_mag.lower()] if hi_mag else 1
            lo = amount.value if mag or not hi_mag else amount.value * MAGNITUDES[hi_mag.lower()]
            if hi > lo:
                return replace(amount, value=lo, value_max=hi, text=text[m.start():tail.end()],
                               end=tail.end())
    head = _RANGE_HEAD.search(text, 0, m.start())
    if head and mag and (head.group("sep").lower() != "and" or re.search(
            r"\bbetween\s+$", text[:head.start()], re.IGNORECASE)):
        low = to_number(head.group("num"))
        if low is not None and not _is_year(head.group("num")):
            low *= MAGNITUDES[mag.lower()]
            if low < amount.value:
                return replace(amount, value=low, value_max=amount.value,
                               text=text[head.start():m.end()], start=head.start())
    return amount


def find_money(text: str) -> list[ParsedAmount]:
    """Money amounts in `text`: `£1.6 billion` → 1.6e9 GBP; ranges keep their upper bound."""
    out: list[ParsedAmount] = []
    for m in MONEY_RE.finditer(text):
        parts = _money_parts(m)
        if parts is None or (out and m.start() < out[-1].end):
            continue  # no amount, or the upper bound of the range before
        unit, num, mag = parts
        value = to_number(num)
        if value is None:
            continue
        if mag:
            value *= MAGNITUDES[mag.lower()]
        amount = ParsedAmount(value=value, unit=unit, text=m.group(0), start=m.start(),
                              end=m.end())
        out.append(_with_range(text, m, amount, mag))
    return out


def find_sums(text: str) -> list[ParsedAmount]:
    """Sums written without a currency ('2 billion'), their unit unknown; not the money
    `find_money` reads, nor a count ('2 million people')."""
    taken = _money_spans(text) + tuple((c.start, c.end) for c in find_counts(text))
    out = []
    for m in SUM_RE.finditer(text):
        value = to_number(m.group("num"))
        if value is None or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        out.append(ParsedAmount(value=value * MAGNITUDES[m.group("mag").lower()], unit=None,
                                text=m.group(0), start=m.start(), end=m.end()))
    return out


def count_unit(noun: str) -> str:
    """The unit a counted noun stands for: troops, countries, or the noun itself."""
    noun = noun.lower().strip()
    last = noun.split()[-1] if noun else noun
    if noun in TROOP_WORDS or last in TROOP_WORDS:
        return "troops"
    if noun in PARTY_WORDS or last in PARTY_WORDS:
        return "countries" if last in COUNTRY_WORDS or noun in COUNTRY_WORDS else last
    return last


@lru_cache(maxsize=256)
def _money_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((a.start, a.end) for a in find_money(text))


def find_counts(text: str) -> list[ParsedAmount]:
    """Counted things: "5,000 air defence missiles", "50 to 250 soldiers", "26 countries",
    "a 5,000-strong force" (troops). Money is not counted."""
    out = []
    money = _money_spans(text)
    for m in COUNT_RE.finditer(text):
        lo = to_number(m.group("lo"))
        if lo is None or any(a < m.end() and m.start() < b for a, b in money):
            continue
        # A year ("in 2025 troops…") or a date is not a count.
        if _is_year(m.group("lo")) and not m.group("hi"):
            continue
        unit = count_unit(m.group("noun"))
        if unit in NOT_COUNTED or count_unit(m.group("noun").split()[0]) in NOT_COUNTED:
            continue
        hi = to_number(m.group("hi")) if m.group("hi") else None
        if m.group("mag"):
            factor = MAGNITUDES[m.group("mag").lower()]
            lo, hi = lo * factor, hi * factor if hi is not None else None
        out.append(ParsedAmount(value=lo, value_max=hi, unit=unit, text=m.group(0),
                                start=m.start(), end=m.end()))
    for m in STRENGTH_RE.finditer(text):
        factor = 1e3 if m.group("mag") else 1
        lo, hi = to_number(m.group("lo")), to_number(m.group("hi") or "")
        if lo is not None:
            out.append(ParsedAmount(value=lo * factor, value_max=hi * factor if hi else None,
                                    unit="troops", text=m.group(0), start=m.start(),
                                    end=m.end()))
    return sorted(out, key=lambda a: a.start)


def find_percents(text: str) -> list[ParsedAmount]:
    """Percentages: unit `percent_gdp` when a share of the economy ("3.5% of GDP", "between
    2 and 3 per cent of its gross domestic product"), else `percent`."""
    out = []
    for m in PERCENT_RE.finditer(text):
        lo = to_number(m.group("lo"))
        hi = to_number(m.group("hi")) if m.group("hi") else None
        if lo is None:
            continue
        unit = "percent_gdp" if m.group("gdp") else "percent"
        out.append(ParsedAmount(value=lo, value_max=hi if hi and hi > lo else None, unit=unit,
                                text=m.group(0), start=m.start(), end=m.end()))
    return out


def in_local_currency(amount: ParsedAmount, countries: list[str]) -> ParsedAmount:
    """`amount` with its crowns read as the money of the country pledging them: 'kroner'
    are Danish when Denmark gives them, Norwegian when Norway does."""
    words = amount.text.lower().split()
    for country in countries:
        local = _words()["local_currencies"].get(country, {})
        for n in (2, 1):
            unit = local.get(" ".join(words[-n:])) if len(words) >= n else None
            if unit is not None:
                return replace(amount, unit=unit)
    return amount


def may_continue(word: str) -> bool:
    """Whether a word a cut page broke off may have been the scale or unit of the amount
    before it ('mil' for million, 'eu' for euros, 'sol' for soldiers)."""
    w = word.lower()
    return any(full.startswith(w) for full in (*MAGNITUDES, *CURRENCY_WORDS, *TROOP_WORDS))
