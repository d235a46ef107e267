"""Values as a person writes them: amounts ('£1.6 billion', '€2 billion', '50–250 troops',
'5% of GDP'), dates ('4 September 2025'), and the sentence around a piece of evidence."""

from __future__ import annotations

import re
from datetime import date

from cowextract.extract.amounts import CURRENCY_SYMBOLS

SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
# The symbol a reader knows each currency by (the first the extractor reads for it).
SYMBOLS: dict[str, str] = {}
for _symbol, _code in CURRENCY_SYMBOLS.items():
    if not _symbol.isalpha():
        SYMBOLS.setdefault(_code, _symbol.upper() if len(_symbol) > 1 else _symbol)
UNIT_WORDS = {"percent_gdp": "% of GDP", "percent": "%"}


def _digits(x: float) -> str:
    """A number with at most two decimals and thousands separators: 1.6, 2, 3,000."""
    if x == int(x):
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _scale(value: float) -> tuple[float, str]:
    for size, word in SCALES:
        if abs(value) >= size:
            return size, word
    return 1.0, ""


def number_text(value: float, value_max: float | None = None) -> str:
    """'1.6 billion', '500 million', '3,000', a range '50–250' or '1–2 billion'."""
    size, word = _scale(value_max if value_max is not None else value)
    if value_max is not None and _scale(value)[0] != size and value:
        return f"{number_text(value)}–{number_text(value_max)}"
    text = _digits(value / size)
    if value_max is not None:
        text += "–" + _digits(value_max / size)
    return f"{text} {word}".strip()


def amount_text(value: float | None, value_max: float | None, unit: str | None,
                text: str | None = None) -> str:
    """An amount as a person writes it; `text` (the article's words) when it has no value."""
    if value is None:
        return text or ""
    unit = unit or ""
    if unit in SYMBOLS or (len(unit) == 3 and unit.isupper()):
        symbol = SYMBOLS.get(unit)
        if value_max is not None and _scale(value)[0] != _scale(value_max)[0]:
            low, high = number_text(value), number_text(value_max)
            return f"{symbol}{low}–{symbol}{high}" if symbol else f"{unit} {low}–{high}"
        number = number_text(value, value_max)
        return f"{symbol}{number}" if symbol else f"{unit} {number}"
    if unit in UNIT_WORDS:
        return number_text(value, value_max) + UNIT_WORDS[unit]
    return f"{number_text(value, value_max)} {unit.replace('_', ' ')}".strip()


def figure_text(figure: tuple[float, str]) -> str:
    """A clustering figure (`members.figure`) as a person writes it."""
    value, unit = figure
    unit, _, high = unit.partition("–")
    return amount_text(value, float(high) if high else None, unit)


def date_text(value: str | None) -> str:
    """'4 September 2025', 'September 2025', '24–26 March 2025'; other values as they are."""
    if not value:
        return "undated"
    if "/" in value:
        a, b = value.split("/", 1)
        if len(a) == len(b) == 10 and a[:7] == b[:7]:
            return f"{int(a[8:])}–{date_text(b)}"
        return f"{date_text(a)} – {date_text(b)}"
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return f"{d.day} {d.strftime('%B %Y')}"
        if len(value) == 7 and value[4] == "-":
            return date(int(value[:4]), int(value[5:]), 1).strftime("%B %Y")
    except ValueError:
        return value
    return value


_END_RE = re.compile(r"(?<=[.!?…”\"»])\s+(?=[\"“«(\[]?[A-Z0-9])|\n")


def sentence(text: str, start: int, end: int, most: int = 600) -> str:
    """The sentence(s) of `text` around characters start:end, on one line, at most `most`
    characters (the evidence itself is never cut)."""
    # A boundary is read with the character after it, which may be where the evidence starts.
    left = max((m.end() for m in _END_RE.finditer(text, 0, min(len(text), start + 2))
                if m.end() <= start), default=0)
    found = _END_RE.search(text, end)
    right = found.start() if found else len(text)
    if end - start < most and right - left > most:
        spare = (most - (end - start)) // 2
        left, right = max(left, start - spare), min(right, end + spare)
    out = " ".join(text[left:right].split())
    return ("…" if left > 0 and text[left - 1] not in "\n .!?" else "") + out
