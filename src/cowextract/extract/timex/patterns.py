"""The pattern table: each pattern names a kind of temporal expression and the handler that
reads its match; `COMPILED` is the table compiled for scanning, `NEEDS` the pre-checks that
spare a text the scan of a pattern that cannot match it, `PRIORITY` the order in which
overlapping matches of the same length are preferred."""

from __future__ import annotations

import re
from typing import Any

from cowextract.extract.timex.anchors import Handler
from cowextract.extract.timex.durations import h_duration, h_plural, h_set
from cowextract.extract.timex.fragments import (
    DASH,
    DAY,
    DAYW,
    MONTH,
    NUM,
    ORD,
    PART,
    SEASON,
    UNIT,
    VAGUE,
    WEEKDAY,
    YEAR,
    B,
    alt,
)
from cowextract.extract.timex.named import (
    h_century,
    h_clock,
    h_day_or_range,
    h_decade,
    h_decade_words,
    h_holiday,
    h_iso,
    h_month,
    h_numeric,
    h_quarter,
    h_quarter_abbr,
    h_season,
    h_year,
)
from cowextract.extract.timex.relative import (
    h_ago,
    h_next_day,
    h_period,
    h_ref,
    h_rel,
    h_thispart,
    h_today,
    h_weekday,
    h_yearago,
    h_yearend,
    rel_ok,
)
from cowextract.extract.timex.vocabulary import HOLIDAYS, REFS
from cowextract.nlp.prefilter import first_char_guard


def _i(pattern: str) -> str:
    return f"(?i:{pattern})"


