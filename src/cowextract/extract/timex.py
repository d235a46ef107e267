"""Temporal tagging: find dates, times, durations and sets in news text and normalise
them to TimeML TIMEX3 values.

The work is done by our own patterns (lexicons in `data/timex.json`) over the text;
spaCy supplies the parse (to read the tense that decides whether "Friday" looks back or
forward) and its DATE/TIME entities as extra candidates, and dateparser is the last
fallback for an entity none of our patterns understands.  Relative expressions are
resolved against the publication date (deictic) or the last date mentioned (anaphoric);
without either the value is null, never today's clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from cowextract.models import DateValue, Precision, Timex
from cowextract.nlp.docs import doc_ents, doc_text
from cowextract.nlp.lemmas import lemma_of
from cowextract.nlp.prefilter import first_char_guard
from cowextract.resources import data

if TYPE_CHECKING:
    from spacy.tokens import Doc

_LEX: dict = data("timex.json")
MONTHS: dict[str, int] = _LEX["months"]
WEEKDAYS: dict[str, int] = _LEX["weekdays"]
SEASONS: dict[str, str] = _LEX["seasons"]
NUMBERS: dict[str, float] = _LEX["numbers"]
VAGUE: list[str] = _LEX["vague_numbers"]
ORDINALS: dict[str, int] = _LEX["ordinals"]
UNITS: dict[str, str] = _LEX["units"]
PARTS: dict[str, str] = _LEX["part_of_period"]
REFS: dict[str, str | None] = _LEX["refs"]
HOLIDAYS: dict[str, str] = _LEX["holidays"]
_WORD_NUM: dict[str, int] = _LEX["word_numbers"]
_DAY_ORDINALS: dict[str, int] = {**ORDINALS, **_LEX["day_ordinals"]}
_DEICTIC_DAY: dict[str, int] = _LEX["deictic_days"]
_DAYPART: dict[str, str] = _LEX["day_parts"]
_REL_SHIFT: dict[str, int] = _LEX["relative_shifts"]
_ANAPHORIC = frozenset(_LEX["anaphoric_relatives"])
_DAY_SHIFT: dict[str, int] = _LEX["day_shifts"]
_BACKWARD_DIR = frozenset(_LEX["backward_directions"])
_DEICTIC_DIR = frozenset(_LEX["deictic_directions"])
_SET_ADVERB: dict[str, str] = _LEX["set_adverbs"]
_FUTURE_AUX = frozenset(_LEX["future_auxiliaries"])
_FUTURE_LEMMAS = frozenset(_LEX["future_lemmas"])
_PASS_THROUGH = frozenset(_LEX["pass_through_pos"])
_YEAR_AS_MODIFIER_AFTER = frozenset(_LEX["year_as_modifier_after"])
_YEAR_AS_AMOUNT_AFTER = frozenset(_LEX["year_as_amount_after"])

Result = tuple[str, str | None, str | None, str | None]  # type, value, mod, anchor


@dataclass
class _Ctx:
    published: date | None
    previous: str | None
    future: bool | None


# --------------------------------------------------------------------------- regex parts

def _alt(words, *, flags: str = "") -> str:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                          reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _cased(words) -> list[str]:
    out = []
    for w in words:
        out += [w.capitalize(), w.upper()]
    return out


_MONTH = r"(?:" + "|".join(
    sorted(_cased(MONTHS), key=len, reverse=True)) + r")\b\.?"
_WD_FULL = [w for w in WEEKDAYS if w.endswith("day")]
_WEEKDAY = (r"(?:" + "|".join(sorted(_cased(_WD_FULL), key=len, reverse=True))
            + r"|(?:" + "|".join(_cased(w for w in WEEKDAYS if not w.endswith("day")))
            + r")\.)(?![\w-])")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d:%.,]\d|\d|-(?:year|month|week|day))"
_DAYW = ("(?i:(?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
         "|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
         "eighteenth|nineteenth|twentieth|thirtieth)(?![\\w-])")
_YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d)"
_ONES = "|".join(w for w, n in _WORD_NUM.items() if 1 <= n <= 9)
_TEENS = "|".join(w for w, n in _WORD_NUM.items() if 10 <= n <= 19)
_TENS = "|".join(w for w, n in _WORD_NUM.items() if n >= 20)
# broadcast transcripts spell years out: "nineteen ninety-six", "two thousand and one"
_YEAR_SPOKEN = (rf"(?i:(?:nineteen|twenty)[\s-](?:hundred|oh[\s-](?:{_ONES})|{_TEENS}|"
                rf"(?:{_TENS})(?:[\s-](?:{_ONES}))?)(?![\w-])|two\s+thousand(?:\s+and)?"
                rf"(?:\s+(?:{_ONES}|{_TEENS}))?(?![\w-]))")
_YEAR = rf"(?:{_YEAR_DIGITS}|{_YEAR_SPOKEN})"
_NUMW = _alt([k for k in NUMBERS if " " not in k] + ["twenty", "thirty", "forty", "fifty"],
             flags="i")
_NUM = (rf"(?:\d+(?:\.\d+)?|(?:{_NUMW})(?:[-\s](?:{_NUMW}))?)"
        rf"(?:\s+and\s+(?i:a\s+half|one-half))?")
_VAGUE = _alt(VAGUE, flags="i")
_UNIT = _alt(UNITS, flags="i")
_ORD = _alt(ORDINALS, flags="i")
_SEASON = _alt(SEASONS, flags="i")
_PART = (r"(?i:(?:the\s+)?(?:very\s+)?(?:early|mid|late)(?:-|\s+(?:in\s+)?)"
         r"|(?:the\s+|at\s+the\s+)?(?:beginning|start|middle|end|close|turn)\s+of\s+(?:the\s+)?)")
_DASH = r"\s*(?:-|–|—|/|to|through|until|and)\s*"
_B = r"(?<![\w.-])"


def _i(pattern: str) -> str:
    return f"(?i:{pattern})"


# --------------------------------------------------------------------------- value arithmetic

def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    day = min(d.day, _month_len(y, m))
    return date(y, m, day)


def _month_len(y: int, m: int) -> int:
    return ((date(y + m // 12, m % 12 + 1, 1)) - date(y, m, 1)).days


def _shift(d: date, n: int, unit: str) -> date:
    if unit in ("D",):
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    if unit == "2W":
        return d + timedelta(weeks=2 * n)
    if unit == "M":
        return _add_months(d, n)
    if unit == "Q":
        return _add_months(d, 3 * n)
    if unit == "H":
        return _add_months(d, 6 * n)
    mult = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
    if mult is None:
        return d
    return _add_months(d, 12 * mult * n)


def _render(d: date, gran: str) -> str:
    if gran == "D" or gran == "2W":
        return d.isoformat()
    if gran == "W":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if gran == "WE":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "H":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if gran == "DE":
        return f"{d.year // 10:03d}"
    if gran == "CE":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def _parse_value(value: str | None) -> tuple[date, str] | None:
    """A representative date and granularity of a TimeML value, for anaphoric arithmetic."""
    if not value or not value[:1].isdigit():
        return None
    v = value.split("/")[0]
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3])), "D"
    m = re.match(r"(\d{4})-W(\d{2})", v)
    if m:
        return date.fromisocalendar(int(m[1]), int(m[2]), 1), "W"
    m = re.match(r"(\d{4})-Q(\d)", v)
    if m:
        return date(int(m[1]), 3 * int(m[2]) - 2, 1), "Q"
    m = re.match(r"(\d{4})-H(\d)", v)
    if m:
        return date(int(m[1]), 6 * int(m[2]) - 5, 1), "H"
    m = re.match(r"(\d{4})-(SP|SU|FA|WI)", v)
    if m:
        return date(int(m[1]), _SEASON_MONTH[m[2]], 1), "Y"
    m = re.match(r"(\d{4})-(\d{2})", v)
    if m:
        return date(int(m[1]), int(m[2]), 1), "M"
    m = re.fullmatch(r"(\d{4})", v)
    if m:
        return date(int(m[1]), 1, 1), "Y"
    m = re.fullmatch(r"(\d{3})", v)
    if m:
        return date(int(m[1]) * 10, 1, 1), "DE"
    return None


def _nearest(cands: list[tuple[int, date]], ref: date, direction: bool | None, key,
             limit: int) -> date:
    """Pick from candidate dates the one nearest `ref` in the tense's direction."""
    scored = [(key(c) - key(ref), c) for _, c in cands]
    # the tense decides only between nearby candidates: a clause's tense often belongs to
    # the reporting verb ("declared a dividend payable Dec. 7"), not to the date
    if direction == "present":
        direction = None
    if isinstance(direction, str):
        # a weak tense (through a noun phrase) overrides the nearest date only when that
        # is far on the other side
        best = min(scored, key=lambda s: (abs(s[0]), -s[0] if s[0] > 0 else 0))
        far = limit // 4
        if direction == "weak-past" and best[0] > far:
            direction = False
        elif direction == "weak-future" and best[0] < -far:
            direction = True
        else:
            return best[1]
    if direction is True:
        fwd = [s for s in scored if 0 <= s[0] <= limit]
        if fwd:
            return min(fwd, key=lambda s: s[0])[1]
    elif direction is False:
        back = [s for s in scored if -limit <= s[0] <= 0]
        if back:
            return max(back, key=lambda s: s[0])[1]
    return min(scored, key=lambda s: (abs(s[0]), -s[0] if s[0] > 0 else 0))[1]


