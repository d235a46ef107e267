"""Handlers of named calendar expressions: a day in any of the usual formats, a range of
days, a month, a year, a decade, a century, a quarter or half, a season, a holiday, a clock
time. Those that omit the year take it from the publication date and the tense, or, without
a publication date, from the last date mentioned."""

from __future__ import annotations

import re
from datetime import date, timedelta

from cowextract.extract.timex.anchors import (
    Context,
    Groups,
    Resolver,
    Result,
    const,
    deictic_anchor,
)
from cowextract.extract.timex.calendar import (
    SEASON_ORDER,
    anaphoric_year,
    infer_day,
    infer_month,
    parse_value,
    season_of,
    weekday_year,
)
from cowextract.extract.timex.vocabulary import (
    HOLIDAYS,
    ORDINALS,
    RELATIVE_SHIFTS,
    SEASONS,
    WEEKDAYS,
    WORD_NUMBERS,
    part_mod,
    read_day,
    read_leading_int,
    read_month,
    read_weekday,
    read_year,
)


def h_iso(m: re.Match[str]) -> Resolver | None:
    y, mo, d = read_year(m["y"]), int(m["m"]), int(m["d"])
    try:
        value = date(y, mo, d).isoformat()
    except ValueError:
        return None
    return const("DATE", value)


def h_numeric(m: re.Match[str]) -> Resolver | None:
    a, b, y = int(m["a"]), int(m["b"]), read_year(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    mo, d = (a, b) if a <= 12 else (b, a)
    try:
        return const("DATE", date(y, mo, d).isoformat())
    except ValueError:
        return None


def h_day_or_range(m: re.Match[str]) -> Resolver | None:
    mo = read_month(m["mon"])
    mo2 = read_month(m["mon2"]) if m.groupdict().get("mon2") else mo
    d1 = read_day(m["d1"])
    d2 = read_leading_int(m["d2"]) if m["d2"] else None
    year = read_year(m["y"]) if m["y"] else None
    if not 1 <= d1 <= 31 or (d2 is not None and not 1 <= d2 <= 31):
        return None
    if m.groupdict().get("yr") and year is None:
        return None
    mod = part_mod(m.groupdict().get("part"))
    wd = read_weekday(m["wdp"]) if m.groupdict().get("wdp") else None

    def resolve(ctx: Context) -> Result | None:
        anchor = None
        if year is not None:
            y = year
        else:
            ref, anchor = deictic_anchor(ctx)
            if ref is None:
                p = parse_value(ctx.previous)
                if p is None:
                    return ("DATE", None, mod, None)
                y = anaphoric_year(mo, d1, p[0], p[1])
                anchor = f"previous:{ctx.previous}"
            else:
                inferred = infer_day(mo, d1, ref, ctx.future)
                if inferred is None:
                    return None
                y = inferred.year
            y = weekday_year(y, mo, d1, wd)
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


# the words before a bare "May" that make it the month rather than the verb
_MAY_MONTH_AFTER = re.compile(r"\b(in|of|since|until|till|by|from|to|through|during|early|"
                              r"late|mid|before|after|last|next|this|and|or|between)\s*$")


def _may_is_a_verb(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 12): m.start()].lower()
    return not _MAY_MONTH_AFTER.search(before)


def h_month(m: re.Match[str]) -> Resolver | None:
    word = m["mon"]
    rel = (m["rel"] or "").lower().split()
    year = read_year(m["y"]) if m["y"] else None
    yrel = (m["yrel"] or "").lower()
    mod = part_mod(m["part"])
    if (word.lower().rstrip(".") == "may" and year is None and not rel and not m["part"]
            and _may_is_a_verb(m)):
        return None
    mo = read_month(word)

    def resolve(ctx: Context) -> Result | None:
        if year is not None:
            return ("DATE", f"{year:04d}-{mo:02d}", mod, None)
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            p = parse_value(ctx.previous)
            if p is None or rel or yrel:
                return ("DATE", None, mod, None)
            y = anaphoric_year(mo, 1, p[0], p[1])
            return ("DATE", f"{y:04d}-{mo:02d}", mod, f"previous:{ctx.previous}")
        if yrel:
            return ("DATE", f"{ref.year + RELATIVE_SHIFTS[yrel]:04d}-{mo:02d}", mod, anchor)
        direction = ctx.future if ctx.future != "present" else None
        if "last" in rel or "past" in rel:
            y = ref.year if mo < ref.month else ref.year - 1
        elif "next" in rel or "coming" in rel:
            y = ref.year if mo > ref.month else ref.year + 1
        elif "this" in rel:
            y = ref.year
        else:
            y = infer_month(mo, ref, direction).year
        return ("DATE", f"{y:04d}-{mo:02d}", mod, anchor)

    return resolve