_WDPRE = rf"(?:(?P<wdp>{WEEKDAY}),?\s+(?:the\s+)?)?"
# What every match of a rarely matching pattern contains, so that a text without it is not
# scanned by that pattern at all (each is a part of its own pattern, written once for both).
_NEEDS_SRC = {
    "decade": r"0'?s(?![\w])",  # both of its forms end so
    "century": r"[-\s]century",
    "quarter": r"[-\s](?:fiscal\s+)?(?P<unit>quarter|half)",
    "ago": rf"[-\s](?P<u>{UNIT})\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now|hence|"
           rf"back)(?![\w-])",
    "duration": rf"[-\s](?P<u>{UNIT})(?![\w-]|-old)",
}
_YR_OPT = rf"(?:(?P<yr>,?\s+(?:of\s+)?(?P<y>{YEAR})(?![\w-]))|(?![\w-]))"
PATTERNS: list[tuple[str, str, Handler]] = [
    ("iso", rf"{B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])", h_iso),
    ("numeric", rf"{B}(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<y>\d{{4}}|\d{{2}})(?![\d/])",
     h_numeric),
    ("dmy", rf"{B}(?P<part>{PART})?{_WDPRE}(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?"
            rf"(?:\s+of)?\s+(?P<mon>{MONTH}){_YR_OPT}", h_day_or_range),
    ("mdy", rf"{B}(?P<part>{PART})?{_WDPRE}(?P<mon>{MONTH})\s*(?P<d1>{DAY}|{DAYW})"
            rf"(?:{DASH}(?P<d2>{DAY}))?{_YR_OPT}", h_day_or_range),
    ("month", rf"{B}(?P<part>{PART})?(?P<rel>(?i:this\s+past|this\s+coming|last|next|this)\s+)?"
              rf"(?P<mon>{MONTH})(?:(?:\s+of|,)?\s+(?P<y>{YEAR})|\s+(?P<yrel>(?i:this|last|next))"
              rf"\s+(?i:year))?(?![\w-])", h_month),
    ("year", rf"{B}(?P<part>{PART})?(?:(?i:fiscal|calendar|financial|model|the\s+year|"
             rf"fiscal\s+year|FY)\s*)?(?P<y>{YEAR})(?:\s*(?:-|–|/|to)\s*"
             rf"(?P<y2>{YEAR}|\d\d))?(?![\w-]|\.\d)", h_year),
    ("decade", rf"{B}(?P<part>{PART})?(?:(?i:the)\s+)?(?:(?P<dec>\d{{3}}0)'?s|"
               rf"['‘’](?P<short>\d)0'?s)(?![\w])", h_decade),
    ("decadew", _i(rf"{B}(?P<part>{PART})?the\s+(?P<w>twenties|thirties|forties|fifties|"
                   rf"sixties|seventies|eighties|nineties)(?![\w-])"),
     h_decade_words),
    ("period", _i(rf"{B}(?:the\s+)?(?P<rel>latest|same|current|most\s+recent)\s+"
                  rf"(?:(?:three|six|nine|twelve)-month\s+)?(?:reporting\s+)?period(?![\w-])"),
     h_period),
    ("century", _i(rf"{B}(?P<part>{PART})?(?:the\s+)?(?P<n>{ORD}|\d{{1,2}}(?:st|nd|rd|th))"
                   rf"{_NEEDS_SRC['century']}"), h_century),
    ("quarter", _i(rf"{B}(?P<part>{PART})?(?:the\s+)?(?:(?P<yrel>this\s+year's|last\s+year's|"
                   rf"next\s+year's|the\s+year-ago|the\s+year-earlier|year-ago|year-earlier)\s+"
                   rf"|(?P<y0>{YEAR})\s+)?(?:fiscal\s+|calendar\s+)?(?P<q>first|second|third|"
                   rf"fourth|final|last|1st|2nd|3rd|4th){_NEEDS_SRC['quarter']}"
                   rf"(?:\s+of\s+(?:fiscal\s+|the\s+)?(?:(?P<y>{YEAR})|"
                   rf"(?P<yrel2>this|last|next|the)\s+(?:fiscal\s+)?year))?(?![\w-])"),
     lambda m: h_quarter(_QuarterMatch(m))),
    ("qabbr", rf"{B}(?:(?P<y0>{YEAR})\s*)?Q(?P<q>[1-4])(?:\s*(?:of\s+)?"
              rf"(?P<y>{YEAR}|\d\d))?(?![\w])", h_quarter_abbr),
    ("season", _i(rf"{B}(?P<part>{PART})?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|"
                  rf"the|coming|past)\s+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?"
                  rf"(?![\w-])"), lambda m: h_season(m) if (m["rel"] or m["y"] or m["part"])
     else None),
    ("today", _i(rf"{B}(?P<part>(?:early|late|later|earlier)\s+)?(?P<w>the\s+day\s+before\s+"
                 rf"yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)"
                 rf"(?:'s)?(?:\s+(?P<dp>morning|afternoon|evening|night))?(?![\w'-])"), h_today),
    ("thispart", _i(rf"{B}(?:(?:early|late|later|earlier)\s+)?(?P<rel>this|last)\s+"
                    rf"(?P<dp>morning|afternoon|evening|night)(?![\w-])"), h_thispart),
    ("weekday", rf"{B}(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|coming)\s+)?"
                rf"(?:(?i:early|late)\s+)?(?P<wd>{WEEKDAY})"
                rf"(?:\s+(?P<dp>(?i:morning|afternoon|evening|night)))?", h_weekday),
    ("rel", _i(rf"{B}(?P<pre>(?:so\s+far|earlier|later|early|late)\s+)?(?P<part>{PART})?"
               rf"(?P<rel>this\s+past|this\s+coming|the\s+current|the\s+past|the\s+previous|"
               rf"the\s+following|the\s+same|the\s+coming|the\s+next|the\s+latest|"
               rf"the\s+preceding|the\s+prior|the\s+last|this|last|next|current|past|previous|"
               rf"following|coming|that|the|latest|prior)\s+(?P<fisc>(?:fiscal|calendar|"
               rf"financial|full|whole|entire)\s+)?(?P<u>week|month|year|weekend|quarter|"
               rf"decade|century|day)(?![\w-]|\s+(?:old|or\s+two|and\s+a\s+half))"),
     lambda m: h_rel(m) if rel_ok(m) else None),
    ("yearend", _i(rf"{B}(?:the\s+)?year(?:-|\s+|'s\s+)end(?![\w-])"), h_yearend),
    ("ago", _i(rf"{B}(?:(?:about|nearly|almost|some|roughly|more\s+than|less\s+than|just|"
               rf"only|over)\s+)?(?P<n>{NUM}|{VAGUE})?{_NEEDS_SRC['ago']}"),
     lambda m: h_ago(m) if m["n"] or m["u"].lower().endswith("s") else None),
    ("agoa", _i(rf"{B}(?P<n>an?|one)\s+(?P<u>{UNIT})\s+(?P<dir>ago|earlier|later|before)"
                rf"(?=\s*[,.;)]|\s+(?:and|but|when|as|in|on|at|to|from|for|with)\b)"),
     h_ago),
    ("yearago", _i(rf"{B}(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year-(?P<dir>ago|"
                   rf"earlier)(?:\s+(?P<noun>quarter|period|month|level|results?|figures?))?"
                   rf"(?![\w-])"), h_yearago),
    ("nextday", _i(rf"{B}(?:(?:the\s+(?P<rel>next|following|previous|preceding|same|prior))|"
                   rf"(?P<rel2>that))\s+(?P<u>day|week|month|year|weekend)"
                   rf"(?:\s+(?P<dp>morning|afternoon|evening|night))?(?![\w-])"),
     h_next_day),
    ("daybefore", _i(rf"{B}the\s+(?P<u>day|week|month|year|night)\s+(?P<rel>before|after|"
                     rf"earlier|later)(?=\s*[,.;)]|\s+(?:and|but|when|as|in|on|at|to|with)\b)"),
     lambda m: h_next_day(_DayBefore(m))),
    ("ref", _i(rf"{B}{alt(k for k, v in REFS.items() if v)}(?![\w-])"), h_ref),
    ("holiday", _i(rf"{B}(?P<h>{alt(HOLIDAYS)})(?:\s+(?P<y>{YEAR}))?(?![\w-])"),
     lambda m: h_holiday(m) if m["h"][0].isupper() else None),
    ("duration", _i(rf"{B}(?:(?:the|a|an)\s+)?(?:(?:past|last|next|coming|first|previous|"
                    rf"following|final|latest|further|additional|more)\s+)?"
                    rf"(?:(?:about|nearly|almost|some|roughly|around|more\s+than|less\s+than|"
                    rf"at\s+least|up\s+to|over|just|only)\s+)?"
                    rf"(?:(?P<n2>{NUM})\s*(?:-|to|or)\s*)?"
                    rf"(?P<n>{NUM}|{VAGUE}){_NEEDS_SRC['duration']}"),
     h_duration),
    ("plural", _i(rf"{B}(?:for|over|in|within)\s+(?P<u>years|months|weeks|days|decades|hours)"
                  rf"(?![\w-])"), h_plural),
    ("set", _i(rf"{B}(?:(?:every|each|per)\s+(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT})|"
               rf"(?:every|each)\s+(?P<wd>{WEEKDAY})|(?:once|twice)\s+a\s+(?P<u2>{UNIT})"
               rf"|(?P<adv>daily|weekly|monthly|quarterly|annually|yearly|annual|nightly))"
               rf"(?![\w-])"), lambda m: h_set(_SetMatch(m))),
    ("clock", _i(rf"{B}(?:(?:at|about|around|by|until|before|after)\s+)?"
                 rf"(?:(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*"
                 rf"(?P<ap>a\.\s?m\.|p\.\s?m\.|am\b|pm\b)|(?P<w>noon|midnight)|"
                 rf"(?P<hh>[01]\d|2[0-3])[:.]?(?P<mm>[0-5]\d)\s+"
                 rf"(?=(?:GMT|UTC|CET|CEST|EST|EDT|local\s+time)\b))"
                 rf"(?:\s+(?:GMT|UTC|CET|CEST|EST|EDT|PST|PDT|local\s+time|\w+\s+time))?"
                 rf"(?P<day>,?\s+(?:on\s+)?(?:yesterday|today|tomorrow|{WEEKDAY}|"
                 rf"(?P<cmon>{MONTH})\s*(?P<cday>[0-3]?\d)(?![\d:])))?"),
     lambda m: h_clock(_ClockMatch(m))),
]