def _infer_md(month: int, day: int | None, ref: date, direction: bool | None) -> date | None:
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append((y, date(y, month, day or 1)))
        except ValueError:
            continue
    if not cands:
        return None
    if day is None:
        return _nearest(cands, ref, direction, lambda d: d.year * 12 + d.month, 11)
    return _nearest(cands, ref, direction, lambda d: d.toordinal(), 330)


def _anaphoric_year(month: int, day: int, ref: date, gran: str | None) -> int:
    """The year of a day and month read against the last date mentioned (no publication
    date). Tense says nothing here (it is relative to the writer's now, not to that date):
    narrative keeps the anchor's year, and moves on to the next one only when the date
    would otherwise fall most of a year behind the anchor."""
    if gran == "Y":
        return ref.year
    try:
        same = date(ref.year, month, min(day, _month_len(ref.year, month)))
    except ValueError:
        return ref.year
    return ref.year + 1 if (ref - same).days > 300 else ref.year


def _yint(text: str) -> int:
    """A year from digits or words ("nineteen ninety-six" -> 1996, "two thousand" -> 2000)."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    words = [w for w in re.split(r"[\s-]+", t) if w not in ("and", "oh")]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_NUM[w] for w in words[2:])
    if words[1] == "hundred":
        return _WORD_NUM[words[0]] * 100
    return _WORD_NUM[words[0]] * 100 + sum(_WORD_NUM[w] for w in words[1:])


def _num(text: str) -> float | None:
    t = re.sub(r"\s+", " ", text.lower().strip())
    half = 0.0
    m = re.search(r" and (?:a half|one-half)$", t)
    if m:
        half, t = 0.5, t[: m.start()]
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t) + half
    if t in NUMBERS:
        return float(NUMBERS[t]) + half
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        a, b = NUMBERS[parts[0]], NUMBERS[parts[1]]
        if a >= 20 and b < 10:
            return float(a + b) + half
    return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration(n: float | None, unit: str) -> str:
    if unit in ("S", "MIN", "H") and not (unit == "H" and n is None):
        return f"PT{_fmt_num(n)}{'M' if unit == 'MIN' else unit}"
    if unit == "H":
        return "PTXH"
    if unit == "2W":
        return f"P{_fmt_num(None if n is None else 2 * n)}W"
    return f"P{_fmt_num(n)}{unit}"


def _unit(word: str) -> str:
    return UNITS[re.sub(r"\s+", " ", word.lower())]


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _weekday(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def _part_mod(text: str | None) -> str | None:
    if not text:
        return None
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in PARTS:
            return PARTS[w]
    return None


def _pub(ctx: _Ctx) -> tuple[date | None, str | None]:
    if ctx.published is None:
        return None, None
    return ctx.published, f"published:{ctx.published.isoformat()}"


def _prev(ctx: _Ctx) -> tuple[date | None, str | None, str | None]:
    """The anaphoric anchor: the last date mentioned, else the publication date."""
    parsed = _parse_value(ctx.previous)
    if parsed:
        return parsed[0], parsed[1], f"previous:{ctx.previous}"
    if ctx.published:
        return ctx.published, "D", f"published:{ctx.published.isoformat()}"
    return None, None, None


# --------------------------------------------------------------------------- handlers
# Each handler gets a match and returns a resolver (ctx -> Result | None), or None when the
# match is not a temporal expression after all.

Resolver = Callable[[_Ctx], Result | None]
Handler = Callable[[re.Match], Resolver | None]


def _const(kind: str, value: str | None, mod: str | None = None) -> Resolver:
    return lambda ctx: (kind, value, mod, None)


def _h_iso(m: re.Match) -> Resolver | None:
    y, mo, d = _yint(m["y"]), int(m["m"]), int(m["d"])
    try:
        value = date(y, mo, d).isoformat()
    except ValueError:
        return None
    return _const("DATE", value)


def _h_numeric(m: re.Match) -> Resolver | None:
    a, b, y = int(m["a"]), int(m["b"]), _yint(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    mo, d = (a, b) if a <= 12 else (b, a)
    try:
        return _const("DATE", date(y, mo, d).isoformat())
    except ValueError:
        return None


def _dint(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits[0])
    t = text.lower()
    if "-" in t:
        a, b = t.split("-")
        return _WORD_NUM[a] + _DAY_ORDINALS[b]
    return _DAY_ORDINALS[t]


def _day_or_range(m: re.Match) -> Resolver | None:
    mo = _month(m["mon"])
    mo2 = _month(m["mon2"]) if m.groupdict().get("mon2") else mo
    d1 = _dint(m["d1"])
    d2 = int(re.match(r"\d+", m["d2"])[0]) if m["d2"] else None
    year = _yint(m["y"]) if m["y"] else None
    if not 1 <= d1 <= 31 or (d2 is not None and not 1 <= d2 <= 31):
        return None
    if m.groupdict().get("yr") and year is None:
        return None
    mod = _part_mod(m.groupdict().get("part"))

    def resolve(ctx: _Ctx) -> Result | None:
        anchor = None
        if year is not None:
            y = year
        else:
            ref, anchor = _pub(ctx)
            if ref is None:
                p = _parse_value(ctx.previous)
                if p is None:
                    return ("DATE", None, mod, None)
                y = _anaphoric_year(mo, d1, p[0], p[1])
                anchor = f"previous:{ctx.previous}"
            else:
                inferred = _infer_md(mo, d1, ref, ctx.future)
                if inferred is None:
                    return None
                y = inferred.year
        try:
            first = date(y, mo, d1)
            if d2 is None:
                return ("DATE", first.isoformat(), mod, anchor)
            y2 = y + 1 if mo2 < mo else y
            second = date(y2, mo2, d2)
        except ValueError:
            return None
        if second <= first:
            return None
        return ("DATE", f"{first.isoformat()}/{second.isoformat()}", mod, anchor)

    return resolve


def _h_month(m: re.Match) -> Resolver | None:
    word = m["mon"]
    rel = (m["rel"] or "").lower().split()
    year = _yint(m["y"]) if m["y"] else None
    yrel = (m["yrel"] or "").lower()
    mod = _part_mod(m["part"])
    if word.lower().rstrip(".") == "may" and year is None and not rel and not m["part"]:
        before = m.string[max(0, m.start() - 12): m.start()].lower()
        if not re.search(r"\b(in|of|since|until|till|by|from|to|through|during|early|late|"
                         r"mid|before|after|last|next|this|and|or|between)\s*$", before):
            return None
    mo = _month(word)

    def resolve(ctx: _Ctx) -> Result | None:
        if year is not None:
            return ("DATE", f"{year:04d}-{mo:02d}", mod, None)
        ref, anchor = _pub(ctx)
        if ref is None:
            p = _parse_value(ctx.previous)
            if p is None or rel or yrel:
                return ("DATE", None, mod, None)
            y = _anaphoric_year(mo, 1, p[0], p[1])
            return ("DATE", f"{y:04d}-{mo:02d}", mod, f"previous:{ctx.previous}")
        if yrel:
            return ("DATE", f"{ref.year + _REL_SHIFT[yrel]:04d}-{mo:02d}", mod, anchor)
        direction = ctx.future if ctx.future != "present" else None
        if "last" in rel or "past" in rel:
            y = ref.year if mo < ref.month else ref.year - 1
        elif "next" in rel or "coming" in rel:
            y = ref.year if mo > ref.month else ref.year + 1
        elif "this" in rel:
            y = ref.year
        else:
            y = _infer_md(mo, None, ref, direction).year
        return ("DATE", f"{y:04d}-{mo:02d}", mod, anchor)

    return resolve


def _h_year(m: re.Match) -> Resolver | None:
    if m["y"].lower().startswith("two") and not re.search(
            r"(?i)\b(?:year|in|by|since|until|of|before|after)\s+$", m.string[:m.start("y")]):
        return None
    y = _yint(m["y"])
    mod = _part_mod(m["part"])
    if m["y2"]:
        y2 = m["y2"]
        y2 = int(y2) if len(y2) == 4 else int(str(y)[:2] + y2)
        if y2 <= y:
            return None
        return _const("DATE", f"{y:04d}/{y2:04d}", mod)
    return _const("DATE", f"{y:04d}", mod)


def _h_decade(m: re.Match) -> Resolver | None:
    mod = _part_mod(m["part"])
    if m["dec"]:
        return _const("DATE", m["dec"][:3], mod)
    short = int(m["short"])

    def resolve(ctx: _Ctx) -> Result | None:
        century = 19
        if ctx.published and 2000 + short * 10 <= ctx.published.year:
            century = 20
        return ("DATE", f"{century}{short}", mod, None)

    return resolve


def _h_period(m: re.Match) -> Resolver | None:
    def resolve(ctx: _Ctx) -> Result | None:
        p = _parse_value(ctx.previous)
        if p is None or p[1] not in ("Q", "H", "M"):
            return None
        return ("DATE", ctx.previous, None, f"previous:{ctx.previous}")

    return resolve


def _h_century(m: re.Match) -> Resolver | None:
    n = ORDINALS.get(m["n"].lower()) or int(re.match(r"\d+", m["n"])[0])
    if n < 1:
        return None
    return _const("DATE", f"{n - 1:02d}", _part_mod(m["part"]))


def _h_quarter(m: re.Match) -> Resolver | None:
    q = m["q"]
    if q.lower() in ORDINALS:
        q = ORDINALS[q.lower()]
        q = 4 if q == -1 else q
    else:
        q = int(re.search(r"\d", q)[0])
    if not 1 <= q <= 4:
        return None
    unit = "H" if m["unit"].lower() == "half" else "Q"
    if unit == "H" and q > 2:
        return None
    if unit == "H" and m["q"].lower() == "last":
        q = 2
    year = _yint(m["y"]) if m["y"] else None
    rel = (m["yrel"] or "").lower()
    mod = _part_mod(m["part"])

    def resolve(ctx: _Ctx) -> Result | None:
        if year is not None:
            return ("DATE", f"{year}-{unit}{q}", mod, None)
        ref, anchor = _pub(ctx)
        if ref is None:
            p = _parse_value(ctx.previous)
            if p is None:
                return ("DATE", None, mod, None)
            ref, anchor = p[0], f"previous:{ctx.previous}"
            return ("DATE", f"{ref.year}-{unit}{q}", mod, anchor)
        y = ref.year
        if "last" in rel or "past" in rel or "ago" in rel or "earlier" in rel:
            y -= 1
        elif "next" in rel:
            y += 1
        elif not rel:
            cur = (ref.month - 1) // 3 + 1 if unit == "Q" else (ref.month - 1) // 6 + 1
            if q > cur and ctx.future is False:
                y -= 1
        return ("DATE", f"{y}-{unit}{q}", mod, anchor)

    return resolve


def _h_qabbr(m: re.Match) -> Resolver | None:
    q = int(m["q"])
    if not 1 <= q <= 4:
        return None
    y = m["y"] or m["y0"]
    if y:
        y = int(y) if len(y) == 4 else 2000 + int(y)
        return _const("DATE", f"{y}-Q{q}")

    def resolve(ctx: _Ctx) -> Result | None:
        ref, anchor = _pub(ctx)
        if ref is None:
            return ("DATE", None, None, None)
        return ("DATE", f"{ref.year}-Q{q}", None, anchor)

    return resolve


def _h_season(m: re.Match) -> Resolver | None:
    s = SEASONS[m["s"].lower()]
    year = _yint(m["y"]) if m["y"] else None
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    mod = _part_mod(m["part"])

    def resolve(ctx: _Ctx) -> Result | None:
        if year is not None:
            return ("DATE", f"{year}-{s}", mod, None)
        ref, anchor = _pub(ctx)
        if ref is None:
            return ("DATE", None, mod, None)
        y = ref.year
        cur = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
               8: "SU"}.get(ref.month, "FA")
        order = ["WI", "SP", "SU", "FA"]
        later = order.index(s) > order.index(cur)
        if "last" in rel or "past" in rel:
            y = y - 1 if later or s == cur else y
        elif "next" in rel or "coming" in rel:
            y = y + 1 if not later else y
        elif rel in ("this", ""):
            if ctx.future is False and later:
                y -= 1
        if s == "WI" and ref.month == 12 and "last" not in rel:
            y += 1
        return ("DATE", f"{y}-{s}", mod, anchor)

    return resolve


_GRAN_ORDER = ["D", "W", "M", "Q", "H", "Y", "DE", "CE"]


def _h_today(m: re.Match) -> Resolver | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    part = (m["dp"] or "").lower() or ("night" if word == "tonight" else "")
    mod = _part_mod(m["part"])

    def resolve(ctx: _Ctx) -> Result | None:
        ref, anchor = _pub(ctx)
        if ref is None:
            return ("TIME" if part else "DATE", None, mod, None)
        d = ref + timedelta(days=_DEICTIC_DAY[word])
        if part:
            return ("TIME", f"{d.isoformat()}T{_DAYPART[part]}", mod, anchor)
        return ("DATE", d.isoformat(), mod, anchor)

    return resolve


def _h_thispart(m: re.Match) -> Resolver | None:
    rel = m["rel"].lower()
    part = m["dp"].lower()

    def resolve(ctx: _Ctx) -> Result | None:
        ref, anchor = _pub(ctx)
        if ref is None:
            return ("TIME", None, None, None)
        d = ref - timedelta(days=1) if rel == "last" and part == "night" else ref
        return ("TIME", f"{d.isoformat()}T{_DAYPART[part]}", None, anchor)

    return resolve


def _h_weekday(m: re.Match) -> Resolver | None:
    wd = _weekday(m["wd"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()).strip()
    part = (m["dp"] or "").lower()

    def resolve(ctx: _Ctx) -> Result | None:
        ref, anchor = _pub(ctx)
        kind = "TIME" if part else "DATE"
        if ref is None:
            p = _parse_value(ctx.previous)
            if p is None or p[1] != "D":
                return (kind, None, None, None)
            ref, anchor = p[0], f"previous:{ctx.previous}"
        diff = wd - ref.isoweekday()
        if rel == "last" or rel == "this past":
            back = (-diff) % 7 or 7
            d = ref - timedelta(days=back)
        elif rel in ("next", "this coming", "coming"):
            d = ref + timedelta(days=diff % 7 or 7)
        elif ctx.future in (True, "present") or (rel == "this" and ctx.future is not False):
            d = ref + timedelta(days=diff % 7)
        else:
            d = ref - timedelta(days=(-diff) % 7)
        if part:
            return (kind, f"{d.isoformat()}T{_DAYPART[part]}", None, anchor)
        return (kind, d.isoformat(), None, anchor)

    return resolve


def _h_rel(m: re.Match) -> Resolver | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = _unit(m["u"])
    mod = _part_mod(m["part"]) or _part_mod(re.sub(r"(?i)earlier|later|so\s+far", "",
                                                    m["pre"] or ""))
    fiscal = bool(m["fisc"])
    if unit in ("S", "MIN", "H", "2W"):
        return None
    shift = _REL_SHIFT[rel]
    if unit == "CE" and rel == "the":
        return None

    def resolve(ctx: _Ctx) -> Result | None:
        anaphoric = rel in _ANAPHORIC
        if anaphoric and unit != "Q":
            ref, gran, anchor = _prev(ctx)
            if ref is None:
                return ("DATE", None, mod, None)
        else:
            ref, anchor = _pub(ctx)
            if ref is None:
                return ("DATE", None, mod, None)
        if unit == "Q" and shift == 0 and rel != "this" and "current" not in rel:
            # "the quarter", "the latest quarter": the quarter under discussion, else the
            # last one completed before publication
            p = _parse_value(ctx.previous)
            if p and p[1] == "Q":
                return ("DATE", ctx.previous, mod, f"previous:{ctx.previous}")
            return ("DATE", _render(_shift(ref, -1, "Q"), "Q"), mod, anchor)
        if unit == "WE" and rel in ("the", "this"):
            # the weekend just past unless the clause looks forward
            if ctx.future is True or ctx.future == "present":
                d = ref
            else:
                d = ref if ref.isoweekday() >= 6 else ref - timedelta(weeks=1)
            return ("DATE", _render(d, "WE"), mod, anchor)
        if rel in ("the", "the latest") and unit == "Y" and fiscal and "latest" in rel:
            return ("DATE", _render(_shift(ref, -1, "Y"), "Y"), mod, anchor)
        d = _shift(ref, shift, unit)
        return ("DATE", _render(d, unit), mod, anchor)

    return resolve


def _h_ago(m: re.Match) -> Resolver | None:
    n = _num(m["n"]) if m["n"] else None
    if m["n"] and n is None and not re.fullmatch(_VAGUE, m["n"]):
        return None
    unit = _unit(m["u"])
    word = m["dir"].lower()
    sign = -1 if word in _BACKWARD_DIR else 1
    deictic = word in _DEICTIC_DIR
    if unit in ("S", "MIN") or (n is not None and n != int(n)):
        return None

    def resolve(ctx: _Ctx) -> Result | None:
        if deictic:
            ref, anchor = _pub(ctx)
            gran = "D"
        else:
            ref, gran, anchor = _prev(ctx)
        if ref is None:
            return ("DATE", None, None, None)
        if n is None:
            return ("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, anchor)
        if unit == "H":
            return None
        target_gran = unit if unit not in ("2W",) else "D"
        prev = _parse_value(ctx.previous)
        if unit == "Y" and prev and prev[1] in ("Q", "H") and int(n) == 1:
            # a year before the quarter under discussion: the same quarter a year back
            target_gran, ref = prev[1], prev[0]
            anchor = f"previous:{ctx.previous}"
        elif not deictic and unit in ("Y", "M", "W", "D") and gran in ("D", "M", "Q"):
            target_gran = gran if _GRAN_ORDER.index(gran) <= _GRAN_ORDER.index(unit) else unit
        elif unit in ("D", "W", "WE") and gran == "D":
            target_gran = "D" if unit == "D" else unit
        elif not deictic and gran in ("M", "Y", "Q") and unit in ("D", "W"):
            return ("DATE", None, None, anchor)
        d = _shift(ref, sign * int(n), unit)
        return ("DATE", _render(d, target_gran), None, anchor)

    return resolve


def _h_yearago(m: re.Match) -> Resolver | None:
    word = m["dir"].lower()
    noun = (m["noun"] or "").lower()

    def resolve(ctx: _Ctx) -> Result | None:
        prev = _parse_value(ctx.previous)
        if prev and prev[1] in ("Q", "M", "H"):
            return ("DATE", _render(_shift(prev[0], -1, "Y"), prev[1]), None,
                    f"previous:{ctx.previous}")
        if word == "ago":
            ref, anchor = _pub(ctx)
        else:
            ref, _, anchor = _prev(ctx)
        if ref is None:
            return ("DATE", None, None, None)
        if noun == "quarter" and anchor and anchor.startswith("published"):
            return ("DATE", _render(_shift(ref, -5, "Q"), "Q"), None, anchor)
        return ("DATE", _render(_shift(ref, -1, "Y"), "Y"), None, anchor)

    return resolve


def _h_next_day(m: re.Match) -> Resolver | None:
    rel = re.sub(r"\s+", " ", (m["rel"] or m["rel2"] or "").lower())
    unit = _unit(m["u"]) if m["u"] else "D"
    part = (m["dp"] or "").lower()
    shift = _DAY_SHIFT[rel.split()[-1]]

    def resolve(ctx: _Ctx) -> Result | None:
        ref, gran, anchor = _prev(ctx)
        kind = "TIME" if part else "DATE"
        if ref is None:
            return (kind, None, None, None)
        if gran != "D" and unit == "D":
            return (kind, None, None, anchor)
        d = _shift(ref, shift, unit)
        value = _render(d, unit)
        if part:
            value = f"{d.isoformat()}T{_DAYPART[part]}"
        return (kind, value, None, anchor)

    return resolve


def _h_yearend(m: re.Match) -> Resolver | None:
    def resolve(ctx: _Ctx) -> Result | None:
        ref, anchor = _pub(ctx)
        if ref is None:
            return ("DATE", None, "END", None)
        return ("DATE", f"{ref.year}", "END", anchor)

    return resolve


def _h_ref(m: re.Match) -> Resolver | None:
    key = re.sub(r"\s+", " ", m[0].lower())
    value = REFS.get(key)
    if value is None:
        return None
    if key == "current":
        after = m.string[m.end(): m.end() + 20].lower()
        before = m.string[max(0, m.start() - 4): m.start()].lower()
        if re.search(r"\ban?\s+$", before) or re.match(r"\s*(of\b|,|\.)", after):
            return None
        if re.match(r"\s*(account|affairs|events|flow|form|assets|liabilit|source|"
                    r"electric|members?|president|leader|head|chair|minister|"
                    r"government|administration|proposal|plan|draft|version)", after):
            return None
    if key in ("the past", "in the past") and re.match(
            rf"\s+(?:{_NUM}|{_VAGUE})?[-\s]*(?:{_UNIT}|summers|winters|springs|autumns)\b",
            m.string[m.end(): m.end() + 30]):
        return None  # "the past three summers" is a duration or a set
    if key == "soon":
        before = m.string[max(0, m.start() - 4): m.start()].lower()
        after = m.string[m.end(): m.end() + 8].lower()
        if before.endswith("as ") or re.match(r"\s+(after|afterwards?|as)\b", after):
            return None
    if key == "future":
        before = m.string[max(0, m.start() - 12): m.start()].lower()
        if not re.search(r"\b(the|near|in)\s*$", before):
            return None
    return _const("DATE", value)


def _h_holiday(m: re.Match) -> Resolver | None:
    md = HOLIDAYS[re.sub(r"\s+", " ", m["h"].lower())]
    mo, d = int(md[:2]), int(md[3:])
    year = _yint(m["y"]) if m["y"] else None

    def resolve(ctx: _Ctx) -> Result | None:
        if year is not None:
            return ("DATE", f"{year}-{md}", None, None)
        ref, anchor = _pub(ctx)
        if ref is None:
            return ("DATE", None, None, None)
        return ("DATE", _infer_md(mo, d, ref, ctx.future).isoformat(), None, anchor)

    return resolve


def _h_duration(m: re.Match) -> Resolver | None:
    unit = _unit(m["u"])
    if unit == "S" and m["u"].lower() == "second" and not m["n"][:1].isdigit():
        return None  # "a second official"
    if m["n"] and re.fullmatch(_VAGUE, m["n"]):
        n = None
    elif m["n"]:
        n = _num(m["n"])
        if n is None:
            return None
    else:
        n = None
    if m["n2"]:
        n = _num(m["n2"]) if _num(m["n2"]) is not None else n
    if unit == "WE":
        return None
    return _const("DURATION", _duration(n, unit))


def _h_plural(m: re.Match) -> Resolver | None:
    return _const("DURATION", _duration(None, _unit(m["u"])))


def _h_set(m: re.Match) -> Resolver | None:
    if m["wd"]:
        return _const("SET", f"XXXX-WXX-{_weekday(m['wd'])}")
    if m["adv"]:
        unit = _SET_ADVERB[m["adv"].lower()]
        return _const("SET", _duration(1, unit))
    unit = _unit(m["u"])
    n = _num(m["n"]) if m["n"] else 1
    return _const("SET", _duration(n or 1, unit))


def _h_clock(m: re.Match) -> Resolver | None:
    h = int(m["h"]) if m["h"] else None
    mi = int(m["mi"]) if m["mi"] else 0
    ap = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
    word = (m["w"] or "").lower()
    if word:
        h, mi = (12, 0) if word == "noon" else (24, 0)
    if h is None or h > 24 or mi > 59:
        return None
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    day = (m["day"] or "").lower()
    wd = next((w for w in re.findall(r"[a-z]+", day) if w in WEEKDAYS), None)
    cal = (_month(m["cmon"]), int(m["cday"])) if m["cmon"] else None
    if cal and not 1 <= cal[1] <= 31:
        return None

    def resolve(ctx: _Ctx) -> Result | None:
        ref, anchor = _pub(ctx)
        if ref is None:
            return ("TIME", None, None, None)
        d = ref
        if "yesterday" in day:
            d = ref - timedelta(days=1)
        elif "tomorrow" in day:
            d = ref + timedelta(days=1)
        elif cal:
            d = _infer_md(cal[0], cal[1], ref, ctx.future) or ref
        elif wd:
            diff = WEEKDAYS[wd] - ref.isoweekday()
            d = ref + timedelta(days=diff % 7) if ctx.future else ref - timedelta(
                days=(-diff) % 7)
        return ("TIME", f"{d.isoformat()}T{h:02d}:{mi:02d}", None, anchor)

    return resolve


# --------------------------------------------------------------------------- the patterns

_WDPRE = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"
# What every match of a rarely matching pattern contains, so that a text without it is not
# scanned by that pattern at all (each is a part of its own pattern, written once for both).
_NEEDS_SRC = {
    "decade": r"0'?s(?![\w])",  # both of its forms end so
    "century": r"[-\s]century",
    "quarter": r"[-\s](?:fiscal\s+)?(?P<unit>quarter|half)",
    "ago": rf"[-\s](?P<u>{_UNIT})\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now|hence|"
           rf"back)(?![\w-])",
    "duration": rf"[-\s](?P<u>{_UNIT})(?![\w-]|-old)",
}
_YR_OPT = rf"(?:(?P<yr>,?\s+(?:of\s+)?(?P<y>{_YEAR})(?![\w-]))|(?![\w-]))"
_PATTERNS: list[tuple[str, str, Handler]] = [
    ("iso", rf"{_B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])", _h_iso),
    ("numeric", rf"{_B}(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<y>\d{{4}}|\d{{2}})(?![\d/])",
     _h_numeric),
    ("dmy", rf"{_B}(?P<part>{_PART})?{_WDPRE}(?P<d1>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?"
            rf"(?:\s+of)?\s+(?P<mon>{_MONTH}){_YR_OPT}", _day_or_range),
    ("mdy", rf"{_B}(?P<part>{_PART})?{_WDPRE}(?P<mon>{_MONTH})\s*(?P<d1>{_DAY}|{_DAYW})"
            rf"(?:{_DASH}(?P<d2>{_DAY}))?{_YR_OPT}", _day_or_range),
    ("month", rf"{_B}(?P<part>{_PART})?(?P<rel>(?i:this\s+past|this\s+coming|last|next|this)\s+)?"
              rf"(?P<mon>{_MONTH})(?:(?:\s+of|,)?\s+(?P<y>{_YEAR})|\s+(?P<yrel>(?i:this|last|next))"
              rf"\s+(?i:year))?(?![\w-])", _h_month),
    ("year", rf"{_B}(?P<part>{_PART})?(?:(?i:fiscal|calendar|financial|model|the\s+year|"
             rf"fiscal\s+year|FY)\s*)?(?P<y>{_YEAR})(?:\s*(?:-|–|/|to)\s*"
             rf"(?P<y2>{_YEAR}|\d\d))?(?![\w-]|\.\d)", _h_year),
    ("decade", rf"{_B}(?P<part>{_PART})?(?:(?i:the)\s+)?(?:(?P<dec>\d{{3}}0)'?s|"
               rf"['‘’](?P<short>\d)0'?s)(?![\w])", _h_decade),
    ("decadew", _i(rf"{_B}(?P<part>{_PART})?the\s+(?P<w>twenties|thirties|forties|fifties|"
                   rf"sixties|seventies|eighties|nineties)(?![\w-])"),
     lambda m: _const("DATE", f"19{_WORD_NUM[m['w'].lower()[:-3] + 'y']// 10}",
                      _part_mod(m["part"]))),
    ("period", _i(rf"{_B}(?:the\s+)?(?P<rel>latest|same|current|most\s+recent)\s+"
                  rf"(?:(?:three|six|nine|twelve)-month\s+)?(?:reporting\s+)?period(?![\w-])"),
     _h_period),
    ("century", _i(rf"{_B}(?P<part>{_PART})?(?:the\s+)?(?P<n>{_ORD}|\d{{1,2}}(?:st|nd|rd|th))"
                   rf"{_NEEDS_SRC['century']}"), _h_century),
    ("quarter", _i(rf"{_B}(?P<part>{_PART})?(?:the\s+)?(?:(?P<yrel>this\s+year's|last\s+year's|"
                   rf"next\s+year's|the\s+year-ago|the\s+year-earlier|year-ago|year-earlier)\s+"
                   rf"|(?P<y0>{_YEAR})\s+)?(?:fiscal\s+|calendar\s+)?(?P<q>first|second|third|"
                   rf"fourth|final|last|1st|2nd|3rd|4th){_NEEDS_SRC['quarter']}"
                   rf"(?:\s+of\s+(?:fiscal\s+|the\s+)?(?:(?P<y>{_YEAR})|"
                   rf"(?P<yrel2>this|last|next|the)\s+(?:fiscal\s+)?year))?(?![\w-])"),
     lambda m: _h_quarter(_QuarterMatch(m))),
    ("qabbr", rf"{_B}(?:(?P<y0>{_YEAR})\s*)?Q(?P<q>[1-4])(?:\s*(?:of\s+)?"
              rf"(?P<y>{_YEAR}|\d\d))?(?![\w])", _h_qabbr),
    ("season", _i(rf"{_B}(?P<part>{_PART})?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|"
                  rf"the|coming|past)\s+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?"
                  rf"(?![\w-])"), lambda m: _h_season(m) if (m["rel"] or m["y"] or m["part"])
     else None),
    ("today", _i(rf"{_B}(?P<part>(?:early|late|later|earlier)\s+)?(?P<w>the\s+day\s+before\s+"
                 rf"yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)"
                 rf"(?:'s)?(?:\s+(?P<dp>morning|afternoon|evening|night))?(?![\w'-])"), _h_today),
    ("thispart", _i(rf"{_B}(?:(?:early|late|later|earlier)\s+)?(?P<rel>this|last)\s+"
                    rf"(?P<dp>morning|afternoon|evening|night)(?![\w-])"), _h_thispart),
    ("weekday", rf"{_B}(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|coming)\s+)?"
                rf"(?:(?i:early|late)\s+)?(?P<wd>{_WEEKDAY})"
                rf"(?:\s+(?P<dp>(?i:morning|afternoon|evening|night)))?", _h_weekday),
    ("rel", _i(rf"{_B}(?P<pre>(?:so\s+far|earlier|later|early|late)\s+)?(?P<part>{_PART})?"
               rf"(?P<rel>this\s+past|this\s+coming|the\s+current|the\s+past|the\s+previous|"
               rf"the\s+following|the\s+same|the\s+coming|the\s+next|the\s+latest|"
               rf"the\s+preceding|the\s+prior|the\s+last|this|last|next|current|past|previous|"
               rf"following|coming|that|the|latest|prior)\s+(?P<fisc>(?:fiscal|calendar|"
               rf"financial|full|whole|entire)\s+)?(?P<u>week|month|year|weekend|quarter|"
               rf"decade|century|day)(?![\w-]|\s+(?:old|or\s+two|and\s+a\s+half))"),
     lambda m: _h_rel(m) if _rel_ok(m) else None),
    ("yearend", _i(rf"{_B}(?:the\s+)?year(?:-|\s+|'s\s+)end(?![\w-])"), _h_yearend),
    ("ago", _i(rf"{_B}(?:(?:about|nearly|almost|some|roughly|more\s+than|less\s+than|just|"
               rf"only|over)\s+)?(?P<n>{_NUM}|{_VAGUE})?{_NEEDS_SRC['ago']}"),
     lambda m: _h_ago(m) if m["n"] or m["u"].lower().endswith("s") else None),
    ("agoa", _i(rf"{_B}(?P<n>an?|one)\s+(?P<u>{_UNIT})\s+(?P<dir>ago|earlier|later|before)"
                rf"(?=\s*[,.;)]|\s+(?:and|but|when|as|in|on|at|to|from|for|with)\b)"),
     _h_ago),
    ("yearago", _i(rf"{_B}(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year-(?P<dir>ago|"
                   rf"earlier)(?:\s+(?P<noun>quarter|period|month|level|results?|figures?))?"
                   rf"(?![\w-])"), _h_yearago),
    ("nextday", _i(rf"{_B}(?:(?:the\s+(?P<rel>next|following|previous|preceding|same|prior))|"
                   rf"(?P<rel2>that))\s+(?P<u>day|week|month|year|weekend)"
                   rf"(?:\s+(?P<dp>morning|afternoon|evening|night))?(?![\w-])"),
     _h_next_day),
    ("daybefore", _i(rf"{_B}the\s+(?P<u>day|week|month|year|night)\s+(?P<rel>before|after|"
                     rf"earlier|later)(?=\s*[,.;)]|\s+(?:and|but|when|as|in|on|at|to|with)\b)"),
     lambda m: _h_next_day(_DayBefore(m))),
    ("ref", _i(rf"{_B}{_alt(k for k, v in REFS.items() if v)}(?![\w-])"), _h_ref),
    ("holiday", _i(rf"{_B}(?P<h>{_alt(HOLIDAYS)})(?:\s+(?P<y>{_YEAR}))?(?![\w-])"),
     lambda m: _h_holiday(m) if m["h"][0].isupper() else None),
    ("duration", _i(rf"{_B}(?:(?:the|a|an)\s+)?(?:(?:past|last|next|coming|first|previous|"
                    rf"following|final|latest|further|additional|more)\s+)?"
                    rf"(?:(?:about|nearly|almost|some|roughly|around|more\s+than|less\s+than|"
                    rf"at\s+least|up\s+to|over|just|only)\s+)?"
                    rf"(?:(?P<n2>{_NUM})\s*(?:-|to|or)\s*)?"
                    rf"(?P<n>{_NUM}|{_VAGUE}){_NEEDS_SRC['duration']}"),
     _h_duration),
    ("plural", _i(rf"{_B}(?:for|over|in|within)\s+(?P<u>years|months|weeks|days|decades|hours)"
                  rf"(?![\w-])"), _h_plural),
    ("set", _i(rf"{_B}(?:(?:every|each|per)\s+(?:(?P<n>{_NUM})\s+)?(?P<u>{_UNIT})|"
               rf"(?:every|each)\s+(?P<wd>{_WEEKDAY})|(?:once|twice)\s+a\s+(?P<u2>{_UNIT})"
               rf"|(?P<adv>daily|weekly|monthly|quarterly|annually|yearly|annual|nightly))"
               rf"(?![\w-])"), lambda m: _h_set(_SetMatch(m))),
    ("clock", _i(rf"{_B}(?:(?:at|about|around|by|until|before|after)\s+)?"
                 rf"(?:(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*"
                 rf"(?P<ap>a\.\s?m\.|p\.\s?m\.|am\b|pm\b)|(?P<w>noon|midnight)|"
                 rf"(?P<hh>[01]\d|2[0-3])[:.]?(?P<mm>[0-5]\d)\s+"
                 rf"(?=(?:GMT|UTC|CET|CEST|EST|EDT|local\s+time)\b))"
                 rf"(?:\s+(?:GMT|UTC|CET|CEST|EST|EDT|PST|PDT|local\s+time|\w+\s+time))?"
                 rf"(?P<day>,?\s+(?:on\s+)?(?:yesterday|today|tomorrow|{_WEEKDAY}|"
                 rf"(?P<cmon>{_MONTH})\s*(?P<cday>[0-3]?\d)(?![\d:])))?"),
     lambda m: _h_clock(_ClockMatch(m))),
]


class _QuarterMatch:
    """Adapts the quarter pattern's two relative-year slots to one."""

    def __init__(self, m: re.Match):
        self.m = m

    def __getitem__(self, k):
        if k == "yrel":
            return self.m["yrel"] or (self.m["yrel2"] if (self.m["yrel2"] or "").lower()
                                      != "the" else None)
        if k == "y":
            return self.m["y"] or self.m["y0"]
        return self.m[k]