def h_year(m: re.Match[str]) -> Resolver | None:
    if m["y"].lower().startswith("two") and not re.search(
            r"(?i)\b(?:year|in|by|since|until|of|before|after)\s+$", m.string[:m.start("y")]):
        return None
    y = read_year(m["y"])
    mod = part_mod(m["part"])
    if m["y2"]:
        end = m["y2"]
        y2 = int(end) if len(end) == 4 else int(str(y)[:2] + end)
        if y2 <= y:
            return None
        return const("DATE", f"{y:04d}/{y2:04d}", mod)
    return const("DATE", f"{y:04d}", mod)


def h_decade(m: re.Match[str]) -> Resolver | None:
    mod = part_mod(m["part"])
    if m["dec"]:
        return const("DATE", m["dec"][:3], mod)
    short = int(m["short"])

    def resolve(ctx: Context) -> Result | None:
        century = 19
        if ctx.published and 2000 + short * 10 <= ctx.published.year:
            century = 20
        return ("DATE", f"{century}{short}", mod, None)

    return resolve


def h_decade_words(m: re.Match[str]) -> Resolver | None:
    """"the sixties": a decade of the twentieth century."""
    tens = WORD_NUMBERS[m["w"].lower()[:-3] + "y"]  # "sixties" -> "sixty"
    return const("DATE", f"19{tens // 10}", part_mod(m["part"]))


def h_century(m: re.Match[str]) -> Resolver | None:
    n = ORDINALS.get(m["n"].lower()) or read_leading_int(m["n"])
    if n < 1:
        return None
    return const("DATE", f"{n - 1:02d}", part_mod(m["part"]))


def _ordinal_quarter(word: str) -> int:
    """"third" or "3rd" -> 3; "last" and "final" -> 4."""
    if word in ORDINALS:
        q = ORDINALS[word]
        return 4 if q == -1 else q
    return read_leading_int(word)


def h_quarter(m: Groups) -> Resolver | None:
    q = _ordinal_quarter(m["q"].lower())
    if not 1 <= q <= 4:
        return None
    unit = "H" if m["unit"].lower() == "half" else "Q"
    if unit == "H" and q > 2:
        return None
    if unit == "H" and m["q"].lower() == "last":
        q = 2
    year = read_year(m["y"]) if m["y"] else None
    rel = (m["yrel"] or "").lower()
    mod = part_mod(m["part"])

    def resolve(ctx: Context) -> Result | None:
        if year is not None:
            return ("DATE", f"{year}-{unit}{q}", mod, None)
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            p = parse_value(ctx.previous)
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


def h_quarter_abbr(m: re.Match[str]) -> Resolver | None:
    q = int(m["q"])
    if not 1 <= q <= 4:
        return None
    digits = m["y"] or m["y0"]
    if digits:
        y = int(digits) if len(digits) == 4 else 2000 + int(digits)
        return const("DATE", f"{y}-Q{q}")

    def resolve(ctx: Context) -> Result | None:
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            return ("DATE", None, None, None)
        return ("DATE", f"{ref.year}-Q{q}", None, anchor)

    return resolve


def h_season(m: re.Match[str]) -> Resolver | None:
    s = SEASONS[m["s"].lower()]
    year = read_year(m["y"]) if m["y"] else None
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    mod = part_mod(m["part"])

    def resolve(ctx: Context) -> Result | None:
        if year is not None:
            return ("DATE", f"{year}-{s}", mod, None)
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            return ("DATE", None, mod, None)
        y = ref.year
        cur = season_of(ref.month)
        later = SEASON_ORDER.index(s) > SEASON_ORDER.index(cur)
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


def h_holiday(m: re.Match[str]) -> Resolver | None:
    md = HOLIDAYS[re.sub(r"\s+", " ", m["h"].lower())]
    mo, d = int(md[:2]), int(md[3:])
    year = read_year(m["y"]) if m["y"] else None

    def resolve(ctx: Context) -> Result | None:
        if year is not None:
            return ("DATE", f"{year}-{md}", None, None)
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            return ("DATE", None, None, None)
        day = infer_day(mo, d, ref, ctx.future)
        if day is None:  # not reached: every holiday is a day of every year (tested)
            return None
        return ("DATE", day.isoformat(), None, anchor)

    return resolve


def h_clock(m: Groups) -> Resolver | None:
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
    cal = (read_month(m["cmon"]), int(m["cday"])) if m["cmon"] else None
    if cal and not 1 <= cal[1] <= 31:
        return None

    def resolve(ctx: Context) -> Result | None:
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            return ("TIME", None, None, None)
        d = ref
        if "yesterday" in day:
            d = ref - timedelta(days=1)
        elif "tomorrow" in day:
            d = ref + timedelta(days=1)
        elif cal:
            d = infer_day(cal[0], cal[1], ref, ctx.future) or ref
        elif wd:
            diff = WEEKDAYS[wd] - ref.isoweekday()
            d = ref + timedelta(days=diff % 7) if ctx.future else ref - timedelta(
                days=(-diff) % 7)
        return ("TIME", f"{d.isoformat()}T{h:02d}:{mi:02d}", None, anchor)

    return resolve
