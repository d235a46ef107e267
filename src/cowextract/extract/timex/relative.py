"""Handlers of relative expressions: deictic ones ("yesterday", "last week", "three years
ago", "now"), resolved against the publication date, and anaphoric ones ("the next day",
"that month", "two days later"), resolved against the last date mentioned."""

from __future__ import annotations

import re
from datetime import timedelta

from cowextract.extract.timex.anchors import (
    Context,
    Groups,
    Resolver,
    Result,
    anaphoric_anchor,
    const,
    deictic_anchor,
)
from cowextract.extract.timex.calendar import GRAN_ORDER, parse_value, render, shift
from cowextract.extract.timex.fragments import NUM, UNIT, VAGUE
from cowextract.extract.timex.vocabulary import (
    ANAPHORIC,
    BACKWARD_DIRECTIONS,
    DAY_PARTS,
    DAY_SHIFTS,
    DEICTIC_DAYS,
    DEICTIC_DIRECTIONS,
    REFS,
    RELATIVE_SHIFTS,
    part_mod,
    read_number,
    read_unit,
    read_weekday,
)
from cowextract.models import TimexType


def h_period(m: re.Match[str]) -> Resolver | None:
    def resolve(ctx: Context) -> Result | None:
        p = parse_value(ctx.previous)
        if p is None or p[1] not in ("Q", "H", "M"):
            return None
        return ("DATE", ctx.previous, None, f"previous:{ctx.previous}")

    return resolve


def h_today(m: re.Match[str]) -> Resolver | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    part = (m["dp"] or "").lower() or ("night" if word == "tonight" else "")
    mod = part_mod(m["part"])

    def resolve(ctx: Context) -> Result | None:
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            return ("TIME" if part else "DATE", None, mod, None)
        d = ref + timedelta(days=DEICTIC_DAYS[word])
        if part:
            return ("TIME", f"{d.isoformat()}T{DAY_PARTS[part]}", mod, anchor)
        return ("DATE", d.isoformat(), mod, anchor)

    return resolve


def h_thispart(m: re.Match[str]) -> Resolver | None:
    rel = m["rel"].lower()
    part = m["dp"].lower()

    def resolve(ctx: Context) -> Result | None:
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            return ("TIME", None, None, None)
        d = ref - timedelta(days=1) if rel == "last" and part == "night" else ref
        return ("TIME", f"{d.isoformat()}T{DAY_PARTS[part]}", None, anchor)

    return resolve


def h_weekday(m: re.Match[str]) -> Resolver | None:
    wd = read_weekday(m["wd"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()).strip()
    part = (m["dp"] or "").lower()

    def resolve(ctx: Context) -> Result | None:
        ref, anchor = deictic_anchor(ctx)
        kind: TimexType = "TIME" if part else "DATE"
        if ref is None:
            p = parse_value(ctx.previous)
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
            return (kind, f"{d.isoformat()}T{DAY_PARTS[part]}", None, anchor)
        return (kind, d.isoformat(), None, anchor)

    return resolve


def h_rel(m: re.Match[str]) -> Resolver | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = read_unit(m["u"])
    mod = part_mod(m["part"]) or part_mod(re.sub(r"(?i)earlier|later|so\s+far", "",
                                                    m["pre"] or ""))
    fiscal = bool(m["fisc"])
    if unit in ("S", "MIN", "H", "2W"):
        return None
    step = RELATIVE_SHIFTS[rel]
    if unit == "CE" and rel == "the":
        return None

    def resolve(ctx: Context) -> Result | None:
        anaphoric = rel in ANAPHORIC
        if anaphoric and unit != "Q":
            ref, gran, anchor = anaphoric_anchor(ctx)
            if ref is None:
                return ("DATE", None, mod, None)
        else:
            ref, anchor = deictic_anchor(ctx)
            if ref is None:
                return ("DATE", None, mod, None)
        if unit == "Q" and step == 0 and rel != "this" and "current" not in rel:
            # "the quarter", "the latest quarter": the quarter under discussion, else the
            # last one completed before publication
            p = parse_value(ctx.previous)
            if p and p[1] == "Q":
                return ("DATE", ctx.previous, mod, f"previous:{ctx.previous}")
            return ("DATE", render(shift(ref, -1, "Q"), "Q"), mod, anchor)
        if unit == "WE" and rel in ("the", "this"):
            # the weekend just past unless the clause looks forward
            if ctx.future is True or ctx.future == "present":
                d = ref
            else:
                d = ref if ref.isoweekday() >= 6 else ref - timedelta(weeks=1)
            return ("DATE", render(d, "WE"), mod, anchor)
        if rel in ("the", "the latest") and unit == "Y" and fiscal and "latest" in rel:
            return ("DATE", render(shift(ref, -1, "Y"), "Y"), mod, anchor)
        d = shift(ref, step, unit)
        return ("DATE", render(d, unit), mod, anchor)

    return resolve


def rel_ok(m: re.Match[str]) -> bool:
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


def _sentence_start(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 3): m.start()]
    return not before.strip() or re.search(r"[.!?:\"“'‘(\n]\s*$", before) is not None