class _DayBefore:
    def __init__(self, m: re.Match):
        self.m = m

    def __getitem__(self, k):
        if k == "rel":
            return self.m["rel"]
        if k == "u":
            return "day" if self.m["u"].lower() == "night" else self.m["u"]
        if k == "dp":
            return "night" if self.m["u"].lower() == "night" else None
        return None


class _SetMatch:
    def __init__(self, m: re.Match):
        self.m = m

    def __getitem__(self, k):
        if k == "u":
            return self.m["u"] or self.m["u2"]
        return self.m[k]


class _ClockMatch:
    def __init__(self, m: re.Match):
        self.m = m

    def __getitem__(self, k):
        if k == "h":
            return self.m["h"] or self.m["hh"]
        if k == "mi":
            return self.m["mi"] or self.m["mm"]
        if k in ("cmon", "cday"):
            return self.m[k]
        return self.m[k]


def _rel_ok(m: re.Match) -> bool:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["u"].lower()
    if rel in ("the", "that", "the same", "same") and unit == "day":
        return False
    if rel in ("the past", "the last", "past") and unit in ("week", "month", "day", "decade"):
        return False  # "the past week" is a duration
    if rel in ("the next", "the following", "the previous", "the preceding", "the prior",
               "the same") and unit in ("day", "week", "month", "year", "weekend"):
        return False  # handled anaphorically by `nextday`
    if rel == "the" and unit in ("century", "decade", "weekend", "month") and not m["part"]:
        return unit == "weekend"
    after = m.string[m.end(): m.end() + 12]
    if unit != "quarter" and rel in ("the", "the latest", "the current", "the same",
                                     "that") and re.match(
            r"\s+(?:that\s+)?(?:ended|ending|ends|to\s+date)\b", after):
        return False  # "the year ended March 31": the date is the timex
    if rel == "the" and not m["part"] and not m["fisc"]:
        if re.match(r"\s+(?:before|after|ago|earlier|later)\b", after):
            return False
    words = m[0].split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and not _sentence_start(m):
        return False  # a title: "This Week", "Next Year's Model"
    return True


