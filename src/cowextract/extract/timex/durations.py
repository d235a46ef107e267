"""Handlers of durations ("three years", "the past two weeks", "several months") and sets,
the recurring times ("every Monday", "twice a year", "weekly")."""

from __future__ import annotations

import re

from cowextract.extract.timex.anchors import Groups, Resolver, const
from cowextract.extract.timex.calendar import duration
from cowextract.extract.timex.fragments import VAGUE
from cowextract.extract.timex.vocabulary import SET_ADVERBS, read_number, read_unit, read_weekday


def h_duration(m: re.Match[str]) -> Resolver | None:
    unit = read_unit(m["u"])
    if unit == "S" and m["u"].lower() == "second" and not m["n"][:1].isdigit():
        return None  # "a second official"
    if m["n"] and re.fullmatch(VAGUE, m["n"]):
        n = None
    elif m["n"]:
        n = read_number(m["n"])
        if n is None:
            return None
    else:
        n = None
    if m["n2"]:
        n = read_number(m["n2"]) if read_number(m["n2"]) is not None else n
    if unit == "WE":
        return None
    return const("DURATION", duration(n, unit))


def h_plural(m: re.Match[str]) -> Resolver | None:
    return const("DURATION", duration(None, read_unit(m["u"])))


def h_set(m: Groups) -> Resolver | None:
    if m["wd"]:
        return const("SET", f"XXXX-WXX-{read_weekday(m['wd'])}")
    if m["adv"]:
        unit = SET_ADVERBS[m["adv"].lower()]
        return const("SET", duration(1, unit))
    unit = read_unit(m["u"])
    n = read_number(m["n"]) if m["n"] else 1
    return const("SET", duration(n or 1, unit))