def h_ago(m: re.Match[str]) -> Resolver | None:
    n = read_number(m["n"]) if m["n"] else None
    if m["n"] and n is None and not re.fullmatch(VAGUE, m["n"]):
        return None
    unit = read_unit(m["u"])
    word = m["dir"].lower()
    sign = -1 if word in BACKWARD_DIRECTIONS else 1
    deictic = word in DEICTIC_DIRECTIONS
    if unit in ("S", "MIN") or (n is not None and n != int(n)):
        return None

    def resolve(ctx: Context) -> Result | None:
        if deictic:
            ref, anchor = deictic_anchor(ctx)
            gran: str | None = "D"
        else:
            ref, gran, anchor = anaphoric_anchor(ctx)
        if ref is None:
            return ("DATE", None, None, None)
        if n is None:
            return ("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, anchor)
        if unit == "H":
            return None
        target_gran = unit if unit not in ("2W",) else "D"
        prev = parse_value(ctx.previous)
        if unit == "Y" and prev and prev[1] in ("Q", "H") and int(n) == 1:
            # a year before the quarter under discussion: the same quarter a year back
            target_gran, ref = prev[1], prev[0]
            anchor = f"previous:{ctx.previous}"
        elif not deictic and unit in ("Y", "M", "W", "D") and gran in ("D", "M", "Q"):
            target_gran = gran if GRAN_ORDER.index(gran) <= GRAN_ORDER.index(unit) else unit
        elif unit in ("D", "W", "WE") and gran == "D":
            target_gran = "D" if unit == "D" else unit
        elif not deictic and gran in ("M", "Y", "Q") and unit in ("D", "W"):
            return ("DATE", None, None, anchor)
        d = shift(ref, sign * int(n), unit)
        return ("DATE", render(d, target_gran), None, anchor)

    return resolve


def h_yearago(m: re.Match[str]) -> Resolver | None:
    word = m["dir"].lower()
    noun = (m["noun"] or "").lower()

    def resolve(ctx: Context) -> Result | None:
        prev = parse_value(ctx.previous)
        if prev and prev[1] in ("Q", "M", "H"):
            return ("DATE", render(shift(prev[0], -1, "Y"), prev[1]), None,
                    f"previous:{ctx.previous}")
        if word == "ago":
            ref, anchor = deictic_anchor(ctx)
        else:
            ref, _, anchor = anaphoric_anchor(ctx)
        if ref is None:
            return ("DATE", None, None, None)
        if noun == "quarter" and anchor and anchor.startswith("published"):
            return ("DATE", render(shift(ref, -5, "Q"), "Q"), None, anchor)
        return ("DATE", render(shift(ref, -1, "Y"), "Y"), None, anchor)

    return resolve


def h_next_day(m: Groups) -> Resolver | None:
    rel = re.sub(r"\s+", " ", (m["rel"] or m["rel2"] or "").lower())
    unit = read_unit(m["u"]) if m["u"] else "D"
    part = (m["dp"] or "").lower()
    step = DAY_SHIFTS[rel.split()[-1]]

    def resolve(ctx: Context) -> Result | None:
        ref, gran, anchor = anaphoric_anchor(ctx)
        kind: TimexType = "TIME" if part else "DATE"
        if ref is None:
            return (kind, None, None, None)
        if gran != "D" and unit == "D":
            return (kind, None, None, anchor)
        d = shift(ref, step, unit)
        value = render(d, unit)
        if part:
            value = f"{d.isoformat()}T{DAY_PARTS[part]}"
        return (kind, value, None, anchor)

    return resolve


def h_yearend(m: re.Match[str]) -> Resolver | None:
    def resolve(ctx: Context) -> Result | None:
        ref, anchor = deictic_anchor(ctx)
        if ref is None:
            return ("DATE", None, "END", None)
        return ("DATE", f"{ref.year}", "END", anchor)

    return resolve


def h_ref(m: re.Match[str]) -> Resolver | None:
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
            rf"\s+(?:{NUM}|{VAGUE})?[-\s]*(?:{UNIT}|summers|winters|springs|autumns)\b",
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
    return const("DATE", value)