def _sentence_start(m: re.Match) -> bool:
    before = m.string[max(0, m.start() - 3): m.start()]
    return not before.strip() or re.search(r"[.!?:\"“'‘(\n]\s*$", before) is not None


_COMPILED = [(name, re.compile(first_char_guard(rx)), h) for name, rx, h in _PATTERNS]
_NEEDS = {name: re.compile(rx if name == "decade" else _i(rx)) for name, rx in _NEEDS_SRC.items()}
_PRIORITY = {name: i for i, (name, _, _) in enumerate(_PATTERNS)}


# --------------------------------------------------------------------------- tense

def _verb_tense(v) -> bool | None | str:
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return True
    if v.lower_ in _FUTURE_AUX:
        return True
    if any(a.lower_ == "going" for a in auxes) and any(a.lower_ == "to" for a in auxes):
        return True
    if any(a.tag_ == "MD" for a in auxes):
        return "present"  # would, could, may: no direction
    if any(a.tag_ == "VBD" for a in auxes):
        return False
    if any(lemma_of(a) == "have" for a in auxes):
        return False
    if v.tag_ == "VBD":
        return False
    if v.tag_ == "VBN" and not auxes:
        return False
    if v.tag_ == "VBG" and any(lemma_of(a) == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return True
    if v.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        head = v.head
        if head is not v and (lemma_of(head) in _FUTURE_LEMMAS or (
                lemma_of(head) == "be" and head.tag_ in ("VBZ", "VBP"))):
            return True
        return None
    if v.tag_ in ("VBZ", "VBP"):
        return "present" if lemma_of(v) in ("say", "be", "have", "tell") else "present-event"
    return None


def _tense(doc: Doc, start: int, end: int) -> bool | str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return None
    tok = span.root
    weak = False
    for _ in range(8):
        if tok.tag_.startswith("VB") or tok.tag_ == "MD":
            r = _verb_tense(tok)
            if r == "present":
                return None
            if r == "present-event":
                return None if weak else "present"
            if r is not None:
                return ("weak-future" if r else "weak-past") if weak else r
        elif tok not in span and tok.pos_ not in _PASS_THROUGH:
            # "payable Dec. 7", "the Nov. 1 deadline": the date modifies a noun phrase, and
            # the tense of the clause around it says little about the date
            weak = True
        if tok.head is tok:
            break
        tok = tok.head
    return None



# --------------------------------------------------------------------------- spaCy entities

_DP_CACHE_SIZE = 4096


@lru_cache(maxsize=_DP_CACHE_SIZE)
def _dateparser_value(text: str, published: date | None) -> str | None:
    """Last resort for a spaCy DATE entity our patterns do not read: an absolute date only."""
    if published is None or not re.search(rf"\d{{4}}|{_MONTH}", text):
        return None
    from datetime import datetime

    import dateparser

    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        dt = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if dt is None:
        return None
    if re.search(r"\b\d{1,2}\b", re.sub(r"\d{4}", "", text)) and re.search(_MONTH, text):
        return dt.date().isoformat()
    if re.search(_MONTH, text):
        return f"{dt.year:04d}-{dt.month:02d}"
    return f"{dt.year:04d}"


# --------------------------------------------------------------------------- public API

_ABBREV_END = re.compile(r"(?:\b[A-Z][a-z]{1,3}|[ap]\.\s?m)\.$")


def _candidates(text: str) -> list[tuple[int, int, str, Resolver]]:
    found = []
    for name, rx, handler in _COMPILED:
        needs = _NEEDS.get(name)
        if needs is not None and needs.search(text) is None:
            continue
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            resolver = handler(m)
            if resolver is not None:
                s, e = m.start(), m.end()
                while e > s and text[e - 1] in " ,\t\n":
                    e -= 1
                if text[e - 1] == "." and not _ABBREV_END.search(text, s, e):
                    e -= 1
                found.append((s, e, name, resolver))
    return found


def _select(cands, text: str) -> list[tuple[int, int, str, Resolver]]:
    chosen: list[tuple[int, int, str, Resolver]] = []
    taken = bytearray(len(text) + 1)
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), _PRIORITY[c[2]], c[0])):
        if any(taken[c[0]:c[1]]):
            continue
        taken[c[0]:c[1]] = b"\x01" * (c[1] - c[0])
        chosen.append(c)
    return sorted(chosen, key=lambda c: c[0])