# Adapters: a pattern whose groups are named otherwise than its handler reads them.

class _QuarterMatch:
    """Adapts the quarter pattern's two relative-year slots to one."""

    def __init__(self, m: re.Match[str]):
        self.m = m

    def __getitem__(self, k: str, /) -> str | Any:
        if k == "yrel":
            return self.m["yrel"] or (self.m["yrel2"] if (self.m["yrel2"] or "").lower()
                                      != "the" else None)
        if k == "y":
            return self.m["y"] or self.m["y0"]
        return self.m[k]


class _DayBefore:
    """"the night before": the day before, at night."""

    def __init__(self, m: re.Match[str]):
        self.m = m

    def __getitem__(self, k: str, /) -> str | Any:
        if k == "rel":
            return self.m["rel"]
        if k == "u":
            return "day" if self.m["u"].lower() == "night" else self.m["u"]
        if k == "dp":
            return "night" if self.m["u"].lower() == "night" else None
        return None


class _SetMatch:
    """"every week" and "twice a week" name their unit in two slots."""

    def __init__(self, m: re.Match[str]):
        self.m = m

    def __getitem__(self, k: str, /) -> str | Any:
        if k == "u":
            return self.m["u"] or self.m["u2"]
        return self.m[k]


class _ClockMatch:
    """"5 p.m." and "1700 GMT" name the hour and minute in two pairs of slots."""

    def __init__(self, m: re.Match[str]):
        self.m = m

    def __getitem__(self, k: str, /) -> str | Any:
        if k == "h":
            return self.m["h"] or self.m["hh"]
        if k == "mi":
            return self.m["mi"] or self.m["mm"]
        return self.m[k]


# Words every match of a pattern contains, with room enough around them for the rest of any
# match (`KEY_BEFORE` characters before the word, `KEY_AFTER` after): a pattern with a key
# is scanned only near its key's words, which finds the matches a scan of the whole text
# finds (tests/extract/test_timex.py checks this on texts of every kind).
_KEY_SRC = {
    "dmy": MONTH, "mdy": MONTH, "month": MONTH, "weekday": WEEKDAY, "season": SEASON,
    "year": YEAR, "rel": _i(r"(?:week|month|year|weekend|quarter|decade|century|day)"),
    "duration": _i(_NEEDS_SRC["duration"]),
}
KEY_BEFORE, KEY_AFTER = 150, 80
COMPILED = [(name, re.compile(first_char_guard(rx)), h) for name, rx, h in PATTERNS]
KEYS = {name: re.compile(rx) for name, rx in _KEY_SRC.items()}
NEEDS = {name: re.compile(rx if name == "decade" else _i(rx)) for name, rx in _NEEDS_SRC.items()}
PRIORITY = {name: i for i, (name, _, _) in enumerate(PATTERNS)}