def _year_ok(doc: Doc, s: int, e: int, text: str) -> bool:
    """A bare four-digit number is a year unless it reads as a count or an amount."""
    before = text[max(0, s - 3):s]
    after = text[e:e + 12].lower()
    if re.search(r"[$€£#№]\s*$", before) or re.match(r"\s*(%|per\s?cent|percent|million|"
                                                       r"billion|thousand|bn|m\b)", after):
        return False
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return True
    tok = span[-1]
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if (tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS")
            and prev not in _YEAR_AS_MODIFIER_AFTER):
        return False  # "2000 troops", but "the 2026 elections"
    if any(t.ent_type_ in ("DATE", "TIME") for t in span):
        return True
    if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS"):
        return False
    if tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT") and tok.dep_ in (
            "nummod", "dobj", "nsubj", "pobj") and tok.head.tag_ in ("NNS", "NNPS", "IN"):
        return prev in _YEAR_AS_AMOUNT_AFTER
    return True


def _is_bare_year(name: str, text: str) -> bool:
    return name == "year" and re.fullmatch(r"\d{4}", text) is not None


# comparisons ("up from $3 million a year earlier") look back without moving the story's
# reference time, so they do not become the anchor of the next anaphor
_BACKWARD = {"ago", "agoa", "yearago"}


# "until January", "by mid-November": a boundary, whose side the clause's tense does not tell
_DEADLINE = re.compile(r"\b(?:until|till|through|by|before|effective|due)\s+$", re.I)


def tag(doc: Doc, published: date | None) -> list[Timex]:
    """Find the temporal expressions in a parsed article and normalise each.

    Offsets are character offsets into `doc.text`; the result is sorted and non-overlapping.
    Deictic expressions are resolved against `published` (value null without it),
    anaphoric ones against the last date mentioned before them."""
    text = doc_text(doc)
    cands = _candidates(text)
    cands = [c for c in cands
             if not _is_bare_year(c[2], text[c[0]:c[1]]) or _year_ok(doc, c[0], c[1], text)]
    chosen = _select(cands, text)
    chosen = _add_entities(doc, chosen, published)
    out: list[Timex] = []
    previous: str | None = None
    for s, e, _name, resolver in chosen:
        tense = None if _DEADLINE.search(text, max(0, s - 12), s) else _tense(doc, s, e)
        ctx = _Ctx(published, previous, tense)
        res = resolver(ctx)
        if res is None:
            continue
        kind, value, mod, anchor = res
        out.append(Timex(text=text[s:e], start=s, end=e, type=kind, value=value, mod=mod,
                         anchor=anchor))
        # A span of years ("2026-27") names a period under discussion, not the time the
        # narrative has reached: it does not become the anchor for what follows.
        span_of_years = value is not None and re.fullmatch(r"\d{4}/\d{4}", value)
        if (kind in ("DATE", "TIME") and _parse_value(value) is not None
                and _name not in _BACKWARD and not span_of_years):
            previous = value.split("T")[0] if "T" in value else value
    return out


def _add_entities(doc: Doc, chosen, published: date | None):
    """spaCy DATE entities that none of our patterns covered and that dateparser can read."""
    taken = bytearray(len(doc_text(doc)) + 1)
    for s, e, *_ in chosen:
        taken[s:e] = b"\x01" * (e - s)
    extra = []
    for ent in doc_ents(doc):
        if ent.label_ != "DATE" or any(taken[ent.start_char:ent.end_char]):
            continue
        if re.fullmatch(r"\d+", ent.text):
            continue  # a bare number our year rules already turned down
        value = _dateparser_value(ent.text, published)
        if value is None:
            continue
        extra.append((ent.start_char, ent.end_char, "entity", _const("DATE", value)))
    if not extra:
        return chosen
    return sorted(chosen + extra, key=lambda c: c[0])


_PRIORITY["entity"] = len(_PRIORITY)


def tag_text(text: str, published: date | None, nlp) -> list[Timex]:
    """Parse `text` with the spaCy pipeline `nlp` and tag it (see `tag`)."""
    return tag(nlp(text), published)


def normalize(text: str, published: date | None, *, previous: str | None = None,
              future: bool | None = None) -> tuple[str, str | None, str | None] | None:
    """Normalise one temporal expression on its own: `(type, value, mod)`, or None when the
    text is not a temporal expression.  `previous` is the anaphoric anchor (a TimeML value)
    and `future` the tense of the clause (True future, False past, None unknown)."""
    t = text.strip()
    for _name, rx, handler in _COMPILED:
        m = rx.fullmatch(t)
        if m is None:
            continue
        resolver = handler(m)
        if resolver is None:
            continue
        res = resolver(_Ctx(published, previous, future))
        if res is not None:
            return res[0], res[1], res[2]
    return None


_PRECISION_RULES: list[tuple[str, Precision]] = [
    (r".*/.*", "interval"),
    (r"\d{4}-\d{2}-\d{2}T.*|T.*", "time"),
    (r"\d{4}-\d{2}-\d{2}", "day"),
    (r"\d{4}-W\d{2}(-WE)?", "week"),
    (r"\d{4}-\d{2}", "month"),
    (r"\d{4}-Q\d", "quarter"),
    (r"\d{4}-H\d", "half"),
    (r"\d{4}-(SP|SU|FA|WI)", "season"),
    (r"\d{4}", "year"),
    (r"\d{3}", "decade"),
    (r"\d{2}", "century"),
    (r"(PRESENT|PAST|FUTURE)_REF", "ref"),
]


def precision_of(value: str | None) -> Precision | None:
    """The granularity of a TimeML DATE/TIME value ("2025-11" -> "month"), None if unknown."""
    if not value:
        return None
    for rx, prec in _PRECISION_RULES:
        if re.fullmatch(rx, value):
            return prec
    return None


def to_date_value(t: Timex) -> DateValue:
    """The `DateValue` an event carries for a tagged expression."""
    return DateValue(value=t.value, text=t.text, precision=precision_of(t.value), mod=t.mod)
